/* clock_fixture.h: the clocks test_client_clock and test_engine_clock
 * start from: P1 60 s, P2 45 s, +2 s; the running side (1, 2 or 0), the
 * delay kind and length, the running side's delay left. */
#ifndef MATCHBOARD_TEST_CLOCK_FIXTURE_H
#define MATCHBOARD_TEST_CLOCK_FIXTURE_H

#include <string.h>

#include "client_clock.h"

static inline client_clock make(uint8_t running, uint8_t kind, uint32_t delay, uint32_t left)
{
    client_clock k;
    memset(&k, 0, sizeof k);
    k.p1_ms = 60000;
    k.p2_ms = 45000;
    k.running = running;
    k.increment_ms = 2000;
    k.delay_kind = kind;
    k.delay_ms = delay;
    k.delay_left_ms = left;
    return k;
}

#endif
