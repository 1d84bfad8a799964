/* panel_draw.c: draws the side panel and the game-over banner (see
 * panel_draw.h). */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "panel_draw.h"
#include "theme.h"

/* The seat's token: a small stone (Gomoku) or king (chess). */
static void draw_token(SDL_Renderer *r, ui_text *t, const panel_info *p, game_side side, int cx,
                       int cy, int size)
{
    int white = (p->kind == GAME_KIND_CHESS) == (side == GAME_SIDE_P1);
    if (p->kind == GAME_KIND_CHESS) {
        ui_text_glyph(t, 0x265A, size * 5 / 4,
                      white ? UI_RGBA(0xFA, 0xF8, 0xF2, 0xFF) : UI_RGBA(0x10, 0x10, 0x10, 0xFF), cx,
                      cy);
        ui_text_glyph(t, 0x2654, size * 5 / 4,
                      white ? UI_RGBA(0x10, 0x10, 0x10, 0xFF) : UI_RGBA(0x90, 0x90, 0x90, 0xFF), cx,
                      cy);
        return;
    }
    float rad = size * 0.45f;
    if (white)
        draw_disc(r, (float)cx, (float)cy, rad, UI_RGBA(0xFF, 0xFF, 0xFF, 0xFF),
                  UI_RGBA(0xC4, 0xC4, 0xBE, 0xFF));
    else
        draw_disc(r, (float)cx, (float)cy, rad, UI_RGBA(0x70, 0x70, 0x74, 0xFF),
                  UI_RGBA(0x08, 0x08, 0x0A, 0xFF));
}

static void draw_player(SDL_Renderer *r, ui_text *t, const ui_layout *l, ui_rect box,
                        const panel_info *p, game_side side)
{
    int active = p->to_move == side && !p->game_over;
    draw_round_rect(r, box, l->pad, active ? THEME_BUTTON_HOT : THEME_PANEL_BOX);
    if (active)
        draw_fill(r, (ui_rect){box.x, box.y + l->pad, l->pad / 2 + 1, box.h - 2 * l->pad},
                  THEME_ACCENT);
    int y1 = box.y + l->line_h / 2 + l->pad / 2, y2 = box.y + box.h - l->line_h / 2 - l->pad / 2;
    int x = box.x + l->pad * 2;
    draw_token(r, t, p, side, x + l->font_px / 2, box.y + box.h / 2, l->font_px * 2);
    x += l->font_px * 2;
    const char *name = p->names[side] ? p->names[side] : "waiting for a player…";
    char clock[32] = "", delay[16];
    if (p->clocks)
        panel_format_clock(p->clock_ms[side], clock, sizeof clock);
    panel_format_delay(p, side, delay, sizeof delay);
    int clock_w = clock[0] ? ui_text_width(t, clock, l->font_px * 3 / 2) + l->pad : 0;
    int delay_w = delay[0] ? ui_text_width(t, delay, l->font_px) + l->pad / 2 : 0;
    ui_text_draw_fit(t, name, l->font_px, p->names[side] ? THEME_TEXT : THEME_TEXT_DIM, x, y1,
                     UI_ALIGN_LEFT, box.x + box.w - x - clock_w - delay_w - l->pad);
    char sub[64];
    snprintf(sub, sizeof sub, "%s%s", panel_side_colour(p->kind, side),
             side == p->my_side ? " · you" : "");
    ui_text_draw(t, sub, l->font_px * 5 / 6, THEME_TEXT_DIM, x, y2, UI_ALIGN_LEFT);
    if (clock[0]) {
        int low = p->clock_ms[side] < 10000;
        SDL_Color c = low                                                      ? THEME_BAD
                      : p->clock_running == side && !panel_clock_held(p, side) ? THEME_TEXT
                                                                               : THEME_TEXT_DIM;
        ui_text_draw(t, clock, l->font_px * 3 / 2, c, box.x + box.w - l->pad, box.y + box.h / 2,
                     UI_ALIGN_RIGHT);
    }
    if (delay[0]) { /* the delay left beside the clock, and a bar under both */
        int right = box.x + box.w - clock_w - l->pad / 2, bar_h = l->pad / 3 > 2 ? l->pad / 3 : 2;
        int full = clock_w + delay_w;
        int w = (int)((uint64_t)full * p->delay_left_ms / p->delay_ms);
        ui_text_draw(t, delay, l->font_px, THEME_ACCENT, right, box.y + box.h / 2, UI_ALIGN_RIGHT);
        draw_fill(
            r,
            (ui_rect){right - delay_w + l->pad / 2, box.y + box.h - bar_h - l->pad / 3, w, bar_h},
            THEME_ACCENT);
    }
}

