/* test_match_rematch_withdraw.c: a player withdraws its own rematch offer
 * (REMATCH_ANSWER accept 0 from the offerer, docs/protocol.md "Rematch"),
 * in the match host alone (no sockets): the opponent is told, the offer
 * is gone (journaled), and a close after it is a player leaving the
 * finished game, not a drop to hold the seat for. Withdrawn while the
 * opponent is away, held for that offer: the hold ends at once. A player
 * leaving says it plays no rematch (REMATCH_ANSWER 0 with no offer
 * standing): an offer made to it before it closes is declined at once,
 * and its seat is not held for it. */
#include <string.h>

#include "logic_harness.h"
#include "tap.h"

static harness H;

/* A (conn 1, Player1) and B (conn 2) play; A resigns; A offers a rematch.
 * A's token goes to ta, B's to tb. */
static void a_offers(uint8_t *ta, uint8_t *tb)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    memcpy(ta, h_last(&H, 1, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    memcpy(tb, h_last(&H, 2, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    h_stone(&H, 1, 0, 7, 7);
    h_simple(&H, 1, PACKET_RESIGN, 1);
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 1);
}

static void test_withdraw_then_leave(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const journal_entry *e;
    const packet *p;
    size_t mark, jmark;
    a_offers(ta, tb);
    TAP_OK(h_last(&H, 2, PACKET_REMATCH_OFFER, 0) != NULL, "B gets A's rematch offer");
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    p = h_last(&H, 2, PACKET_REMATCH_ANSWER, mark);
    e = h_journaled(&H, JOURNAL_OFFER, jmark);
    TAP_OK(p && p->u.answer.accept == 0 && !h_last(&H, 1, PACKET_ERROR, mark),
           "A withdraws its offer: no error, B gets REMATCH_ANSWER 0");
    TAP_OK(e && e->offer == JOURNAL_OFFER_REMATCH && e->side == GAME_SIDE_NONE,
           "the withdrawal is journaled");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) && !h_last(&H, 2, PACKET_START, mark),
           "B can no longer accept it");
    mark = H.nsent;
    h_close(&H, 1);
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 0,
           "A closes: B is told at once that A left (grace 0), the seat is not held");
    TAP_INT_EQ(h_join_code(&H, 3, ta), PACKET_CODE_BAD_TOKEN, "A's token resumes nothing");
    h_close(&H, 2);
    TAP_INT_EQ(match_host_matches(H.host), 0, "B leaves too: the match is gone");
    h_free(&H);

    /* A withdrawal with accept 1 is still refused. */
    a_offers(ta, tb);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(h_last(&H, 1, PACKET_ERROR, mark) && h_count(&H, 2, PACKET_REMATCH_ANSWER, mark) == 0,
           "REMATCH_ANSWER accept 1 from the offerer: ERROR 8, nothing changes");
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 1, PACKET_REMATCH_OFFER, mark) && !h_last(&H, 2, PACKET_START, mark),
           "withdrawn, B may offer afresh: an offer to A, not an acceptance");
    h_free(&H);
}

/* A resigns to leave and says it plays no rematch; B's offer, made before
 * A's close, is declined at once and A's seat is not held for it. */
static void test_leaving_declines(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE];
    const packet *p;
    size_t mark, jmark;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    memcpy(ta, h_last(&H, 1, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    h_stone(&H, 1, 0, 7, 7);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    TAP_OK(h_last(&H, 1, PACKET_ERROR, mark) != NULL,
           "leaving: REMATCH_ANSWER 0 during the game is still ERROR 8");
    h_simple(&H, 1, PACKET_RESIGN, 1);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    TAP_OK(!h_last(&H, 1, PACKET_ERROR, mark) && !h_last(&H, 2, PACKET_REMATCH_ANSWER, mark),
           "leaving: after its RESIGN, A says it plays no rematch: no error, nothing to B");
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    p = h_last(&H, 2, PACKET_REMATCH_ANSWER, mark);
    TAP_OK(p && p->u.answer.accept == 0 && !h_last(&H, 1, PACKET_REMATCH_OFFER, mark) &&
               !h_journaled(&H, JOURNAL_OFFER, jmark),
           "leaving: B's offer before A's close is declined at once, not passed on or journaled");
    mark = H.nsent;
    h_close(&H, 1);
    p = h_last(&H, 2, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 1 && p->u.peer.status == 0 && p->u.peer.grace_ms == 0,
           "leaving: A closes: B is told A left (grace 0), the seat is not held");
    TAP_INT_EQ(h_join_code(&H, 3, ta), PACKET_CODE_BAD_TOKEN, "leaving: A's token resumes nothing");
    h_free(&H);

    /* Said, then A offers after all: its offer goes to B as any other. */
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    h_simple(&H, 1, PACKET_RESIGN, 0);
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_last(&H, 2, PACKET_REMATCH_OFFER, mark) && !h_last(&H, 1, PACKET_ERROR, mark),
           "leaving: said twice, no error; then A's own offer reaches B");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(h_last(&H, 1, PACKET_START, mark) && h_last(&H, 2, PACKET_START, mark),
           "leaving: B accepts: the rematch starts");
    h_free(&H);
}

static void test_withdraw_while_opponent_held(void)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    const packet *p;
    size_t mark;
    a_offers(ta, tb);
    h_close(&H, 2); /* B drops: held for A's offer */
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 2 && p->u.peer.status == 0 && p->u.peer.grace_ms == 0 &&
               !h_last(&H, 1, PACKET_ERROR, mark),
           "A withdraws while B is held away: B is no longer waited for (grace 0)");
    TAP_INT_EQ(h_join_code(&H, 3, tb), PACKET_CODE_BAD_TOKEN, "B's token resumes nothing now");
    h_close(&H, 1);
    TAP_INT_EQ(match_host_matches(H.host), 0, "A leaves: the match is gone at once");
    h_free(&H);
}

int main(void)
{
    test_withdraw_then_leave();
    test_withdraw_while_opponent_held();
    test_leaving_declines();
    return tap_done();
}
