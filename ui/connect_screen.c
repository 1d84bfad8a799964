/* connect_screen.c: the form shown before a game: the servers heard on the
 * LAN (one click joins), server address with the last few remembered,
 * player name, a Connect button, and why the last attempt failed. Tab moves
 * between the fields, Enter connects. */
#include <stdio.h>
#include <string.h>

#include "app_net.h"
#include "computer.h"
#include "computer_levels.h"
#include "connect_screen.h"
#include "draw.h"
#include "host_screen.h"
#include "theme.h"
#include "utf8.h"

typedef struct form_layout {
    ui_rect box, title, lan_label, host, name, button, error;
    ui_rect watch;     /* Watch, beside Connect: a spectator of the server's game */
    ui_rect host_game; /* Host a game (host_screen.c) */
    ui_rect cpu_label, cpu_gomoku, cpu_chess, cpu_level, cpu_opening; /* Play the computer */
    ui_rect lan[APP_LAN_ROWS];
    ui_rect recent[UI_CONFIG_HOSTS];
    int font, line;
} form_layout;

static void layout_form(const app *a, form_layout *f)
{
    const ui_layout *l = &a->layout;
    f->font = l->font_px * 5 / 4;
    f->line = f->font * 2;
    int w = f->font * 24, h = f->line * (9 + UI_CONFIG_HOSTS) / 2 + f->line * 4 + f->line * 3;
    int with_lan = !a->opt.no_discovery;
    if (with_lan)
        h += f->line * (APP_LAN_ROWS * 4 / 5 + 1);
    if (w > l->w - 2 * l->pad)
        w = l->w - 2 * l->pad;
    f->box = (ui_rect){(l->w - w) / 2, (l->h - h) / 2, w, h};
    if (f->box.y < 0)
        f->box.y = 0;
    int x = f->box.x + f->font, fw = w - 2 * f->font, y = f->box.y + f->font;
    f->title = (ui_rect){x, y, fw, f->line * 3 / 2};
    y += f->line * 2 + f->line / 2;
    f->lan_label = (ui_rect){x, y, fw, with_lan ? f->line * 3 / 4 : 0};
    y += f->lan_label.h;
    for (int i = 0; i < APP_LAN_ROWS; i++) {
        f->lan[i] = (ui_rect){x, y, fw, with_lan ? f->line * 4 / 5 : 0};
        y += f->lan[i].h;
    }
    if (with_lan)
        y += f->line / 2 + f->font / 2;
    f->host = (ui_rect){x, y, fw, f->line};
    y += f->line + f->font / 3;
    for (int i = 0; i < UI_CONFIG_HOSTS; i++) {
        f->recent[i] = (ui_rect){x, y, fw, i < a->config.n_hosts ? f->line * 3 / 4 : 0};
        y += f->recent[i].h;
    }
    y += f->line;
    f->name = (ui_rect){x, y, fw, f->line};
    y += f->line * 3 / 2;
    {
        int cw = fw - fw * 2 / 5 - f->font / 2; /* Connect and Watch share this */
        f->button = (ui_rect){x, y, cw * 3 / 5, f->line * 5 / 4};
        f->watch = (ui_rect){x + cw * 3 / 5 + f->font / 2, y, cw - cw * 3 / 5 - f->font / 2,
                             f->line * 5 / 4};
    }
    f->host_game = (ui_rect){x + fw - fw * 2 / 5, y, fw * 2 / 5, f->line * 5 / 4};
    y += f->line * 3 / 2;
    f->cpu_label = (ui_rect){x, y, fw, f->line * 3 / 4};
    /* Gomoku's opening: a small button at the label's right */
    f->cpu_opening = (ui_rect){x + fw * 2 / 5, y - f->line / 8, fw - fw * 2 / 5, f->line * 3 / 4};
    y += f->cpu_label.h + f->line / 8;
    {
        int bw = (fw - f->font) / 3;
        f->cpu_gomoku = (ui_rect){x, y, bw, f->line * 5 / 4};
        f->cpu_chess = (ui_rect){x + bw + f->font / 2, y, bw, f->line * 5 / 4};
        f->cpu_level =
            (ui_rect){x + 2 * (bw + f->font / 2), y, fw - 2 * (bw + f->font / 2), f->line * 5 / 4};
    }
    y += f->line * 3 / 2 + f->line / 4;
    f->error = (ui_rect){x, y, fw, f->line};
}

