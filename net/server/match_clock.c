/* match_clock.c: a match's clocks: time left, CLOCK packets, a flag
 * falling, the tick and its deadline, and the clocks at a stop. */
#include <string.h>

#include "match_host_internal.h"

/* ---- clocks ---- */

/* Time left for a side at now (the running side's clock runs). */
int64_t time_left(const match_host *h, const match *m, game_side side, uint64_t now)
{
    int64_t left = m->left_ms[side_seat(side)];
    if (!m->over && !m->paused && mover(h, m) == side) {
        int64_t used = (int64_t)(now - m->clock_since);
        /* A simple (US) delay: the clock starts only after the delay. A
         * Bronstein delay runs the clock and gives back at most the delay
         * after the move (move_cost). */
        if (m->cfg.delay_kind == 1)
            used = used > (int64_t)m->cfg.delay_ms ? used - (int64_t)m->cfg.delay_ms : 0;
        left -= used;
    }
    return left;
}

/* What the move that ends now costs its side: the time used, less the
 * delay (either kind), plus nothing; the increment is added apart. */
int64_t move_cost(const match *m, uint64_t now)
{
    int64_t used = (int64_t)(now - m->clock_since), d = (int64_t)m->cfg.delay_ms;
    return used > d ? used - d : 0;
}

/* CLOCK_DELAY, before the CLOCK it completes (version-3 peers: the event
 * loop does not send it to older ones): the delay, and what the running
 * side has not used of it by now. */
static void send_clock_delay(match_host *h, match *m, conn_id only, uint64_t now)
{
    packet p;
    uint32_t d = m->cfg.delay_ms;
    if (m->cfg.delay_kind == 0 || d == 0)
        return;
    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK_DELAY;
    p.u.clock_delay.kind = m->cfg.delay_kind;
    p.u.clock_delay.delay_ms = d;
    p.u.clock_delay.left_ms = d;
    if (!m->over && !m->paused && mover(h, m) != GAME_SIDE_NONE) {
        uint64_t used = now - m->clock_since;
        p.u.clock_delay.left_ms = used >= d ? 0 : d - (uint32_t)used;
    }
    if (only != CONN_NONE)
        send_to(h, only, &p);
    else
        broadcast(h, m, &p, CONN_NONE);
}

void send_clock(match_host *h, match *m, conn_id only, uint64_t now)
{
    packet p;
    if (!m->clocked)
        return;
    send_clock_delay(h, m, only, now);
    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK;
    for (int s = 0; s < 2; s++) {
        int64_t left = time_left(h, m, seat_side(s), now);
        uint32_t v = left < 0 ? 0 : left > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)left;
        if (s == 0)
            p.u.clock.p1_ms = v;
        else
            p.u.clock.p2_ms = v;
    }
    p.u.clock.running = m->over || m->paused ? 0 : (uint8_t)mover(h, m);
    p.u.clock.increment_ms = m->cfg.increment_ms;
    if (only != CONN_NONE)
        send_to(h, only, &p);
    else
        broadcast(h, m, &p, CONN_NONE);
}

/* Ends the game if the running clock has run out by now. */
int flag_fell(match_host *h, match *m, uint64_t now)
{
    game_side running;
    /* Without a move time or a clock nothing can fall: asked on every
     * move, so before the game is asked whose turn it is. */
    if (m->over || m->paused || (!m->cfg.move_time_ms && !m->clocked))
        return 0;
    running = mover(h, m);
    if (running != GAME_SIDE_NONE && m->cfg.move_time_ms &&
        now - m->turn_since >= m->cfg.move_time_ms) {
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

/* ---- time ---- */

/* A held finished match (its rematch offer pending, restored after a
 * restart or a player dropped) whose grace period ran out for a seat not
 * back: the offer lapses (the other player gets PEER_STATUS dropped, grace
 * 0), the match is a finished one as any other (gone once no player is
 * left). */
static void hold_expired(match_host *h, match *m, uint64_t now)
{
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn == CONN_NONE && now - m->seat[s].dropped_ms >= h->cfg->grace_ms) {
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d did not come back in time%s",
                       (unsigned long)m->id, seat_number(s),
                       m->rematch_offer != GAME_SIDE_NONE ? ": the rematch offer lapses" : "");
            m->held = 0;
            set_offer(h, m, JOURNAL_OFFER_DECLINED, GAME_SIDE_NONE);
            set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
            peer_status(h, m, s, 0, 0);
            return;
        }
}

/* An engine seat whose opponent stays on a finished game without asking
 * for another leaves it, MATCH_ENGINE_IDLE_MS after its end, when a human
 * waits in the lobby: it goes to play them. */
static void engine_leaves_idle(match_host *h, match *m, uint64_t now)
{
    if (!m->over || m->held || now - m->over_ms < MATCH_ENGINE_IDLE_MS || !h->sink->requeue ||
        !h->sink->human_waiting)
        return;
    for (int s = 0; s < 2; s++)
        if (m->seat[s].engine && m->seat[s].conn != CONN_NONE &&
            m->seat[other_seat(s)].conn != CONN_NONE && h->sink->human_waiting(h->sink->ctx)) {
            logic_logf(h->sink, LOG_INFO,
                       "match %lu: a player waits in the lobby: the engine leaves the finished "
                       "game to play them",
                       (unsigned long)m->id);
            if (m->rematch_offer != GAME_SIDE_NONE)
                set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
            peer_status(h, m, s, 0, 0);
            requeue_seat(h, m, s);
            return;
        }
}

