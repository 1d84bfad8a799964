/* test_packet_move: the codec's MOVE fast path (net/packet_move.c) gives the
 * same results as the walk of the field tables (net/packet.c) for every
 * MOVE: the same bytes out of encode, the same packet (byte for byte) and
 * error out of decode. Decode is compared for every value of every byte
 * of the packet and every value of every pair of its body's bytes, on a
 * Gomoku and a chess move; encode for every value of every pair of the
 * move's byte fields at several plies, every capacity and every type. A
 * change to move_fields or check_move that the fast path does not follow
 * (or the reverse) fails here. */
#include <stdint.h>
#include <string.h>

#include "packet.h"
#include "packet_internal.h"
#include "tap.h"

enum { MOVE_SIZE = 16 };

typedef struct tally {
    unsigned long compared, differ, valid;
    char first[160]; /* the first difference */
} tally;

static void note(tally *t, const char *what, const uint8_t *b, size_t n)
{
    size_t at;
    if (t->differ++)
        return;
    at = (size_t)snprintf(t->first, sizeof t->first, "%s:", what);
    for (size_t i = 0; i < n && at + 4 < sizeof t->first; i++)
        at += (size_t)snprintf(t->first + at, sizeof t->first - at, " %02x", b[i]);
}

/* Decodes wire[0..len) both ways and compares the error and the packet. */
static void decode_both(tally *t, const uint8_t *wire, size_t len)
{
    packet fast, walk;
    packet_error ef, ew;
    memset(&fast, 0xA5, sizeof fast);
    memset(&walk, 0xA5, sizeof walk);
    ef = packet_decode(wire, len, &fast);
    ew = packet_decode_walk(wire, len, &walk);
    t->compared++;
    if (ew == PACKET_OK)
        t->valid++;
    /* Byte for byte, padding included: both start from the same fill and
     * each decoder clears the whole packet first. */
    /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison) */
    if (ef != ew || memcmp(&fast, &walk, sizeof fast) != 0)
        note(t, "decode", wire, len);
}

/* Encodes p both ways (cap bytes of room) and compares the result and every
 * byte of the output buffer. */
static void encode_both(tally *t, const packet *p, size_t cap)
{
    uint8_t fast[PACKET_MAX_SIZE], walk[PACKET_MAX_SIZE];
    int nf, nw;
    memset(fast, 0x5A, sizeof fast);
    memset(walk, 0x5A, sizeof walk);
    nf = packet_encode(p, fast, cap);
    nw = packet_encode_walk(p, walk, cap);
    t->compared++;
    if (nw > 0)
        t->valid++;
    if (nf != nw || memcmp(fast, walk, sizeof fast) != 0)
        note(t, "encode", (const uint8_t *)&p->u.move, sizeof p->u.move);
}

static void report(const tally *t, const char *what)
{
    if (!TAP_OK(t->differ == 0 && t->valid > 0 && t->valid < t->compared,
                "%s: %lu compared (%lu valid), %lu differ", what, t->compared, t->valid, t->differ))
        tap_diag("first: %s", t->first);
}

static void wire_of(uint8_t *w, uint32_t ply, uint8_t fx, uint8_t fy, uint8_t tx, uint8_t ty,
                    uint8_t promotion)
{
    packet p;
    packet_make_move(&p, ply, fx, fy, tx, ty, promotion);
    memset(w, 0, MOVE_SIZE);
    TAP_INT_EQ(packet_encode_walk(&p, w, MOVE_SIZE), MOVE_SIZE, "a base MOVE encodes (ply %u)",
               (unsigned)ply);
}

int main(void)
{
    uint8_t bases[4][MOVE_SIZE];
    wire_of(bases[0], 0, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0);     /* Gomoku */
    wire_of(bases[1], 0x01020304u, 4, 1, 4, 3, 0);                         /* chess */
    wire_of(bases[2], 0xFFFFFFFFu, 6, 6, 7, 7, 4);                         /* a promotion */
    wire_of(bases[3], 224, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 24, 24, 0); /* the corner */

    {
        tally t = {0};
        uint8_t w[MOVE_SIZE];
        for (size_t b = 0; b < 4; b++)
            for (size_t i = 0; i < MOVE_SIZE; i++)
                for (unsigned v = 0; v < 256; v++) {
                    memcpy(w, bases[b], sizeof w);
                    w[i] = (uint8_t)v;
                    decode_both(&t, w, sizeof w);
                }
        report(&t, "decode: every value of every byte, four base moves");
    }
    {
        tally t = {0};
        uint8_t w[2 * MOVE_SIZE];
        for (size_t b = 0; b < 4; b++)
            for (size_t len = 0; len <= sizeof w; len++) {
                memset(w, 0, sizeof w);
                memcpy(w, bases[b], MOVE_SIZE);
                decode_both(&t, w, len);
            }
        report(&t, "decode: every length up to two packets");
    }
    for (size_t b = 0; b < 2; b++) {
        tally t = {0};
        uint8_t w[MOVE_SIZE];
        for (size_t i = PACKET_HEADER_SIZE; i < MOVE_SIZE; i++)
            for (size_t j = i + 1; j < MOVE_SIZE; j++)
                for (unsigned v = 0; v < 65536; v++) {
                    memcpy(w, bases[b], sizeof w);
                    w[i] = (uint8_t)(v >> 8);
                    w[j] = (uint8_t)v;
                    decode_both(&t, w, sizeof w);
                }
        report(&t, b == 0 ? "decode: every pair of body bytes, a Gomoku move"
                          : "decode: every pair of body bytes, a chess move");
    }

    {
        static const uint32_t plies[] = {0, 1, 0xFFFFFFFFu};
        static const uint8_t base[2][5] = {{PACKET_NO_SQUARE, PACKET_NO_SQUARE, 3, 4, 0},
                                           {1, 2, 3, 4, 0}};
        tally t = {0};
        for (size_t k = 0; k < 2 * sizeof plies / sizeof plies[0]; k++)
            for (unsigned a = 0; a < 5; a++)
                for (unsigned c = a + 1; c < 5; c++)
                    for (unsigned v = 0; v < 65536; v++) {
                        uint8_t f[5];
                        packet p;
                        memcpy(f, base[k % 2], sizeof f);
                        f[a] = (uint8_t)(v >> 8);
                        f[c] = (uint8_t)v;
                        packet_make_move(&p, plies[k / 2], f[0], f[1], f[2], f[3], f[4]);
                        encode_both(&t, &p, MOVE_SIZE);
                    }
        report(&t,
               "encode: every pair of the byte fields, a Gomoku and a chess move at three plies");
    }
    {
        tally t = {0};
        for (unsigned k = 0; k < 2; k++)
            for (size_t cap = 0; cap <= PACKET_MAX_SIZE; cap++) {
                packet p;
                packet_make_move(&p, 0x11223344u, k ? 1 : PACKET_NO_SQUARE,
                                 k ? 2 : PACKET_NO_SQUARE, 3, 4, k ? 0 : 1);
                encode_both(&t, &p, cap);
            }
        report(&t, "encode: every capacity, a valid and a bad move");
    }
    {
        tally t = {0};
        for (unsigned type = 0; type < 256; type++) {
            packet p;
            packet_make_move(&p, 9, 1, 2, 3, 4, 0);
            p.type = (packet_type)type;
            encode_both(&t, &p, PACKET_MAX_SIZE);
        }
        report(&t, "encode: a valid move's fields under every type");
    }
    return tap_done();
}
