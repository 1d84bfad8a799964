/* screenshot.c: see screenshot.h. */
#include <string.h>

#include "png.h"
#include "screenshot.h"

static int is_png(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && SDL_strcasecmp(path + n - 4, ".png") == 0;
}

int ui_screenshot_save(SDL_Renderer *r, const char *path)
{
    int w, h;
    if (SDL_GetRendererOutputSize(r, &w, &h) != 0)
        return -1;
    int png = is_png(path);
    Uint32 format = png ? SDL_PIXELFORMAT_RGB24 : SDL_PIXELFORMAT_BGR24;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, format);
    if (!s)
        return -1;
    int rc = SDL_RenderReadPixels(r, NULL, format, s->pixels, s->pitch);
    if (rc == 0 && png) {
        rc = ui_png_write(path, s->pixels, w, h, s->pitch);
        if (rc != 0)
            SDL_SetError("cannot write the PNG file");
    } else if (rc == 0) {
        rc = SDL_SaveBMP(s, path);
    }
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}
