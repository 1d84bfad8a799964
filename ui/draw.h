/* draw.h: the few shapes the boards and panel are made of, over SDL's
 * renderer: filled rectangles, smooth-edged discs (stones, markers) and
 * rings, thick lines. */
#ifndef MATCHBOARD_UI_DRAW_H
#define MATCHBOARD_UI_DRAW_H

#include <SDL.h>

#include "geometry.h"

void draw_fill(SDL_Renderer *r, ui_rect rect, SDL_Color c);
/* A rectangle outline `t` pixels thick, inside rect. */
void draw_frame(SDL_Renderer *r, ui_rect rect, int t, SDL_Color c);
/* A filled rectangle with rounded corners of radius rad. */
void draw_round_rect(SDL_Renderer *r, ui_rect rect, int rad, SDL_Color c);
/* A disc of radius rad centred on (cx, cy), shading from `inner` at the
 * highlight (up-left of the centre) to `outer` at the rim, anti-aliased. */
void draw_disc(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color inner, SDL_Color outer);
/* A radial glow centred on (cx, cy): `inner` at the centre to `outer` at
 * radius rad. */
void draw_glow(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color inner, SDL_Color outer);
/* A ring between radii r0 < r1, anti-aliased. */
void draw_ring(SDL_Renderer *r, float cx, float cy, float r0, float r1, SDL_Color c);
/* A line from (x0, y0) to (x1, y1), `width` pixels wide. */
void draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width, SDL_Color c);

#endif
