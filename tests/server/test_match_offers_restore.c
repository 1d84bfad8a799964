/* test_match_offers_restore.c: offers and gifts of time across a restart,
 * in the match host alone (no sockets): what it journals when a takeback is
 * asked and answered and when time is given, a finished match restored for
 * its pending rematch offer (in either order both come back, the offer is
 * seen again and answered, its maker there or not yet; or the grace period
 * ends and it lapses), a pending takeback
 * request restored and answered, and what a clean stop keeps. */
#include <string.h>

#include "logic_harness.h"
#include "tap.h"

static harness H;
static match_restore R; /* the restored game of restored() */
static game_move Moves[2];

static void init(void)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 60000, 0);
    H.cfg.restart_bonus_ms = 10000;
}

/* A restored game of match 9 between A (Player1) and B, one stone each
 * on the board, into R. */
static void restored(void)
{
    static const game_move second = {PACKET_NO_SQUARE, PACKET_NO_SQUARE, 8, 8, 0};
    h_restore_fill(&R, &Moves[0]);
    Moves[1] = second;
    R.nmoves = 2;
}

/* A finished game (A resigned) whose rematch offer by B was pending. */
static void restored_finished(void)
{
    match_restore *r = &R;
    restored();
    r->over = 1;
    r->result.winner = GAME_SIDE_P2;
    r->result.reason = GAME_END_RESIGNATION;
    r->offer[JOURNAL_OFFER_REMATCH] = GAME_SIDE_P2;
}

static void back(conn_id c, const char *name, const uint8_t *token)
{
    h_open(&H, c);
    h_hello(&H, c, name, PACKET_WANT_PLAY, token);
}

static void test_rematch_accepted(void)
{
    const packet *p;
    const journal_entry *e;
    size_t mark, jmark;
    init();
    restored_finished();
    TAP_INT_EQ(match_host_restore(H.host, &R, H.now), 0,
               "a finished game with a pending rematch offer is restored");
    h_tick(&H, 30000);
    TAP_OK(match_host_matches(H.host) == 1 && H.last_status == MATCH_FINISHED,
           "it is held as a finished match while both are away");
    back(1, "A", R.token[0]);
    p = h_last(&H, 1, PACKET_GAME_OVER, 0);
    TAP_OK(p && p->u.game_over.winner == GAME_SIDE_P2 && p->u.game_over.plies == 2 &&
               h_last(&H, 1, PACKET_REMATCH_OFFER, 0),
           "A resumes with its token: the result, and B's rematch offer again");
    p = h_last(&H, 1, PACKET_PEER_STATUS, 0);
    TAP_OK(p && p->u.peer.seat == 2 && p->u.peer.status == PACKET_PEER_NOT_BACK &&
               p->u.peer.grace_ms == 30000,
           "and that B is not back yet since the restart, with the grace period left");
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 1, PACKET_WELCOME, mark);
    e = h_journaled(&H, JOURNAL_GAME, jmark);
    TAP_OK(p && p->u.welcome.seat == 2 && h_last(&H, 1, PACKET_START, mark) &&
               !h_last(&H, 1, PACKET_ERROR, mark) && e && e->game_no == 2,
           "A accepts before B is back: game 2 starts, colours swapped, journaled");
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 30000,
           "B (Player1 now) is held for the rest of its grace period from the restart");
    p = h_last(&H, 1, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.running == 0 && p->u.clock.p1_ms == 60000 && p->u.clock.p2_ms == 60000,
           "the clocks wait for B");
    h_tick(&H, 20000);
    mark = H.nsent;
    back(2, "B", R.token[1]);
    p = h_last(&H, 2, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == 1 && h_last(&H, 2, PACKET_START, mark) &&
               !h_last(&H, 2, PACKET_GAME_OVER, mark) && !h_last(&H, 2, PACKET_REMATCH_OFFER, mark),
           "B resumes into game 2, as Player1");
    p = h_last(&H, 1, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.running == 1 && p->u.clock.p1_ms == 60000,
           "both here: B's clock starts, with its whole time");
    h_tick(&H, 40000); /* past B's grace period: it is back */
    TAP_INT_EQ(match_host_matches(H.host), 1, "the grace period no longer ends it");
    h_stone(&H, 2, 0, 7, 7);
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) != NULL, "and game 2 is played");
    h_free(&H);
}

/* The offer's maker back first after the restart: it is not asked its own
 * offer; the other, once back, is, and its accept starts game 2. */
