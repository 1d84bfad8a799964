/* match_host.c: matches, moves, offers, clocks, drops and records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn_map.h"
#include "game_gomoku.h"
#include "match_host.h"
#include "match_opening.h"
#include "record_text.h"

typedef struct seat {
    conn_id conn; /* CONN_NONE while away */
    char name[PACKET_NAME_SIZE];
    uint8_t token[PACKET_TOKEN_SIZE];
    uint16_t version;    /* protocol version negotiated with conn (0: away since a restore) */
    uint64_t dropped_ms; /* when it went away */
    uint8_t engine;      /* the server's engine seat (match_seating.engine) */
} seat;

typedef struct match {
    uint32_t id, game_no;
    game *g;
    seat seat[2]; /* seat[0] is Player1 of the current game */
    conn_id *watchers;
    size_t nwatch, capwatch;
    int over;                            /* the current game has ended */
    uint64_t over_ms;                    /* when it ended */
    game_result result;                  /* how it ended */
    game_side draw_offer, rematch_offer; /* side with an offer pending */
    int clocked;
    int paused;                 /* restored after a restart: no clock runs until both are back */
    int64_t unearned_ms;        /* the restart bonus in left_ms while paused: not journaled, so
                                 * that a second restart before both are back adds it once */
    int64_t left_ms[2];         /* time left, as of clock_since */
    uint64_t clock_since;       /* when the running clock last started */
    uint64_t turn_since;        /* when the side that must act began to (--move-time) */
    game_side takeback_offer;   /* side with a takeback request pending */
    uint8_t takeback_plies;     /* how many moves it asks to take back */
    uint8_t takebacks_asked[2]; /* requests this game, per side (rate limit) */
    uint32_t takeback_ply[2];   /* ply of each side's last request + 1 (0: none) */
    uint32_t opening_plies;     /* stones the opening put (they are never taken back) */
    int opening_on;             /* a Gomoku opening rule runs this game (match_opening.h) */
    gomoku_opening open;        /* its state; seat[0] is always who holds black */
} match;

struct match_host {
    const match_config *cfg;
    const logic_sink *sink;
    match **m;
    size_t count, cap;
    conn_map where; /* conn_id -> its match, for every seat and watcher */
    size_t away;    /* seats whose player dropped and is not back */
};

typedef enum role { ROLE_NONE = 0, ROLE_P1 = 1, ROLE_P2 = 2, ROLE_WATCHER = 3 } role;

/* ---- small helpers ---- */

static const game_ops *ops_of(const match_host *h)
{
    return h->cfg->ops;
}

static void send_to(match_host *h, conn_id c, const packet *p)
{
    if (c != CONN_NONE)
        h->sink->send(h->sink->ctx, c, p);
}

/* To both players and every spectator, except `skip`. */
static void broadcast(match_host *h, match *m, const packet *p, conn_id skip)
{
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn != skip)
            send_to(h, m->seat[s].conn, p);
    for (size_t i = 0; i < m->nwatch; i++)
        if (m->watchers[i] != skip)
            send_to(h, m->watchers[i], p);
}

/* Records that c now belongs to m (NULL: to no match). */
static void place(match_host *h, conn_id c, match *m)
{
    if (c == CONN_NONE)
        return;
    if (!m || conn_map_put(&h->where, c, m) != 0)
        conn_map_del(&h->where, c); /* out of memory: find_conn searches */
}

/* c's role in m, ROLE_NONE if it has none. */
static role role_in(const match *m, conn_id c, size_t *widx)
{
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn == c)
            return (role)(s + 1);
    for (size_t w = 0; w < m->nwatch; w++)
        if (m->watchers[w] == c) {
            if (widx)
                *widx = w;
            return ROLE_WATCHER;
        }
    return ROLE_NONE;
}

static match *find_conn(match_host *h, conn_id c, role *r, size_t *widx)
{
    match *m = conn_map_get(&h->where, c);
    if (m && (*r = role_in(m, c, widx)) != ROLE_NONE)
        return m;
    for (size_t i = 0; i < h->count; i++)
        if ((*r = role_in(h->m[i], c, widx)) != ROLE_NONE) {
            place(h, c, h->m[i]);
            return h->m[i];
        }
    *r = ROLE_NONE;
    return NULL;
}

static match *find_id(match_host *h, uint32_t id)
{
    for (size_t i = 0; i < h->count; i++)
        if (h->m[i]->id == id)
            return h->m[i];
    return NULL;
}

static uint32_t game_ply(const match_host *h, const match *m)
{
    return ops_of(h)->ply(m->g);
}

/* ---- the opening ---- */

/* Is an opening procedure still running? */
static int in_opening(const match *m)
{
    return m->opening_on && gomoku_opening_next(&m->open) != GOMOKU_STEP_DONE;
}

/* The side that must act now: during the opening the seat whose decision
 * it is, else the side to move. Its clock runs. */
static game_side mover(const match_host *h, const match *m)
{
    if (in_opening(m)) {
        int k = gomoku_opening_actor(&m->open, game_gomoku_engine(m->g));
        return k < 0 ? GAME_SIDE_NONE : (game_side)((k ^ gomoku_opening_black_seat(&m->open)) + 1);
    }
    return ops_of(h)->to_move(m->g);
}

/* ---- clocks ---- */

/* Time left for a side at now (the running side's clock runs). */
static int64_t time_left(const match_host *h, const match *m, game_side side, uint64_t now)
{
    int64_t left = m->left_ms[side - 1];
    if (!m->over && !m->paused && mover(h, m) == side) {
        int64_t used = (int64_t)(now - m->clock_since);
        /* A simple (US) delay: the clock starts only after the delay. A
         * Bronstein delay runs the clock and gives back at most the delay
         * after the move (move_cost). */
        if (h->cfg->delay_kind == 1)
            used = used > (int64_t)h->cfg->delay_ms ? used - (int64_t)h->cfg->delay_ms : 0;
        left -= used;
    }
    return left;
}

/* What the move that ends now costs its side: the time used, less the
 * delay (either kind), plus nothing; the increment is added apart. */
static int64_t move_cost(const match_host *h, const match *m, uint64_t now)
{
    int64_t used = (int64_t)(now - m->clock_since), d = (int64_t)h->cfg->delay_ms;
    return used > d ? used - d : 0;
}

static void send_clock(match_host *h, match *m, conn_id only, uint64_t now)
{
    packet p;
    if (!m->clocked)
        return;
    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK;
    for (int s = 0; s < 2; s++) {
        int64_t left = time_left(h, m, (game_side)(s + 1), now);
        uint32_t v = left < 0 ? 0 : left > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)left;
        if (s == 0)
            p.u.clock.p1_ms = v;
        else
            p.u.clock.p2_ms = v;
    }
    p.u.clock.running = m->over || m->paused ? 0 : (uint8_t)mover(h, m);
    p.u.clock.increment_ms = h->cfg->increment_ms;
    if (only != CONN_NONE)
        send_to(h, only, &p);
    else
        broadcast(h, m, &p, CONN_NONE);
}

/* ---- the journal ---- */

/* Makes e durable through the sink before the caller tells anyone. A
 * journal that fails is logged; the game goes on (it is then only as safe
 * as a server without a journal). */
static void journal(match_host *h, const journal_entry *e)
{
    if (h->sink->journal && h->sink->journal(h->sink->ctx, e) != 0)
        logic_logf(h->sink, LOG_ERROR,
                   "match %lu: journal write failed: this game may not "
                   "survive a crash",
                   (unsigned long)e->match_id);
}

