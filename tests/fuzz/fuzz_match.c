/* fuzz_match.c: libFuzzer target for the server's match state machine
 * (lobby.h + match_host.h, driven as server.c drives them, without
 * sockets).
 *
 * The input is a game configuration byte, then a script of events from up
 * to eight client slots: connect, disconnect, HELLO (play, resume with a
 * token seen or a stale one, watch), moves (legal ones picked from the
 * client's own view, or raw ones at any ply), resign, draw and rematch
 * offers and answers, takeback requests and answers, gifts of time, chat,
 * pings, packets only a server may send, and time passing. Every packet
 * goes through the codec first, as on the wire.
 *
 * Each connection keeps the view a client would build from what it is
 * sent (WELCOME, START, SYNC, MOVE, GAME_OVER, CLOCK). After every step it
 * checks that:
 *  - each match's game on the server is a legal game: its moves replayed
 *    through a fresh game_ops game give the same game; an unfinished game
 *    is not over by the rules;
 *  - every seated player and spectator sees exactly the server's game and
 *    whether it is over; every MOVE it is sent is legal at its ply, every
 *    TAKEBACK takes back moves that stand (1 or 2, the ply left right), every
 *    GAME_OVER matches the rules' verdict, a running CLOCK names the side
 *    to move; the two seats are never both to move;
 *  - nothing is sent to a connection that is not open, a connection still
 *    in the lobby gets only WELCOME, ERROR and the waiting player's
 *    answers, and what one connection's packet causes reaches only the
 *    members of its own match;
 *  - every open connection is held by exactly one of lobby and host, and
 *    after time passes no deadline is already due;
 *  - each record written parses back (SGF or PGN) to the server's moves.
 * At the end the server shuts down: every connection is closed and nothing
 * is left (leaks are ASan's to find).
 */
#include <string.h>

#include "fuzz_check.h"
#include "game.h"
#include "game_chess.h"
#include "lobby.h"
#include "match_host.h"
#include "pgn.h"
#include "sgf.h"

#define MAX_INPUT  4096
#define SLOTS      8
#define MAX_CONN   128 /* connection ids 1..MAX_CONN-1, never reused */
#define MAX_TOKENS 32
#define MAX_LEGAL  1024

/* What a client knows, built only from the packets it is sent. */
typedef struct view {
    int welcomed, started, syncing, over;
    uint32_t match_id, sync_plies;
    uint8_t seat;
    game *g;
} view;

typedef struct conn_state {
    int open;     /* connected, not closed by either side */
    int in_host;  /* handed from the lobby to the host */
    int received; /* got a packet during this step */
    view v;
} conn_state;

static struct world {
    match_config cfg;
    logic_sink sink;
    lobby *lobby;
    match_host *host;
    uint64_t now;
    conn_state c[MAX_CONN];
    conn_id slot[SLOTS];
    conn_id next_id;
    uint8_t tokens[MAX_TOKENS][PACKET_TOKEN_SIZE];
    size_t ntokens;
    uint32_t rng;
    game *replay; /* reset for each replay of a server game */
} W;

static const game_ops *ops(void)
{
    return W.cfg.ops;
}

/* ---- checks on games ---- */

static int same_history(const game *a, const game *b)
{
    uint32_t n = ops()->ply(a);
    if (ops()->ply(b) != n)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        game_move x, y;
        CHECK(ops()->history(a, i, &x) && ops()->history(b, i, &y));
        if (memcmp(&x, &y, sizeof x) != 0)
            return 0;
    }
    return 1;
}

/* The server's game replayed move by move through a fresh (reset) game. */
static void check_legal_game(const game *g)
{
    game *fresh = W.replay;
    game_result a, b;
    ops()->reset(fresh);
    for (uint32_t i = 0; i < ops()->ply(g); i++) {
        game_move m;
        CHECK(ops()->history(g, i, &m));
        CHECK(ops()->apply(fresh, &m) == GAME_MOVE_OK);
    }
    CHECK(same_history(g, fresh));
    CHECK(ops()->to_move(g) == ops()->to_move(fresh));
    a = ops()->result(g);
    b = ops()->result(fresh);
    CHECK(a.reason == b.reason && a.winner == b.winner);
}

