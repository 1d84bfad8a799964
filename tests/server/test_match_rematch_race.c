/* test_match_rematch_race.c: a rematch offer withdrawn, or its maker
 * leaving (withdrawal, "no rematch", close: docs/protocol.md "Rematch"),
 * at the instant its opponent accepts it, in the match host alone (no
 * sockets), with the packets handled in either order: whichever the server
 * handles first wins.
 *  - The withdrawal first: the acceptance (REMATCH_ANSWER 1, or a crossing
 *    REMATCH_OFFER, which is then an offer of its own) starts nothing; the
 *    answer says the offer was withdrawn; the maker's close is a player
 *    leaving.
 *  - The acceptance first: the rematch begins. The maker's withdrawal,
 *    sent before it heard, is answered that it came too late and the
 *    rematch goes on; the maker's "no rematch" after it, or its close
 *    before it did anything in the rematch, calls the rematch off
 *    (GAME_OVER aborted, journaled and recorded): its close is a player
 *    leaving, not a drop of the new game. A maker that plays on, or that
 *    drops without having answered, is treated as in any game. */
#include <string.h>

#include "logic_harness.h"
#include "tap.h"

static harness H;
static uint8_t Tb[PACKET_TOKEN_SIZE]; /* B's token */

/* A (conn 1, Player1) and B (conn 2) play; A resigns; B offers a rematch
 * and A hears it. */
static void b_offers(void)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    memcpy(Tb, h_last(&H, 2, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    h_stone(&H, 1, 0, 7, 7);
    h_simple(&H, 1, PACKET_RESIGN, 1);
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    if (!h_last(&H, 1, PACKET_REMATCH_OFFER, 0))
        tap_diag("A did not hear B's offer");
}

/* The text of the last ERROR 8 to c since mark, "" if none. */
static const char *refusal(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_ERROR, mark);
    return p && p->u.error.code == PACKET_CODE_NOT_ALLOWED ? p->u.error.text : "";
}

/* Did c hear, since mark, that seat `seat` left for good (PEER_STATUS
 * dropped, grace 0)? */
static int told_left(conn_id c, int seat, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_PEER_STATUS, mark);
    return p && p->u.peer.seat == seat && p->u.peer.status == 0 && p->u.peer.grace_ms == 0;
}

/* Was game game_no called off since mark: GAME_OVER aborted (no winner)
 * to A and B, journaled? */
static int called_off(uint32_t game_no, size_t mark, size_t jmark)
{
    const packet *pa = h_last(&H, 1, PACKET_GAME_OVER, mark);
    const packet *pb = h_last(&H, 2, PACKET_GAME_OVER, mark);
    const journal_entry *e = h_journaled(&H, JOURNAL_RESULT, jmark);
    return pa && pb && pa->u.game_over.reason == GAME_END_ABORTED && pa->u.game_over.winner == 0 &&
           pb->u.game_over.reason == GAME_END_ABORTED && e && e->game_no == game_no &&
           e->result.reason == GAME_END_ABORTED && H.record_result.reason == GAME_END_ABORTED;
}

static void test_withdrawal_first(void)
{
    size_t mark;
    b_offers();
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0); /* withdrawn */
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 1);
    TAP_STR_EQ(refusal(1, mark), "the rematch offer was withdrawn",
               "withdrawal first: A's acceptance is told the offer was withdrawn");
    TAP_OK(h_count(&H, 1, PACKET_START, mark) == 0 && h_count(&H, 2, PACKET_START, mark) == 0 &&
               h_count(&H, 2, PACKET_ERROR, mark) == 0,
           "withdrawal first: no rematch starts");
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0); /* no rematch */
    mark = H.nsent;
    h_close(&H, 2);
    TAP_OK(told_left(1, 2, mark), "withdrawal first: B closes: A is told B left (grace 0)");
    TAP_INT_EQ(h_join_code(&H, 3, Tb), PACKET_CODE_BAD_TOKEN, "and B's token resumes nothing");
    h_free(&H);

    /* The acceptance a crossing offer: an offer of A's own, to B. */
    b_offers();
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 2, PACKET_REMATCH_OFFER, mark) && !h_last(&H, 1, PACKET_START, mark) &&
               !h_last(&H, 1, PACKET_ERROR, mark),
           "withdrawal first, A's offer crossing it: an offer to B, nothing starts");
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0); /* B leaving: now a decline of A's offer */
    mark = H.nsent;
    h_close(&H, 2);
    TAP_OK(told_left(1, 2, mark) && !h_last(&H, 1, PACKET_START, mark),
           "B declines it and closes: A is told B left (grace 0)");
    h_free(&H);
}