/* An offer of a kind is pending from `side`, or none (GAME_SIDE_NONE): made
 * durable before the offer (or its answer) is relayed, so that a server
 * killed at any moment restores it. A takeback offer (protocol 2) is
 * journaled the same way, as kind 3. */
static void note_offer(match_host *h, const match *m, journal_offer kind, game_side side)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_OFFER;
    e.match_id = m->id;
    e.game_no = m->game_no;
    e.offer = kind;
    e.side = side;
    journal(h, &e);
}

static void set_draw_offer(match_host *h, match *m, game_side side)
{
    if (m->draw_offer == side)
        return;
    m->draw_offer = side;
    note_offer(h, m, JOURNAL_OFFER_DRAW, side);
}

static void set_rematch_offer(match_host *h, match *m, game_side side)
{
    if (m->rematch_offer == side)
        return;
    m->rematch_offer = side;
    note_offer(h, m, JOURNAL_OFFER_REMATCH, side);
}

static void journal_game(match_host *h, const match *m)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_GAME;
    e.match_id = m->id;
    e.game_no = m->game_no;
    for (int s = 0; s < 2; s++) {
        e.name[s] = m->seat[s].name;
        e.token[s] = m->seat[s].token;
        e.left_ms[s] = m->left_ms[s];
    }
    journal(h, &e);
}

/* ---- the end of a game, and of a match ---- */

static void destroy_match(match_host *h, size_t idx)
{
    match *m = h->m[idx];
    for (size_t w = 0; w < m->nwatch; w++) {
        place(h, m->watchers[w], NULL);
        h->sink->close(h->sink->ctx, m->watchers[w]);
    }
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn != CONN_NONE) {
            place(h, m->seat[s].conn, NULL);
            h->sink->close(h->sink->ctx, m->seat[s].conn);
        } else {
            h->away--;
        }
    if (h->sink->match_event)
        h->sink->match_event(h->sink->ctx, m->id, MATCH_GONE);
    logic_logf(h->sink, LOG_INFO, "match %lu: gone", (unsigned long)m->id);
    ops_of(h)->destroy(m->g);
    free(m->watchers);
    free(m);
    h->m[idx] = h->m[--h->count];
}

/* Seat s leaves its finished match m for the lobby (sink->requeue): away
 * from m as after a drop, without a word to anyone. */
static void requeue_seat(match_host *h, match *m, int s)
{
    match_seating one;
    memset(&one, 0, sizeof one);
    one.match_id = m->id;
    one.seat[s].conn = m->seat[s].conn;
    memcpy(one.seat[s].name, m->seat[s].name, PACKET_NAME_SIZE);
    one.seat[s].version = m->seat[s].version;
    one.seat[s].engine = m->seat[s].engine;
    place(h, m->seat[s].conn, NULL);
    m->seat[s].conn = CONN_NONE;
    h->away++;
    h->sink->requeue(h->sink->ctx, &one, s);
}

/* The engine seat gives way between games (docs/server.md, "Engine seat"):
 * when seat s, a human, asks the engine for another game while a human
 * waits in the lobby, both go back to the lobby, s first, so that s plays
 * the human who waits and the engine waits again. 1 when it did. */
static int engine_gives_way(match_host *h, match *m, int s)
{
    if (!m->seat[1 - s].engine || m->seat[s].engine || !h->sink->requeue ||
        !h->sink->human_waiting || !h->sink->human_waiting(h->sink->ctx))
        return 0;
    logic_logf(h->sink, LOG_INFO,
               "match %lu: a player waits in the lobby: the engine gives its seat, "
               "\"%s\" goes to play them",
               (unsigned long)m->id, m->seat[s].name);
    if (m->rematch_offer != GAME_SIDE_NONE)
        set_rematch_offer(h, m, GAME_SIDE_NONE);
    requeue_seat(h, m, s);
    requeue_seat(h, m, 1 - s);
    return 1;
}

/* A finished match with no player left is gone. The engine seat does not
 * stay alone in one: it goes back to the lobby to wait. */
static void collect(match_host *h, match *m)
{
    for (int s = 0; s < 2 && m->over && h->sink->requeue; s++)
        if (m->seat[s].engine && m->seat[s].conn != CONN_NONE && m->seat[1 - s].conn == CONN_NONE)
            requeue_seat(h, m, s);
    if (!m->over || m->seat[0].conn != CONN_NONE || m->seat[1].conn != CONN_NONE)
        return;
    for (size_t i = 0; i < h->count; i++)
        if (h->m[i] == m) {
            destroy_match(h, i);
            return;
        }
}

/* Hands the game's record to the sink, which journals the game's END once
 * the record is on the disk. 1 when handed over, 0 when there is none. */
static int write_record(match_host *h, match *m, game_result r)
{
    char date[16] = "????.??.??", opening[160];
    match_record rec;
    char *text;
    size_t len;
    game_error e;

    if (!h->sink->record)
        return 0;
    if (h->sink->date)
        h->sink->date(h->sink->ctx, date, sizeof date);
    if (m->opening_on)
        match_opening_record(&m->open, game_gomoku_engine(m->g), opening, sizeof opening);
    e = record_text_make(ops_of(h), m->g, m->id, m->game_no, m->seat[0].name, m->seat[1].name, date,
                         m->opening_on ? opening : NULL, r, &text, &len);
    if (e != GAME_OK) {
        logic_logf(h->sink, LOG_ERROR, "match %lu: cannot make the record: %s",
                   (unsigned long)m->id, game_strerror(e));
        return 0;
    }
    rec.match_id = m->id;
    rec.game_no = m->game_no;
    rec.extension = ops_of(h)->record_extension;
    rec.text = text;
    rec.len = len;
    rec.result = r;
    h->sink->record(h->sink->ctx, &rec);
    free(text);
    return 1;
}

static void end_game(match_host *h, match *m, game_result r, uint64_t now)
{
    packet p;
    if (m->over)
        return;
    /* Freeze the clocks at now before the game stops running. */
    if (m->clocked) {
        game_side running = mover(h, m);
        if (running != GAME_SIDE_NONE)
            m->left_ms[running - 1] = time_left(h, m, running, now);
        m->clock_since = now;
    }
    m->over = 1;
    m->over_ms = now;
    m->result = r;
    m->draw_offer = m->rematch_offer = GAME_SIDE_NONE;
    {
        /* The result is journaled before GAME_OVER goes out: after a crash
         * the game is not resumed but its record written (journal.h). */
        journal_entry e;
        memset(&e, 0, sizeof e);
        e.kind = JOURNAL_RESULT;
        e.match_id = m->id;
        e.game_no = m->game_no;
        e.result = r;
        journal(h, &e);
    }
    memset(&p, 0, sizeof p);
    p.type = PACKET_GAME_OVER;
    p.u.game_over.winner = (uint8_t)r.winner;
    p.u.game_over.reason = (uint8_t)r.reason;
    p.u.game_over.plies = game_ply(h, m);
    broadcast(h, m, &p, CONN_NONE);
    send_clock(h, m, CONN_NONE, now);
    logic_logf(h->sink, LOG_INFO, "match %lu: game %lu over after %lu plies: %s, %s",
               (unsigned long)m->id, (unsigned long)m->game_no, (unsigned long)p.u.game_over.plies,
               game_end_reason_str(r.reason),
               r.winner == GAME_SIDE_NONE ? "draw"
               : r.winner == GAME_SIDE_P1 ? "Player1 wins"
                                          : "Player2 wins");
    if (!write_record(h, m, r)) {
        /* No record will follow (the sink journals END after writing
         * one): the journal may forget the game now. */
        journal_entry e;
        memset(&e, 0, sizeof e);
        e.kind = JOURNAL_END;
        e.match_id = m->id;
        e.game_no = m->game_no;
        journal(h, &e);
    }
    if (h->sink->match_event)
        h->sink->match_event(h->sink->ctx, m->id, MATCH_FINISHED);
}