static void draw_status(ui_text *t, const ui_layout *l, const panel_info *p)
{
    ui_rect s = l->status;
    int y = s.y + l->line_h / 2;
    char turn[160];
    const SDL_Color tone[] = {THEME_TEXT, THEME_TEXT_DIM, THEME_GOOD, THEME_WARN};
    SDL_Color tc = tone[panel_status_text(p, turn, sizeof turn)];
    ui_text_draw_fit(t, turn, l->font_px * 6 / 5, tc, s.x, y, UI_ALIGN_LEFT,
                     p->leave_on ? s.w - l->leave.w - l->pad : s.w);
    y += l->line_h;
    if (p->connection)
        ui_text_draw_fit(t, p->connection, l->font_px,
                         p->connection_ok ? THEME_TEXT_DIM : THEME_WARN, s.x, y, UI_ALIGN_LEFT,
                         s.w);
    y += l->line_h;
    if (p->notice)
        ui_text_draw_fit(t, p->notice, l->font_px, p->notice_info ? THEME_TEXT_DIM : THEME_BAD, s.x,
                         y, UI_ALIGN_LEFT, s.w);
    else if (p->draw_offer_in && !p->game_over)
        ui_text_draw_fit(t, "Your opponent offers a draw", l->font_px, THEME_WARN, s.x, y,
                         UI_ALIGN_LEFT, s.w);
    else if (p->rematch_offer_in && p->game_over)
        ui_text_draw_fit(t, "Your opponent asks for a rematch", l->font_px, THEME_WARN, s.x, y,
                         UI_ALIGN_LEFT, s.w);
    else if (p->status_detail) /* a spectator's: whose move, the game ended */
        ui_text_draw_fit(t, p->status_detail, l->font_px, THEME_TEXT, s.x, y, UI_ALIGN_LEFT, s.w);
    else if (p->time_control) { /* the line's quiet use: "Clock: delay 3 s" */
        char tc[96];
        snprintf(tc, sizeof tc, "Clock: %s", p->time_control);
        ui_text_draw_fit(t, tc, l->font_px, THEME_TEXT_DIM, s.x, y, UI_ALIGN_LEFT, s.w);
    }
}

/* The move list, two moves (a full turn) a row, the newest rows visible. */
static void draw_moves(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    ui_rect m = l->moves, result;
    if (p->game_over) /* the result above them (panel_draw_banner) */
        ui_layout_result(l, &result, &m);
    if (m.h < l->line_h)
        return;
    draw_round_rect(r, m, l->pad, THEME_PANEL_BOX);
    int rows_fit = (m.h - l->pad) / l->line_h, rows = (p->n_moves + 1) / 2;
    int first = rows > rows_fit ? rows - rows_fit : 0;
    int col_num = m.x + l->pad, col1 = m.x + l->font_px * 3, col2 = m.x + m.w / 2 + l->font_px;
    if (p->n_moves == 0)
        ui_text_draw(t, "No moves yet", l->font_px, THEME_TEXT_DIM, col_num,
                     m.y + l->pad / 2 + l->line_h / 2, UI_ALIGN_LEFT);
    for (int row = first; row < rows; row++) {
        int y = m.y + l->pad / 2 + (row - first) * l->line_h + l->line_h / 2;
        char num[16];
        snprintf(num, sizeof num, "%d.", row + 1);
        ui_text_draw(t, num, l->font_px, THEME_TEXT_DIM, col_num, y, UI_ALIGN_LEFT);
        for (int k = 0; k < 2 && 2 * row + k < p->n_moves; k++) {
            int last = 2 * row + k == p->n_moves - 1;
            ui_text_draw_fit(t, p->moves[2 * row + k], l->font_px, last ? THEME_ACCENT : THEME_TEXT,
                             k ? col2 : col1, y, UI_ALIGN_LEFT, m.w / 2 - l->font_px * 2);
        }
    }
}