static void test_rematch_maker_first(void)
{
    size_t mark;
    init();
    restored_finished();
    match_host_restore(H.host, &R, H.now);
    back(2, "B", R.token[1]);
    TAP_OK(h_last(&H, 2, PACKET_GAME_OVER, 0) && !h_last(&H, 2, PACKET_REMATCH_OFFER, 0),
           "B resumes first: the result, not its own offer");
    mark = H.nsent;
    back(1, "A", R.token[0]);
    TAP_OK(h_last(&H, 1, PACKET_REMATCH_OFFER, mark) != NULL, "A resumes: B's offer again");
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(h_last(&H, 1, PACKET_START, mark) && h_last(&H, 2, PACKET_START, mark),
           "A accepts: game 2 starts for both");
    h_free(&H);
}

/* The other player back first declines: the maker hears it when back. */
static void test_rematch_declined_away(void)
{
    const journal_entry *e;
    const packet *p;
    size_t mark, jmark;
    init();
    restored_finished();
    match_host_restore(H.host, &R, H.now);
    back(1, "A", R.token[0]);
    jmark = H.njlog;
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(!h_last(&H, 1, PACKET_ERROR, mark) && e && e->offer == JOURNAL_OFFER_REMATCH &&
               e->side == GAME_SIDE_NONE,
           "A declines B's restored offer with B away: the offer ends (journaled)");
    TAP_OK(jmark + 2 == H.njlog && H.jlog[jmark].kind == JOURNAL_OFFER &&
               H.jlog[jmark].offer == JOURNAL_OFFER_DECLINED && H.jlog[jmark].side == GAME_SIDE_P2,
           "after the decline not told to B (O 4 2), which keeps the game in the journal");
    mark = H.nsent;
    jmark = H.njlog;
    back(2, "B", R.token[1]);
    p = h_last(&H, 2, PACKET_REMATCH_ANSWER, mark);
    TAP_OK(p && p->u.answer.accept == 0 && p > h_last(&H, 2, PACKET_GAME_OVER, mark),
           "B resumes: the result, then the decline");
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(e && e->offer == JOURNAL_OFFER_DECLINED && e->side == GAME_SIDE_NONE,
           "B told: the journal may let the game go (O 4 0)");
    h_free(&H);
}

static void test_rematch_lapses(void)
{
    const journal_entry *e;
    const packet *p;
    size_t mark;
    init();
    restored_finished();
    match_host_restore(H.host, &R, H.now);
    h_tick(&H, 60001);
    e = h_journaled(&H, JOURNAL_OFFER, 0);
    TAP_OK(match_host_matches(H.host) == 0 && e && e->offer == JOURNAL_OFFER_REMATCH &&
               e->side == GAME_SIDE_NONE && h_journaled(&H, JOURNAL_GONE, 0),
           "nobody back within the grace period: the offer lapses (journaled), the match goes");
    {
        packet_hello hl;
        memset(&hl, 0, sizeof hl);
        hl.want = PACKET_WANT_PLAY;
        hl.version = PACKET_VERSION;
        memcpy(hl.token, R.token[0], PACKET_TOKEN_SIZE);
        TAP_INT_EQ(match_host_join(H.host, 1, &hl, 0, H.now), PACKET_CODE_BAD_TOKEN,
                   "a late resume finds nothing");
    }
    h_free(&H);

    init();
    match_host_restore(H.host, &R, H.now);
    back(2, "B", R.token[1]);
    mark = H.nsent;
    h_tick(&H, 60001);
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && match_host_matches(H.host) == 1,
           "only B back: when A's grace period ends B is told A is gone");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) != NULL, "and no rematch can be offered then");
    h_close(&H, 2);
    TAP_INT_EQ(match_host_matches(H.host), 0, "B leaves: the match is gone");
    h_free(&H);
}