/* A held finished match whose other seat is the engine, when a human comes
 * to wait for it in the lobby: the engine stops waiting for its absent
 * opponent (the offer lapses) and goes to play them. */
static void engine_leaves_hold(match_host *h, match *m)
{
    for (int s = 0; s < 2; s++)
        if (m->seat[other_seat(s)].conn == CONN_NONE && engine_wanted(h, m, s)) {
            logic_logf(h->sink, LOG_INFO,
                       "match %lu: a player waits in the lobby: the engine stops waiting for "
                       "its opponent and goes to play them",
                       (unsigned long)m->id);
            m->held = 0;
            set_offer(h, m, JOURNAL_OFFER_DECLINED, GAME_SIDE_NONE);
            set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
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
        if (m->held)
            engine_leaves_hold(h, m);
        if (m->held)
            hold_expired(h, m, now_ms);
        for (int s = 0; s < 2 && !m->over; s++)
            if (m->seat[s].conn == CONN_NONE &&
                now_ms - m->seat[s].dropped_ms >= h->cfg->grace_ms) {
                logic_logf(h->sink, LOG_INFO, "match %lu: Player%d did not come back in time",
                           (unsigned long)m->id, seat_number(s));
                end_with(h, m, GAME_END_OPPONENT_LEFT, seat_side(other_seat(s)), now_ms);
            }
        if (i < h->count && h->m[i] == m) {
            engine_leaves_idle(h, m, now_ms);
            host_collect(h, m);
            if (i < h->count && h->m[i] == m)
                i++;
        }
    }
}

uint64_t match_host_deadline(const match_host *h)
{
    uint64_t next = UINT64_MAX;
    if (h->timed == 0 && h->away == 0)
        return next; /* no clock runs and no grace period: skip the walk */
    for (size_t i = 0; i < h->count; i++) {
        const match *m = h->m[i];
        if (m->over && !m->held)
            continue;
        for (int s = 0; s < 2; s++)
            if (m->seat[s].conn == CONN_NONE && m->seat[s].dropped_ms + h->cfg->grace_ms < next)
                next = m->seat[s].dropped_ms + h->cfg->grace_ms;
        if (m->over)
            continue;
        if (!m->paused && m->cfg.move_time_ms && mover(h, m) != GAME_SIDE_NONE &&
            m->turn_since + m->cfg.move_time_ms < next)
            next = m->turn_since + m->cfg.move_time_ms;
        if (m->clocked && !m->paused) {
            game_side running = mover(h, m);
            if (running != GAME_SIDE_NONE) {
                int64_t left = m->left_ms[side_seat(running)];
                if (m->cfg.delay_kind == 1) /* the clock starts after the delay */
                    left += (int64_t)m->cfg.delay_ms;
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

/* RESTARTING to everyone of m (version 2 peers: the event loop does not
 * send it to version 1 ones), then the ERROR to both players, which a
 * version 2 client takes as part of the restart. */
static void tell_restart(match_host *h, match *m, uint32_t bonus_ms)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_RESTARTING;
    p.u.restarting.bonus_ms = bonus_ms;
    p.u.restarting.grace_ms = h->cfg->grace_ms;
    broadcast(h, m, &p, CONN_NONE);
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn != CONN_NONE)
            logic_send_error(h->sink, m->seat[s].conn, PACKET_CODE_SHUTDOWN,
                             "server restarting: your game will resume");
}

void match_host_suspend(match_host *h, uint64_t now_ms)
{
    while (h->count > 0) {
        match *m = h->m[h->count - 1];
        /* A finished match is kept only for a pending rematch offer (the
         * journal keeps its game until the offer is settled). A decline
         * its away maker has not heard stays in the journal for the maker,
         * with nobody here to tell: the one who declined is done. */
        int kept = !m->over || m->rematch_offer != GAME_SIDE_NONE;
        if (!kept) { /* nothing to resume: as at any other stop */
            for (int s = 0; s < 2; s++)
                if (m->seat[s].conn != CONN_NONE)
                    logic_send_error(h->sink, m->seat[s].conn, PACKET_CODE_SHUTDOWN,
                                     "server shutting down");
        } else if (m->over) {
            send_clock(h, m, CONN_NONE, now_ms);
            tell_restart(h, m, 0);
            logic_logf(h->sink, LOG_INFO,
                       "match %lu: finished game %lu kept for the restart with Player%d's "
                       "rematch offer",
                       (unsigned long)m->id, (unsigned long)m->game_no, (int)m->rematch_offer);
        } else {
            journal_entry e;
            if (m->clocked && !m->paused) {
                game_side mover = ops_of(m)->to_move(m->g);
                if (mover != GAME_SIDE_NONE)
                    m->left_ms[side_seat(mover)] = time_left(h, m, mover, now_ms);
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
            host_journal(h, &e);
            send_clock(h, m, CONN_NONE, now_ms); /* stopped: running 0 */
            tell_restart(h, m, m->clocked ? h->cfg->restart_bonus_ms : 0);
            logic_logf(h->sink, LOG_INFO, "match %lu: game %lu kept for the restart at ply %lu",
                       (unsigned long)m->id, (unsigned long)m->game_no,
                       (unsigned long)game_ply(h, m));
        }
        for (size_t w = 0; w < m->nwatch; w++)
            logic_send_error(h->sink, m->watchers[w], PACKET_CODE_SHUTDOWN,
                             kept ? "server restarting" : "server shutting down");
        destroy_match(h, h->count - 1);
    }
}
