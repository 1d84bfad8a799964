/* match_resume.c: bringing players back: a match restored from the
 * journal after a restart, a player resuming with a token, a spectator
 * joining (SYNC_BEGIN ... SYNC_END). */
#include <stdlib.h>
#include <string.h>

#include "game_gomoku.h"
#include "match_host_internal.h"
#include "match_opening.h"
#include "match_terms.h"

/* ---- restoring from the journal ---- */

/* A takeback request of side read back from the journal: pending again if
 * it could still be made (its size follows from the position). */
static void restore_takeback(match *m, game_side side)
{
    const game_ops *ops = ops_of(m);
    int plies = ops->to_move(m->g) != side ? 1 : 2;
    if (side == GAME_SIDE_NONE || takeback_refusal(m, side, plies) != NULL)
        return;
    m->takeback_offer = side;
    m->takeback_plies = (uint8_t)plies;
    m->takebacks_asked[side_seat(side)] = 1;
    m->takeback_ply[side_seat(side)] = ops->ply(m->g) + 1;
}

/* A finished game read back for its pending rematch offer, or for a
 * decline of one its maker has not heard (match_restore.over): the seats
 * are held for the grace period, so that both players can come back and
 * answer the offer, or its maker hear the decline; m is the restored game,
 * both seats away. */
static void restore_finished(match_host *h, match *m, const match_restore *r)
{
    game_side loser = game_side_other(r->result.winner);
    m->over = 1;
    m->held = 1;
    m->result = r->result;
    /* The journal has the clocks of the last move; a flag that fell shows 0. */
    if (m->clocked && r->result.reason == GAME_END_TIME && r->result.winner != GAME_SIDE_NONE &&
        m->left_ms[side_seat(loser)] > 0)
        m->left_ms[side_seat(loser)] = 0;
    m->rematch_offer = r->offer[JOURNAL_OFFER_REMATCH];
    m->declined = r->offer[JOURNAL_OFFER_DECLINED];
    keep_match(h, m);
    if (h->sink->match_event)
        h->sink->match_event(h->sink->ctx, m->id, MATCH_FINISHED);
    logic_logf(h->sink, LOG_INFO,
               "match %lu: finished game %lu restored from the journal with Player%d's rematch "
               "offer%s, \"%s\" v \"%s\"",
               (unsigned long)m->id, (unsigned long)m->game_no,
               (int)(m->rematch_offer != GAME_SIDE_NONE ? m->rematch_offer : m->declined),
               m->rematch_offer != GAME_SIDE_NONE ? "" : " declined, to be told", m->seat[0].name,
               m->seat[1].name);
}

int match_host_restore(match_host *h, const match_restore *r, uint64_t now_ms)
{
    /* Its own terms, journaled with it; the server's for an older journal. */
    const match_config *terms = r->terms.ops ? &r->terms : h->cfg;
    const game_ops *ops = terms->ops;
    match *m = new_match(h, terms);
    game_result res;
    if (!m || !m->g || h->count == h->cap) {
        logic_logf(h->sink, LOG_ERROR, "match %lu: out of memory, not restored",
                   (unsigned long)r->match_id);
        if (m && m->g)
            ops->destroy(m->g);
        free(m);
        return -1;
    }
    if (!match_terms_equal(terms, h->cfg))
        logic_logf(h->sink, LOG_INFO,
                   "match %lu: restored under its own terms, not the server's options",
                   (unsigned long)r->match_id);
    m->opening_on = m->cfg.opening != 0 && ops->kind == GAME_KIND_GOMOKU;
    if (m->opening_on || r->nsteps > 0) {
        /* steps with no opening rule to replay them under are refused too */
        if (!m->opening_on ||
            match_opening_replay((gomoku_opening_rule)m->cfg.opening, m->g, &m->open, r) != 0) {
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
        /* The engine seat's bot comes back to it (lobby.h, engine_back). */
        m->seat[s].engine = !logic_token_is_zero(h->cfg->seat_key) && r->engine[from];
        m->seat[s].conn = CONN_NONE;
        m->seat[s].dropped_ms = now_ms; /* both have the grace period from now */
        m->left_ms[s] = r->left_ms[s];
    }
    h->away += 2;
    m->clocked = m->cfg.clock_ms > 0;
    m->clock_since = m->turn_since = now_ms; /* the time the server was down is nobody's */
    if (r->over) {
        restore_finished(h, m, r);
        return 0;
    }
    /* Stopped until both players are back (a move time cap too, with or
     * without a clock), then each gets its time plus the bonus. */
    m->paused = m->clocked || m->cfg.move_time_ms != 0;
    if (m->clocked) {
        m->unearned_ms = h->cfg->restart_bonus_ms;
        m->left_ms[0] += m->unearned_ms;
        m->left_ms[1] += m->unearned_ms;
    }
    m->draw_offer = r->offer[JOURNAL_OFFER_DRAW];
    restore_takeback(m, r->offer[JOURNAL_OFFER_TAKEBACK]);
    keep_match(h, m);
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
        host_collect(h, m);
    }
    return 0;
}

