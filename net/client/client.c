/* client.c: the client protocol state machine (see client.h). Pure: no
 * sockets, no clock. The game is replicated only from server-confirmed
 * MOVEs, through the game's game_ops. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "client.h"
#include "client_coord.h"
#include "packet_stream.h"

#define CLIENT_OUT_CAP 4096

struct client {
    char name[PACKET_NAME_SIZE];
    int watch;
    uint32_t watch_match; /* the match a watching HELLO names, 0: the most recent */
    int has_seat_key;
    uint8_t seat_key[PACKET_TOKEN_SIZE];
    client_ops_lookup ops_for_kind;

    client_state state;
    packet_stream in;
    uint8_t out[CLIENT_OUT_CAP];
    size_t out_len;

    client_event *events; /* FIFO: events[ev_head .. ev_head+ev_count) */
    size_t ev_head, ev_count, ev_cap;

    uint8_t seat;
    uint16_t version; /* protocol version the server's WELCOME chose (0: none yet) */
    int restarting;   /* RESTARTING heard, no WELCOME since */
    uint8_t token[PACKET_TOKEN_SIZE];
    int has_token;
    int hello_had_token; /* the current connection's HELLO carried the token */
    uint32_t match_id;
    int welcome_since_over; /* a WELCOME told our seat since the last game */
    int rematch_pending;    /* after GAME_OVER a rematch offer (ours or theirs) waits for
                             * its answer: the server keeps it across a crash or a drop */
    int rematch_ours;       /* that offer is ours (its resume does not send it back) */
    int resumed;            /* the last WELCOME resumed our game in our seat: its START goes
                             * on with it (a new seat: a rematch began while we were away) */

    const game_ops *ops;
    game *g;
    game_options opt;
    int pending;
    int has_delay;                /* a CLOCK_DELAY came for the next CLOCK */
    packet_clock_delay delay;     /* that CLOCK_DELAY */
    int has_opening;              /* an OPENING_STATE came for this game */
    packet_opening_state opening; /* the last one */
    uint32_t sync_plies;
    game_result result;
    char player[2][PACKET_NAME_SIZE];
};

client *client_create(const client_config *cfg)
{
    client *c;
    if (!cfg || !cfg->ops_for_kind)
        return NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    packet_set_string(c->name, sizeof c->name, cfg->name ? cfg->name : "");
    c->watch = cfg->watch != 0;
    c->ops_for_kind = cfg->ops_for_kind;
    c->state = CLIENT_OFFLINE;
    packet_stream_init(&c->in);
    return c;
}

void client_destroy(client *c)
{
    if (!c)
        return;
    if (c->g)
        c->ops->destroy(c->g);
    free(c->events);
    free(c);
}

/* ---- events ---------------------------------------------------------- */

static client_event *push_event(client *c, client_event_type type)
{
    client_event *ev;
    if (c->ev_count == c->ev_cap) {
        size_t cap = c->ev_cap ? 2 * c->ev_cap : 16, i;
        client_event *n = malloc(cap * sizeof *n);
        if (!n)
            return NULL; /* the event is lost, the state stays right */
        for (i = 0; i < c->ev_count; i++)
            n[i] = c->events[(c->ev_head + i) % c->ev_cap];
        free(c->events);
        c->events = n;
        c->ev_cap = cap;
        c->ev_head = 0;
    }
    ev = &c->events[(c->ev_head + c->ev_count) % c->ev_cap];
    c->ev_count++;
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    return ev;
}

int client_next_event(client *c, client_event *ev)
{
    if (!c->ev_count)
        return 0;
    *ev = c->events[c->ev_head];
    c->ev_head = (c->ev_head + 1) % c->ev_cap;
    c->ev_count--;
    return 1;
}

/* A protocol error: the client stops (CLIENT_FAILED) and says why. */
static void fail(client *c, int packet_err, const char *fmt, ...) MB_PRINTF(3, 4);

static void fail(client *c, int packet_err, const char *fmt, ...)
{
    client_event *ev = push_event(c, CLIENT_EV_PROTOCOL_ERROR);
    va_list ap;
    c->state = CLIENT_FAILED;
    c->pending = 0;
    if (!ev)
        return;
    ev->u.protocol_error.packet_error = packet_err;
    va_start(ap, fmt);
    vsnprintf(ev->u.protocol_error.text, sizeof ev->u.protocol_error.text, fmt, ap);
    va_end(ap);
}

