/* packet.c: the wire protocol codec (versions 1 to 4).
 *
 * Every type is described once, as the list of its body fields in wire
 * order (kind, wire length, where the value lives in struct packet, its
 * range). One encoder and one decoder walk those lists, so the layouts of
 * docs/protocol.md live in exactly one place and encode checks exactly what
 * decode checks. Integers are read and written byte by byte, big-endian.
 */
#include <stddef.h>
#include <string.h>

#include "packet.h"
#include "packet_internal.h"

typedef enum field_kind {
    F_RESERVED, /* len zero bytes */
    F_MAGIC,    /* the 4 bytes "MBRD" */
    F_VERSION,  /* u16, PACKET_VERSION_MIN..PACKET_VERSION */
    F_OFFER,    /* u16, the newest version a peer speaks: PACKET_VERSION_MIN or more */
    F_U8,       /* ranged lo..hi */
    F_U16,      /* ranged lo..hi */
    F_U32,      /* any value */
    F_U64,      /* any value */
    F_STRING,   /* len bytes of UTF-8 text, NUL-padded, at least one NUL */
    F_BYTES,    /* len opaque bytes */
} field_kind;

typedef struct field {
    uint8_t kind;    /* field_kind */
    uint8_t len;     /* bytes on the wire (and in the struct for STRING/BYTES) */
    uint16_t at;     /* offset of the value inside struct packet */
    uint16_t lo, hi; /* range of a U8/U16 */
} field;

typedef struct type_desc {
    const char *name;
    uint8_t size; /* the whole packet, header included */
    const field *fields;
    size_t nfields;
    /* Checks between fields, after each field passed its own check. */
    packet_error (*check)(const packet *p);
    uint8_t since; /* the protocol version that introduced the type */
} type_desc;

#define AT(member) ((uint16_t)offsetof(packet, u.member))
#define RESERVED(n)                                                                                \
    {                                                                                              \
        F_RESERVED, (n), 0, 0, 0                                                                   \
    }
#define MAGIC                                                                                      \
    {                                                                                              \
        F_MAGIC, 4, 0, 0, 0                                                                        \
    }
#define VERSION(m)                                                                                 \
    {                                                                                              \
        F_VERSION, 2, AT(m), 0, 0                                                                  \
    }
#define OFFER(m)                                                                                   \
    {                                                                                              \
        F_OFFER, 2, AT(m), 0, 0                                                                    \
    }
#define U8(m, lo, hi)                                                                              \
    {                                                                                              \
        F_U8, 1, AT(m), (lo), (hi)                                                                 \
    }
#define U16(m, lo, hi)                                                                             \
    {                                                                                              \
        F_U16, 2, AT(m), (lo), (hi)                                                                \
    }
#define U32(m)                                                                                     \
    {                                                                                              \
        F_U32, 4, AT(m), 0, 0                                                                      \
    }
#define U64(m)                                                                                     \
    {                                                                                              \
        F_U64, 8, AT(m), 0, 0                                                                      \
    }
#define STRING(m, n)                                                                               \
    {                                                                                              \
        F_STRING, (n), AT(m), 0, 0                                                                 \
    }
#define BYTES(m, n)                                                                                \
    {                                                                                              \
        F_BYTES, (n), AT(m), 0, 0                                                                  \
    }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* A type of version 1; DESC_SINCE names a later version. */
#define DESC(name, size, fields, check) DESC_SINCE(name, size, fields, check, 1)
#define DESC_SINCE(name, size, fields, check, since)                                               \
    {                                                                                              \
        name, size, fields, COUNT(fields), check, since                                            \
    }

/* ---- checks between fields ------------------------------------------- */

/* A watching HELLO carries a match id in token bytes 0..3, zeros after. */
static packet_error check_hello(const packet *p)
{
    const packet_hello *h = &p->u.hello;
    if (h->want == PACKET_WANT_WATCH) {
        for (size_t i = 4; i < PACKET_TOKEN_SIZE; i++)
            if (h->token[i] != 0)
                return PACKET_ERR_RESERVED;
    }
    return PACKET_OK;
}

/* Chess has one rule and an 8x8 board; Gomoku's rule and size ranges are
 * in the field list. Match ids start at 1. */
