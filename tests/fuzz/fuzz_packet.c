/* fuzz_packet.c: libFuzzer target for the packet codec and reassembly.
 *
 * For any input it checks that:
 *  - packet_decode of the whole input either fails or gives a packet that
 *    encodes back to exactly the input (nothing decoded that cannot be
 *    sent, no byte lost or invented);
 *  - a packet_stream fed the input in pieces (byte at a time, and in
 *    pseudo-random chunks through feed and through space/commit) hands out
 *    exactly what a straight walk over the input with packet_peek_header and
 *    packet_decode finds: the same packets in the same order, then the same
 *    error or need-more, with the error sticky and nothing after it.
 * A broken invariant aborts, which libFuzzer reports as a crash.
 */
#include <string.h>

#include "fuzz_check.h"
#include "packet.h"
#include "packet_stream.h"

static void check_decode(const uint8_t *data, size_t size)
{
    packet p;
    uint8_t out[PACKET_MAX_SIZE];
    if (packet_decode(data, size, &p) == PACKET_OK) {
        int n = packet_encode(&p, out, sizeof out);
        CHECK(n > 0 && (size_t)n == size && memcmp(out, data, size) == 0);
    }
}

/* The straight walk: the next packet at *off, advancing it. */
static packet_error walk_next(const uint8_t *data, size_t size, size_t *off, packet *out)
{
    size_t psize;
    packet_error e;
    if (size - *off < PACKET_HEADER_SIZE)
        return PACKET_ERR_NEED_MORE;
    e = packet_peek_header(data + *off, &psize);
    if (e != PACKET_OK)
        return e;
    if (size - *off < psize)
        return PACKET_ERR_NEED_MORE;
    e = packet_decode(data + *off, psize, out);
    if (e == PACKET_OK)
        *off += psize;
    return e;
}

/* A small deterministic generator for chunk sizes. */
static uint32_t next_rand(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* mode 0: byte at a time; 1: random chunks via feed; 2: random chunks via
 * space/commit. */
static void check_stream(const uint8_t *data, size_t size, int mode)
{
    packet_stream s;
    size_t pos = 0, ref_off = 0;
    uint32_t rng = 0x9E3779B9u ^ (uint32_t)size;
    int failed = 0;

    for (size_t i = 0; i < size && i < 16; i++)
        rng = rng * 31u + data[i];
    if (rng == 0)
        rng = 1;
    packet_stream_init(&s);
    while (!failed) {
        size_t want = mode == 0 ? 1 : 1 + next_rand(&rng) % (2 * PACKET_STREAM_CAP);
        size_t took = 0;
        packet got, ref;
        packet_error e;

        if (want > size - pos)
            want = size - pos;
        if (mode == 2) {
            size_t room;
            uint8_t *dst = packet_stream_space(&s, &room);
            took = want < room ? want : room;
            if (took > 0)
                memcpy(dst, data + pos, took);
            packet_stream_commit(&s, took);
        } else {
            took = packet_stream_feed(&s, data + pos, want);
        }
        pos += took;

        while ((e = packet_stream_next(&s, &got)) == PACKET_OK) {
            uint8_t out[PACKET_MAX_SIZE];
            size_t at = ref_off;
            int n;
            CHECK(walk_next(data, size, &ref_off, &ref) == PACKET_OK);
            /* Both come from packet_decode, which zeroes the whole struct first. */
            /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison): packets are zeroed whole */
            CHECK(memcmp(&got, &ref, sizeof got) == 0);
            n = packet_encode(&got, out, sizeof out);
            CHECK(n > 0 && memcmp(out, data + at, (size_t)n) == 0);
        }
        if (e != PACKET_ERR_NEED_MORE) {
            /* The walk fails at the same place with the same error. */
            CHECK(walk_next(data, size, &ref_off, &ref) == e);
            CHECK(packet_stream_next(&s, &got) == e);
            CHECK(packet_stream_feed(&s, data, size) == 0);
            failed = 1;
        } else if (pos == size) {
            CHECK(walk_next(data, size, &ref_off, &ref) == PACKET_ERR_NEED_MORE);
            CHECK(packet_stream_pending(&s) == size - ref_off);
            break;
        } else {
            /* After need-more there is always room for more bytes. */
            size_t room;
            CHECK(packet_stream_space(&s, &room) != NULL && room > 0);
        }
        CHECK(packet_stream_pending(&s) <= PACKET_STREAM_CAP);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_decode(data, size);
    for (int mode = 0; mode < 3; mode++)
        check_stream(data, size, mode);
    return 0;
}
