/* chess_view.h: draws a chess board_view: squares, coordinates, pieces
 * (the font's figurines U+2654..U+265F), the last move, the selected piece
 * and its legal squares, a king in check, a dragged piece and the
 * promotion chooser. */
#ifndef MATCHBOARD_UI_CHESS_VIEW_H
#define MATCHBOARD_UI_CHESS_VIEW_H

#include <SDL.h>

#include "board_view.h"
#include "geometry.h"
#include "text.h"

void chess_view_draw(SDL_Renderer *r, ui_text *t, const board_geom *g, const board_view *v);

/* The promotion pieces in the chooser's order, top to bottom (as seen
 * from the promoting side): queen, rook, bishop, knight. */
extern const game_promotion chess_view_promo_order[4];

/* The chooser's box for choice i (0..3) of a chooser open over
 * (v->promo_x, v->promo_y): it runs from the target square towards the
 * centre of the board. */
ui_rect chess_view_promo_rect(const board_geom *g, const board_view *v, int i);

/* The promotion choice under (px, py), or GAME_PROMO_NONE. */
game_promotion chess_view_promo_at(const board_geom *g, const board_view *v, int px, int py);

#endif
