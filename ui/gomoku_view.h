/* gomoku_view.h: draws a Gomoku board_view: wood, grid, star points,
 * coordinates a.. and 1.., stones, the last-stone marker, the winning line,
 * Renju forbidden points and the hover stone. */
#ifndef MATCHBOARD_UI_GOMOKU_VIEW_H
#define MATCHBOARD_UI_GOMOKU_VIEW_H

#include <SDL.h>

#include "board_view.h"
#include "geometry.h"
#include "text.h"

void gomoku_view_draw(SDL_Renderer *r, ui_text *t, const board_geom *g, const board_view *v);

#endif
