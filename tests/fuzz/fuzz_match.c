/* fuzz_match.c: libFuzzer target for the server's match state machine
 * (lobby.h + match_host.h, driven as server.c drives them, without
 * sockets).
 *
 * The input is a game configuration byte and an opening rule byte (one
 * that fits the game, as the server's option check allows; none for
 * chess), then a script of events from up to eight client slots: connect,
 * disconnect, HELLO (play, resume with a token seen or a stale one,
 * watch), moves (legal ones picked from the client's own view, or raw ones
 * at any ply), opening steps (the one its view of the last OPENING_STATE
 * says is due, filled from it: a point in the area, an offered choice, a
 * count in the range, proposals the rules allow, one of the proposals; or
 * raw ones; stones also as MOVE), resign, draw and rematch offers and
 * answers, takeback requests and answers, gifts of time, chat, pings,
 * packets only a server may send, and time passing. Every packet goes
 * through the codec first, as on the wire. FUZZ_MATCH_LOG in the
 * environment prints the server's log lines (to write seeds).
 *
 * Each connection keeps the view a client would build from what it is
 * sent (WELCOME, START, SYNC, MOVE, OPENING_STATE, GAME_OVER, CLOCK). After
 * every step it checks that:
 *  - each match's game on the server is a legal game: its moves replayed
 *    through a fresh game_ops game give the same game; an unfinished game
 *    is not over by the rules;
 *  - every seated player and spectator sees exactly the server's game and
 *    whether it is over, and the server's opening (step, actor, choices,
 *    colour exchanges; Player1 always holds black); every MOVE it is sent
 *    is legal at its ply, an opening stone lies where its step allows,
 *    every TAKEBACK takes back moves that stand (1 or 2, the ply left
 *    right, never a stone of the opening), every GAME_OVER matches the
 *    rules' verdict, a running CLOCK names the seat that must act (the
 *    opening's actor, else the colour to move); the two seats are never
 *    both to move;
 *  - an OPENING_STATE is well formed, comes only with an opening rule, the
 *    next game's just before its START, and the colours change hands
 *    exactly when a WELCOME gave the player the other seat (same token,
 *    and a START that keeps the game);
 *  - an opening step is taken only from the actor and for the step due,
 *    one the client's view made legal is taken, and a refused one gets the
 *    REJECT reason of docs/protocol.md's order (not your turn, the step
 *    kind, then its content);
 *  - nothing is sent to a connection that is not open, a connection still
 *    in the lobby gets only WELCOME, ERROR and the waiting player's
 *    answers, and what one connection's packet causes reaches only the
 *    members of its own match;
 *  - every open connection is held by exactly one of lobby and host, and
 *    after time passes no deadline is already due;
 *  - each record written parses back (SGF or PGN) to the server's moves,
 *    an opening game's naming its rule and whether colours were exchanged.
 * At the end the server shuts down: every connection is closed and nothing
 * is left (leaks are ASan's to find).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "game.h"
#include "game_chess.h"
#include "game_gomoku.h"
#include "gomoku_opening.h"
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
    uint8_t token[PACKET_TOKEN_SIZE];
    game *g;
    /* The opening: the latest OPENING_STATE, the seat when it came, and
     * whether it is the next game's (it comes just before START). */
    int has_open, next_open;
    packet_opening_state os;
    uint8_t os_seat;
    uint32_t nstates; /* OPENING_STATEs received */
    /* During one step: the last REJECT's reason, the last CLOCK's running */
    uint8_t reject, clock_running;
    int clock_seen;
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
    int trace;    /* FUZZ_MATCH_LOG set: the server's log lines to stderr */
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

/* The seat (1, 2) that must act now in v's game: during the opening the
 * actor of the latest OPENING_STATE, afterwards the seat of the colour to
 * move (Player1 always holds black); 0 when nobody. */