/* ---- output ---------------------------------------------------------- */

static client_error queue_packet(client *c, const packet *p)
{
    int n = packet_encode(p, c->out + c->out_len, sizeof c->out - c->out_len);
    if (n == PACKET_ERR_BUFFER)
        return CLIENT_ERR_OUTPUT;
    if (n < 0)
        return CLIENT_ERR_ARG;
    c->out_len += (size_t)n;
    return CLIENT_OK;
}

const uint8_t *client_output(const client *c, size_t *len)
{
    *len = c->out_len;
    return c->out;
}

void client_output_consume(client *c, size_t n)
{
    if (n >= c->out_len) {
        c->out_len = 0;
        return;
    }
    memmove(c->out, c->out + n, c->out_len - n);
    c->out_len -= n;
}

/* ---- connection ------------------------------------------------------ */

void client_connected(client *c)
{
    packet p;
    memset(&p, 0, sizeof p);
    packet_stream_init(&c->in);
    c->out_len = 0;
    c->pending = 0;
    c->has_delay = 0;
    c->state = CLIENT_HELLO_SENT;
    c->hello_had_token = c->has_token;
    p.type = PACKET_HELLO;
    p.u.hello.version = PACKET_VERSION;
    p.u.hello.want = c->watch ? PACKET_WANT_WATCH : PACKET_WANT_PLAY;
    memcpy(p.u.hello.name, c->name, sizeof c->name);
    if (c->has_token) {
        memcpy(p.u.hello.token, c->token, sizeof c->token);
    } else if (c->has_seat_key && !c->watch) {
        p.u.hello.want = PACKET_WANT_SEAT;
        memcpy(p.u.hello.token, c->seat_key, sizeof c->seat_key);
    } else if (c->watch) { /* after a restart, the match watched before */
        packet_hello_set_watch(&p.u.hello,
                               c->restarting && c->match_id ? c->match_id : c->watch_match);
    }
    queue_packet(c, &p); /* always fits in the emptied buffer */
}

int client_connection_lost(client *c)
{
    client_state was = c->state;
    c->state = CLIENT_OFFLINE;
    c->out_len = 0;
    c->pending = 0;
    packet_stream_init(&c->in);
    if (c->restarting && c->g && (c->has_token || c->watch))
        return 1; /* the server said it comes back, and the game with it */
    return c->has_token && c->g &&
           (was == CLIENT_WAITING || was == CLIENT_PLAYING || was == CLIENT_SYNCING ||
            (was == CLIENT_GAME_OVER && c->rematch_pending) ||
            (was == CLIENT_HELLO_SENT && c->hello_had_token));
}

void client_set_seat_key(client *c, const uint8_t key[PACKET_TOKEN_SIZE])
{
    c->has_seat_key = 1;
    memcpy(c->seat_key, key, sizeof c->seat_key);
}

void client_set_watch_match(client *c, uint32_t match_id)
{
    c->watch_match = match_id;
}

void client_forget_token(client *c)
{
    c->has_token = 0;
    memset(c->token, 0, sizeof c->token);
}

/* ---- incoming packets ------------------------------------------------ */

static int token_is_zero(const uint8_t *t)
{
    for (int i = 0; i < PACKET_TOKEN_SIZE; i++)
        if (t[i])
            return 0;
    return 1;
}

