/* png_deflate_stored.c: ui_png_deflate without zlib (see png.h): a zlib
 * stream of uncompressed ("stored") deflate blocks, RFC 1950 and 1951. */
#include <stdlib.h>
#include <string.h>

#include "png.h"

enum { BLOCK_MAX = 65535 };

int ui_png_deflate(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n)
{
    size_t blocks = n / BLOCK_MAX + 1;
    uint8_t *buf = malloc(2 + blocks * 5 + n + 4), *o = buf;
    if (!buf)
        return -1;
    *o++ = 0x78;             /* deflate, 32 KiB window */
    *o++ = 0x01;             /* no dictionary, fastest; (0x78 << 8 | 0x01) % 31 == 0 */
    uint32_t s1 = 1, s2 = 0; /* Adler-32 */
    size_t left = n;
    do {
        size_t len = left < BLOCK_MAX ? left : BLOCK_MAX;
        *o++ = left == len; /* BFINAL on the last block, BTYPE 00 */
        o[0] = (uint8_t)len;
        o[1] = (uint8_t)(len >> 8);
        o[2] = (uint8_t)~len;
        o[3] = (uint8_t)(~len >> 8);
        o += 4;
        memcpy(o, in, len);
        for (size_t i = 0; i < len; i++) {
            s1 = (s1 + in[i]) % 65521;
            s2 = (s2 + s1) % 65521;
        }
        o += len;
        in += len;
        left -= len;
    } while (left > 0);
    uint32_t adler = s2 << 16 | s1;
    for (int i = 3; i >= 0; i--)
        *o++ = (uint8_t)(adler >> (8 * i));
    *out = buf;
    *out_n = (size_t)(o - buf);
    return 0;
}
