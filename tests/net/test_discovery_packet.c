/* test_discovery_packet.c: the LAN discovery datagrams: known-answer
 * vectors (the ```udp blocks of docs/protocol.md, checked against the
 * document when its path is argv[1]), round trips, every malformed probe
 * refused, and the no-amplification rule (a reply is never larger than the
 * probe). */
#include <stdio.h>
#include <string.h>

#include "discovery_packet.h"
#include "tap.h"

/* Section 12.4 of docs/protocol.md: a probe with nonce 0x12345678... */
static const uint8_t kat_probe[DISCOVERY_PROBE_SIZE] = {0x4d, 0x42, 0x44, 0x51, 0x00, 0x01,
                                                        0x00, 0x00, 0x12, 0x34, 0x56, 0x78};
/* ...and the answer of "Hall 2", TCP port 7777, Gomoku renju 15x15, one
 * player waiting, two matches, three spectators. */
static const uint8_t kat_reply[DISCOVERY_REPLY_SIZE] = {
    0x4d, 0x42, 0x44, 0x41, 0x00, 0x01, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78, 0x1e,
    0x61, 0x01, 0x02, 0x0f, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x48, 0x61, 0x6c, 0x6c, 0x20, 0x32};

static discovery_reply sample_reply(void)
{
    discovery_reply r;
    memset(&r, 0, sizeof r);
    r.nonce = 0x12345678u;
    r.protocol = 1;
    r.tcp_port = 7777;
    r.game = 1;
    r.rule = 2;
    r.width = r.height = 15;
    r.waiting = 1;
    r.matches = 2;
    r.spectators = 3;
    snprintf(r.name, sizeof r.name, "Hall 2");
    return r;
}

static void test_kat(void)
{
    uint8_t buf[256];
    discovery_probe p = {0x12345678u}, back;
    discovery_reply r = sample_reply(), rback;
    int n = discovery_encode_probe(&p, buf, sizeof buf);
    TAP_INT_EQ(n, DISCOVERY_PROBE_SIZE, "a probe is %d bytes", DISCOVERY_PROBE_SIZE);
    TAP_OK(n == DISCOVERY_PROBE_SIZE && memcmp(buf, kat_probe, sizeof kat_probe) == 0,
           "probe encodes to the documented bytes");
    TAP_INT_EQ(discovery_decode_probe(kat_probe, sizeof kat_probe, &back), DISCOVERY_OK,
               "the documented probe decodes");
    TAP_INT_EQ(back.nonce, 0x12345678u, "its nonce");

    n = discovery_encode_reply(&r, buf, sizeof buf);
    TAP_INT_EQ(n, DISCOVERY_REPLY_SIZE, "a reply is %d bytes", DISCOVERY_REPLY_SIZE);
    TAP_OK(n == DISCOVERY_REPLY_SIZE && memcmp(buf, kat_reply, sizeof kat_reply) == 0,
           "reply encodes to the documented bytes");
    TAP_INT_EQ(discovery_decode_reply(kat_reply, sizeof kat_reply, &rback), DISCOVERY_OK,
               "the documented reply decodes");
    TAP_OK(memcmp(&rback, &r, sizeof r) == 0, "and gives back every field");
}

static void test_no_amplification(void)
{
    TAP_OK(DISCOVERY_REPLY_SIZE <= DISCOVERY_PROBE_SIZE,
           "a reply (%d bytes) is never larger than the probe (%d bytes)", DISCOVERY_REPLY_SIZE,
           DISCOVERY_PROBE_SIZE);
}

static void test_round_trips(void)
{
    uint8_t buf[DISCOVERY_REPLY_SIZE];
    discovery_reply r = sample_reply(), back;
    int ok = 1;
    /* Chess, the largest counts, a 63-byte UTF-8 name. */
    r.game = 2;
    r.rule = 0;
    r.width = r.height = 8;
    r.waiting = r.matches = r.spectators = 0xFFFFFFFFu;
    r.tcp_port = 65535;
    memset(r.name, 0, sizeof r.name);
    for (int i = 0; i < 21; i++)
        memcpy(r.name + 3 * i, "\xe2\x99\x9e", 3); /* ♞ */
    ok &= discovery_encode_reply(&r, buf, sizeof buf) == DISCOVERY_REPLY_SIZE;
    ok &= discovery_decode_reply(buf, sizeof buf, &back) == DISCOVERY_OK;
    ok &= memcmp(&back, &r, sizeof r) == 0;
    TAP_OK(ok, "chess reply with extreme counts and a 63-byte name round-trips");

    for (uint32_t nonce = 0; nonce < 70000; nonce += 9973) {
        discovery_probe p = {nonce * 65537u}, q;
        uint8_t pb[DISCOVERY_PROBE_SIZE];
        ok &= discovery_encode_probe(&p, pb, sizeof pb) == DISCOVERY_PROBE_SIZE &&
              discovery_decode_probe(pb, sizeof pb, &q) == DISCOVERY_OK && q.nonce == p.nonce;
    }
    TAP_OK(ok, "probes round-trip their nonce");
    TAP_INT_EQ(discovery_encode_probe(&(discovery_probe){1}, buf, DISCOVERY_PROBE_SIZE - 1),
               DISCOVERY_ERR_BUFFER, "a short buffer is refused");
}

