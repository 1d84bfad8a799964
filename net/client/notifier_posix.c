/* notifier_posix.c: the POSIX twin of the WSAAsyncSelect notifier.
 *
 * A watcher thread polls the socket and a self-pipe and calls the
 * application's callback with the same notifications Win32 posts: one at
 * a time per kind (POLLIN is watched again only after notifier_recv, as
 * recv re-enables FD_READ), the connect result (trying each resolved
 * address in turn, within the timeout), FD_WRITE after the queued bytes
 * were flushed, FD_CLOSE when the stream ended or broke. The watcher
 * touches the socket and the send queue under the notifier's mutex and
 * nothing of the application's. Callbacks run with the mutex released.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "mono_clock.h"
#include "notifier.h"
#include "send_queue.h"
#include "thread.h"

#define MAX_ADDRS 8

typedef enum phase { PHASE_IDLE, PHASE_CONNECTING, PHASE_CONNECTED, PHASE_CLOSED } phase;

struct notifier {
    notifier_post_fn post;
    void *user;

    mb_mutex *mu;
    mb_thread *thread;
    int wake[2]; /* self-pipe: [0] polled by the watcher, [1] written */
    int stop;

    /* everything below under mu */
    uint32_t generation;
    phase phase;
    sock_t fd;
    sock_addr addrs[MAX_ADDRS];
    size_t naddrs, next_addr;
    sock_err last_connect_error;
    long long deadline_ms;
    int read_armed;
    int write_wanted;
    int close_pending; /* the application saw the end: post FD_CLOSE */
    sock_err close_error;
    send_queue queue;
};

static void wake_watcher(notifier *n)
{
    char b = 1;
    ssize_t r;
    do
        r = write(n->wake[1], &b, 1);
    while (r < 0 && errno == EINTR);
    /* a full pipe (EAGAIN) already holds a wake-up */
}

static void drain_wake(notifier *n)
{
    char buf[64];
    while (read(n->wake[0], buf, sizeof buf) > 0) {
    }
}

/* Events collected under the lock, posted after it is released. */
typedef struct outbox {
    notifier_event ev[4];
    int count;
} outbox;

static void add(notifier *n, outbox *o, notifier_kind kind, sock_err err)
{
    notifier_event *e = &o->ev[o->count++];
    e->from = n;
    e->connection = n->generation;
    e->kind = kind;
    e->error = err;
}

static void close_fd(notifier *n)
{
    if (n->fd != SOCK_INVALID)
        sock_close(n->fd);
    n->fd = SOCK_INVALID;
}

/* Sends queued bytes until the queue is empty or the socket is full.
 * Returns SOCK_OK (maybe with bytes left) or a broken connection's error. */
static sock_err flush_queue(notifier *n)
{
    sock_err e = send_queue_flush(&n->queue, n->fd);
    n->write_wanted = send_queue_len(&n->queue) > 0;
    return e;
}

static void connected(notifier *n, outbox *o)
{
    sock_err e;
    n->phase = PHASE_CONNECTED;
    n->read_armed = 1;
    sock_set_nodelay(n->fd, 1);
    add(n, o, NOTIFY_CONNECT, SOCK_OK);
    e = flush_queue(n);
    if (e != SOCK_OK) {
        n->phase = PHASE_CLOSED;
        add(n, o, NOTIFY_CLOSE, e);
    }
}

/* Starts the next address; on the last failure posts NOTIFY_CONNECT. */
static void try_next_address(notifier *n, outbox *o)
{
    while (n->next_addr < n->naddrs) {
        sock_err e = sock_connect(&n->addrs[n->next_addr++], 1, &n->fd);
        if (e == SOCK_ERR_IN_PROGRESS) {
            n->phase = PHASE_CONNECTING;
            return;
        }
        if (e == SOCK_OK) {
            connected(n, o);
            return;
        }
        n->fd = SOCK_INVALID;
        n->last_connect_error = e;
    }
    n->phase = PHASE_IDLE;
    add(n, o, NOTIFY_CONNECT, n->last_connect_error);
}

/* One look at the socket after poll said something (revents) or the
 * deadline passed (revents 0 while connecting). */
