/* connect_discovery.c: the connect screen's list of servers on the LAN.
 * While the connect screen shows, a probe goes out every PROBE_EVERY_MS
 * (broadcast and IPv6 multicast, or --discover-to's host alone) and the
 * replies are read every POLL_MS; a server not heard for FORGET_MS leaves
 * the list. Nothing runs on the game screen. */
#include "connect_screen.h"

enum { PROBE_EVERY_MS = 2000, POLL_MS = 250, FORGET_MS = 6000 };

void connect_discovery_start(app *a)
{
    if (a->opt.no_discovery || a->lan)
        return;
    if (discovery_browser_open(&a->lan) != SOCK_OK)
        a->lan = NULL; /* no UDP: the form still works */
    a->lan_probe_at = SDL_GetTicks();
}

void connect_discovery_stop(app *a)
{
    discovery_browser_close(a->lan);
    a->lan = NULL;
}

void connect_discovery_tick(app *a)
{
    Uint32 now = SDL_GetTicks();
    int changed = 0;
    if (!a->lan || a->screen != APP_SCREEN_CONNECT)
        return;
    if ((Sint32)(now - a->lan_probe_at) >= 0) {
        (void)discovery_browser_probe(a->lan, a->opt.discover_to, APP_DEFAULT_PORT, NULL, NULL);
        a->lan_probe_at = now + PROBE_EVERY_MS;
    }
    (void)discovery_browser_poll(a->lan, now, &changed);
    if (discovery_browser_expire(a->lan, now, FORGET_MS))
        changed = 1;
    if (changed)
        a->dirty = 1;
}

int connect_discovery_timeout(const app *a)
{
    return a->lan && a->screen == APP_SCREEN_CONNECT ? POLL_MS : -1;
}

size_t connect_discovery_rows(const app *a, const discovery_server **rows)
{
    return a->lan ? discovery_browser_unique(a->lan, rows, APP_LAN_ROWS) : 0;
}