static void test_malformed_probes(void)
{
    uint8_t b[DISCOVERY_PROBE_SIZE + 1];
    discovery_probe p;
    int all = 1;
    memcpy(b, kat_probe, sizeof kat_probe);
    b[DISCOVERY_PROBE_SIZE] = 0;
    TAP_INT_EQ(discovery_decode_probe(b, DISCOVERY_PROBE_SIZE - 1, &p), DISCOVERY_ERR_SIZE,
               "a probe one byte short is refused");
    TAP_INT_EQ(discovery_decode_probe(b, DISCOVERY_PROBE_SIZE + 1, &p), DISCOVERY_ERR_SIZE,
               "a probe one byte long is refused");
    TAP_INT_EQ(discovery_decode_probe(b, 12, &p), DISCOVERY_ERR_SIZE,
               "an unpadded probe (12 bytes, the fields alone) is refused");
    TAP_INT_EQ(discovery_decode_probe(b, 0, &p), DISCOVERY_ERR_SIZE, "an empty datagram too");

    /* Every byte outside the nonce changed to every other value: refused. */
    for (size_t i = 0; i < DISCOVERY_PROBE_SIZE; i++) {
        if (i >= 8 && i < 12)
            continue;
        for (int v = 0; v < 256; v++) {
            if (v == kat_probe[i])
                continue;
            memcpy(b, kat_probe, sizeof kat_probe);
            b[i] = (uint8_t)v;
            all &= discovery_decode_probe(b, DISCOVERY_PROBE_SIZE, &p) != DISCOVERY_OK;
        }
    }
    TAP_OK(all, "any change to magic, version, reserved or padding is refused (92 x 255 cases)");

    memcpy(b, kat_probe, sizeof kat_probe);
    b[3] = 'A'; /* a reply's magic */
    TAP_INT_EQ(discovery_decode_probe(b, DISCOVERY_PROBE_SIZE, &p), DISCOVERY_ERR_MAGIC,
               "a reply is not taken for a probe");
    memcpy(b, kat_probe, sizeof kat_probe);
    b[5] = 2;
    TAP_INT_EQ(discovery_decode_probe(b, DISCOVERY_PROBE_SIZE, &p), DISCOVERY_ERR_VERSION,
               "version 2 is refused");
    memcpy(b, kat_probe, sizeof kat_probe);
    b[95] = 1;
    TAP_INT_EQ(discovery_decode_probe(b, DISCOVERY_PROBE_SIZE, &p), DISCOVERY_ERR_RESERVED,
               "nonzero padding is refused");
}