static void on_welcome(client *c, const packet_welcome *w)
{
    game_options opt;
    const game_ops *ops;
    client_event *ev;
    int resumed;
    uint8_t old_seat = c->seat;
    if (c->state == CLIENT_PLAYING && c->g && w->match_id == c->match_id &&
        c->seat != PACKET_SEAT_SPECTATOR && w->seat != PACKET_SEAT_SPECTATOR) {
        /* The opening exchanged colours: the same game from the other
         * seat; START follows with the names in their new order. */
        if (w->seat != c->seat) { /* the names change places too (START confirms) */
            char name[PACKET_NAME_SIZE];
            memcpy(name, c->player[0], sizeof name);
            memcpy(c->player[0], c->player[1], sizeof name);
            memcpy(c->player[1], name, sizeof name);
        }
        c->seat = w->seat;
        c->has_token = !token_is_zero(w->token);
        memcpy(c->token, w->token, sizeof c->token);
        c->opening.actor = 0; /* named in the old seats: wait for the next state */
        return;
    }
    if (c->state != CLIENT_HELLO_SENT && c->state != CLIENT_WAITING &&
        c->state != CLIENT_GAME_OVER) {
        fail(c, 0, "unexpected WELCOME while %s", client_state_name(c->state));
        return;
    }
    if (packet_negotiate_version(w->version) != w->version) {
        fail(c, PACKET_ERR_BAD_VERSION, "server speaks protocol version %u, not %u..%u",
             (unsigned)w->version, (unsigned)PACKET_VERSION_MIN, (unsigned)PACKET_VERSION);
        return;
    }
    ops = c->ops_for_kind((game_kind)w->game);
    memset(&opt, 0, sizeof opt); /* compared with memcmp below: no stray padding */
    opt.kind = (game_kind)w->game;
    opt.rule = w->rule;
    opt.width = w->width;
    opt.height = w->height;
    if (!ops || ops->normalize_options(&opt) != GAME_OK) {
        fail(c, 0, "server offers a game this client cannot play (game %u, rule %u, %ux%u)",
             (unsigned)w->game, (unsigned)w->rule, (unsigned)w->width, (unsigned)w->height);
        return;
    }
    resumed = c->state == CLIENT_HELLO_SENT && c->hello_had_token && c->g &&
              memcmp(w->token, c->token, sizeof c->token) == 0 && c->match_id == w->match_id;
    if (!resumed || ops != c->ops || /* field by field: opt's padding is not set */
        opt.kind != c->opt.kind || opt.rule != c->opt.rule || opt.width != c->opt.width ||
        opt.height != c->opt.height) {
        game *g = ops->create(&opt);
        if (!g) {
            fail(c, 0, "cannot create the game (out of memory)");
            return;
        }
        if (c->g)
            c->ops->destroy(c->g);
        c->g = g;
        c->ops = ops;
        c->opt = opt;
        resumed = 0;
    }
    c->seat = w->seat;
    c->version = w->version;
    c->restarting = 0;
    c->match_id = w->match_id;
    c->has_token = !token_is_zero(w->token);
    memcpy(c->token, w->token, sizeof c->token);
    if (c->state == CLIENT_GAME_OVER)
        c->welcome_since_over = 1;
    else
        c->state = CLIENT_WAITING;
    c->result.reason = GAME_END_NONE;
    c->result.winner = GAME_SIDE_NONE;
    c->resumed = resumed && w->seat == old_seat;
    ev = push_event(c, CLIENT_EV_WELCOME);
    if (ev) {
        ev->u.welcome.seat = w->seat;
        ev->u.welcome.options = opt;
        ev->u.welcome.match_id = w->match_id;
        ev->u.welcome.resumed = resumed;
    }
}

static void on_start(client *c, const packet_start *s)
{
    client_event *ev;
    int new_game = c->state != CLIENT_PLAYING;
    switch (c->state) {
    case CLIENT_GAME_OVER: /* a rematch: seats swap unless a WELCOME said */
        if (!c->welcome_since_over && c->seat != PACKET_SEAT_SPECTATOR)
            c->seat = c->seat == PACKET_SEAT_P1 ? PACKET_SEAT_P2 : PACKET_SEAT_P1;
        /* fall through */
    case CLIENT_WAITING:
        c->ops->reset(c->g); /* an OPENING_STATE just before START stays */
        c->state = CLIENT_PLAYING;
        c->result.reason = GAME_END_NONE;
        c->result.winner = GAME_SIDE_NONE;
        break;
    case CLIENT_PLAYING: /* after a resume's SYNC: the game stands */
        break;
    default:
        fail(c, 0, "unexpected START while %s", client_state_name(c->state));
        return;
    }
    c->welcome_since_over = 0;
    if (!c->resumed) /* a resumed finished game keeps our own offer: the server does */
        c->rematch_pending = c->rematch_ours = 0;
    c->resumed = 0;
    c->pending = 0;
    memcpy(c->player[0], s->player1, PACKET_NAME_SIZE);
    memcpy(c->player[1], s->player2, PACKET_NAME_SIZE);
    ev = push_event(c, CLIENT_EV_START);
    if (ev) {
        memcpy(ev->u.start.player1, s->player1, PACKET_NAME_SIZE);
        memcpy(ev->u.start.player2, s->player2, PACKET_NAME_SIZE);
        ev->u.start.seat = c->seat;
        ev->u.start.new_game = new_game;
    }
}

