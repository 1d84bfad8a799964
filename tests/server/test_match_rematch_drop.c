/* test_match_rematch_drop.c: a player who drops after a game while a
 * rematch offer waits, with no restart, in the match host alone (no
 * sockets). Its seat is held for the grace period as during a game: the
 * opponent is told (dropped, with grace), the offer stays, the player
 * resumes with its token, sees the result and the offer again and can
 * accept; if the grace period ends first the offer lapses and the
 * opponent is told. The offer stands while its maker is away: the other
 * player's answer is honoured at once (an accepted rematch starts with the
 * maker away, a decline is told on its return), whichever order both
 * come back in after both dropped. Without an offer a drop leaves the
 * finished game. */
#include <string.h>

#include "logic_harness.h"
#include "tap.h"

static harness H;

/* A (conn 1, Player1) and B (conn 2) play; A resigns; B offers a rematch
 * when b_offers, else nobody does. A's and B's tokens go to ta and tb. */
static void finished(int b_offers, uint8_t *ta, uint8_t *tb)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    memcpy(ta, h_last(&H, 1, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    memcpy(tb, h_last(&H, 2, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    h_stone(&H, 1, 0, 7, 7);
    h_simple(&H, 1, PACKET_RESIGN, 1);
    if (b_offers)
        h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
}

static void back(conn_id c, const char *name, const uint8_t *token)
{
    h_open(&H, c);
    h_hello(&H, c, name, PACKET_WANT_PLAY, token);
}

static void test_drop_resume_accept(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const packet *p;
    size_t mark, jmark;
    finished(1, ta, tb);
    mark = H.nsent;
    jmark = H.njlog;
    h_close(&H, 1);
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 60000,
           "A drops with B's rematch offer pending: B is told, with the grace period");
    TAP_OK(match_host_matches(H.host) == 1 && !h_journaled(&H, JOURNAL_OFFER, jmark) &&
               !h_journaled(&H, JOURNAL_GONE, jmark),
           "the match and the offer stay (nothing journaled)");
    h_tick(&H, 30000);
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) && match_host_matches(H.host) == 1,
           "B offering again while A is away: not yet, the match stays");
    mark = H.nsent;
    back(3, "A", ta);
    p = h_last(&H, 3, PACKET_GAME_OVER, mark);
    TAP_OK(h_last(&H, 3, PACKET_WELCOME, mark) && !h_last(&H, 3, PACKET_ERROR, mark) && p &&
               p->u.game_over.winner == GAME_SIDE_P2 && p->u.game_over.plies == 1 &&
               h_last(&H, 3, PACKET_REMATCH_OFFER, mark),
           "A resumes within the grace period: the result, and B's offer again");
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 1, "B is told A is back");
    h_tick(&H, 40000); /* past the first grace period: both are here */
    TAP_INT_EQ(match_host_matches(H.host), 1, "both back: the grace period no longer ends it");
    mark = H.nsent;
    h_simple(&H, 3, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 3, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P2 && h_last(&H, 3, PACKET_START, mark) &&
               h_last(&H, 2, PACKET_START, mark),
           "A accepts: the rematch starts, colours swapped");
    h_stone(&H, 2, 0, 7, 7);
    TAP_OK(h_last(&H, 3, PACKET_MOVE, mark) != NULL, "and is played");
    h_free(&H);

    /* The one who offered drops: its offer stands, and A's answer is
     * honoured at once: the rematch starts with B away, held for the rest
     * of its grace period. */
    finished(1, ta, tb);
    h_close(&H, 2);
    h_tick(&H, 20000);
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 1, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P2 && h_last(&H, 1, PACKET_START, mark) &&
               !h_last(&H, 1, PACKET_ERROR, mark) && h_journaled(&H, JOURNAL_GAME, jmark),
           "B, who offered, drops: A's accept starts the rematch at once (journaled)");
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 40000 &&
               p > h_last(&H, 1, PACKET_START, mark),
           "A is told after the START that B (Player1 now) is away, with its grace left");
    mark = H.nsent;
    back(3, "B", tb);
    p = h_last(&H, 3, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P1 && h_last(&H, 3, PACKET_START, mark) &&
               h_last(&H, 3, PACKET_SYNC_BEGIN, mark)->u.sync.plies == 0 &&
               !h_last(&H, 3, PACKET_GAME_OVER, mark) && !h_last(&H, 3, PACKET_ERROR, mark),
           "B resumes into the new game, as Player1");
    h_stone(&H, 3, 0, 7, 7);
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) != NULL, "and plays it");
    h_free(&H);
}