static int is_rules_ending(int reason)
{
    return reason == GAME_END_FIVE || reason == GAME_END_CHECKMATE ||
           reason == GAME_END_STALEMATE || reason == GAME_END_BOARD_FULL ||
           reason == GAME_END_THREEFOLD || reason == GAME_END_FIFTY_MOVES ||
           reason == GAME_END_INSUFFICIENT;
}

/* ---- a client's view ---- */

static void remember_token(const uint8_t *token)
{
    for (size_t i = 0; i < W.ntokens; i++)
        if (memcmp(W.tokens[i], token, PACKET_TOKEN_SIZE) == 0)
            return;
    if (W.ntokens < MAX_TOKENS)
        memcpy(W.tokens[W.ntokens++], token, PACKET_TOKEN_SIZE);
}

static void view_receive(view *v, const packet *p)
{
    switch (p->type) {
    case PACKET_WELCOME: {
        const packet_welcome *w = &p->u.welcome;
        static const uint8_t zero[PACKET_TOKEN_SIZE];
        CHECK(w->version >= PACKET_VERSION_MIN && w->version <= PACKET_VERSION &&
              w->game == (uint8_t)W.cfg.options.kind);
        CHECK(w->width == W.cfg.options.width && w->height == W.cfg.options.height);
        CHECK(w->match_id != 0 && (v->match_id == 0 || v->match_id == w->match_id));
        CHECK(w->seat >= PACKET_SEAT_P1 && w->seat <= PACKET_SEAT_SPECTATOR);
        if (w->seat == PACKET_SEAT_SPECTATOR)
            CHECK(memcmp(w->token, zero, sizeof zero) == 0);
        else
            remember_token(w->token);
        v->welcomed = 1;
        v->match_id = w->match_id;
        v->seat = w->seat;
        if (!v->g)
            CHECK((v->g = ops()->create(&W.cfg.options)) != NULL);
        return;
    }
    case PACKET_ERROR:
        return;
    case PACKET_REJECT:
    case PACKET_CHAT:
        CHECK(v->welcomed);
        return;
    default:
        break;
    }
    /* Everything else belongs to a game that started. */
    CHECK(v->welcomed && (v->started || p->type == PACKET_START));
    switch (p->type) {
    case PACKET_START:
        ops()->reset(v->g);
        v->started = 1;
        v->over = v->syncing = 0;
        return;
    case PACKET_SYNC_BEGIN:
        CHECK(!v->syncing && ops()->ply(v->g) == 0 && !v->over);
        v->syncing = 1;
        v->sync_plies = p->u.sync.plies;
        return;
    case PACKET_SYNC_END:
        CHECK(v->syncing && p->u.ply.ply == v->sync_plies && ops()->ply(v->g) == v->sync_plies);
        v->syncing = 0;
        return;
    case PACKET_MOVE: {
        game_move m;
        CHECK(!v->over && p->u.move.ply == ops()->ply(v->g));
        CHECK(!v->syncing || p->u.move.ply < v->sync_plies);
        m.from_x = p->u.move.from_x;
        m.from_y = p->u.move.from_y;
        m.to_x = p->u.move.to_x;
        m.to_y = p->u.move.to_y;
        m.promotion = p->u.move.promotion;
        CHECK(ops()->apply(v->g, &m) == GAME_MOVE_OK);
        return;
    }
    case PACKET_GAME_OVER: {
        game_result r = ops()->result(v->g);
        const packet_game_over *o = &p->u.game_over;
        CHECK(!v->over && !v->syncing && o->plies == ops()->ply(v->g));
        if (is_rules_ending(o->reason))
            CHECK(r.reason == (game_end_reason)o->reason && r.winner == (game_side)o->winner);
        else
            CHECK(r.reason == GAME_END_NONE);
        v->over = 1;
        return;
    }
    case PACKET_CLOCK:
        if (p->u.clock.running != 0)
            CHECK(!v->over && !v->syncing && p->u.clock.running == ops()->to_move(v->g));
        return;
    case PACKET_DRAW_OFFER:
    case PACKET_DRAW_ANSWER:
        CHECK(!v->over && !v->syncing && v->seat != PACKET_SEAT_SPECTATOR);
        return;
    case PACKET_REMATCH_OFFER:
    case PACKET_REMATCH_ANSWER:
        CHECK(v->over && v->seat != PACKET_SEAT_SPECTATOR);
        return;
    case PACKET_TAKEBACK_OFFER:
    case PACKET_TAKEBACK_ANSWER:
        CHECK(!v->over && !v->syncing && v->seat != PACKET_SEAT_SPECTATOR);
        CHECK(!W.cfg.no_takeback && ops()->ply(v->g) > 0);
        return;
    case PACKET_TAKEBACK: {
        const packet_takeback *t = &p->u.takeback;
        CHECK(!W.cfg.no_takeback && !v->over && !v->syncing);
        CHECK((t->plies == 1 || t->plies == 2) && ops()->ply(v->g) >= t->plies);
        for (uint8_t i = 0; i < t->plies; i++)
            CHECK(ops()->undo(v->g) == GAME_OK);
        CHECK(t->ply == ops()->ply(v->g));
        return;
    }
    case PACKET_PEER_STATUS:
        CHECK(p->u.peer.seat == PACKET_SEAT_P1 || p->u.peer.seat == PACKET_SEAT_P2);
        return;
    default:
        CHECK(!"a packet type the server never sends");
    }
}