static void end_with(match_host *h, match *m, game_end_reason reason, game_side winner,
                     uint64_t now)
{
    game_result r;
    r.reason = reason;
    r.winner = winner;
    end_game(h, m, r, now);
}

/* ---- starting a game ---- */

static void send_start(match_host *h, match *m, conn_id only)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_START;
    memcpy(p.u.start.player1, m->seat[0].name, PACKET_NAME_SIZE);
    memcpy(p.u.start.player2, m->seat[1].name, PACKET_NAME_SIZE);
    if (only != CONN_NONE)
        send_to(h, only, &p);
    else
        broadcast(h, m, &p, CONN_NONE);
}

static void send_welcome(match_host *h, match *m, conn_id c, uint8_t seat_no, uint16_t version)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_WELCOME;
    p.u.welcome.version = version;
    p.u.welcome.game = (uint8_t)h->cfg->options.kind;
    p.u.welcome.rule = h->cfg->options.rule;
    p.u.welcome.width = h->cfg->options.width;
    p.u.welcome.height = h->cfg->options.height;
    p.u.welcome.seat = seat_no;
    p.u.welcome.match_id = m->id;
    if (seat_no == PACKET_SEAT_P1 || seat_no == PACKET_SEAT_P2)
        memcpy(p.u.welcome.token, m->seat[seat_no - 1].token, PACKET_TOKEN_SIZE);
    send_to(h, c, &p);
}

/* OPENING_STATE to one connection, or to everyone (version-2 peers only:
 * the loop drops it for others). */
static void send_opening(match_host *h, match *m, conn_id only)
{
    packet p;
    if (!m->opening_on)
        return;
    match_opening_state(&m->open, game_gomoku_engine(m->g), &p);
    if (only != CONN_NONE)
        send_to(h, only, &p);
    else
        broadcast(h, m, &p, CONN_NONE);
}

/* Starts the opening rule of the configuration on the fresh game. */
static void start_opening(match_host *h, match *m)
{
    m->opening_on = h->cfg->opening != 0 && ops_of(h)->kind == GAME_KIND_GOMOKU &&
                    gomoku_opening_init(&m->open, (gomoku_opening_rule)h->cfg->opening,
                                        game_gomoku_engine(m->g)) == 0;
}

static void begin_game(match_host *h, match *m, uint64_t now)
{
    m->over = 0;
    m->takeback_offer = GAME_SIDE_NONE;
    m->opening_plies = 0;
    memset(m->takebacks_asked, 0, sizeof m->takebacks_asked);
    memset(m->takeback_ply, 0, sizeof m->takeback_ply);
    start_opening(h, m);
    m->draw_offer = m->rematch_offer = GAME_SIDE_NONE;
    m->clocked = h->cfg->clock_ms > 0;
    m->left_ms[0] = m->left_ms[1] = (int64_t)h->cfg->clock_ms;
    m->clock_since = m->turn_since = now;
    journal_game(h, m);
    send_opening(h, m, CONN_NONE); /* before START: the game starts with an opening */
    send_start(h, m, CONN_NONE);
    send_clock(h, m, CONN_NONE, now);
    if (h->sink->match_event)
        h->sink->match_event(h->sink->ctx, m->id, MATCH_RUNNING);
    logic_logf(h->sink, LOG_INFO, "match %lu: game %lu starts, \"%s\" (Player1) v \"%s\" (Player2)",
               (unsigned long)m->id, (unsigned long)m->game_no, m->seat[0].name, m->seat[1].name);
}

/* ---- public: life cycle ---- */

match_host *match_host_create(const match_config *cfg, const logic_sink *sink)
{
    match_host *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->cfg = cfg;
    h->sink = sink;
    return h;
}

void match_host_destroy(match_host *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->count; i++) {
        ops_of(h)->destroy(h->m[i]->g);
        free(h->m[i]->watchers);
        free(h->m[i]);
    }
    free(h->m);
    conn_map_free(&h->where);
    free(h);
}

/* A new match with its game at the start position, and room for it in
 * h->m (the caller checks h->count < h->cap); NULL or a match without a
 * game when memory ran out. */
static match *new_match(match_host *h)
{
    match *m = calloc(1, sizeof *m);
    if (m && h->count == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 8;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        match **grown = realloc(h->m, cap * sizeof *grown);
        if (grown) {
            h->m = grown;
            h->cap = cap;
        }
    }
    if (m)
        m->g = ops_of(h)->create(&h->cfg->options);
    return m;
}

void match_host_start(match_host *h, const match_seating *s, uint64_t now_ms)
{
    match *m = new_match(h);
    if (!m || !m->g || h->count == h->cap) {
        logic_logf(h->sink, LOG_ERROR, "match %lu: out of memory, not started",
                   (unsigned long)s->match_id);
        for (int i = 0; i < 2; i++) {
            logic_send_error(h->sink, s->seat[i].conn, PACKET_CODE_SHUTDOWN,
                             "server out of memory");
            h->sink->close(h->sink->ctx, s->seat[i].conn);
        }
        if (m && m->g)
            ops_of(h)->destroy(m->g);
        free(m);
        return;
    }
    m->id = s->match_id;
    m->game_no = 1;
    for (int i = 0; i < 2; i++) {
        m->seat[i].conn = s->seat[i].conn;
        place(h, m->seat[i].conn, m);
        memcpy(m->seat[i].name, s->seat[i].name, PACKET_NAME_SIZE);
        m->seat[i].name[PACKET_NAME_SIZE - 1] = '\0';
        memcpy(m->seat[i].token, s->seat[i].token, PACKET_TOKEN_SIZE);
        m->seat[i].version = s->seat[i].version;
        m->seat[i].engine = s->seat[i].engine;
    }
    h->m[h->count++] = m;
    begin_game(h, m, now_ms);
}

/* ---- restoring from the journal ---- */

