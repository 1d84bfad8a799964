/* mono_clock.h: a monotonic clock (never jumps back, counts from an
 * arbitrary start) and sleeping. One header over mono_clock_posix.c
 * (clock_gettime(CLOCK_MONOTONIC)) and mono_clock_win32.c
 * (QueryPerformanceCounter).
 */
#ifndef MATCHBOARD_MONO_CLOCK_H
#define MATCHBOARD_MONO_CLOCK_H

#include <stdint.h>

/* The clock in nanoseconds, microseconds and milliseconds: one clock, so
 * the three agree (mb_now_ms() == mb_now_ns() / 1000000 at any instant). */
uint64_t mb_now_ns(void);
uint64_t mb_now_us(void);
uint64_t mb_now_ms(void);

/* Sleeps the calling thread for about ms milliseconds / us microseconds
 * (Win32 rounds microseconds up to whole milliseconds). */
void mb_sleep_ms(unsigned ms);
void mb_sleep_us(uint64_t us);

#endif