static void on_move(client *c, const packet_move *pm)
{
    game_move m;
    game_side side;
    game_move_error err;
    client_event *ev;
    uint32_t ply;
    char text[CLIENT_MOVE_TEXT_SIZE] = "";
    if (c->state != CLIENT_PLAYING && c->state != CLIENT_SYNCING) {
        fail(c, 0, "unexpected MOVE while %s", client_state_name(c->state));
        return;
    }
    ply = c->ops->ply(c->g);
    if (pm->ply != ply) {
        fail(c, 0, "server sent the move of ply %lu, expected ply %lu", (unsigned long)pm->ply,
             (unsigned long)ply);
        return;
    }
    m.from_x = pm->from_x;
    m.from_y = pm->from_y;
    m.to_x = pm->to_x;
    m.to_y = pm->to_y;
    m.promotion = pm->promotion;
    side = c->ops->to_move(c->g);
    if (c->state == CLIENT_PLAYING && c->ops->move_to_text(c->g, &m, text, sizeof text) < 0)
        text[0] = 0;
    err = c->ops->apply(c->g, &m);
    if (err != GAME_MOVE_OK) {
        char coord[CLIENT_MOVE_TEXT_SIZE];
        client_move_coord(&m, coord, sizeof coord);
        fail(c, 0, "server confirmed move %s at ply %lu that the rules refuse: %s", coord,
             (unsigned long)ply, game_move_strerror(err));
        return;
    }
    if (c->state == CLIENT_SYNCING)
        return; /* replay: one SYNCED event at the end */
    if (side == client_side(c))
        c->pending = 0;
    ev = push_event(c, CLIENT_EV_MOVE);
    if (!ev)
        return;
    ev->u.move.ply = ply;
    ev->u.move.side = side;
    ev->u.move.mine = side != GAME_SIDE_NONE && side == client_side(c);
    ev->u.move.move = m;
    memcpy(ev->u.move.text, text, sizeof text);
    client_move_coord(&m, ev->u.move.coord, sizeof ev->u.move.coord);
    if (!ev->u.move.text[0])
        memcpy(ev->u.move.text, ev->u.move.coord, sizeof ev->u.move.coord);
}

static void on_game_over(client *c, const packet_game_over *go)
{
    client_event *ev;
    if (c->state != CLIENT_PLAYING && c->state != CLIENT_WAITING) {
        fail(c, 0, "unexpected GAME_OVER while %s", client_state_name(c->state));
        return;
    }
    c->result.winner = (game_side)go->winner;
    c->result.reason = (game_end_reason)go->reason;
    c->state = CLIENT_GAME_OVER;
    c->pending = 0;
    c->has_opening = 0;
    c->welcome_since_over = 0;
    ev = push_event(c, CLIENT_EV_GAME_OVER);
    if (ev) {
        ev->u.game_over.result = c->result;
        ev->u.game_over.plies = go->plies;
        ev->u.game_over.rematch_offered = c->rematch_ours;
    }
}

static void on_sync_begin(client *c, const packet_sync_begin *s)
{
    if (!c->g || (c->state != CLIENT_WAITING && c->state != CLIENT_PLAYING)) {
        fail(c, 0, "unexpected SYNC_BEGIN while %s", client_state_name(c->state));
        return;
    }
    c->ops->reset(c->g);
    c->sync_plies = s->plies;
    c->state = CLIENT_SYNCING;
    c->opening.actor = 0; /* the state after SYNC_END tells */
}

static void on_sync_end(client *c, const packet_ply *s)
{
    client_event *ev;
    uint32_t ply;
    if (c->state != CLIENT_SYNCING) {
        fail(c, 0, "unexpected SYNC_END while %s", client_state_name(c->state));
        return;
    }
    ply = c->ops->ply(c->g);
    if (ply != c->sync_plies || s->ply != ply) {
        fail(c, 0, "resume sent %lu moves, announced %lu", (unsigned long)ply,
             (unsigned long)c->sync_plies);
        return;
    }
    c->state = CLIENT_PLAYING;
    ev = push_event(c, CLIENT_EV_SYNCED);
    if (ev)
        ev->u.synced.plies = ply;
}

