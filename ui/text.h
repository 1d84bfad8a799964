/* text.h: UTF-8 text and chess figurines drawn with SDL2_ttf.
 *
 * One font file gives every size (a few sizes are kept open). A string with
 * characters the main font lacks (Hangul typed in the chat, say) is drawn
 * with a fallback font that has them, found through font_find.h.
 */
#ifndef MATCHBOARD_UI_TEXT_H
#define MATCHBOARD_UI_TEXT_H

#include <stddef.h>

#include <SDL.h>

typedef struct ui_text ui_text;

typedef enum ui_align {
    UI_ALIGN_LEFT = 0,
    UI_ALIGN_CENTER = 1,
    UI_ALIGN_RIGHT = 2,
} ui_align;

/* Opens the font at `font_path` for drawing on `r`. Returns NULL and a
 * readable reason in err[cap] when the file cannot be used as a font. */
ui_text *ui_text_create(SDL_Renderer *r, const char *font_path, char *err, size_t cap);
void ui_text_destroy(ui_text *t);

/* True when the main font has the character. */
int ui_text_has_glyph(ui_text *t, Uint32 codepoint);

/* Draws s (UTF-8) px pixels tall; x is the left edge, centre or right edge
 * by `align`, y the vertical centre. Returns the width drawn. */
int ui_text_draw(ui_text *t, const char *s, int px, SDL_Color c, int x, int y, ui_align align);

/* Width of s at px pixels, without drawing. */
int ui_text_width(ui_text *t, const char *s, int px);

/* Like ui_text_draw, but a string wider than max_w is drawn smaller (down
 * to 3/4 of px) and, if it is still too wide, cut at a character boundary
 * with an ellipsis at the end. */
int ui_text_draw_fit(ui_text *t, const char *s, int px, SDL_Color c, int x, int y, ui_align align,
                     int max_w);

/* Draws one character (a chess figurine) centred on (cx, cy), px tall. */
void ui_text_glyph(ui_text *t, Uint32 codepoint, int px, SDL_Color c, int cx, int cy);

#endif
