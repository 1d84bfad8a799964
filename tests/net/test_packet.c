/* test_packet.c: the wire protocol codec (versions 1 to 3): round trips of every type,
 * known-answer vectors (the hex examples of docs/protocol.md, checked
 * against the document when its path is given as argv[1]), every malformed
 * case with its specific error, and encode refusing what decode refuses.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet.h"
#include "packet_samples.h"
#include "tap.h"

/* ---- helpers ---------------------------------------------------------------- */

static int encode_sample(uint8_t type, unsigned variant, uint8_t *out)
{
    packet p;
    sample_packet(type, variant, &p);
    return packet_encode(&p, out, PACKET_MAX_SIZE);
}

static void hex_of(const uint8_t *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 3 * i, "%02x%s", b[i], i + 1 < n ? " " : "");
    if (n == 0)
        out[0] = '\0';
}

/* ---- sizes, names, texts ---------------------------------------------------- */

static void test_sizes_and_names(void)
{
    static const struct {
        uint8_t type;
        size_t size;
        const char *name;
    } want[] = {
        {PACKET_HELLO, 52, "HELLO"},
        {PACKET_WELCOME, 32, "WELCOME"},
        {PACKET_START, 56, "START"},
        {PACKET_MOVE, 16, "MOVE"},
        {PACKET_REJECT, 12, "REJECT"},
        {PACKET_RESIGN, 8, "RESIGN"},
        {PACKET_DRAW_OFFER, 8, "DRAW_OFFER"},
        {PACKET_DRAW_ANSWER, 8, "DRAW_ANSWER"},
        {PACKET_REMATCH_OFFER, 8, "REMATCH_OFFER"},
        {PACKET_REMATCH_ANSWER, 8, "REMATCH_ANSWER"},
        {PACKET_GAME_OVER, 12, "GAME_OVER"},
        {PACKET_CLOCK, 20, "CLOCK"},
        {PACKET_SYNC_BEGIN, 8, "SYNC_BEGIN"},
        {PACKET_SYNC_END, 8, "SYNC_END"},
        {PACKET_PEER_STATUS, 12, "PEER_STATUS"},
        {PACKET_RESTARTING, 12, "RESTARTING"},
        {PACKET_CLOCK_DELAY, 16, "CLOCK_DELAY"},
        {PACKET_CHAT, 136, "CHAT"},
        {PACKET_PING, 12, "PING"},
        {PACKET_PONG, 12, "PONG"},
        {PACKET_ERROR, 72, "ERROR"},
        {PACKET_TAKEBACK_OFFER, 8, "TAKEBACK_OFFER"},
        {PACKET_TAKEBACK_ANSWER, 8, "TAKEBACK_ANSWER"},
        {PACKET_TAKEBACK, 12, "TAKEBACK"},
        {PACKET_GIVE_TIME, 8, "GIVE_TIME"},
        {PACKET_OPENING_STATE, 40, "OPENING_STATE"},
        {PACKET_OPENING_ACTION, 32, "OPENING_ACTION"},
    };
    size_t known = 0, bad_unknown = 0, max = 0;

    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        TAP_INT_EQ(packet_size_of_type(want[i].type), want[i].size, "size of %s is %zu",
                   want[i].name, want[i].size);
        TAP_STR_EQ(packet_type_name(want[i].type), want[i].name, "name of type 0x%02x",
                   want[i].type);
        if (want[i].size > max)
            max = want[i].size;
    }
    for (unsigned t = 0; t < 256; t++) {
        if (packet_size_of_type((uint8_t)t) == 0)
            bad_unknown += strcmp(packet_type_name((uint8_t)t), "UNKNOWN") != 0;
        else
            known++;
    }
    TAP_INT_EQ(known, sizeof want / sizeof want[0], "exactly the documented types are known");
    TAP_INT_EQ(bad_unknown, 0, "every other type is named UNKNOWN with size 0");
    TAP_OK(max <= PACKET_MAX_SIZE, "largest type (%zu) fits PACKET_MAX_SIZE", max);
    TAP_INT_EQ(SAMPLE_TYPE_COUNT, known, "the samples cover every type");
}

static void test_strerror(void)
{
    const char *seen[16] = {0};
    int n = 0, distinct = 1;
    for (int e = PACKET_OK; e >= PACKET_ERR_OVERFLOW; e--) {
        const char *s = packet_strerror((packet_error)e);
        for (int i = 0; i < n; i++)
            if (strcmp(seen[i], s) == 0)
                distinct = 0;
        seen[n++] = s;
    }
    TAP_OK(distinct, "every packet_error has its own text");
    TAP_STR_EQ(packet_strerror(PACKET_ERR_BAD_MAGIC), "bad magic (not a matchboard client)",
               "BAD_MAGIC text");
    TAP_STR_EQ(packet_strerror((packet_error)-99), "unknown packet error",
               "an unknown code has a text too");
}

/* ---- round trips -------------------------------------------------------------- */

/* memcmp of packets below: every packet is zeroed whole (memset,
 * packet_decode) before its fields are set, so padding compares equal. */
static void test_round_trips(void)
{
    for (size_t i = 0; i < SAMPLE_TYPE_COUNT; i++) {
        for (unsigned v = 0; v < 3; v++) {
            uint8_t type = sample_types[i], buf[PACKET_MAX_SIZE], again[PACKET_MAX_SIZE];
            packet p, q;
            int n, m;
            packet_error e;

            sample_packet(type, v, &p);
            n = packet_encode(&p, buf, sizeof buf);
            e = packet_decode(buf, n > 0 ? (size_t)n : 0, &q);
            m = e == PACKET_OK ? packet_encode(&q, again, sizeof again) : -1;
            TAP_OK(n == (int)packet_size_of_type(type) && e == PACKET_OK &&
                       /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison) */
                       memcmp(&p, &q, sizeof p) == 0 && m == n &&
                       memcmp(buf, again, (size_t)n) == 0,
                   "%s (variant %u): encode -> %d bytes, decode -> %s, same packet and bytes",
                   packet_type_name(type), v, n, packet_strerror(e));
        }
    }
}

