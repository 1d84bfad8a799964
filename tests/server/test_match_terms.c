/* test_match_terms.c: a match restored from the journal goes on under its
 * own terms (match_terms.h), in the match host alone (no sockets), on a
 * host whose flags are others: Gomoku freestyle 15x15, no clock, no
 * opening, takebacks off.
 *  - a Gomoku standard 19x19 game with swap2, 5+3 and a 30 s move cap:
 *    its players are told its board, its opening and its increment, its
 *    move cap runs although the host has no clock;
 *  - a chess game with takebacks allowed: its players are told chess, a
 *    takeback request is passed on, and its rematch keeps its terms
 *    (journaled with them);
 *  - a game journaled without terms goes on under the host's;
 *  - a new match gets the host's flags;
 *  - a version-1 client may resume or watch a match whose terms have no
 *    opening rule, whatever the flags, and not one whose terms have one. */
#include <string.h>

#include "gomoku_opening.h"
#include "logic_harness.h"
#include "match_terms.h"
#include "tap.h"

static harness H;

static void init(void)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    H.cfg.no_takeback = 1;
}

/* Game 1 of match id between A (Player1) and B, both away, with no move
 * yet, under terms (NULL: none journaled). */
static void restore(uint32_t id, const match_config *terms)
{
    match_restore r;
    memset(&r, 0, sizeof r);
    r.match_id = id;
    r.game_no = 1;
    strcpy(r.name[0], "A");
    strcpy(r.name[1], "B");
    memset(r.token[0], (int)(0xA0 + id), PACKET_TOKEN_SIZE);
    memset(r.token[1], (int)(0xB0 + id), PACKET_TOKEN_SIZE);
    if (terms) {
        r.terms = *terms;
        r.left_ms[0] = r.left_ms[1] = terms->clock_ms;
    }
    TAP_INT_EQ(match_host_restore(H.host, &r, H.now), 0, "match %lu is restored",
               (unsigned long)id);
}

/* Both players of match id come back on a (Player1) and b. */
static void both_back(uint32_t id, conn_id a, conn_id b)
{
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    memset(ta, (int)(0xA0 + id), sizeof ta);
    memset(tb, (int)(0xB0 + id), sizeof tb);
    h_open(&H, a);
    h_hello(&H, a, "A", PACKET_WANT_PLAY, ta);
    h_open(&H, b);
    h_hello(&H, b, "B", PACKET_WANT_PLAY, tb);
}

/* Terms of a game of kind on a size board with a clock of clock_ms, the
 * rest zero; checked (match_terms_check sets ops) after more is set. */
static match_config terms(game_kind kind, int size, uint32_t clock_ms)
{
    match_config t;
    memset(&t, 0, sizeof t);
    t.options.kind = kind;
    t.options.width = t.options.height = (uint8_t)size;
    t.clock_ms = clock_ms;
    return t;
}

static void checked(match_config *t)
{
    char why[160];
    if (match_terms_check(t, why, sizeof why) != 0)
        tap_diag("%s", why);
}

static void test_gomoku_terms(void)
{
    match_config t = terms(GAME_KIND_GOMOKU, 19, 300000);
    const packet *w, *o, *c;
    t.options.rule = GAME_RULE_STANDARD;
    t.opening = 2; /* swap2 */
    t.increment_ms = 3000;
    t.move_time_ms = 30000;
    checked(&t);
    init();
    restore(5, &t);
    both_back(5, 1, 2);
    w = h_last(&H, 1, PACKET_WELCOME, 0);
    o = h_last(&H, 1, PACKET_OPENING_STATE, 0);
    c = h_last(&H, 2, PACKET_CLOCK, 0);
    TAP_OK(w && w->u.welcome.game == GAME_KIND_GOMOKU && w->u.welcome.rule == GAME_RULE_STANDARD &&
               w->u.welcome.width == 19 && w->u.welcome.height == 19,
           "its WELCOME says standard on 19x19, not the host's freestyle 15x15");
    TAP_OK(o && o->u.opening.rule == 2 && o->u.opening.step == GOMOKU_STEP_PLACE,
           "its swap2 opening goes on where it was: three stones to place");
    TAP_OK(c && c->u.clock.increment_ms == 3000 && c->u.clock.p1_ms == 300000 &&
               c->u.clock.running == 1,
           "its 5+3 clock runs once both are back, though the host has no clock");
    TAP_OK(match_host_deadline(H.host) == H.now + 30000,
           "the host's next deadline is its 30 s move cap");
    h_tick(&H, 30000);
    TAP_OK(h_last(&H, 2, PACKET_GAME_OVER, 0) &&
               h_last(&H, 2, PACKET_GAME_OVER, 0)->u.game_over.reason == GAME_END_TIME,
           "and the cap ends the game on time");
    h_free(&H);
}

