/* tclient.h: a small blocking test client over net/sock.h and the packet
 * codec, for the server integration tests. */
#ifndef MATCHBOARD_TCLIENT_H
#define MATCHBOARD_TCLIENT_H

#include "packet.h"
#include "packet_stream.h"
#include "sock.h"

typedef struct tclient {
    sock_t s;
    packet_stream rx;
    int closed; /* the server closed the connection */
} tclient;

/* Connects to 127.0.0.1:port; 0 on success. */
int tc_connect(tclient *c, uint16_t port);
void tc_close(tclient *c);
/* Sends a packet / raw bytes; 0 on success. */
int tc_send(tclient *c, const packet *p);
int tc_send_raw(tclient *c, const void *buf, size_t n);
/* The next packet within timeout_ms, answering PINGs; 0 on success, -1 on
 * timeout or close (then c->closed says which). */
int tc_recv(tclient *c, packet *p, int timeout_ms);
/* The next packet that is not a CLOCK; 0 when it has type t, else -1
 * (and a diagnostic line). */
int tc_expect(tclient *c, packet_type t, packet *out, int timeout_ms);
/* The next packet of type t, skipping the others (an ERROR among them is
 * printed as a diagnostic), each within timeout_ms; 0 and *out (if not
 * NULL), or -1 (and a diagnostic line). */
int tc_wait_for(tclient *c, packet_type t, packet *out, int timeout_ms);
/* Reads until the server closes (1) or timeout (0), skipping packets;
 * *last_error gets the code of the last ERROR seen (0: none). */
int tc_wait_closed(tclient *c, int timeout_ms, int *last_error);

void tc_hello(tclient *c, const char *name, int want, const uint8_t *token);
int tc_stone(tclient *c, uint32_t ply, int x, int y);
int tc_move(tclient *c, uint32_t ply, int fx, int fy, int tx, int ty, int promo);
void tc_simple(tclient *c, packet_type type, uint32_t value);

#endif
