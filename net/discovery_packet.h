/* discovery_packet.h: the two UDP datagrams of LAN discovery (docs/protocol.md,
 * section 12). A client sends a PROBE to the broadcast addresses and to an
 * IPv6 link-local multicast group; each server answers with one REPLY,
 * unicast, no larger than the PROBE (so a server cannot be used to amplify
 * traffic). Both have a fixed size, a magic and a version, and are encoded
 * field by field, big-endian, like the TCP packets. A datagram that does not
 * decode is ignored: a server never answers a malformed probe.
 */
#ifndef MATCHBOARD_DISCOVERY_PACKET_H
#define MATCHBOARD_DISCOVERY_PACKET_H

#include <stddef.h>
#include <stdint.h>

#define DISCOVERY_PROBE_MAGIC  "MBDQ" /* query */
#define DISCOVERY_REPLY_MAGIC  "MBDA" /* answer */
#define DISCOVERY_VERSION      1
#define DISCOVERY_PROBE_SIZE   96 /* padded: the reply is never larger */
#define DISCOVERY_REPLY_SIZE   96
#define DISCOVERY_NAME_SIZE    64 /* text[64]: UTF-8, NUL-padded */
#define DISCOVERY_DEFAULT_PORT 7777
/* The IPv6 link-local multicast group servers join: ff02::6d62 ("mb"). */
extern const uint8_t discovery_group6[16];

typedef enum discovery_error {
    DISCOVERY_OK = 0,
    DISCOVERY_ERR_SIZE = -1,     /* not exactly the datagram's size */
    DISCOVERY_ERR_MAGIC = -2,    /* neither magic, or the other one */
    DISCOVERY_ERR_VERSION = -3,  /* version is not 1 */
    DISCOVERY_ERR_RESERVED = -4, /* a reserved or padding byte is not zero */
    DISCOVERY_ERR_STRING = -5,   /* the name is no well-formed text[64] */
    DISCOVERY_ERR_RANGE = -6,    /* a field outside its documented range */
    DISCOVERY_ERR_BUFFER = -7,   /* output buffer too small */
} discovery_error;

/* Readable text for a discovery_error. */
const char *discovery_strerror(discovery_error e);

/* A probe: "who serves matchboard here?" */
typedef struct discovery_probe {
    uint32_t nonce; /* chosen by the client; the reply carries it back */
} discovery_probe;

/* A server's answer. */
typedef struct discovery_reply {
    uint32_t nonce;    /* the probe's */
    uint16_t protocol; /* TCP protocol version spoken, 1 */
    uint16_t tcp_port; /* where to connect, 1..65535 */
    uint8_t game;      /* 1 Gomoku, 2 chess (as WELCOME) */
    uint8_t rule;      /* Gomoku: 0 freestyle, 1 standard, 2 renju; chess 0 */
    uint8_t width, height;
    uint32_t waiting;    /* players seated and waiting for an opponent */
    uint32_t matches;    /* matches with a game running */
    uint32_t spectators; /* spectators connected */
    char name[DISCOVERY_NAME_SIZE];
} discovery_reply;

/* Encode into out (cap bytes): the datagram's size, or a negative
 * discovery_error (nothing written). The encoder refuses what the decoder
 * would refuse. */
int discovery_encode_probe(const discovery_probe *p, uint8_t *out, size_t cap);
int discovery_encode_reply(const discovery_reply *r, uint8_t *out, size_t cap);

/* Decode one whole datagram of len bytes. DISCOVERY_OK and *out, or the
 * first error found (size, magic, version, reserved, then fields). */
discovery_error discovery_decode_probe(const uint8_t *buf, size_t len, discovery_probe *out);
discovery_error discovery_decode_reply(const uint8_t *buf, size_t len, discovery_reply *out);

/* "gomoku freestyle 15x15", "gomoku renju 15x15", "chess". */
void discovery_describe_game(const discovery_reply *r, char *buf, size_t cap);

#endif
