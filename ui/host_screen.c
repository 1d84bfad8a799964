/* host_screen.c: see host_screen.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_net.h"
#include "computer.h"
#include "draw.h"
#include "host_screen.h"
#include "local_server.h"
#include "theme.h"

/* The dialog's parts: a row per field (label left, value button right),
 * then Cancel and Host. */
typedef struct host_layout {
    ui_rect box, row[HOST_FIELD_COUNT], value[HOST_FIELD_COUNT], cancel, start;
    int font, line;
} host_layout;

static void layout_dialog(const app *a, host_layout *h)
{
    const ui_layout *l = &a->layout;
    int rows = HOST_FIELD_COUNT, w, y, x, fw;
    h->font = l->font_px * 5 / 4;
    h->line = h->font * 2;
    w = h->font * 22;
    if (w > l->w - 2 * l->pad)
        w = l->w - 2 * l->pad;
    int height =
        h->line * 2 + rows * (h->line + h->font / 2) + h->line / 2 + h->line * 5 / 4 + h->font;
    h->box = (ui_rect){(l->w - w) / 2, (l->h - height) / 2, w, height};
    if (h->box.y < 0)
        h->box.y = 0;
    x = h->box.x + h->font;
    fw = w - 2 * h->font;
    y = h->box.y + h->line * 2;
    /* Every field keeps its row, shown or not: a click that changes the
     * game leaves the next field under the pointer where it was. */
    for (int f = 0; f < HOST_FIELD_COUNT; f++) {
        int shown = host_dialog_shown(&a->host_dlg, (host_field)f);
        h->row[f] = (ui_rect){x, y, fw, shown ? h->line : 0};
        h->value[f] = (ui_rect){x + fw * 2 / 5, y, fw - fw * 2 / 5, shown ? h->line : 0};
        y += h->line + h->font / 2;
    }
    y += h->line / 2;
    h->cancel = (ui_rect){x, y, (fw - h->font) / 2, h->line * 5 / 4};
    h->start = (ui_rect){x + fw - (fw - h->font) / 2, y, (fw - h->font) / 2, h->line * 5 / 4};
}

void host_screen_open(app *a)
{
    if (a->connecting)
        return;
    if (!a->host_ready) {
        host_dialog_init(&a->host_dlg);
        a->host_ready = 1;
    }
    a->host_open = 1;
    a->dirty = 1;
}

void host_screen_draw(app *a)
{
    host_layout h;
    char value[64];
    if (!a->host_open)
        return;
    layout_dialog(a, &h);
    draw_fill(a->ren, (ui_rect){0, 0, a->layout.w, a->layout.h}, THEME_SHADOW);
    draw_round_rect(a->ren, h.box, h.font, THEME_PANEL);
    ui_text_draw(a->text, "Host a game", h.font * 3 / 2, THEME_TEXT, h.box.x + h.font,
                 h.box.y + h.line * 3 / 4, UI_ALIGN_LEFT);
    ui_text_draw_fit(a->text, "on this machine, for a player on your LAN", h.font * 3 / 4,
                     THEME_TEXT_DIM, h.box.x + h.font, h.box.y + h.line * 3 / 2, UI_ALIGN_LEFT,
                     h.box.w - 2 * h.font);
    for (int f = 0; f < HOST_FIELD_COUNT; f++) {
        if (!host_dialog_shown(&a->host_dlg, (host_field)f)) { /* its place, dimmed */
            int y = h.row[f].y + h.line / 2;
            ui_text_draw(a->text, host_dialog_label((host_field)f), h.font * 4 / 5,
                         THEME_BUTTON_HOT, h.row[f].x, y, UI_ALIGN_LEFT);
            ui_text_draw(a->text, "Gomoku only", h.font * 4 / 5, THEME_BUTTON_HOT,
                         h.value[f].x + h.font / 2, y, UI_ALIGN_LEFT);
            continue;
        }
        ui_text_draw(a->text, host_dialog_label((host_field)f), h.font * 4 / 5, THEME_TEXT_DIM,
                     h.row[f].x, h.row[f].y + h.row[f].h / 2, UI_ALIGN_LEFT);
        host_dialog_value(&a->host_dlg, (host_field)f, value, sizeof value);
        draw_round_rect(a->ren, h.value[f], h.font / 3, THEME_BUTTON);
        ui_text_draw_fit(a->text, value, h.font * 4 / 5, THEME_TEXT, h.value[f].x + h.font / 2,
                         h.value[f].y + h.value[f].h / 2, UI_ALIGN_LEFT, h.value[f].w - h.font * 2);
        ui_text_draw(a->text, "▸", h.font * 4 / 5, THEME_TEXT_DIM,
                     h.value[f].x + h.value[f].w - h.font / 2, h.value[f].y + h.value[f].h / 2,
                     UI_ALIGN_RIGHT);
    }
    draw_round_rect(a->ren, h.cancel, h.font / 3, THEME_BUTTON);
    ui_text_draw(a->text, "Cancel", h.font, THEME_TEXT, h.cancel.x + h.cancel.w / 2,
                 h.cancel.y + h.cancel.h / 2, UI_ALIGN_CENTER);
    draw_round_rect(a->ren, h.start, h.font / 3, THEME_ACCENT);
    ui_text_draw(a->text, "Host", h.font, UI_RGBA(0x10, 0x18, 0x20, 0xFF),
                 h.start.x + h.start.w / 2, h.start.y + h.start.h / 2, UI_ALIGN_CENTER);
}