static packet_error check_welcome(const packet *p)
{
    const packet_welcome *w = &p->u.welcome;
    if (w->game == 2 &&
        (w->rule != 0 || w->width != PACKET_CHESS_BOARD || w->height != PACKET_CHESS_BOARD))
        return PACKET_ERR_BAD_ENUM;
    if (w->match_id == 0)
        return PACKET_ERR_BAD_ENUM;
    return PACKET_OK;
}

/* Gomoku shape: from = (0xFF, 0xFF), no promotion. Chess shape: from below
 * PACKET_COORD_LIMIT. "to" is ranged in the field list. */
static packet_error check_move(const packet *p)
{
    const packet_move *m = &p->u.move;
    if (m->from_x == PACKET_NO_SQUARE && m->from_y == PACKET_NO_SQUARE)
        return m->promotion == 0 ? PACKET_OK : PACKET_ERR_BAD_ENUM;
    if (m->from_x < PACKET_COORD_LIMIT && m->from_y < PACKET_COORD_LIMIT)
        return PACKET_OK;
    return PACKET_ERR_BAD_ENUM;
}

/* Opening points: pairs below PACKET_COORD_LIMIT, then (0xFF, 0xFF)
 * pairs only; `used` pairs at least must be real points. */
static packet_error check_points(const uint8_t *pts, unsigned used)
{
    unsigned i = 0;
    for (; i < PACKET_OPENING_POINTS; i++)
        if (pts[2 * i] >= PACKET_COORD_LIMIT || pts[2 * i + 1] >= PACKET_COORD_LIMIT)
            break;
    if (i < used)
        return PACKET_ERR_BAD_ENUM;
    for (; i < PACKET_OPENING_POINTS; i++)
        if (pts[2 * i] != PACKET_NO_SQUARE || pts[2 * i + 1] != PACKET_NO_SQUARE)
            return PACKET_ERR_BAD_ENUM;
    return PACKET_OK;
}

static packet_error check_opening_state(const packet *p)
{
    const packet_opening_state *o = &p->u.opening;
    if (o->area != PACKET_OPENING_ANYWHERE && o->area >= PACKET_COORD_LIMIT)
        return PACKET_ERR_BAD_ENUM;
    if ((o->step == 0) != (o->actor == 0) || o->declare_min > o->declare_max)
        return PACKET_ERR_BAD_ENUM;
    return check_points(o->points, o->step == 5 ? o->count : 0);
}

/* place and select name one point, propose `count`, the others none. */
static packet_error check_opening_action(const packet *p)
{
    const packet_opening_action *a = &p->u.opening_action;
    unsigned used = a->step == 1 || a->step == 5 ? 1 : a->step == 4 ? a->count : 0;
    if (a->step == 4 && a->count == 0)
        return PACKET_ERR_BAD_ENUM;
    return check_points(a->points, used);
}

/* ---- the layouts: docs/protocol.md, "Packet types" ---------------------- */

