/* notifier.h: socket notifications as messages in the application's own
 * event loop, in the WSAAsyncSelect shape, on every platform.
 *
 * One notifier owns one client connection. It tells the application, one
 * notification at a time per kind, through a callback the application
 * supplies:
 *   NOTIFY_CONNECT  the asynchronous connect finished (error says how);
 *   NOTIFY_READ     data (or the end of the stream) can be read: call
 *                   notifier_recv; the next NOTIFY_READ comes only after it;
 *   NOTIFY_WRITE    the socket took the queued bytes that were waiting;
 *   NOTIFY_CLOSE    the peer closed or the connection broke (error); data
 *                   may still be readable: read until notifier_recv says 0.
 *
 * Win32 (notifier_win32.c): a message-only window (HWND_MESSAGE) of the
 * thread that created the notifier, WSAAsyncSelect(FD_CONNECT | FD_READ |
 * FD_WRITE | FD_CLOSE); any message loop of that thread (GetMessage, SDL's
 * event pump) runs its window procedure, which calls the callback.
 * POSIX (notifier_posix.c): a watcher thread (poll and a self-pipe) calls
 * the callback from that thread; it touches only the socket and the send
 * queue, never the application's state, so the callback must only queue
 * the notification (SDL_PushEvent, notify_queue_post) for the application's
 * thread.
 *
 * Every notifier function is called from the application's thread.
 * Sending never blocks: what the socket does not take at once waits in a
 * bounded queue, flushed in order when the socket is writable again.
 */
#ifndef MATCHBOARD_NOTIFIER_H
#define MATCHBOARD_NOTIFIER_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

typedef struct notifier notifier;

typedef enum notifier_kind {
    NOTIFY_CONNECT = 1,
    NOTIFY_READ = 2,
    NOTIFY_WRITE = 3,
    NOTIFY_CLOSE = 4,
} notifier_kind;

typedef struct notifier_event {
    notifier *from;
    uint32_t connection; /* which connect() of `from` it belongs to */
    notifier_kind kind;
    sock_err error; /* SOCK_OK, or why the connect failed / the link broke */
} notifier_event;

/* Called once per notification; see above for the thread it runs on. */
typedef void (*notifier_post_fn)(void *user, const notifier_event *ev);

#define NOTIFIER_QUEUE_DEFAULT (64 * 1024)

/* A notifier with no connection yet. queue_cap bounds the bytes waiting
 * to be sent (0: NOTIFIER_QUEUE_DEFAULT). */
sock_err notifier_create(notifier_post_fn post, void *user, size_t queue_cap, notifier **out);
/* Closes any connection and frees; no callback runs after it returns. */
void notifier_destroy(notifier *n);

/* Resolves host (synchronously) and starts connecting to its addresses in
 * turn, giving up after timeout_ms in all (<= 0: 10 s). Errors of the
 * address itself (SOCK_ERR_NAME, SOCK_ERR_BAD_ADDRESS) come back here;
 * everything else, success included, as one NOTIFY_CONNECT (refused,
 * unreachable, timed out). Drops any earlier connection first. */
sock_err notifier_connect(notifier *n, const char *host, uint16_t port, int timeout_ms);

/* Receives up to cap bytes and re-enables NOTIFY_READ. Returns the count,
 * 0 when the peer closed, or a negative sock_err (SOCK_ERR_WOULD_BLOCK:
 * nothing there after all, wait for the next NOTIFY_READ). */
long notifier_recv(notifier *n, void *buf, size_t cap);

/* Sends all len bytes or none: sent now, or queued behind earlier bytes
 * (also while the connect is still under way). SOCK_ERR_NO_RESOURCES when
 * the queue has no room for them, the connection's error when it broke. */
sock_err notifier_send(notifier *n, const void *data, size_t len);

/* Bytes waiting in the send queue. */
size_t notifier_queued(const notifier *n);

/* Closes the connection now (queued bytes are dropped); no notification
 * of it follows. The notifier can connect again. */
void notifier_disconnect(notifier *n);

/* Ends our side of the stream (shutdown for sending) once every queued
 * byte is sent: the peer reads its end while we still read what it sends,
 * until it closes too (NOTIFY_READ with notifier_recv 0, or NOTIFY_CLOSE).
 * SOCK_ERR_WOULD_BLOCK while bytes are still queued (try again after
 * NOTIFY_WRITE); SOCK_ERR_OTHER when not connected. */
sock_err notifier_shutdown_write(notifier *n);

/* True when ev belongs to n's current connection (not an old one whose
 * notification was still in the application's queue). */
int notifier_is_current(const notifier *n, const notifier_event *ev);

/* "connect", "read", "write", "close" */
const char *notifier_kind_name(notifier_kind k);

#endif
