/* test_engine_clock.c: what a bot tells its engine of the clocks
 * (engine_clock_tell), pinned for each clock kind: an increment alone, a
 * simple (US) delay, a Bronstein delay; the side to move and the side
 * waiting; a delay partly used; a time shorter than the delay. And the
 * property behind the numbers: for a move that takes at least the delay,
 * UCI's "time minus the move plus the increment" is what the engine is
 * told at its next move, under either delay, so no delay is counted
 * twice. No wall time: every instant is given. */
#include <string.h>

#include "clock_fixture.h"
#include "engine_clock.h"
#include "packet.h"
#include "tap.h"

static int told(const engine_clock *t, uint32_t p1, uint32_t p2, uint32_t inc, uint32_t turn,
                uint32_t left)
{
    if (t->p1_ms == p1 && t->p2_ms == p2 && t->increment_ms == inc && t->turn_ms == turn &&
        t->left_ms == left)
        return 1;
    tap_diag("told wtime %u btime %u inc %u timeout_turn %u time_left %u", (unsigned)t->p1_ms,
             (unsigned)t->p2_ms, (unsigned)t->increment_ms, (unsigned)t->turn_ms,
             (unsigned)t->left_ms);
    return 0;
}

static void test_increment(void)
{
    engine_clock t;
    client_clock k = make(2, 0, 0, 0);
    engine_clock_tell(&k, GAME_SIDE_P2, 500, &t);
    /* 44500 / 20 + 2000 */
    TAP_OK(told(&t, 60000, 44500, 2000, 4225, 44500),
           "increment: the times as they run, the increment; a twentieth plus it per turn");
}

static void test_simple(void)
{
    engine_clock t;
    client_clock k = make(1, PACKET_DELAY_SIMPLE, 3000, 3000);
    engine_clock_tell(&k, GAME_SIDE_P1, 500, &t);
    /* 60000 + 2500 left of the delay; 48000 = 45000 + its next delay;
     * 60000 / 20 + 2000 + 2500 (was 62500 / 20 + 5000 = 8125) */
    TAP_OK(told(&t, 62500, 48000, 5000, 7500, 62500),
           "simple delay, 0.5 s in: the mover's time with its delay left, the other's with its "
           "next delay, the increment plus the delay; the turn spreads the time alone");
    engine_clock_tell(&k, GAME_SIDE_P1, 4000, &t);
    TAP_OK(told(&t, 59000, 48000, 5000, 4950, 59000),
           "simple delay, 4 s in: the delay used up, the time runs; the turn has no delay left");
    k.delay_left_ms = 1000; /* a CLOCK sent with 2 s of the delay used (a resumed game) */
    engine_clock_tell(&k, GAME_SIDE_P1, 0, &t);
    TAP_OK(told(&t, 61000, 48000, 5000, 6000, 61000),
           "simple delay partly used before the CLOCK: only what is left of it this move");
    k = make(1, PACKET_DELAY_SIMPLE, 3000, 3000);
    engine_clock_tell(&k, GAME_SIDE_P2, 500, &t);
    TAP_OK(told(&t, 62500, 48000, 5000, 7250, 48000),
           "simple delay, the side waiting: its time and its next move's whole delay");
    k.p1_ms = 1000;
    k.increment_ms = 0;
    engine_clock_tell(&k, GAME_SIDE_P1, 0, &t);
    TAP_OK(told(&t, 4000, 48000, 3000, 3050, 4000),
           "simple delay, 1 s on the clock: the move may take the delay and the second; the turn "
           "takes the delay whole");
}

static void test_bronstein(void)
{
    engine_clock t;
    client_clock k = make(1, PACKET_DELAY_BRONSTEIN, 3000, 3000);
    engine_clock_tell(&k, GAME_SIDE_P1, 500, &t);
    /* 59500 / 20 + 2000 + 3000 */
    TAP_OK(told(&t, 59500, 45000, 5000, 7975, 59500),
           "Bronstein: the times as they run (no delay in them), the increment plus the delay; "
           "the turn gets the delay back");
    k.p1_ms = 1000;
    engine_clock_tell(&k, GAME_SIDE_P1, 0, &t);
    TAP_OK(told(&t, 1000, 45000, 5000, 1000, 1000),
           "Bronstein, 1 s on the clock: the flag falls with it, whatever comes back after");
}

/* The mover's next CLOCK after a move of move_ms, as the server keeps
 * the clock (docs/protocol.md, CLOCK_DELAY): a fresh delay each move. */
static client_clock after_move(const client_clock *k, uint32_t move_ms)
{
    client_clock n = *k;
    uint32_t d = k->delay_ms;
    if (k->delay_kind == PACKET_DELAY_SIMPLE)
        n.p1_ms = k->p1_ms - (move_ms > d ? move_ms - d : 0) + k->increment_ms;
    else
        n.p1_ms = k->p1_ms - move_ms + (move_ms < d ? move_ms : d) + k->increment_ms;
    n.delay_left_ms = d;
    return n;
}

static void test_no_double_count(void)
{
    static const uint8_t kinds[] = {PACKET_DELAY_SIMPLE, PACKET_DELAY_BRONSTEIN};
    for (size_t i = 0; i < sizeof kinds; i++) {
        client_clock k = make(1, kinds[i], 3000, 3000), n;
        engine_clock now, next;
        int ok = 1;
        engine_clock_tell(&k, GAME_SIDE_P1, 0, &now);
        for (uint32_t move = 3000; move <= 9000; move += 1500) {
            n = after_move(&k, move);
            engine_clock_tell(&n, GAME_SIDE_P1, 0, &next);
            if (next.p1_ms != now.p1_ms - move + now.increment_ms) {
                tap_diag("a %u ms move: told %u next, want %u", (unsigned)move,
                         (unsigned)next.p1_ms, (unsigned)(now.p1_ms - move + now.increment_ms));
                ok = 0;
            }
        }
        n = after_move(&k, 1000); /* faster than the delay: the rest is lost */
        engine_clock_tell(&n, GAME_SIDE_P1, 0, &next);
        ok = ok && next.p1_ms == now.p1_ms - 1000 + now.increment_ms - 2000;
        TAP_OK(ok,
               "%s: a move of the delay or more leaves what UCI's increment says; a quicker one "
               "wastes the rest of the delay",
               kinds[i] == PACKET_DELAY_SIMPLE ? "simple delay" : "Bronstein");
    }
    {
        client_clock k = make(1, PACKET_DELAY_SIMPLE, 3000, 3000);
        engine_clock waiting, moving;
        engine_clock_tell(&k, GAME_SIDE_P1, 0, &waiting);
        k.running = 2; /* P1 moved in no time: P2's clock starts, its delay whole */
        engine_clock_tell(&k, GAME_SIDE_P2, 0, &moving);
        TAP_INT_EQ(moving.p2_ms, waiting.p2_ms,
                   "simple delay: the waiting side's time is the one it gets when its turn comes");
    }
}

static void test_no_side(void)
{
    engine_clock t;
    client_clock k = make(1, PACKET_DELAY_SIMPLE, 3000, 3000);
    k.increment_ms = UINT32_MAX;
    engine_clock_tell(&k, GAME_SIDE_NONE, 0, &t);
    TAP_OK(t.increment_ms == UINT32_MAX && t.turn_ms == 0 && t.left_ms == 0,
           "no side: the times alone; an increment past 32 bits stops at the most");
}

int main(void)
{
    test_increment();
    test_simple();
    test_bronstein();
    test_no_double_count();
    test_no_side();
    return tap_done();
}
