/* engine_clock.h: what a bot tells its engine of the game's clocks: UCI's
 * `go wtime W btime B winc I binc I`, Gomocup's `INFO timeout_turn` and
 * `INFO time_left`. Neither protocol knows a delay, only an increment
 * added after each move, so a delay clock is told as the increment clock
 * it equals for every move that takes at least the delay, each move's
 * delay counted once (docs/client.md, "The engine's time"). Pure
 * arithmetic over client_clock: the caller says how long ago the CLOCK
 * came. */
#ifndef MATCHBOARD_ENGINE_CLOCK_H
#define MATCHBOARD_ENGINE_CLOCK_H

#include <stdint.h>

#include "client_clock.h"

/* How many moves a Gomocup turn's share of the time left spreads over. */
#define ENGINE_CLOCK_SPREAD 20

typedef struct engine_clock {
    /* UCI wtime / btime: the most each side's move (the side to move's
     * current one, the other's next) may take before its flag falls: its
     * time, plus under a simple delay that move's delay (left), which the
     * clock does not charge; a Bronstein delay only gives time back after
     * the move, so it is not there. */
    uint32_t p1_ms, p2_ms;
    /* UCI winc / binc: what each later move gets: the increment plus the
     * delay of either kind (its next move's delay for a simple one). */
    uint32_t increment_ms;
    /* Gomocup timeout_turn, for side: its time (without any delay) spread
     * over ENGINE_CLOCK_SPREAD moves, plus the increment, plus the delay
     * this move costs nothing up to (a simple delay's left, a Bronstein
     * delay whole), never past time_left. */
    uint32_t turn_ms;
    /* Gomocup time_left, for side: its p1_ms / p2_ms above. */
    uint32_t left_ms;
} engine_clock;

/* The engine's clocks for side (GAME_SIDE_P1 or _P2), elapsed_ms after the
 * CLOCK k came. */
void engine_clock_tell(const client_clock *k, game_side side, uint32_t elapsed_ms,
                       engine_clock *out);

#endif
