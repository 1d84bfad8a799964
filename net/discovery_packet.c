/* discovery_packet.c: the LAN discovery datagrams, field by field. */
#include <stdio.h>
#include <string.h>

#include "discovery_packet.h"
#include "packet.h"

const uint8_t discovery_group6[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x6d, 0x62};

enum { GAME_GOMOKU = 1, GAME_CHESS = 2, RULE_MAX = 2 };

const char *discovery_strerror(discovery_error e)
{
    switch (e) {
    case DISCOVERY_OK:
        return "ok";
    case DISCOVERY_ERR_SIZE:
        return "wrong datagram size";
    case DISCOVERY_ERR_MAGIC:
        return "bad magic";
    case DISCOVERY_ERR_VERSION:
        return "unsupported discovery version";
    case DISCOVERY_ERR_RESERVED:
        return "nonzero reserved byte";
    case DISCOVERY_ERR_STRING:
        return "bad server name text";
    case DISCOVERY_ERR_RANGE:
        return "field out of range";
    case DISCOVERY_ERR_BUFFER:
        return "buffer too small";
    }
    return "unknown discovery error";
}

static void put16(uint8_t *b, uint16_t v)
{
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v)
{
    put16(b, (uint16_t)(v >> 16));
    put16(b + 2, (uint16_t)v);
}

static uint16_t get16(const uint8_t *b)
{
    return (uint16_t)(b[0] << 8 | b[1]);
}

static uint32_t get32(const uint8_t *b)
{
    return (uint32_t)get16(b) << 16 | get16(b + 2);
}

static int all_zero(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

/* The head both datagrams share: magic, version. */
static discovery_error check_head(const uint8_t *buf, size_t len, size_t size, const char *magic)
{
    if (len != size)
        return DISCOVERY_ERR_SIZE;
    if (memcmp(buf, magic, 4) != 0)
        return DISCOVERY_ERR_MAGIC;
    if (get16(buf + 4) != DISCOVERY_VERSION)
        return DISCOVERY_ERR_VERSION;
    return DISCOVERY_OK;
}

/* Game, rule and board agree with each other (as WELCOME's do). */
static int game_ok(uint8_t game, uint8_t rule, uint8_t w, uint8_t h)
{
    if (game == GAME_CHESS)
        return rule == 0 && w == 8 && h == 8;
    return game == GAME_GOMOKU && rule <= RULE_MAX && w >= PACKET_BOARD_MIN &&
           w <= PACKET_BOARD_MAX && h >= PACKET_BOARD_MIN && h <= PACKET_BOARD_MAX;
}

int discovery_encode_probe(const discovery_probe *p, uint8_t *out, size_t cap)
{
    if (cap < DISCOVERY_PROBE_SIZE)
        return DISCOVERY_ERR_BUFFER;
    memset(out, 0, DISCOVERY_PROBE_SIZE);
    /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): four bytes on the wire, no NUL */
    memcpy(out, DISCOVERY_PROBE_MAGIC, 4);
    put16(out + 4, DISCOVERY_VERSION);
    put32(out + 8, p->nonce);
    return DISCOVERY_PROBE_SIZE;
}

discovery_error discovery_decode_probe(const uint8_t *buf, size_t len, discovery_probe *out)
{
    discovery_error e = check_head(buf, len, DISCOVERY_PROBE_SIZE, DISCOVERY_PROBE_MAGIC);
    if (e != DISCOVERY_OK)
        return e;
    if (!all_zero(buf + 6, 2) || !all_zero(buf + 12, DISCOVERY_PROBE_SIZE - 12))
        return DISCOVERY_ERR_RESERVED;
    out->nonce = get32(buf + 8);
    return DISCOVERY_OK;
}

static discovery_error check_reply(const discovery_reply *r)
{
    if (!packet_text_field_ok((const uint8_t *)r->name, DISCOVERY_NAME_SIZE))
        return DISCOVERY_ERR_STRING;
    if (r->protocol == 0 || r->tcp_port == 0 || !game_ok(r->game, r->rule, r->width, r->height))
        return DISCOVERY_ERR_RANGE;
    return DISCOVERY_OK;
}

int discovery_encode_reply(const discovery_reply *r, uint8_t *out, size_t cap)
{
    discovery_reply clean = *r;
    size_t n = strnlen(r->name, DISCOVERY_NAME_SIZE);
    discovery_error e;
    if (cap < DISCOVERY_REPLY_SIZE)
        return DISCOVERY_ERR_BUFFER;
    /* Bytes after the name's NUL go out as NUL whatever the struct holds. */
    if (n < DISCOVERY_NAME_SIZE)
        memset(clean.name + n, 0, DISCOVERY_NAME_SIZE - n);
    if ((e = check_reply(&clean)) != DISCOVERY_OK)
        return e;
    memset(out, 0, DISCOVERY_REPLY_SIZE);
    /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): four bytes on the wire, no NUL */
    memcpy(out, DISCOVERY_REPLY_MAGIC, 4);
    put16(out + 4, DISCOVERY_VERSION);
    put16(out + 6, clean.protocol);
    put32(out + 8, clean.nonce);
    put16(out + 12, clean.tcp_port);
    out[14] = clean.game;
    out[15] = clean.rule;
    out[16] = clean.width;
    out[17] = clean.height;
    put32(out + 20, clean.waiting);
    put32(out + 24, clean.matches);
    put32(out + 28, clean.spectators);
    memcpy(out + 32, clean.name, DISCOVERY_NAME_SIZE);
    return DISCOVERY_REPLY_SIZE;
}

discovery_error discovery_decode_reply(const uint8_t *buf, size_t len, discovery_reply *out)
{
    discovery_reply r;
    discovery_error e = check_head(buf, len, DISCOVERY_REPLY_SIZE, DISCOVERY_REPLY_MAGIC);
    if (e != DISCOVERY_OK)
        return e;
    if (!all_zero(buf + 18, 2))
        return DISCOVERY_ERR_RESERVED;
    memset(&r, 0, sizeof r);
    r.protocol = get16(buf + 6);
    r.nonce = get32(buf + 8);
    r.tcp_port = get16(buf + 12);
    r.game = buf[14];
    r.rule = buf[15];
    r.width = buf[16];
    r.height = buf[17];
    r.waiting = get32(buf + 20);
    r.matches = get32(buf + 24);
    r.spectators = get32(buf + 28);
    memcpy(r.name, buf + 32, DISCOVERY_NAME_SIZE);
    if ((e = check_reply(&r)) != DISCOVERY_OK)
        return e;
    *out = r;
    return DISCOVERY_OK;
}

void discovery_describe_game(const discovery_reply *r, char *buf, size_t cap)
{
    static const char *const rules[] = {"freestyle", "standard", "renju"};
    if (r->game == GAME_CHESS)
        snprintf(buf, cap, "chess");
    else
        snprintf(buf, cap, "gomoku %s %ux%u", r->rule <= RULE_MAX ? rules[r->rule] : "?",
                 (unsigned)r->width, (unsigned)r->height);
}
