/* seat_keeper.c: see seat_keeper.h. */
#include "seat_keeper.h"

void seat_keeper_init(seat_keeper *k, uint64_t now)
{
    k->running = 0;
    k->started_at = 0;
    k->next_start = now;
    k->quick_fails = 0;
    k->games = 0;
}

int seat_keeper_due(const seat_keeper *k, uint64_t now)
{
    return !k->running && now >= k->next_start;
}

int64_t seat_keeper_wait_ms(const seat_keeper *k, uint64_t now)
{
    if (k->running)
        return -1;
    return now >= k->next_start ? 0 : (int64_t)(k->next_start - now);
}

void seat_keeper_started(seat_keeper *k, uint64_t now)
{
    k->running = 1;
    k->started_at = now;
}

uint64_t seat_keeper_ended(seat_keeper *k, int status, uint64_t now)
{
    uint64_t delay = SEAT_KEEPER_AGAIN_MS;
    k->running = 0;
    if (status == 0) {
        k->quick_fails = 0;
        k->games++;
    } else if (now - k->started_at < SEAT_KEEPER_QUICK_MS) {
        delay = SEAT_KEEPER_FIRST_DELAY_MS;
        for (unsigned i = 0; i < k->quick_fails && delay < SEAT_KEEPER_MAX_DELAY_MS; i++)
            delay *= 2;
        if (delay > SEAT_KEEPER_MAX_DELAY_MS)
            delay = SEAT_KEEPER_MAX_DELAY_MS;
        k->quick_fails++;
    } else {
        k->quick_fails = 0; /* it ran a while: a lost connection, not a broken engine */
        delay = SEAT_KEEPER_FIRST_DELAY_MS;
    }
    k->next_start = now + delay;
    return delay;
}