static void test_takeback_restored(void)
{
    const packet *p;
    const journal_entry *e;
    size_t mark, jmark;
    init();
    restored();
    R.offer[JOURNAL_OFFER_TAKEBACK] = GAME_SIDE_P1; /* A, to move: its move and the reply */
    match_host_restore(H.host, &R, H.now);
    back(2, "B", R.token[1]);
    p = h_last(&H, 2, PACKET_TAKEBACK_OFFER, 0);
    TAP_OK(p && p->u.takeback_offer.plies == 2, "B resumes: A's takeback request of 2 moves again");
    back(1, "A", R.token[0]);
    TAP_OK(!h_last(&H, 1, PACKET_TAKEBACK_OFFER, 0), "A is not asked its own request");
    mark = H.nsent;
    jmark = H.njlog;
    h_send(&H, 2, &(packet){.type = PACKET_TAKEBACK_ANSWER, .u.answer.accept = 1});
    p = h_last(&H, 1, PACKET_TAKEBACK, mark);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(p && p->u.takeback.plies == 2 && p->u.takeback.ply == 0 && e &&
               e->offer == JOURNAL_OFFER_TAKEBACK && e->side == GAME_SIDE_NONE &&
               h_journaled(&H, JOURNAL_UNDO, jmark),
           "B accepts: both moves go, the request is settled in the journal (O 3 0, U)");
    h_free(&H);

    /* A request that cannot be made any more is not restored. */
    init();
    H.cfg.no_takeback = 1;
    match_host_restore(H.host, &R, H.now);
    back(2, "B", R.token[1]);
    TAP_OK(!h_last(&H, 2, PACKET_TAKEBACK_OFFER, 0), "with takebacks off, none comes back");
    h_free(&H);
}

static void test_journaled_live(void)
{
    const journal_entry *e;
    const packet *p;
    size_t mark, jmark;
    init();
    h_pair(&H, 1, "A", 2, "B");
    h_stone(&H, 1, 0, 7, 7);
    h_tick(&H, 2000);
    jmark = H.njlog;
    h_send(&H, 1, &(packet){.type = PACKET_TAKEBACK_OFFER, .u.takeback_offer.plies = 1});
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(e && e->offer == JOURNAL_OFFER_TAKEBACK && e->side == GAME_SIDE_P1 && e->game_no == 1,
           "a takeback request is journaled (O 3 1)");
    jmark = H.njlog;
    h_stone(&H, 2, 1, 8, 8);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(e && e->offer == JOURNAL_OFFER_TAKEBACK && e->side == GAME_SIDE_NONE,
           "a move instead of an answer ends it (O 3 0)");
    jmark = H.njlog;
    h_tick(&H, 3000);
    h_send(&H, 2, &(packet){.type = PACKET_GIVE_TIME, .u.give_time.ms = 15000});
    e = h_journaled(&H, JOURNAL_CLOCK, jmark);
    TAP_OK(e && e->game_no == 1 && e->left_ms[0] == 75000 && e->left_ms[1] == 58000,
           "a gift of time is journaled at once (T), the clocks as of the last move");
    h_simple(&H, 1, PACKET_RESIGN, 0);
    /* A finished match: a rematch offer is pending at a clean stop. */
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 0);
    jmark = H.njlog;
    mark = H.nsent;
    match_host_suspend(H.host, H.now);
    p = h_last(&H, 1, PACKET_RESTARTING, mark);
    TAP_OK(p && p->u.restarting.bonus_ms == 0 && p->u.restarting.grace_ms == 60000 &&
               h_last(&H, 1, PACKET_ERROR, mark) && H.closed[1] && H.closed[2],
           "a clean stop tells the players of a finished match with an offer: RESTARTING");
    TAP_OK(!h_journaled(&H, JOURNAL_OFFER, jmark) && !h_journaled(&H, JOURNAL_GONE, jmark),
           "and keeps its offer in the journal");
    h_free(&H);

    init();
    h_pair(&H, 1, "A", 2, "B");
    h_simple(&H, 1, PACKET_RESIGN, 0);
    mark = H.nsent;
    match_host_suspend(H.host, H.now);
    TAP_OK(!h_last(&H, 1, PACKET_RESTARTING, mark) && h_last(&H, 1, PACKET_ERROR, mark),
           "a finished match without an offer just ends at a stop");
    h_free(&H);
}

/* The first entry from mark on of kind, and offer kind if an offer (the
 * journal's index, or -1). */
static long journal_index(journal_kind kind, int offer, size_t mark)
{
    for (size_t i = mark; i < H.njlog; i++)
        if (H.jlog[i].kind == kind && (kind != JOURNAL_OFFER || (int)H.jlog[i].offer == offer))
            return (long)i;
    return -1;
}

/* A finished game restored for a decline its maker (B) had not heard when
 * the server stopped: B resumes into it and hears the decline, the one
 * who declined (A) is gone for it; or B is not back in time and the
 * journal lets the game go. */
