/* screenshot.h: writes what the renderer has drawn to an image file. */
#ifndef MATCHBOARD_UI_SCREENSHOT_H
#define MATCHBOARD_UI_SCREENSHOT_H

#include <SDL.h>

/* Reads the current render target and writes it to path: a PNG when the
 * name ends in ".png" (any case), else a 24-bit BMP.
 * Returns 0, or -1 with SDL_GetError() saying why. Call before
 * SDL_RenderPresent (the back buffer is undefined after it). */
int ui_screenshot_save(SDL_Renderer *r, const char *path);

#endif
