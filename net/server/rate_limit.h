/* rate_limit.h: a token bucket: at most `burst` events at once and `per_s`
 * a second on average. Pure: the caller passes the time. */
#ifndef MATCHBOARD_RATE_LIMIT_H
#define MATCHBOARD_RATE_LIMIT_H

#include <stdint.h>

typedef struct rate_limit {
    uint32_t burst, per_s;
    uint64_t milli_tokens; /* tokens x 1000 */
    uint64_t at_ms;        /* when milli_tokens was last brought up to date */
} rate_limit;

/* A full bucket at now_ms. */
void rate_limit_init(rate_limit *r, uint32_t burst, uint32_t per_s, uint64_t now_ms);
/* Takes one token if there is one: 1 if the event may go, 0 if not. */
int rate_limit_take(rate_limit *r, uint64_t now_ms);

#endif
