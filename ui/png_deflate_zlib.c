/* png_deflate_zlib.c: ui_png_deflate through zlib (see png.h). */
#include <stdlib.h>

#include <zlib.h>

#include "png.h"

int ui_png_deflate(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n)
{
    uLongf cap = compressBound((uLong)n);
    uint8_t *buf = malloc(cap);
    if (!buf || (uLong)n != n || compress2(buf, &cap, in, (uLong)n, 9) != Z_OK) {
        free(buf);
        return -1;
    }
    *out = buf;
    *out_n = cap;
    return 0;
}
