/* connect_screen.c: the form shown before a game: server address with the
 * last few remembered, player name, a Connect button, and why the last
 * attempt failed. Tab moves between the fields, Enter connects. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "theme.h"
#include "utf8.h"

typedef struct form_layout {
    ui_rect box, title, host, name, button, error;
    ui_rect recent[UI_CONFIG_HOSTS];
    int font, line;
} form_layout;

static void layout_form(const app *a, form_layout *f)
{
    const ui_layout *l = &a->layout;
    f->font = l->font_px * 5 / 4;
    f->line = f->font * 2;
    int w = f->font * 24, h = f->line * (9 + UI_CONFIG_HOSTS) / 2 + f->line * 4;
    if (w > l->w - 2 * l->pad)
        w = l->w - 2 * l->pad;
    f->box = (ui_rect){(l->w - w) / 2, (l->h - h) / 2, w, h};
    if (f->box.y < 0)
        f->box.y = 0;
    int x = f->box.x + f->font, fw = w - 2 * f->font, y = f->box.y + f->font;
    f->title = (ui_rect){x, y, fw, f->line * 3 / 2};
    y += f->line * 2 + f->line / 2;
    f->host = (ui_rect){x, y, fw, f->line};
    y += f->line + f->font / 3;
    for (int i = 0; i < UI_CONFIG_HOSTS; i++) {
        f->recent[i] = (ui_rect){x, y, fw, i < a->config.n_hosts ? f->line * 3 / 4 : 0};
        y += f->recent[i].h;
    }
    y += f->line;
    f->name = (ui_rect){x, y, fw, f->line};
    y += f->line * 3 / 2;
    f->button = (ui_rect){x, y, fw, f->line * 5 / 4};
    y += f->line * 3 / 2;
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
    ui_text_draw(a->text, a->connecting ? "Connecting…" : "Connect", f.font,
                 UI_RGBA(0x10, 0x18, 0x20, 0xFF), f.button.x + f.button.w / 2,
                 f.button.y + f.button.h / 2, UI_ALIGN_CENTER);
    if (a->form_error[0])
        ui_text_draw_fit(a->text, a->form_error, f.font * 4 / 5, THEME_BAD, f.error.x,
                         f.error.y + f.error.h / 2, UI_ALIGN_LEFT, f.error.w);
}

static void submit(app *a)
{
    if (a->connecting)
        return;
    if (!a->form_name[0]) {
        snprintf(a->form_error, sizeof a->form_error, "Please give a name");
        return;
    }
    snprintf(a->config.name, sizeof a->config.name, "%s", a->form_name);
    app_net_connect(a, a->form_host, a->form_name);
}

void connect_screen_input(app *a, const SDL_Event *ev)
{
    char *field = a->form_focus == 0 ? a->form_host : a->form_name;
    size_t cap = a->form_focus == 0 ? sizeof a->form_host : sizeof a->form_name;
    a->dirty = 1;
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
        for (int i = 0; i < a->config.n_hosts; i++)
            if (ui_rect_contains(f.recent[i], x, y))
                snprintf(a->form_host, sizeof a->form_host, "%s", a->config.hosts[i]);
    }
}
