/* test_png.c: the PNG screenshot writer (ui/png.c). Written images are read
 * back: the signature, IHDR, every chunk's CRC, and the pixels after
 * undoing the deflate stream and the row filters. Built once with the
 * stored-block deflate and, when the build has zlib, once with zlib
 * (TEST_PNG_ZLIB), which then also inflates. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef TEST_PNG_ZLIB
#include <zlib.h>
#endif

#include "png.h"
#include "tap.h"

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

/* The zlib stream z[0..n) inflated into out (cap bytes): its length or -1. */
static long inflate_all(const uint8_t *z, size_t n, uint8_t *out, size_t cap)
{
#ifdef TEST_PNG_ZLIB
    uLongf len = (uLongf)cap;
    return uncompress(out, &len, z, (uLong)n) == Z_OK ? (long)len : -1;
#else
    /* stored blocks only: header, (BFINAL/BTYPE, LEN, NLEN, data)*, Adler */
    size_t at = 2, len = 0;
    if (n < 2 || ((z[0] << 8) | z[1]) % 31 != 0 || (z[0] & 0x0F) != 8)
        return -1;
    for (;;) {
        if (at + 5 > n || (z[at] & 6) != 0)
            return -1;
        int final = z[at] & 1;
        size_t l = z[at + 1] | (size_t)z[at + 2] << 8, nl = z[at + 3] | (size_t)z[at + 4] << 8;
        if ((l ^ nl) != 0xFFFF || at + 5 + l > n || len + l > cap)
            return -1;
        memcpy(out + len, z + at + 5, l);
        len += l;
        at += 5 + l;
        if (final)
            break;
    }
    uint32_t s1 = 1, s2 = 0;
    for (size_t i = 0; i < len; i++) {
        s1 = (s1 + out[i]) % 65521;
        s2 = (s2 + s1) % 65521;
    }
    return at + 4 == n && get32(z + at) == (s2 << 16 | s1) ? (long)len : -1;
#endif
}

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Reads path back; 0 when it is a w x h RGB PNG with valid CRCs whose
 * pixels equal rgb (tightly packed). */
static int check_file(const char *path, const uint8_t *rgb, int w, int h, const char *what)
{
    static uint8_t file[1 << 20], z[1 << 20], raw[1 << 20];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(file, 1, sizeof file, f) : 0;
    if (f)
        fclose(f);
    int good = n > 8 && memcmp(file, "\x89PNG\r\n\x1a\n", 8) == 0;
    TAP_OK(good, "%s: the PNG signature", what);
    size_t at = 8, zn = 0;
    int crcs_ok = 1, ihdr_ok = 0, iend = 0;
    while (good && at + 12 <= n && !iend) {
        uint32_t len = get32(file + at);
        if (at + 12 + len > n) {
            crcs_ok = 0;
            break;
        }
        const uint8_t *type = file + at + 4, *data = file + at + 8;
        crcs_ok &= crc(type, len + 4) == get32(data + len);
        if (memcmp(type, "IHDR", 4) == 0)
            ihdr_ok = len == 13 && get32(data) == (uint32_t)w && get32(data + 4) == (uint32_t)h &&
                      data[8] == 8 && data[9] == 2 && data[10] == 0 && data[11] == 0 &&
                      data[12] == 0;
        else if (memcmp(type, "IDAT", 4) == 0 && zn + len <= sizeof z) {
            memcpy(z + zn, data, len);
            zn += len;
        } else if (memcmp(type, "IEND", 4) == 0)
            iend = 1;
        at += 12 + len;
    }
    TAP_OK(good && crcs_ok && iend && at == n, "%s: chunks end with IEND, every CRC right", what);
    TAP_OK(ihdr_ok, "%s: IHDR says %dx%d, 8-bit RGB", what, w, h);
    long rn = inflate_all(z, zn, raw, sizeof raw);
    size_t row = (size_t)w * 3;
    TAP_OK(rn == (long)((row + 1) * (size_t)h), "%s: the image data inflates to %d rows", what, h);
    if (rn != (long)((row + 1) * (size_t)h))
        return -1;
    int same = 1;
    for (int y = 0; y < h; y++) {
        uint8_t *cur = raw + (size_t)y * (row + 1) + 1, *up = y ? cur - (row + 1) : NULL;
        int filter = cur[-1];
        for (size_t i = 0; i < row; i++) {
            int a = i >= 3 ? cur[i - 3] : 0, b = up ? up[i] : 0, c = up && i >= 3 ? up[i - 3] : 0;
            int pred = filter == 0   ? 0
                       : filter == 1 ? a
                       : filter == 2 ? b
                       : filter == 3 ? (a + b) / 2
                                     : paeth(a, b, c);
            cur[i] = (uint8_t)(cur[i] + pred);
            same &= cur[i] == rgb[(size_t)y * row + i];
        }
    }
    TAP_OK(same, "%s: every pixel reads back as written", what);
    return 0;
}

int main(int argc, char **argv)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/test_png_out.png", argc > 1 ? argv[1] : ".");

    uint8_t one[3] = {200, 10, 30};
    TAP_INT_EQ(ui_png_write(path, one, 1, 1, 3), 0, "a 1x1 image is written");
    check_file(path, one, 1, 1, "1x1");

    /* A gradient with noise, wider than one stored block (65535 bytes),
     * with a pitch larger than the row. */
    enum { W = 150, H = 170, PITCH = W * 3 + 5 };
    static uint8_t img[PITCH * H], packed[W * 3 * H];
    uint32_t seed = 12345;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W * 3; x++) {
            seed = seed * 1103515245u + 12345u;
            uint8_t v = (uint8_t)(x + 2 * y + (seed >> 28));
            img[y * PITCH + x] = v;
            packed[y * W * 3 + x] = v;
        }
    TAP_INT_EQ(ui_png_write(path, img, W, H, PITCH), 0, "a %dx%d image is written", W, H);
    check_file(path, packed, W, H, "150x170");

    TAP_INT_EQ(ui_png_write(path, one, 0, 1, 3), -1, "a 0-wide image is refused");
    TAP_INT_EQ(ui_png_write(path, one, 2, 1, 3), -1, "a pitch shorter than a row is refused");
    char bad[1100];
    snprintf(bad, sizeof bad, "%s/no-such-dir/x.png", argc > 1 ? argv[1] : ".");
    TAP_INT_EQ(ui_png_write(bad, one, 1, 1, 3), -1, "an unwritable path gives -1");
    remove(path);
    return tap_done();
}
