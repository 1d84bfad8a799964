/* pump_posix.c: see pump.h. The notifier posts SDL events from its own
 * thread, so SDL's wait is all it takes. */
#include "pump.h"

int ui_pump_wait(SDL_Event *ev, int timeout_ms)
{
    return timeout_ms < 0 ? SDL_WaitEvent(ev) : SDL_WaitEventTimeout(ev, timeout_ms);
}