/* Every byte of every type is carried or checked: changing any one of them
 * either fails to decode or decodes to a different packet. */
static void test_every_byte_counts(void)
{
    for (size_t i = 0; i < SAMPLE_TYPE_COUNT; i++) {
        uint8_t type = sample_types[i], buf[PACKET_MAX_SIZE];
        int n = encode_sample(type, 0, buf), ignored = -1;
        packet p, q;
        sample_packet(type, 0, &p);
        for (int off = 0; off < n && ignored < 0; off++) {
            for (unsigned bit = 0; bit < 8 && ignored < 0; bit++) {
                buf[off] ^= (uint8_t)(1u << bit);
                /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison) */
                if (packet_decode(buf, (size_t)n, &q) == PACKET_OK && memcmp(&p, &q, sizeof p) == 0)
                    ignored = off;
                buf[off] ^= (uint8_t)(1u << bit);
            }
        }
        TAP_INT_EQ(ignored, -1, "%s: no byte is ignored by decode", packet_type_name(type));
    }
}

/* ---- known answers (docs/protocol.md, "Examples") ----------------------------- */

typedef struct kat {
    const char *what;
    uint8_t bytes[PACKET_MAX_SIZE];
    size_t len;
} kat;

/* HELLO from "Zoë" wanting to play, no resume token. */
static const kat kat_hello = {"HELLO",
                              {0x00, 0x34, 0x01, 0x00, 0x4d, 0x42, 0x52, 0x44, 0x00, 0x04, 0x00,
                               0x00, 0x5a, 0x6f, 0xc3, 0xab},
                              52};
/* MOVE ply 40: chess e7-e8 promoting to a queen. */
static const kat kat_move_chess = {"MOVE (chess e7e8=Q)",
                                   {0x00, 0x10, 0x10, 0x00, 0x00, 0x00, 0x00, 0x28, 0x04, 0x06,
                                    0x04, 0x07, 0x04, 0x00, 0x00, 0x00},
                                   16};
/* MOVE ply 0: a Gomoku stone on h8 (x 7, y 7). */
static const kat kat_move_gomoku = {"MOVE (Gomoku h8)",
                                    {0x00, 0x10, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
                                     0x07, 0x07, 0x00, 0x00, 0x00, 0x00},
                                    16};
/* GAME_OVER: Player2 wins by checkmate after 4 plies (fool's mate). */
static const kat kat_game_over = {
    "GAME_OVER", {0x00, 0x0c, 0x20, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04}, 12};

/* CLOCK_DELAY: a 3 s simple delay, 1.75 s of it left. */
static const kat kat_clock_delay = {"CLOCK_DELAY",
                                    {0x00, 0x10, 0x26, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
                                     0x0b, 0xb8, 0x00, 0x00, 0x06, 0xd6},
                                    16};

static const kat *const kats[] = {&kat_hello, &kat_move_chess, &kat_move_gomoku, &kat_game_over,
                                  &kat_clock_delay};
#define KAT_COUNT (sizeof kats / sizeof kats[0])

static void check_kat(const kat *k, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    char got[3 * PACKET_MAX_SIZE], want[3 * PACKET_MAX_SIZE];
    packet q;
    int n = packet_encode(p, buf, sizeof buf);

    hex_of(buf, n > 0 ? (size_t)n : 0, got);
    hex_of(k->bytes, k->len, want);
    TAP_STR_EQ(got, want, "%s encodes to the documented bytes", k->what);
    TAP_INT_EQ(packet_decode(k->bytes, k->len, &q), PACKET_OK, "%s: documented bytes decode",
               k->what);
    /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison): packets are zeroed whole */
    TAP_OK(memcmp(p, &q, sizeof q) == 0, "%s: documented bytes decode to the packet", k->what);
}

/* Version 1 peers are still spoken to: their HELLO and WELCOME decode, and
 * the negotiated version is the lower of the two. */
