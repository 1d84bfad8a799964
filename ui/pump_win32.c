/* pump_win32.c: see pump.h. With SDL's "windows" video driver SDL's own
 * pump dispatches every message of the thread, the notifier's included.
 * With any other driver (dummy, offscreen: no Win32 window of SDL's) this
 * file runs the message loop: it dispatches the thread's messages, takes
 * what that queued in SDL, and sleeps in MsgWaitForMultipleObjects until a
 * message is posted or the time is up. */
#include <windows.h>

#include <string.h>

#include "pump.h"

/* The longest sleep between looks at SDL's queue, for SDL events pushed
 * from another thread (nothing the GUI does). */
enum { PUMP_MAX_SLEEP_MS = 50 };

static int sdl_pumps_messages(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    return driver && strcmp(driver, "windows") == 0;
}

static void dispatch_messages(void)
{
    MSG msg;
    while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) {
        TranslateMessage(&msg);
        DispatchMessageW(&msg);
    }
}

int ui_pump_wait(SDL_Event *ev, int timeout_ms)
{
    if (sdl_pumps_messages())
        return timeout_ms < 0 ? SDL_WaitEvent(ev) : SDL_WaitEventTimeout(ev, timeout_ms);
    Uint32 start = SDL_GetTicks();
    for (;;) {
        dispatch_messages();
        if (SDL_PollEvent(ev))
            return 1;
        DWORD sleep = PUMP_MAX_SLEEP_MS;
        if (timeout_ms >= 0) {
            Uint32 gone = SDL_GetTicks() - start;
            if (gone >= (Uint32)timeout_ms)
                return 0;
            if ((Uint32)timeout_ms - gone < sleep)
                sleep = (DWORD)((Uint32)timeout_ms - gone);
        }
        MsgWaitForMultipleObjectsEx(0, NULL, sleep, QS_ALLINPUT, MWMO_INPUTAVAILABLE);
    }
}