static const field hello_fields[] = {
    MAGIC,
    OFFER(hello.version),
    U8(hello.want, PACKET_WANT_PLAY, PACKET_WANT_SEAT),
    RESERVED(1),
    STRING(hello.name, PACKET_NAME_SIZE),
    BYTES(hello.token, PACKET_TOKEN_SIZE),
};
static const field welcome_fields[] = {
    VERSION(welcome.version),
    U8(welcome.game, 1, 2),
    U8(welcome.rule, 0, 2),
    U8(welcome.width, PACKET_BOARD_MIN, PACKET_BOARD_MAX),
    U8(welcome.height, PACKET_BOARD_MIN, PACKET_BOARD_MAX),
    U8(welcome.seat, PACKET_SEAT_P1, PACKET_SEAT_SPECTATOR),
    RESERVED(1),
    U32(welcome.match_id),
    BYTES(welcome.token, PACKET_TOKEN_SIZE),
};
static const field start_fields[] = {
    RESERVED(4),
    STRING(start.player1, PACKET_NAME_SIZE),
    STRING(start.player2, PACKET_NAME_SIZE),
};
static const field move_fields[] = {
    U32(move.ply),
    U8(move.from_x, 0, 0xFF),
    U8(move.from_y, 0, 0xFF),
    U8(move.to_x, 0, PACKET_COORD_LIMIT - 1),
    U8(move.to_y, 0, PACKET_COORD_LIMIT - 1),
    U8(move.promotion, 0, 4),
    RESERVED(3),
};
static const field reject_fields[] = {
    U32(reject.ply),
    U8(reject.reason, PACKET_REJECT_NOT_YOUR_TURN, PACKET_REJECT_MAX),
    RESERVED(3),
};
static const field game_over_fields[] = {
    U8(game_over.winner, 0, 2),
    U8(game_over.reason, 1, 12),
    RESERVED(2),
    U32(game_over.plies),
};
static const field ply_fields[] = {
    U32(ply.ply),
};
static const field answer_fields[] = {
    U8(answer.accept, PACKET_ANSWER_DECLINE, PACKET_ANSWER_ACCEPT),
    RESERVED(3),
};
static const field takeback_offer_fields[] = {
    U8(takeback_offer.plies, 1, 2),
    RESERVED(3),
};
static const field takeback_fields[] = {
    U8(takeback.plies, 1, 2),
    RESERVED(3),
    U32(takeback.ply),
};
static const field give_time_fields[] = {
    U32(give_time.ms),
};
static const field clock_fields[] = {
    U32(clock.p1_ms), U32(clock.p2_ms),        U8(clock.running, 0, 2),
    RESERVED(3),      U32(clock.increment_ms),
};
static const field clock_delay_fields[] = {
    U8(clock_delay.kind, PACKET_DELAY_SIMPLE, PACKET_DELAY_BRONSTEIN),
    RESERVED(3),
    U32(clock_delay.delay_ms),
    U32(clock_delay.left_ms),
};
static const field sync_begin_fields[] = {
    U32(sync.plies),
};
static const field peer_status_fields[] = {
    U8(peer.seat, PACKET_SEAT_P1, PACKET_SEAT_P2),
    U8(peer.status, PACKET_PEER_DROPPED, PACKET_PEER_NOT_BACK),
    RESERVED(2),
    U32(peer.grace_ms),
};
static const field restarting_fields[] = {
    U32(restarting.bonus_ms),
    U32(restarting.grace_ms),
};
static const field chat_fields[] = {
    U8(chat.seat, 0, PACKET_SEAT_SPECTATOR),
    RESERVED(3),
    STRING(chat.text, PACKET_CHAT_SIZE),
};
static const field ping_fields[] = {
    U64(ping.stamp),
};
static const field error_fields[] = {
    U16(error.code, PACKET_CODE_MALFORMED, PACKET_CODE_MAX),
    RESERVED(2),
    STRING(error.text, PACKET_ERROR_TEXT_SIZE),
};
static const field opening_state_fields[] = {
    U8(opening.rule, 1, 6),
    U8(opening.step, 0, 5),
    U8(opening.actor, 0, 2),
    U8(opening.choices, 0, 0x3F),
    U8(opening.area, 0, 0xFF),
    U8(opening.declare_min, 0, PACKET_OPENING_POINTS),
    U8(opening.declare_max, 0, PACKET_OPENING_POINTS),
    U8(opening.count, 0, PACKET_OPENING_POINTS),
    U32(opening.ply),
    U8(opening.swaps, 0, 0xFF),
    RESERVED(3),
    BYTES(opening.points, 2 * PACKET_OPENING_POINTS),
};
static const field opening_action_fields[] = {
    U8(opening_action.step, 1, 5),
    U8(opening_action.choice, 0, 5),
    U8(opening_action.count, 0, PACKET_OPENING_POINTS),
    RESERVED(1),
    U32(opening_action.ply),
    BYTES(opening_action.points, 2 * PACKET_OPENING_POINTS),
};