static void on_socket(notifier *n, short revents, outbox *o)
{
    if (n->phase == PHASE_CONNECTING) {
        sock_err e;
        if (!revents) {
            close_fd(n);
            n->phase = PHASE_IDLE;
            add(n, o, NOTIFY_CONNECT, SOCK_ERR_TIMED_OUT);
            return;
        }
        e = sock_connect_result(n->fd);
        if (e == SOCK_OK) {
            connected(n, o);
            return;
        }
        close_fd(n);
        n->last_connect_error = e;
        try_next_address(n, o);
        return;
    }
    if (n->phase != PHASE_CONNECTED)
        return;
    if ((revents & POLLOUT) && n->write_wanted) {
        sock_err e = flush_queue(n);
        if (e != SOCK_OK) {
            n->phase = PHASE_CLOSED;
            add(n, o, NOTIFY_CLOSE, e);
            return;
        }
        if (!n->write_wanted)
            add(n, o, NOTIFY_WRITE, SOCK_OK);
    }
    if ((revents & (POLLIN | POLLHUP | POLLERR)) && n->read_armed) {
        n->read_armed = 0; /* re-armed by notifier_recv */
        add(n, o, NOTIFY_READ, SOCK_OK);
    }
}

static void watch(void *arg)
{
    notifier *n = arg;
    for (;;) {
        struct pollfd pfd[2];
        outbox o;
        int timeout = -1, r;
        uint32_t gen;
        o.count = 0;
        mb_mutex_lock(n->mu);
        if (n->stop) {
            mb_mutex_unlock(n->mu);
            return;
        }
        gen = n->generation;
        pfd[0].fd = n->wake[0];
        pfd[0].events = POLLIN;
        pfd[1].fd = -1;
        pfd[1].events = 0;
        if (n->close_pending) {
            n->close_pending = 0;
            n->phase = PHASE_CLOSED;
            add(n, &o, NOTIFY_CLOSE, n->close_error);
        } else if (n->phase == PHASE_CONNECTING) {
            long long left = n->deadline_ms - (long long)mb_now_ms();
            pfd[1].fd = (int)n->fd;
            pfd[1].events = POLLOUT;
            timeout = left > 0 ? (int)left : 0;
        } else if (n->phase == PHASE_CONNECTED && (n->read_armed || n->write_wanted)) {
            pfd[1].fd = (int)n->fd;
            pfd[1].events = (short)((n->read_armed ? POLLIN : 0) | (n->write_wanted ? POLLOUT : 0));
        }
        mb_mutex_unlock(n->mu);
        for (int i = 0; i < o.count; i++)
            n->post(n->user, &o.ev[i]);
        if (o.count)
            continue;

        pfd[0].revents = pfd[1].revents = 0;
        r = poll(pfd, 2, timeout);
        if (r < 0 && errno != EINTR)
            r = 0; /* poll itself failed: look again (nothing is lost) */
        if (pfd[0].revents)
            drain_wake(n);

        mb_mutex_lock(n->mu);
        if (gen == n->generation && !n->stop && pfd[1].fd >= 0 &&
            (pfd[1].revents ||
             (r == 0 && n->phase == PHASE_CONNECTING && (long long)mb_now_ms() >= n->deadline_ms)))
            on_socket(n, pfd[1].revents, &o);
        mb_mutex_unlock(n->mu);
        for (int i = 0; i < o.count; i++)
            n->post(n->user, &o.ev[i]);
    }
}