static void on_opening(client *c, const packet_opening_state *o)
{
    client_event *ev;
    if (c->state != CLIENT_PLAYING && c->state != CLIENT_WAITING && c->state != CLIENT_GAME_OVER) {
        fail(c, 0, "unexpected OPENING_STATE while %s", client_state_name(c->state));
        return;
    }
    c->has_opening = 1;
    c->opening = *o;
    c->pending = 0; /* our step, if any, was taken */
    ev = push_event(c, CLIENT_EV_OPENING);
    if (ev)
        ev->u.opening = *o;
}

static void on_taken_back(client *c, const packet_takeback *t)
{
    client_event *ev;
    if (c->state != CLIENT_PLAYING || c->ops->ply(c->g) != t->ply + t->plies) {
        fail(c, 0, "TAKEBACK of %u moves to ply %lu at ply %lu", (unsigned)t->plies,
             (unsigned long)t->ply, (unsigned long)(c->g ? c->ops->ply(c->g) : 0));
        return;
    }
    for (int i = 0; i < t->plies; i++)
        c->ops->undo(c->g);
    c->pending = 0;
    ev = push_event(c, CLIENT_EV_TAKEN_BACK);
    if (ev)
        ev->u.takeback = *t;
}

/* A CLOCK, completed by the CLOCK_DELAY just before it (a delay clock,
 * version 3); without one the clock has no delay. */
static void on_clock(client *c, const packet_clock *k)
{
    client_event *ev = push_event(c, CLIENT_EV_CLOCK);
    if (ev) {
        ev->u.clock.p1_ms = k->p1_ms;
        ev->u.clock.p2_ms = k->p2_ms;
        ev->u.clock.running = k->running;
        ev->u.clock.increment_ms = k->increment_ms;
        if (c->has_delay) {
            ev->u.clock.delay_kind = c->delay.kind;
            ev->u.clock.delay_ms = c->delay.delay_ms;
            ev->u.clock.delay_left_ms = c->delay.left_ms;
        }
    }
    c->has_delay = 0;
}

static void simple_event(client *c, client_event_type type)
{
    push_event(c, type);
}

