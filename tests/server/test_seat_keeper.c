/* test_seat_keeper.c: when the server's engine seat starts its bot again:
 * at once after a game, later and later after quick failures, never
 * faster than once a minute for a broken engine, and back to quick after
 * a bot that ran a while. */
#include "seat_keeper.h"
#include "tap.h"

int main(void)
{
    seat_keeper k;
    uint64_t t = 5000, d;
    seat_keeper_init(&k, t);
    TAP_OK(seat_keeper_due(&k, t), "due at once");
    TAP_INT_EQ(seat_keeper_wait_ms(&k, t), 0, "no wait");
    seat_keeper_started(&k, t);
    TAP_OK(!seat_keeper_due(&k, t + 100000), "not due while it runs");
    TAP_INT_EQ(seat_keeper_wait_ms(&k, t), -1, "no deadline while it runs");
    t += 60000; /* a game played */
    TAP_INT_EQ(seat_keeper_ended(&k, 0, t), SEAT_KEEPER_AGAIN_MS, "after a game: back at once");
    TAP_OK(!seat_keeper_due(&k, t + SEAT_KEEPER_AGAIN_MS - 1), "not before the delay");
    TAP_OK(seat_keeper_due(&k, t + SEAT_KEEPER_AGAIN_MS), "due after it");
    TAP_INT_EQ(k.games, 1, "one game counted");

    /* a broken engine: each failure soon after the start doubles the wait */
    d = 0;
    for (int i = 0; i < 10; i++) {
        uint64_t want = SEAT_KEEPER_FIRST_DELAY_MS;
        for (int j = 0; j < i && want < SEAT_KEEPER_MAX_DELAY_MS; j++)
            want *= 2;
        if (want > SEAT_KEEPER_MAX_DELAY_MS)
            want = SEAT_KEEPER_MAX_DELAY_MS;
        t += 1000;
        seat_keeper_started(&k, t);
        t += 50;
        d = seat_keeper_ended(&k, 3, t);
        TAP_INT_EQ(d, want, "quick failure %d: wait %lu ms", i + 1, (unsigned long)want);
        TAP_INT_EQ(seat_keeper_wait_ms(&k, t), (int64_t)d, "the wait says so");
        t += d;
    }
    TAP_INT_EQ(d, SEAT_KEEPER_MAX_DELAY_MS, "capped at a minute");
    seat_keeper_started(&k, t);
    t += SEAT_KEEPER_QUICK_MS + 1;
    TAP_INT_EQ(seat_keeper_ended(&k, 1, t), SEAT_KEEPER_FIRST_DELAY_MS,
               "a bot that ran a while and failed: a second, the count reset");
    seat_keeper_started(&k, t);
    TAP_INT_EQ(seat_keeper_ended(&k, 1, t + 10), SEAT_KEEPER_FIRST_DELAY_MS,
               "the next quick failure starts from a second again");
    return tap_done();
}