static void view_free(view *v)
{
    if (v->g)
        ops()->destroy(v->g);
    memset(v, 0, sizeof *v);
}

/* ---- the sink: the world as the state machines see it ---- */

static conn_state *conn(conn_id c)
{
    CHECK(c > 0 && c < MAX_CONN);
    return &W.c[c];
}

static void s_send(void *ctx, conn_id c, const packet *p)
{
    conn_state *s = conn(c);
    uint8_t buf[PACKET_MAX_SIZE];
    (void)ctx;
    CHECK(s->open);
    CHECK(packet_encode(p, buf, sizeof buf) > 0); /* the codec would send it */
    s->received = 1;
    view_receive(&s->v, p);
}

static void s_close(void *ctx, conn_id c)
{
    conn_state *s = conn(c);
    (void)ctx;
    CHECK(s->open);
    s->open = 0;
}

static void s_log(void *ctx, log_level level, const char *line)
{
    (void)ctx;
    CHECK(level >= LOG_ERROR && level <= LOG_DEBUG && line != NULL);
}

static void s_random(void *ctx, uint8_t *buf, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++) {
        W.rng = W.rng * 1103515245u + 12345u;
        buf[i] = (uint8_t)(W.rng >> 16);
    }
}

static void s_start(void *ctx, const match_seating *m)
{
    (void)ctx;
    for (int i = 0; i < 2; i++) {
        CHECK(conn(m->seat[i].conn)->open && !conn(m->seat[i].conn)->in_host);
        conn(m->seat[i].conn)->in_host = 1;
    }
    match_host_start(W.host, m, W.now);
}

static int s_join(void *ctx, conn_id c, const packet_hello *hello)
{
    int code;
    (void)ctx;
    CHECK(conn(c)->open && !conn(c)->in_host);
    code = match_host_join(W.host, c, hello,
                           hello->want == PACKET_WANT_WATCH ? logic_watch_target(hello) : 0, W.now);
    if (code == 0)
        conn(c)->in_host = 1;
    return code;
}

static const game *server_game(uint32_t match_id)
{
    match_view mv;
    for (size_t i = 0; match_host_view(W.host, i, &mv); i++)
        if (mv.id == match_id)
            return mv.game;
    return NULL;
}

/* A record parses back to the moves of the server's game. */
static void s_record(void *ctx, const match_record *r)
{
    const game *g = server_game(r->match_id);
    (void)ctx;
    CHECK(g != NULL && r->result.reason != GAME_END_NONE && r->text[r->len] == '\0');
    CHECK(strcmp(r->extension, ops()->record_extension) == 0);
    if (ops()->kind == GAME_KIND_GOMOKU) {
        static sgf_record rec;
        CHECK(sgf_read(r->text, r->len, &rec) == SGF_OK);
        CHECK(gomoku_move_count(&rec.game) == (int)ops()->ply(g));
        for (uint32_t i = 0; i < ops()->ply(g); i++) {
            game_move m;
            gomoku_point pt;
            CHECK(ops()->history(g, i, &m) && gomoku_move_at(&rec.game, (int)i, &pt) == 0);
            CHECK(pt.x == m.to_x && pt.y == m.to_y);
        }
    } else {
        pgn_reader rd;
        pgn_game pg;
        pgn_error err;
        pgn_reader_init(&rd, r->text, r->len);
        CHECK(pgn_read_game(&rd, &pg, &err) == 1);
        CHECK(same_history(pg.game, g));
        pgn_game_free(&pg);
    }
}

