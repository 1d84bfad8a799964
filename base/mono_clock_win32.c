/* mono_clock_win32.c: mono_clock.h over QueryPerformanceCounter. */
#include "mono_clock.h"

#include <windows.h>

/* The counter in units of 1/per_sec seconds, without overflowing. */
static uint64_t counter_in(uint64_t per_sec)
{
    LARGE_INTEGER freq, now;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&now);
    return (uint64_t)(now.QuadPart / freq.QuadPart) * per_sec +
           (uint64_t)(now.QuadPart % freq.QuadPart) * per_sec / (uint64_t)freq.QuadPart;
}

uint64_t mb_now_ns(void)
{
    return counter_in(1000000000u);
}

uint64_t mb_now_us(void)
{
    return mb_now_ns() / 1000u;
}

uint64_t mb_now_ms(void)
{
    return mb_now_ns() / 1000000u;
}

void mb_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

void mb_sleep_us(uint64_t us)
{
    uint64_t ms = (us + 999u) / 1000u;
    Sleep(ms > 0xFFFFFFFEu ? 0xFFFFFFFEu : (DWORD)ms);
}
