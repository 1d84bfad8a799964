/* chess_view.c: see chess_view.h. */
#include <stdio.h>
#include <string.h>

#include "chess_view.h"
#include "draw.h"
#include "theme.h"

const game_promotion chess_view_promo_order[4] = {GAME_PROMO_QUEEN, GAME_PROMO_ROOK,
                                                  GAME_PROMO_BISHOP, GAME_PROMO_KNIGHT};

/* Index of a piece letter in the figurine order K Q R B N P, or -1. */
static int figurine_index(char piece)
{
    const char *order = "KQRBNP";
    const char *p = piece ? strchr(order, piece >= 'a' ? piece - 32 : piece) : NULL;
    return p ? (int)(p - order) : -1;
}

/* A piece centred on (cx, cy): white as a white body under the outline
 * figurine, black as the solid figurine with a faint light rim. */
static void draw_piece(ui_text *t, char piece, int pitch, int cx, int cy)
{
    int i = figurine_index(piece);
    if (i < 0)
        return;
    int px = pitch * 17 / 20;
    cy -= pitch / 40; /* the figurines sit a little low in their line box */
    if (piece < 'a') {
        ui_text_glyph(t, 0x265A + (Uint32)i, px, UI_RGBA(0xFA, 0xF8, 0xF2, 0xFF), cx, cy);
        ui_text_glyph(t, 0x2654 + (Uint32)i, px, UI_RGBA(0x14, 0x12, 0x10, 0xFF), cx, cy);
    } else {
        ui_text_glyph(t, 0x265A + (Uint32)i, px, UI_RGBA(0x14, 0x12, 0x10, 0xFF), cx, cy);
    }
}

static char promo_letter(game_promotion p, game_side side)
{
    const char *letters = " NBRQ";
    char c = p >= GAME_PROMO_KNIGHT && p <= GAME_PROMO_QUEEN ? letters[p] : 'Q';
    return side == GAME_SIDE_P2 ? (char)(c + 32) : c;
}

ui_rect chess_view_promo_rect(const board_geom *g, const board_view *v, int i)
{
    ui_rect sq = board_geom_cell_rect(g, v->promo_x, v->promo_y);
    int cx, cy, mx, my;
    board_geom_center(g, v->promo_x, v->promo_y, &cx, &cy);
    board_geom_center(g, v->cols / 2, v->rows / 2, &mx, &my);
    int step = cy <= my ? g->pitch : -g->pitch; /* towards the board's middle */
    sq.y += i * step;
    return sq;
}

game_promotion chess_view_promo_at(const board_geom *g, const board_view *v, int px, int py)
{
    if (!v->promo_open)
        return GAME_PROMO_NONE;
    for (int i = 0; i < 4; i++)
        if (ui_rect_contains(chess_view_promo_rect(g, v, i), px, py))
            return chess_view_promo_order[i];
    return GAME_PROMO_NONE;
}

static void draw_labels(SDL_Renderer *r, ui_text *t, const board_geom *g)
{
    int font = g->pitch / 4 + 2;
    for (int i = 0; i < g->cols; i++) {
        char s[2] = {(char)('a' + i), 0};
        int px, py;
        board_geom_col_label(g, i, &px, &py);
        ui_text_draw(t, s, font, THEME_LABEL_ON_FRAME, px, py - g->pitch / 8, UI_ALIGN_CENTER);
    }
    for (int j = 0; j < g->rows; j++) {
        char s[16];
        snprintf(s, sizeof s, "%d", j + 1);
        int px, py;
        board_geom_row_label(g, j, &px, &py);
        ui_text_draw(t, s, font, THEME_LABEL_ON_FRAME, px + g->pitch / 8, py, UI_ALIGN_CENTER);
    }
    (void)r;
}

static void draw_square(SDL_Renderer *r, const board_geom *g, const board_view *v, int x, int y)
{
    ui_rect sq = board_geom_cell_rect(g, x, y);
    uint8_t m = v->mark[y][x];
    draw_fill(r, sq, (x + y) % 2 ? THEME_SQ_LIGHT : THEME_SQ_DARK);
    if (m & (MARK_LAST | MARK_LAST_FROM))
        draw_fill(r, sq, THEME_LAST_MOVE);
    if (m & MARK_SELECTED)
        draw_fill(r, sq, THEME_SELECTED);
    if (m & MARK_PREMOVE)
        draw_fill(r, sq, UI_RGBA(0xB0, 0x40, 0xE0, 0x70)); /* a premove: violet */
    if (m & MARK_CHECK) {
        float cx = sq.x + sq.w / 2.0f, cy = sq.y + sq.h / 2.0f;
        SDL_Rect clip = {sq.x, sq.y, sq.w, sq.h};
        SDL_RenderSetClipRect(r, &clip);
        draw_glow(r, cx, cy, sq.w * 0.72f, THEME_CHECK, UI_RGBA(0xD0, 0x10, 0x10, 0x00));
        SDL_RenderSetClipRect(r, NULL);
    }
}

static void draw_legal_marker(SDL_Renderer *r, const board_geom *g, const board_view *v, int x,
                              int y)
{
    int cx, cy;
    board_geom_center(g, x, y, &cx, &cy);
    if (v->cell[y][x])
        draw_ring(r, (float)cx, (float)cy, g->pitch * 0.40f, g->pitch * 0.48f, THEME_LEGAL);
    else
        draw_disc(r, (float)cx, (float)cy, g->pitch * 0.15f, THEME_LEGAL, THEME_LEGAL);
}

static void draw_promo_chooser(SDL_Renderer *r, ui_text *t, const board_geom *g,
                               const board_view *v)
{
    draw_fill(r, g->frame, UI_RGBA(0, 0, 0, 0x60));
    for (int i = 0; i < 4; i++) {
        ui_rect b = chess_view_promo_rect(g, v, i);
        draw_fill(r, b, UI_RGBA(0xF4, 0xF4, 0xF0, 0xFF));
        draw_frame(r, b, g->pitch / 30 + 1, UI_RGBA(0x60, 0x60, 0x60, 0xFF));
        draw_piece(t, promo_letter(chess_view_promo_order[i], v->promo_side), g->pitch,
                   b.x + b.w / 2, b.y + b.h / 2);
    }
}

void chess_view_draw(SDL_Renderer *r, ui_text *t, const board_geom *g, const board_view *v)
{
    ui_rect f = g->frame;
    draw_fill(r, (ui_rect){f.x + 3, f.y + 4, f.w, f.h}, THEME_SHADOW);
    draw_fill(r, f, THEME_CHESS_FRAME);
    draw_labels(r, t, g);
    for (int y = 0; y < v->rows; y++)
        for (int x = 0; x < v->cols; x++)
            draw_square(r, g, v, x, y);
    for (int y = 0; y < v->rows; y++)
        for (int x = 0; x < v->cols; x++) {
            int lifted = v->dragging && v->drag_x == x && v->drag_y == y;
            int cx, cy;
            board_geom_center(g, x, y, &cx, &cy);
            if (!lifted)
                draw_piece(t, (char)v->cell[y][x], g->pitch, cx, cy);
            if (v->mark[y][x] & MARK_LEGAL)
                draw_legal_marker(r, g, v, x, y);
        }
    if (v->dragging && v->drag_x >= 0 && v->drag_y >= 0 && v->drag_x < v->cols &&
        v->drag_y < v->rows)
        draw_piece(t, (char)v->cell[v->drag_y][v->drag_x], g->pitch, v->drag_px, v->drag_py);
    if (v->promo_open)
        draw_promo_chooser(r, t, g, v);
}