static void test_versions(void)
{
    uint8_t buf[PACKET_MAX_SIZE];
    packet p, q;
    int n;

    packet_make_hello(&p, PACKET_WANT_PLAY, "Old", NULL);
    TAP_INT_EQ(p.u.hello.version, PACKET_VERSION, "a HELLO offers the newest version");
    p.u.hello.version = 1;
    n = packet_encode(&p, buf, sizeof buf);
    TAP_INT_EQ(n, 52, "a version-1 HELLO encodes");
    TAP_INT_EQ(packet_decode(buf, (size_t)n, &q), PACKET_OK, "a version-1 HELLO decodes");
    TAP_INT_EQ(q.u.hello.version, 1, "and keeps its version");
    TAP_INT_EQ(packet_negotiate_version(0), 0, "version 0 is refused");
    TAP_INT_EQ(packet_negotiate_version(1), 1, "a version-1 peer speaks version 1");
    TAP_INT_EQ(packet_negotiate_version(PACKET_VERSION), PACKET_VERSION,
               "a peer of this version speaks it");
    TAP_INT_EQ(packet_negotiate_version(PACKET_VERSION + 7), PACKET_VERSION,
               "a newer peer is offered this version");
    {
        int versioned = 1;
        for (unsigned t = 0; t < 256; t++)
            if (packet_size_of_type((uint8_t)t) != 0 && packet_type_since((uint8_t)t) == 0)
                versioned = 0;
        TAP_OK(versioned, "every known type names the version that introduced it");
    }
    TAP_INT_EQ(packet_type_since(PACKET_MOVE), 1, "MOVE is a version-1 type");
    TAP_INT_EQ(packet_type_since(0xFE), 0, "an unknown type has no version");
    TAP_INT_EQ(packet_type_since(PACKET_RESTARTING), 2, "RESTARTING is a version-2 type");
    TAP_INT_EQ(packet_type_since(PACKET_CLOCK_DELAY), 3, "CLOCK_DELAY is a version-3 type");
    TAP_INT_EQ(packet_negotiate_version(2), 2, "a version-2 peer speaks version 2");
    /* A newer client's HELLO is answered in this version, not refused. */
    p.u.hello.version = PACKET_VERSION + 1;
    n = packet_encode(&p, buf, sizeof buf);
    TAP_INT_EQ(n, 52, "a HELLO of the next version encodes");
    TAP_INT_EQ(packet_decode(buf, (size_t)n, &q), PACKET_OK, "and decodes");
    TAP_INT_EQ(q.u.hello.version, PACKET_VERSION + 1, "keeping the version it offers");
    buf[8] = 0x01; /* version 0x0101 */
    buf[9] = 0x01;
    TAP_INT_EQ(packet_decode(buf, (size_t)n, &q), PACKET_OK, "a HELLO of version 0x0101 decodes");
    TAP_INT_EQ(packet_negotiate_version(q.u.hello.version), PACKET_VERSION,
               "and is answered in this version");
    {
        packet w;
        memset(&w, 0, sizeof w);
        w.type = PACKET_WELCOME;
        w.u.welcome.version = PACKET_VERSION + 1;
        w.u.welcome.game = 1;
        w.u.welcome.width = 15;
        w.u.welcome.height = 15;
        TAP_INT_EQ(packet_encode(&w, buf, sizeof buf), PACKET_ERR_BAD_VERSION,
                   "a WELCOME never names a version this build does not speak");
    }
}

static void test_known_answers(void)
{
    packet p;

    packet_make_hello(&p, PACKET_WANT_PLAY, "Zo\xc3\xab", NULL);
    check_kat(&kat_hello, &p);
    TAP_STR_EQ(p.u.hello.name, "Zoë", "HELLO name is the UTF-8 text");

    packet_make_move(&p, 40, 4, 6, 4, 7, 4);
    check_kat(&kat_move_chess, &p);

    packet_make_move(&p, 0, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0);
    check_kat(&kat_move_gomoku, &p);

    memset(&p, 0, sizeof p);
    p.type = PACKET_GAME_OVER;
    p.u.game_over.winner = 2;
    p.u.game_over.reason = 2;
    p.u.game_over.plies = 4;
    check_kat(&kat_game_over, &p);

    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK_DELAY;
    p.u.clock_delay.kind = PACKET_DELAY_SIMPLE;
    p.u.clock_delay.delay_ms = 3000;
    p.u.clock_delay.left_ms = 1750;
    check_kat(&kat_clock_delay, &p);
}

/* The ```hex blocks of docs/protocol.md, in order, must be exactly the
 * known-answer vectors. */
static void test_doc_examples(const char *path)
{
    FILE *f = fopen(path, "rb");
    char line[512];
    uint8_t block[PACKET_MAX_SIZE];
    size_t len = 0, nblocks = 0, matched = 0;
    int in_hex = 0, overlong = 0;

    TAP_OK(f != NULL, "docs/protocol.md opens (%s)", path);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (!in_hex) {
            in_hex = strncmp(line, "```hex", 6) == 0;
            len = 0;
            continue;
        }
        if (strncmp(line, "```", 3) == 0) {
            in_hex = 0;
            if (nblocks < KAT_COUNT && len == kats[nblocks]->len &&
                memcmp(block, kats[nblocks]->bytes, len) == 0)
                matched++;
            else
                tap_diag("hex block %zu of the document differs from the test's vector",
                         nblocks + 1);
            nblocks++;
            continue;
        }
        for (char *s = line; *s;) {
            unsigned v;
            int used;
            if (sscanf(s, " %2x%n", &v, &used) != 1)
                break;
            if (len < sizeof block)
                block[len++] = (uint8_t)v;
            else
                overlong = 1;
            s += used;
        }
    }
    fclose(f);
    TAP_INT_EQ(nblocks, KAT_COUNT, "the document has %zu hex examples", KAT_COUNT);
    TAP_OK(matched == KAT_COUNT && !overlong,
           "every hex example of the document is a known-answer vector, byte for byte");
}

/* ---- malformed input ---------------------------------------------------------- */

typedef struct mutation {
    const char *what;
    uint8_t type;     /* of the valid sample that is changed */
    unsigned variant; /* of the sample */
    int offset;       /* where the patch goes */
    const char *patch;
    size_t patch_len;
    packet_error want;
} mutation;

#define P(bytes) bytes, sizeof(bytes) - 1
#define A24      "AAAAAAAAAAAAAAAAAAAAAAAA"

