/* layout.c: window and panel layout (see layout.h). */
#include "layout.h"

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Takes up to n pixels off the top (or bottom) of *r and returns them;
 * never yields a negative height. */
static ui_rect cut_top(ui_rect *r, int n)
{
    n = clampi(n, 0, r->h);
    ui_rect part = {r->x, r->y, r->w, n};
    r->y += n;
    r->h -= n;
    return part;
}

static ui_rect cut_bottom(ui_rect *r, int n)
{
    n = clampi(n, 0, r->h);
    ui_rect part = {r->x, r->y + r->h - n, r->w, n};
    r->h -= n;
    return part;
}

/* Shrinks r by d on every side, not below zero size. */
static ui_rect inset(ui_rect r, int d)
{
    int dx = clampi(d, 0, r.w / 2), dy = clampi(d, 0, r.h / 2);
    ui_rect in = {r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
    return in;
}

static void layout_buttons(ui_layout *l)
{
    ui_rect area = l->buttons;
    int gx = clampi(l->pad / 2, 0, area.w), gy = clampi(l->pad / 2, 0, area.h);
    int bw = (area.w - gx) / 2, bh = (area.h - gy) / 2;
    for (int i = 0; i < UI_BUTTON_SLOTS; i++) {
        ui_rect b = {area.x + (i % 2) * (bw + gx), area.y + (i / 2) * (bh + gy), bw, bh};
        l->button[i] = b;
    }
}

void ui_layout_compute(ui_layout *l, int w, int h, float dpi_scale)
{
    if (w < 0)
        w = 0;
    if (h < 0)
        h = 0;
    if (dpi_scale < 1.0f)
        dpi_scale = 1.0f;
    l->w = w;
    l->h = h;
    int lo = (int)(12 * dpi_scale), hi = (int)(22 * dpi_scale);
    l->font_px = clampi(h / 36, lo, hi);
    l->line_h = l->font_px * 3 / 2;
    l->pad = l->font_px / 2;

    int panel_w = clampi(l->font_px * 18, 0, w * 9 / 20);
    l->panel = (ui_rect){w - panel_w, 0, panel_w, h};
    l->board = inset((ui_rect){0, 0, w - panel_w, h}, l->pad);

    ui_rect in = inset(l->panel, l->pad);
    l->top_player = cut_top(&in, 2 * l->line_h);
    cut_top(&in, l->pad);
    l->bottom_player = cut_bottom(&in, 2 * l->line_h);
    cut_bottom(&in, l->pad);
    l->status = cut_top(&in, 3 * l->line_h);
    cut_top(&in, l->pad);
    l->chat_input = cut_bottom(&in, l->line_h + l->pad);
    cut_bottom(&in, l->pad / 2);
    int buttons_h = 2 * (l->line_h + l->pad) + l->pad / 2;
    int flex = in.h - buttons_h - 2 * l->pad;
    l->moves = cut_top(&in, flex > 0 ? flex * 11 / 20 : 0);
    cut_top(&in, l->pad);
    l->buttons = cut_top(&in, buttons_h);
    cut_top(&in, l->pad);
    l->chat_log = in;
    layout_buttons(l);
    {
        int lw = clampi(l->font_px * 11 / 2, 0, l->status.w / 3);
        l->leave = (ui_rect){l->status.x + l->status.w - lw, l->status.y, lw,
                             clampi(l->line_h, 0, l->status.h)};
    }
}

void ui_layout_confirm(const ui_layout *l, ui_rect *box, ui_rect *yes, ui_rect *no)
{
    ui_rect b = l->board;
    int w = clampi(l->font_px * 30, 0, b.w), h = clampi(l->line_h * 5, 0, b.h);
    int px = clampi(l->pad, 0, w / 3), py = clampi(l->pad, 0, h / 3);
    int bw = clampi((w - 3 * px) / 2, 0, w), bh = clampi(l->line_h + l->pad, 0, h - py);
    *box = (ui_rect){b.x + (b.w - w) / 2, b.y + (b.h - h) / 2, w, h};
    *no = (ui_rect){box->x + px, box->y + h - bh - py, bw, bh};
    *yes = (ui_rect){box->x + w - bw - px, no->y, bw, bh};
}

void ui_layout_result(const ui_layout *l, ui_rect *box, ui_rect *rest)
{
    *rest = l->moves;
    /* a headline twice the text's height, then a line for the reason */
    *box = cut_top(rest, l->font_px * 2 + l->line_h + 3 * l->pad);
    cut_top(rest, l->pad / 2);
}

int ui_layout_button_at(const ui_layout *l, int px, int py)
{
    for (int i = 0; i < UI_BUTTON_SLOTS; i++)
        if (l->button[i].w > 0 && l->button[i].h > 0 && ui_rect_contains(l->button[i], px, py))
            return i;
    return -1;
}