static void draw_field(app *a, const form_layout *f, ui_rect r, const char *label,
                       const char *value, int focus)
{
    ui_text_draw(a->text, label, f->font * 4 / 5, THEME_TEXT_DIM, r.x, r.y - f->font * 3 / 5,
                 UI_ALIGN_LEFT);
    draw_round_rect(a->ren, r, f->font / 3, focus ? THEME_BUTTON_HOT : THEME_PANEL_BOX);
    int w = ui_text_draw_fit(a->text, value, f->font, THEME_TEXT, r.x + f->font / 2, r.y + r.h / 2,
                             UI_ALIGN_LEFT, r.w - f->font);
    if (focus)
        draw_fill(a->ren, (ui_rect){r.x + f->font / 2 + w + 1, r.y + r.h / 5, 2, r.h * 3 / 5},
                  THEME_TEXT);
}

/* The LAN list: one row per server, "name · game", and how many players
 * wait for an opponent on the right. */
static void draw_lan(app *a, const form_layout *f)
{
    const discovery_server *rows[APP_LAN_ROWS];
    size_t n = connect_discovery_rows(a, rows);
    if (a->opt.no_discovery)
        return;
    ui_text_draw(a->text, "Servers on your LAN (click to join)", f->font * 4 / 5, THEME_TEXT_DIM,
                 f->lan_label.x, f->lan_label.y + f->lan_label.h / 2, UI_ALIGN_LEFT);
    if (n == 0) {
        ui_text_draw(a->text, a->lan ? "Looking for servers…" : "LAN discovery unavailable",
                     f->font * 4 / 5, THEME_TEXT_DIM, f->lan[0].x + f->font / 2,
                     f->lan[0].y + f->lan[0].h / 2, UI_ALIGN_LEFT);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const discovery_reply *r = &rows[i]->reply;
        ui_rect row = f->lan[i];
        char game[48], line[160], waiting[32];
        discovery_describe_game(r, game, sizeof game);
        snprintf(line, sizeof line, "%s · %s", r->name, game);
        snprintf(waiting, sizeof waiting, "%lu waiting", (unsigned long)r->waiting);
        draw_round_rect(a->ren, (ui_rect){row.x, row.y + 2, row.w, row.h - 4}, f->font / 3,
                        r->waiting ? THEME_BUTTON_HOT : THEME_BUTTON);
        int ww = ui_text_draw_fit(
            a->text, waiting, f->font * 3 / 4, r->waiting ? THEME_GOOD : THEME_TEXT_DIM,
            row.x + row.w - f->font / 2, row.y + row.h / 2, UI_ALIGN_RIGHT, row.w / 3);
        ui_text_draw_fit(a->text, line, f->font * 3 / 4, THEME_TEXT, row.x + f->font / 2,
                         row.y + row.h / 2, UI_ALIGN_LEFT, row.w - ww - f->font * 3 / 2);
    }
}

static void draw_button(app *a, const form_layout *f, ui_rect r, const char *label, int hot)
{
    draw_round_rect(a->ren, r, f->font / 3,
                    a->connecting ? THEME_BUTTON_OFF
                    : hot         ? THEME_BUTTON_HOT
                                  : THEME_BUTTON);
    ui_text_draw_fit(a->text, label, f->font * 4 / 5, THEME_TEXT, r.x + r.w / 2, r.y + r.h / 2,
                     UI_ALIGN_CENTER, r.w - f->font / 2);
}

/* "Play the computer": Gomoku, Chess (each on a server of its own on
 * this machine), the level and Gomoku's opening rule, a click for the
 * next. */