static void s_date(void *ctx, char *buf, size_t cap)
{
    (void)ctx;
    snprintf(buf, cap, "2026.01.02");
}

/* ---- the invariants after every step ---- */

static void check_member_view(const match_view *mv, conn_id c, uint8_t seat)
{
    const view *v = &conn(c)->v;
    CHECK(conn(c)->open && conn(c)->in_host);
    CHECK(v->match_id == mv->id && v->seat == seat && v->started && !v->syncing);
    CHECK(v->over == mv->over && same_history(v->g, mv->game));
}

/* actor: the connection whose event this step was (CONN_NONE: time);
 * actor_match: its match before the step (0: none yet). */
static void check_world(conn_id actor, uint32_t actor_match)
{
    static int held[MAX_CONN];
    size_t in_host = 0, in_lobby = 0, matches = 0;
    match_view mv;

    memset(held, 0, sizeof held);
    for (size_t i = 0; match_host_view(W.host, i, &mv); i++) {
        int to_move = 0;
        matches++;
        check_legal_game(mv.game);
        if (!mv.over)
            CHECK(ops()->result(mv.game).reason == GAME_END_NONE);
        for (int s = 0; s < 2; s++) {
            conn_id c = mv.seat[s];
            if (c == CONN_NONE)
                continue;
            check_member_view(&mv, c, (uint8_t)(s + 1));
            held[c]++;
            if (!conn(c)->v.over && ops()->to_move(conn(c)->v.g) == (game_side)(s + 1))
                to_move++;
        }
        CHECK(to_move <= 1); /* the two seats are never both to move */
        for (size_t w = 0; w < mv.nwatch; w++) {
            check_member_view(&mv, mv.watchers[w], PACKET_SEAT_SPECTATOR);
            held[mv.watchers[w]]++;
        }
    }
    CHECK(matches == match_host_matches(W.host));
    /* What one connection's event caused reached its own match only. */
    if (actor != CONN_NONE) {
        uint32_t mid = actor_match ? actor_match : conn(actor)->v.match_id;
        for (conn_id c = 1; c < W.next_id; c++)
            if (conn(c)->received && c != actor)
                CHECK(mid != 0 && conn(c)->v.match_id == mid);
    }
    for (conn_id c = 1; c < W.next_id; c++) {
        conn_state *s = conn(c);
        if (!s->open)
            continue;
        if (s->in_host) {
            CHECK(held[c] == 1);
            in_host++;
        } else {
            in_lobby++;
        }
    }
    CHECK(in_host == match_host_connections(W.host));
    CHECK(in_lobby == lobby_count(W.lobby));
    for (conn_id c = 1; c < W.next_id; c++)
        conn(c)->received = 0;
}

/* ---- the events of the script ---- */

typedef struct script {
    const uint8_t *data;
    size_t size, at;
} script;

static uint8_t next_byte(script *s)
{
    return s->at < s->size ? s->data[s->at++] : 0;
}

/* Delivers p from c, as the event loop does: only if the codec takes it. */
static void deliver(conn_id c, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    packet back;
    int n = packet_encode(p, buf, sizeof buf);
    if (n <= 0 || packet_decode(buf, (size_t)n, &back) != PACKET_OK)
        return;
    if (conn(c)->in_host)
        match_host_packet(W.host, c, &back, W.now);
    else
        lobby_packet(W.lobby, c, &back, W.now);
}

static const char *const names[] = {
    "",          "Ann",  "Bob",     "a \"quoted\" \\ name",
    "x]y\\z)(;", "名前", "Ünïcødé", "twenty-three bytes long",
};

static void hello(conn_id c, uint8_t want, const uint8_t *token, uint8_t name)
{
    packet p;
    packet_make_hello(&p, want, names[name % (sizeof names / sizeof names[0])], token);
    deliver(c, &p);
}

