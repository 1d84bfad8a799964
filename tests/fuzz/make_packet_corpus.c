/* make_packet_corpus.c: writes the seed corpus of fuzz_packet: one valid
 * packet of every type of protocols 1 to 4, HELLO and WELCOME of each
 * version (and a HELLO offering a version newer than this build's), a
 * watching HELLO, a PEER_STATUS "not back yet" (version 4), a stream of
 * every type, a stream of each version's new types, and a stream that
 * turns bad.
 * Usage: make_packet_corpus DIR (then commit the files under
 * tests/fuzz/corpus/packet/). Built on demand only. */
#include <stdio.h>
#include <string.h>

#include "packet.h"
#include "packet_samples.h"

static int write_file(const char *dir, const char *name, const uint8_t *b, size_t n)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "make_packet_corpus: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

/* One packet, encoded, into DIR/name. */
static int write_packet(const char *dir, const char *name, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    int n = packet_encode(p, buf, sizeof buf);
    if (n <= 0) {
        fprintf(stderr, "make_packet_corpus: %s does not encode\n", name);
        return 1;
    }
    return write_file(dir, name, buf, (size_t)n);
}

/* HELLO and WELCOME of every version, a newer HELLO, a watching HELLO, and
 * a stream of each version's types (the second sample of each). */
static int write_versions(const char *dir)
{
    static uint8_t stream[64 * PACKET_MAX_SIZE];
    int bad = 0;
    for (unsigned v = PACKET_VERSION_MIN; v <= PACKET_VERSION + 1; v++) {
        char name[64];
        size_t len = 0;
        packet p;
        sample_packet(PACKET_HELLO, 0, &p);
        p.u.hello.version = (uint16_t)v;
        snprintf(name, sizeof name, v > PACKET_VERSION ? "hello-newer.bin" : "hello-v%u.bin", v);
        if (v != PACKET_VERSION) /* hello.bin is that one */
            bad |= write_packet(dir, name, &p);
        if (v > PACKET_VERSION)
            break;
        sample_packet(PACKET_WELCOME, 1, &p);
        p.u.welcome.version = (uint16_t)v;
        snprintf(name, sizeof name, "welcome-v%u.bin", v);
        bad |= write_packet(dir, name, &p);
        for (size_t i = 0; i < SAMPLE_TYPE_COUNT; i++) {
            int n;
            if (packet_type_since(sample_types[i]) != v)
                continue;
            sample_packet(sample_types[i], 1, &p);
            n = packet_encode(&p, stream + len, sizeof stream - len);
            if (n <= 0)
                return 1;
            len += (size_t)n;
        }
        snprintf(name, sizeof name, "stream-v%u-types.bin", v);
        if (len > 0) /* version 4 added a value, no type */
            bad |= write_file(dir, name, stream, len);
    }
    {
        packet p;
        sample_packet(PACKET_HELLO, 1, &p);
        bad |= write_packet(dir, "hello-watch.bin", &p);
        sample_packet(PACKET_PEER_STATUS, 0, &p); /* version 4's status value */
        p.u.peer.status = PACKET_PEER_NOT_BACK;
        bad |= write_packet(dir, "peer_status-not-back.bin", &p);
    }
    return bad;
}

int main(int argc, char **argv)
{
    static uint8_t stream[64 * PACKET_MAX_SIZE];
    size_t len = 0, third_end = 0;
    int bad = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: make_packet_corpus DIR\n");
        return 2;
    }
    for (size_t i = 0; i < SAMPLE_TYPE_COUNT; i++) {
        uint8_t buf[PACKET_MAX_SIZE];
        char name[64], lower[32];
        packet p;
        int n;
        const char *t = packet_type_name(sample_types[i]);
        size_t k;
        for (k = 0; t[k] && k + 1 < sizeof lower; k++)
            lower[k] = (char)(t[k] >= 'A' && t[k] <= 'Z' ? t[k] - 'A' + 'a' : t[k]);
        lower[k] = '\0';
        sample_packet(sample_types[i], 0, &p);
        n = packet_encode(&p, buf, sizeof buf);
        if (n <= 0)
            return 1;
        snprintf(name, sizeof name, "%s.bin", lower);
        bad |= write_file(argv[1], name, buf, (size_t)n);
        if (len + (size_t)n <= sizeof stream) {
            memcpy(stream + len, buf, (size_t)n);
            len += (size_t)n;
        }
        if (i == 2)
            third_end = len;
    }
    bad |= write_file(argv[1], "stream-all-types.bin", stream, len);
    bad |= write_versions(argv[1]);
    /* The first three packets, then a MOVE with promotion 9, then the rest. */
    {
        static const uint8_t bad_move[] = {0x00, 0x10, 0x10, 0x00, 0, 0, 0, 2,
                                           4,    1,    4,    3,    9, 0, 0, 0};
        static uint8_t turned[sizeof stream + sizeof bad_move];
        size_t cut = third_end;
        memcpy(turned, stream, cut);
        memcpy(turned + cut, bad_move, sizeof bad_move);
        memcpy(turned + cut + sizeof bad_move, stream + cut, len - cut);
        bad |= write_file(argv[1], "stream-bad-move.bin", turned, len + sizeof bad_move);
    }
    return bad;
}