int match_host_restore(match_host *h, const match_restore *r, uint64_t now_ms)
{
    const game_ops *ops = ops_of(h);
    match *m = new_match(h);
    game_result res;
    if (!m || !m->g || h->count == h->cap) {
        logic_logf(h->sink, LOG_ERROR, "match %lu: out of memory, not restored",
                   (unsigned long)r->match_id);
        if (m && m->g)
            ops->destroy(m->g);
        free(m);
        return -1;
    }
    if (h->cfg->opening != 0 && ops->kind == GAME_KIND_GOMOKU) {
        m->opening_on = 1;
        if (match_opening_replay((gomoku_opening_rule)h->cfg->opening, m->g, &m->open, r) != 0) {
            logic_logf(h->sink, LOG_ERROR, "match %lu: journal opening step refused, not restored",
                       (unsigned long)r->match_id);
            ops->destroy(m->g);
            free(m);
            return -1;
        }
        m->opening_plies = ops->ply(m->g);
    }
    for (size_t i = 0; i < r->nmoves; i++) {
        game_move_error e = ops->check_move(m->g, ops->to_move(m->g), &r->moves[i]);
        if (e == GAME_MOVE_OK)
            e = ops->apply(m->g, &r->moves[i]);
        if (e != GAME_MOVE_OK) {
            logic_logf(h->sink, LOG_ERROR, "match %lu: journal move %lu refused (%s), not restored",
                       (unsigned long)r->match_id, (unsigned long)i, game_move_strerror(e));
            ops->destroy(m->g);
            free(m);
            return -1;
        }
    }
    m->id = r->match_id;
    m->game_no = r->game_no;
    for (int s = 0; s < 2; s++) {
        /* The journal names the game's first player first; black is seat 0. */
        int from = m->opening_on ? s ^ gomoku_opening_black_seat(&m->open) : s;
        memcpy(m->seat[s].name, r->name[from], PACKET_NAME_SIZE);
        m->seat[s].name[PACKET_NAME_SIZE - 1] = '\0';
        memcpy(m->seat[s].token, r->token[from], PACKET_TOKEN_SIZE);
        m->seat[s].conn = CONN_NONE;
        m->seat[s].dropped_ms = now_ms; /* both have the grace period from now */
        m->left_ms[s] = r->left_ms[s];
    }
    m->clocked = h->cfg->clock_ms > 0;
    m->clock_since = m->turn_since = now_ms; /* the time the server was down is nobody's */
    if (m->clocked) {
        /* Stopped until both players are back, then each gets its time
         * plus the bonus. */
        m->paused = 1;
        m->unearned_ms = h->cfg->restart_bonus_ms;
        m->left_ms[0] += m->unearned_ms;
        m->left_ms[1] += m->unearned_ms;
    }
    m->draw_offer = r->offer[JOURNAL_OFFER_DRAW];
    h->m[h->count++] = m;
    if (h->sink->match_event)
        h->sink->match_event(h->sink->ctx, m->id, MATCH_RUNNING);
    logic_logf(h->sink, LOG_INFO,
               "match %lu: game %lu restored from the journal at ply %lu, \"%s\" v \"%s\"",
               (unsigned long)m->id, (unsigned long)m->game_no, (unsigned long)r->nmoves,
               m->seat[0].name, m->seat[1].name);
    res = ops->result(m->g);
    if (res.reason != GAME_END_NONE) {
        /* It ended with its last move, just before the crash. */
        end_game(h, m, res, now_ms);
        collect(h, m);
    }
    return 0;
}

/* ---- joining: resume and watch ---- */

static void send_game_over_to(match_host *h, match *m, conn_id c, game_result r);

/* The game so far: SYNC_BEGIN, every MOVE, SYNC_END, then the clock, the
 * result if it is over and an offer that waits for this seat. */
static void send_sync(match_host *h, match *m, conn_id c, game_side side, uint64_t now)
{
    const game_ops *ops = ops_of(h);
    uint32_t n = game_ply(h, m);
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_SYNC_BEGIN;
    p.u.sync.plies = n;
    send_to(h, c, &p);
    for (uint32_t i = 0; i < n; i++) {
        game_move mv;
        if (!ops->history(m->g, i, &mv))
            break;
        packet_make_move(&p, i, mv.from_x, mv.from_y, mv.to_x, mv.to_y, mv.promotion);
        send_to(h, c, &p);
    }
    memset(&p, 0, sizeof p);
    p.type = PACKET_SYNC_END;
    p.u.ply.ply = n;
    send_to(h, c, &p);
    send_clock(h, m, c, now);
    send_opening(h, m, c);
    if (m->over) /* before any rematch offer, which is for a finished game */
        send_game_over_to(h, m, c, m->result);
    if (side != GAME_SIDE_NONE && m->draw_offer == game_side_other(side)) {
        memset(&p, 0, sizeof p);
        p.type = PACKET_DRAW_OFFER;
        p.u.ply.ply = n;
        send_to(h, c, &p);
    }
    if (side != GAME_SIDE_NONE && m->rematch_offer == game_side_other(side)) {
        memset(&p, 0, sizeof p);
        p.type = PACKET_REMATCH_OFFER;
        p.u.ply.ply = n;
        send_to(h, c, &p);
    }
}

static void send_game_over_to(match_host *h, match *m, conn_id c, game_result r)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_GAME_OVER;
    p.u.game_over.winner = (uint8_t)r.winner;
    p.u.game_over.reason = (uint8_t)r.reason;
    p.u.game_over.plies = game_ply(h, m);
    send_to(h, c, &p);
}

static void peer_status(match_host *h, match *m, int s, int back, uint32_t grace_ms)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_PEER_STATUS;
    p.u.peer.seat = (uint8_t)(s + 1);
    p.u.peer.status = (uint8_t)(back ? 1 : 0);
    p.u.peer.grace_ms = grace_ms;
    broadcast(h, m, &p, m->seat[s].conn);
}

static int resume(match_host *h, conn_id c, const packet_hello *hello, uint64_t now)
{
    for (size_t i = 0; i < h->count; i++) {
        match *m = h->m[i];
        for (int s = 0; s < 2; s++) {
            if (!logic_token_equal(m->seat[s].token, hello->token))
                continue;
            if (m->over && m->seat[s].conn == CONN_NONE)
                return PACKET_CODE_BAD_TOKEN; /* it left a finished game: expired */
            if (m->seat[s].conn != CONN_NONE) {
                /* The old connection is half-open: the token's holder wins. */
                logic_logf(h->sink, LOG_INFO,
                           "match %lu: Player%d resumes on conn %llu, "
                           "replacing conn %llu",
                           (unsigned long)m->id, s + 1, (unsigned long long)c,
                           (unsigned long long)m->seat[s].conn);
                place(h, m->seat[s].conn, NULL);
                h->sink->close(h->sink->ctx, m->seat[s].conn);
            } else {
                h->away--;
                logic_logf(h->sink, LOG_INFO, "match %lu: Player%d \"%s\" is back on conn %llu",
                           (unsigned long)m->id, s + 1, m->seat[s].name, (unsigned long long)c);
            }
            m->seat[s].conn = c;
            m->seat[s].version = packet_negotiate_version(hello->version);
            place(h, c, m);
            send_welcome(h, m, c, (uint8_t)(s + 1), m->seat[s].version);
            send_start(h, m, c);
            send_sync(h, m, c, (game_side)(s + 1), now);
            peer_status(h, m, s, 1, 0);
            if (m->paused && m->seat[1 - s].conn != CONN_NONE) {
                /* Both are back after a restart: the clocks go on. */
                m->paused = 0;
                m->unearned_ms = 0;
                m->clock_since = m->turn_since = now;
                logic_logf(h->sink, LOG_INFO,
                           "match %lu: both players are back, clocks resume at %lld and %lld ms",
                           (unsigned long)m->id, (long long)m->left_ms[0],
                           (long long)m->left_ms[1]);
                send_clock(h, m, CONN_NONE, now);
            }
            if (!m->over && m->seat[1 - s].conn == CONN_NONE) {
                /* The opponent is away too (e.g. after a restart): say so. */
                uint64_t gone = now - m->seat[1 - s].dropped_ms;
                packet p;
                memset(&p, 0, sizeof p);
                p.type = PACKET_PEER_STATUS;
                p.u.peer.seat = (uint8_t)(2 - s);
                p.u.peer.status = 0;
                p.u.peer.grace_ms =
                    gone >= h->cfg->grace_ms ? 0 : (uint32_t)(h->cfg->grace_ms - gone);
                send_to(h, c, &p);
            }
            return 0;
        }
    }
    return PACKET_CODE_BAD_TOKEN;
}

