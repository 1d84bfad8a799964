/* test_client_clock.c: what a client shows of the server's clocks at given
 * instants after a CLOCK: no delay, a simple (US) delay (the time held
 * while the delay counts down), a Bronstein delay (the time runs, the
 * delay left counts down beside it); the limit; the time control's
 * label. No wall time: every instant is given. */
#include <string.h>

#include "client_clock.h"
#include "clock_fixture.h"
#include "packet.h"
#include "tap.h"

static void test_no_delay(void)
{
    client_clock k = make(1, 0, 0, 0);
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P1, 0), 60000, "no delay: at once, as told");
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P1, 1500), 58500, "1.5 s later: 1.5 s less");
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P2, 1500), 45000, "the other side's stands");
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P1, 70000), 0, "never below 0");
    TAP_INT_EQ(client_clock_delay_left(&k, 0), 0, "no delay to show");
    k.running = 0;
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P1, 5000), 60000, "stopped: nothing moves");
}

typedef struct instant {
    uint32_t at, time, delay; /* ms after the CLOCK; the time and delay left shown */
} instant;

/* The running side's time and delay shown at each instant. */
static void check_instants(const client_clock *k, game_side side, const instant *want, size_t n,
                           const char *what)
{
    for (size_t i = 0; i < n; i++) {
        TAP_INT_EQ(client_clock_time(k, side, want[i].at), want[i].time,
                   "%s, %u ms on: the time shown", what, (unsigned)want[i].at);
        TAP_INT_EQ(client_clock_delay_left(k, want[i].at), want[i].delay,
                   "%s, %u ms on: the delay left", what, (unsigned)want[i].at);
    }
}

/* A 3 s simple delay, the CLOCK sent 1.25 s into Player1's turn: the time
 * is held while the delay counts down. */
static void test_simple(void)
{
    static const instant want[] = {
        {0, 60000, 1750}, {1000, 60000, 750}, {1749, 60000, 1}, {1750, 60000, 0},
        {1751, 59999, 0}, {4750, 57000, 0},   {61750, 0, 0},    {90000, 0, 0},
    };
    client_clock k = make(1, PACKET_DELAY_SIMPLE, 3000, 1750);
    check_instants(&k, GAME_SIDE_P1, want, sizeof want / sizeof want[0], "simple delay");
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P2, 4000), 45000, "the other side's time stands");
    TAP_INT_EQ(client_clock_limit(&k, GAME_SIDE_P1, 1000), 60750,
               "1 s on, the mover may think its time plus the delay left");
    TAP_INT_EQ(client_clock_limit(&k, GAME_SIDE_P1, 10000), 51750, "and later its time alone");
    TAP_INT_EQ(client_clock_limit(&k, GAME_SIDE_P2, 1000), 45000,
               "the other side: its time (its delay comes with its turn)");
    k.running = 0;
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P1, 5000), 60000, "stopped: the time stands");
    TAP_INT_EQ(client_clock_delay_left(&k, 0), 0, "and no delay counts");
}

/* A 3 s Bronstein delay, the CLOCK at the start of Player2's turn: the
 * time runs from the start, the delay counts down beside it. */
static void test_bronstein(void)
{
    static const instant want[] = {
        {0, 45000, 3000}, {1000, 44000, 2000}, {2999, 42001, 1},
        {3000, 42000, 0}, {10000, 35000, 0},   {46000, 0, 0},
    };
    client_clock k = make(2, PACKET_DELAY_BRONSTEIN, 3000, 3000);
    check_instants(&k, GAME_SIDE_P2, want, sizeof want / sizeof want[0], "Bronstein");
    TAP_INT_EQ(client_clock_time(&k, GAME_SIDE_P1, 4000), 60000, "the other side's time stands");
    TAP_INT_EQ(client_clock_limit(&k, GAME_SIDE_P2, 1000), 44000,
               "the flag falls with the time: the delay is no reserve");
}

static void test_label(void)
{
    char buf[64];
    client_clock k = make(1, PACKET_DELAY_SIMPLE, 3000, 0);
    client_clock_label(&k, buf, sizeof buf);
    TAP_STR_EQ(buf, "+2 s, delay 3 s", "increment and simple delay");
    k.increment_ms = 0;
    k.delay_kind = PACKET_DELAY_BRONSTEIN;
    k.delay_ms = 1500;
    client_clock_label(&k, buf, sizeof buf);
    TAP_STR_EQ(buf, "Bronstein 1.5 s", "a Bronstein delay alone");
    k = make(1, 0, 0, 0);
    client_clock_label(&k, buf, sizeof buf);
    TAP_STR_EQ(buf, "+2 s", "an increment alone");
    k.increment_ms = 0;
    TAP_INT_EQ(client_clock_label(&k, buf, sizeof buf), 0, "neither: no label");
    client_clock_seconds(250, buf, sizeof buf);
    TAP_STR_EQ(buf, "0.25", "a quarter second");
    client_clock_seconds(1001, buf, sizeof buf);
    TAP_STR_EQ(buf, "1.001", "milliseconds kept");
}

int main(void)
{
    test_no_delay();
    test_simple();
    test_bronstein();
    test_label();
    return tap_done();
}
