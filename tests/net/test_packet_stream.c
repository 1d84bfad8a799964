/* test_packet_stream.c: reassembly. Any split of a byte stream yields
 * exactly the packets sent, in order; the first bad packet stops the stream
 * with its error and nothing after it comes out; the buffer is bounded.
 */
#include <string.h>

#include "packet.h"
#include "packet_samples.h"
#include "packet_stream.h"
#include "tap.h"

#define MAX_PACKETS 64
#define MAX_BYTES   (MAX_PACKETS * PACKET_MAX_SIZE)

/* A byte stream and the packets it holds. */
typedef struct wire {
    uint8_t bytes[MAX_BYTES];
    size_t len;
    packet sent[MAX_PACKETS];
    size_t offset[MAX_PACKETS]; /* where each packet starts */
    size_t count;
} wire;

static void wire_add(wire *w, const packet *p)
{
    int n = packet_encode(p, w->bytes + w->len, sizeof w->bytes - w->len);
    if (n <= 0 || w->count == MAX_PACKETS) {
        tap_diag("wire_add: cannot add a %s", packet_type_name((uint8_t)p->type));
        return;
    }
    w->sent[w->count] = *p;
    w->offset[w->count++] = w->len;
    w->len += (size_t)n;
}

static void wire_add_raw(wire *w, const uint8_t *b, size_t n)
{
    memcpy(w->bytes + w->len, b, n);
    w->len += n;
}

/* Every type twice (two variants), interleaved with MOVEs: > PACKET_STREAM_CAP. */
static void wire_all_types(wire *w)
{
    memset(w, 0, sizeof *w);
    for (unsigned v = 0; v < 2; v++)
        for (size_t i = 0; i < SAMPLE_TYPE_COUNT; i++) {
            packet p;
            sample_packet(sample_types[i], v, &p);
            wire_add(w, &p);
        }
}

/* What a run through a stream gave. */
typedef struct outcome {
    size_t yielded;      /* packets handed out */
    int in_order;        /* each one equal to the one sent at its place */
    packet_error final;  /* NEED_MORE at the end of a good stream, else the error */
    size_t fed_at_error; /* bytes taken when the error first showed */
    int sticky;          /* after the error: same error again, no bytes taken */
    size_t pending;      /* at the end */
} outcome;

/* Drains whole packets; returns 1 once the stream has failed. */
static int drain(packet_stream *s, const wire *w, outcome *o, size_t fed)
{
    packet p;
    packet_error e;
    while ((e = packet_stream_next(s, &p)) == PACKET_OK) {
        /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison): packets are zeroed whole */
        if (o->yielded >= w->count || memcmp(&p, &w->sent[o->yielded], sizeof p) != 0)
            o->in_order = 0;
        o->yielded++;
    }
    if (e == PACKET_ERR_NEED_MORE)
        return 0;
    o->final = e;
    o->fed_at_error = fed;
    return 1;
}

/* Feeds w in chunks ending at cuts[0..ncuts) and then at the end, through
 * packet_stream_feed, or through space/commit when direct is set. */
static outcome run(const wire *w, const size_t *cuts, size_t ncuts, int direct)
{
    packet_stream s;
    outcome o = {0, 1, PACKET_ERR_NEED_MORE, 0, 1, 0};
    size_t pos = 0;

    packet_stream_init(&s);
    for (size_t c = 0; c <= ncuts; c++) {
        /* cppcheck-suppress nullPointer ; cuts is read only when ncuts > 0 */
        size_t end = c < ncuts ? cuts[c] : w->len;
        while (pos < end) {
            size_t took, room;
            if (direct) {
                uint8_t *dst = packet_stream_space(&s, &room);
                took = end - pos < room ? end - pos : room;
                if (took > 0)
                    memcpy(dst, w->bytes + pos, took);
                packet_stream_commit(&s, took);
            } else {
                took = packet_stream_feed(&s, w->bytes + pos, end - pos);
            }
            pos += took;
            if (drain(&s, w, &o, pos))
                goto failed;
            if (took == 0) {
                o.in_order = 0; /* no room after a drain: must not happen */
                goto done;
            }
        }
    }
    goto done;
failed : {
    packet p;
    size_t room = 1;
    uint8_t one = 0;
    /* NOLINTNEXTLINE(misc-redundant-expression): asked twice on purpose (sticky) */
    o.sticky = packet_stream_next(&s, &p) == o.final && packet_stream_next(&s, &p) == o.final &&
               packet_stream_feed(&s, &one, 1) == 0 && packet_stream_space(&s, &room) == NULL &&
               room == 0;
}
done:
    o.pending = packet_stream_pending(&s);
    return o;
}

