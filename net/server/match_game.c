/* match_game.c: one game of a match: what it journals, how it starts
 * (START, WELCOME, the opening) and how it ends (result, record, the
 * match collected when both players are gone). */
#include <stdlib.h>
#include <string.h>

#include "game_gomoku.h"
#include "match_host_internal.h"
#include "match_opening.h"
#include "record_text.h"

/* ---- the journal ---- */

/* Makes e durable through the sink before the caller tells anyone. A
 * journal that fails is logged; the game goes on (it is then only as safe
 * as a server without a journal). */
void host_journal(match_host *h, const journal_entry *e)
{
    if (h->sink->journal && h->sink->journal(h->sink->ctx, e) != 0)
        logic_logf(h->sink, LOG_ERROR,
                   "match %lu: journal write failed: this game may not "
                   "survive a crash",
                   (unsigned long)e->match_id);
}

/* An entry of a kind about m's current game, the rest zero. */
static journal_entry entry_of(const match *m, journal_kind kind)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.match_id = m->id;
    e.game_no = m->game_no;
    return e;
}

/* An offer of a kind is pending from `side`, or none (GAME_SIDE_NONE): made
 * durable before the offer (or its answer) is relayed, so that a server
 * killed at any moment restores it. */
static void note_offer(match_host *h, const match *m, journal_offer kind, game_side side)
{
    journal_entry e = entry_of(m, JOURNAL_OFFER);
    e.offer = kind;
    e.side = side;
    host_journal(h, &e);
}

/* Sets who has an offer of a kind pending (GAME_SIDE_NONE: nobody),
 * journaled when it changes. A takeback request is for as many moves as
 * the position allows (1 when the requester is not to move, else 2).
 * JOURNAL_OFFER_DECLINED: whose declined rematch offer is still to be
 * told to it (m->declined). */
void set_offer(match_host *h, match *m, journal_offer kind, game_side side)
{
    game_side *at = kind == JOURNAL_OFFER_DRAW       ? &m->draw_offer
                    : kind == JOURNAL_OFFER_REMATCH  ? &m->rematch_offer
                    : kind == JOURNAL_OFFER_DECLINED ? &m->declined
                                                     : &m->takeback_offer;
    if (*at == side)
        return;
    *at = side;
    note_offer(h, m, kind, side);
}

/* The clocks changed between moves (time given): journaled at once, as
 * they stand as of the last move (the restart bonus not earned yet left
 * out, as in a MOVE entry). */
void journal_clocks(match_host *h, const match *m)
{
    journal_entry e = entry_of(m, JOURNAL_CLOCK);
    e.left_ms[0] = m->left_ms[0] - m->unearned_ms;
    e.left_ms[1] = m->left_ms[1] - m->unearned_ms;
    host_journal(h, &e);
}

static void journal_game(match_host *h, const match *m)
{
    journal_entry e = entry_of(m, JOURNAL_GAME);
    for (int s = 0; s < 2; s++) {
        e.name[s] = m->seat[s].name;
        e.token[s] = m->seat[s].token;
        e.engine[s] = m->seat[s].engine; /* a restart gives it back to the engine's bot */
        e.left_ms[s] = m->left_ms[s];
    }
    e.terms = &m->cfg; /* a restart goes on under them (match_terms.h) */
    host_journal(h, &e);
}

/* ---- the end of a game, and of a match ---- */

void destroy_match(match_host *h, size_t idx)
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
    if (m->cfg.clock_ms || m->cfg.move_time_ms)
        h->timed--;
    ops_of(m)->destroy(m->g);
    free(m->watchers);
    free(m);
    h->m[idx] = h->m[--h->count];
}

/* Seat s leaves its finished match m for the lobby (sink->requeue): away
 * from m as after a drop, without a word to anyone. */
void requeue_seat(match_host *h, match *m, int s)
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

/* Seat s is the server's engine seat, still in m, and a human waits for it
 * in the lobby: it is not kept waiting for m's absent player. */
int engine_wanted(const match_host *h, const match *m, int s)
{
    return m->seat[s].engine && m->seat[s].conn != CONN_NONE && h->sink->requeue &&
           h->sink->human_waiting && h->sink->human_waiting(h->sink->ctx);
}

/* The engine seat gives way between games (docs/server.md, "Engine seat"):
 * when seat s, a human, asks the engine for another game while a human
 * waits in the lobby, both go back to the lobby, s first, so that s plays
 * the human who waits and the engine waits again. 1 when it did. */
