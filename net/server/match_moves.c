/* match_moves.c: moves and opening steps: checked (seat, ply, rules)
 * before they are journaled and relayed; REJECT with the reason. */
#include <stdio.h>
#include <string.h>

#include "game_gomoku.h"
#include "match_host_internal.h"
#include "match_opening.h"

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

/* Exchanges the two seats (the opening exchanged colours): black stays
 * Player1. Both players get their new seat (WELCOME) and everyone the new
 * order of names (START, after which a client shows no offer). A draw
 * offer lapses, in the journal too: restored, it would name the wrong
 * player. */
static void exchange_seats(match_host *h, match *m)
{
    seat tmp = m->seat[0];
    int64_t left = m->left_ms[0];
    m->seat[0] = m->seat[1];
    m->seat[1] = tmp;
    m->left_ms[0] = m->left_ms[1];
    m->left_ms[1] = left;
    set_offer(h, m, JOURNAL_OFFER_DRAW, GAME_SIDE_NONE);
    logic_logf(h->sink, LOG_INFO, "match %lu: colours exchanged, \"%s\" has black",
               (unsigned long)m->id, m->seat[0].name);
    for (int s = 0; s < 2; s++)
        send_welcome(h, m, m->seat[s].conn, seat_number(s), m->seat[s].version);
    send_start(h, m, CONN_NONE);
}

/* A step of the opening from Player s+1 (OPENING_ACTION, or a MOVE while
 * a stone is due): checked like a move, journaled, applied, relayed. */
void on_opening(match_host *h, match *m, int s, conn_id c, const packet_opening_action *pa,
                uint64_t now)
{
    const game_ops *ops = ops_of(m);
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
                   (unsigned long)m->id, seat_number(s),
                   gomoku_opening_step_name((gomoku_opening_step)pa->step),
                   gomoku_opening_strerror(v));
        return;
    }
    gomoku_opening_apply(&m->open, game_gomoku_engine_rw(m->g), k, &a);
    if (m->clocked) {
        m->left_ms[s] -= move_cost(m, now);
        m->left_ms[s] += (int64_t)m->cfg.increment_ms;
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
    host_journal(h, &je);
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d opening step %s", (unsigned long)m->id,
               seat_number(s), gomoku_opening_step_name((gomoku_opening_step)pa->step));
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

void on_move(match_host *h, match *m, int s, conn_id c, const packet_move *pm, uint64_t now)
{
    const game_ops *ops = ops_of(m);
    game_side side = seat_side(s);
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
                   (unsigned long)m->id, seat_number(s));
        return;
    }
    if (pm->ply != ops->ply(m->g)) {
        reject(h, c, pm->ply, PACKET_REJECT_WRONG_PLY);
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d rejected: ply %lu, expected %lu",
                   (unsigned long)m->id, seat_number(s), (unsigned long)pm->ply,
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
        /* The move's text is for its log line alone: flat out, under the
         * default level, that line is not logged. */
        if (logic_log_on(h->sink, LOG_INFO) && ops->move_to_text(m->g, &mv, text, sizeof text) < 0)
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
            je.left_ms[s] += (int64_t)m->cfg.increment_ms - move_cost(m, now);
        host_journal(h, &je);
        e = ops->apply(m->g, &mv);
    }
    if (e != GAME_MOVE_OK) {
        reject(h, c, pm->ply, reject_reason(e));
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d move at ply %lu rejected: %s",
                   (unsigned long)m->id, seat_number(s), (unsigned long)pm->ply,
                   game_move_strerror(e));
        return;
    }
    logic_logf(h->sink, LOG_INFO, "match %lu: ply %lu Player%d %s", (unsigned long)m->id,
               (unsigned long)pm->ply, seat_number(s), text);
    /* The move stands; an offer the mover did not take is declined. */
    if (m->draw_offer == game_side_other(side))
        set_offer(h, m, JOURNAL_OFFER_DRAW, GAME_SIDE_NONE);
    set_offer(h, m, JOURNAL_OFFER_TAKEBACK,
              GAME_SIDE_NONE); /* it was about the moves before this one */
    if (m->clocked && !m->paused) {
        m->left_ms[s] -= move_cost(m, now);
        m->left_ms[s] += (int64_t)m->cfg.increment_ms;
        m->clock_since = now;
    }
    m->turn_since = now;
    packet_make_move(&p, pm->ply, mv.from_x, mv.from_y, mv.to_x, mv.to_y, mv.promotion);
    /* The opponent first: it waits for this move, the mover only for its
     * confirmation (each send is a system call the next one waits behind). */
    send_to(h, m->seat[other_seat(s)].conn, &p);
    broadcast(h, m, &p, m->seat[other_seat(s)].conn);
    r = ops->result(m->g);
    if (r.reason != GAME_END_NONE)
        end_game(h, m, r, now);
    else
        send_clock(h, m, CONN_NONE, now);
}