int match_host_join(match_host *h, conn_id c, const packet_hello *hello, uint32_t match_id,
                    uint64_t now_ms)
{
    match *m;
    if (hello->want == PACKET_WANT_PLAY)
        return resume(h, c, hello, now_ms);
    if (match_id == 0)
        match_id = match_host_latest(h);
    m = find_id(h, match_id);
    if (!m)
        return PACKET_CODE_NO_MATCH;
    if (m->nwatch == m->capwatch) {
        size_t cap = m->capwatch ? m->capwatch * 2 : 4;
        conn_id *w = realloc(m->watchers, cap * sizeof *w);
        if (!w)
            return PACKET_CODE_SERVER_FULL;
        m->watchers = w;
        m->capwatch = cap;
    }
    m->watchers[m->nwatch++] = c;
    place(h, c, m);
    logic_logf(h->sink, LOG_INFO, "match %lu: conn %llu \"%s\" watches", (unsigned long)m->id,
               (unsigned long long)c, hello->name);
    send_welcome(h, m, c, PACKET_SEAT_SPECTATOR, packet_negotiate_version(hello->version));
    send_start(h, m, c);
    send_sync(h, m, c, GAME_SIDE_NONE, now_ms);
    return 0;
}

/* ---- packets ---- */

static void reject(match_host *h, conn_id c, uint32_t ply, packet_reject_reason reason)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_REJECT;
    p.u.reject.ply = ply;
    p.u.reject.reason = (uint8_t)reason;
    send_to(h, c, &p);
}

static packet_reject_reason reject_reason(game_move_error e)
{
    if (game_move_error_is_forbidden(e))
        return PACKET_REJECT_FORBIDDEN;
    switch (e) {
    case GAME_MOVE_NOT_YOUR_TURN:
        return PACKET_REJECT_NOT_YOUR_TURN;
    case GAME_MOVE_GAME_OVER:
        return PACKET_REJECT_NO_GAME;
    case GAME_MOVE_MALFORMED:
        return PACKET_REJECT_MALFORMED;
    default:
        return PACKET_REJECT_ILLEGAL;
    }
}

/* Ends the game if the running clock has run out by now. */
static int flag_fell(match_host *h, match *m, uint64_t now)
{
    game_side running;
    if (m->over || m->paused)
        return 0;
    running = mover(h, m);
    if (running != GAME_SIDE_NONE && h->cfg->move_time_ms &&
        now - m->turn_since >= h->cfg->move_time_ms) {
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d took longer than the move time",
                   (unsigned long)m->id, (int)running);
        end_with(h, m, GAME_END_TIME, game_side_other(running), now);
        return 1;
    }
    if (!m->clocked || running == GAME_SIDE_NONE || time_left(h, m, running, now) > 0)
        return 0;
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d's flag fell", (unsigned long)m->id,
               (int)running);
    end_with(h, m, GAME_END_TIME, game_side_other(running), now);
    return 1;
}

/* Exchanges the two seats (the opening exchanged colours): black stays
 * Player1. Both players get their new seat (WELCOME) and everyone the new
 * order of names (START). */
static void exchange_seats(match_host *h, match *m)
{
    seat tmp = m->seat[0];
    int64_t left = m->left_ms[0];
    m->seat[0] = m->seat[1];
    m->seat[1] = tmp;
    m->left_ms[0] = m->left_ms[1];
    m->left_ms[1] = left;
    m->draw_offer = GAME_SIDE_NONE;
    logic_logf(h->sink, LOG_INFO, "match %lu: colours exchanged, \"%s\" has black",
               (unsigned long)m->id, m->seat[0].name);
    for (int s = 0; s < 2; s++)
        send_welcome(h, m, m->seat[s].conn, (uint8_t)(s + 1), m->seat[s].version);
    send_start(h, m, CONN_NONE);
}

/* A step of the opening from Player s+1 (OPENING_ACTION, or a MOVE while
 * a stone is due): checked like a move, journaled, applied, relayed. */
static void on_opening(match_host *h, match *m, int s, conn_id c, const packet_opening_action *pa,
                       uint64_t now)
{
    const game_ops *ops = ops_of(h);
    uint32_t ply = ops->ply(m->g);
    int black = gomoku_opening_black_seat(&m->open);
    int k = s ^ black; /* the opening's seat of this player */
    match_opening_step st;
    gomoku_opening_action a;
    gomoku_opening_verdict v;
    journal_entry je;
    game_result r;

    if (m->over || flag_fell(h, m, now)) {
        reject(h, c, pa->ply, PACKET_REJECT_NO_GAME);
        return;
    }
    if (pa->ply != ply) {
        reject(h, c, pa->ply, PACKET_REJECT_WRONG_PLY);
        return;
    }
    match_opening_step_of(pa, k, &st);
    match_opening_action_of(&st, &a);
    v = in_opening(m) ? gomoku_opening_check(&m->open, game_gomoku_engine(m->g), k, &a)
                      : GOMOKU_OPENING_OVER;
    if (v != GOMOKU_OPENING_OK) {
        reject(h, c, pa->ply, match_opening_reject(v));
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d opening step %s refused: %s",
                   (unsigned long)m->id, s + 1,
                   gomoku_opening_step_name((gomoku_opening_step)pa->step),
                   gomoku_opening_strerror(v));
        return;
    }
    gomoku_opening_apply(&m->open, game_gomoku_engine_rw(m->g), k, &a);
    if (m->clocked) {
        m->left_ms[s] -= move_cost(h, m, now);
        m->left_ms[s] += (int64_t)h->cfg->increment_ms;
        m->clock_since = now;
    }
    m->turn_since = now;
    /* Journaled before anyone hears of it, with the clocks as they stand
     * after it and in the order of the seats after it. */
    memset(&je, 0, sizeof je);
    je.kind = JOURNAL_OPENING;
    je.match_id = m->id;
    je.step = st;
    je.left_ms[0] = m->left_ms[black != gomoku_opening_black_seat(&m->open)];
    je.left_ms[1] = m->left_ms[black == gomoku_opening_black_seat(&m->open)];
    journal(h, &je);
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d opening step %s", (unsigned long)m->id,
               s + 1, gomoku_opening_step_name((gomoku_opening_step)pa->step));
    if (black != gomoku_opening_black_seat(&m->open))
        exchange_seats(h, m);
    if (!in_opening(m))
        m->opening_plies = ops->ply(m->g);
    for (uint32_t i = ply; i < ops->ply(m->g); i++) { /* the stones it put down */
        game_move mv;
        packet p;
        if (!ops->history(m->g, i, &mv))
            break;
        packet_make_move(&p, i, mv.from_x, mv.from_y, mv.to_x, mv.to_y, mv.promotion);
        broadcast(h, m, &p, CONN_NONE);
    }
    send_opening(h, m, CONN_NONE);
    r = ops->result(m->g);
    if (r.reason != GAME_END_NONE)
        end_game(h, m, r, now);
    else
        send_clock(h, m, CONN_NONE, now);
}

