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

/* The CLOCK_DELAY sent to c just before its last CLOCK since mark, or NULL
 * when that CLOCK came alone. */
static const packet_clock_delay *delay_of(conn_id c, size_t mark)
{
    size_t clock = H.nsent;
    for (size_t i = mark; i < H.nsent; i++)
        if (H.sent[i].c == c && H.sent[i].p.type == PACKET_CLOCK)
            clock = i;
    for (size_t i = clock; i < H.nsent && i-- > mark;)
        if (H.sent[i].c == c)
            return H.sent[i].p.type == PACKET_CLOCK_DELAY ? &H.sent[i].p.u.clock_delay : NULL;
    return NULL;
}

static const uint8_t *token_of(conn_id c)
{
    const packet *w = h_last(&H, c, PACKET_WELCOME, 0);
    return w ? w->u.welcome.token : NULL;
}

/* Clients are told the delay (CLOCK_DELAY before each CLOCK) and what is
 * left of it: at the start, to a spectator and a player resuming in the
 * middle of a turn, after GIVE_TIME (the turn goes on), after a move (a
 * new turn, the whole delay). */
static void test_delay_told(void)
{
    size_t mark;
    const packet_clock_delay *d;
    const packet_clock *k;
    packet gift;
    uint8_t tok[PACKET_TOKEN_SIZE];
    start(&game_gomoku_ops, 10000, 1, 3000, 0);
    d = delay_of(1, 0);
    TAP_OK(d && d->kind == PACKET_DELAY_SIMPLE && d->delay_ms == 3000 && d->left_ms == 3000,
           "simple delay: the START's CLOCK comes with CLOCK_DELAY, the whole delay left");
    TAP_OK(delay_of(2, 0) != NULL, "to both players");
    h_tick(&H, 1250);
    mark = H.nsent;
    h_open(&H, 3);
    h_hello(&H, 3, "fan", PACKET_WANT_WATCH, NULL);
    d = delay_of(3, mark);
    k = clock_of(3, mark);
    TAP_OK(d && d->left_ms == 1750 && k && k->running == 1 && k->p1_ms == 10000,
           "a spectator 1.25 s into the turn: 1.75 s of the delay left, the time untouched");
    memset(&gift, 0, sizeof gift);
    gift.type = PACKET_GIVE_TIME;
    gift.u.give_time.ms = 15000;
    mark = H.nsent;
    h_send(&H, 2, &gift);
    d = delay_of(1, mark);
    TAP_OK(d && d->left_ms == 1750 && clock_of(1, mark)->p1_ms == 25000,
           "GIVE_TIME: the turn goes on, its delay with it");
    h_tick(&H, 2000);
    memcpy(tok, token_of(1), sizeof tok);
    h_close(&H, 1);
    mark = H.nsent;
    h_open(&H, 4);
    h_hello(&H, 4, "ann", PACKET_WANT_PLAY, tok);
    d = delay_of(4, mark);
    k = clock_of(4, mark);
    TAP_OK(d && d->left_ms == 0 && k && k->p1_ms == 24750,
           "the mover resumes 3.25 s into its turn: no delay left, 0.25 s of its time used");
    mark = H.nsent;
    h_stone(&H, 4, 0, 7, 7);
    d = delay_of(3, mark);
    TAP_OK(d && d->left_ms == 3000 && clock_of(3, mark)->running == 2,
           "after the move: the other side's turn, the whole delay");
    h_free(&H);

    start(&game_chess_ops, 10000, 2, 3000, 0);
    h_tick(&H, 1000);
    mark = H.nsent;
    h_open(&H, 3);
    h_hello(&H, 3, "fan", PACKET_WANT_WATCH, NULL);
    d = delay_of(3, mark);
    k = clock_of(3, mark);
    TAP_OK(d && d->kind == PACKET_DELAY_BRONSTEIN && d->left_ms == 2000 && k && k->p1_ms == 9000,
           "Bronstein, a spectator 1 s in: the time runs, 2 s of the delay left to give back");
    h_free(&H);

    start(&game_chess_ops, 10000, 0, 0, 0);
    TAP_INT_EQ(h_count(&H, 1, PACKET_CLOCK_DELAY, 0), 0, "a clock without a delay: no CLOCK_DELAY");
    TAP_OK(clock_of(1, 0) != NULL, "only the CLOCK");
    h_free(&H);
}

/* After a restart the delay is told again: stopped (running 0) the whole
 * delay, and when both are back the turn starts with the whole delay. */
static void test_delay_restored(void)
{
    match_restore r;
    game_move first;
    const packet_clock_delay *d;
    size_t mark;
    h_init(&H, &game_gomoku_ops, 0, 60000, 0);
    H.cfg.delay_kind = 1;
    H.cfg.delay_ms = 5000;
    h_restore_fill(&r, &first);
    match_host_restore(H.host, &r, H.now);
    h_tick(&H, 2000);
    h_open(&H, 2);
    h_hello(&H, 2, "B", PACKET_WANT_PLAY, r.token[1]);
    d = delay_of(2, 0);
    TAP_OK(d && d->kind == PACKET_DELAY_SIMPLE && d->delay_ms == 5000 && d->left_ms == 5000 &&
               clock_of(2, 0)->running == 0,
           "restored, the first back: stopped clocks, told the delay");
    h_tick(&H, 2000);
    mark = H.nsent;
    h_open(&H, 1);
    h_hello(&H, 1, "A", PACKET_WANT_PLAY, r.token[0]);
    d = delay_of(2, mark);
    TAP_OK(d && d->left_ms == 5000 && clock_of(2, mark)->running == 2,
           "both back: the clocks go on, the mover's turn with the whole delay");
    h_tick(&H, 1500);
    mark = H.nsent;
    match_host_suspend(H.host, H.now);
    d = delay_of(1, mark);
    TAP_OK(d && d->left_ms == 5000 && clock_of(1, mark)->running == 0,
           "a stop: the stopped clocks' CLOCK tells the delay, whole again after the restart");
    h_free(&H);
}

int main(void)
{
    test_delay_told();
    test_delay_restored();
    test_give_time();
    test_simple_delay();
    test_bronstein();
    test_move_time(&game_gomoku_ops);
    test_move_time(&game_chess_ops);
    return tap_done();
}
