/* test_match_clocks.c: delay clocks and the move cap in the match logic,
 * on the harness's virtual time (exact to the millisecond): a simple (US)
 * delay starts the clock late, a Bronstein delay gives back at most the
 * delay, and --move-time ends a game whose move takes too long, in both
 * games. */
#include <string.h>

#include "game_chess.h"
#include "logic_harness.h"
#include "tap.h"

static harness H;

static void start(const game_ops *ops, uint32_t clock_ms, int kind, uint32_t delay_ms,
                  uint32_t move_time_ms)
{
    h_init(&H, ops, 0, clock_ms, 0);
    H.cfg.delay_kind = (uint8_t)kind;
    H.cfg.delay_ms = delay_ms;
    H.cfg.move_time_ms = move_time_ms;
    h_pair(&H, 1, "ann", 2, "ben");
}

static const packet_clock *clock_of(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_CLOCK, mark);
    return p ? &p->u.clock : NULL;
}

static void test_simple_delay(void)
{
    size_t mark;
    const packet_clock *k;
    start(&game_gomoku_ops, 10000, 1, 3000, 0);
    h_tick(&H, 2000);
    mark = H.nsent;
    h_stone(&H, 1, 0, 7, 7);
    k = clock_of(2, mark);
    TAP_OK(k && k->p1_ms == 10000, "simple delay: 2 s inside a 3 s delay cost nothing");
    h_tick(&H, 5000);
    mark = H.nsent;
    h_stone(&H, 2, 1, 7, 8);
    k = clock_of(1, mark);
    TAP_OK(k && k->p2_ms == 8000, "simple delay: 5 s cost 2 s");
    h_tick(&H, 12999);
    TAP_INT_EQ(H.nrecords, 0, "simple delay: the flag waits for the delay plus the time left");
    h_tick(&H, 1);
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_TIME &&
               H.record_result.winner == GAME_SIDE_P2,
           "simple delay: after 13 s black's flag falls");
    h_free(&H);
}

static void test_bronstein(void)
{
    size_t mark;
    const packet_clock *k;
    start(&game_chess_ops, 10000, 2, 3000, 0);
    h_tick(&H, 2000);
    mark = H.nsent;
    h_move(&H, 1, 0, 4, 1, 4, 3, 0);
    k = clock_of(2, mark);
    TAP_OK(k && k->p1_ms == 10000, "Bronstein: 2 s used, 2 s given back");
    h_tick(&H, 5000);
    mark = H.nsent;
    h_move(&H, 2, 1, 4, 6, 4, 4, 0);
    k = clock_of(1, mark);
    TAP_OK(k && k->p2_ms == 8000, "Bronstein: 5 s used, 3 s given back");
    h_tick(&H, 9999);
    TAP_INT_EQ(H.nrecords, 0, "Bronstein: the clock runs from the start of the turn");
    h_tick(&H, 1);
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_TIME &&
               H.record_result.winner == GAME_SIDE_P2,
           "Bronstein: the flag falls at the time left (10 s), the delay is no reserve");
    h_free(&H);
}

static void test_move_time(const game_ops *ops)
{
    start(ops, 0, 0, 0, 30000);
    h_tick(&H, 29000);
    if (ops == &game_chess_ops)
        h_move(&H, 1, 0, 4, 1, 4, 3, 0);
    else
        h_stone(&H, 1, 0, 7, 7);
    h_tick(&H, 29999);
    TAP_INT_EQ(H.nrecords, 0, "%s: each move has its own 30 s", ops->name);
    h_tick(&H, 1);
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_TIME &&
               H.record_result.winner == GAME_SIDE_P1,
           "%s: a move past --move-time loses on time, without a clock", ops->name);
    h_free(&H);
}

/* Giving the opponent time (GIVE_TIME, lichess's "+15 seconds"). */
static void test_give_time(void)
{
    size_t mark;
    packet p;
    const packet_clock *k;
    start(&game_chess_ops, 60000, 0, 0, 0);
    memset(&p, 0, sizeof p);
    p.type = PACKET_GIVE_TIME;
    p.u.give_time.ms = 15000;
    mark = H.nsent;
    h_send(&H, 2, &p);
    k = clock_of(1, mark);
    TAP_OK(k && k->p1_ms == 75000 && k->p2_ms == 60000,
           "black gives white 15 s: everyone's CLOCK shows it");
    h_free(&H);
    start(&game_chess_ops, 0, 0, 0, 0);
    mark = H.nsent;
    h_send(&H, 2, &p);
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) != NULL, "no clock: nothing to give, refused");
    h_free(&H);
}

int main(void)
{
    test_give_time();
    test_simple_delay();
    test_bronstein();
    test_move_time(&game_gomoku_ops);
    test_move_time(&game_chess_ops);
    return tap_done();
}