static void on_move(match_host *h, match *m, int s, conn_id c, const packet_move *pm, uint64_t now)
{
    const game_ops *ops = ops_of(h);
    game_side side = (game_side)(s + 1);
    game_move mv;
    game_move_error e;
    game_result r;
    char text[32] = "?";
    packet p;

    if (m->over || flag_fell(h, m, now)) {
        reject(h, c, pm->ply, PACKET_REJECT_NO_GAME);
        return;
    }
    if (in_opening(m)) { /* a stone of the opening: one of its steps */
        packet_opening_action pa;
        memset(&pa, 0, sizeof pa);
        pa.step = GOMOKU_STEP_PLACE;
        pa.ply = pm->ply;
        memset(pa.points, PACKET_NO_SQUARE, sizeof pa.points);
        pa.points[0] = pm->to_x;
        pa.points[1] = pm->to_y;
        on_opening(h, m, s, c, &pa, now);
        return;
    }
    if (ops->to_move(m->g) != side) {
        reject(h, c, pm->ply, PACKET_REJECT_NOT_YOUR_TURN);
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d rejected: not your turn",
                   (unsigned long)m->id, s + 1);
        return;
    }
    if (pm->ply != ops->ply(m->g)) {
        reject(h, c, pm->ply, PACKET_REJECT_WRONG_PLY);
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d rejected: ply %lu, expected %lu",
                   (unsigned long)m->id, s + 1, (unsigned long)pm->ply,
                   (unsigned long)ops->ply(m->g));
        return;
    }
    mv.from_x = pm->from_x;
    mv.from_y = pm->from_y;
    mv.to_x = pm->to_x;
    mv.to_y = pm->to_y;
    mv.promotion = pm->promotion;
    e = ops->check_move(m->g, side, &mv);
    if (e == GAME_MOVE_OK) {
        journal_entry je;
        if (ops->move_to_text(m->g, &mv, text, sizeof text) < 0)
            snprintf(text, sizeof text, "?");
        /* Journaled before it is applied, with the clocks as they will
         * stand after it; the loop syncs the journal once per batch before
         * any of the batch's output goes out, so it is durable before it is
         * relayed (server.c, commit_batch). */
        memset(&je, 0, sizeof je);
        je.kind = JOURNAL_MOVE;
        je.match_id = m->id;
        je.ply = pm->ply;
        je.move = mv;
        je.left_ms[0] = m->left_ms[0] - m->unearned_ms;
        je.left_ms[1] = m->left_ms[1] - m->unearned_ms;
        /* While the clocks are stopped (a restored game whose opponent
         * is not back yet) a move costs no time and earns no increment. */
        if (m->clocked && !m->paused)
            je.left_ms[s] += (int64_t)h->cfg->increment_ms - move_cost(h, m, now);
        journal(h, &je);
        e = ops->apply(m->g, &mv);
    }
    if (e != GAME_MOVE_OK) {
        reject(h, c, pm->ply, reject_reason(e));
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d move at ply %lu rejected: %s",
                   (unsigned long)m->id, s + 1, (unsigned long)pm->ply, game_move_strerror(e));
        return;
    }
    logic_logf(h->sink, LOG_INFO, "match %lu: ply %lu Player%d %s", (unsigned long)m->id,
               (unsigned long)pm->ply, s + 1, text);
    /* The move stands; an offer the mover did not take is declined. */
    if (m->draw_offer == game_side_other(side))
        set_draw_offer(h, m, GAME_SIDE_NONE);
    m->takeback_offer = GAME_SIDE_NONE; /* it was about the moves before this one */
    if (m->clocked && !m->paused) {
        m->left_ms[s] -= move_cost(h, m, now);
        m->left_ms[s] += (int64_t)h->cfg->increment_ms;
        m->clock_since = now;
    }
    m->turn_since = now;
    packet_make_move(&p, pm->ply, mv.from_x, mv.from_y, mv.to_x, mv.to_y, mv.promotion);
    /* The opponent first: it waits for this move, the mover only for its
     * confirmation (each send is a system call the next one waits behind). */
    send_to(h, m->seat[1 - s].conn, &p);
    broadcast(h, m, &p, m->seat[1 - s].conn);
    r = ops->result(m->g);
    if (r.reason != GAME_END_NONE)
        end_game(h, m, r, now);
    else
        send_clock(h, m, CONN_NONE, now);
}

static void send_answer(match_host *h, conn_id c, packet_type type, int accept)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    p.u.answer.accept = (uint8_t)(accept ? 1 : 0);
    send_to(h, c, &p);
}

static void send_offer(match_host *h, conn_id c, packet_type type, uint32_t ply)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    p.u.ply.ply = ply;
    send_to(h, c, &p);
}

static void not_allowed(match_host *h, conn_id c, const char *why)
{
    logic_send_error(h->sink, c, PACKET_CODE_NOT_ALLOWED, why);
}

enum { TAKEBACK_MAX_REQUESTS = 3 }; /* per player and game */

/* Why side may not ask to take back plies moves now, or NULL. */
static const char *takeback_refusal(match_host *h, const match *m, game_side side, int plies)
{
    const game_ops *ops = ops_of(h);
    uint32_t ply = ops->ply(m->g), first = 0;
    if (h->cfg->no_takeback)
        return "takebacks are off on this server";
    if (m->over || in_opening(m))
        return m->over ? "no game running" : "no takeback during the opening";
    if (m->takeback_offer != GAME_SIDE_NONE)
        return "a takeback request is pending";
    if (m->takebacks_asked[side - 1] >= TAKEBACK_MAX_REQUESTS)
        return "no more takeback requests this game";
    if (m->takeback_ply[side - 1] == ply + 1)
        return "one takeback request per move";
    if (m->opening_on) /* the opening's stones stay */
        first = m->opening_plies;
    /* 1: our own last move (the opponent is to move); 2: ours and the reply */
    if ((plies == 1) != (ops->to_move(m->g) != side))
        return plies == 1 ? "the last move is not yours" : "ask for 1 move: it is not your turn";
    if (ply < first + (uint32_t)plies)
        return "nothing to take back";
    return NULL;
}

static void on_takeback(match_host *h, match *m, int s, conn_id c, const packet *p, uint64_t now)
{
    game_side side = (game_side)(s + 1), other = game_side_other(side);
    const game_ops *ops = ops_of(h);
    const char *why;
    if (p->type == PACKET_TAKEBACK_OFFER) {
        why = takeback_refusal(h, m, side, p->u.takeback_offer.plies);
        if (why) {
            not_allowed(h, c, why);
            return;
        }
        m->takeback_offer = side;
        m->takeback_plies = p->u.takeback_offer.plies;
        m->takebacks_asked[s]++;
        m->takeback_ply[s] = ops->ply(m->g) + 1;
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d asks to take back %d move%s",
                   (unsigned long)m->id, s + 1, m->takeback_plies,
                   m->takeback_plies == 1 ? "" : "s");
        send_to(h, m->seat[1 - s].conn, p);
        return;
    }
    /* TAKEBACK_ANSWER */
    if (m->over || m->takeback_offer != other) {
        not_allowed(h, c, "no takeback request to answer");
        return;
    }
    m->takeback_offer = GAME_SIDE_NONE;
    if (!p->u.answer.accept) {
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d declines the takeback",
                   (unsigned long)m->id, s + 1);
        send_answer(h, m->seat[1 - s].conn, PACKET_TAKEBACK_ANSWER, 0);
        return;
    }
    {
        packet out;
        journal_entry je;
        game_side running = mover(h, m);
        if (m->clocked && running != GAME_SIDE_NONE) { /* the running clock stops here */
            m->left_ms[running - 1] = time_left(h, m, running, now);
            m->clock_since = now;
        }
        memset(&je, 0, sizeof je);
        je.kind = JOURNAL_UNDO;
        je.match_id = m->id;
        je.ply = m->takeback_plies;
        je.left_ms[0] = m->left_ms[0];
        je.left_ms[1] = m->left_ms[1];
        journal(h, &je);
        for (int i = 0; i < m->takeback_plies; i++)
            ops->undo(m->g);
        m->turn_since = now;
        m->draw_offer = GAME_SIDE_NONE;
        logic_logf(h->sink, LOG_INFO, "match %lu: %d move%s taken back, ply %lu",
                   (unsigned long)m->id, m->takeback_plies, m->takeback_plies == 1 ? "" : "s",
                   (unsigned long)ops->ply(m->g));
        memset(&out, 0, sizeof out);
        out.type = PACKET_TAKEBACK;
        out.u.takeback.plies = m->takeback_plies;
        out.u.takeback.ply = ops->ply(m->g);
        broadcast(h, m, &out, CONN_NONE);
        send_clock(h, m, CONN_NONE, now);
    }
}

