/* script.c: see script.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app_net.h"
#include "chess_view.h"
#include "connect_screen.h"
#include "host_screen.h"
#include "render.h"
#include "script.h"

enum { SCRIPT_POLL_MS = 20, DRAG_STEPS = 6 };

static char script_text[8192];
static char *script_next;    /* the next line, NULL once done */
static Uint32 sleep_until;   /* SDL tick a `sleep` waits for, 0: none */
static game_promotion promo; /* a promotion to pick in the chooser next */

int script_load(app *a, const char *path, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, cap, "cannot read --script %s", path);
        return -1;
    }
    size_t n = fread(script_text, 1, sizeof script_text - 1, f);
    int too_long = !feof(f);
    fclose(f);
    if (too_long) {
        snprintf(err, cap, "--script %s is longer than %zu bytes", path, sizeof script_text - 1);
        return -1;
    }
    script_text[n] = 0;
    script_next = script_text;
    (void)a;
    return 0;
}

/* The window point (mouse event coordinates) at the centre of a cell. */
static void cell_point(app *a, int x, int y, int *px, int *py)
{
    board_geom g;
    render_board_geom(&g, &a->layout, session_board(a->ses), session_flipped(a->ses));
    board_geom_center(&g, x, y, px, py);
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, px, py);
}

static void push_button(int down, int px, int py)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    ev.button.clicks = 1;
    ev.button.x = px;
    ev.button.y = py;
    SDL_PushEvent(&ev);
}

static void push_motion(int px, int py, int held)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = SDL_MOUSEMOTION;
    ev.motion.state = held ? SDL_BUTTON_LMASK : 0;
    ev.motion.x = px;
    ev.motion.y = py;
    SDL_PushEvent(&ev);
}

static void click_at(int px, int py)
{
    push_motion(px, py, 0);
    push_button(1, px, py);
    push_button(0, px, py);
}

static void click_cell(app *a, int x, int y)
{
    int px, py;
    cell_point(a, x, y, &px, &py);
    click_at(px, py);
}

