/* lobby.c: HELLO, seating in connection order, hand-off to match hosts,
 * and players coming back from a match (lobby_requeue). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gomoku_opening.h"
#include "lobby.h"

typedef enum guest_stage {
    GUEST_AWAIT_HELLO, /* connected, no HELLO yet */
    GUEST_WAITING,     /* Player1 of the open match, waiting for Player2 */
} guest_stage;

typedef struct guest {
    conn_id conn;
    guest_stage stage;
    uint64_t opened_ms;
} guest;

typedef struct lobby {
    const match_config *cfg;
    const logic_sink *sink;
    guest *guests;
    size_t count, cap;
    uint32_t next_match_id;
    /* The open match: Player1 seated, Player2 awaited. conn NONE: none. */
    match_seating open;
    int told_human; /* what sink->waiting last heard */
} lobby;

lobby *lobby_create(const match_config *cfg, const logic_sink *sink)
{
    lobby *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->cfg = cfg;
    l->sink = sink;
    l->next_match_id = 1;
    return l;
}

void lobby_destroy(lobby *l)
{
    if (!l)
        return;
    free(l->guests);
    free(l);
}

static guest *find(lobby *l, conn_id c)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->guests[i].conn == c)
            return &l->guests[i];
    return NULL;
}

/* Tells the sink when "a human waits" changed (sink->waiting). */
static void tell_waiting(lobby *l)
{
    int human = lobby_human_waiting(l);
    if (human == l->told_human)
        return;
    l->told_human = human;
    if (l->sink->waiting)
        l->sink->waiting(l->sink->ctx, human);
}

/* Forgets a guest (and the open seat it held). */
static void forget(lobby *l, conn_id c)
{
    guest *g = find(l, c);
    if (!g)
        return;
    if (l->open.seat[0].conn == c) {
        l->open.seat[0].conn = CONN_NONE;
        tell_waiting(l);
    }
    *g = l->guests[--l->count];
}

static void refuse(lobby *l, conn_id c, packet_error_code code, const char *text)
{
    logic_send_error(l->sink, c, code, text);
    l->sink->close(l->sink->ctx, c);
    forget(l, c);
}

/* A new guest for c awaiting its HELLO; NULL (c closed) without memory. */
static guest *add_guest(lobby *l, conn_id c, uint64_t now_ms)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        guest *g = realloc(l->guests, cap * sizeof *g);
        if (!g) {
            logic_logf(l->sink, LOG_ERROR, "conn %llu: out of memory, closing",
                       (unsigned long long)c);
            l->sink->close(l->sink->ctx, c);
            return NULL;
        }
        l->guests = g;
        l->cap = cap;
    }
    l->guests[l->count].conn = c;
    l->guests[l->count].stage = GUEST_AWAIT_HELLO;
    l->guests[l->count].opened_ms = now_ms;
    return &l->guests[l->count++];
}

void lobby_opened(lobby *l, conn_id c, const char *peer, uint64_t now_ms)
{
    if (!add_guest(l, c, now_ms))
        return;
    logic_logf(l->sink, LOG_INFO, "conn %llu: connected from %s", (unsigned long long)c,
               peer ? peer : "?");
}

static void send_welcome(lobby *l, conn_id c, uint8_t seat, uint32_t match_id,
                         const uint8_t token[PACKET_TOKEN_SIZE], uint16_t version)
{
    packet p;
    logic_welcome(&p, l->cfg, seat, match_id, token, version);
    l->sink->send(l->sink->ctx, c, &p);
}

static void new_token(lobby *l, uint8_t token[PACKET_TOKEN_SIZE])
{
    /* All zero means "none" (and resumes nothing). A failed random source
     * gives zeros: try a few times, then go on without a token rather than
     * spin for ever. */
    for (int tries = 0; tries < 4; tries++) {
        l->sink->random(l->sink->ctx, token, PACKET_TOKEN_SIZE);
        if (!logic_token_is_zero(token))
            return;
    }
}