static void start_rematch(match_host *h, match *m, uint64_t now)
{
    seat tmp = m->seat[0];
    /* Colours swap: last game's Player2 moves first now. */
    m->seat[0] = m->seat[1];
    m->seat[1] = tmp;
    ops_of(h)->reset(m->g);
    m->game_no++;
    logic_logf(h->sink, LOG_INFO, "match %lu: rematch agreed, colours swap", (unsigned long)m->id);
    for (int s = 0; s < 2; s++)
        send_welcome(h, m, m->seat[s].conn, (uint8_t)(s + 1), m->seat[s].version);
    begin_game(h, m, now);
}

static void on_offer_or_answer(match_host *h, match *m, int s, conn_id c, const packet *p,
                               uint64_t now)
{
    game_side side = (game_side)(s + 1), other = game_side_other(side);
    conn_id opp = m->seat[1 - s].conn;
    switch (p->type) {
    case PACKET_RESIGN:
        if (m->over || flag_fell(h, m, now)) {
            not_allowed(h, c, "no game running");
            return;
        }
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d resigns", (unsigned long)m->id, s + 1);
        end_with(h, m, GAME_END_RESIGNATION, other, now);
        return;
    case PACKET_DRAW_OFFER:
        if (m->over || flag_fell(h, m, now)) {
            not_allowed(h, c, "no game running");
        } else if (m->draw_offer == other) {
            end_with(h, m, GAME_END_DRAW_AGREED, GAME_SIDE_NONE, now);
        } else if (m->draw_offer != side) {
            set_draw_offer(h, m, side);
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d offers a draw", (unsigned long)m->id,
                       s + 1);
            send_offer(h, opp, PACKET_DRAW_OFFER, game_ply(h, m));
        }
        return;
    case PACKET_DRAW_ANSWER:
        if (m->over || m->draw_offer != other) {
            not_allowed(h, c, "no draw offer to answer");
        } else if (p->u.answer.accept) {
            end_with(h, m, GAME_END_DRAW_AGREED, GAME_SIDE_NONE, now);
        } else {
            set_draw_offer(h, m, GAME_SIDE_NONE);
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d declines the draw",
                       (unsigned long)m->id, s + 1);
            send_answer(h, opp, PACKET_DRAW_ANSWER, 0);
        }
        return;
    case PACKET_REMATCH_OFFER:
        if (!m->over) {
            not_allowed(h, c, "the game is still on");
        } else if (opp == CONN_NONE) {
            not_allowed(h, c, "your opponent has left");
        } else if (engine_gives_way(h, m, s)) {
            collect(h, m);
        } else if (m->rematch_offer == other) {
            start_rematch(h, m, now);
        } else if (m->rematch_offer != side) {
            set_rematch_offer(h, m, side);
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d offers a rematch",
                       (unsigned long)m->id, s + 1);
            send_offer(h, opp, PACKET_REMATCH_OFFER, game_ply(h, m));
        }
        return;
    case PACKET_REMATCH_ANSWER:
        if (!m->over || m->rematch_offer != other || opp == CONN_NONE) {
            not_allowed(h, c, "no rematch offer to answer");
        } else if (p->u.answer.accept) {
            if (engine_gives_way(h, m, s))
                collect(h, m);
            else
                start_rematch(h, m, now);
        } else {
            set_rematch_offer(h, m, GAME_SIDE_NONE);
            send_answer(h, opp, PACKET_REMATCH_ANSWER, 0);
        }
        return;
    default:
        return;
    }
}

static void remove_watcher(match_host *h, match *m, size_t w)
{
    place(h, m->watchers[w], NULL);
    m->watchers[w] = m->watchers[--m->nwatch];
}

/* A player's connection is gone (closed by the peer or by us). */
static void seat_dropped(match_host *h, match *m, int s, uint64_t now)
{
    place(h, m->seat[s].conn, NULL);
    if (m->seat[s].conn != CONN_NONE)
        h->away++;
    m->seat[s].conn = CONN_NONE;
    m->seat[s].dropped_ms = now;
    if (m->rematch_offer != GAME_SIDE_NONE)
        set_rematch_offer(h, m, GAME_SIDE_NONE);
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d \"%s\" dropped%s", (unsigned long)m->id,
               s + 1, m->seat[s].name, m->over ? "" : "; grace period starts");
    peer_status(h, m, s, 0, m->over ? 0 : h->cfg->grace_ms);
    collect(h, m);
}

void match_host_packet(match_host *h, conn_id c, const packet *p, uint64_t now_ms)
{
    role r;
    size_t widx = 0;
    match *m = find_conn(h, c, &r, &widx);
    if (!m)
        return;
    switch (p->type) {
    case PACKET_HELLO:
        logic_send_error(h->sink, c, PACKET_CODE_BAD_HELLO, "HELLO sent twice");
        h->sink->close(h->sink->ctx, c);
        if (r == ROLE_WATCHER)
            remove_watcher(h, m, widx);
        else
            seat_dropped(h, m, (int)r - 1, now_ms);
        return;
    case PACKET_CHAT: {
        packet out = *p;
        out.u.chat.seat = (uint8_t)r;
        broadcast(h, m, &out, CONN_NONE);
        return;
    }
    case PACKET_PING:
    case PACKET_PONG:
        return; /* the event loop answers pings */
    default:
        break;
    }
    if (r == ROLE_WATCHER) {
        not_allowed(h, c, "spectators cannot play");
        return;
    }
    switch (p->type) {
    case PACKET_MOVE:
        on_move(h, m, (int)r - 1, c, &p->u.move, now_ms);
        break;
    case PACKET_OPENING_ACTION:
        on_opening(h, m, (int)r - 1, c, &p->u.opening_action, now_ms);
        break;
    case PACKET_TAKEBACK_OFFER:
    case PACKET_TAKEBACK_ANSWER:
        if (!m->over)
            flag_fell(h, m, now_ms);
        on_takeback(h, m, (int)r - 1, c, p, now_ms);
        break;
    case PACKET_GIVE_TIME:
        if (!m->clocked || m->over || flag_fell(h, m, now_ms)) {
            not_allowed(h, c, m->clocked ? "no game running" : "no clock to give time on");
            break;
        }
        m->left_ms[1 - ((int)r - 1)] += p->u.give_time.ms;
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d gives %lu s to the opponent",
                   (unsigned long)m->id, (int)r, (unsigned long)(p->u.give_time.ms / 1000));
        send_clock(h, m, CONN_NONE, now_ms);
        break;
    case PACKET_RESIGN:
    case PACKET_DRAW_OFFER:
    case PACKET_DRAW_ANSWER:
    case PACKET_REMATCH_OFFER:
    case PACKET_REMATCH_ANSWER:
        on_offer_or_answer(h, m, (int)r - 1, c, p, now_ms);
        break;
    default:
        not_allowed(h, c, "a packet only the server sends");
        break;
    }
}

void match_host_closed(match_host *h, conn_id c, uint64_t now_ms)
{
    role r;
    size_t widx = 0;
    match *m = find_conn(h, c, &r, &widx);
    if (!m)
        return;
    if (r == ROLE_WATCHER) {
        remove_watcher(h, m, widx);
        logic_logf(h->sink, LOG_INFO, "match %lu: spectator conn %llu left", (unsigned long)m->id,
                   (unsigned long long)c);
        return;
    }
    seat_dropped(h, m, (int)r - 1, now_ms);
}

/* ---- time ---- */

/* An engine seat whose opponent stays on a finished game without asking
 * for another leaves it, MATCH_ENGINE_IDLE_MS after its end, when a human
 * waits in the lobby: it goes to play them. */
