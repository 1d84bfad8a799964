/* grow.h: growing dynamic arrays, overflow-checked, in one place. */
#ifndef MATCHBOARD_GROW_H
#define MATCHBOARD_GROW_H

#include <stddef.h>

/* What mb_grow and mb_resize return. */
enum {
    MB_GROW_OK = 0,
    MB_GROW_NOMEM = -1,    /* realloc failed */
    MB_GROW_OVERFLOW = -2, /* the size in bytes does not fit in size_t */
};

/* Makes the array *arrayp (arrayp is the address of any object pointer,
 * e.g. &l->items) of *cap items of item_size bytes hold at least need
 * items. Nothing happens when need <= *cap; otherwise the capacity doubles
 * from *cap (from first when *cap is 0) until need fits, and the array is
 * reallocated to it. On failure *arrayp and *cap are left as they were.
 * Returns MB_GROW_OK or a negative MB_GROW_* code. */
int mb_grow(void *arrayp, size_t *cap, size_t need, size_t item_size, size_t first);

/* Reallocates the array *arrayp to exactly n items of item_size bytes,
 * refusing a size that overflows; *arrayp is unchanged on failure. */
int mb_resize(void *arrayp, size_t n, size_t item_size);

/* The text of an MB_GROW_* code. */
const char *mb_grow_strerror(int code);

#endif