static void do_move(conn_id c, script *s)
{
    const view *v = &conn(c)->v;
    uint8_t k = next_byte(s);
    uint32_t ply = v->g ? ops()->ply(v->g) : 0;
    packet p;
    if (k & 0x80) {
        static game_move legal[MAX_LEGAL];
        size_t n;
        game_move *m;
        uint8_t pick = next_byte(s);
        if (!v->g || (n = ops()->legal_moves(v->g, legal, MAX_LEGAL)) == 0)
            return;
        m = &legal[pick % (n < MAX_LEGAL ? n : MAX_LEGAL)];
        packet_make_move(&p, ply, m->from_x, m->from_y, m->to_x, m->to_y, m->promotion);
    } else {
        uint8_t b[5];
        for (int i = 0; i < 5; i++)
            b[i] = next_byte(s);
        for (int i = 0; i < 4; i++)
            b[i] = b[i] % 26 == 25 ? PACKET_NO_SQUARE : (uint8_t)(b[i] % 26);
        packet_make_move(&p, ply + (uint32_t)(k & 3) - 1u, b[0], b[1], b[2], b[3],
                         (uint8_t)(b[4] % 5));
    }
    deliver(c, &p);
}

static void do_simple(conn_id c, script *s)
{
    const view *v = &conn(c)->v;
    uint8_t t = next_byte(s);
    uint32_t ply = v->g ? ops()->ply(v->g) : 0;
    packet p;
    memset(&p, 0, sizeof p);
    switch (t % 16) {
    case 0:
        p.type = PACKET_RESIGN;
        p.u.ply.ply = ply;
        break;
    case 1:
        p.type = PACKET_DRAW_OFFER;
        p.u.ply.ply = ply;
        break;
    case 2:
    case 3:
        p.type = PACKET_DRAW_ANSWER;
        p.u.answer.accept = t % 16 == 2;
        break;
    case 4:
        p.type = PACKET_REMATCH_OFFER;
        p.u.ply.ply = ply;
        break;
    case 5:
    case 6:
        p.type = PACKET_REMATCH_ANSWER;
        p.u.answer.accept = t % 16 == 5;
        break;
    case 7:
        p.type = PACKET_CHAT;
        packet_set_string(p.u.chat.text, PACKET_CHAT_SIZE, names[t % 8]);
        break;
    case 8:
        p.type = PACKET_PING;
        p.u.ping.stamp = t;
        break;
    case 9:
        p.type = PACKET_PONG;
        p.u.ping.stamp = t;
        break;
    case 10: /* packets only a server sends */
        if (t & 0x80) {
            p.type = PACKET_GAME_OVER;
            p.u.game_over.winner = 1;
            p.u.game_over.reason = GAME_END_RESIGNATION;
        } else {
            p.type = PACKET_SYNC_BEGIN;
        }
        break;
    case 12: /* take back one or two (0 and 3: malformed, refused by the codec) */
        p.type = PACKET_TAKEBACK_OFFER;
        p.u.takeback_offer.plies = (uint8_t)((t >> 4) & 3);
        break;
    case 13:
    case 14:
        p.type = PACKET_TAKEBACK_ANSWER;
        p.u.answer.accept = t % 16 == 13;
        break;
    case 15: /* a gift of time: 0 to 7 s, or 90 s (outside 1..60 s) */
        p.type = PACKET_GIVE_TIME;
        p.u.give_time.ms = (t & 0x80) ? 1000u * ((t >> 4) & 7) : 90000u;
        break;
    default: /* 11 */
        hello(c, PACKET_WANT_PLAY, NULL, t);
        return;
    }
    deliver(c, &p);
}

static void do_tick(uint8_t b)
{
    W.now += b < 128 ? (uint64_t)b * 10u : (uint64_t)(b - 128) * 500u;
    lobby_tick(W.lobby, W.now);
    match_host_tick(W.host, W.now);
    /* Everything due has been done: the loop's timer will not spin. */
    CHECK(lobby_deadline(W.lobby) > W.now);
    CHECK(match_host_deadline(W.host) > W.now);
}

