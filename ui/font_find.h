/* font_find.h: locating a system font for the GUI. Linux and other POSIX
 * systems ask fontconfig (font_find_posix.c); Windows looks in the Windows
 * font folder, then for DejaVuSans.ttf beside the .exe (font_find_win32.c).
 * The font must hold the chess figurines U+2654..U+265F (DejaVu Sans and
 * Segoe UI Symbol do).
 */
#ifndef MATCHBOARD_UI_FONT_FIND_H
#define MATCHBOARD_UI_FONT_FIND_H

#include <stddef.h>

/* Writes the path of the main UI font into path[cap]. Returns 0, or -1
 * when no suitable font is installed (path then holds a readable reason). */
int ui_font_find(char *path, size_t cap);

/* Writes the path of an installed font that has the character `codepoint`
 * (for chat text the main font cannot show, such as Hangul). Returns 0, or
 * -1 if there is none. */
int ui_font_find_for_char(unsigned long codepoint, char *path, size_t cap);

#endif
