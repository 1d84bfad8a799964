/* mono_clock_posix.c: mono_clock.h over clock_gettime(CLOCK_MONOTONIC). */
#include "mono_clock.h"

#include <errno.h>
#include <time.h>

uint64_t mb_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t mb_now_us(void)
{
    return mb_now_ns() / 1000u;
}

uint64_t mb_now_ms(void)
{
    return mb_now_ns() / 1000000u;
}

void mb_sleep_us(uint64_t us)
{
    struct timespec ts = {(time_t)(us / 1000000u), (long)(us % 1000000u) * 1000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

void mb_sleep_ms(unsigned ms)
{
    mb_sleep_us((uint64_t)ms * 1000u);
}
