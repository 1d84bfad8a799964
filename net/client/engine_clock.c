/* engine_clock.c: the clocks as an engine's time control (see
 * engine_clock.h). */
#include <string.h>

#include "engine_clock.h"
#include "packet.h"

static uint32_t plus(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

static uint32_t delay_of(const client_clock *k)
{
    int kind = k->delay_kind == PACKET_DELAY_SIMPLE || k->delay_kind == PACKET_DELAY_BRONSTEIN;
    return kind ? k->delay_ms : 0;
}

/* The delay side's move costs nothing up to: the running side's delay
 * left (client_clock_delay_left), the whole delay for the side waiting. */
static uint32_t free_delay(const client_clock *k, game_side side, uint32_t elapsed_ms)
{
    if (k->running == (uint8_t)side)
        return client_clock_delay_left(k, elapsed_ms);
    return delay_of(k);
}

/* The most side's move may take: its time, plus a simple delay's part. */
static uint32_t limit(const client_clock *k, game_side side, uint32_t elapsed_ms)
{
    uint32_t t = client_clock_time(k, side, elapsed_ms);
    if (k->delay_kind == PACKET_DELAY_SIMPLE)
        t = plus(t, free_delay(k, side, elapsed_ms));
    return t;
}

void engine_clock_tell(const client_clock *k, game_side side, uint32_t elapsed_ms,
                       engine_clock *out)
{
    uint32_t share, give;
    memset(out, 0, sizeof *out);
    out->p1_ms = limit(k, GAME_SIDE_P1, elapsed_ms);
    out->p2_ms = limit(k, GAME_SIDE_P2, elapsed_ms);
    out->increment_ms = plus(k->increment_ms, delay_of(k));
    if (side != GAME_SIDE_P1 && side != GAME_SIDE_P2)
        return;
    out->left_ms = side == GAME_SIDE_P1 ? out->p1_ms : out->p2_ms;
    /* a Bronstein delay gives back what the move took, up to the delay
     * whole (the part used before the CLOCK too); a simple one spares
     * what is left of it */
    give = k->delay_kind == PACKET_DELAY_BRONSTEIN ? delay_of(k) : free_delay(k, side, elapsed_ms);
    share = client_clock_time(k, side, elapsed_ms) / ENGINE_CLOCK_SPREAD;
    share = plus(plus(share, k->increment_ms), give);
    out->turn_ms = share < out->left_ms ? share : out->left_ms;
}