sock_err notifier_create(notifier_post_fn post, void *user, size_t queue_cap, notifier **out)
{
    notifier *n;
    *out = NULL;
    if (!post)
        return SOCK_ERR_OTHER;
    n = calloc(1, sizeof *n);
    if (!n)
        return SOCK_ERR_NO_RESOURCES;
    n->post = post;
    n->user = user;
    n->fd = SOCK_INVALID;
    if (send_queue_init(&n->queue, queue_cap ? queue_cap : NOTIFIER_QUEUE_DEFAULT) != 0) {
        free(n);
        return SOCK_ERR_NO_RESOURCES;
    }
    if (pipe(n->wake) != 0) {
        send_queue_free(&n->queue);
        free(n);
        return SOCK_ERR_NO_RESOURCES;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(n->wake[i], F_SETFL, fcntl(n->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(n->wake[i], F_SETFD, FD_CLOEXEC);
    }
    if (!(n->mu = mb_mutex_create()) || mb_thread_start(&n->thread, watch, n) != 0) {
        mb_mutex_destroy(n->mu);
        close(n->wake[0]);
        close(n->wake[1]);
        send_queue_free(&n->queue);
        free(n);
        return SOCK_ERR_NO_RESOURCES;
    }
    *out = n;
    return SOCK_OK;
}

void notifier_destroy(notifier *n)
{
    if (!n)
        return;
    mb_mutex_lock(n->mu);
    n->stop = 1;
    mb_mutex_unlock(n->mu);
    wake_watcher(n);
    mb_thread_join(n->thread);
    close_fd(n);
    close(n->wake[0]);
    close(n->wake[1]);
    mb_mutex_destroy(n->mu);
    send_queue_free(&n->queue);
    free(n);
}

/* Under mu: forget the current connection. */
static void drop_locked(notifier *n)
{
    n->generation++;
    close_fd(n);
    n->phase = PHASE_IDLE;
    n->read_armed = n->write_wanted = n->close_pending = 0;
    send_queue_clear(&n->queue);
}

sock_err notifier_connect(notifier *n, const char *host, uint16_t port, int timeout_ms)
{
    sock_addr addrs[MAX_ADDRS];
    size_t count = 0;
    outbox o;
    sock_err e;
    if (!host || !*host)
        return SOCK_ERR_BAD_ADDRESS;
    e = sock_resolve(host, port, 0, addrs, MAX_ADDRS, &count);
    if (e != SOCK_OK)
        return e;
    if (count == 0)
        return SOCK_ERR_NAME;
    o.count = 0;
    mb_mutex_lock(n->mu);
    drop_locked(n);
    memcpy(n->addrs, addrs, count * sizeof addrs[0]);
    n->naddrs = count;
    n->next_addr = 0;
    n->last_connect_error = SOCK_ERR_UNREACHABLE;
    n->deadline_ms = (long long)mb_now_ms() + (timeout_ms > 0 ? timeout_ms : 10000);
    try_next_address(n, &o);
    mb_mutex_unlock(n->mu);
    wake_watcher(n);
    for (int i = 0; i < o.count; i++)
        n->post(n->user, &o.ev[i]);
    return SOCK_OK;
}

long notifier_recv(notifier *n, void *buf, size_t cap)
{
    long r;
    mb_mutex_lock(n->mu);
    if (n->phase != PHASE_CONNECTED && n->phase != PHASE_CLOSED) {
        mb_mutex_unlock(n->mu);
        return SOCK_ERR_WOULD_BLOCK;
    }
    if (n->fd == SOCK_INVALID) {
        mb_mutex_unlock(n->mu);
        return 0;
    }
    r = sock_recv(n->fd, buf, cap);
    if (n->phase == PHASE_CONNECTED) {
        if (r == 0 || (r < 0 && r != SOCK_ERR_WOULD_BLOCK && r != SOCK_ERR_INTERRUPTED)) {
            n->close_pending = 1; /* the watcher posts FD_CLOSE */
            n->close_error = r == 0 ? SOCK_OK : (sock_err)r;
        } else {
            n->read_armed = 1;
        }
    }
    mb_mutex_unlock(n->mu);
    wake_watcher(n);
    return r;
}

sock_err notifier_send(notifier *n, const void *data, size_t len)
{
    sock_err e = SOCK_OK;
    const uint8_t *p = data;
    mb_mutex_lock(n->mu);
    if (n->phase != PHASE_CONNECTING && n->phase != PHASE_CONNECTED) {
        e = n->phase == PHASE_CLOSED ? SOCK_ERR_RESET : SOCK_ERR_OTHER;
    } else if (len > send_queue_room(&n->queue)) {
        e = SOCK_ERR_NO_RESOURCES;
    } else {
        if (n->phase == PHASE_CONNECTED && send_queue_len(&n->queue) == 0) {
            long r = send_queue_send_now(n->fd, p, len);
            if (r < 0) {
                e = (sock_err)r;
                n->close_pending = 1;
                n->close_error = e;
            } else {
                p += r;
                len -= (size_t)r;
            }
        }
        if (e == SOCK_OK && len > 0) {
            send_queue_push(&n->queue, p, len); /* fits: room was checked */
            n->write_wanted = n->phase == PHASE_CONNECTED;
        }
    }
    mb_mutex_unlock(n->mu);
    if (e != SOCK_OK || len > 0)
        wake_watcher(n);
    return e;
}

size_t notifier_queued(const notifier *n)
{
    size_t len;
    mb_mutex_lock(n->mu);
    len = send_queue_len(&n->queue);
    mb_mutex_unlock(n->mu);
    return len;
}

void notifier_disconnect(notifier *n)
{
    mb_mutex_lock(n->mu);
    drop_locked(n);
    mb_mutex_unlock(n->mu);
    wake_watcher(n);
}

sock_err notifier_shutdown_write(notifier *n)
{
    sock_err e = SOCK_ERR_OTHER;
    mb_mutex_lock(n->mu);
    if (n->phase == PHASE_CONNECTED)
        e = send_queue_len(&n->queue) > 0 ? SOCK_ERR_WOULD_BLOCK : sock_shutdown_write(n->fd);
    mb_mutex_unlock(n->mu);
    return e;
}

int notifier_is_current(const notifier *n, const notifier_event *ev)
{
    int cur;
    mb_mutex_lock(n->mu);
    cur = ev->from == n && ev->connection == n->generation;
    mb_mutex_unlock(n->mu);
    return cur;
}