static const type_desc hello_desc = DESC("HELLO", 52, hello_fields, check_hello);
static const type_desc welcome_desc = DESC("WELCOME", 32, welcome_fields, check_welcome);
static const type_desc start_desc = DESC("START", 56, start_fields, NULL);
static const type_desc move_desc = DESC("MOVE", 16, move_fields, check_move);
static const type_desc reject_desc = DESC("REJECT", 12, reject_fields, NULL);
static const type_desc resign_desc = DESC("RESIGN", 8, ply_fields, NULL);
static const type_desc draw_offer_desc = DESC("DRAW_OFFER", 8, ply_fields, NULL);
static const type_desc draw_answer_desc = DESC("DRAW_ANSWER", 8, answer_fields, NULL);
static const type_desc rematch_offer_desc = DESC("REMATCH_OFFER", 8, ply_fields, NULL);
static const type_desc rematch_answer_desc = DESC("REMATCH_ANSWER", 8, answer_fields, NULL);
static const type_desc game_over_desc = DESC("GAME_OVER", 12, game_over_fields, NULL);
static const type_desc clock_desc = DESC("CLOCK", 20, clock_fields, NULL);
static const type_desc sync_begin_desc = DESC("SYNC_BEGIN", 8, sync_begin_fields, NULL);
static const type_desc sync_end_desc = DESC("SYNC_END", 8, ply_fields, NULL);
static const type_desc peer_status_desc = DESC("PEER_STATUS", 12, peer_status_fields, NULL);
static const type_desc restarting_desc = DESC_SINCE("RESTARTING", 12, restarting_fields, NULL, 2);
/* A delay of at least 1 ms, of which at most the whole is left. */
static packet_error check_clock_delay(const packet *p)
{
    const packet_clock_delay *d = &p->u.clock_delay;
    return d->delay_ms >= 1 && d->left_ms <= d->delay_ms ? PACKET_OK : PACKET_ERR_BAD_ENUM;
}
static const type_desc clock_delay_desc =
    DESC_SINCE("CLOCK_DELAY", 16, clock_delay_fields, check_clock_delay, 3);
static const type_desc chat_desc = DESC("CHAT", 136, chat_fields, NULL);
static const type_desc ping_desc = DESC("PING", 12, ping_fields, NULL);
static const type_desc pong_desc = DESC("PONG", 12, ping_fields, NULL);
static const type_desc error_desc = DESC("ERROR", 72, error_fields, NULL);
static const type_desc takeback_offer_desc =
    DESC_SINCE("TAKEBACK_OFFER", 8, takeback_offer_fields, NULL, 2);
static const type_desc takeback_answer_desc =
    DESC_SINCE("TAKEBACK_ANSWER", 8, answer_fields, NULL, 2);
static const type_desc takeback_desc = DESC_SINCE("TAKEBACK", 12, takeback_fields, NULL, 2);
/* 1 to 60 seconds */
static packet_error check_give_time(const packet *p)
{
    return p->u.give_time.ms >= 1000 && p->u.give_time.ms <= 60000 ? PACKET_OK
                                                                   : PACKET_ERR_BAD_ENUM;
}
static const type_desc give_time_desc =
    DESC_SINCE("GIVE_TIME", 8, give_time_fields, check_give_time, 2);
static const type_desc opening_state_desc =
    DESC_SINCE("OPENING_STATE", 40, opening_state_fields, check_opening_state, 2);
static const type_desc opening_action_desc =
    DESC_SINCE("OPENING_ACTION", 32, opening_action_fields, check_opening_action, 2);

static const type_desc *const descs[256] = {
    [PACKET_HELLO] = &hello_desc,
    [PACKET_WELCOME] = &welcome_desc,
    [PACKET_START] = &start_desc,
    [PACKET_MOVE] = &move_desc,
    [PACKET_REJECT] = &reject_desc,
    [PACKET_RESIGN] = &resign_desc,
    [PACKET_DRAW_OFFER] = &draw_offer_desc,
    [PACKET_DRAW_ANSWER] = &draw_answer_desc,
    [PACKET_REMATCH_OFFER] = &rematch_offer_desc,
    [PACKET_REMATCH_ANSWER] = &rematch_answer_desc,
    [PACKET_GAME_OVER] = &game_over_desc,
    [PACKET_CLOCK] = &clock_desc,
    [PACKET_SYNC_BEGIN] = &sync_begin_desc,
    [PACKET_SYNC_END] = &sync_end_desc,
    [PACKET_PEER_STATUS] = &peer_status_desc,
    [PACKET_RESTARTING] = &restarting_desc,
    [PACKET_CLOCK_DELAY] = &clock_delay_desc,
    [PACKET_CHAT] = &chat_desc,
    [PACKET_PING] = &ping_desc,
    [PACKET_PONG] = &pong_desc,
    [PACKET_ERROR] = &error_desc,
    [PACKET_TAKEBACK_OFFER] = &takeback_offer_desc,
    [PACKET_TAKEBACK_ANSWER] = &takeback_answer_desc,
    [PACKET_TAKEBACK] = &takeback_desc,
    [PACKET_GIVE_TIME] = &give_time_desc,
    [PACKET_OPENING_STATE] = &opening_state_desc,
    [PACKET_OPENING_ACTION] = &opening_action_desc,
};

