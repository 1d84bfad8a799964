/* evloop.h: the server's event loop in the WSAEventSelect shape.
 *
 * Register a socket with the network events it wants (EV_ACCEPT, EV_READ,
 * EV_WRITE, EV_CLOSE), wait, and get back per socket which events fired
 * and each one's error code, as WSAEnumNetworkEvents reports them. One loop
 * belongs to one thread. evloop_win32.c sits on WSAEventSelect and
 * WSAWaitForMultipleEvents (at most evloop_capacity() sockets per loop:
 * more sockets need more loops, on more threads); evloop_posix.c on epoll
 * (Linux) or poll.
 *
 * The contract, the same on both:
 * - EV_READ / EV_ACCEPT say data or a connection is waiting. Read or
 *   accept until SOCK_ERR_WOULD_BLOCK, or stop early: while something is
 *   left the event fires again. A would-block right after the event is
 *   normal.
 * - EV_WRITE says the socket takes data again after a send said
 *   would-block. Keep it in the interest set while output is queued; it
 *   may also fire when nothing was blocked (harmless).
 * - EV_CLOSE says the peer closed or the connection broke (error code set).
 *   Data may still be unread: read until recv returns 0 or fails before
 *   closing, and nothing is lost.
 */
#ifndef MATCHBOARD_EVLOOP_H
#define MATCHBOARD_EVLOOP_H

#include <stddef.h>

#include "sock.h"

enum {
    EV_ACCEPT = 1u << 0,
    EV_READ = 1u << 1,
    EV_WRITE = 1u << 2,
    EV_CLOSE = 1u << 3,
};

/* Index of each event's error code in ev_event.error. */
enum { EV_BIT_ACCEPT = 0, EV_BIT_READ = 1, EV_BIT_WRITE = 2, EV_BIT_CLOSE = 3, EV_NBITS = 4 };

/* What happened on one socket. */
typedef struct ev_event {
    sock_t sock;
    void *user;          /* as given to evloop_add */
    unsigned fired;      /* EV_* bits */
    int error[EV_NBITS]; /* raw OS code per fired event, 0 for none */
} ev_event;

typedef struct evloop evloop;

/* The most sockets one loop can hold (Win32: 63, one handle is the wake
 * event). */
size_t evloop_capacity(void);

/* A new loop; SOCK_OK or the error. */
sock_err evloop_create(evloop **out);
/* Frees the loop (its sockets are not closed). */
void evloop_destroy(evloop *l);

/* Watches s (non-blocking) for the EV_* events in interest. SOCK_ERR_NO_RESOURCES
 * when the loop is full. */
sock_err evloop_add(evloop *l, sock_t s, unsigned interest, void *user);
/* Changes the interest set of a watched socket. */
sock_err evloop_set_interest(evloop *l, sock_t s, unsigned interest);
/* Stops watching s; it stays open and may join another loop. */
void evloop_remove(evloop *l, sock_t s);
/* Sockets watched now. */
size_t evloop_count(const evloop *l);

/* Waits up to timeout_ms (-1: for ever) for events or a wake. Fills up to
 * cap events and returns how many (0: timeout or woken), or a negative
 * sock_err. Every socket with events is reported, not only the first. */
int evloop_wait(evloop *l, int timeout_ms, ev_event *out, size_t cap);

/* Makes a current or the next evloop_wait return. Safe from any thread and,
 * on POSIX, from a signal handler. */
void evloop_wake(evloop *l);

#endif