static void draw_computer(app *a, const form_layout *f)
{
    char level[48], opening[64];
    ui_text_draw(a->text, "Play the computer", f->font * 4 / 5, THEME_TEXT_DIM, f->cpu_label.x,
                 f->cpu_label.y + f->cpu_label.h / 2, UI_ALIGN_LEFT);
    draw_button(a, f, f->cpu_gomoku, "Gomoku", 1);
    draw_button(a, f, f->cpu_chess, "Chess", 1);
    snprintf(level, sizeof level, "Level: %s ▸", computer_level_name(a->computer_level));
    draw_button(a, f, f->cpu_level, level, 0);
    snprintf(opening, sizeof opening, "Gomoku opening: %s ▸",
             gomoku_opening_rule_name(a->computer_opening));
    draw_button(a, f, f->cpu_opening, opening, 0);
}

void connect_screen_draw(app *a)
{
    form_layout f;
    layout_form(a, &f);
    draw_fill(a->ren, (ui_rect){0, 0, a->layout.w, a->layout.h}, THEME_BG);
    draw_round_rect(a->ren, f.box, f.font, THEME_PANEL);
    ui_text_draw(a->text, "matchboard", f.font * 2, THEME_TEXT, f.title.x, f.title.y + f.line / 2,
                 UI_ALIGN_LEFT);
    ui_text_draw(a->text, "Gomoku and chess on your LAN", f.font * 4 / 5, THEME_TEXT_DIM, f.title.x,
                 f.title.y + f.line * 3 / 2, UI_ALIGN_LEFT);
    draw_lan(a, &f);
    draw_field(a, &f, f.host, "Server (host or host:port)", a->form_host, a->form_focus == 0);
    for (int i = 0; i < a->config.n_hosts; i++) {
        ui_rect r = f.recent[i];
        char line[UI_CONFIG_TEXT + 8];
        snprintf(line, sizeof line, "↻ %s", a->config.hosts[i]);
        ui_text_draw_fit(a->text, line, f.font * 4 / 5, THEME_ACCENT, r.x + f.font / 2,
                         r.y + r.h / 2, UI_ALIGN_LEFT, r.w);
    }
    draw_field(a, &f, f.name, "Your name", a->form_name, a->form_focus == 1);
    draw_round_rect(a->ren, f.button, f.font / 3, a->connecting ? THEME_BUTTON_OFF : THEME_ACCENT);
    ui_text_draw_fit(a->text, a->connecting ? "Connecting…" : "Connect", f.font,
                     UI_RGBA(0x10, 0x18, 0x20, 0xFF), f.button.x + f.button.w / 2,
                     f.button.y + f.button.h / 2, UI_ALIGN_CENTER, f.button.w - f.font / 2);
    draw_button(a, &f, f.watch, "Watch", 1);
    draw_button(a, &f, f.host_game, "Host a game…", 1);
    draw_computer(a, &f);
    if (a->form_error[0])
        ui_text_draw_fit(a->text, a->form_error, f.font * 4 / 5, THEME_BAD, f.error.x,
                         f.error.y + f.error.h / 2, UI_ALIGN_LEFT, f.error.w);
    host_screen_draw(a);
}

/* Connects to the form's server or, with kind set, plays the computer on
 * a server of that game of its own. */
static void go(app *a, game_kind kind)
{
    if (a->connecting)
        return;
    if (!a->form_name[0]) {
        snprintf(a->form_error, sizeof a->form_error, "Please give a name");
        return;
    }
    snprintf(a->config.name, sizeof a->config.name, "%s", a->form_name);
    host_stop(a); /* a game elsewhere ends the one hosted here */
    if (kind == GAME_KIND_NONE) {
        app_net_connect(a, a->form_host, a->form_name);
        return;
    }
    a->form_error[0] = 0;
    computer_play(a, kind, NULL);
}

static void submit(app *a)
{
    go(a, GAME_KIND_NONE);
}

/* Watches the game on the form's server (the most recent match running). */
static void watch(app *a)
{
    if (a->connecting)
        return;
    if (a->form_name[0]) /* a spectator needs no name: chat lines are signed with it */
        snprintf(a->config.name, sizeof a->config.name, "%s", a->form_name);
    host_stop(a);
    app_net_watch(a, a->form_host, a->form_name[0] ? a->form_name : "spectator", 0);
}

