/* script.c: see script.h. */
#include <stdio.h>
#include <string.h>

#include "board_model.h"
#include "render.h"
#include "script.h"

enum { SCRIPT_POLL_MS = 20 };

static char script_text[8192];
static char *script_next; /* the next line, NULL once done */

int script_load(app *a, const char *path, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, cap, "cannot read --script %s", path);
        return -1;
    }
    size_t n = fread(script_text, 1, sizeof script_text - 1, f);
    fclose(f);
    script_text[n] = 0;
    script_next = script_text;
    (void)a;
    return 0;
}

static void push_click(app *a, int x, int y)
{
    board_geom g;
    render_board_geom(&g, &a->layout, &a->view, app_board_flipped(a));
    int px, py;
    board_geom_center(&g, x, y, &px, &py);
    /* drawable to window points */
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, &px, &py);
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.state = SDL_PRESSED;
    ev.button.x = px;
    ev.button.y = py;
    SDL_PushEvent(&ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

static int run_move(app *a, const char *text)
{
    if (!a->cl || !client_my_turn(a->cl))
        return 0; /* not yet */
    game_move m;
    if (client_ops(a->cl)->move_from_text(client_game(a->cl), text, &m) != GAME_OK) {
        /* Not legal here: click it anyway, so the UI shows its refusal. */
        int x = text[0] - 'a', y = 0;
        sscanf(text + 1, "%d", &y);
        push_click(a, x, y - 1);
        return 1;
    }
    if (m.from_x != GAME_NO_SQUARE)
        push_click(a, m.from_x, m.from_y);
    push_click(a, m.to_x, m.to_y);
    return 1;
}

int script_step(app *a)
{
    while (script_next && *script_next) {
        char line[128];
        char *end = strchr(script_next, '\n');
        size_t len = end ? (size_t)(end - script_next) : strlen(script_next);
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1),
                 script_next);
        char cmd[16] = "", arg[64] = "";
        if (line[0] == '#' || sscanf(line, "%15s %63s", cmd, arg) < 1) {
            script_next = end ? end + 1 : NULL;
            continue;
        }
        int done = 1;
        if (strcmp(cmd, "move") == 0)
            done = run_move(a, arg);
        else if (strcmp(cmd, "lan") == 0) { /* wait for LAN row N, then click it */
            int px, py;
            done = connect_screen_lan_row(a, atoi(arg), &px, &py) == 0;
            if (done)
                for (int k = 0; k < 2; k++) {
                    SDL_Event ev;
                    SDL_zero(ev);
                    ev.type = k ? SDL_MOUSEBUTTONUP : SDL_MOUSEBUTTONDOWN;
                    ev.button.button = SDL_BUTTON_LEFT;
                    ev.button.state = k ? SDL_RELEASED : SDL_PRESSED;
                    ev.button.x = px;
                    ev.button.y = py;
                    SDL_PushEvent(&ev);
                }
        } else if (strcmp(cmd, "drop") == 0)
            app_net_drop(a);
        else if (strcmp(cmd, "key") == 0) {
            SDL_Event ev;
            SDL_zero(ev);
            ev.type = SDL_KEYDOWN;
            ev.key.keysym.sym = SDL_GetKeyFromName(arg);
            SDL_PushEvent(&ev);
        }
        if (!done)
            return SCRIPT_POLL_MS;
        script_next = end ? end + 1 : NULL;
        return SCRIPT_POLL_MS;
    }
    return -1;
}