static void setup(uint8_t config)
{
    static const uint8_t sizes[4] = {15, 5, 7, 9};
    memset(&W, 0, sizeof W);
    if ((config & 3) == 3) {
        W.cfg.ops = &game_chess_ops;
    } else {
        W.cfg.ops = &game_gomoku_ops;
        W.cfg.options.rule = (uint8_t)(config & 3);
        W.cfg.options.width = W.cfg.options.height = sizes[(config >> 3) & 3];
    }
    W.cfg.options.kind = W.cfg.ops->kind;
    CHECK(W.cfg.ops->normalize_options(&W.cfg.options) == GAME_OK);
    if (config & 4) {
        W.cfg.clock_ms = 3000;
        W.cfg.increment_ms = (config & 0x20) ? 500 : 0;
    }
    W.cfg.grace_ms = (config & 0x40) ? 0 : 5000;
    W.cfg.no_takeback = (uint8_t)(config >> 7);
    W.cfg.hello_timeout_ms = 2000;
    W.sink.send = s_send;
    W.sink.close = s_close;
    W.sink.log = s_log;
    W.sink.random = s_random;
    W.sink.start_match = s_start;
    W.sink.join = s_join;
    W.sink.record = s_record;
    W.sink.date = s_date;
    W.replay = W.cfg.ops->create(&W.cfg.options);
    CHECK(W.replay != NULL);
    W.lobby = lobby_create(&W.cfg, &W.sink);
    W.host = match_host_create(&W.cfg, &W.sink);
    CHECK(W.lobby && W.host);
    W.now = 1000;
    W.next_id = 1;
    W.rng = 1;
}

static void step(script *s)
{
    uint8_t op = next_byte(s), arg;
    int slot = op & 7, action = (op >> 3) & 7;
    conn_id c = W.slot[slot];
    conn_state *cs = c ? conn(c) : NULL;
    uint32_t before;

    if (action == 7) {
        do_tick(next_byte(s));
        check_world(CONN_NONE, 0);
        return;
    }
    if (action == 0) { /* connect */
        if ((cs && cs->open) || W.next_id >= MAX_CONN)
            return;
        c = W.slot[slot] = W.next_id++;
        conn(c)->open = 1;
        lobby_opened(W.lobby, c, "fuzz", W.now);
        check_world(c, 0);
        return;
    }
    if (!cs || !cs->open) {
        next_byte(s);
        return;
    }
    before = cs->v.match_id;
    switch (action) {
    case 1: /* the client disconnects */
        cs->open = 0;
        if (cs->in_host)
            match_host_closed(W.host, c, W.now);
        else
            lobby_closed(W.lobby, c, W.now);
        view_free(&cs->v);
        break;
    case 2:
        hello(c, PACKET_WANT_PLAY, NULL, next_byte(s));
        break;
    case 3: { /* resume with a token seen, or a stale one */
        uint8_t token[PACKET_TOKEN_SIZE];
        arg = next_byte(s);
        if (W.ntokens > 0 && arg < 0xF0) {
            memcpy(token, W.tokens[arg % W.ntokens], sizeof token);
        } else {
            memset(token, arg, sizeof token);
            token[0] = 1;
        }
        hello(c, PACKET_WANT_PLAY, token, arg);
        break;
    }
    case 4: { /* watch: the latest match, or one by id */
        packet p;
        arg = next_byte(s);
        packet_make_hello(&p, PACKET_WANT_WATCH, names[arg % 8], NULL);
        packet_hello_set_watch(&p.u.hello, (uint32_t)(arg % 5));
        deliver(c, &p);
        break;
    }
    case 5:
        do_move(c, s);
        break;
    default:
        do_simple(c, s);
        break;
    }
    check_world(c, before);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    script s;
    if (size < 1 || size > MAX_INPUT)
        return 0;
    setup(data[0]);
    s.data = data;
    s.size = size;
    s.at = 1;
    while (s.at < s.size)
        step(&s);

    /* The server stops: everyone is told and closed, nothing is left. */
    match_host_shutdown(W.host, W.now);
    lobby_shutdown(W.lobby);
    for (conn_id c = 1; c < W.next_id; c++) {
        CHECK(!conn(c)->open);
        view_free(&conn(c)->v);
    }
    CHECK(match_host_matches(W.host) == 0 && match_host_connections(W.host) == 0);
    CHECK(lobby_count(W.lobby) == 0);
    match_host_destroy(W.host);
    lobby_destroy(W.lobby);
    ops()->destroy(W.replay);
    return 0;
}
