/* text.c: SDL2_ttf text drawing (see text.h). */
#include <stdio.h>
#include <string.h>

#include <SDL_ttf.h>

#include "font_find.h"
#include "text.h"
#include "utf8.h"

enum { TEXT_SIZES = 24, FIT_BUF = 512 };

typedef struct sized_font {
    int px;
    int fallback; /* 1: the fallback face */
    TTF_Font *font;
} sized_font;

struct ui_text {
    SDL_Renderer *r;
    char path[1024];
    char fallback_path[1024]; /* empty until a character needs it */
    int fallback_tried;
    sized_font sizes[TEXT_SIZES];
    int next_evict;
};

static TTF_Font *font_at(ui_text *t, int px, int fallback)
{
    if (px < 4)
        px = 4;
    for (int i = 0; i < TEXT_SIZES; i++)
        if (t->sizes[i].font && t->sizes[i].px == px && t->sizes[i].fallback == fallback)
            return t->sizes[i].font;
    TTF_Font *f = TTF_OpenFont(fallback ? t->fallback_path : t->path, px);
    if (!f)
        return NULL;
    sized_font *slot = &t->sizes[t->next_evict];
    t->next_evict = (t->next_evict + 1) % TEXT_SIZES;
    if (slot->font)
        TTF_CloseFont(slot->font);
    slot->px = px;
    slot->fallback = fallback;
    slot->font = f;
    return f;
}

ui_text *ui_text_create(SDL_Renderer *r, const char *font_path, char *err, size_t cap)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, cap, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    ui_text *t = SDL_calloc(1, sizeof *t);
    if (!t || strlen(font_path) >= sizeof t->path) {
        snprintf(err, cap, "font path too long or out of memory");
        SDL_free(t);
        return NULL;
    }
    t->r = r;
    memcpy(t->path, font_path, strlen(font_path) + 1);
    if (!font_at(t, 16, 0)) {
        snprintf(err, cap, "cannot open font %s: %s", font_path, TTF_GetError());
        SDL_free(t);
        return NULL;
    }
    return t;
}

void ui_text_destroy(ui_text *t)
{
    if (!t)
        return;
    for (int i = 0; i < TEXT_SIZES; i++)
        if (t->sizes[i].font)
            TTF_CloseFont(t->sizes[i].font);
    SDL_free(t);
}

int ui_text_has_glyph(ui_text *t, Uint32 codepoint)
{
    TTF_Font *f = font_at(t, 16, 0);
    return f && TTF_GlyphIsProvided32(f, codepoint);
}

/* The font to draw s with at px: the main one unless it lacks one of s's
 * characters and a fallback has it. */
static TTF_Font *font_for(ui_text *t, const char *s, int px)
{
    TTF_Font *main_font = font_at(t, px, 0);
    if (!main_font)
        return NULL;
    const char *p = s;
    uint32_t cp;
    while ((cp = utf8_next(&p)) != 0) {
        if (TTF_GlyphIsProvided32(main_font, cp))
            continue;
        if (!t->fallback_tried) {
            t->fallback_tried = 1;
            if (ui_font_find_for_char(cp, t->fallback_path, sizeof t->fallback_path) != 0)
                t->fallback_path[0] = 0;
        }
        if (!t->fallback_path[0])
            return main_font;
        TTF_Font *fb = font_at(t, px, 1);
        return fb ? fb : main_font;
    }
    return main_font;
}

static void blit(ui_text *t, SDL_Surface *s, int x, int y, ui_align align)
{
    SDL_Texture *tex = SDL_CreateTextureFromSurface(t->r, s);
    if (!tex)
        return;
    SDL_Rect dst = {x, y - s->h / 2, s->w, s->h};
    if (align == UI_ALIGN_CENTER)
        dst.x -= s->w / 2;
    else if (align == UI_ALIGN_RIGHT)
        dst.x -= s->w;
    SDL_RenderCopy(t->r, tex, NULL, &dst);
    SDL_DestroyTexture(tex);
}

int ui_text_draw(ui_text *t, const char *s, int px, SDL_Color c, int x, int y, ui_align align)
{
    if (!s || !*s)
        return 0;
    TTF_Font *f = font_for(t, s, px);
    SDL_Surface *surf = f ? TTF_RenderUTF8_Blended(f, s, c) : NULL;
    if (!surf)
        return 0;
    int w = surf->w;
    blit(t, surf, x, y, align);
    SDL_FreeSurface(surf);
    return w;
}

int ui_text_width(ui_text *t, const char *s, int px)
{
    int w = 0, h = 0;
    TTF_Font *f = s && *s ? font_for(t, s, px) : NULL;
    if (!f || TTF_SizeUTF8(f, s, &w, &h) != 0)
        return 0;
    return w;
}

int ui_text_draw_fit(ui_text *t, const char *s, int px, SDL_Color c, int x, int y, ui_align align,
                     int max_w)
{
    if (!s || ui_text_width(t, s, px) <= max_w)
        return ui_text_draw(t, s, px, c, x, y, align);
    /* A little smaller before cutting: "Accept rematch" whole in a narrow panel. */
    for (int step = 7; step >= 6; step--)
        if (ui_text_width(t, s, px * step / 8) <= max_w)
            return ui_text_draw(t, s, px * step / 8, c, x, y, align);
    px = px * 6 / 8;
    char buf[FIT_BUF];
    size_t len = strlen(s);
    if (len > FIT_BUF - 4)
        len = FIT_BUF - 4;
    while (len > 0) {
        len = utf8_floor(s, len - 1);
        memcpy(buf, s, len); /* NOLINT(bugprone-not-null-terminated-result): NUL next line */
        memcpy(buf + len, "\xE2\x80\xA6", 4); /* U+2026 and the NUL */
        if (ui_text_width(t, buf, px) <= max_w)
            break;
    }
    return len ? ui_text_draw(t, buf, px, c, x, y, align) : 0;
}

void ui_text_glyph(ui_text *t, Uint32 codepoint, int px, SDL_Color c, int cx, int cy)
{
    TTF_Font *f = font_at(t, px, 0);
    SDL_Surface *surf = f ? TTF_RenderGlyph32_Blended(f, codepoint, c) : NULL;
    if (!surf)
        return;
    blit(t, surf, cx, cy, UI_ALIGN_CENTER);
    SDL_FreeSurface(surf);
}
