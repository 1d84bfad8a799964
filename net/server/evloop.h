/* evloop.h: the server's event loop in the WSAEventSelect shape.
 *
 * Register a socket with the network events it wants (EV_ACCEPT, EV_READ,
 * EV_WRITE, EV_CLOSE), wait, and get back per socket which events fired
 * and each one's error code, as WSAEnumNetworkEvents reports them. One loop
 * belongs to one thread. The caller embeds an ev_watch in what it keeps per
 * socket (a connection, a listener) and gets that watch back with each
 * event: registration, interest changes and removal are O(1), and `kind`
 * (or container_of on the watch) says what fired without a lookup.
 *
 * Backends, one file each, chosen at run time by evloop_create:
 * evloop_uring.c (Linux io_uring), evloop_epoll.c (Linux), evloop_poll.c
 * (any POSIX system), evloop_win32.c (WSAEventSelect, at most
 * evloop_capacity() sockets per loop: more sockets need more loops, on more
 * threads). The list built in is evloop_backends_posix.c's or
 * evloop_win32.c's.
 *
 * The contract, the same on all:
 * - EV_READ / EV_ACCEPT say data or a connection is waiting. Read with
 *   evloop_recv or accept with evloop_accept until SOCK_ERR_WOULD_BLOCK, or
 *   stop early: while something is left the event fires again. A
 *   would-block right after the event is normal.
 * - EV_WRITE says the socket takes data again after evloop_send said
 *   would-block. Keep it in the interest set while output is queued; it
 *   may also fire when nothing was blocked (harmless).
 * - EV_CLOSE says the peer closed or the connection broke (error code set).
 *   Data may still be unread: read until evloop_recv returns 0 or fails
 *   before closing, and nothing is lost.
 * - A watched stream socket is read, written and shut down only through
 *   evloop_recv / evloop_send / evloop_shutdown_write (a completion backend
 *   holds data on the socket's behalf). Datagram sockets are read directly.
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

typedef struct ev_io ev_io;
typedef struct evloop evloop;

/* One watched socket, embedded by the caller. Zero it before its first
 * evloop_add; the backend's fields move with it from loop to loop. */
typedef struct ev_watch {
    sock_t sock;
    int kind;          /* the caller's: what this socket is */
    unsigned interest; /* EV_* bits, kept by the loop */
    evloop *loop;      /* the loop watching it; NULL: none */
    size_t slot;       /* backend: its index in the loop (poll, Win32) */
    ev_io *io;         /* backend: data held for the socket (io_uring) */
} ev_watch;

/* What happened on one socket. */
typedef struct ev_event {
    ev_watch *watch;
    unsigned fired;      /* EV_* bits */
    int error[EV_NBITS]; /* raw OS code per fired event, 0 for none */
} ev_event;

/* The backends built in, best first, NULL-terminated: "uring", "epoll",
 * "poll" on Linux with liburing; "wsaeventselect" on Win32. */
const char *const *evloop_backends(void);

/* A new loop on the named backend (NULL: the first of evloop_backends()).
 * SOCK_OK, SOCK_ERR_BAD_ADDRESS for a name not built in, or the error that
 * refused it (io_uring: SOCK_ERR_ACCESS under a seccomp policy or
 * io_uring_disabled, SOCK_ERR_OTHER on an old kernel); *why then names the
 * cause in words (may be NULL). */
sock_err evloop_create(evloop **out, const char *backend, const char **why);
/* Frees the loop (its sockets are not closed). */
void evloop_destroy(evloop *l);
/* The backend's name, as in evloop_backends(). */
const char *evloop_backend(const evloop *l);
/* The most sockets one loop can hold (Win32: 63, one handle is the wake
 * event). */
size_t evloop_capacity(const evloop *l);

/* Watches w->sock (non-blocking) for the EV_* events in interest.
 * SOCK_ERR_NO_RESOURCES when the loop is full. */
sock_err evloop_add(evloop *l, ev_watch *w, unsigned interest);
/* Changes the interest set of a watched socket. */
sock_err evloop_set_interest(evloop *l, ev_watch *w, unsigned interest);
/* Stops watching; the socket stays open and, with what the backend holds
 * for it, may join another loop of the same backend. */
void evloop_remove(evloop *l, ev_watch *w);
/* Frees what the backend holds for a watch that is in no loop (before the
 * memory holding it goes). Any loop of the same backend. */
void evloop_release(evloop *l, ev_watch *w);
/* Sockets watched now. */
size_t evloop_count(const evloop *l);

/* Stream I/O on a watched socket, as sock_recv / sock_send / sock_accept /
 * sock_shutdown_write. evloop_send may hold the bytes for the socket; the
 * write side is shut only after they went out. evloop_accept's peer may be
 * NULL. */
long evloop_recv(evloop *l, ev_watch *w, void *buf, size_t n);
long evloop_send(evloop *l, ev_watch *w, const void *buf, size_t n);
sock_err evloop_accept(evloop *l, ev_watch *w, sock_t *out, sock_addr *peer);
void evloop_shutdown_write(evloop *l, ev_watch *w);

/* Waits up to timeout_ms (-1: for ever) for events or a wake. Fills up to
 * cap events and returns how many (0: timeout or woken), or a negative
 * sock_err. Every socket with events is reported, not only the first. */
int evloop_wait(evloop *l, int timeout_ms, ev_event *out, size_t cap);

/* Makes a current or the next evloop_wait return. Safe from any thread and,
 * on POSIX, from a signal handler. */
void evloop_wake(evloop *l);

#endif