static const type_desc *desc_of(unsigned type)
{
    return type < COUNT(descs) ? descs[type] : NULL;
}

/* ---- byte order ------------------------------------------------------------ */

static uint64_t get_be(const uint8_t *b, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | b[i];
    return v;
}

static void put_be(uint8_t *b, uint64_t v, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        b[i] = (uint8_t)(v & 0xFF);
        v >>= 8;
    }
}

/* The integer field f of p, widened; and the reverse. The struct members
 * have exactly the field's width (uint8_t..uint64_t). */
static uint64_t get_member(const packet *p, const field *f)
{
    const unsigned char *m = (const unsigned char *)p + f->at;
    uint8_t v8;
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;
    switch (f->kind) {
    case F_U8:
        memcpy(&v8, m, sizeof v8);
        return v8;
    case F_U16:
    case F_VERSION:
    case F_OFFER:
        memcpy(&v16, m, sizeof v16);
        return v16;
    case F_U32:
        memcpy(&v32, m, sizeof v32);
        return v32;
    default:
        memcpy(&v64, m, sizeof v64);
        return v64;
    }
}

static void set_member(packet *p, const field *f, uint64_t v)
{
    unsigned char *m = (unsigned char *)p + f->at;
    uint8_t v8 = (uint8_t)v;
    uint16_t v16 = (uint16_t)v;
    uint32_t v32 = (uint32_t)v;
    switch (f->kind) {
    case F_U8:
        memcpy(m, &v8, sizeof v8);
        break;
    case F_U16:
    case F_VERSION:
    case F_OFFER:
        memcpy(m, &v16, sizeof v16);
        break;
    case F_U32:
        memcpy(m, &v32, sizeof v32);
        break;
    default:
        memcpy(m, &v, sizeof v);
        break;
    }
}

/* ---- strings ------------------------------------------------------------------ */

/* Valid UTF-8 (shortest form, no surrogates, at most U+10FFFF) without C0
 * or C1 control characters and without DEL. */
static int text_ok(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t c = s[i];
        size_t len;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                return 0;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            c &= 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            c &= 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            c &= 0x07;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[i + k] & 0x3Fu);
        }
        if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
            (c >= 0xD800 && c <= 0xDFFF) || c <= 0x9F)
            return 0;
        i += len;
    }
    return 1;
}

/* Length of the text in a field of n bytes, or -1 without a NUL. */
static long text_len(const uint8_t *s, size_t n)
{
    const void *nul = memchr(s, 0, n);
    return nul ? (long)((const uint8_t *)nul - s) : -1;
}

/* ---- checks of one field ------------------------------------------------------ */

/* The value checks shared by encode and decode (reserved bytes, magic and
 * string padding are wire-only and checked by decode alone). */
static packet_error check_member(const packet *p, const field *f)
{
    const uint8_t *m = (const uint8_t *)p + f->at;
    uint64_t v;
    long n;
    switch (f->kind) {
    case F_VERSION:
        v = get_member(p, f);
        return v >= PACKET_VERSION_MIN && v <= PACKET_VERSION ? PACKET_OK : PACKET_ERR_BAD_VERSION;
    case F_OFFER: /* a newer peer is answered in the version both speak */
        return get_member(p, f) >= PACKET_VERSION_MIN ? PACKET_OK : PACKET_ERR_BAD_VERSION;
    case F_U8:
    case F_U16:
        v = get_member(p, f);
        return v >= f->lo && v <= f->hi ? PACKET_OK : PACKET_ERR_BAD_ENUM;
    case F_STRING:
        n = text_len(m, f->len);
        return n >= 0 && text_ok(m, (size_t)n) ? PACKET_OK : PACKET_ERR_BAD_STRING;
    default:
        return PACKET_OK;
    }
}

/* ---- public API -------------------------------------------------------------- */

