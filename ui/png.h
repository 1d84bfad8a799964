/* png.h: a minimal PNG writer for screenshots: 8-bit RGB, no interlace,
 * the Paeth filter on every row. Compressed with zlib when the build has
 * it (png_deflate_zlib.c), else stored in uncompressed deflate blocks
 * (png_deflate_stored.c), which every PNG reader takes too. No SDL. */
#ifndef MATCHBOARD_UI_PNG_H
#define MATCHBOARD_UI_PNG_H

#include <stddef.h>
#include <stdint.h>

/* Writes the w x h image (rows of 3-byte R, G, B pixels, `pitch` bytes
 * apart) to path. Returns 0, or -1 (bad size, out of memory, cannot
 * write). */
int ui_png_write(const char *path, const uint8_t *rgb, int w, int h, int pitch);

/* The zlib stream (RFC 1950) of in[0..n): 0 and a malloc'ed *out of *out_n
 * bytes, or -1. One of png_deflate_{zlib,stored}.c. */
int ui_png_deflate(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n);

#endif