int engine_gives_way(match_host *h, match *m, int s)
{
    if (!m->seat[other_seat(s)].engine || m->seat[s].engine || !h->sink->requeue ||
        !h->sink->human_waiting || !h->sink->human_waiting(h->sink->ctx))
        return 0;
    logic_logf(h->sink, LOG_INFO,
               "match %lu: a player waits in the lobby: the engine gives its seat, "
               "\"%s\" goes to play them",
               (unsigned long)m->id, m->seat[s].name);
    if (m->rematch_offer != GAME_SIDE_NONE)
        set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
    requeue_seat(h, m, s);
    requeue_seat(h, m, other_seat(s));
    return 1;
}

/* A finished match with no player left is gone (unless its seats are
 * held after a restart). The engine seat does not stay alone in one: it
 * goes back to the lobby to wait. */
void host_collect(match_host *h, match *m)
{
    for (int s = 0; s < 2 && m->over && !m->held && h->sink->requeue; s++)
        if (m->seat[s].engine && m->seat[s].conn != CONN_NONE &&
            m->seat[other_seat(s)].conn == CONN_NONE)
            requeue_seat(h, m, s);
    if (!m->over || m->held || m->seat[0].conn != CONN_NONE || m->seat[1].conn != CONN_NONE)
        return;
    for (size_t i = 0; i < h->count; i++)
        if (h->m[i] == m) {
            journal_entry e = entry_of(m, JOURNAL_GONE); /* no rematch can follow now */
            host_journal(h, &e);
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
    e = record_text_make(ops_of(m), m->g, m->id, m->game_no, m->seat[0].name, m->seat[1].name, date,
                         m->opening_on ? opening : NULL, r, &text, &len);
    if (e != GAME_OK) {
        logic_logf(h->sink, LOG_ERROR, "match %lu: cannot make the record: %s",
                   (unsigned long)m->id, game_strerror(e));
        return 0;
    }
    rec.match_id = m->id;
    rec.game_no = m->game_no;
    rec.extension = ops_of(m)->record_extension;
    rec.text = text;
    rec.len = len;
    rec.result = r;
    h->sink->record(h->sink->ctx, &rec);
    free(text);
    return 1;
}

void end_game(match_host *h, match *m, game_result r, uint64_t now)
{
    packet p;
    if (m->over)
        return;
    /* Freeze the clocks at now before the game stops running. */
    if (m->clocked) {
        game_side running = mover(h, m);
        if (running != GAME_SIDE_NONE)
            m->left_ms[side_seat(running)] = time_left(h, m, running, now);
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
        host_journal(h, &e);
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
        host_journal(h, &e);
    }
    if (h->sink->match_event)
        h->sink->match_event(h->sink->ctx, m->id, MATCH_FINISHED);
}

void end_with(match_host *h, match *m, game_end_reason reason, game_side winner, uint64_t now)
{
    game_result r;
    r.reason = reason;
    r.winner = winner;
    end_game(h, m, r, now);
}

/* ---- starting a game ---- */

void send_start(match_host *h, match *m, conn_id only)
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

void send_welcome(match_host *h, match *m, conn_id c, uint8_t seat_no, uint16_t version)
{
    packet p;
    int seated = seat_no == PACKET_SEAT_P1 || seat_no == PACKET_SEAT_P2;
    logic_welcome(&p, &m->cfg, seat_no, m->id, seated ? m->seat[seat_no - 1].token : NULL, version);
    send_to(h, c, &p);
}

/* OPENING_STATE to one connection, or to everyone (version-2 peers only:
 * the loop drops it for others). */
void send_opening(match_host *h, match *m, conn_id only)
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

/* Starts the match's opening rule on the fresh game. */
static void start_opening(match *m)
{
    m->opening_on = m->cfg.opening != 0 && ops_of(m)->kind == GAME_KIND_GOMOKU &&
                    gomoku_opening_init(&m->open, (gomoku_opening_rule)m->cfg.opening,
                                        game_gomoku_engine(m->g)) == 0;
}

void begin_game(match_host *h, match *m, uint64_t now)
{
    m->over = 0;
    m->takeback_offer = GAME_SIDE_NONE;
    m->opening_plies = 0;
    memset(m->takebacks_asked, 0, sizeof m->takebacks_asked);
    memset(m->takeback_ply, 0, sizeof m->takeback_ply);
    start_opening(m);
    m->draw_offer = m->rematch_offer = GAME_SIDE_NONE;
    m->clocked = m->cfg.clock_ms > 0;
    m->left_ms[0] = m->left_ms[1] = (int64_t)m->cfg.clock_ms;
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
