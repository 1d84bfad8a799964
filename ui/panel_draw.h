/* panel_draw.h: draws a panel_info (panel.h) with SDL. */
#ifndef MATCHBOARD_UI_PANEL_DRAW_H
#define MATCHBOARD_UI_PANEL_DRAW_H

#include <SDL.h>

#include "panel.h"
#include "text.h"

/* Draws the panel into l->panel. */
void panel_draw(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p);

/* Draws the game's result in the panel, above the move list
 * (ui_layout_result), off the board. */
void panel_draw_banner(SDL_Renderer *r, ui_text *t, const ui_layout *l, const panel_info *p);

/* Draws the question asked before leaving (p->leave_question), with its
 * two buttons (ui_layout_confirm), over the board; nothing without one. */
void panel_draw_leave_question(SDL_Renderer *r, ui_text *t, const ui_layout *l,
                               const panel_info *p);

#endif
