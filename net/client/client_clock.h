/* client_clock.h: the clocks as the server last told them (a CLOCK, with
 * the CLOCK_DELAY before it for a delay clock) and what a client shows of
 * them some time later. Pure arithmetic, no clock of its own: the caller
 * says how long ago the CLOCK came. docs/protocol.md, CLOCK_DELAY, gives
 * the rules.
 */
#ifndef MATCHBOARD_CLIENT_CLOCK_H
#define MATCHBOARD_CLIENT_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"

typedef struct client_clock {
    uint32_t p1_ms, p2_ms;  /* time left, as of the CLOCK */
    uint8_t running;        /* seat whose clock runs (1 or 2), 0 none */
    uint32_t increment_ms;  /* added after each move */
    uint8_t delay_kind;     /* 0 none, PACKET_DELAY_SIMPLE, PACKET_DELAY_BRONSTEIN */
    uint32_t delay_ms;      /* the delay of each move; 0 without one */
    uint32_t delay_left_ms; /* of the running side's delay, not used yet as of the CLOCK */
} client_clock;

/* The time left shown for side, elapsed_ms after the CLOCK came. Only the
 * running side's clock moves: under a simple delay once its delay left is
 * used up, under a Bronstein delay (and without a delay) at once. Never
 * below 0. */
uint32_t client_clock_time(const client_clock *k, game_side side, uint32_t elapsed_ms);

/* The running side's delay not used yet, elapsed_ms after the CLOCK: it
 * counts down from delay_left_ms. 0 without a delay or with no clock
 * running. Under a Bronstein delay, delay_ms minus this is what the move
 * would give back if made now. */
uint32_t client_clock_delay_left(const client_clock *k, uint32_t elapsed_ms);

/* How long side may still think, elapsed_ms after the CLOCK, before its
 * flag falls: its time shown, plus its delay left under a simple delay
 * while its clock runs. */
uint32_t client_clock_limit(const client_clock *k, game_side side, uint32_t elapsed_ms);

/* The time control's label: "+3 s" (an increment), "delay 3 s" (a
 * simple delay), "+2 s, Bronstein 1.5 s"; "" for a clock with neither
 * increment nor delay.
 * Returns the length (snprintf's: the text may be cut to cap). */
int client_clock_label(const client_clock *k, char *buf, size_t cap);

/* Milliseconds as seconds with no trailing zeros: "3", "1.5", "0.25". */
int client_clock_seconds(uint32_t ms, char *buf, size_t cap);

#endif
