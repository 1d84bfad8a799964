/* match_offers.c: draw, rematch and takeback offers and their answers,
 * resigning, and the rematch itself. */
#include <string.h>

#include "match_host_internal.h"
#include "match_opening.h"

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

void not_allowed(match_host *h, conn_id c, const char *why)
{
    logic_send_error(h->sink, c, PACKET_CODE_NOT_ALLOWED, why);
}

enum { TAKEBACK_MAX_REQUESTS = 3 }; /* per player and game */

/* Why side may not ask to take back plies moves now, or NULL. */
const char *takeback_refusal(const match *m, game_side side, int plies)
{
    const game_ops *ops = ops_of(m);
    uint32_t ply = ops->ply(m->g), first = 0;
    if (m->cfg.no_takeback) /* the game's own terms: a restored game may differ from the flags */
        return "takebacks are off in this game";
    if (m->over || in_opening(m))
        return m->over ? "no game running" : "no takeback during the opening";
    if (m->takeback_offer != GAME_SIDE_NONE)
        return "a takeback request is pending";
    if (m->takebacks_asked[side_seat(side)] >= TAKEBACK_MAX_REQUESTS)
        return "no more takeback requests this game";
    if (m->takeback_ply[side_seat(side)] == ply + 1)
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

void on_takeback(match_host *h, match *m, int s, conn_id c, const packet *p, uint64_t now)
{
    game_side side = seat_side(s), other = game_side_other(side);
    const game_ops *ops = ops_of(m);
    const char *why;
    if (p->type == PACKET_TAKEBACK_OFFER) {
        why = takeback_refusal(m, side, p->u.takeback_offer.plies);
        if (why) {
            not_allowed(h, c, why);
            return;
        }
        m->takeback_plies = p->u.takeback_offer.plies;
        set_offer(h, m, JOURNAL_OFFER_TAKEBACK, side);
        m->takebacks_asked[s]++;
        m->takeback_ply[s] = ops->ply(m->g) + 1;
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d asks to take back %d move%s",
                   (unsigned long)m->id, seat_number(s), m->takeback_plies,
                   m->takeback_plies == 1 ? "" : "s");
        send_to(h, m->seat[other_seat(s)].conn, p);
        return;
    }
    /* TAKEBACK_ANSWER */
    if (m->over || m->takeback_offer != other) {
        not_allowed(h, c, "no takeback request to answer");
        return;
    }
    set_offer(h, m, JOURNAL_OFFER_TAKEBACK, GAME_SIDE_NONE);
    if (!p->u.answer.accept) {
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d declines the takeback",
                   (unsigned long)m->id, seat_number(s));
        send_answer(h, m->seat[other_seat(s)].conn, PACKET_TAKEBACK_ANSWER, 0);
        return;
    }
    {
        packet out;
        journal_entry je;
        game_side running = mover(h, m);
        if (m->clocked && running != GAME_SIDE_NONE) { /* the running clock stops here */
            m->left_ms[side_seat(running)] = time_left(h, m, running, now);
            m->clock_since = now;
        }
        memset(&je, 0, sizeof je);
        je.kind = JOURNAL_UNDO;
        je.match_id = m->id;
        je.ply = m->takeback_plies;
        je.left_ms[0] = m->left_ms[0];
        je.left_ms[1] = m->left_ms[1];
        host_journal(h, &je);
        for (int i = 0; i < m->takeback_plies; i++)
            ops->undo(m->g);
        m->turn_since = now;
        set_offer(h, m, JOURNAL_OFFER_DRAW, GAME_SIDE_NONE); /* as a move would */
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
    ops_of(m)->reset(m->g);
    m->game_no++;
    logic_logf(h->sink, LOG_INFO, "match %lu: rematch agreed, colours swap", (unsigned long)m->id);
    /* Its maker may be away (the offer stood for it): its seat stays held
     * for what is left of its grace period, and no clock runs until it is
     * back (it resumes into this game). */
    m->held = 0;
    m->declined = m->withdrawn = GAME_SIDE_NONE;
    m->seat[0].leaving = m->seat[1].leaving = 0;
    m->seat[0].unaware = m->seat[1].unaware = 0;
    m->paused = m->seat[0].conn == CONN_NONE || m->seat[1].conn == CONN_NONE;
    m->unearned_ms = 0;
    for (int s = 0; s < 2; s++)
        send_welcome(h, m, m->seat[s].conn, seat_number(s), m->seat[s].version);
    begin_game(h, m, now);
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn == CONN_NONE) {
            logic_logf(h->sink, LOG_INFO,
                       "match %lu: Player%d is not back yet: the clocks wait for them",
                       (unsigned long)m->id, seat_number(s));
            peer_status(h, m, s, 0, grace_left(h, m, s, now));
        }
}

