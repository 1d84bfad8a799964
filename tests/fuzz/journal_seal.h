/* journal_seal.h: the journal's line seal for fuzz_journal and the corpus
 * generator (docs/server.md, "Format"): each line ends in " *" and the
 * CRC-32 (IEEE) of the text before it in eight hex digits. Header-only
 * (static functions). */
#ifndef MATCHBOARD_JOURNAL_SEAL_H
#define MATCHBOARD_JOURNAL_SEAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static uint32_t seal_crc32(const uint8_t *s, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= s[i];
        for (int k = 0; k < 8; k++)
            c = c >> 1 ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* Copies in[0..n) to out, each line's tail after its last " *" replaced by
 * the CRC of the text before the " *" (a line without one is copied as it
 * is); returns the length, at most 5n (out must have that room). */
static size_t seal_lines(const uint8_t *in, size_t n, uint8_t *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t o = 0, start = 0;
    while (start < n) {
        const uint8_t *nl = memchr(in + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - in) : n, star = 0;
        for (size_t i = start; i + 1 < end; i++)
            if (in[i] == ' ' && in[i + 1] == '*')
                star = i + 2;
        if (star) {
            uint32_t crc = seal_crc32(in + start, star - 2 - start);
            memcpy(out + o, in + start, star - start);
            o += star - start;
            for (int k = 28; k >= 0; k -= 4)
                out[o++] = (uint8_t)digits[(crc >> k) & 15u];
        } else {
            memcpy(out + o, in + start, end - start);
            o += end - start;
        }
        if (nl)
            out[o++] = '\n';
        start = end + 1;
    }
    return o;
}

#endif
