/* render.h: one frame of the game screen: background, the board (Gomoku or
 * chess view), the side panel and, at the end, the result banner. */
#ifndef MATCHBOARD_UI_RENDER_H
#define MATCHBOARD_UI_RENDER_H

#include <SDL.h>

#include "board_view.h"
#include "geometry.h"
#include "layout.h"
#include "panel.h"
#include "text.h"

/* The board geometry for view v in layout l (flipped: Player2 at the
 * bottom). */
void render_board_geom(board_geom *g, const ui_layout *l, const board_view *v, int flipped);

/* Draws the whole game screen; does not present it. */
void render_game(SDL_Renderer *r, ui_text *t, const ui_layout *l, const board_geom *g,
                 const board_view *v, const panel_info *p);

#endif
