/* discovery.h: the server's side of LAN discovery (docs/protocol.md,
 * section 12). UDP sockets on the discovery port: IPv4 (broadcasts arrive
 * there) and IPv6 joined to the link-local group ff02::6d62 on every
 * multicast interface. Each well-formed probe gets one reply, unicast to
 * its sender; anything else is dropped unanswered. The sockets are watched
 * by the lobby's event loop (server.c); this file only reads and answers.
 */
#ifndef MATCHBOARD_SERVER_DISCOVERY_H
#define MATCHBOARD_SERVER_DISCOVERY_H

#include <stddef.h>
#include <stdint.h>

#include "discovery_packet.h"
#include "server_logic.h"
#include "sock.h"

#define SERVER_DISCOVERY_MAX_SOCKETS 4

typedef struct server_discovery {
    sock_t sock[SERVER_DISCOVERY_MAX_SOCKETS];
    size_t nsock;
    uint16_t port;
    unsigned long answered, ignored; /* probes, for the log */
} server_discovery;

/* Opens the UDP sockets on port: bind_host NULL listens on every interface
 * (0.0.0.0 and [::]), else on that address only. 0, or -1 with a message
 * in err (no socket could be bound). */
int server_discovery_open(server_discovery *d, const char *bind_host, uint16_t port, char *err,
                          size_t cap);

/* Is s one of d's sockets? */
int server_discovery_owns(const server_discovery *d, sock_t s);

/* Reads the datagrams waiting on s (at most `budget`), answering each
 * well-formed probe with *reply (its nonce set to the probe's). Returns how
 * many were answered. */
size_t server_discovery_serve(server_discovery *d, sock_t s, const discovery_reply *reply,
                              size_t budget);

/* The server's name for replies: name if given (cut to fit), else the host
 * name, with bytes that are no valid text dropped; never empty. */
void server_discovery_name(const char *name, char out[DISCOVERY_NAME_SIZE]);

/* The fixed part of this server's replies: protocol, TCP port, game, rule,
 * board and name (the counts and the nonce are left zero). */
void server_discovery_reply_init(discovery_reply *r, const match_config *cfg, uint16_t tcp_port,
                                 const char name[DISCOVERY_NAME_SIZE]);

void server_discovery_close(server_discovery *d);

#endif