static uint8_t view_mover(const view *v)
{
    if (!v->started || v->over || v->syncing)
        return 0;
    if (v->has_open && v->os.step != GOMOKU_STEP_DONE)
        return v->os.actor;
    return (uint8_t)ops()->to_move(v->g);
}

static int view_in_opening(const view *v)
{
    return v->has_open && v->os.step != GOMOKU_STEP_DONE;
}

/* An OPENING_STATE: well formed, for this game, after the stones it
 * counts; the colours change hands exactly when the seat did. */
static void view_opening(view *v, const packet_opening_state *s)
{
    CHECK(v->welcomed && !v->syncing && W.cfg.opening != 0 && s->rule == W.cfg.opening);
    CHECK(s->step <= GOMOKU_STEP_SELECT && s->actor <= PACKET_SEAT_P2);
    CHECK((s->step == GOMOKU_STEP_DONE) == (s->actor == 0));
    if (s->step == GOMOKU_STEP_CHOOSE)
        CHECK(s->choices != 0 && s->choices < 1u << GOMOKU_CHOICE_COUNT);
    else
        CHECK(s->choices == 0);
    if (s->step == GOMOKU_STEP_DECLARE)
        CHECK(s->declare_min <= s->declare_max && s->declare_max <= PACKET_OPENING_POINTS);
    else
        CHECK(s->declare_min == 0 && s->declare_max == 0);
    if (s->step == GOMOKU_STEP_PROPOSE || s->step == GOMOKU_STEP_SELECT)
        CHECK(s->count >= 1 && s->count <= PACKET_OPENING_POINTS);
    else
        CHECK(s->count == 0);
    CHECK(s->step == GOMOKU_STEP_PLACE || s->area == PACKET_OPENING_ANYWHERE);
    for (int i = 0; i < PACKET_OPENING_POINTS; i++) {
        const uint8_t *xy = &s->points[2 * i];
        if (s->step == GOMOKU_STEP_SELECT && i < s->count)
            CHECK(xy[0] < W.cfg.options.width && xy[1] < W.cfg.options.height);
        else
            CHECK(xy[0] == PACKET_NO_SQUARE && xy[1] == PACKET_NO_SQUARE);
    }
    if (!v->started || v->over) { /* the next game's, just before its START */
        CHECK(s->ply == 0 && s->swaps == 0 && s->step != GOMOKU_STEP_DONE);
        v->next_open = 1;
    } else {
        CHECK(!v->next_open && s->ply == ops()->ply(v->g));
        if (v->has_open) { /* nothing follows the end of the opening */
            CHECK(v->os.step != GOMOKU_STEP_DONE && s->ply >= v->os.ply);
            CHECK(s->swaps >= v->os.swaps);
            if (v->seat != PACKET_SEAT_SPECTATOR)
                CHECK(((s->swaps - v->os.swaps) & 1) == (v->seat != v->os_seat));
        }
    }
    v->has_open = 1;
    v->os = *s;
    v->os_seat = v->seat;
    v->nstates++;
}