static void seat_player(lobby *l, guest *g, const packet_hello *h)
{
    conn_id c = g->conn;
    int seat = l->open.seat[0].conn == CONN_NONE ? 0 : 1;
    const char *name = h->name[0] ? h->name : "Anonymous";

    if (seat == 0) {
        memset(&l->open, 0, sizeof l->open);
        l->open.match_id = l->next_match_id++;
    }
    l->open.seat[seat].conn = c;
    packet_set_string(l->open.seat[seat].name, PACKET_NAME_SIZE, name);
    new_token(l, l->open.seat[seat].token);
    l->open.seat[seat].version = packet_negotiate_version(h->version);
    l->open.seat[seat].engine = h->want == PACKET_WANT_SEAT; /* journaled with its game */
    tell_waiting(l);
    send_welcome(l, c, (uint8_t)(seat + 1), l->open.match_id, l->open.seat[seat].token,
                 l->open.seat[seat].version);
    logic_logf(l->sink, LOG_INFO, "conn %llu: \"%s\" seated as Player%d of match %lu",
               (unsigned long long)c, l->open.seat[seat].name, seat + 1,
               (unsigned long)l->open.match_id);
    if (seat == 0) {
        g->stage = GUEST_WAITING;
        return;
    }
    /* Both seats taken: the two connections leave the lobby for a host. */
    {
        match_seating m = l->open;
        forget(l, m.seat[0].conn);
        forget(l, c);
        memset(&l->open, 0, sizeof l->open);
        tell_waiting(l);
        l->sink->start_match(l->sink->ctx, &m);
    }
}

static void on_hello(lobby *l, guest *g, const packet_hello *h)
{
    conn_id c = g->conn;
    int code;
    if (packet_negotiate_version(h->version) == 0) {
        refuse(l, c, PACKET_CODE_BAD_HELLO, "unsupported protocol version");
        return;
    }
    if (l->cfg->opening != 0 && packet_negotiate_version(h->version) < 2 &&
        (h->want == PACKET_WANT_SEAT ||
         (h->want == PACKET_WANT_PLAY && logic_token_is_zero(h->token)))) {
        /* Opening steps are version-2 packets: an older client could
         * neither take part in nor follow them. A resume or a spectator
         * joins a match that may have been restored under other terms:
         * its host decides (match_host_join). */
        char why[PACKET_ERROR_TEXT_SIZE];
        snprintf(why, sizeof why, "opening rule %s: this server needs protocol version 2",
                 gomoku_opening_rule_name((gomoku_opening_rule)l->cfg->opening));
        refuse(l, c, PACKET_CODE_BAD_HELLO, why);
        return;
    }
    if (h->want == PACKET_WANT_SEAT) {
        if (!logic_token_equal(h->token, l->cfg->seat_key))
            refuse(l, c, PACKET_CODE_BAD_HELLO, "not this server's engine seat");
        else if (l->open.seat[0].conn != CONN_NONE && l->open.seat[0].engine)
            refuse(l, c, PACKET_CODE_BAD_HELLO, "the engine seat is taken");
        else if (l->sink->engine_back && l->sink->engine_back(l->sink->ctx, c, h) == 0)
            forget(l, c); /* it takes its seat back in a match */
        else
            seat_player(l, g, h);
        return;
    }
    if (h->want == PACKET_WANT_PLAY && logic_token_is_zero(h->token)) {
        seat_player(l, g, h);
        return;
    }
    /* A resume or a spectator: the host of that match decides. */
    forget(l, c);
    code = l->sink->join(l->sink->ctx, c, h);
    if (code != 0) {
        const char *why = code == PACKET_CODE_BAD_TOKEN  ? "unknown or expired resume token"
                          : code == PACKET_CODE_NO_MATCH ? "no such match to watch"
                          : code == PACKET_CODE_BAD_HELLO
                              ? "this match's opening rule needs protocol version 2"
                              : "cannot join";
        logic_logf(l->sink, LOG_INFO, "conn %llu: refused: %s", (unsigned long long)c, why);
        logic_send_error(l->sink, c, (packet_error_code)code, why);
        l->sink->close(l->sink->ctx, c);
    }
}

