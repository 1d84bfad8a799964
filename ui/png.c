/* png.c: see png.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "png.h"

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return crc;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Writes one chunk: length, type, data, CRC of type and data. */
static int chunk(FILE *f, const char *type, const uint8_t *data, size_t n)
{
    uint8_t head[8], tail[4];
    put32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    uint32_t crc = crc_update(0xFFFFFFFFu, head + 4, 4);
    crc = crc_update(crc, data, n) ^ 0xFFFFFFFFu;
    put32(tail, crc);
    return fwrite(head, 1, 8, f) == 8 && (n == 0 || fwrite(data, 1, n, f) == n) &&
                   fwrite(tail, 1, 4, f) == 4
               ? 0
               : -1;
}

static uint8_t paeth(uint8_t a, uint8_t b, uint8_t c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* The filtered scanlines: each row is a filter byte (4, Paeth) and the
 * differences from the Paeth predictor. */
static uint8_t *filter_rows(const uint8_t *rgb, int w, int h, int pitch, size_t *n)
{
    size_t row = (size_t)w * 3;
    *n = (row + 1) * (size_t)h;
    uint8_t *out = malloc(*n);
    if (!out)
        return NULL;
    for (int y = 0; y < h; y++) {
        const uint8_t *cur = rgb + (size_t)y * (size_t)pitch;
        const uint8_t *up = y ? cur - pitch : NULL;
        uint8_t *o = out + (size_t)y * (row + 1);
        *o++ = 4;
        for (size_t i = 0; i < row; i++) {
            uint8_t a = i >= 3 ? cur[i - 3] : 0, b = up ? up[i] : 0;
            uint8_t c = up && i >= 3 ? up[i - 3] : 0;
            o[i] = (uint8_t)(cur[i] - paeth(a, b, c));
        }
    }
    return out;
}

int ui_png_write(const char *path, const uint8_t *rgb, int w, int h, int pitch)
{
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (w <= 0 || h <= 0 || w > 65535 || h > 65535 || pitch < w * 3)
        return -1;
    if (!crc_table[1])
        crc_init();
    size_t raw_n, z_n = 0;
    uint8_t *raw = filter_rows(rgb, w, h, pitch, &raw_n), *z = NULL;
    if (!raw || ui_png_deflate(raw, raw_n, &z, &z_n) != 0) {
        free(raw);
        return -1;
    }
    free(raw);
    uint8_t ihdr[13] = {0};
    put32(ihdr, (uint32_t)w);
    put32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8; /* bits per sample */
    ihdr[9] = 2; /* RGB; compression, filter method and interlace stay 0 */
    FILE *f = fopen(path, "wb");
    int rc = f ? 0 : -1;
    if (rc == 0 && fwrite(signature, 1, sizeof signature, f) != sizeof signature)
        rc = -1;
    if (rc == 0)
        rc = chunk(f, "IHDR", ihdr, sizeof ihdr);
    if (rc == 0)
        rc = chunk(f, "IDAT", z, z_n);
    if (rc == 0)
        rc = chunk(f, "IEND", NULL, 0);
    if (f && fclose(f) != 0)
        rc = -1;
    free(z);
    return rc;
}