static void draw_buttons(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    int n = panel_buttons(p, act, on);
    for (int i = 0; i < n; i++) {
        ui_rect b = l->button[i];
        if (b.w <= 0 || b.h <= 0)
            continue;
        SDL_Color bg = !on[i]             ? THEME_BUTTON_OFF
                       : p->hot_slot == i ? THEME_BUTTON_HOT
                                          : THEME_BUTTON;
        draw_round_rect(r, b, l->pad, bg);
        ui_text_draw_fit(t, panel_action_label(act[i], p), l->font_px,
                         on[i] ? THEME_TEXT : THEME_TEXT_DIM, b.x + b.w / 2, b.y + b.h / 2,
                         UI_ALIGN_CENTER, b.w - l->pad);
    }
}

static void draw_chat(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    ui_rect c = l->chat_log;
    if (c.h >= l->line_h) {
        int fit = (c.h - l->pad / 2) / l->line_h;
        int first = p->n_chat > fit ? p->n_chat - fit : 0;
        if (p->n_chat == 0)
            ui_text_draw(t, "Chat", l->font_px, THEME_TEXT_DIM, c.x, c.y + l->line_h / 2,
                         UI_ALIGN_LEFT);
        for (int i = first; i < p->n_chat; i++)
            ui_text_draw_fit(t, p->chat[i], l->font_px, THEME_TEXT, c.x,
                             c.y + (i - first) * l->line_h + l->line_h / 2, UI_ALIGN_LEFT, c.w);
    }
    ui_rect in = l->chat_input;
    if (in.h <= 0)
        return;
    draw_round_rect(r, in, l->pad, p->chat_focus ? THEME_BUTTON : THEME_PANEL_BOX);
    int x = in.x + l->pad, y = in.y + in.h / 2;
    const char *typed = p->chat_input ? p->chat_input : "";
    const char *comp = p->chat_compose ? p->chat_compose : "";
    if (!*typed && !*comp && !p->chat_focus) {
        ui_text_draw_fit(t, "Click here to chat", l->font_px, THEME_TEXT_DIM, x, y, UI_ALIGN_LEFT,
                         in.w - 2 * l->pad);
        return;
    }
    x += ui_text_draw(t, typed, l->font_px, THEME_TEXT, x, y, UI_ALIGN_LEFT);
    if (*comp) {
        int w = ui_text_draw(t, comp, l->font_px, THEME_ACCENT, x, y, UI_ALIGN_LEFT);
        draw_fill(r, (ui_rect){x, y + l->font_px * 2 / 3, w, 2}, THEME_ACCENT);
        x += w;
    }
    if (p->chat_focus)
        draw_fill(r, (ui_rect){x + 1, y - l->font_px * 2 / 3, 2, l->font_px * 4 / 3}, THEME_TEXT);
}

static void draw_leave(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    ui_rect b = l->leave;
    if (!p->leave_on || b.w <= 0 || b.h <= 0)
        return;
    draw_round_rect(r, b, l->pad / 2,
                    p->hot_slot == PANEL_HOT_LEAVE ? THEME_BUTTON_HOT : THEME_BUTTON);
    ui_text_draw_fit(t, PANEL_LEAVE_LABEL, l->font_px * 5 / 6, THEME_TEXT, b.x + b.w / 2,
                     b.y + b.h / 2, UI_ALIGN_CENTER, b.w - l->pad / 2);
}