/* The rematch offer of the other side stands: s accepts it, its maker here
 * or away. */
static void accept_rematch(match_host *h, match *m, int s, uint64_t now)
{
    if (m->seat[s].engine && m->seat[other_seat(s)].conn == CONN_NONE) {
        /* The engine starts no game its opponent is away from: the match
         * stays held (which it leaves for a human who comes to wait), and
         * the offer is put to it again when its maker is back. */
        logic_logf(h->sink, LOG_INFO,
                   "match %lu: the engine accepts when the rematch offer's maker is back",
                   (unsigned long)m->id);
        return;
    }
    if (m->seat[other_seat(s)].conn != CONN_NONE && engine_gives_way(h, m, s)) {
        host_collect(h, m);
        return;
    }
    start_rematch(h, m, now);
    /* The colours swapped: seat s is the maker now, which may have sent a
     * withdrawal or "no rematch" before it hears (late_answer). */
    m->seat[s].unaware = m->seat[s].conn != CONN_NONE;
}

/* REMATCH_ANSWER accept 0 from the player whose own rematch offer stands:
 * it withdraws the offer (a player leaving the finished game says so
 * first, so that its seat is not held for the offer). The opponent gets
 * REMATCH_ANSWER 0 (the offer it had is gone); an opponent away, held for
 * the offer, is no longer waited for (PEER_STATUS dropped, grace 0). */
static void withdraw_rematch(match_host *h, match *m, int s)
{
    int o = other_seat(s);
    set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
    m->withdrawn = seat_side(s);
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d withdraws its rematch offer",
               (unsigned long)m->id, seat_number(s));
    if (m->seat[o].conn != CONN_NONE) {
        send_answer(h, m->seat[o].conn, PACKET_REMATCH_ANSWER, 0);
    } else if (m->held) {
        m->held = 0;
        peer_status(h, m, o, 0, 0);
    }
}

/* REMATCH_ANSWER accept 0 after the game with no offer standing: seat s
 * plays no rematch of it (a client about to leave says so after its
 * RESIGN, or after settling an offer): an offer its opponent makes before
 * s's connection closes is declined at once, so that s's seat is never
 * held for it (docs/protocol.md, "Rematch"). Until s offers one itself. */
static void leave_rematch(match_host *h, match *m, int s)
{
    if (m->seat[s].leaving)
        return;
    m->seat[s].leaving = 1;
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d plays no rematch (leaving)",
               (unsigned long)m->id, seat_number(s));
}

void call_off_rematch(match_host *h, match *m, int s, uint64_t now)
{
    m->seat[s].unaware = 0;
    logic_logf(h->sink, LOG_INFO,
               "match %lu: Player%d leaves a rematch it had not heard of: the game is called off",
               (unsigned long)m->id, seat_number(s));
    end_with(h, m, GAME_END_ABORTED, GAME_SIDE_NONE, now);
    leave_rematch(h, m, s);
}

/* REMATCH_ANSWER 0 from seat s in the rematch that the acceptance of its
 * offer began, sent before it heard (it has sent nothing else since): the
 * acceptance came first. Its withdrawal is too late and the rematch goes
 * on; its "no rematch" after it (a client leaving) calls the rematch off. */
static void late_answer(match_host *h, match *m, int s, conn_id c, uint64_t now)
{
    if (m->seat[s].unaware == 2) {
        call_off_rematch(h, m, s, now);
        return;
    }
    m->seat[s].unaware = 2;
    logic_logf(h->sink, LOG_INFO,
               "match %lu: Player%d withdraws its rematch offer after it was accepted: too late",
               (unsigned long)m->id, seat_number(s));
    not_allowed(h, c, "too late: your rematch offer was accepted first");
}