/* ---- joining: resume and watch ---- */

static void send_game_over_to(match_host *h, match *m, conn_id c, game_result r);

/* The game so far: SYNC_BEGIN, every MOVE, SYNC_END, then the clock, the
 * result if it is over and an offer that waits for this seat. */
static void send_sync(match_host *h, match *m, conn_id c, game_side side, uint64_t now)
{
    const game_ops *ops = ops_of(m);
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
    if (side != GAME_SIDE_NONE && !m->over && m->takeback_offer == game_side_other(side)) {
        memset(&p, 0, sizeof p);
        p.type = PACKET_TAKEBACK_OFFER;
        p.u.takeback_offer.plies = m->takeback_plies;
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

uint32_t grace_left(const match_host *h, const match *m, int s, uint64_t now)
{
    uint64_t gone = now - m->seat[s].dropped_ms;
    return gone >= h->cfg->grace_ms ? 0 : (uint32_t)(h->cfg->grace_ms - gone);
}

/* A rematch offer of seat s was declined while it was away: it hears it
 * now, after the result of its resume (REMATCH_ANSWER 0); journaled first,
 * so that the journal lets the finished game go. 1 when it did. */
static int tell_declined(match_host *h, match *m, int s, conn_id c)
{
    packet p;
    if (!m->over || m->declined != seat_side(s))
        return 0;
    set_offer(h, m, JOURNAL_OFFER_DECLINED, GAME_SIDE_NONE);
    memset(&p, 0, sizeof p);
    p.type = PACKET_REMATCH_ANSWER;
    send_to(h, c, &p);
    return 1;
}

void peer_status(match_host *h, match *m, int s, int back, uint32_t grace_ms)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_PEER_STATUS;
    p.u.peer.seat = seat_number(s);
    p.u.peer.status = (uint8_t)(back ? 1 : 0);
    p.u.peer.grace_ms = grace_ms;
    broadcast(h, m, &p, m->seat[s].conn);
}

/* Opening steps are version-2 packets: a match with an opening rule in
 * its terms is not for an older client (the lobby checks new seats
 * against the server's flags; a restored match may have other terms). */
static int too_old(const match *m, const packet_hello *hello)
{
    return m->cfg.opening != 0 && packet_negotiate_version(hello->version) < 2;
}

/* Seat s, back, made the rematch offer that stands and its opponent is
 * the engine: the engine did not start the game while s was away
 * (match_offers.c): it is asked again. */
static void ask_engine_again(match_host *h, match *m, int s)
{
    conn_id e = m->seat[other_seat(s)].conn;
    packet p;
    if (!m->over || m->rematch_offer != seat_side(s) || !m->seat[other_seat(s)].engine ||
        e == CONN_NONE)
        return;
    memset(&p, 0, sizeof p);
    p.type = PACKET_REMATCH_OFFER;
    p.u.ply.ply = game_ply(h, m);
    send_to(h, e, &p);
}

/* Seat s is back and its opponent is away, never back since the game was
 * restored (its version is still 0): a version-4 player hears that it is
 * not back yet after the restart, not that it dropped; an older one hears
 * "dropped", as before version 4. */
static int not_back_since_restore(const match *m, int s, int declined)
{
    return !declined && m->seat[other_seat(s)].version == 0 && m->seat[s].version >= 4;
}

static int resume(match_host *h, conn_id c, const packet_hello *hello, uint64_t now)
{
    for (size_t i = 0; i < h->count; i++) {
        match *m = h->m[i];
        for (int s = 0; s < 2; s++) {
            int declined;
            if (!logic_token_equal(m->seat[s].token, hello->token))
                continue;
            if (too_old(m, hello))
                return PACKET_CODE_BAD_HELLO;
            if (m->over && !m->held && m->seat[s].conn == CONN_NONE)
                return PACKET_CODE_BAD_TOKEN; /* it left a finished game: expired */
            if (m->seat[s].conn != CONN_NONE) {
                /* The old connection is half-open: the token's holder wins. */
                logic_logf(h->sink, LOG_INFO,
                           "match %lu: Player%d resumes on conn %llu, "
                           "replacing conn %llu",
                           (unsigned long)m->id, seat_number(s), (unsigned long long)c,
                           (unsigned long long)m->seat[s].conn);
                place(h, m->seat[s].conn, NULL);
                h->sink->close(h->sink->ctx, m->seat[s].conn);
            } else {
                h->away--;
                logic_logf(h->sink, LOG_INFO, "match %lu: Player%d \"%s\" is back on conn %llu",
                           (unsigned long)m->id, seat_number(s), m->seat[s].name,
                           (unsigned long long)c);
            }
            m->seat[s].conn = c;
            m->seat[s].version = packet_negotiate_version(hello->version);
            m->seat[s].unaware = 0; /* a new connection: it hears the game it is in */
            place(h, c, m);
            send_welcome(h, m, c, seat_number(s), m->seat[s].version);
            send_start(h, m, c);
            send_sync(h, m, c, seat_side(s), now);
            declined = tell_declined(h, m, s, c);
            peer_status(h, m, s, 1, 0);
            ask_engine_again(h, m, s);
            if (m->held && (declined || m->seat[other_seat(s)].conn != CONN_NONE)) {
                m->held = 0; /* a finished match as any other now */
                logic_logf(h->sink, LOG_INFO, "match %lu: %s", (unsigned long)m->id,
                           declined ? "the rematch offer's maker is back and told of the decline"
                                    : "both players are back for the rematch offer");
            }
            if (m->paused && m->seat[other_seat(s)].conn != CONN_NONE) {
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
            if ((!m->over || m->held || declined) && m->seat[other_seat(s)].conn == CONN_NONE) {
                /* The opponent is away too (e.g. after a restart): say so;
                 * gone for good (grace 0) when it left after declining. */
                packet p;
                memset(&p, 0, sizeof p);
                p.type = PACKET_PEER_STATUS;
                p.u.peer.seat = seat_number(other_seat(s));
                p.u.peer.status = not_back_since_restore(m, s, declined) ? PACKET_PEER_NOT_BACK
                                                                         : PACKET_PEER_DROPPED;
                p.u.peer.grace_ms = declined ? 0 : grace_left(h, m, other_seat(s), now);
                send_to(h, c, &p);
            }
            return 0;
        }
    }
    return PACKET_CODE_BAD_TOKEN;
}

/* The engine seat's bot back (sink->engine_back: the seat's token in
 * hello): a resume, but only into a game of the server's kind, which its
 * engine plays; a game restored under other terms waits for its player
 * without it (its bot would fail at once and resign). */
static int engine_resume(match_host *h, conn_id c, const packet_hello *hello, uint64_t now)
{
    for (size_t i = 0; i < h->count; i++)
        for (int s = 0; s < 2; s++)
            if (logic_token_equal(h->m[i]->seat[s].token, hello->token) &&
                ops_of(h->m[i])->kind != h->cfg->ops->kind)
                return PACKET_CODE_BAD_TOKEN;
    return resume(h, c, hello, now);
}

int match_host_join(match_host *h, conn_id c, const packet_hello *hello, uint32_t match_id,
                    uint64_t now_ms)
{
    match *m;
    if (hello->want == PACKET_WANT_PLAY)
        return resume(h, c, hello, now_ms);
    if (hello->want == PACKET_WANT_SEAT)
        return engine_resume(h, c, hello, now_ms);
    if (match_id == 0)
        match_id = match_host_latest(h);
    m = find_id(h, match_id);
    if (!m)
        return PACKET_CODE_NO_MATCH;
    if (too_old(m, hello))
        return PACKET_CODE_BAD_HELLO;
    if (mb_grow(&m->watchers, &m->capwatch, m->nwatch + 1, sizeof *m->watchers, 4) != 0)
        return PACKET_CODE_SERVER_FULL;
    m->watchers[m->nwatch++] = c;
    place(h, c, m);
    logic_logf(h->sink, LOG_INFO, "match %lu: conn %llu \"%s\" watches", (unsigned long)m->id,
               (unsigned long long)c, hello->name);
    send_welcome(h, m, c, PACKET_SEAT_SPECTATOR, packet_negotiate_version(hello->version));
    send_start(h, m, c);
    send_sync(h, m, c, GAME_SIDE_NONE, now_ms);
    return 0;
}
