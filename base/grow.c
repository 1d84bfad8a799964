/* grow.c: growing dynamic arrays (grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int mb_resize(void *arrayp, size_t n, size_t item_size)
{
    void *old, *grown;
    size_t bytes;
    if (item_size != 0 && n > SIZE_MAX / item_size)
        return MB_GROW_OVERFLOW;
    bytes = n * item_size;
    memcpy(&old, arrayp, sizeof old);
    /* realloc(p, 0) may free p: an empty array keeps one byte. */
    grown = realloc(old, bytes ? bytes : 1);
    if (!grown)
        return MB_GROW_NOMEM;
    memcpy(arrayp, &grown, sizeof grown);
    return MB_GROW_OK;
}

int mb_grow(void *arrayp, size_t *cap, size_t need, size_t item_size, size_t first)
{
    size_t c;
    int err;
    if (need <= *cap)
        return MB_GROW_OK;
    c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return MB_GROW_OVERFLOW;
        c *= 2;
    }
    if ((err = mb_resize(arrayp, c, item_size)) != MB_GROW_OK)
        return err;
    *cap = c;
    return MB_GROW_OK;
}

const char *mb_grow_strerror(int code)
{
    switch (code) {
    case MB_GROW_OK:
        return "no error";
    case MB_GROW_NOMEM:
        return "out of memory";
    case MB_GROW_OVERFLOW:
        return "size too large";
    default:
        return "unknown error";
    }
}