/* Reads a cell ("h8") at *s; 1 and advances *s, or 0. */
static int parse_cell(const char **s, int *x, int *y)
{
    const char *p = *s;
    if (!islower((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
        return 0;
    *x = p[0] - 'a';
    *y = 0;
    for (p++; isdigit((unsigned char)*p); p++)
        *y = *y * 10 + (*p - '0');
    *y -= 1;
    *s = p;
    return *y >= 0;
}

static game_promotion promo_of(char c)
{
    switch (tolower((unsigned char)c)) {
    case 'n':
        return GAME_PROMO_KNIGHT;
    case 'b':
        return GAME_PROMO_BISHOP;
    case 'r':
        return GAME_PROMO_ROOK;
    case 'q':
        return GAME_PROMO_QUEEN;
    default:
        return GAME_PROMO_NONE;
    }
}

/* The move TEXT names, by its cells ("h8", "e2e4", "e7e8q"), else by the
 * rules (SAN); 0 when it names nothing. Illegal moves given by cells are
 * returned as they are, so the UI's refusal can be tested. */
static int parse_move(app *a, const char *text, game_move *m)
{
    const char *p = text;
    int x1, y1, x2, y2;
    memset(m, 0, sizeof *m);
    if (parse_cell(&p, &x1, &y1)) {
        if (*p == 0) {
            m->from_x = m->from_y = GAME_NO_SQUARE;
            m->to_x = (uint8_t)x1;
            m->to_y = (uint8_t)y1;
            return 1;
        }
        if (parse_cell(&p, &x2, &y2) && (p[0] == 0 || (promo_of(p[0]) && p[1] == 0))) {
            m->from_x = (uint8_t)x1;
            m->from_y = (uint8_t)y1;
            m->to_x = (uint8_t)x2;
            m->to_y = (uint8_t)y2;
            m->promotion = (uint8_t)promo_of(p[0]);
            return 1;
        }
    }
    const game *g = session_game(a->ses);
    return g && session_ops(a->ses)->move_from_text(g, text, m) == GAME_OK;
}

static int my_turn(const app *a)
{
    return session_my_turn(a->ses);
}

/* move / drag: 0 while waiting for our turn, else 1. */
static int run_move(app *a, const char *text, int drag)
{
    if (!my_turn(a))
        return 0;
    game_move m;
    if (!parse_move(a, text, &m)) {
        fprintf(stderr, "matchboard: --script: \"%s\" is not a move\n", text);
        return 1;
    }
    if (m.from_x == GAME_NO_SQUARE) {
        click_cell(a, m.to_x, m.to_y);
        return 1;
    }
    int fx, fy, tx, ty;
    cell_point(a, m.from_x, m.from_y, &fx, &fy);
    cell_point(a, m.to_x, m.to_y, &tx, &ty);
    if (drag) {
        push_motion(fx, fy, 0);
        push_button(1, fx, fy);
        for (int i = 1; i <= DRAG_STEPS; i++)
            push_motion(fx + (tx - fx) * i / DRAG_STEPS, fy + (ty - fy) * i / DRAG_STEPS, 1);
        push_button(0, tx, ty);
    } else {
        click_at(fx, fy);
        click_at(tx, ty);
    }
    promo = (game_promotion)m.promotion;
    return 1;
}

/* Clicks the chooser's entry for the pending promotion, once it is open. */
static void pick_promotion(app *a)
{
    game_promotion want = promo;
    promo = GAME_PROMO_NONE;
    const board_view *v = session_board(a->ses);
    if (!v->promo_open)
        return;
    board_geom g;
    render_board_geom(&g, &a->layout, v, session_flipped(a->ses));
    for (int i = 0; i < 4; i++) {
        if (chess_view_promo_order[i] != want)
            continue;
        ui_rect r = chess_view_promo_rect(&g, v, i);
        int px = r.x + r.w / 2, py = r.y + r.h / 2;
        ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, &px, &py);
        click_at(px, py);
    }
}

/* button LABEL (underscores for spaces): 0 until a panel button of that
 * label is shown and enabled, then clicks it. */
static int run_button(app *a, const char *label)
{
    char want[64];
    int slot;
    if (a->screen != APP_SCREEN_GAME || !session_client(a->ses))
        return 0;
    snprintf(want, sizeof want, "%s", label);
    for (char *c = want; *c; c++)
        if (*c == '_')
            *c = ' ';
    slot = session_button_slot(a->ses, want);
    if (slot < 0)
        return 0;
    int px = a->layout.button[slot].x + a->layout.button[slot].w / 2;
    int py = a->layout.button[slot].y + a->layout.button[slot].h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, &px, &py);
    click_at(px, py);
    return 1;
}

/* premove TEXT (chess, "e7e5"): 0 until a game runs and it is the
 * opponent's move, then clicks the two squares. */
static int run_premove(app *a, const char *text)
{
    game_move m;
    const client *c = session_client(a->ses);
    if (!c || client_get_state(c) != CLIENT_PLAYING || my_turn(a) ||
        client_side(c) == GAME_SIDE_NONE)
        return 0;
    if (!parse_move(a, text, &m) || m.from_x == GAME_NO_SQUARE) {
        fprintf(stderr, "matchboard: --script: \"%s\" is not a premove\n", text);
        return 1;
    }
    click_cell(a, m.from_x, m.from_y);
    click_cell(a, m.to_x, m.to_y);
    return 1;
}

/* rclick: a right click on the board's centre (drops a premove). */
static void run_rclick(app *a)
{
    int px, py;
    SDL_Event ev;
    cell_point(a, session_board(a->ses)->cols / 2, session_board(a->ses)->rows / 2, &px, &py);
    SDL_zero(ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_RIGHT;
    ev.button.state = SDL_PRESSED;
    ev.button.clicks = 1;
    ev.button.x = px;
    ev.button.y = py;
    SDL_PushEvent(&ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

/* proposal N: 0 until we are to pick among proposed fifth moves (a Gomoku
 * opening), then clicks the N-th (from 1). */
static int run_proposal(app *a, int n)
{
    const client *c = session_client(a->ses);
    const packet_opening_state *o = c ? client_opening(c) : NULL;
    if (!my_turn(a) || !o || !client_in_opening(c) || o->step != 5 /* select */)
        return 0;
    if (n >= 1 && n <= o->count)
        click_cell(a, o->points[2 * (n - 1)], o->points[2 * (n - 1) + 1]);
    else
        fprintf(stderr, "matchboard: --script: there is no proposal %d\n", n);
    return 1;
}

/* send: 0 while a move of ours awaits the server, else 1. */
static int run_send(app *a, const char *text)
{
    const client *c = session_client(a->ses);
    if (!c || client_get_state(c) != CLIENT_PLAYING || client_move_pending(c))
        return 0;
    game_move m;
    if (!parse_move(a, text, &m)) {
        fprintf(stderr, "matchboard: --script: \"%s\" is not a move\n", text);
    } else {
        session_send_move(a->ses, &m);
        app_net_flush(a);
    }
    return 1;
}

static void push_key(const char *name)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = SDL_GetKeyFromName(name);
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

/* chat: once seated, clicks the chat line, types text (a text-input event
 * per character, as a keyboard would) and presses Enter; 0 until then. */
static int run_chat(app *a, const char *text)
{
    const client *c = session_client(a->ses);
    if (a->screen != APP_SCREEN_GAME || !c || !session_online(a->ses) || client_seat(c) == 0)
        return 0;
    ui_rect r = a->layout.chat_input;
    int px = r.x + r.w / 2, py = r.y + r.h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, &px, &py);
    click_at(px, py);
    for (const char *p = text; *p;) {
        SDL_Event ev;
        SDL_zero(ev);
        ev.type = SDL_TEXTINPUT;
        size_t n = 1;
        while (n < sizeof ev.text.text - 1 && ((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        memcpy(ev.text.text, p, n);
        SDL_PushEvent(&ev);
        p += n;
    }
    push_key("Return");
    return 1;
}

/* wait-file: 1 once the file PATH exists (the test says when). */
static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* Clicks the centre of drawable rect r. */
static void click_rect(app *a, ui_rect r)
{
    int px = r.x + r.w / 2, py = r.y + r.h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, &px, &py);
    click_at(px, py);
}

/* leave: clicks the game screen's Leave button; 0 until it is shown. */
static int run_leave(app *a)
{
    panel_info p;
    if (a->screen != APP_SCREEN_GAME || a->leaving || session_leave_question(a->ses))
        return 0;
    session_fill_panel(a->ses, &p);
    if (!p.leave_on)
        return 0;
    click_rect(a, a->layout.leave);
    return 1;
}

/* confirm yes|no: clicks that button of the leave question; 0 until it is
 * asked. */
static int run_confirm(app *a, const char *arg)
{
    ui_rect box, yes, no;
    if (a->screen != APP_SCREEN_GAME || !session_leave_question(a->ses))
        return 0;
    ui_layout_confirm(&a->layout, &box, &yes, &no);
    click_rect(a, strcmp(arg, "yes") == 0 ? yes : no);
    return 1;
}

/* close: the window's close button (SDL_WINDOWEVENT_CLOSE). */
static void push_close(app *a)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = SDL_WINDOWEVENT_CLOSE;
    ev.window.windowID = SDL_GetWindowID(a->win);
    SDL_PushEvent(&ev);
}

/* Runs one command; 0 when it must be tried again later. */
static int run(app *a, const char *cmd, const char *arg)
{
    int x, y;
    const char *p = arg;
    if (strcmp(cmd, "move") == 0 || strcmp(cmd, "drag") == 0)
        return run_move(a, arg, cmd[0] == 'd');
    if (strcmp(cmd, "click") == 0) {
        if (a->screen != APP_SCREEN_GAME || !session_client(a->ses) || !session_game(a->ses))
            return 0;
        if (parse_cell(&p, &x, &y))
            click_cell(a, x, y);
    } else if (strcmp(cmd, "lan") == 0) { /* wait for LAN row N, then click it */
        int px, py;
        if (connect_screen_lan_row(a, SDL_atoi(arg), &px, &py) != 0)
            return 0;
        click_at(px, py);
    } else if (strcmp(cmd, "computer") == 0) { /* click a Play the computer button */
        int px, py;
        if (connect_screen_computer_button(a, arg, &px, &py) != 0)
            return 0;
        click_at(px, py);
    } else if (strcmp(cmd, "watch") == 0) { /* the connect screen's Watch button */
        int px, py;
        if (connect_screen_watch_button(a, &px, &py) != 0)
            return 0;
        click_at(px, py);
    } else if (strcmp(cmd, "host") == 0) { /* the Host a game dialog */
        int px, py, r;
        if (strcmp(arg, "open") == 0) /* the connect screen's button */
            r = !a->host_open && !a->connecting && connect_screen_host_button(a, &px, &py) == 0
                    ? 1
                    : -1;
        else
            r = host_screen_script(a, arg, &px, &py);
        if (r > 0)
            click_at(px, py);
        return r == 0 || r == 1;
    } else if (strcmp(cmd, "send") == 0) {
        return run_send(a, arg);
    } else if (strcmp(cmd, "button") == 0) {
        return run_button(a, arg);
    } else if (strcmp(cmd, "proposal") == 0) {
        return run_proposal(a, SDL_atoi(arg));
    } else if (strcmp(cmd, "premove") == 0) {
        return run_premove(a, arg);
    } else if (strcmp(cmd, "rclick") == 0) {
        run_rclick(a);
    } else if (strcmp(cmd, "plies") == 0) { /* wait until the game has N moves */
        return session_client(a->ses) && session_game(a->ses) &&
               session_ops(a->ses)->ply(session_game(a->ses)) >= (uint32_t)SDL_atoi(arg);
    } else if (strcmp(cmd, "drop") == 0) {
        app_net_drop(a);
    } else if (strcmp(cmd, "key") == 0) {
        push_key(arg);
    } else if (strcmp(cmd, "sleep") == 0) {
        if (sleep_until == 0) {
            sleep_until = SDL_GetTicks() + (Uint32)SDL_atoi(arg) + 1;
            return 0;
        }
        if ((Sint32)(SDL_GetTicks() - sleep_until) < 0)
            return 0;
        sleep_until = 0;
    } else if (strcmp(cmd, "shot") == 0) {
        a->shot_now = 1;
        a->dirty = 1;
    } else if (strcmp(cmd, "chat") == 0) {
        return run_chat(a, arg);
    } else if (strcmp(cmd, "wait-file") == 0) {
        return file_exists(arg);
    } else if (strcmp(cmd, "quit") == 0) {
        a->running = 0;
    } else if (strcmp(cmd, "leave") == 0) {
        return run_leave(a);
    } else if (strcmp(cmd, "confirm") == 0) {
        return run_confirm(a, arg);
    } else if (strcmp(cmd, "close") == 0) {
        push_close(a);
    } else {
        fprintf(stderr, "matchboard: --script: unknown command \"%s\"\n", cmd);
    }
    return 1;
}

int script_step(app *a)
{
    if (promo != GAME_PROMO_NONE) {
        pick_promotion(a);
        return 0; /* the click first: the move it makes ends our turn */
    }
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
        if (strcmp(cmd, "chat") == 0) /* its text is the rest of the line */
            sscanf(line, "%*15s %63[^\r\n]", arg);
        if (!run(a, cmd, arg)) {
            if (sleep_until) {
                Sint32 left = (Sint32)(sleep_until - SDL_GetTicks());
                return left < 0 ? 0 : left < SCRIPT_POLL_MS ? left : SCRIPT_POLL_MS;
            }
            return SCRIPT_POLL_MS;
        }
        script_next = end ? end + 1 : NULL;
        return 0; /* let the loop handle what was pushed, then go on */
    }
    return promo != GAME_PROMO_NONE ? 0 : -1;
}
