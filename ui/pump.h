/* pump.h: the GUI loop's wait for its next event, per platform.
 *
 * On Windows the client notifier's WSAAsyncSelect notifications are window
 * messages of the GUI's thread: they reach the notifier only when a message
 * loop dispatches them. SDL's "windows" video driver does that in its event
 * pump; its dummy and offscreen drivers never touch the thread's messages.
 * pump_win32.c therefore dispatches the thread's messages itself whenever
 * SDL's driver is not the one that does, so a headless Windows run works
 * too. pump_posix.c is SDL_WaitEvent(Timeout): the POSIX notifier posts from
 * its own thread.
 */
#ifndef MATCHBOARD_UI_PUMP_H
#define MATCHBOARD_UI_PUMP_H

#include <SDL.h>

/* Waits up to timeout_ms (< 0: without limit) for the next SDL event,
 * dispatching the notifier's messages meanwhile where SDL does not. Returns
 * 1 with *ev filled, or 0 when the time ran out. */
int ui_pump_wait(SDL_Event *ev, int timeout_ms);

#endif