static void handle_packet(client *c, const packet *p)
{
    client_event *ev;
    switch (p->type) {
    case PACKET_WELCOME:
        on_welcome(c, &p->u.welcome);
        break;
    case PACKET_START:
        on_start(c, &p->u.start);
        break;
    case PACKET_MOVE:
        on_move(c, &p->u.move);
        break;
    case PACKET_OPENING_STATE:
        on_opening(c, &p->u.opening);
        break;
    case PACKET_TAKEBACK_OFFER:
        ev = push_event(c, CLIENT_EV_TAKEBACK_OFFERED);
        if (ev)
            ev->u.takeback.plies = p->u.takeback_offer.plies;
        break;
    case PACKET_TAKEBACK_ANSWER:
        if (!p->u.answer.accept)
            simple_event(c, CLIENT_EV_TAKEBACK_DECLINED);
        break;
    case PACKET_TAKEBACK:
        on_taken_back(c, &p->u.takeback);
        break;
    case PACKET_REJECT:
        c->pending = 0;
        ev = push_event(c, CLIENT_EV_REJECT);
        if (ev) {
            ev->u.reject.ply = p->u.reject.ply;
            ev->u.reject.reason = p->u.reject.reason;
        }
        break;
    case PACKET_GAME_OVER:
        on_game_over(c, &p->u.game_over);
        break;
    case PACKET_DRAW_OFFER:
        simple_event(c, CLIENT_EV_DRAW_OFFERED);
        break;
    case PACKET_DRAW_ANSWER:
        if (!p->u.answer.accept)
            simple_event(c, CLIENT_EV_DRAW_DECLINED);
        break; /* an accepted draw ends with GAME_OVER */
    case PACKET_REMATCH_OFFER:
        c->rematch_pending = 1;
        c->rematch_ours = 0;
        simple_event(c, CLIENT_EV_REMATCH_OFFERED);
        break;
    case PACKET_REMATCH_ANSWER:
        if (!p->u.answer.accept) {
            /* to our offer: declined; else the opponent withdrew theirs */
            simple_event(c, c->rematch_ours ? CLIENT_EV_REMATCH_DECLINED
                                            : CLIENT_EV_REMATCH_WITHDRAWN);
            c->rematch_pending = c->rematch_ours = 0;
        }
        break; /* an accepted rematch goes on with START */
    case PACKET_CLOCK_DELAY:
        c->delay = p->u.clock_delay;
        c->has_delay = 1;
        break;
    case PACKET_CLOCK:
        on_clock(c, &p->u.clock);
        break;
    case PACKET_SYNC_BEGIN:
        on_sync_begin(c, &p->u.sync);
        break;
    case PACKET_SYNC_END:
        on_sync_end(c, &p->u.ply);
        break;
    case PACKET_PEER_STATUS:
        if (!p->u.peer.status && !p->u.peer.grace_ms)
            c->rematch_pending = c->rematch_ours = 0; /* left for good: no offer stands */
        ev = push_event(c, CLIENT_EV_PEER_STATUS);
        if (ev)
            ev->u.peer = p->u.peer;
        break;
    case PACKET_CHAT:
        ev = push_event(c, CLIENT_EV_CHAT);
        if (ev) {
            ev->u.chat.seat = p->u.chat.seat;
            memcpy(ev->u.chat.text, p->u.chat.text, sizeof ev->u.chat.text);
        }
        break;
    case PACKET_PING: {
        packet pong;
        memset(&pong, 0, sizeof pong);
        pong.type = PACKET_PONG;
        pong.u.ping.stamp = p->u.ping.stamp;
        queue_packet(c, &pong); /* a full buffer drops one pong, harmless */
        break;
    }
    case PACKET_PONG:
        ev = push_event(c, CLIENT_EV_PONG);
        if (ev)
            ev->u.pong.stamp = p->u.ping.stamp;
        break;
    case PACKET_RESTARTING:
        c->restarting = 1;
        ev = push_event(c, CLIENT_EV_RESTARTING);
        if (ev)
            ev->u.restarting = p->u.restarting;
        break;
    case PACKET_ERROR:
        if (c->restarting && p->u.error.code == PACKET_CODE_SHUTDOWN)
            break; /* the restart's goodbye, for version 1 clients */
        if (p->u.error.code == PACKET_CODE_BAD_TOKEN)
            client_forget_token(c);
        ev = push_event(c, CLIENT_EV_SERVER_ERROR);
        if (ev) {
            ev->u.server_error.code = p->u.error.code;
            memcpy(ev->u.server_error.text, p->u.error.text, sizeof ev->u.server_error.text);
        }
        break;
    default:
        fail(c, 0, "the server sent a %s packet, which only clients send",
             packet_type_name((uint8_t)p->type));
        break;
    }
}

/* Into name: "CLOCK_DELAY " when the stream failed on a packet of a known
 * type (the stream keeps the bad packet's bytes), else "". */
static const char *bad_type(const packet_stream *in, packet_error e, char *name, size_t cap)
{
    name[0] = '\0';
    if (e != PACKET_ERR_UNKNOWN_TYPE && e != PACKET_ERR_SHORT && packet_stream_pending(in) >= 3)
        snprintf(name, cap, "%s ", packet_type_name(in->buf[in->start + 2]));
    return name;
}

int client_feed(client *c, const uint8_t *data, size_t n)
{
    packet p;
    if (c->state == CLIENT_FAILED)
        return -1;
    if (c->state == CLIENT_OFFLINE)
        return 0; /* bytes from a connection we already gave up */
    while (n > 0 || packet_stream_pending(&c->in) >= PACKET_HEADER_SIZE) {
        size_t took = packet_stream_feed(&c->in, data, n);
        packet_error e;
        data += took;
        n -= took;
        while ((e = packet_stream_next(&c->in, &p)) == PACKET_OK) {
            handle_packet(c, &p);
            if (c->state == CLIENT_FAILED)
                return -1;
        }
        if (e != PACKET_ERR_NEED_MORE) {
            char what[32];
            fail(c, e, "bad %spacket from the server: %s", bad_type(&c->in, e, what, sizeof what),
                 packet_strerror(e));
            return -1;
        }
        if (took == 0 && n > 0) { /* cannot happen: next() made room */
            fail(c, PACKET_ERR_OVERFLOW, "receive buffer stuck");
            return -1;
        }
        if (n == 0)
            break;
    }
    return 0;
}

/* ---- intents --------------------------------------------------------- */