void panel_draw(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    draw_fill(r, l->panel, THEME_PANEL);
    game_side bottom = p->bottom_side == GAME_SIDE_NONE ? GAME_SIDE_P1 : p->bottom_side;
    if (p->kind != GAME_KIND_NONE) {
        draw_player(r, t, l, l->top_player, p, game_side_other(bottom));
        draw_player(r, t, l, l->bottom_player, p, bottom);
    }
    draw_status(t, l, p);
    draw_leave(r, t, l, p);
    draw_moves(r, t, l, p);
    draw_buttons(r, t, l, p);
    draw_chat(r, t, l, p);
}

void panel_draw_banner(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    char head[64], why[128];
    ui_rect b, rest;
    panel_result_text(p, head, sizeof head, why, sizeof why);
    ui_layout_result(l, &b, &rest);
    if (b.w <= 0 || b.h <= 0)
        return;
    int big = l->font_px * 2;
    draw_round_rect(r, b, l->pad, UI_RGBA(0x22, 0x24, 0x28, 0xFF));
    SDL_Color hc = p->my_side != GAME_SIDE_NONE && p->result.winner == p->my_side       ? THEME_GOOD
                   : p->result.winner == GAME_SIDE_NONE || p->my_side == GAME_SIDE_NONE ? THEME_TEXT
                                                                                        : THEME_BAD;
    ui_text_draw_fit(t, head, big, hc, b.x + b.w / 2, b.y + l->pad + big / 2, UI_ALIGN_CENTER,
                     b.w - 2 * l->pad);
    ui_text_draw_fit(t, why, l->font_px, THEME_TEXT_DIM, b.x + b.w / 2,
                     b.y + b.h - l->pad - l->line_h / 2, UI_ALIGN_CENTER, b.w - 2 * l->pad);
}

void panel_draw_leave_question(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p)
{
    ui_rect box, yes, no;
    char head[96], first[100];
    const char *rest, *stay;
    if (!p->leave_question)
        return;
    ui_layout_confirm(l, &box, &yes, &no);
    panel_leave_answers(p->leave_question, head, sizeof head, &stay);
    rest = strchr(p->leave_question, '?');
    snprintf(first, sizeof first, "%.*s",
             rest ? (int)(rest - p->leave_question + 1) : (int)strlen(p->leave_question),
             p->leave_question);
    rest = rest && rest[1] ? rest + 2 : "";
    draw_fill(r, l->board, THEME_SHADOW);
    draw_round_rect(r, box, 2 * l->pad, UI_RGBA(0x22, 0x24, 0x28, 0xF4));
    ui_text_draw_fit(t, first, l->font_px * 3 / 2, THEME_TEXT, box.x + box.w / 2,
                     box.y + l->pad + l->line_h * 3 / 4, UI_ALIGN_CENTER, box.w - 2 * l->pad);
    if (rest[0])
        ui_text_draw_fit(t, rest, l->font_px, THEME_WARN, box.x + box.w / 2,
                         box.y + l->pad + l->line_h * 2, UI_ALIGN_CENTER, box.w - 2 * l->pad);
    draw_round_rect(r, no, l->pad, THEME_BUTTON);
    ui_text_draw_fit(t, stay, l->font_px, THEME_TEXT, no.x + no.w / 2, no.y + no.h / 2,
                     UI_ALIGN_CENTER, no.w - l->pad);
    draw_round_rect(r, yes, l->pad, THEME_BAD);
    ui_text_draw_fit(t, head, l->font_px, THEME_TEXT, yes.x + yes.w / 2, yes.y + yes.h / 2,
                     UI_ALIGN_CENTER, yes.w - l->pad);
}