/* Both players' connections drop after B (conn 2) offered a rematch; A
 * (conn 1) comes back first on conn 3, B on conn 4. */
static void both_away(uint8_t *ta, uint8_t *tb)
{
    finished(1, ta, tb);
    h_close(&H, 2);
    h_close(&H, 1);
    h_tick(&H, 10000);
}

/* both_away, then A back first answers B's offer (accept 1 or 0). */
static void a_back_answers(uint8_t *ta, uint8_t *tb, int accept)
{
    both_away(ta, tb);
    back(3, "A", ta);
    h_simple(&H, 3, PACKET_REMATCH_ANSWER, (uint32_t)accept);
}

static void test_both_away_accept(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const packet *p;
    size_t mark;
    both_away(ta, tb);
    TAP_INT_EQ(match_host_matches(H.host), 1,
               "both drop with B's offer pending: the match is held");
    back(3, "A", ta);
    p = h_last(&H, 3, PACKET_PEER_STATUS, 0);
    TAP_OK(h_last(&H, 3, PACKET_REMATCH_OFFER, 0) > h_last(&H, 3, PACKET_GAME_OVER, 0) && p &&
               p->u.peer.seat == 2 && p->u.peer.status == 0 && p->u.peer.grace_ms == 50000,
           "A back first: the result, B's offer, and that B is away");
    h_tick(&H, 5000);
    mark = H.nsent;
    h_simple(&H, 3, PACKET_REMATCH_OFFER, 1); /* an offer crossing B's accepts it */
    p = h_last(&H, 3, PACKET_PEER_STATUS, mark);
    TAP_OK(h_last(&H, 3, PACKET_START, mark) && !h_last(&H, 3, PACKET_ERROR, mark) && p &&
               p->u.peer.seat == 1 && p->u.peer.grace_ms == 45000,
           "A accepts with B away: game 2 starts, B held for the rest of its grace period");
    mark = H.nsent;
    back(4, "B", tb);
    TAP_OK(h_last(&H, 4, PACKET_START, mark) && !h_last(&H, 4, PACKET_GAME_OVER, mark) &&
               h_last(&H, 4, PACKET_WELCOME, mark)->u.welcome.seat == PACKET_SEAT_P1 &&
               h_last(&H, 3, PACKET_PEER_STATUS, mark)->u.peer.status == 1,
           "B back: it resumes into game 2, A is told");
    h_stone(&H, 4, 0, 7, 7);
    TAP_OK(h_last(&H, 3, PACKET_MOVE, mark) != NULL, "and game 2 is played");
    h_free(&H);

    /* B, not back within its grace period, loses game 2 as after any drop. */
    a_back_answers(ta, tb, 1);
    mark = H.nsent;
    h_tick(&H, 50001);
    p = h_last(&H, 3, PACKET_GAME_OVER, mark);
    TAP_OK(p && p->u.game_over.reason == GAME_END_OPPONENT_LEFT &&
               p->u.game_over.winner == GAME_SIDE_P2,
           "B not back in time: game 2 ends, opponent left, A wins");
    h_free(&H);

    /* The offer's maker back first: it waits, and the other, once back,
     * is asked again and answers. */
    both_away(ta, tb);
    back(4, "B", tb);
    mark = H.nsent;
    h_simple(&H, 4, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(!h_last(&H, 4, PACKET_REMATCH_OFFER, 0) && h_last(&H, 4, PACKET_ERROR, mark) &&
               !h_last(&H, 4, PACKET_START, mark),
           "B back first: not asked its own offer, nor able to answer it");
    mark = H.nsent;
    back(3, "A", ta);
    TAP_OK(h_last(&H, 3, PACKET_REMATCH_OFFER, mark) != NULL, "A back: asked B's offer");
    h_simple(&H, 3, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(h_last(&H, 3, PACKET_START, mark) && h_last(&H, 4, PACKET_START, mark),
           "A accepts: game 2 starts for both");
    h_free(&H);
}

static void test_both_away_decline(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const journal_entry *e;
    const packet *p;
    size_t mark, jmark;
    both_away(ta, tb);
    back(3, "A", ta);
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 3, PACKET_REMATCH_ANSWER, 0);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(!h_last(&H, 3, PACKET_ERROR, mark) && e && e->offer == JOURNAL_OFFER_REMATCH &&
               e->side == GAME_SIDE_NONE && match_host_matches(H.host) == 1,
           "A declines with B away: the offer ends (journaled), the match waits for B");
    mark = H.nsent;
    back(4, "B", tb);
    p = h_last(&H, 4, PACKET_REMATCH_ANSWER, mark);
    TAP_OK(p && p->u.answer.accept == 0 && p > h_last(&H, 4, PACKET_GAME_OVER, mark) &&
               !h_last(&H, 4, PACKET_REMATCH_OFFER, mark) &&
               !h_last(&H, 4, PACKET_PEER_STATUS, mark),
           "B back: the result, then the decline");
    mark = H.nsent;
    h_simple(&H, 4, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 3, PACKET_REMATCH_OFFER, mark) && !h_last(&H, 4, PACKET_ERROR, mark),
           "both here: B may offer again, A is asked");
    h_free(&H);

    /* A declines and leaves: B still hears it, and that A left. */
    a_back_answers(ta, tb, 0);
    h_close(&H, 3);
    TAP_INT_EQ(match_host_matches(H.host), 1, "A declines and leaves: the match waits for B");
    mark = H.nsent;
    back(4, "B", tb);
    p = h_last(&H, 4, PACKET_PEER_STATUS, mark);
    TAP_OK(h_last(&H, 4, PACKET_REMATCH_ANSWER, mark) && p && p->u.peer.seat == 1 &&
               p->u.peer.status == 0 && p->u.peer.grace_ms == 0,
           "B back: the decline, and that A left for good");
    h_close(&H, 4);
    TAP_INT_EQ(match_host_matches(H.host), 0, "B leaves: the match is gone");
    h_free(&H);

    /* A declines; B never comes back. */
    a_back_answers(ta, tb, 0);
    mark = H.nsent;
    h_tick(&H, 50001);
    p = h_last(&H, 3, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 2 && p->u.peer.grace_ms == 0,
           "B not back within its grace period: A is told B is gone");
    TAP_INT_EQ(h_join_code(&H, 4, tb), PACKET_CODE_BAD_TOKEN, "a resume after it finds nothing");
    h_close(&H, 3);
    TAP_INT_EQ(match_host_matches(H.host), 0, "A leaves: the match is gone");
    h_free(&H);
}