static client_error can_play(const client *c)
{
    if (c->seat == PACKET_SEAT_SPECTATOR)
        return CLIENT_ERR_SPECTATOR;
    if (c->state != CLIENT_PLAYING)
        return CLIENT_ERR_STATE;
    return CLIENT_OK;
}

static client_error queue_ply_packet(client *c, packet_type type, uint32_t ply)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    p.u.ply.ply = ply;
    return queue_packet(c, &p);
}

static client_error queue_answer(client *c, packet_type type, int accept)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    p.u.answer.accept = accept ? 1 : 0;
    return queue_packet(c, &p);
}

client_error client_send_move(client *c, const game_move *m)
{
    packet p;
    client_error e = can_play(c);
    if (e != CLIENT_OK)
        return e;
    if (c->pending)
        return CLIENT_ERR_PENDING;
    if (!m)
        return CLIENT_ERR_ARG;
    memset(&p, 0, sizeof p);
    packet_make_move(&p, c->ops->ply(c->g), m->from_x, m->from_y, m->to_x, m->to_y, m->promotion);
    e = queue_packet(c, &p);
    if (e == CLIENT_OK)
        c->pending = 1;
    return e;
}

client_error client_send_opening(client *c, const packet_opening_action *a)
{
    packet p;
    client_error e = can_play(c);
    if (e != CLIENT_OK)
        return e;
    if (!client_in_opening(c) || c->version < 2)
        return CLIENT_ERR_STATE;
    if (c->pending)
        return CLIENT_ERR_PENDING;
    if (!a)
        return CLIENT_ERR_ARG;
    memset(&p, 0, sizeof p);
    p.type = PACKET_OPENING_ACTION;
    p.u.opening_action = *a;
    p.u.opening_action.ply = c->ops->ply(c->g);
    e = queue_packet(c, &p);
    if (e == CLIENT_OK)
        c->pending = 1;
    return e;
}

/* As can_play, for the intents of protocol version 2. */
static client_error can_play_v2(const client *c)
{
    client_error e = can_play(c);
    return e == CLIENT_OK && c->version < 2 ? CLIENT_ERR_STATE : e;
}

client_error client_offer_takeback(client *c, int plies)
{
    packet p;
    client_error e = can_play_v2(c);
    if (e != CLIENT_OK)
        return e;
    if (plies != 1 && plies != 2)
        return CLIENT_ERR_ARG;
    memset(&p, 0, sizeof p);
    p.type = PACKET_TAKEBACK_OFFER;
    p.u.takeback_offer.plies = (uint8_t)plies;
    return queue_packet(c, &p);
}

client_error client_answer_takeback(client *c, int accept)
{
    client_error e = can_play_v2(c);
    return e ? e : queue_answer(c, PACKET_TAKEBACK_ANSWER, accept);
}

client_error client_give_time(client *c, uint32_t ms)
{
    packet p;
    client_error e = can_play_v2(c);
    if (e != CLIENT_OK)
        return e;
    if (ms < 1000 || ms > 60000)
        return CLIENT_ERR_ARG;
    memset(&p, 0, sizeof p);
    p.type = PACKET_GIVE_TIME;
    p.u.give_time.ms = ms;
    return queue_packet(c, &p);
}

client_error client_resign(client *c)
{
    client_error e = can_play(c);
    return e ? e : queue_ply_packet(c, PACKET_RESIGN, c->ops->ply(c->g));
}

client_error client_offer_draw(client *c)
{
    client_error e = can_play(c);
    return e ? e : queue_ply_packet(c, PACKET_DRAW_OFFER, c->ops->ply(c->g));
}

client_error client_answer_draw(client *c, int accept)
{
    client_error e = can_play(c);
    return e ? e : queue_answer(c, PACKET_DRAW_ANSWER, accept);
}

static client_error can_rematch(const client *c)
{
    if (c->seat == PACKET_SEAT_SPECTATOR)
        return CLIENT_ERR_SPECTATOR;
    return c->state == CLIENT_GAME_OVER ? CLIENT_OK : CLIENT_ERR_STATE;
}

client_error client_offer_rematch(client *c)
{
    client_error e = can_rematch(c);
    if (e)
        return e;
    e = queue_ply_packet(c, PACKET_REMATCH_OFFER, c->ops->ply(c->g));
    if (e == CLIENT_OK)
        c->rematch_pending = c->rematch_ours = 1;
    return e;
}

