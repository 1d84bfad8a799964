/* render.c: see render.h. */
#include "render.h"
#include "chess_view.h"
#include "draw.h"
#include "gomoku_view.h"
#include "panel_draw.h"
#include "theme.h"

void render_board_geom(board_geom *g, const ui_layout *l, const board_view *v, int flipped)
{
    board_geom_kind kind =
        v->kind == GAME_KIND_CHESS ? BOARD_GEOM_SQUARES : BOARD_GEOM_INTERSECTIONS;
    board_geom_init(g, kind, v->cols, v->rows, l->board, flipped);
}

void render_game(SDL_Renderer *r, ui_text *t, const ui_layout *l, const board_geom *g,
                 const board_view *v, const panel_info *p)
{
    draw_fill(r, (ui_rect){0, 0, l->w, l->h}, THEME_BG);
    if (v->kind == GAME_KIND_CHESS)
        chess_view_draw(r, t, g, v);
    else if (v->kind == GAME_KIND_GOMOKU)
        gomoku_view_draw(r, t, g, v);
    panel_draw(r, t, l, p);
    if (p->game_over)
        panel_draw_banner(r, t, l, p); /* on the panel: the board stays visible */
    panel_draw_leave_question(r, t, l, p);
}
