/* rate_limit.c: see rate_limit.h. */
#include "rate_limit.h"

void rate_limit_init(rate_limit *r, uint32_t burst, uint32_t per_s, uint64_t now_ms)
{
    r->burst = burst;
    r->per_s = per_s;
    r->milli_tokens = (uint64_t)burst * 1000u;
    r->at_ms = now_ms;
}

int rate_limit_take(rate_limit *r, uint64_t now_ms)
{
    uint64_t cap = (uint64_t)r->burst * 1000u;
    if (now_ms > r->at_ms) {
        uint64_t dt = now_ms - r->at_ms;
        /* Refill: per_s tokens a second, i.e. per_s milli-tokens a ms
         * (dt is capped first so the product cannot overflow). */
        if (dt > cap)
            dt = cap;
        r->milli_tokens += dt * r->per_s;
        if (r->milli_tokens > cap)
            r->milli_tokens = cap;
        r->at_ms = now_ms;
    }
    if (r->milli_tokens < 1000u)
        return 0;
    r->milli_tokens -= 1000u;
    return 1;
}
