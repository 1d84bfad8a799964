/* discovery_browse.h: finding matchboard servers on the LAN (the client's
 * side of docs/protocol.md, section 12). A browser owns two UDP sockets
 * (IPv4 with SO_BROADCAST, IPv6), sends probes and collects the replies
 * into a list of servers, each with the address to connect to and when it
 * was last heard. Non-blocking throughout: the GUI polls it from its loop,
 * the bot waits on it with discovery_browser_wait.
 */
#ifndef MATCHBOARD_DISCOVERY_BROWSE_H
#define MATCHBOARD_DISCOVERY_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "discovery_packet.h"
#include "sock.h"

#define DISCOVERY_MAX_SERVERS 64

/* One server heard. */
typedef struct discovery_server {
    sock_addr from;                   /* the reply's sender (UDP port) */
    char address[SOCK_ADDR_TEXT_MAX]; /* where to connect: "HOST:TCPPORT" */
    discovery_reply reply;            /* its latest reply */
    uint64_t heard_ms;                /* when, on the caller's clock */
} discovery_server;

typedef struct discovery_browser discovery_browser;

/* Opens the sockets (either family may be missing, not both). */
sock_err discovery_browser_open(discovery_browser **out);
void discovery_browser_close(discovery_browser *b);

/* Called for each probe target with the outcome of its send. */
typedef void (*discovery_target_fn)(void *ctx, const sock_addr *to, sock_err result);

/* Sends one probe to each target. only NULL: the LAN, on `port`:
 * 255.255.255.255, each interface's directed broadcast, and ff02::6d62 on
 * each IPv6 multicast interface. only "HOST[:PORT]": that host alone,
 * unicast (what tests use: nothing leaves the machine for 127.0.0.1).
 * Returns the number of probes sent; a negative sock_err when none could
 * be (*only unresolvable, or every send failed). */
long discovery_browser_probe(discovery_browser *b, const char *only, uint16_t port,
                             discovery_target_fn on_target, void *ctx);

/* Reads the replies waiting (non-blocking). Well-formed replies to this
 * browser's probes update the list (heard_ms = now_ms); others are
 * ignored. Returns the index in the list of the first server heard for the
 * first time during this call, or -1 when no new one. *changed (may be
 * NULL) is set when anything in the list changed. */
int discovery_browser_poll(discovery_browser *b, uint64_t now_ms, int *changed);

/* Waits up to timeout_ms for a reply to arrive (the POSIX and Win32 poll). */
void discovery_browser_wait(discovery_browser *b, int timeout_ms);

/* Forgets servers not heard since now_ms - max_age_ms; 1 if any went. */
int discovery_browser_expire(discovery_browser *b, uint64_t now_ms, uint64_t max_age_ms);

/* The servers heard, in the order first heard. */
const discovery_server *discovery_browser_list(const discovery_browser *b, size_t *count);

/* The list with one entry per server: a server heard over IPv4 and IPv6
 * (same name, TCP port and game) is listed once, at its IPv4 address. Up to
 * cap entries, in the order first heard; returns how many. */
size_t discovery_browser_unique(const discovery_browser *b, const discovery_server **out,
                                size_t cap);

/* One line about a server: "NAME at ADDRESS: gomoku freestyle 15x15,
 * 1 waiting, 2 matches, 0 spectators". */
void discovery_server_describe(const discovery_server *s, char *buf, size_t cap);

#endif