const char *packet_strerror(packet_error e)
{
    switch (e) {
    case PACKET_OK:
        return "success";
    case PACKET_ERR_NEED_MORE:
        return "incomplete packet";
    case PACKET_ERR_SHORT:
        return "packet size below the header size";
    case PACKET_ERR_UNKNOWN_TYPE:
        return "unknown packet type";
    case PACKET_ERR_BAD_SIZE:
        return "wrong size for the packet type";
    case PACKET_ERR_RESERVED:
        return "reserved byte not zero";
    case PACKET_ERR_BAD_MAGIC:
        return "bad magic (not a matchboard client)";
    case PACKET_ERR_BAD_VERSION:
        return "unsupported protocol version";
    case PACKET_ERR_BAD_STRING:
        return "bad text field (no NUL padding, bad UTF-8 or a control character)";
    case PACKET_ERR_BAD_ENUM:
        return "field out of range";
    case PACKET_ERR_BUFFER:
        return "output buffer too small";
    case PACKET_ERR_OVERFLOW:
        return "receive buffer full";
    }
    return "unknown packet error";
}

size_t packet_size_of_type(uint8_t type)
{
    const type_desc *d = desc_of(type);
    return d ? d->size : 0;
}

unsigned packet_type_since(uint8_t type)
{
    const type_desc *d = desc_of(type);
    return d ? d->since : 0;
}

uint16_t packet_negotiate_version(uint16_t offered)
{
    if (offered < PACKET_VERSION_MIN)
        return 0;
    return offered < PACKET_VERSION ? offered : PACKET_VERSION;
}

const char *packet_type_name(uint8_t type)
{
    const type_desc *d = desc_of(type);
    return d ? d->name : "UNKNOWN";
}

packet_error packet_peek_header(const uint8_t *buf, size_t *size)
{
    size_t n = (size_t)get_be(buf, 2);
    const type_desc *d = desc_of(buf[2]);
    if (size)
        *size = n;
    if (n < PACKET_HEADER_SIZE)
        return PACKET_ERR_SHORT;
    if (!d)
        return PACKET_ERR_UNKNOWN_TYPE;
    if (n != d->size)
        return PACKET_ERR_BAD_SIZE;
    if (buf[3] != 0)
        return PACKET_ERR_RESERVED;
    return PACKET_OK;
}

int packet_encode_walk(const packet *p, uint8_t *out, size_t cap)
{
    const type_desc *d = desc_of((unsigned)p->type);
    packet_error e;
    size_t off = PACKET_HEADER_SIZE;

    if (!d)
        return PACKET_ERR_UNKNOWN_TYPE;
    if (cap < d->size)
        return PACKET_ERR_BUFFER;
    for (size_t i = 0; i < d->nfields; i++)
        if ((e = check_member(p, &d->fields[i])) != PACKET_OK)
            return e;
    if (d->check && (e = d->check(p)) != PACKET_OK)
        return e;

    put_be(out, d->size, 2);
    out[2] = (uint8_t)p->type;
    out[3] = 0;
    for (size_t i = 0; i < d->nfields; i++) {
        const field *f = &d->fields[i];
        const uint8_t *m = (const uint8_t *)p + f->at;
        switch (f->kind) {
        case F_RESERVED:
            memset(out + off, 0, f->len);
            break;
        case F_MAGIC:
            memcpy(out + off, PACKET_MAGIC, 4);
            break;
        case F_STRING: {
            size_t n = (size_t)text_len(m, f->len);
            memcpy(out + off, m, n);
            memset(out + off + n, 0, f->len - n);
            break;
        }
        case F_BYTES:
            memcpy(out + off, m, f->len);
            break;
        default:
            put_be(out + off, get_member(p, f), f->len);
            break;
        }
        off += f->len;
    }
    return (int)d->size;
}

/* Decodes field f from b into p: the wire-only checks, then the value ones. */
static packet_error decode_field(const uint8_t *b, const field *f, packet *p)
{
    uint8_t *m = (uint8_t *)p + f->at;
    switch (f->kind) {
    case F_RESERVED:
        for (size_t i = 0; i < f->len; i++)
            if (b[i] != 0)
                return PACKET_ERR_RESERVED;
        return PACKET_OK;
    case F_MAGIC:
        return memcmp(b, PACKET_MAGIC, 4) == 0 ? PACKET_OK : PACKET_ERR_BAD_MAGIC;
    case F_STRING: {
        long n = text_len(b, f->len);
        if (n < 0)
            return PACKET_ERR_BAD_STRING;
        for (size_t i = (size_t)n; i < f->len; i++)
            if (b[i] != 0)
                return PACKET_ERR_BAD_STRING;
        memcpy(m, b, f->len);
        break;
    }
    case F_BYTES:
        memcpy(m, b, f->len);
        break;
    default:
        set_member(p, f, get_be(b, f->len));
        break;
    }
    return check_member(p, f);
}