static void test_drop_grace_ends(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const journal_entry *e;
    const packet *p;
    size_t mark, jmark;
    finished(1, ta, tb);
    h_close(&H, 1);
    mark = H.nsent;
    jmark = H.njlog;
    h_tick(&H, 60001);
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 0 && e &&
               e->offer == JOURNAL_OFFER_REMATCH && e->side == GAME_SIDE_NONE,
           "A not back within the grace period: the offer lapses (journaled), B is told");
    TAP_INT_EQ(h_join_code(&H, 3, ta), PACKET_CODE_BAD_TOKEN, "a resume after it finds nothing");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) != NULL, "and B can offer no rematch");
    h_close(&H, 2);
    TAP_INT_EQ(match_host_matches(H.host), 0, "B leaves: the match is gone");
    h_free(&H);

    /* Both drop: the match goes when the first grace period ends. */
    finished(1, ta, tb);
    h_close(&H, 1);
    h_tick(&H, 20000);
    h_close(&H, 2);
    h_tick(&H, 40001);
    TAP_OK(match_host_matches(H.host) == 0 && h_journaled(&H, JOURNAL_GONE, 0),
           "both drop: gone when A's grace period ends");
    h_free(&H);
}

static void test_drop_without_offer(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const packet *p;
    size_t mark;
    finished(0, ta, tb);
    mark = H.nsent;
    h_close(&H, 1);
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 0,
           "no offer pending: A's drop leaves the finished game (grace 0)");
    h_close(&H, 2);
    TAP_INT_EQ(match_host_matches(H.host), 0, "B leaves too: the match is gone at once");
    h_free(&H);
}

int main(void)
{
    test_drop_resume_accept();
    test_both_away_accept();
    test_both_away_decline();
    test_drop_grace_ends();
    test_drop_without_offer();
    return tap_done();
}
