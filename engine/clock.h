/* clock.h: a monotonic millisecond clock for the engine's time management.
 * One header over clock_posix.c and clock_win32.c. */
#ifndef MATCHBOARD_ENGINE_CLOCK_H
#define MATCHBOARD_ENGINE_CLOCK_H

#include <stdint.h>

/* Milliseconds since an arbitrary start; never jumps back. */
uint64_t clock_ms(void);

#endif