void connect_screen_input(app *a, const SDL_Event *ev)
{
    char *field = a->form_focus == 0 ? a->form_host : a->form_name;
    size_t cap = a->form_focus == 0 ? sizeof a->form_host : sizeof a->form_name;
    a->dirty = 1;
    if (host_screen_input(a, ev))
        return;
    if (ev->type == SDL_TEXTINPUT) {
        utf8_append(field, cap, ev->text.text);
    } else if (ev->type == SDL_KEYDOWN) {
        SDL_Keycode k = ev->key.keysym.sym;
        if (k == SDLK_TAB)
            a->form_focus = !a->form_focus;
        else if (k == SDLK_BACKSPACE)
            utf8_pop(field);
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
            submit(a);
        else if (k == SDLK_ESCAPE)
            a->running = 0;
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        int x = ev->button.x, y = ev->button.y;
        ui_scale_point(a->win_w, a->win_h, a->layout.w, a->layout.h, &x, &y);
        form_layout f;
        layout_form(a, &f);
        if (ui_rect_contains(f.host, x, y))
            a->form_focus = 0;
        else if (ui_rect_contains(f.name, x, y))
            a->form_focus = 1;
        else if (ui_rect_contains(f.button, x, y))
            submit(a);
        else if (ui_rect_contains(f.watch, x, y))
            watch(a);
        else if (ui_rect_contains(f.host_game, x, y))
            host_screen_open(a);
        else if (ui_rect_contains(f.cpu_gomoku, x, y))
            go(a, GAME_KIND_GOMOKU);
        else if (ui_rect_contains(f.cpu_chess, x, y))
            go(a, GAME_KIND_CHESS);
        else if (ui_rect_contains(f.cpu_level, x, y))
            a->computer_level = (a->computer_level + 1) % COMPUTER_LEVELS;
        else if (ui_rect_contains(f.cpu_opening, x, y))
            a->computer_opening = computer_opening_next(a->computer_opening);
        for (int i = 0; i < a->config.n_hosts; i++)
            if (ui_rect_contains(f.recent[i], x, y))
                snprintf(a->form_host, sizeof a->form_host, "%s", a->config.hosts[i]);
        {
            const discovery_server *rows[APP_LAN_ROWS];
            size_t n = connect_discovery_rows(a, rows);
            for (size_t i = 0; i < n; i++)
                if (ui_rect_contains(f.lan[i], x, y)) { /* one click joins */
                    snprintf(a->form_host, sizeof a->form_host, "%s", rows[i]->address);
                    submit(a);
                    break;
                }
        }
    }
}

int connect_screen_lan_row(app *a, int i, int *x, int *y)
{
    const discovery_server *rows[APP_LAN_ROWS];
    form_layout f;
    if (i < 0 || (size_t)i >= connect_discovery_rows(a, rows) || a->screen != APP_SCREEN_CONNECT)
        return -1;
    layout_form(a, &f);
    *x = f.lan[i].x + f.lan[i].w / 2;
    *y = f.lan[i].y + f.lan[i].h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, x, y);
    return 0;
}

int connect_screen_computer_button(app *a, const char *which, int *x, int *y)
{
    form_layout f;
    ui_rect r;
    if (a->screen != APP_SCREEN_CONNECT)
        return -1;
    layout_form(a, &f);
    if (strcmp(which, "gomoku") == 0)
        r = f.cpu_gomoku;
    else if (strcmp(which, "chess") == 0)
        r = f.cpu_chess;
    else if (strcmp(which, "level") == 0)
        r = f.cpu_level;
    else if (strcmp(which, "opening") == 0)
        r = f.cpu_opening;
    else
        return -1;
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, x, y);
    return 0;
}

int connect_screen_host_button(app *a, int *x, int *y)
{
    form_layout f;
    if (a->screen != APP_SCREEN_CONNECT)
        return -1;
    layout_form(a, &f);
    *x = f.host_game.x + f.host_game.w / 2;
    *y = f.host_game.y + f.host_game.h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, x, y);
    return 0;
}

int connect_screen_watch_button(app *a, int *x, int *y)
{
    form_layout f;
    if (a->screen != APP_SCREEN_CONNECT || a->connecting)
        return -1;
    layout_form(a, &f);
    *x = f.watch.x + f.watch.w / 2;
    *y = f.watch.y + f.watch.h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, x, y);
    return 0;
}