static void test_declined_restored(void)
{
    const journal_entry *e;
    const packet *p;
    size_t mark, jmark;
    init();
    restored_finished();
    R.offer[JOURNAL_OFFER_REMATCH] = GAME_SIDE_NONE;
    R.offer[JOURNAL_OFFER_DECLINED] = GAME_SIDE_P2;
    TAP_INT_EQ(match_host_restore(H.host, &R, H.now), 0,
               "a finished game with a decline not told to its maker is restored");
    h_tick(&H, 30000);
    TAP_OK(match_host_matches(H.host) == 1, "it is held while both are away");
    jmark = H.njlog;
    back(2, "B", R.token[1]);
    p = h_last(&H, 2, PACKET_REMATCH_ANSWER, 0);
    TAP_OK(p && p->u.answer.accept == 0 && p > h_last(&H, 2, PACKET_GAME_OVER, 0) &&
               !h_last(&H, 2, PACKET_ERROR, 0),
           "B, the offer's maker, resumes: the finished game, the result, then the decline");
    p = h_last(&H, 2, PACKET_PEER_STATUS, 0);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 0,
           "and that A, who declined, is gone");
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(e && e->offer == JOURNAL_OFFER_DECLINED && e->side == GAME_SIDE_NONE,
           "the decline told is journaled (O 4 0)");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) != NULL, "no new offer to a gone opponent");
    h_close(&H, 2);
    TAP_OK(match_host_matches(H.host) == 0 && h_journaled(&H, JOURNAL_GONE, jmark),
           "B leaves cleanly: the match is gone");
    TAP_INT_EQ(h_join_code(&H, 3, R.token[1]), PACKET_CODE_BAD_TOKEN, "and its token with it");
    h_free(&H);

    /* A back first: nothing to hear; B, back later, hears the decline. */
    init();
    match_host_restore(H.host, &R, H.now);
    back(1, "A", R.token[0]);
    p = h_last(&H, 1, PACKET_PEER_STATUS, 0);
    TAP_OK(h_last(&H, 1, PACKET_GAME_OVER, 0) && !h_last(&H, 1, PACKET_REMATCH_OFFER, 0) &&
               !h_last(&H, 1, PACKET_REMATCH_ANSWER, 0) && p && p->u.peer.seat == 2 &&
               p->u.peer.status == PACKET_PEER_NOT_BACK && p->u.peer.grace_ms == 60000,
           "A, who declined, back first: the result, no offer, B away with its grace");
    mark = H.nsent;
    back(2, "B", R.token[1]);
    p = h_last(&H, 2, PACKET_REMATCH_ANSWER, mark);
    TAP_OK(p && p->u.answer.accept == 0 && h_last(&H, 1, PACKET_PEER_STATUS, mark),
           "B back: it hears the decline, A that B is back");
    h_free(&H);

    /* B not back within the grace period. */
    init();
    match_host_restore(H.host, &R, H.now);
    jmark = H.njlog;
    h_tick(&H, 60001);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(match_host_matches(H.host) == 0 && e && e->offer == JOURNAL_OFFER_DECLINED &&
               e->side == GAME_SIDE_NONE && h_journaled(&H, JOURNAL_GONE, jmark),
           "nobody back in time: the decline is dropped (O 4 0), the match goes");
    TAP_INT_EQ(h_join_code(&H, 3, R.token[1]), PACKET_CODE_BAD_TOKEN, "a late resume: bad token");
    h_free(&H);
}

/* An accepted takeback withdraws a pending draw offer, as a move does: in
 * the journal too, or a restart would bring the offer back. */
static void test_takeback_ends_draw_offer(void)
{
    size_t jmark;
    long undo, lapse;
    init();
    h_pair(&H, 1, "A", 2, "B");
    h_stone(&H, 1, 0, 7, 7);
    h_stone(&H, 2, 1, 8, 8);
    h_simple(&H, 1, PACKET_DRAW_OFFER, 2);
    h_send(&H, 2, &(packet){.type = PACKET_TAKEBACK_OFFER, .u.takeback_offer.plies = 1});
    jmark = H.njlog;
    h_send(&H, 1, &(packet){.type = PACKET_TAKEBACK_ANSWER, .u.answer.accept = 1});
    undo = journal_index(JOURNAL_UNDO, 0, jmark);
    lapse = journal_index(JOURNAL_OFFER, JOURNAL_OFFER_DRAW, jmark);
    TAP_OK(undo >= 0 && lapse > undo && H.jlog[lapse].side == GAME_SIDE_NONE,
           "the takeback (U) is followed by the draw offer's end (O 1 0)");
    h_free(&H);
}

int main(void)
{
    test_rematch_accepted();
    test_rematch_maker_first();
    test_rematch_declined_away();
    test_rematch_lapses();
    test_takeback_restored();
    test_journaled_live();
    test_takeback_ends_draw_offer();
    test_declined_restored();
    return tap_done();
}