static int good_outcome(const wire *w, const outcome *o)
{
    return o->yielded == w->count && o->in_order && o->final == PACKET_ERR_NEED_MORE &&
           o->pending == 0;
}

/* ---- good streams ------------------------------------------------------------- */

static void test_splits(void)
{
    static wire w, small;
    size_t bad = 0, first_bad = 0, cuts[MAX_BYTES];
    outcome o;

    wire_all_types(&w);
    TAP_OK(w.len > PACKET_STREAM_CAP, "test stream: %zu packets, %zu bytes (buffer %d)", w.count,
           w.len, PACKET_STREAM_CAP);

    o = run(&w, NULL, 0, 0);
    TAP_OK(good_outcome(&w, &o), "all in one chunk: %zu of %zu packets, in order", o.yielded,
           w.count);
    o = run(&w, NULL, 0, 1);
    TAP_OK(good_outcome(&w, &o), "all in one chunk through space/commit: %zu packets", o.yielded);

    for (size_t i = 0; i + 1 < w.len; i++)
        cuts[i] = i + 1;
    o = run(&w, cuts, w.len - 1, 0);
    TAP_OK(good_outcome(&w, &o), "one byte at a time: %zu packets, in order", o.yielded);
    o = run(&w, cuts, w.len - 1, 1);
    TAP_OK(good_outcome(&w, &o), "one byte at a time through space/commit: %zu packets", o.yielded);

    for (size_t k = 0; k <= w.len; k++) {
        for (int direct = 0; direct < 2; direct++) {
            o = run(&w, &k, 1, direct);
            if (!good_outcome(&w, &o) && bad++ == 0)
                first_bad = k;
        }
    }
    TAP_OK(bad == 0, "every 2-way split (%zu of them, both ways in): exact packets in order",
           w.len + 1);
    if (bad)
        tap_diag("first failing split at %zu", first_bad);

    bad = first_bad = 0;
    for (size_t step = 2; step <= PACKET_STREAM_CAP + 1; step++) {
        size_t n = 0;
        for (size_t at = step; at < w.len; at += step)
            cuts[n++] = at;
        o = run(&w, cuts, n, (int)(step % 2));
        if (!good_outcome(&w, &o) && bad++ == 0)
            first_bad = step;
    }
    TAP_OK(bad == 0, "every fixed chunk size 2..%d: exact packets in order", PACKET_STREAM_CAP + 1);
    if (bad)
        tap_diag("first failing chunk size %zu", first_bad);

    /* Every 3-way split of the first packets. */
    bad = first_bad = 0;
    memset(&small, 0, sizeof small);
    for (size_t i = 0; i < 6; i++)
        wire_add(&small, &w.sent[i]);
    for (size_t a = 0; a <= small.len; a++) {
        for (size_t b = a; b <= small.len; b++) {
            size_t ab[2] = {a, b};
            o = run(&small, ab, 2, (int)((a + b) % 2));
            if (!good_outcome(&small, &o) && bad++ == 0)
                first_bad = a * 1000 + b;
        }
    }
    TAP_OK(bad == 0, "every 3-way split of a %zu-byte stream of %zu packets", small.len,
           small.count);
    if (bad)
        tap_diag("first failing split at %zu", first_bad);
}

/* ---- a bad packet in the stream ------------------------------------------------- */

typedef struct bad_case {
    const char *what;
    uint8_t bytes[PACKET_MAX_SIZE];
    size_t len;        /* bytes of the bad packet in the stream */
    size_t seen_after; /* bytes of it needed to see the error */
    packet_error want;
} bad_case;