static void engine_leaves_idle(match_host *h, match *m, uint64_t now)
{
    if (!m->over || now - m->over_ms < MATCH_ENGINE_IDLE_MS || !h->sink->requeue ||
        !h->sink->human_waiting)
        return;
    for (int s = 0; s < 2; s++)
        if (m->seat[s].engine && m->seat[s].conn != CONN_NONE && m->seat[1 - s].conn != CONN_NONE &&
            h->sink->human_waiting(h->sink->ctx)) {
            logic_logf(h->sink, LOG_INFO,
                       "match %lu: a player waits in the lobby: the engine leaves the finished "
                       "game to play them",
                       (unsigned long)m->id);
            if (m->rematch_offer != GAME_SIDE_NONE)
                set_rematch_offer(h, m, GAME_SIDE_NONE);
            peer_status(h, m, s, 0, 0);
            requeue_seat(h, m, s);
            return;
        }
}

void match_host_tick(match_host *h, uint64_t now_ms)
{
    size_t i = 0;
    while (i < h->count) {
        match *m = h->m[i];
        flag_fell(h, m, now_ms);
        for (int s = 0; s < 2 && !m->over; s++)
            if (m->seat[s].conn == CONN_NONE &&
                now_ms - m->seat[s].dropped_ms >= h->cfg->grace_ms) {
                logic_logf(h->sink, LOG_INFO, "match %lu: Player%d did not come back in time",
                           (unsigned long)m->id, s + 1);
                end_with(h, m, GAME_END_OPPONENT_LEFT, (game_side)(2 - s), now_ms);
            }
        if (i < h->count && h->m[i] == m) {
            engine_leaves_idle(h, m, now_ms);
            collect(h, m);
            if (i < h->count && h->m[i] == m)
                i++;
        }
    }
}

uint64_t match_host_deadline(const match_host *h)
{
    uint64_t next = UINT64_MAX;
    if (!h->cfg->clock_ms && !h->cfg->move_time_ms && h->away == 0)
        return next; /* no clock runs and no grace period: skip the walk */
    for (size_t i = 0; i < h->count; i++) {
        const match *m = h->m[i];
        if (m->over)
            continue;
        for (int s = 0; s < 2; s++)
            if (m->seat[s].conn == CONN_NONE && m->seat[s].dropped_ms + h->cfg->grace_ms < next)
                next = m->seat[s].dropped_ms + h->cfg->grace_ms;
        if (!m->paused && h->cfg->move_time_ms && mover(h, m) != GAME_SIDE_NONE &&
            m->turn_since + h->cfg->move_time_ms < next)
            next = m->turn_since + h->cfg->move_time_ms;
        if (m->clocked && !m->paused) {
            game_side running = mover(h, m);
            if (running != GAME_SIDE_NONE) {
                int64_t left = m->left_ms[running - 1];
                if (h->cfg->delay_kind == 1) /* the clock starts after the delay */
                    left += (int64_t)h->cfg->delay_ms;
                uint64_t t = left <= 0 ? m->clock_since : m->clock_since + (uint64_t)left;
                if (t < next)
                    next = t;
            }
        }
    }
    return next;
}

void match_host_shutdown(match_host *h, uint64_t now_ms)
{
    while (h->count > 0) {
        match *m = h->m[h->count - 1];
        end_with(h, m, GAME_END_ABORTED, GAME_SIDE_NONE, now_ms);
        for (int s = 0; s < 2; s++)
            if (m->seat[s].conn != CONN_NONE) /* a dropped seat has no one to tell */
                logic_send_error(h->sink, m->seat[s].conn, PACKET_CODE_SHUTDOWN,
                                 "server shutting down");
        for (size_t w = 0; w < m->nwatch; w++)
            logic_send_error(h->sink, m->watchers[w], PACKET_CODE_SHUTDOWN, "server shutting down");
        destroy_match(h, h->count - 1);
    }
}

void match_host_suspend(match_host *h, uint64_t now_ms)
{
    while (h->count > 0) {
        match *m = h->m[h->count - 1];
        if (m->over) { /* nothing to resume: as at any other stop */
            for (int s = 0; s < 2; s++)
                if (m->seat[s].conn != CONN_NONE)
                    logic_send_error(h->sink, m->seat[s].conn, PACKET_CODE_SHUTDOWN,
                                     "server shutting down");
        } else {
            journal_entry e;
            packet p;
            if (m->clocked && !m->paused) {
                game_side mover = ops_of(h)->to_move(m->g);
                if (mover != GAME_SIDE_NONE)
                    m->left_ms[mover - 1] = time_left(h, m, mover, now_ms);
                m->clock_since = now_ms;
                m->paused = 1;
            }
            /* The clocks as they stopped, durable before anyone hears. */
            memset(&e, 0, sizeof e);
            e.kind = JOURNAL_STOP;
            e.match_id = m->id;
            e.game_no = m->game_no;
            e.left_ms[0] = m->clocked ? m->left_ms[0] - m->unearned_ms : 0;
            e.left_ms[1] = m->clocked ? m->left_ms[1] - m->unearned_ms : 0;
            journal(h, &e);
            send_clock(h, m, CONN_NONE, now_ms); /* stopped: running 0 */
            /* Version 2 peers hear RESTARTING (the event loop does not send
             * it to version 1 ones); everyone then gets the ERROR, which a
             * version 2 client takes as part of the restart. */
            memset(&p, 0, sizeof p);
            p.type = PACKET_RESTARTING;
            p.u.restarting.bonus_ms = m->clocked ? h->cfg->restart_bonus_ms : 0;
            p.u.restarting.grace_ms = h->cfg->grace_ms;
            broadcast(h, m, &p, CONN_NONE);
            for (int s = 0; s < 2; s++)
                if (m->seat[s].conn != CONN_NONE)
                    logic_send_error(h->sink, m->seat[s].conn, PACKET_CODE_SHUTDOWN,
                                     "server restarting: your game will resume");
            logic_logf(h->sink, LOG_INFO, "match %lu: game %lu kept for the restart at ply %lu",
                       (unsigned long)m->id, (unsigned long)m->game_no,
                       (unsigned long)game_ply(h, m));
        }
        for (size_t w = 0; w < m->nwatch; w++)
            logic_send_error(h->sink, m->watchers[w], PACKET_CODE_SHUTDOWN,
                             m->over ? "server shutting down" : "server restarting");
        destroy_match(h, h->count - 1);
    }
}

/* ---- queries ---- */

size_t match_host_matches(const match_host *h)
{
    return h->count;
}

size_t match_host_connections(const match_host *h)
{
    size_t n = 0;
    for (size_t i = 0; i < h->count; i++) {
        n += h->m[i]->nwatch;
        for (int s = 0; s < 2; s++)
            n += h->m[i]->seat[s].conn != CONN_NONE;
    }
    return n;
}

uint32_t match_host_latest(const match_host *h)
{
    uint32_t best = 0, best_any = 0;
    for (size_t i = 0; i < h->count; i++) {
        if (h->m[i]->id > best_any)
            best_any = h->m[i]->id;
        if (!h->m[i]->over && h->m[i]->id > best)
            best = h->m[i]->id;
    }
    return best ? best : best_any;
}

int match_host_view(const match_host *h, size_t i, match_view *out)
{
    const match *m;
    if (i >= h->count)
        return 0;
    m = h->m[i];
    out->id = m->id;
    out->game = m->g;
    out->over = m->over;
    out->seat[0] = m->seat[0].conn;
    out->seat[1] = m->seat[1].conn;
    out->watchers = m->watchers;
    out->nwatch = m->nwatch;
    return 1;
}