/* Offsets are those of docs/protocol.md. */
static const mutation mutations[] = {
    /* frame */
    {"unknown type 0x99", PACKET_MOVE, 0, 2, P("\x99"), PACKET_ERR_UNKNOWN_TYPE},
    {"type 0x00", PACKET_MOVE, 0, 2, P("\x00"), PACKET_ERR_UNKNOWN_TYPE},
    {"type 0xff", PACKET_MOVE, 0, 2, P("\xff"), PACKET_ERR_UNKNOWN_TYPE},
    {"MOVE bytes sent as a REJECT (size 16, not 12)", PACKET_MOVE, 0, 2, P("\x11"),
     PACKET_ERR_BAD_SIZE},
    {"size 17 for a MOVE", PACKET_MOVE, 0, 0, P("\x00\x11"), PACKET_ERR_BAD_SIZE},
    {"size 0x0110 for a MOVE", PACKET_MOVE, 0, 0, P("\x01\x10"), PACKET_ERR_BAD_SIZE},
    {"size 0xffff for a MOVE", PACKET_MOVE, 0, 0, P("\xff\xff"), PACKET_ERR_BAD_SIZE},
    {"size 3 (below the header)", PACKET_MOVE, 0, 0, P("\x00\x03"), PACKET_ERR_SHORT},
    {"size 0", PACKET_MOVE, 0, 0, P("\x00\x00"), PACKET_ERR_SHORT},
    {"size 0 and an unknown type", PACKET_MOVE, 0, 0, P("\x00\x00\x99"), PACKET_ERR_SHORT},
    {"header reserved byte 1", PACKET_MOVE, 0, 3, P("\x01"), PACKET_ERR_RESERVED},
    {"header reserved byte 0x80", PACKET_PING, 0, 3, P("\x80"), PACKET_ERR_RESERVED},
    /* HELLO (variant 0: "Bob" plays with a token; variant 1: "Zoë" watches) */
    {"HELLO bad magic mBRD", PACKET_HELLO, 0, 4, P("m"), PACKET_ERR_BAD_MAGIC},
    {"HELLO magic MBRE", PACKET_HELLO, 0, 7, P("E"), PACKET_ERR_BAD_MAGIC},
    {"HELLO magic all zero", PACKET_HELLO, 0, 4, P("\0\0\0\0"), PACKET_ERR_BAD_MAGIC},
    {"HELLO version 0", PACKET_HELLO, 0, 8, P("\x00\x00"), PACKET_ERR_BAD_VERSION},
    {"HELLO bad magic before bad version", PACKET_HELLO, 0, 4, P("xBRD\x00\x07"),
     PACKET_ERR_BAD_MAGIC},
    {"HELLO want 3", PACKET_HELLO, 0, 10, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"HELLO reserved byte 11", PACKET_HELLO, 0, 11, P("\x01"), PACKET_ERR_RESERVED},
    {"HELLO name with no NUL padding", PACKET_HELLO, 0, 12, P(A24), PACKET_ERR_BAD_STRING},
    {"HELLO name with bytes after its NUL", PACKET_HELLO, 0, 20, P("x"), PACKET_ERR_BAD_STRING},
    {"HELLO name whose last byte is not NUL", PACKET_HELLO, 0, 35, P("x"), PACKET_ERR_BAD_STRING},
    {"HELLO name with ESC", PACKET_HELLO, 0, 13, P("\x1b"), PACKET_ERR_BAD_STRING},
    {"HELLO name with DEL", PACKET_HELLO, 0, 12, P("\x7f"), PACKET_ERR_BAD_STRING},
    {"HELLO name with a lone continuation byte", PACKET_HELLO, 0, 12, P("\x80"),
     PACKET_ERR_BAD_STRING},
    {"HELLO name ending in half a character", PACKET_HELLO, 0, 14, P("\xc3"),
     PACKET_ERR_BAD_STRING},
    {"HELLO name with overlong '/' (c0 af)", PACKET_HELLO, 0, 12, P("\xc0\xaf"),
     PACKET_ERR_BAD_STRING},
    {"HELLO name with overlong 3-byte form (e0 80 af)", PACKET_HELLO, 0, 12, P("\xe0\x80\xaf"),
     PACKET_ERR_BAD_STRING},
    {"HELLO name with byte 0xff", PACKET_HELLO, 0, 12, P("\xff"), PACKET_ERR_BAD_STRING},
    {"HELLO name with C1 control U+009B (c2 9b)", PACKET_HELLO, 0, 12, P("\xc2\x9b"),
     PACKET_ERR_BAD_STRING},
    {"watching HELLO with more than a match id in the token", PACKET_HELLO, 1, 44, P("\x01"),
     PACKET_ERR_RESERVED},
    /* WELCOME (variant 0: Gomoku renju 15x15, seat 1; variant 1: chess, seat 2) */
    {"WELCOME version 5", PACKET_WELCOME, 0, 4, P("\x00\x05"), PACKET_ERR_BAD_VERSION},
    {"WELCOME game 0", PACKET_WELCOME, 0, 6, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"WELCOME game 3", PACKET_WELCOME, 0, 6, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"WELCOME Gomoku rule 3", PACKET_WELCOME, 0, 7, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"WELCOME chess rule 1", PACKET_WELCOME, 1, 7, P("\x01"), PACKET_ERR_BAD_ENUM},
    {"WELCOME Gomoku width 4", PACKET_WELCOME, 0, 8, P("\x04"), PACKET_ERR_BAD_ENUM},
    {"WELCOME Gomoku height 26", PACKET_WELCOME, 0, 9, P("\x1a"), PACKET_ERR_BAD_ENUM},
    {"WELCOME chess width 9", PACKET_WELCOME, 1, 8, P("\x09"), PACKET_ERR_BAD_ENUM},
    {"WELCOME seat 0", PACKET_WELCOME, 0, 10, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"WELCOME seat 4", PACKET_WELCOME, 0, 10, P("\x04"), PACKET_ERR_BAD_ENUM},
    {"WELCOME reserved byte 11", PACKET_WELCOME, 0, 11, P("\x20"), PACKET_ERR_RESERVED},
    {"WELCOME match id 0", PACKET_WELCOME, 0, 12, P("\0\0\0\0"), PACKET_ERR_BAD_ENUM},
    /* START */
    {"START reserved byte 4", PACKET_START, 0, 4, P("\x01"), PACKET_ERR_RESERVED},
    {"START reserved byte 7", PACKET_START, 0, 7, P("\x01"), PACKET_ERR_RESERVED},
    {"START player1 with no NUL padding", PACKET_START, 0, 8, P(A24), PACKET_ERR_BAD_STRING},
    {"START player2 with a surrogate (ed a0 80)", PACKET_START, 0, 32, P("\xed\xa0\x80"),
     PACKET_ERR_BAD_STRING},
    /* MOVE (variant 0: chess e7-d8=Q; variant 1: Gomoku) */
    {"MOVE promotion 5", PACKET_MOVE, 0, 12, P("\x05"), PACKET_ERR_BAD_ENUM},
    {"MOVE to x 25", PACKET_MOVE, 0, 10, P("\x19"), PACKET_ERR_BAD_ENUM},
    {"MOVE to y 0xff", PACKET_MOVE, 1, 11, P("\xff"), PACKET_ERR_BAD_ENUM},
    {"MOVE to (0xff, 0xff)", PACKET_MOVE, 1, 10, P("\xff\xff"), PACKET_ERR_BAD_ENUM},
    {"MOVE from x 25", PACKET_MOVE, 0, 8, P("\x19"), PACKET_ERR_BAD_ENUM},
    {"MOVE from (0xff, 6): half a Gomoku move", PACKET_MOVE, 0, 8, P("\xff"), PACKET_ERR_BAD_ENUM},
    {"MOVE from (4, 0xff)", PACKET_MOVE, 0, 9, P("\xff"), PACKET_ERR_BAD_ENUM},
    {"Gomoku MOVE with a promotion", PACKET_MOVE, 1, 12, P("\x04"), PACKET_ERR_BAD_ENUM},
    {"MOVE reserved byte 13", PACKET_MOVE, 0, 13, P("\x01"), PACKET_ERR_RESERVED},
    {"MOVE reserved byte 15", PACKET_MOVE, 0, 15, P("\x40"), PACKET_ERR_RESERVED},
    /* REJECT, GAME_OVER */
    {"REJECT reason 0", PACKET_REJECT, 0, 8, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"REJECT reason 14", PACKET_REJECT, 0, 8, P("\x0e"), PACKET_ERR_BAD_ENUM},
    {"TAKEBACK_OFFER plies 3", PACKET_TAKEBACK_OFFER, 0, 4, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"TAKEBACK_OFFER plies 0", PACKET_TAKEBACK_OFFER, 0, 4, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"TAKEBACK_ANSWER accept 2", PACKET_TAKEBACK_ANSWER, 0, 4, P("\x02"), PACKET_ERR_BAD_ENUM},
    {"TAKEBACK reserved byte", PACKET_TAKEBACK, 0, 5, P("\x01"), PACKET_ERR_RESERVED},
    {"GIVE_TIME 0 ms", PACKET_GIVE_TIME, 0, 4, P("\x00\x00\x00\x00"), PACKET_ERR_BAD_ENUM},
    {"GIVE_TIME 61 s", PACKET_GIVE_TIME, 0, 4, P("\x00\x00\xee\x48"), PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE rule 0", PACKET_OPENING_STATE, 0, 4, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE step 6", PACKET_OPENING_STATE, 0, 5, P("\x06"), PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE area 25", PACKET_OPENING_STATE, 0, 8, P("\x19"), PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE done with an actor", PACKET_OPENING_STATE, 0, 5, P("\x00"),
     PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE proposal off the board", PACKET_OPENING_STATE, 0, 20, P("\x19"),
     PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE fewer proposals than count", PACKET_OPENING_STATE, 0, 24, P("\xff\xff"),
     PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE a point after the unused ones", PACKET_OPENING_STATE, 0, 38, P("\x01"),
     PACKET_ERR_BAD_ENUM},
    {"OPENING_STATE reserved byte", PACKET_OPENING_STATE, 0, 17, P("\x01"), PACKET_ERR_RESERVED},
    {"OPENING_ACTION step 0", PACKET_OPENING_ACTION, 0, 4, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"OPENING_ACTION choice 6", PACKET_OPENING_ACTION, 0, 5, P("\x06"), PACKET_ERR_BAD_ENUM},
    {"OPENING_ACTION count 11", PACKET_OPENING_ACTION, 0, 6, P("\x0b"), PACKET_ERR_BAD_ENUM},
    {"OPENING_ACTION propose none", PACKET_OPENING_ACTION, 0, 6, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"OPENING_ACTION three proposals, two points", PACKET_OPENING_ACTION, 0, 6, P("\x03"),
     PACKET_ERR_BAD_ENUM},
    {"REJECT reserved byte 9", PACKET_REJECT, 0, 9, P("\x01"), PACKET_ERR_RESERVED},
    {"GAME_OVER winner 3", PACKET_GAME_OVER, 0, 4, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"GAME_OVER reason 0", PACKET_GAME_OVER, 0, 5, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"GAME_OVER reason 13", PACKET_GAME_OVER, 0, 5, P("\x0d"), PACKET_ERR_BAD_ENUM},
    {"GAME_OVER reserved byte 7", PACKET_GAME_OVER, 0, 7, P("\x01"), PACKET_ERR_RESERVED},
    /* the other types */
    {"DRAW_ANSWER answer 2", PACKET_DRAW_ANSWER, 0, 4, P("\x02"), PACKET_ERR_BAD_ENUM},
    {"REMATCH_ANSWER answer 0xff", PACKET_REMATCH_ANSWER, 0, 4, P("\xff"), PACKET_ERR_BAD_ENUM},
    {"DRAW_ANSWER reserved byte 5", PACKET_DRAW_ANSWER, 0, 5, P("\x01"), PACKET_ERR_RESERVED},
    {"CLOCK running 3", PACKET_CLOCK, 0, 12, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"CLOCK reserved byte 14", PACKET_CLOCK, 0, 14, P("\x01"), PACKET_ERR_RESERVED},
    /* CLOCK_DELAY (variant 1: Bronstein, 74566 ms, 24576 ms left) */
    {"CLOCK_DELAY kind 0", PACKET_CLOCK_DELAY, 1, 4, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY kind 3", PACKET_CLOCK_DELAY, 1, 4, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY kind 0xff", PACKET_CLOCK_DELAY, 1, 4, P("\xff"), PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY reserved byte 6", PACKET_CLOCK_DELAY, 1, 6, P("\x01"), PACKET_ERR_RESERVED},
    {"CLOCK_DELAY bad kind before a reserved byte", PACKET_CLOCK_DELAY, 1, 4, P("\x09\x01"),
     PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY delay 0", PACKET_CLOCK_DELAY, 1, 8, P("\x00\x00\x00\x00\x00\x00\x00\x00"),
     PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY more left than the delay", PACKET_CLOCK_DELAY, 1, 12, P("\x00\x01\x23\x47"),
     PACKET_ERR_BAD_ENUM},
    {"PEER_STATUS seat 0", PACKET_PEER_STATUS, 0, 4, P("\x00"), PACKET_ERR_BAD_ENUM},
    {"PEER_STATUS seat 3", PACKET_PEER_STATUS, 0, 4, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"PEER_STATUS status 3", PACKET_PEER_STATUS, 0, 5, P("\x03"), PACKET_ERR_BAD_ENUM},
    {"PEER_STATUS reserved byte 6", PACKET_PEER_STATUS, 0, 6, P("\x01"), PACKET_ERR_RESERVED},
    {"CHAT seat 4", PACKET_CHAT, 0, 4, P("\x04"), PACKET_ERR_BAD_ENUM},
    {"CHAT reserved byte 5", PACKET_CHAT, 0, 5, P("\x01"), PACKET_ERR_RESERVED},
    {"CHAT text whose last byte is not NUL", PACKET_CHAT, 0, 135, P("!"), PACKET_ERR_BAD_STRING},
    {"CHAT text with a newline", PACKET_CHAT, 0, 12, P("\n"), PACKET_ERR_BAD_STRING},
    {"CHAT text above U+10FFFF (f4 90 80 80)", PACKET_CHAT, 0, 8, P("\xf4\x90\x80\x80"),
     PACKET_ERR_BAD_STRING},
    {"CHAT text with a 4-byte character cut short", PACKET_CHAT, 0, 8, P("\xf0\x9f\x98 "),
     PACKET_ERR_BAD_STRING},
    {"ERROR code 0", PACKET_ERROR, 0, 4, P("\x00\x00"), PACKET_ERR_BAD_ENUM},
    {"ERROR code 11", PACKET_ERROR, 0, 4, P("\x00\x0b"), PACKET_ERR_BAD_ENUM},
    {"ERROR code 0x0101", PACKET_ERROR, 0, 4, P("\x01\x01"), PACKET_ERR_BAD_ENUM},
    {"ERROR reserved byte 7", PACKET_ERROR, 0, 7, P("\x01"), PACKET_ERR_RESERVED},
    {"ERROR text with bytes after its NUL", PACKET_ERROR, 0, 70, P("z"), PACKET_ERR_BAD_STRING},
};

static void test_malformed(void)
{
    for (size_t i = 0; i < sizeof mutations / sizeof mutations[0]; i++) {
        const mutation *m = &mutations[i];
        uint8_t buf[PACKET_MAX_SIZE];
        int n = encode_sample(m->type, m->variant, &buf[0]);
        packet q;
        if (n < m->offset + (int)m->patch_len) {
            TAP_OK(0, "%s: sample too short for the patch at %d", m->what, m->offset);
            continue;
        }
        memcpy(buf + m->offset, m->patch, m->patch_len);
        TAP_INT_EQ(packet_decode(buf, (size_t)n, &q), m->want, "%s -> %s", m->what,
                   packet_strerror(m->want));
    }
}

static void test_lengths(void)
{
    uint8_t buf[PACKET_MAX_SIZE + 1] = {0};
    packet q;
    int n = encode_sample(PACKET_CHAT, 0, buf);
    size_t size = 0;

    TAP_INT_EQ(packet_decode(buf, 0, &q), PACKET_ERR_NEED_MORE, "decode of 0 bytes: need more");
    TAP_INT_EQ(packet_decode(buf, 3, &q), PACKET_ERR_NEED_MORE, "decode of 3 bytes: need more");
    TAP_INT_EQ(packet_decode(buf, (size_t)n - 1, &q), PACKET_ERR_NEED_MORE,
               "decode of a CHAT less its last byte: need more");
    TAP_INT_EQ(packet_decode(buf, (size_t)n + 1, &q), PACKET_ERR_BAD_SIZE,
               "decode of a CHAT with a byte after it: bad size");
    TAP_INT_EQ(packet_peek_header(buf, &size), PACKET_OK, "peek at a CHAT header");
    TAP_INT_EQ(size, 136, "peek gives the CHAT size");
    buf[0] = 0xff;
    TAP_INT_EQ(packet_peek_header(buf, &size), PACKET_ERR_BAD_SIZE,
               "peek at a huge size field: bad size at once");
    TAP_INT_EQ(size, 0xff88, "peek gives the size field even when wrong");
}

static void test_strings(void)
{
    static const char *const good[] = {
        "", "a", "Zoë", "日本語", "😀 smile", "Ωmega-1", "x\xc2\xa0y" /* NBSP */,
    };
    packet p, q;
    uint8_t buf[PACKET_MAX_SIZE];
    char field[PACKET_NAME_SIZE];

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int n;
        packet_make_hello(&p, PACKET_WANT_PLAY, good[i], NULL);
        n = packet_encode(&p, buf, sizeof buf);
        TAP_OK(n == 52 && packet_decode(buf, 52, &q) == PACKET_OK &&
                   strcmp(q.u.hello.name, good[i]) == 0,
               "name \"%s\" goes through", good[i]);
    }

    /* packet_set_string cuts at a character boundary and keeps a NUL. */
    packet_set_string(field, sizeof field, "abcdefghijklmnopqrstuvwxyz");
    TAP_STR_EQ(field, "abcdefghijklmnopqrstuvw", "a long ASCII name keeps its first 23 bytes");
    packet_set_string(field, sizeof field, "ëëëëëëëëëëëëëëë");
    TAP_STR_EQ(field, "ëëëëëëëëëëë", "a long 2-byte name is cut between characters");
    packet_set_string(field, sizeof field, "aé€😀😀😀😀😀😀");
    TAP_STR_EQ(field, "aé€😀😀😀😀",
               "mixed widths: cut before the 4-byte character that would not fit");
    packet_set_string(field, sizeof field, NULL);
    TAP_STR_EQ(field, "", "NULL sets an empty string");
    memset(field, 'x', sizeof field);
    packet_set_string(field, sizeof field, "ab");
    TAP_OK(field[2] == 0 && field[sizeof field - 1] == 0, "the rest of the field is zeroed");
}

