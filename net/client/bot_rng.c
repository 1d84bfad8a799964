/* bot_rng.c: splitmix64 (Steele, Lea and Flood's generator), so a seed
 * gives the same game on every platform and C library. */
#include "bot.h"

void bot_rng_seed(bot_rng *r, uint64_t seed)
{
    r->state = seed;
}

uint64_t bot_rng_next(bot_rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t bot_rng_below(bot_rng *r, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, v;
    do
        v = bot_rng_next(r);
    while (v >= limit);
    return v % n;
}