/* A accepts (REMATCH_ANSWER 1, or by offering when offer_to_accept) just
 * before B's withdrawal reaches the server: the rematch begins, B Player1. */
static void accepted_first(int offer_to_accept)
{
    const packet *p;
    b_offers();
    h_simple(&H, 1, offer_to_accept ? PACKET_REMATCH_OFFER : PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 2, PACKET_WELCOME, 0);
    if (!p || p->u.welcome.seat != 1 || !h_last(&H, 1, PACKET_START, 0))
        tap_diag("the rematch did not start");
}

static void test_acceptance_first_leaving(int offer_to_accept)
{
    const char *how = offer_to_accept ? "a crossing offer" : "an acceptance";
    size_t mark, jmark;
    accepted_first(offer_to_accept);
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0); /* B's withdrawal, sent before it heard */
    TAP_STR_EQ(refusal(2, mark), "too late: your rematch offer was accepted first",
               "%s first: B's withdrawal is answered that it came too late", how);
    TAP_OK(h_count(&H, 1, PACKET_GAME_OVER, mark) == 0 && !h_last(&H, 1, PACKET_ERROR, mark),
           "%s first: the rematch goes on", how);
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0); /* B's "no rematch" */
    TAP_OK(called_off(2, mark, jmark),
           "%s first: B's \"no rematch\" calls the rematch off (GAME_OVER aborted, journaled, "
           "recorded)",
           how);
    mark = H.nsent;
    h_close(&H, 2);
    TAP_OK(told_left(1, 1, mark),
           "%s first: B closes: A is told B left (grace 0), not that it dropped", how);
    TAP_INT_EQ(h_join_code(&H, 3, Tb), PACKET_CODE_BAD_TOKEN, "%s first: B's token resumes nothing",
               how);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_count(&H, 1, PACKET_START, mark) == 0, "%s first: A cannot start another game", how);
    h_close(&H, 1);
    TAP_INT_EQ(match_host_matches(H.host), 0, "%s first: A leaves: the match is gone", how);
    h_free(&H);
}

static void test_acceptance_first_other_cases(void)
{
    const packet *p;
    size_t mark, jmark;

    /* B withdraws too late, then closes without saying "no rematch". */
    accepted_first(0);
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0);
    mark = H.nsent;
    jmark = H.njlog;
    h_close(&H, 2);
    p = h_last(&H, 1, PACKET_GAME_OVER, mark);
    TAP_OK(p && p->u.game_over.reason == GAME_END_ABORTED && told_left(1, 1, mark),
           "withdrawn too late, then a close: the rematch is called off, B left (grace 0)");
    TAP_OK(h_journaled(&H, JOURNAL_RESULT, jmark) != NULL, "and its end is journaled");
    h_free(&H);

    /* B withdraws too late, then plays: the rematch is B's game now. */
    accepted_first(0);
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0);
    mark = H.nsent;
    h_stone(&H, 2, 0, 3, 3);
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) && !h_last(&H, 1, PACKET_GAME_OVER, mark),
           "withdrawn too late, B plays on: its move is played");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0);
    TAP_STR_EQ(refusal(2, mark), "no rematch offer to answer",
               "after a move, REMATCH_ANSWER 0 is an answer during a game again");
    TAP_OK(!h_last(&H, 1, PACKET_GAME_OVER, mark), "and ends nothing");
    mark = H.nsent;
    h_close(&H, 2);
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms > 0 &&
               !h_last(&H, 1, PACKET_GAME_OVER, mark),
           "then B's close is a drop of the game it plays: held, with grace");
    h_free(&H);

    /* No answer came: a close is a drop of the new game, as any other. */
    accepted_first(0);
    mark = H.nsent;
    h_close(&H, 2);
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.grace_ms > 0 && !h_last(&H, 1, PACKET_GAME_OVER, mark),
           "a maker that drops without answering is held as in any game");
    h_free(&H);
}

int main(void)
{
    test_withdrawal_first();
    test_acceptance_first_leaving(0);
    test_acceptance_first_leaving(1);
    test_acceptance_first_other_cases();
    return tap_done();
}