client_error client_withdraw_rematch(client *c)
{
    client_error e = can_rematch(c);
    if (e)
        return e;
    if (!c->rematch_pending || !c->rematch_ours)
        return CLIENT_ERR_STATE;
    e = queue_answer(c, PACKET_REMATCH_ANSWER, 0);
    if (e == CLIENT_OK)
        c->rematch_pending = c->rematch_ours = 0;
    return e;
}

client_error client_answer_rematch(client *c, int accept)
{
    client_error e = can_rematch(c);
    if (e)
        return e;
    e = queue_answer(c, PACKET_REMATCH_ANSWER, accept);
    if (e == CLIENT_OK && !accept)
        c->rematch_pending = c->rematch_ours = 0;
    return e;
}

client_error client_no_rematch(client *c)
{
    client_error e = CLIENT_OK;
    if (c->seat == PACKET_SEAT_SPECTATOR)
        return CLIENT_ERR_SPECTATOR;
    if (c->state != CLIENT_GAME_OVER && c->state != CLIENT_PLAYING)
        return CLIENT_ERR_STATE;
    if (c->state == CLIENT_GAME_OVER && c->rematch_pending)
        e = queue_answer(c, PACKET_REMATCH_ANSWER, 0); /* settles the offer that stands */
    if (e == CLIENT_OK)
        e = queue_answer(c, PACKET_REMATCH_ANSWER, 0); /* none stands now: we play none */
    if (e == CLIENT_OK)
        c->rematch_pending = c->rematch_ours = 0;
    return e;
}

static int connected_state(client_state s)
{
    return s != CLIENT_OFFLINE && s != CLIENT_FAILED;
}

client_error client_chat(client *c, const char *text)
{
    packet p;
    if (!connected_state(c->state) || c->state == CLIENT_HELLO_SENT)
        return CLIENT_ERR_STATE;
    if (!text || strlen(text) >= PACKET_CHAT_SIZE)
        return CLIENT_ERR_ARG;
    memset(&p, 0, sizeof p);
    p.type = PACKET_CHAT;
    packet_set_string(p.u.chat.text, sizeof p.u.chat.text, text);
    return queue_packet(c, &p);
}

client_error client_ping(client *c, uint64_t stamp)
{
    packet p;
    if (!connected_state(c->state))
        return CLIENT_ERR_STATE;
    memset(&p, 0, sizeof p);
    p.type = PACKET_PING;
    p.u.ping.stamp = stamp;
    return queue_packet(c, &p);
}

/* ---- queries --------------------------------------------------------- */

client_state client_get_state(const client *c)
{
    return c->state;
}

uint8_t client_seat(const client *c)
{
    return c->seat;
}

int client_restarting(const client *c)
{
    return c->restarting;
}

uint16_t client_protocol_version(const client *c)
{
    return c->version;
}

game_side client_side(const client *c)
{
    if (c->seat == PACKET_SEAT_P1)
        return GAME_SIDE_P1;
    if (c->seat == PACKET_SEAT_P2)
        return GAME_SIDE_P2;
    return GAME_SIDE_NONE;
}

const game_ops *client_ops(const client *c)
{
    return c->ops;
}

const game *client_game(const client *c)
{
    return c->g;
}

int client_my_turn(const client *c)
{
    if (client_in_opening(c)) /* and the state is not older than the board */
        return c->state == CLIENT_PLAYING && !c->pending && c->opening.actor == c->seat &&
               c->seat != PACKET_SEAT_SPECTATOR && c->opening.ply == c->ops->ply(c->g);
    return c->state == CLIENT_PLAYING && !c->pending && client_side(c) != GAME_SIDE_NONE &&
           c->ops->to_move(c->g) == client_side(c);
}

const packet_opening_state *client_opening(const client *c)
{
    return c->has_opening ? &c->opening : NULL;
}

int client_in_opening(const client *c)
{
    return c->has_opening && c->opening.step != 0;
}

int client_move_pending(const client *c)
{
    return c->pending;
}

game_result client_last_result(const client *c)
{
    return c->result;
}

uint32_t client_match_id(const client *c)
{
    return c->match_id;
}

int client_has_token(const client *c)
{
    return c->has_token;
}

const char *client_player_name(const client *c, game_side side)
{
    if (side == GAME_SIDE_P1)
        return c->player[0];
    if (side == GAME_SIDE_P2)
        return c->player[1];
    return "";
}