/* Connects to the hosted server: hostport for an address and a port. */
static void server_address(const char *bind, unsigned port, char *buf, size_t cap)
{
    if (!bind)
        snprintf(buf, cap, "127.0.0.1:%u", port);
    else if (strchr(bind, ':'))
        snprintf(buf, cap, "[%s]:%u", bind, port);
    else
        snprintf(buf, cap, "%s:%u", bind, port);
}

/* Starts the server the dialog describes and connects to it. */
static void start_hosting(app *a)
{
    char records[1100], err[300], name[64], hostport[SOCK_HOST_MAX + 8];
    const char *args[HOST_DIALOG_MAX_ARGS];
    const char *bind = getenv("MATCHBOARD_HOST_BIND");
    host_listen l = {bind && bind[0] ? bind : NULL, 0, name, records};
    unsigned port = 0;
    if (!a->form_name[0]) {
        snprintf(a->form_error, sizeof a->form_error, "Please give a name");
        a->host_open = 0;
        return;
    }
    computer_stop(a);
    host_stop(a);
    snprintf(a->config.name, sizeof a->config.name, "%s", a->form_name);
    /* The server's discovery name must be one line of at most 63 bytes. */
    if (strlen(a->form_name) + 7 < sizeof name)
        snprintf(name, sizeof name, "%s's game", a->form_name);
    else
        l.name = NULL;
    local_server_records_dir(a->config_path, a->opt.no_config, records, sizeof records);
    for (;;) {
        size_t n = host_dialog_server_args(&a->host_dlg, &l, args, sizeof args / sizeof args[0]);
        if (local_server_start(args, n, &a->host_server, &port, err, sizeof err) == 0)
            break;
        if (l.bind || l.any_port) { /* 7777 may be taken: then any free port */
            snprintf(a->form_error, sizeof a->form_error, "Host a game: %s", err);
            a->host_open = 0;
            return;
        }
        l.any_port = 1;
    }
    a->host_open = 0;
    a->host_port = port;
    a->host_lan = !l.bind && port == HOST_DIALOG_PORT;
    a->host_notice_due = 1;
    a->form_error[0] = 0;
    server_address(l.bind, port, hostport, sizeof hostport);
    if (app_net_connect(a, hostport, a->form_name) != 0)
        host_stop(a);
}

/* Clicks at (x, y) in drawing points on the open dialog. */
static void click(app *a, int x, int y)
{
    host_layout h;
    layout_dialog(a, &h);
    for (int f = 0; f < HOST_FIELD_COUNT; f++)
        if (host_dialog_shown(&a->host_dlg, (host_field)f) && ui_rect_contains(h.row[f], x, y))
            host_dialog_step(&a->host_dlg, (host_field)f);
    if (ui_rect_contains(h.cancel, x, y))
        a->host_open = 0;
    else if (ui_rect_contains(h.start, x, y))
        start_hosting(a);
}

int host_screen_input(app *a, const SDL_Event *ev)
{
    if (!a->host_open)
        return 0;
    a->dirty = 1;
    if (ev->type == SDL_KEYDOWN) {
        SDL_Keycode k = ev->key.keysym.sym;
        if (k == SDLK_ESCAPE)
            a->host_open = 0;
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
            start_hosting(a);
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        int x = ev->button.x, y = ev->button.y;
        ui_scale_point(a->win_w, a->win_h, a->layout.w, a->layout.h, &x, &y);
        click(a, x, y);
    }
    return 1; /* the dialog is modal */
}

/* The field a script names, or HOST_FIELD_COUNT. */
static host_field field_named(const char *name, size_t len)
{
    for (int f = 0; f < HOST_FIELD_COUNT; f++) {
        const char *label = host_dialog_label((host_field)f);
        if (strlen(label) == len && SDL_strncasecmp(label, name, len) == 0)
            return (host_field)f;
    }
    return HOST_FIELD_COUNT;
}

int host_screen_script(app *a, const char *what, int *x, int *y)
{
    host_layout h;
    const char *eq = strchr(what, '=');
    host_field f = field_named(what, eq ? (size_t)(eq - what) : strlen(what));
    char value[64];
    ui_rect r;
    if (a->screen != APP_SCREEN_CONNECT || a->connecting)
        return -1;
    if (!a->host_open)
        return -1;
    layout_dialog(a, &h);
    if (strcmp(what, "start") == 0) {
        r = h.start;
    } else if (strcmp(what, "cancel") == 0) {
        r = h.cancel;
    } else if (f != HOST_FIELD_COUNT && host_dialog_shown(&a->host_dlg, f)) {
        if (eq) {
            host_dialog_value(&a->host_dlg, f, value, sizeof value);
            if (SDL_strcasecmp(value, eq + 1) == 0)
                return 0;
        }
        r = h.value[f];
    } else {
        fprintf(stderr, "matchboard: --script: host %s: no such part of the dialog\n", what);
        return 0;
    }
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
    ui_scale_point(a->layout.w, a->layout.h, a->win_w, a->win_h, x, y);
    return eq ? 2 : 1; /* FIELD=VALUE: look again after this click */
}

void host_on_welcome(app *a)
{
    if (!a->host_notice_due || !a->host_server)
        return;
    a->host_notice_due = 0;
    if (a->host_lan)
        session_notice(a->ses, 2,
                       "Hosting on port %u — waiting for an opponent; others on your LAN see this "
                       "game in their server list",
                       a->host_port);
    else
        session_notice(a->ses, 2,
                       "Hosting on port %u — waiting for an opponent (give them this port)",
                       a->host_port);
}

void host_stop(app *a)
{
    local_server_stop(&a->host_server);
    a->host_port = 0;
    a->host_notice_due = 0;
}