void lobby_packet(lobby *l, conn_id c, const packet *p, uint64_t now_ms)
{
    guest *g = find(l, c);
    (void)now_ms;
    if (!g)
        return;
    if (g->stage == GUEST_AWAIT_HELLO) {
        if (p->type != PACKET_HELLO)
            refuse(l, c, PACKET_CODE_BAD_HELLO, "HELLO must come first");
        else
            on_hello(l, g, &p->u.hello);
        return;
    }
    /* A Player1 waiting for its opponent. */
    switch (p->type) {
    case PACKET_HELLO:
        refuse(l, c, PACKET_CODE_BAD_HELLO, "HELLO sent twice");
        break;
    case PACKET_MOVE: {
        packet r;
        memset(&r, 0, sizeof r);
        r.type = PACKET_REJECT;
        r.u.reject.ply = p->u.move.ply;
        r.u.reject.reason = PACKET_REJECT_NO_GAME;
        l->sink->send(l->sink->ctx, c, &r);
        break;
    }
    case PACKET_CHAT: {
        packet r = *p;
        r.u.chat.seat = PACKET_SEAT_P1;
        l->sink->send(l->sink->ctx, c, &r);
        break;
    }
    case PACKET_PING:
    case PACKET_PONG:
        break; /* the event loop answers pings */
    default:
        logic_send_error(l->sink, c, PACKET_CODE_NOT_ALLOWED, "no game yet: waiting for Player2");
        break;
    }
}

void lobby_closed(lobby *l, conn_id c, uint64_t now_ms)
{
    guest *g = find(l, c);
    (void)now_ms;
    if (!g)
        return;
    if (g->stage == GUEST_WAITING)
        logic_logf(l->sink, LOG_INFO, "conn %llu: waiting Player1 left; seat of match %lu freed",
                   (unsigned long long)c, (unsigned long)l->open.match_id);
    else
        logic_logf(l->sink, LOG_INFO, "conn %llu: closed before HELLO", (unsigned long long)c);
    forget(l, c);
}

void lobby_tick(lobby *l, uint64_t now_ms)
{
    size_t i = 0;
    while (i < l->count) {
        guest *g = &l->guests[i];
        if (g->stage == GUEST_AWAIT_HELLO && now_ms - g->opened_ms >= l->cfg->hello_timeout_ms) {
            logic_logf(l->sink, LOG_INFO, "conn %llu: no HELLO in time, dropped",
                       (unsigned long long)g->conn);
            refuse(l, g->conn, PACKET_CODE_HELLO_TIMEOUT, "no HELLO in time");
            continue; /* refuse moved another guest into slot i */
        }
        i++;
    }
}

uint64_t lobby_deadline(const lobby *l)
{
    uint64_t next = UINT64_MAX;
    for (size_t i = 0; i < l->count; i++)
        if (l->guests[i].stage == GUEST_AWAIT_HELLO) {
            uint64_t t = l->guests[i].opened_ms + l->cfg->hello_timeout_ms;
            if (t < next)
                next = t;
        }
    return next;
}

void lobby_shutdown(lobby *l)
{
    while (l->count > 0)
        refuse(l, l->guests[0].conn, PACKET_CODE_SHUTDOWN, "server shutting down");
}

size_t lobby_waiting(const lobby *l)
{
    return l->open.seat[0].conn != CONN_NONE;
}

int lobby_human_waiting(const lobby *l)
{
    return l->open.seat[0].conn != CONN_NONE && !l->open.seat[0].engine;
}

void lobby_requeue(lobby *l, conn_id c, const char *name, uint16_t version, int engine,
                   uint64_t now_ms)
{
    packet_hello h;
    guest *g;
    if (engine && l->open.seat[0].conn != CONN_NONE && l->open.seat[0].engine) {
        logic_send_error(l->sink, c, PACKET_CODE_BAD_HELLO, "the engine seat is taken");
        l->sink->close(l->sink->ctx, c);
        return;
    }
    g = add_guest(l, c, now_ms);
    if (!g)
        return;
    memset(&h, 0, sizeof h);
    h.version = version;
    h.want = engine ? PACKET_WANT_SEAT : PACKET_WANT_PLAY;
    packet_set_string(h.name, PACKET_NAME_SIZE, name);
    logic_logf(l->sink, LOG_INFO, "conn %llu: \"%s\" back in the lobby", (unsigned long long)c,
               name);
    seat_player(l, g, &h);
}

void lobby_set_next_match_id(lobby *l, uint32_t id)
{
    if (id > l->next_match_id)
        l->next_match_id = id;
}

size_t lobby_count(const lobby *l)
{
    return l->count;
}