/* ---- encode refuses what decode refuses ---------------------------------------- */

/* A struct member of a valid sample set to a value decode would refuse. */
typedef struct field_error {
    const char *what;
    uint8_t type;
    unsigned variant;
    size_t at;         /* offset of the member in struct packet */
    const char *value; /* its new bytes (native order for integers) */
    size_t len;
    packet_error want;
} field_error;

#define AT(member) offsetof(packet, u.member)
#define V8(v)      (const char *)&(const uint8_t){v}, 1
#define V16(v)     (const char *)&(const uint16_t){v}, 2
#define V32(v)     (const char *)&(const uint32_t){v}, 4

static const field_error field_errors[] = {
    {"HELLO version 0", PACKET_HELLO, 0, AT(hello.version), V16(0), PACKET_ERR_BAD_VERSION},
    {"HELLO want 3", PACKET_HELLO, 0, AT(hello.want), V8(3), PACKET_ERR_BAD_ENUM},
    {"HELLO name filling its field", PACKET_HELLO, 0, AT(hello.name), P(A24),
     PACKET_ERR_BAD_STRING},
    {"HELLO name with ESC", PACKET_HELLO, 0, AT(hello.name), P("\x1b"), PACKET_ERR_BAD_STRING},
    {"watching HELLO with junk after the match id", PACKET_HELLO, 1, AT(hello.token) + 15, V8(1),
     PACKET_ERR_RESERVED},
    {"WELCOME version 0", PACKET_WELCOME, 0, AT(welcome.version), V16(0), PACKET_ERR_BAD_VERSION},
    {"chess WELCOME 8x7", PACKET_WELCOME, 1, AT(welcome.height), V8(7), PACKET_ERR_BAD_ENUM},
    {"Gomoku WELCOME rule 3", PACKET_WELCOME, 0, AT(welcome.rule), V8(3), PACKET_ERR_BAD_ENUM},
    {"WELCOME seat 0", PACKET_WELCOME, 0, AT(welcome.seat), V8(0), PACKET_ERR_BAD_ENUM},
    {"WELCOME match id 0", PACKET_WELCOME, 0, AT(welcome.match_id), V32(0), PACKET_ERR_BAD_ENUM},
    {"START player2 with bad UTF-8", PACKET_START, 0, AT(start.player2), P("\xc3("),
     PACKET_ERR_BAD_STRING},
    {"MOVE promotion 5", PACKET_MOVE, 0, AT(move.promotion), V8(5), PACKET_ERR_BAD_ENUM},
    {"MOVE half Gomoku-shaped", PACKET_MOVE, 0, AT(move.from_x), V8(0xFF), PACKET_ERR_BAD_ENUM},
    {"MOVE to x 25", PACKET_MOVE, 1, AT(move.to_x), V8(25), PACKET_ERR_BAD_ENUM},
    {"Gomoku MOVE with a promotion", PACKET_MOVE, 1, AT(move.promotion), V8(1),
     PACKET_ERR_BAD_ENUM},
    {"REJECT reason 14", PACKET_REJECT, 0, AT(reject.reason), V8(14), PACKET_ERR_BAD_ENUM},
    {"GAME_OVER reason 13", PACKET_GAME_OVER, 0, AT(game_over.reason), V8(13), PACKET_ERR_BAD_ENUM},
    {"GAME_OVER winner 3", PACKET_GAME_OVER, 0, AT(game_over.winner), V8(3), PACKET_ERR_BAD_ENUM},
    {"DRAW_ANSWER 2", PACKET_DRAW_ANSWER, 0, AT(answer.accept), V8(2), PACKET_ERR_BAD_ENUM},
    {"REMATCH_ANSWER 2", PACKET_REMATCH_ANSWER, 0, AT(answer.accept), V8(2), PACKET_ERR_BAD_ENUM},
    {"CLOCK running 3", PACKET_CLOCK, 0, AT(clock.running), V8(3), PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY kind 0", PACKET_CLOCK_DELAY, 0, AT(clock_delay.kind), V8(0), PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY kind 3", PACKET_CLOCK_DELAY, 0, AT(clock_delay.kind), V8(3), PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY delay 0", PACKET_CLOCK_DELAY, 0, AT(clock_delay.delay_ms), V32(0),
     PACKET_ERR_BAD_ENUM},
    {"CLOCK_DELAY more left than the delay", PACKET_CLOCK_DELAY, 1, AT(clock_delay.left_ms),
     V32(0x12347), PACKET_ERR_BAD_ENUM},
    {"PEER_STATUS seat 3", PACKET_PEER_STATUS, 0, AT(peer.seat), V8(3), PACKET_ERR_BAD_ENUM},
    {"PEER_STATUS status 3", PACKET_PEER_STATUS, 0, AT(peer.status), V8(3), PACKET_ERR_BAD_ENUM},
    {"CHAT seat 4", PACKET_CHAT, 0, AT(chat.seat), V8(4), PACKET_ERR_BAD_ENUM},
    {"CHAT with a cut character", PACKET_CHAT, 0, AT(chat.text), P("\xe6\x97"),
     PACKET_ERR_BAD_STRING},
    {"ERROR code 0", PACKET_ERROR, 0, AT(error.code), V16(0), PACKET_ERR_BAD_ENUM},
    {"ERROR code 11", PACKET_ERROR, 0, AT(error.code), V16(11), PACKET_ERR_BAD_ENUM},
};

