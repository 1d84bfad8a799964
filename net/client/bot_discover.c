/* bot_discover.c: matchboard-bot --discover: probe, list, exit. */
#include <stdio.h>

#include "bot.h"
#include "discovery_browse.h"
#include "mono_clock.h"

/* Probes go out at these times (ms from the start): one datagram may be
 * lost, three rarely are. */
static const int probe_at_ms[] = {0, 400, 1200};

int bot_discover(const bot_args *a)
{
    discovery_browser *b;
    uint64_t start = mb_now_ms(), now = start;
    size_t next_probe = 0, heard = 0;
    long last_sent;
    sock_err e = discovery_browser_open(&b);
    if (e != SOCK_OK) {
        fprintf(stderr, "matchboard-bot: cannot open a UDP socket: %s\n", sock_strerror(e));
        return 1;
    }
    const size_t nprobes = sizeof probe_at_ms / sizeof probe_at_ms[0];
    while (now - start < (uint64_t)a->timeout_ms) {
        int wait;
        if (next_probe < nprobes && now - start >= (uint64_t)probe_at_ms[next_probe]) {
            last_sent = discovery_browser_probe(b, a->discover_to, a->discovery_port, NULL, NULL);
            if (last_sent < 0 && next_probe == 0) {
                fprintf(stderr, "matchboard-bot: cannot send a discovery probe%s%s: %s\n",
                        a->discover_to ? " to " : "", a->discover_to ? a->discover_to : "",
                        sock_strerror((sock_err)last_sent));
                discovery_browser_close(b);
                return 1;
            }
            next_probe++;
        }
        {
            size_t count;
            const discovery_server *list;
            (void)discovery_browser_poll(b, mb_now_ms(), NULL);
            list = discovery_browser_list(b, &count);
            for (; heard < count; heard++) { /* never expired here: new ones come last */
                char line[256];
                discovery_server_describe(&list[heard], line, sizeof line);
                printf("%s\n", line);
            }
            fflush(stdout);
        }
        now = mb_now_ms();
        {
            uint64_t until = start + (uint64_t)a->timeout_ms;
            if (next_probe < nprobes && start + (uint64_t)probe_at_ms[next_probe] < until)
                until = start + (uint64_t)probe_at_ms[next_probe];
            wait = until > now ? (int)(until - now) : 0;
        }
        if (wait > 0)
            discovery_browser_wait(b, wait);
        now = mb_now_ms();
    }
    discovery_browser_close(b);
    if (heard == 0) {
        fprintf(stderr, "matchboard-bot: no matchboard server answered within %d s\n",
                a->timeout_ms / 1000);
        return 1;
    }
    return 0;
}