static void test_malformed_replies(void)
{
    uint8_t b[DISCOVERY_REPLY_SIZE];
    discovery_reply r;
    static const struct {
        size_t at;
        uint8_t value;
        discovery_error want;
        const char *what;
    } cases[] = {
        {0, 'X', DISCOVERY_ERR_MAGIC, "bad magic"},
        {5, 0, DISCOVERY_ERR_VERSION, "version 0"},
        {7, 0, DISCOVERY_ERR_RANGE, "protocol 0"},
        {12, 0, DISCOVERY_ERR_RANGE, "TCP port 0"},
        {14, 3, DISCOVERY_ERR_RANGE, "game 3"},
        {15, 3, DISCOVERY_ERR_RANGE, "rule 3"},
        {16, 4, DISCOVERY_ERR_RANGE, "width 4"},
        {17, 26, DISCOVERY_ERR_RANGE, "height 26"},
        {18, 1, DISCOVERY_ERR_RESERVED, "reserved byte 18"},
        {19, 1, DISCOVERY_ERR_RESERVED, "reserved byte 19"},
        {33, 0x0a, DISCOVERY_ERR_STRING, "a newline in the name"},
        {40, 'x', DISCOVERY_ERR_STRING, "a byte after the name's NUL"},
        {32, 0xC0, DISCOVERY_ERR_STRING, "an overlong UTF-8 start in the name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(b, kat_reply, sizeof b);
        b[cases[i].at] = cases[i].value;
        if (cases[i].at == 12)
            b[13] = 0;
        TAP_INT_EQ(discovery_decode_reply(b, sizeof b, &r), cases[i].want,
                   "reply with %s is refused", cases[i].what);
    }
    memcpy(b, kat_reply, sizeof b);
    memset(b + 32, 'a', DISCOVERY_NAME_SIZE);
    TAP_INT_EQ(discovery_decode_reply(b, sizeof b, &r), DISCOVERY_ERR_STRING,
               "a name without NUL is refused");
    memcpy(b, kat_reply, sizeof b);
    b[14] = 2; /* chess with rule 2 and 15x15 */
    TAP_INT_EQ(discovery_decode_reply(b, sizeof b, &r), DISCOVERY_ERR_RANGE,
               "chess on 15x15 with a rule is refused");
    TAP_INT_EQ(discovery_decode_reply(kat_probe, sizeof kat_probe, &r), DISCOVERY_ERR_MAGIC,
               "a probe is not taken for a reply");

    {
        discovery_reply bad = sample_reply();
        uint8_t out[DISCOVERY_REPLY_SIZE];
        memset(out, 0xAA, sizeof out);
        bad.name[2] = '\t';
        TAP_INT_EQ(discovery_encode_reply(&bad, out, sizeof out), DISCOVERY_ERR_STRING,
                   "the encoder refuses a name with a control character");
        TAP_OK(out[0] == 0xAA, "and writes nothing");
        bad = sample_reply();
        bad.game = 2;
        TAP_INT_EQ(discovery_encode_reply(&bad, out, sizeof out), DISCOVERY_ERR_RANGE,
                   "the encoder refuses chess with Gomoku's board");
        bad = sample_reply();
        memset(bad.name + 7, 'z', 10); /* junk after the NUL goes out as NUL */
        TAP_INT_EQ(discovery_encode_reply(&bad, out, sizeof out), DISCOVERY_REPLY_SIZE,
                   "junk after the name's NUL is not refused...");
        TAP_OK(memcmp(out, kat_reply, sizeof out) == 0, "...and is sent as NUL");
    }
}

static void test_describe(void)
{
    discovery_reply r = sample_reply();
    char buf[64];
    discovery_describe_game(&r, buf, sizeof buf);
    TAP_STR_EQ(buf, "gomoku renju 15x15", "Gomoku described with rule and board");
    r.game = 2;
    r.rule = 0;
    r.width = r.height = 8;
    discovery_describe_game(&r, buf, sizeof buf);
    TAP_STR_EQ(buf, "chess", "chess described");
}

/* The ```udp blocks of docs/protocol.md, in order, are the two vectors. */
static void test_doc_examples(const char *path)
{
    const uint8_t *kats[2] = {kat_probe, kat_reply};
    const size_t lens[2] = {sizeof kat_probe, sizeof kat_reply};
    FILE *f = fopen(path, "rb");
    char line[512];
    uint8_t block[256];
    size_t len = 0, nblocks = 0, matched = 0;
    int in_block = 0;
    TAP_OK(f != NULL, "docs/protocol.md opens (%s)", path);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (!in_block) {
            in_block = strncmp(line, "```udp", 6) == 0;
            len = 0;
            continue;
        }
        if (strncmp(line, "```", 3) == 0) {
            in_block = 0;
            if (nblocks < 2 && len == lens[nblocks] && memcmp(block, kats[nblocks], len) == 0)
                matched++;
            else
                tap_diag("udp block %zu of the document differs from the test's vector",
                         nblocks + 1);
            nblocks++;
            continue;
        }
        for (char *s = line; *s;) {
            unsigned v;
            int used;
            if (sscanf(s, " %2x%n", &v, &used) != 1 || len >= sizeof block)
                break;
            block[len++] = (uint8_t)v;
            s += used;
        }
    }
    fclose(f);
    TAP_INT_EQ(nblocks, 2, "the document has 2 udp examples");
    TAP_INT_EQ(matched, 2, "both are the known-answer vectors, byte for byte");
}

int main(int argc, char **argv)
{
    test_kat();
    test_no_amplification();
    test_round_trips();
    test_malformed_probes();
    test_malformed_replies();
    test_describe();
    if (argc > 1)
        test_doc_examples(argv[1]);
    else
        tap_diag("no document path given: udp examples not checked against docs/protocol.md");
    return tap_done();
}