void on_offer_or_answer(match_host *h, match *m, int s, conn_id c, const packet *p, uint64_t now)
{
    game_side side = seat_side(s), other = game_side_other(side);
    conn_id opp = m->seat[other_seat(s)].conn;
    switch (p->type) {
    case PACKET_RESIGN:
        if (m->over || flag_fell(h, m, now)) {
            not_allowed(h, c, "no game running");
            return;
        }
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d resigns", (unsigned long)m->id,
                   seat_number(s));
        end_with(h, m, GAME_END_RESIGNATION, other, now);
        return;
    case PACKET_DRAW_OFFER:
        if (m->over || flag_fell(h, m, now)) {
            not_allowed(h, c, "no game running");
        } else if (m->draw_offer == other) {
            end_with(h, m, GAME_END_DRAW_AGREED, GAME_SIDE_NONE, now);
        } else if (m->draw_offer != side) {
            set_offer(h, m, JOURNAL_OFFER_DRAW, side);
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d offers a draw", (unsigned long)m->id,
                       seat_number(s));
            send_offer(h, opp, PACKET_DRAW_OFFER, game_ply(h, m));
        }
        return;
    case PACKET_DRAW_ANSWER:
        if (m->over || m->draw_offer != other) {
            not_allowed(h, c, "no draw offer to answer");
        } else if (p->u.answer.accept) {
            end_with(h, m, GAME_END_DRAW_AGREED, GAME_SIDE_NONE, now);
        } else {
            set_offer(h, m, JOURNAL_OFFER_DRAW, GAME_SIDE_NONE);
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d declines the draw",
                       (unsigned long)m->id, seat_number(s));
            send_answer(h, opp, PACKET_DRAW_ANSWER, 0);
        }
        return;
    case PACKET_REMATCH_OFFER:
        /* An offer stands while its maker is away (a held match): answering
         * it needs nobody else (docs/server.md, "Dropped players"). */
        if (!m->over) {
            not_allowed(h, c, "the game is still on");
            return;
        }
        m->seat[s].leaving = 0; /* it wants one after all */
        if (m->rematch_offer == other && (opp != CONN_NONE || m->held)) {
            accept_rematch(h, m, s, now); /* crossing offers agree */
        } else if (opp == CONN_NONE) {
            not_allowed(h, c, m->held ? "your opponent is not back yet" : "your opponent has left");
        } else if (m->seat[other_seat(s)].leaving) {
            logic_logf(h->sink, LOG_INFO,
                       "match %lu: Player%d offers a rematch to a player leaving: declined",
                       (unsigned long)m->id, seat_number(s));
            send_answer(h, c, PACKET_REMATCH_ANSWER, 0);
        } else if (engine_gives_way(h, m, s)) {
            host_collect(h, m);
        } else if (m->rematch_offer != side) {
            set_offer(h, m, JOURNAL_OFFER_REMATCH, side);
            m->withdrawn = GAME_SIDE_NONE;
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d offers a rematch",
                       (unsigned long)m->id, seat_number(s));
            send_offer(h, opp, PACKET_REMATCH_OFFER, game_ply(h, m));
        }
        return;
    case PACKET_REMATCH_ANSWER:
        if (!m->over && m->seat[s].unaware && !p->u.answer.accept) {
            late_answer(h, m, s, c, now);
        } else if (m->over && m->rematch_offer == side && !p->u.answer.accept) {
            withdraw_rematch(h, m, s);
        } else if (m->over && m->rematch_offer == GAME_SIDE_NONE && !p->u.answer.accept) {
            leave_rematch(h, m, s);
        } else if (m->over && m->rematch_offer == GAME_SIDE_NONE && m->withdrawn == other) {
            not_allowed(h, c, "the rematch offer was withdrawn"); /* it crossed the withdrawal */
        } else if (!m->over || m->rematch_offer != other || (opp == CONN_NONE && !m->held)) {
            not_allowed(h, c, "no rematch offer to answer");
        } else if (p->u.answer.accept) {
            accept_rematch(h, m, s, now);
        } else {
            /* Its maker away: the match stays held for it, and the journal
             * keeps the finished game until it is told on its return (the
             * decline first, so that the game is never let go between). */
            if (opp == CONN_NONE)
                set_offer(h, m, JOURNAL_OFFER_DECLINED, other);
            set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
            logic_logf(h->sink, LOG_INFO, "match %lu: Player%d declines the rematch%s",
                       (unsigned long)m->id, seat_number(s),
                       opp == CONN_NONE ? "; its maker hears it when back" : "");
            if (opp != CONN_NONE)
                send_answer(h, opp, PACKET_REMATCH_ANSWER, 0);
        }
        return;
    default:
        return;
    }
}