/* A stone of the opening: one per state, where the step allows it. */
static void view_opening_stone(const view *v, const game_move *m)
{
    const packet_opening_state *s = &v->os;
    int c = W.cfg.options.width / 2, dx = m->to_x - c, dy = m->to_y - c;
    CHECK(ops()->ply(v->g) == s->ply);
    switch (s->step) {
    case GOMOKU_STEP_PLACE:
        if (s->area != PACKET_OPENING_ANYWHERE)
            CHECK(dx >= -s->area && dx <= s->area && dy >= -s->area && dy <= s->area);
        return;
    case GOMOKU_STEP_PROPOSE: /* a single proposal is played at once */
        CHECK(s->count == 1);
        return;
    case GOMOKU_STEP_SELECT: {
        int found = 0;
        for (int i = 0; i < s->count; i++)
            found |= s->points[2 * i] == m->to_x && s->points[2 * i + 1] == m->to_y;
        CHECK(found);
        return;
    }
    default:
        CHECK(!"a stone during an opening step that puts none");
    }
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
        if (v->started && !v->over && !v->syncing && v->seat != PACKET_SEAT_SPECTATOR &&
            w->seat != PACKET_SEAT_SPECTATOR) {
            /* The opening exchanged colours: the other seat, the same token. */
            CHECK(view_in_opening(v) && w->seat != v->seat);
            CHECK(memcmp(w->token, v->token, sizeof v->token) == 0);
        }
        memcpy(v->token, w->token, sizeof v->token);
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
        CHECK(v->welcomed && p->u.reject.reason >= 1 && p->u.reject.reason <= PACKET_REJECT_MAX);
        v->reject = p->u.reject.reason;
        return;
    case PACKET_CHAT:
        CHECK(v->welcomed);
        return;
    case PACKET_OPENING_STATE: /* the next game's comes before its START */
        view_opening(v, &p->u.opening);
        return;
    default:
        break;
    }
    /* Everything else belongs to a game that started. */
    CHECK(v->welcomed && (v->started || p->type == PACKET_START));
    switch (p->type) {
    case PACKET_START:
        if (v->started && !v->over && !v->syncing) {
            /* The opening exchanged colours: the same game goes on. */
            CHECK(view_in_opening(v) && !v->next_open);
            return;
        }
        if (v->over) /* a new game: its opening state came first */
            CHECK(v->next_open == (W.cfg.opening != 0));
        ops()->reset(v->g);
        v->started = 1;
        v->over = v->syncing = 0;
        v->has_open = v->next_open;
        v->next_open = 0;
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
        if (!v->syncing && view_in_opening(v))
            view_opening_stone(v, &m);
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
    case PACKET_CLOCK: /* whom it names is checked at the end of the step */
        CHECK(p->u.clock.running <= PACKET_SEAT_P2);
        if (p->u.clock.running != 0)
            CHECK(!v->over && !v->syncing);
        v->clock_running = p->u.clock.running;
        v->clock_seen = 1;
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
        if (v->has_open) /* the opening's stones are never taken back */
            CHECK(!view_in_opening(v) && ops()->ply(v->g) - t->plies >= v->os.ply);
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
    if (W.trace)
        fprintf(stderr, "%s\n", line);
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

static int server_match(uint32_t match_id, match_view *out)
{
    for (size_t i = 0; match_host_view(W.host, i, out); i++)
        if (out->id == match_id)
            return 1;
    return 0;
}

/* A record parses back to the moves of the server's game; an opening
 * game's names its rule and whether the colours changed hands. */
static void s_record(void *ctx, const match_record *r)
{
    match_view mv;
    const game *g;
    (void)ctx;
    CHECK(server_match(r->match_id, &mv));
    g = mv.game;
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
        if (mv.opening) {
            const char *name = gomoku_opening_rule_name(gomoku_opening_get_rule(mv.opening));
            CHECK(strncmp(rec.opening, name, strlen(name)) == 0);
            CHECK((strstr(rec.opening, "colours exchanged") != NULL) ==
                  (gomoku_opening_swaps(mv.opening) > 0));
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

/* The seat that must act in the server's match (as view_mover). */
static uint8_t server_mover(const match_view *mv)
{
    const gomoku_opening *o = mv->opening;
    if (mv->over)
        return 0;
    if (o && gomoku_opening_next(o) != GOMOKU_STEP_DONE) {
        int k = gomoku_opening_actor(o, game_gomoku_engine(mv->game));
        CHECK(k == 0 || k == 1);
        return (uint8_t)((k ^ gomoku_opening_black_seat(o)) + 1);
    }
    return (uint8_t)ops()->to_move(mv->game);
}

/* The view's opening is the server's: step, actor, choices, colours. */
static void check_opening_view(const match_view *mv, const view *v)
{
    const gomoku_opening *o = mv->opening;
    const packet_opening_state *s = &v->os;
    CHECK((o != NULL) == (W.cfg.opening != 0));
    if (!o) {
        CHECK(!v->has_open && !v->next_open);
        return;
    }
    CHECK(v->has_open && !v->next_open);
    CHECK(s->rule == gomoku_opening_get_rule(o) && s->step == gomoku_opening_next(o));
    CHECK(s->swaps == gomoku_opening_swaps(o) && s->choices == gomoku_opening_choices(o));
    CHECK(gomoku_opening_black_seat(o) == (s->swaps & 1)); /* Player1 holds black */
    if (s->step != GOMOKU_STEP_DONE)
        CHECK(s->ply == ops()->ply(mv->game));
}

static void check_member_view(const match_view *mv, conn_id c, uint8_t seat)
{
    const view *v = &conn(c)->v;
    CHECK(conn(c)->open && conn(c)->in_host);
    CHECK(v->match_id == mv->id && v->seat == seat && v->started && !v->syncing);
    CHECK(v->over == mv->over && same_history(v->g, mv->game));
    check_opening_view(mv, v);
    CHECK(view_mover(v) == server_mover(mv));
    if (v->clock_seen && v->clock_running != 0) /* a running CLOCK names who must act */
        CHECK(v->clock_running == view_mover(v));
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
            if (view_mover(&conn(c)->v) == s + 1)
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
    for (conn_id c = 1; c < W.next_id; c++) {
        conn(c)->received = 0;
        conn(c)->v.reject = 0;
        conn(c)->v.clock_seen = 0;
    }
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

/* Delivers p from c, as the event loop does: only if the codec takes it
 * (returns 1 then). */
static int deliver(conn_id c, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    packet back;
    int n = packet_encode(p, buf, sizeof buf);
    if (n <= 0 || packet_decode(buf, (size_t)n, &back) != PACKET_OK)
        return 0;
    if (conn(c)->in_host)
        match_host_packet(W.host, c, &back, W.now);
    else
        lobby_packet(W.lobby, c, &back, W.now);
    return 1;
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

/* What a seated client knew when it sent an opening step (OPENING_ACTION,
 * or a MOVE during the opening). */
typedef struct step_sent {
    int asked;      /* seated, in a running game, at its ply: the server must judge it */
    int opening;    /* the opening runs (else every step is out of turn) */
    uint8_t seat;   /* the sender's seat then */
    uint8_t actor;  /* the opening's actor then */
    uint8_t step;   /* the step due then */
    uint32_t state; /* OPENING_STATEs it had received */
} step_sent;

static step_sent step_before(const view *v, uint32_t ply)
{
    step_sent b;
    memset(&b, 0, sizeof b);
    b.asked = v->started && !v->over && !v->syncing && v->seat != PACKET_SEAT_SPECTATOR &&
              ply == ops()->ply(v->g);
    b.opening = view_in_opening(v);
    b.seat = v->seat;
    b.actor = v->os.actor;
    b.step = v->os.step;
    b.state = v->nstates;
    return b;
}

/* The server's verdict on a step, as the sender saw it: taken (a new
 * OPENING_STATE, no REJECT) only from the actor and for the step due; a
 * step the client's view made legal is taken; else a REJECT in the order
 * of docs/protocol.md (not your turn, the step kind, then its content). */
static void check_step_verdict(const view *v, const step_sent *b, uint8_t step, int legal)
{
    int taken = v->nstates != b->state;
    if (!b->asked || v->over) /* not judged, or the game ended (a clock) */
        return;
    CHECK(taken != (v->reject != 0));
    if (!b->opening)
        CHECK(v->reject == PACKET_REJECT_OPENING_STEP);
    else if (b->actor != b->seat)
        CHECK(v->reject == PACKET_REJECT_NOT_YOUR_TURN);
    else if (step != b->step)
        CHECK(v->reject == PACKET_REJECT_OPENING_STEP);
    else if (legal)
        CHECK(taken);
    else if (!taken)
        CHECK(v->reject == PACKET_REJECT_ILLEGAL || v->reject == PACKET_REJECT_FORBIDDEN ||
              (v->reject >= PACKET_REJECT_OUTSIDE_AREA && v->reject <= PACKET_REJECT_NOT_PROPOSED));
}

/* The pick-th empty point of the central square of half-width area
 * (PACKET_OPENING_ANYWHERE: the board) into xy; 0 when there is none. */
static int area_point(const view *v, uint8_t area, unsigned pick, uint8_t *xy)
{
    const gomoku *g = game_gomoku_engine(v->g);
    int size = gomoku_size(g), lo = 0, hi = size - 1, n = 0, k;
    if (area != PACKET_OPENING_ANYWHERE && size / 2 - area > 0) {
        lo = size / 2 - area;
        hi = size / 2 + area;
    }
    for (int y = lo; y <= hi; y++)
        for (int x = lo; x <= hi; x++)
            n += gomoku_at(g, x, y) == GOMOKU_EMPTY;
    if (n == 0)
        return 0;
    k = (int)(pick % (unsigned)n);
    for (int y = lo; y <= hi; y++)
        for (int x = lo; x <= hi; x++)
            if (gomoku_at(g, x, y) == GOMOKU_EMPTY && k-- == 0) {
                xy[0] = (uint8_t)x;
                xy[1] = (uint8_t)y;
                return 1;
            }
    return 0;
}

/* count fifth-move proposals a black stone may take, none equivalent to
 * another, from a point picked on; 1 if that many were found. */
static int fifth_proposals(const view *v, unsigned pick, int count, uint8_t *xy)
{
    const gomoku *g = game_gomoku_engine(v->g);
    int size = gomoku_size(g), total = size * size, n = 0;
    gomoku_point pts[PACKET_OPENING_POINTS];
    for (int i = 0; i < total && n < count; i++) {
        int at = (int)((pick * (unsigned)total / 256u + (unsigned)i) % (unsigned)total);
        gomoku_point pt = {(uint8_t)(at % size), (uint8_t)(at / size)};
        int fresh = gomoku_judge(g, GOMOKU_BLACK, pt.x, pt.y) == GOMOKU_OK;
        for (int j = 0; j < n && fresh; j++)
            fresh = !gomoku_equivalent_points(g, GOMOKU_BLACK, pt, pts[j]);
        if (fresh) {
            pts[n] = pt;
            xy[2 * n] = pt.x;
            xy[2 * n + 1] = pt.y;
            n++;
        }
    }
    return n == count;
}

/* An opening step. k & 0x20: raw (step, choice, count, points from the
 * script, at the sender's ply + (k & 3) - 1); else one byte picks the step
 * its view of the last OPENING_STATE says is due, filled from it (a point
 * inside the area, an offered choice, a count in the range, proposals the
 * rules allow, one of the proposals), or any step when none is due.
 * k & 0x10: a stone goes as MOVE. */
static void do_opening(conn_id c, uint8_t k, script *s)
{
    const view *v = &conn(c)->v;
    uint32_t ply = v->g ? ops()->ply(v->g) : 0;
    packet p;
    packet_opening_action *pa = &p.u.opening_action;
    step_sent before;
    uint8_t step;
    int legal = 0;

    memset(&p, 0, sizeof p);
    p.type = PACKET_OPENING_ACTION;
    memset(pa->points, PACKET_NO_SQUARE, sizeof pa->points);
    if (k & 0x20) {
        uint8_t n;
        pa->step = (uint8_t)(next_byte(s) % 7); /* 0 and 6: refused by the codec */
        pa->choice = (uint8_t)(next_byte(s) % 7);
        pa->count = (uint8_t)(next_byte(s) % 12);
        n = (uint8_t)(next_byte(s) % (PACKET_OPENING_POINTS + 1));
        for (int i = 0; i < 2 * n; i++) {
            uint8_t b = (uint8_t)(next_byte(s) % 26);
            pa->points[i] = b == 25 ? PACKET_NO_SQUARE : b;
        }
        ply += (uint32_t)(k & 3) - 1u;
    } else if (!v->started || !view_in_opening(v)) { /* no step is due: any one */
        uint8_t pick = next_byte(s);
        pa->step = (uint8_t)(1 + pick % 5);
        pa->count = 1;
        pa->points[0] = pa->points[1] = 0;
    } else {
        const packet_opening_state *os = &v->os;
        uint8_t pick = next_byte(s);
        pa->step = os->step;
        switch (os->step) {
        case GOMOKU_STEP_PLACE:
            legal = area_point(v, os->area, pick, pa->points);
            break;
        case GOMOKU_STEP_CHOOSE: {
            unsigned n = 0, i = 0;
            for (unsigned b = 0; b < GOMOKU_CHOICE_COUNT; b++)
                n += (os->choices >> b) & 1u;
            i = pick % n;
            for (unsigned b = 0; b < GOMOKU_CHOICE_COUNT; b++)
                if (((os->choices >> b) & 1u) && i-- == 0)
                    pa->choice = (uint8_t)b;
            legal = 1;
            break;
        }
        case GOMOKU_STEP_DECLARE:
            pa->count = (uint8_t)(os->declare_min + pick % (os->declare_max - os->declare_min + 1));
            legal = 1;
            break;
        case GOMOKU_STEP_PROPOSE:
            pa->count = os->count;
            legal = fifth_proposals(v, pick, os->count, pa->points);
            break;
        default: /* select */
            memcpy(pa->points, &os->points[2 * (pick % os->count)], 2);
            legal = 1;
            break;
        }
    }
    pa->ply = ply;
    step = pa->step;
    before = step_before(v, ply);
    if ((k & 0x10) && step == GOMOKU_STEP_PLACE)
        packet_make_move(&p, ply, PACKET_NO_SQUARE, PACKET_NO_SQUARE, pa->points[0], pa->points[1],
                         0);
    if (deliver(c, &p) && (p.type == PACKET_OPENING_ACTION || before.opening))
        check_step_verdict(v, &before, step, legal);
}

static void do_move(conn_id c, script *s)
{
    const view *v = &conn(c)->v;
    uint8_t k = next_byte(s);
    uint32_t ply = v->g ? ops()->ply(v->g) : 0;
    packet p;
    step_sent before;
    if ((k & 0xC0) == 0x40) {
        do_opening(c, k, s);
        return;
    }
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
    /* During the opening a stone is a place step. */
    before = step_before(v, p.u.move.ply);
    if (deliver(c, &p) && before.opening)
        check_step_verdict(v, &before, GOMOKU_STEP_PLACE, 0);
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

/* config: the game and its settings; opening: the Gomoku opening rule
 * (gomoku_opening_rule, modulo 7), none when it does not fit the game. */
static void setup(uint8_t config, uint8_t opening)
{
    static const uint8_t sizes[4] = {15, 5, 7, 9};
    memset(&W, 0, sizeof W);
    if ((config & 3) == 3) {
        W.cfg.ops = &game_chess_ops;
    } else {
        gomoku_opening_rule r = (gomoku_opening_rule)(opening % 7);
        W.cfg.ops = &game_gomoku_ops;
        W.cfg.options.rule = (uint8_t)(config & 3);
        W.cfg.options.width = W.cfg.options.height = sizes[(config >> 3) & 3];
        if (!gomoku_opening_unfit(r, (gomoku_rule)W.cfg.options.rule, W.cfg.options.width))
            W.cfg.opening = (uint8_t)r; /* as the server's option check allows */
    }
    W.trace = getenv("FUZZ_MATCH_LOG") != NULL;
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
    if (size < 2 || size > MAX_INPUT)
        return 0;
    setup(data[0], data[1]);
    s.data = data;
    s.size = size;
    s.at = 2;
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
