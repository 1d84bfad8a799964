/* test_match_takeback.c: takebacks in the match logic (no sockets), in
 * both games: asked, relayed, accepted (the moves undone, journaled, the
 * record keeping the final line) or declined; every refusal (not your
 * move, nothing to take back, one request at a time and per move, at most
 * three a game, during an opening, --no-takeback, a restored game's own
 * terms without takebacks under a server that allows them). */
#include <string.h>

#include "game_chess.h"
#include "logic_harness.h"
#include "tap.h"

static harness H;
static journal_entry journaled[64];
static size_t njournaled;

static int j_keep(void *ctx, const journal_entry *e)
{
    (void)ctx;
    if (njournaled < sizeof journaled / sizeof journaled[0])
        journaled[njournaled++] = *e;
    return 0;
}

static void start(const game_ops *ops, int rule)
{
    h_init(&H, ops, rule, 0, 0);
    H.sink.journal = j_keep;
    njournaled = 0;
    h_pair(&H, 1, "ann", 2, "ben");
}

static void ask(conn_id c, int plies)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_TAKEBACK_OFFER;
    p.u.takeback_offer.plies = (uint8_t)plies;
    h_send(&H, c, &p);
}

/* The text of the last ERROR to c since mark, "" if none. */
static const char *refusal(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_ERROR, mark);
    return p && p->u.error.code == PACKET_CODE_NOT_ALLOWED ? p->u.error.text : "";
}

static void test_gomoku(void)
{
    size_t mark;
    const packet *p;
    start(&game_gomoku_ops, GAME_RULE_FREESTYLE);
    h_stone(&H, 1, 0, 7, 7);
    h_stone(&H, 2, 1, 7, 8);
    mark = H.nsent;
    ask(1, 1);
    TAP_STR_EQ(refusal(1, mark), "the last move is not yours", "1 move on our turn: refused");
    ask(1, 2);
    p = h_last(&H, 2, PACKET_TAKEBACK_OFFER, mark);
    TAP_OK(p && p->u.takeback_offer.plies == 2, "the request of 2 moves is relayed");
    ask(2, 1);
    TAP_STR_EQ(refusal(2, mark), "a takeback request is pending", "one request at a time");
    h_simple(&H, 2, PACKET_TAKEBACK_ANSWER, 1);
    p = h_last(&H, 1, PACKET_TAKEBACK, mark);
    TAP_OK(p && p->u.takeback.plies == 2 && p->u.takeback.ply == 0 &&
               h_last(&H, 2, PACKET_TAKEBACK, mark),
           "accepted: both are told 2 moves went, 0 stand");
    TAP_OK(njournaled > 0 && journaled[njournaled - 1].kind == JOURNAL_UNDO &&
               journaled[njournaled - 1].ply == 2,
           "the takeback is journaled (U, 2 moves)");
    mark = H.nsent;
    h_stone(&H, 1, 0, 3, 3);
    TAP_OK(h_last(&H, 2, PACKET_MOVE, mark) && !h_last(&H, 1, PACKET_REJECT, mark),
           "the game goes on from ply 0");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_TAKEBACK_ANSWER, 1);
    TAP_STR_EQ(refusal(2, mark), "no takeback request to answer", "an answer without a request");
    ask(1, 1);
    h_simple(&H, 2, PACKET_TAKEBACK_ANSWER, 0);
    p = h_last(&H, 1, PACKET_TAKEBACK_ANSWER, mark);
    TAP_OK(p && p->u.answer.accept == 0, "declined: the asker is told");
    mark = H.nsent;
    ask(1, 1);
    TAP_STR_EQ(refusal(1, mark), "one takeback request per move", "asking again at once");
    h_stone(&H, 2, 1, 4, 4);
    h_stone(&H, 1, 2, 5, 5);
    ask(1, 1); /* the third request */
    mark = H.nsent;
    h_stone(&H, 2, 3, 6, 6);
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) != NULL, "a move answers a request by declining it");
    h_stone(&H, 1, 4, 8, 8);
    mark = H.nsent;
    ask(1, 1);
    TAP_STR_EQ(refusal(1, mark), "no more takeback requests this game", "at most three a game");
    h_simple(&H, 2, PACKET_RESIGN, 5);
    TAP_OK(H.nrecords == 1 && strstr(H.record, ";B[dl]") && !strstr(H.record, "[hh]"),
           "the record keeps the final line only");
    h_free(&H);
}

static void test_chess(void)
{
    size_t mark;
    const packet *p;
    start(&game_chess_ops, 0);
    h_move(&H, 1, 0, 4, 1, 4, 3, 0); /* e2e4 */
    mark = H.nsent;
    ask(1, 1);
    h_simple(&H, 2, PACKET_TAKEBACK_ANSWER, 1);
    p = h_last(&H, 2, PACKET_TAKEBACK, mark);
    TAP_OK(p && p->u.takeback.plies == 1 && p->u.takeback.ply == 0,
           "chess: white takes back 1.e4 before black replies");
    mark = H.nsent;
    h_move(&H, 1, 0, 3, 1, 3, 3, 0); /* d2d4 */
    TAP_OK(h_last(&H, 2, PACKET_MOVE, mark) != NULL, "chess: white plays 1.d4 instead");
    ask(2, 2);
    TAP_STR_EQ(refusal(2, mark), "nothing to take back", "chess: black has no move to take back");
    h_simple(&H, 2, PACKET_RESIGN, 1);
    TAP_OK(H.nrecords == 1 && strstr(H.record, "1. d4") && !strstr(H.record, "e4"),
           "chess: the record has 1.d4, not the 1.e4 taken back");
    h_free(&H);
}

static void test_refused_by_server(void)
{
    size_t mark;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    H.cfg.no_takeback = 1;
    h_pair(&H, 1, "ann", 2, "ben");
    h_stone(&H, 1, 0, 7, 7);
    mark = H.nsent;
    ask(1, 1);
    TAP_STR_EQ(refusal(1, mark), "takebacks are off in this game", "--no-takeback refuses");
    TAP_OK(!h_last(&H, 2, PACKET_TAKEBACK_OFFER, mark), "and the opponent hears nothing");
    h_free(&H);

    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    H.cfg.opening = 1; /* swap */
    h_pair(&H, 1, "ann", 2, "ben");
    h_stone(&H, 1, 0, 7, 7);
    mark = H.nsent;
    ask(1, 1);
    TAP_STR_EQ(refusal(1, mark), "no takeback during the opening", "not during an opening");
    h_free(&H);
}

/* A game restored under its own terms, takebacks off, on a server whose
 * flags allow them: the refusal names the game, not the server. */
static void test_refused_by_terms(void)
{
    match_restore r;
    game_move first;
    size_t mark;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_restore_fill(&r, &first);
    r.terms = H.cfg;
    r.terms.no_takeback = 1;
    TAP_INT_EQ(match_host_restore(H.host, &r, H.now), 0, "a game without takebacks is restored");
    h_open(&H, 1);
    h_hello(&H, 1, "A", PACKET_WANT_PLAY, r.token[0]);
    mark = H.nsent;
    ask(1, 1);
    TAP_STR_EQ(refusal(1, mark), "takebacks are off in this game",
               "its takeback request is refused by its terms, though the server allows them");
    h_free(&H);
}

int main(void)
{
    test_gomoku();
    test_chess();
    test_refused_by_server();
    test_refused_by_terms();
    return tap_done();
}
