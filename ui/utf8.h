/* utf8.h: the little UTF-8 handling the UI needs (chat input, cutting
 * text to fit). Pure, no SDL. */
#ifndef MATCHBOARD_UI_UTF8_H
#define MATCHBOARD_UI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the character at *p and advances past it; 0 at the end of the
 * string. A malformed byte decodes as U+FFFD and is skipped alone. */
uint32_t utf8_next(const char **p);

/* The largest character boundary <= len in s (s has at least len bytes). */
size_t utf8_floor(const char *s, size_t len);

/* Removes the last character of the NUL-terminated s (Backspace). */
void utf8_pop(char *s);

/* Appends `add` to s[cap], whole characters only, as many as fit.
 * Returns how many bytes were appended. */
size_t utf8_append(char *s, size_t cap, const char *add);

#endif
