/* client_clock.c: what a client shows of the server's clocks (see
 * client_clock.h). */
#include <stdio.h>

#include "client_clock.h"
#include "packet.h"

static uint32_t minus(uint32_t a, uint32_t b)
{
    return a > b ? a - b : 0;
}

static uint32_t told(const client_clock *k, game_side side)
{
    return side == GAME_SIDE_P1 ? k->p1_ms : side == GAME_SIDE_P2 ? k->p2_ms : 0;
}

static int has_delay(const client_clock *k)
{
    return (k->delay_kind == PACKET_DELAY_SIMPLE || k->delay_kind == PACKET_DELAY_BRONSTEIN) &&
           k->delay_ms > 0;
}

uint32_t client_clock_delay_left(const client_clock *k, uint32_t elapsed_ms)
{
    if (!has_delay(k) || k->running == 0)
        return 0;
    return minus(k->delay_left_ms, elapsed_ms);
}

uint32_t client_clock_time(const client_clock *k, game_side side, uint32_t elapsed_ms)
{
    uint32_t used = elapsed_ms;
    if (side == GAME_SIDE_NONE || k->running != (uint8_t)side)
        return told(k, side);
    if (has_delay(k) && k->delay_kind == PACKET_DELAY_SIMPLE)
        used = minus(elapsed_ms, k->delay_left_ms); /* the delay first */
    return minus(told(k, side), used);
}

uint32_t client_clock_limit(const client_clock *k, game_side side, uint32_t elapsed_ms)
{
    uint32_t t = client_clock_time(k, side, elapsed_ms);
    if (k->running == (uint8_t)side && side != GAME_SIDE_NONE &&
        k->delay_kind == PACKET_DELAY_SIMPLE) {
        uint32_t d = client_clock_delay_left(k, elapsed_ms);
        t = t > UINT32_MAX - d ? UINT32_MAX : t + d;
    }
    return t;
}

int client_clock_seconds(uint32_t ms, char *buf, size_t cap)
{
    unsigned long s = ms / 1000, frac = ms % 1000;
    if (frac == 0)
        return snprintf(buf, cap, "%lu", s);
    if (frac % 100 == 0)
        return snprintf(buf, cap, "%lu.%lu", s, frac / 100);
    if (frac % 10 == 0)
        return snprintf(buf, cap, "%lu.%02lu", s, frac / 10);
    return snprintf(buf, cap, "%lu.%03lu", s, frac);
}

int client_clock_label(const client_clock *k, char *buf, size_t cap)
{
    char inc[24] = "", delay[24] = "";
    if (k->increment_ms)
        client_clock_seconds(k->increment_ms, inc, sizeof inc);
    if (has_delay(k))
        client_clock_seconds(k->delay_ms, delay, sizeof delay);
    return snprintf(buf, cap, "%s%s%s%s%s%s%s", inc[0] ? "+" : "", inc, inc[0] ? " s" : "",
                    inc[0] && delay[0] ? ", " : "",
                    !delay[0]                                 ? ""
                    : k->delay_kind == PACKET_DELAY_BRONSTEIN ? "Bronstein "
                                                              : "delay ",
                    delay, delay[0] ? " s" : "");
}