static void test_encode_errors(void)
{
    uint8_t buf[PACKET_MAX_SIZE], before[PACKET_MAX_SIZE];
    packet p, q;

    memset(buf, 0xEE, sizeof buf);
    memcpy(before, buf, sizeof buf);
    sample_packet(PACKET_HELLO, 0, &p);
    TAP_INT_EQ(packet_encode(&p, buf, 51), PACKET_ERR_BUFFER, "HELLO into 51 bytes: buffer");
    TAP_INT_EQ(packet_encode(&p, buf, 0), PACKET_ERR_BUFFER, "HELLO into 0 bytes: buffer");
    TAP_OK(memcmp(buf, before, sizeof buf) == 0, "a refused encode writes nothing");
    TAP_INT_EQ(packet_encode(&p, buf, 52), 52, "HELLO into exactly 52 bytes");
    TAP_INT_EQ(buf[52], 0xEE, "nothing written past the packet");

    memcpy(buf, before, sizeof buf);
    p.type = (packet_type)0x99;
    TAP_INT_EQ(packet_encode(&p, buf, sizeof buf), PACKET_ERR_UNKNOWN_TYPE, "unknown type");

    for (size_t i = 0; i < sizeof field_errors / sizeof field_errors[0]; i++) {
        const field_error *f = &field_errors[i];
        sample_packet(f->type, f->variant, &p);
        memcpy((unsigned char *)&p + f->at, f->value, f->len);
        TAP_INT_EQ(packet_encode(&p, buf, sizeof buf), f->want, "encode refuses %s: %s", f->what,
                   packet_strerror(f->want));
    }

    /* Junk after a string's NUL in the struct is not sent. */
    sample_packet(PACKET_HELLO, 0, &p);
    memset(p.u.hello.name + 4, 'J', 10);
    TAP_INT_EQ(packet_encode(&p, buf, sizeof buf), 52, "junk after the name's NUL: encodes");
    TAP_OK(packet_decode(buf, 52, &q) == PACKET_OK && strcmp(q.u.hello.name, "Bob") == 0 &&
               q.u.hello.name[10] == 0,
           "...and is sent as zeros");

    /* The edges of the MOVE shapes. */
    packet_make_move(&p, 1, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 24, 24, 0);
    TAP_INT_EQ(packet_encode(&p, buf, sizeof buf), 16, "Gomoku MOVE on (24, 24) encodes");
    packet_make_move(&p, 1, 24, 24, 0, 0, 4);
    TAP_INT_EQ(packet_encode(&p, buf, sizeof buf), 16, "chess-shaped MOVE from (24, 24) encodes");
}

static void test_watch_token(void)
{
    uint8_t buf[PACKET_MAX_SIZE];
    packet p, q;

    packet_make_hello(&p, PACKET_WANT_WATCH, "viewer", NULL);
    packet_hello_set_watch(&p.u.hello, 0xDEADBEEFu);
    TAP_INT_EQ(packet_encode(&p, buf, sizeof buf), 52, "watching HELLO with a match id encodes");
    TAP_OK(buf[36] == 0xDE && buf[37] == 0xAD && buf[38] == 0xBE && buf[39] == 0xEF && buf[40] == 0,
           "match id is big-endian at token offset 36");
    TAP_OK(packet_decode(buf, 52, &q) == PACKET_OK &&
               packet_hello_watch_id(&q.u.hello) == 0xDEADBEEFu,
           "match id decodes");
}

int main(int argc, char **argv)
{
    test_sizes_and_names();
    test_strerror();
    test_round_trips();
    test_every_byte_counts();
    test_known_answers();
    test_versions();
    if (argc > 1)
        test_doc_examples(argv[1]);
    else
        tap_diag("no document path given: hex examples not checked against docs/protocol.md");
    test_malformed();
    test_lengths();
    test_strings();
    test_encode_errors();
    test_watch_token();
    return tap_done();
}