static void test_sticky_errors(void)
{
    static bad_case cases[] = {
        {"unknown type", {0x00, 0x08, 0x7f, 0x00, 1, 2, 3, 4}, 8, 4, PACKET_ERR_UNKNOWN_TYPE},
        {"size below the header", {0x00, 0x02, 0x10, 0x00, 0, 0, 0, 0}, 8, 4, PACKET_ERR_SHORT},
        {"huge size field", {0xff, 0xff, 0x10, 0x00, 0, 0, 0, 0}, 8, 4, PACKET_ERR_BAD_SIZE},
        {"wrong size for MOVE",
         {0x00, 0x0c, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0},
         12,
         4,
         PACKET_ERR_BAD_SIZE},
        {"header reserved byte", {0x00, 0x08, 0x12, 0x01, 0, 0, 0, 1}, 8, 4, PACKET_ERR_RESERVED},
        {"MOVE with promotion 9",
         {0x00, 0x10, 0x10, 0x00, 0, 0, 0, 2, 4, 1, 4, 3, 9, 0, 0, 0},
         16,
         16,
         PACKET_ERR_BAD_ENUM},
        {"MOVE reserved byte 15",
         {0x00, 0x10, 0x10, 0x00, 0, 0, 0, 2, 4, 1, 4, 3, 0, 0, 0, 1},
         16,
         16,
         PACKET_ERR_RESERVED},
    };
    static wire w;
    size_t cuts[MAX_BYTES];
    packet p;

    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        bad_case *bc = &cases[c];
        size_t bad_at, splits_bad = 0;
        outcome o;

        memset(&w, 0, sizeof w);
        sample_packet(PACKET_WELCOME, 0, &p);
        wire_add(&w, &p);
        sample_packet(PACKET_MOVE, 1, &p);
        wire_add(&w, &p);
        bad_at = w.len;
        wire_add_raw(&w, bc->bytes, bc->len);
        sample_packet(PACKET_CHAT, 0, &p);
        wire_add(&w, &p); /* must never come out */
        w.count = 2;      /* only the first two may come out */

        o = run(&w, NULL, 0, 0);
        TAP_OK(o.yielded == w.count && o.in_order && o.final == bc->want && o.sticky,
               "%s: in one chunk, %zu good packets then %s, sticky", bc->what, o.yielded,
               packet_strerror(o.final));

        for (size_t i = 0; i + 1 < w.len; i++)
            cuts[i] = i + 1;
        o = run(&w, cuts, w.len - 1, 0);
        TAP_OK(o.yielded == w.count && o.in_order && o.final == bc->want && o.sticky,
               "%s: byte at a time, same packets and error", bc->what);
        TAP_INT_EQ(o.fed_at_error, bad_at + bc->seen_after,
                   "%s: error shows as soon as its %zu bytes are in", bc->what, bc->seen_after);
        TAP_INT_EQ(o.pending, bc->seen_after, "%s: pending counts the bytes from the bad packet on",
                   bc->what);

        for (size_t k = 0; k <= w.len; k++) {
            o = run(&w, &k, 1, (int)(k % 2));
            if (!(o.yielded == w.count && o.in_order && o.final == bc->want && o.sticky))
                splits_bad++;
        }
        TAP_INT_EQ(splits_bad, 0, "%s: every 2-way split gives the same packets and error",
                   bc->what);
    }
}

/* A packet cut short is not detected where it happens: its missing bytes
 * are taken from the next packet, and the stream fails at the first header
 * that makes no sense. It never skips ahead to guess where a packet starts. */
static void test_misframed(void)
{
    static wire w;
    static const uint8_t cut_ping[] = {0x00, 0x0c, PACKET_PING, 0x00, 0xde, 0xad};
    outcome o;
    packet p;

    memset(&w, 0, sizeof w);
    sample_packet(PACKET_MOVE, 0, &p);
    wire_add(&w, &p);
    wire_add_raw(&w, cut_ping, sizeof cut_ping);
    sample_packet(PACKET_CHAT, 0, &p); /* 00 88 30 00 | 00 00 00 00 | "good..." */
    wire_add(&w, &p);
    /* What comes out: the MOVE, then a PING made of 2 bytes of its own and
     * 6 of the CHAT, then the next "header" 00 00 67 6f: size 0. */
    memset(&w.sent[1], 0, sizeof w.sent[1]);
    w.sent[1].type = PACKET_PING;
    w.sent[1].u.ping.stamp = 0xdead008830000000ull;
    w.count = 2;
    o = run(&w, NULL, 0, 0);
    TAP_OK(o.yielded == 2 && o.in_order && o.final == PACKET_ERR_SHORT && o.sticky,
           "a cut PING: MOVE, a misframed PING, then %s", packet_strerror(o.final));
}