static void test_chess_terms_and_rematch(void)
{
    match_config t = terms(GAME_KIND_CHESS, 8, 60000);
    const packet *w, *p;
    const journal_entry *e;
    size_t mark, jmark;
    checked(&t);
    init();
    restore(6, &t);
    both_back(6, 1, 2);
    w = h_last(&H, 2, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.game == GAME_KIND_CHESS && w->u.welcome.width == 8,
           "a chess game restored on a Gomoku server: WELCOME says chess");
    mark = H.nsent;
    h_move(&H, 1, 0, 4, 1, 4, 3, 0); /* e2e4 */
    TAP_OK(h_last(&H, 2, PACKET_MOVE, mark) && !h_last(&H, 1, PACKET_REJECT, mark),
           "e2e4 is played");
    h_send(&H, 1, &(packet){.type = PACKET_TAKEBACK_OFFER, .u.takeback_offer.plies = 1});
    p = h_last(&H, 2, PACKET_TAKEBACK_OFFER, mark);
    TAP_OK(p && !h_last(&H, 1, PACKET_ERROR, mark),
           "its takebacks are allowed although the host's flags refuse them");
    h_simple(&H, 2, PACKET_RESIGN, 0);
    mark = H.nsent;
    jmark = H.njlog;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 0);
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    e = h_journaled(&H, JOURNAL_GAME, jmark);
    p = h_last(&H, 1, PACKET_CLOCK, mark);
    TAP_OK(h_last(&H, 1, PACKET_START, mark) && e && e->terms && e->terms->ops == &game_chess_ops &&
               match_terms_equal(e->terms, &t),
           "its rematch is chess again, journaled with the match's terms");
    TAP_OK(p && p->u.clock.p1_ms == 60000 && p->u.clock.p2_ms == 60000,
           "with its clock of a minute");
    h_free(&H);
}

static void test_untermed_and_new(void)
{
    const packet *w;
    const journal_entry *e;
    size_t jmark;
    init();
    restore(7, NULL);
    both_back(7, 1, 2);
    w = h_last(&H, 1, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.rule == GAME_RULE_FREESTYLE && w->u.welcome.width == 15 &&
               !h_last(&H, 1, PACKET_CLOCK, 0),
           "a game journaled without terms goes on under the host's");
    jmark = H.njlog;
    h_pair(&H, 3, "C", 4, "D");
    w = h_last(&H, 3, PACKET_WELCOME, 0);
    e = h_journaled(&H, JOURNAL_GAME, jmark);
    TAP_OK(w && w->u.welcome.width == 15 && e && e->terms && match_terms_equal(e->terms, &H.cfg),
           "a new match gets the host's flags, journaled with it");
    h_free(&H);
}

/* Opening steps are version 2: whether a version-1 client may resume or
 * watch is the match's opening rule's to say, not the server's flags'. */
static void test_version_one(void)
{
    match_config swap2 = terms(GAME_KIND_GOMOKU, 15, 0), plain = swap2;
    uint8_t tok[PACKET_TOKEN_SIZE];
    const packet *p;
    swap2.opening = 2;
    checked(&swap2);
    checked(&plain);
    init();
    restore(8, &swap2);
    memset(tok, 0xA8, sizeof tok);
    h_open(&H, 1);
    h_hello_v(&H, 1, "A", PACKET_WANT_PLAY, tok, 1);
    p = h_last(&H, 1, PACKET_ERROR, 0);
    TAP_OK(p && p->u.error.code == PACKET_CODE_BAD_HELLO && H.closed[1] &&
               strstr(p->u.error.text, "version 2"),
           "a server without an opening refuses a version-1 resume into a swap2 game: %s",
           p ? p->u.error.text : "-");
    h_open(&H, 2);
    h_hello_v(&H, 2, "old", PACKET_WANT_WATCH, NULL, 1);
    TAP_OK(H.closed[2] && !h_last(&H, 2, PACKET_WELCOME, 0), "and a version-1 spectator of it");
    h_free(&H);

    init();
    H.cfg.opening = 2; /* the server's flags: swap2 */
    restore(9, &plain);
    memset(tok, 0xA9, sizeof tok);
    h_open(&H, 1);
    h_hello_v(&H, 1, "A", PACKET_WANT_PLAY, tok, 1);
    TAP_OK(!H.closed[1] && h_last(&H, 1, PACKET_WELCOME, 0),
           "a swap2 server lets a version-1 player resume its game of no opening rule");
    h_open(&H, 2);
    h_hello_v(&H, 2, "new", PACKET_WANT_PLAY, NULL, 1);
    TAP_OK(H.closed[2], "but still refuses it a new seat");
    h_free(&H);
}

int main(void)
{
    test_gomoku_terms();
    test_chess_terms_and_rematch();
    test_untermed_and_new();
    test_version_one();
    return tap_done();
}