packet_error packet_decode_walk(const uint8_t *buf, size_t len, packet *out)
{
    const type_desc *d;
    packet_error e;
    size_t size, off = PACKET_HEADER_SIZE;

    memset(out, 0, sizeof *out);
    if (len < PACKET_HEADER_SIZE)
        return PACKET_ERR_NEED_MORE;
    if ((e = packet_peek_header(buf, &size)) != PACKET_OK)
        return e;
    if (len < size)
        return PACKET_ERR_NEED_MORE;
    if (len > size)
        return PACKET_ERR_BAD_SIZE;
    d = desc_of(buf[2]);
    out->type = (packet_type)buf[2];
    for (size_t i = 0; i < d->nfields; i++) {
        if ((e = decode_field(buf + off, &d->fields[i], out)) != PACKET_OK)
            return e;
        off += d->fields[i].len;
    }
    if (d->check && (e = d->check(out)) != PACKET_OK)
        return e;
    return PACKET_OK;
}

/* A MOVE takes its fast path (packet_move.c) when it is valid; the walk
 * handles the rest and says why a packet is refused. */
int packet_encode(const packet *p, uint8_t *out, size_t cap)
{
    int n = packet_move_encode_fast(p, out, cap);
    return n ? n : packet_encode_walk(p, out, cap);
}

packet_error packet_decode(const uint8_t *buf, size_t len, packet *out)
{
    if (len > 2 && buf[2] == PACKET_MOVE && packet_move_decode_fast(buf, len, out))
        return PACKET_OK;
    return packet_decode_walk(buf, len, out);
}

int packet_text_field_ok(const uint8_t *field, size_t size)
{
    long n = text_len(field, size);
    if (n < 0)
        return 0;
    for (size_t i = (size_t)n; i < size; i++)
        if (field[i] != 0)
            return 0;
    return text_ok(field, (size_t)n);
}

void packet_set_string(char *field, size_t field_size, const char *s)
{
    size_t n = 0;
    if (field_size == 0)
        return;
    while (s && n < field_size - 1 && s[n] != '\0')
        n++;
    /* Cut inside a character: drop its leading bytes too. */
    if (s && s[n] != '\0')
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    if (n > 0)
        memcpy(field, s, n);
    memset(field + n, 0, field_size - n);
}

void packet_hello_set_watch(packet_hello *h, uint32_t match_id)
{
    memset(h->token, 0, sizeof h->token);
    put_be(h->token, match_id, 4);
}

uint32_t packet_hello_watch_id(const packet_hello *h)
{
    return (uint32_t)get_be(h->token, 4);
}

void packet_make_hello(packet *p, uint8_t want, const char *name,
                       const uint8_t token[PACKET_TOKEN_SIZE])
{
    memset(p, 0, sizeof *p);
    p->type = PACKET_HELLO;
    p->u.hello.version = PACKET_VERSION;
    p->u.hello.want = want;
    packet_set_string(p->u.hello.name, sizeof p->u.hello.name, name);
    if (token)
        memcpy(p->u.hello.token, token, PACKET_TOKEN_SIZE);
}

void packet_make_move(packet *p, uint32_t ply, uint8_t fx, uint8_t fy, uint8_t tx, uint8_t ty,
                      uint8_t promotion)
{
    memset(p, 0, sizeof *p);
    p->type = PACKET_MOVE;
    p->u.move.ply = ply;
    p->u.move.from_x = fx;
    p->u.move.from_y = fy;
    p->u.move.to_x = tx;
    p->u.move.to_y = ty;
    p->u.move.promotion = promotion;
}

void packet_make_error(packet *p, packet_error_code code, const char *text)
{
    memset(p, 0, sizeof *p);
    p->type = PACKET_ERROR;
    p->u.error.code = (uint16_t)code;
    packet_set_string(p->u.error.text, sizeof p->u.error.text, text);
}