/* ---- the bounded buffer ----------------------------------------------------------- */

static void test_bounded(void)
{
    static wire w;
    packet_stream s;
    packet p;
    size_t took, room, yielded = 0;
    uint8_t *dst;
    packet_error e;

    wire_all_types(&w);
    packet_stream_init(&s);
    TAP_INT_EQ(packet_stream_feed(&s, w.bytes, 0), 0, "feeding nothing takes nothing");
    took = packet_stream_feed(&s, w.bytes, w.len);
    TAP_INT_EQ(took, PACKET_STREAM_CAP, "feeding %zu bytes takes the buffer's %d", w.len,
               PACKET_STREAM_CAP);
    TAP_INT_EQ(packet_stream_pending(&s), PACKET_STREAM_CAP, "all of them pending");
    TAP_INT_EQ(packet_stream_feed(&s, w.bytes + took, 1), 0, "a full buffer takes nothing more");
    packet_stream_space(&s, &room);
    TAP_INT_EQ(room, 0, "a full buffer has no room");

    while ((e = packet_stream_next(&s, &p)) == PACKET_OK)
        /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison): packets are zeroed whole */
        if (memcmp(&p, &w.sent[yielded], sizeof p) == 0)
            yielded++;
    TAP_INT_EQ(e, PACKET_ERR_NEED_MORE, "draining a full buffer ends with need-more");
    TAP_OK(yielded > 0 && w.offset[yielded] <= took &&
               (yielded == w.count ||
                w.offset[yielded] + packet_size_of_type(w.bytes[w.offset[yielded] + 2]) > took),
           "it yields exactly the %zu whole packets it held", yielded);
    TAP_INT_EQ(packet_stream_pending(&s), took - w.offset[yielded],
               "the partial packet stays pending");
    dst = packet_stream_space(&s, &room);
    TAP_OK(dst != NULL && room >= PACKET_STREAM_CAP - PACKET_MAX_SIZE,
           "after need-more there is room for a largest packet (%zu bytes)", room);

    /* commit more than the room: cut to it */
    packet_stream_init(&s);
    dst = packet_stream_space(&s, &room);
    memcpy(dst, w.bytes, room);
    packet_stream_commit(&s, room + 100);
    TAP_INT_EQ(packet_stream_pending(&s), PACKET_STREAM_CAP, "commit above the room is cut to it");

    /* the rest of the stream goes through after draining */
    packet_stream_init(&s);
    yielded = 0;
    for (size_t pos = 0; pos < w.len;) {
        pos += packet_stream_feed(&s, w.bytes + pos, w.len - pos);
        while (packet_stream_next(&s, &p) == PACKET_OK)
            /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison): packets are zeroed whole */
            yielded += memcmp(&p, &w.sent[yielded], sizeof p) == 0;
    }
    TAP_INT_EQ(yielded, w.count, "feed, drain, feed the rest: all %zu packets", w.count);

    packet_stream_init(&s);
    packet_stream_feed(&s, w.bytes, 3);
    TAP_INT_EQ(packet_stream_next(&s, &p), PACKET_ERR_NEED_MORE, "3 bytes: need more");
    packet_stream_feed(&s, w.bytes + 3, 40);
    TAP_INT_EQ(packet_stream_next(&s, &p), PACKET_ERR_NEED_MORE, "43 bytes of a HELLO: need more");
    TAP_INT_EQ(packet_stream_pending(&s), 43, "43 bytes pending");
}

int main(void)
{
    test_splits();
    test_sticky_errors();
    test_misframed();
    test_bounded();
    return tap_done();
}
