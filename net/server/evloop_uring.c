/* evloop_uring.c: the event loop on Linux io_uring, with the readiness
 * semantics of evloop.h emulated over completions, so the server above does
 * not change.
 *
 * - A connection has one multishot receive armed. The kernel fills a buffer
 *   from the loop's provided-buffer ring (an idle connection holds none);
 *   the completion's bytes are copied into the watch's input (ev_io.in) and
 *   the buffer goes straight back to the ring. EV_READ is "input held";
 *   evloop_recv hands it out. Input past IN_LIMIT pauses the receive (the
 *   kernel's window then pushes back, as with epoll).
 * - evloop_send appends to the watch's output; every watch with output
 *   gets one send queued at the start of the next evloop_wait, and the whole
 *   turn (a move's two deliveries, every other match's) goes to the kernel
 *   in the one io_uring_enter that also waits. EV_WRITE is "output below
 *   OUT_LIMIT"; the shutdown of the write side waits for the output.
 * - A listener has one multishot accept armed; accepted descriptors queue
 *   on the watch until evloop_accept takes them (then a plain accept, so a
 *   refused or paused multishot never strands a connection).
 * - Other sockets (the discovery datagrams) and the wake pipe get a one-shot
 *   poll, re-armed after each report: level-triggered readiness.
 * - evloop_remove cancels what is armed and waits for the completions, so
 *   the watch (with the input and output it holds) may join another loop.
 * - The ring is made disabled and enabled by the first evloop_wait, so the
 *   loop's own thread is its single issuer (IORING_SETUP_SINGLE_ISSUER,
 *   DEFER_TASKRUN where the kernel has them; else COOP_TASKRUN; else
 *   none). The ring and the receive buffers are evloop_uring_ring.c's. */
#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evloop_posix.h"
#include "evloop_uring_ring.h"

#define URING_CAPACITY 4096
#define RING_ENTRIES   1024
#define IN_LIMIT       (64 * 1024) /* input held past this pauses the receive */
#define OUT_LIMIT      (64 * 1024) /* output held per socket */

enum { OP_RECV = 1, OP_SEND, OP_ACCEPT, OP_POLL, OP_WAKE, OP_CANCEL, OP_MASK = 7 };

typedef struct uring_loop uring_loop;

struct ev_io {
    ev_watch *w;
    uring_loop *loop; /* NULL: in no loop */
    unsigned inflight;
    unsigned char datagram;
    unsigned char recv_on, accept_on, poll_on, send_on;
    unsigned char eof, pollin, shut_pending, want_arm, recv_paused;
    int rerr; /* receive or accept error to report (errno) */
    int serr; /* send error (errno) */
    uint8_t *in;
    size_t in_off, in_len, in_cap;
    uint8_t *flight; /* being sent: flight[flight_off..flight_len) */
    size_t flight_off, flight_len;
    uint8_t *out; /* queued behind it */
    size_t out_len, out_cap;
    int *acc; /* accepted, not yet taken */
    size_t nacc, capacc;
    ev_io *rprev, *rnext; /* ready list */
    ev_io *dprev, *dnext; /* to arm or send at the next wait */
    ev_io *aprev, *anext; /* every io in the loop */
};

struct uring_loop {
    evloop base;
    struct io_uring ring;
    int enabled;
    int wake[2];
    int wake_on;
    uring_bufs bufs;
    ev_io *ready, *dirty, *all;
    ev_io *dirty_tail; /* the dirty list is kept in order (mark_dirty) */
};

/* ---- intrusive lists ---- */

#define LIST_LINK(name, prev, next)                                                                \
    static inline void name##_push(ev_io **head, ev_io *io)                                        \
    {                                                                                              \
        io->prev = NULL;                                                                           \
        io->next = *head;                                                                          \
        if (*head)                                                                                 \
            (*head)->prev = io;                                                                    \
        *head = io;                                                                                \
    }                                                                                              \
    static inline void name##_unlink(ev_io **head, ev_io *io)                                      \
    {                                                                                              \
        if (io->prev)                                                                              \
            io->prev->next = io->next;                                                             \
        else                                                                                       \
            *head = io->next;                                                                      \
        if (io->next)                                                                              \
            io->next->prev = io->prev;                                                             \
        io->prev = io->next = NULL;                                                                \
    }

LIST_LINK(rlist, rprev, rnext)
LIST_LINK(dlist, dprev, dnext)
LIST_LINK(alist, aprev, anext)

static int on_list(ev_io *const *head, const ev_io *io, const ev_io *prev)
{
    return prev != NULL || *head == io;
}

static void mark_ready(uring_loop *l, ev_io *io)
{
    if (!on_list(&l->ready, io, io->rprev))
        rlist_push(&l->ready, io);
}

/* Appends: the sends of a turn go out in the order the server queued
 * them (a move to the opponent first, then back to the mover: the
 * opponent does not wait for the mover's copy). */
static void mark_dirty(uring_loop *l, ev_io *io)
{
    if (on_list(&l->dirty, io, io->dprev))
        return;
    io->dnext = NULL;
    io->dprev = l->dirty_tail;
    if (l->dirty_tail)
        l->dirty_tail->dnext = io;
    else
        l->dirty = io;
    l->dirty_tail = io;
}

static void dirty_unlink(uring_loop *l, ev_io *io)
{
    if (l->dirty_tail == io)
        l->dirty_tail = io->dprev;
    dlist_unlink(&l->dirty, io);
}

/* ---- the ring ---- */

static struct io_uring_sqe *sqe_for(uring_loop *l, ev_io *io, int op)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&l->ring);
    if (!sqe && l->enabled) {
        io_uring_submit(&l->ring);
        sqe = io_uring_get_sqe(&l->ring);
    }
    if (sqe) {
        io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)io | (uint64_t)op);
        if (io && op != OP_CANCEL)
            io->inflight++;
    }
    return sqe;
}

static sock_err ur_create(evloop **out, const char **why)
{
    uring_loop *l = calloc(1, sizeof *l);
    int r;
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    if ((r = uring_ring_open(&l->ring, RING_ENTRIES)) < 0) {
        *why = strerror(-r);
        free(l);
        return sock_err_from_os(-r);
    }
    r = uring_bufs_open(&l->bufs, &l->ring);
    if (r == 0 && evloop_pipe_open(l->wake) != SOCK_OK) {
        uring_bufs_free(&l->bufs);
        r = -EMFILE;
    }
    if (r < 0) {
        *why = r == -EMFILE   ? "no pipe"
               : r == -ENOMEM ? "out of memory"
                              : "no provided-buffer rings (kernel before 5.19)";
        io_uring_queue_exit(&l->ring);
        free(l);
        return r == -EMFILE || r == -ENOMEM ? SOCK_ERR_NO_RESOURCES : SOCK_ERR_OTHER;
    }
    *out = &l->base;
    return SOCK_OK;
}

static void io_free(ev_io *io)
{
    for (size_t i = 0; i < io->nacc; i++)
        close(io->acc[i]);
    free(io->acc);
    free(io->in);
    free(io->flight);
    free(io->out);
    free(io);
}

static void ur_destroy(evloop *base)
{
    uring_loop *l = (uring_loop *)base;
    io_uring_queue_exit(&l->ring); /* cancels what is armed */
    while (l->all) {
        ev_io *io = l->all;
        alist_unlink(&l->all, io);
        io->w->io = NULL;
        io->w->loop = NULL;
        io_free(io);
    }
    evloop_pipe_close(l->wake);
    uring_bufs_free(&l->bufs);
    free(l);
}

/* ---- what a watch holds ---- */

static size_t out_held(const ev_io *io)
{
    return io->flight_len - io->flight_off + io->out_len;
}

static unsigned fired(const ev_io *io, unsigned interest, ev_event *ev)
{
    unsigned f = 0;
    if ((interest & EV_ACCEPT) && (io->nacc || io->rerr))
        f |= EV_ACCEPT;
    if ((interest & EV_READ) && (io->in_len > io->in_off || io->pollin))
        f |= EV_READ;
    if (!io->datagram && (interest & (EV_READ | EV_CLOSE)) && !(interest & EV_ACCEPT) &&
        (io->eof || io->rerr)) {
        f |= EV_CLOSE | (interest & EV_READ);
        if (ev)
            ev->error[EV_BIT_CLOSE] = io->rerr;
    }
    if ((interest & EV_WRITE) && (out_held(io) < OUT_LIMIT || io->serr))
        f |= EV_WRITE;
    return f;
}

static void check_ready(uring_loop *l, ev_io *io)
{
    if (fired(io, io->w->interest, NULL))
        mark_ready(l, io);
}

/* ---- arming, at the start of each wait ---- */

static void arm(uring_loop *l, ev_io *io)
{
    struct io_uring_sqe *sqe;
    int fd = (int)io->w->sock;
    unsigned interest = io->w->interest;
    if ((interest & EV_ACCEPT) && !io->accept_on && !io->rerr &&
        (sqe = sqe_for(l, io, OP_ACCEPT))) {
        io_uring_prep_multishot_accept(sqe, fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        io->accept_on = 1;
    }
    if (!(interest & EV_ACCEPT) && io->accept_on && (sqe = sqe_for(l, NULL, OP_CANCEL)))
        io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)io | OP_ACCEPT, 0);
    if (io->datagram) {
        if ((interest & EV_READ) && !io->poll_on && !io->pollin &&
            (sqe = sqe_for(l, io, OP_POLL))) {
            io_uring_prep_poll_add(sqe, fd, POLLIN);
            io->poll_on = 1;
        }
    } else if ((interest & (EV_READ | EV_CLOSE)) && !io->recv_on && !io->eof && !io->rerr &&
               !io->recv_paused && (sqe = sqe_for(l, io, OP_RECV))) {
        io_uring_prep_recv_multishot(sqe, fd, NULL, 0, 0);
        sqe->flags |= IOSQE_BUFFER_SELECT;
        sqe->buf_group = URING_BUF_GROUP;
        io->recv_on = 1;
    }
    if (!io->send_on && io->flight_off == io->flight_len && io->out_len && !io->serr) {
        free(io->flight);
        io->flight = io->out;
        io->flight_off = 0;
        io->flight_len = io->out_len;
        io->out = NULL;
        io->out_len = io->out_cap = 0;
    }
    if (!io->send_on && io->flight_off < io->flight_len && !io->serr &&
        (sqe = sqe_for(l, io, OP_SEND))) {
        io_uring_prep_send(sqe, fd, io->flight + io->flight_off, io->flight_len - io->flight_off,
                           MSG_NOSIGNAL);
        io->send_on = 1;
    }
}

static void arm_all(uring_loop *l)
{
    struct io_uring_sqe *sqe;
    while (l->dirty) {
        ev_io *io = l->dirty;
        dirty_unlink(l, io);
        arm(l, io);
    }
    if (!l->wake_on && (sqe = sqe_for(l, NULL, OP_WAKE))) {
        io_uring_prep_poll_add(sqe, l->wake[0], POLLIN);
        l->wake_on = 1;
    }
}

/* ---- completions ---- */

static void take_input(uring_loop *l, ev_io *io, const struct io_uring_cqe *cqe)
{
    unsigned bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
    size_t n = (size_t)cqe->res;
    if (io->in_off == io->in_len)
        io->in_off = io->in_len = 0;
    if (io->in_len + n > io->in_cap && io->in_off) { /* slide what is left to the front */
        memmove(io->in, io->in + io->in_off, io->in_len - io->in_off);
        io->in_len -= io->in_off;
        io->in_off = 0;
    }
    if (io->in_len + n > io->in_cap) {
        size_t cap = io->in_cap ? io->in_cap : 256;
        uint8_t *grown;
        while (cap < io->in_len + n)
            cap *= 2;
        if (!(grown = realloc(io->in, cap))) {
            io->rerr = ENOMEM;
            uring_bufs_give(&l->bufs, bid);
            return;
        }
        io->in = grown;
        io->in_cap = cap;
    }
    memcpy(io->in + io->in_len, uring_bufs_data(&l->bufs, bid), n);
    io->in_len += n;
    uring_bufs_give(&l->bufs, bid);
    if (io->in_len - io->in_off > IN_LIMIT && io->recv_on && !io->recv_paused) {
        struct io_uring_sqe *sqe = sqe_for(l, NULL, OP_CANCEL);
        io->recv_paused = 1;
        if (sqe)
            io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)io | OP_RECV, 0);
    }
}

static void sent(uring_loop *l, ev_io *io, int res)
{
    io->send_on = 0;
    if (res > 0) {
        io->flight_off += (size_t)res;
    } else if (res != -ECANCELED && res != -EAGAIN && res != -EINTR) {
        io->serr = -res;
        io->flight_off = io->flight_len;
        io->out_len = 0;
    }
    if (io->flight_off == io->flight_len) {
        free(io->flight);
        io->flight = NULL;
        io->flight_off = io->flight_len = 0;
    }
    if (out_held(io) && !io->serr && io->loop) {
        mark_dirty(l, io);
    } else if (!out_held(io) && io->shut_pending) {
        io->shut_pending = 0;
        shutdown((int)io->w->sock, SHUT_WR);
    }
}

static void complete(uring_loop *l, const struct io_uring_cqe *cqe)
{
    uint64_t ud = io_uring_cqe_get_data64(cqe);
    ev_io *io = (ev_io *)(uintptr_t)(ud & ~(uint64_t)OP_MASK);
    int op = (int)(ud & OP_MASK), more = (cqe->flags & IORING_CQE_F_MORE) != 0;
    if (op == OP_CANCEL)
        return;
    if (op == OP_WAKE) {
        l->wake_on = 0;
        evloop_pipe_drain(l->wake[0]);
        return;
    }
    if (!more)
        io->inflight--;
    switch (op) {
    case OP_RECV:
        if (cqe->res > 0 && (cqe->flags & IORING_CQE_F_BUFFER))
            take_input(l, io, cqe);
        else if (cqe->res == 0)
            io->eof = 1;
        else if (cqe->res < 0 && cqe->res != -ENOBUFS && cqe->res != -ECANCELED)
            io->rerr = -cqe->res;
        if (!more) {
            io->recv_on = 0;
            if (io->loop)
                mark_dirty(l, io); /* re-armed if still wanted */
        }
        break;
    case OP_SEND:
        sent(l, io, cqe->res);
        break;
    case OP_ACCEPT:
        if (cqe->res >= 0) {
            if (io->nacc == io->capacc) {
                size_t cap = io->capacc ? 2 * io->capacc : 16;
                int *grown = realloc(io->acc, cap * sizeof *grown);
                if (!grown) {
                    close(cqe->res);
                    break;
                }
                io->acc = grown;
                io->capacc = cap;
            }
            io->acc[io->nacc++] = cqe->res;
        } else if (cqe->res != -ECANCELED) {
            io->rerr = -cqe->res;
        }
        if (!more) {
            io->accept_on = 0;
            if (io->loop)
                mark_dirty(l, io);
        }
        break;
    case OP_POLL:
        io->poll_on = 0;
        if (cqe->res > 0)
            io->pollin = 1;
        break;
    default:
        return;
    }
    if (io->loop)
        check_ready(l, io);
}

static void reap(uring_loop *l)
{
    struct io_uring_cqe *cqe;
    unsigned head, n = 0;
    io_uring_for_each_cqe(&l->ring, head, cqe)
    {
        complete(l, cqe);
        n++;
    }
    io_uring_cq_advance(&l->ring, n);
}

/* ---- the interface ---- */

static int is_datagram(sock_t s)
{
    int type = 0;
    socklen_t len = sizeof type;
    return getsockopt((int)s, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM;
}

static sock_err ur_add(evloop *base, ev_watch *w, unsigned interest)
{
    uring_loop *l = (uring_loop *)base;
    ev_io *io = w->io;
    if (!io) {
        if (!(io = calloc(1, sizeof *io)))
            return SOCK_ERR_NO_RESOURCES;
        io->w = w;
        io->datagram = (unsigned char)is_datagram(w->sock);
        w->io = io;
    }
    io->loop = l;
    alist_push(&l->all, io);
    w->interest = interest; /* evloop.c sets it too; arm() reads it */
    mark_dirty(l, io);
    check_ready(l, io);
    return SOCK_OK;
}

static sock_err ur_set_interest(evloop *base, ev_watch *w, unsigned interest)
{
    uring_loop *l = (uring_loop *)base;
    w->interest = interest;
    mark_dirty(l, w->io);
    check_ready(l, w->io);
    return SOCK_OK;
}

static void cancel(uring_loop *l, ev_io *io, int op)
{
    struct io_uring_sqe *sqe = sqe_for(l, NULL, OP_CANCEL);
    if (sqe)
        io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)io | (uint64_t)op, 0);
}

static void ur_remove(evloop *base, ev_watch *w)
{
    uring_loop *l = (uring_loop *)base;
    ev_io *io = w->io;
    if (on_list(&l->ready, io, io->rprev))
        rlist_unlink(&l->ready, io);
    if (on_list(&l->dirty, io, io->dprev))
        dirty_unlink(l, io);
    alist_unlink(&l->all, io);
    io->loop = NULL;
    if (!io->inflight) /* (arming waits for the first wait: nothing before) */
        return;
    if (io->recv_on)
        cancel(l, io, OP_RECV);
    if (io->accept_on)
        cancel(l, io, OP_ACCEPT);
    if (io->poll_on)
        cancel(l, io, OP_POLL);
    if (io->send_on)
        cancel(l, io, OP_SEND);
    /* Wait until the kernel holds nothing of it; the others' completions
     * met meanwhile are kept as at any wait. */
    while (io->inflight) {
        struct io_uring_cqe *cqe;
        if (io_uring_submit_and_wait(&l->ring, 1) < 0 && errno != EINTR &&
            io_uring_peek_cqe(&l->ring, &cqe) != 0)
            break;
        reap(l);
    }
    io->recv_on = io->accept_on = io->poll_on = io->send_on = 0;
    io->pollin = 0;
    io->recv_paused = 0;
}

static void ur_release(ev_watch *w)
{
    if (w->io)
        io_free(w->io);
    w->io = NULL;
}

static long ur_recv(evloop *base, ev_watch *w, void *buf, size_t n)
{
    uring_loop *l = (uring_loop *)base;
    ev_io *io = w->io;
    size_t have = io->in_len - io->in_off;
    if (have) {
        if (n > have)
            n = have;
        memcpy(buf, io->in + io->in_off, n);
        io->in_off += n;
        if (io->in_off == io->in_len) {
            free(io->in); /* an idle connection holds nothing */
            io->in = NULL;
            io->in_off = io->in_len = io->in_cap = 0;
        }
        if (io->recv_paused && io->in_len - io->in_off <= IN_LIMIT / 2) {
            io->recv_paused = 0;
            mark_dirty(l, io);
        }
        return (long)n;
    }
    if (io->rerr)
        return sock_err_from_os(io->rerr);
    return io->eof ? 0 : SOCK_ERR_WOULD_BLOCK;
}

static long ur_send(evloop *base, ev_watch *w, const void *buf, size_t n)
{
    uring_loop *l = (uring_loop *)base;
    ev_io *io = w->io;
    size_t held = out_held(io);
    if (io->serr)
        return sock_err_from_os(io->serr);
    if (held >= OUT_LIMIT)
        return SOCK_ERR_WOULD_BLOCK;
    if (n > OUT_LIMIT - held)
        n = OUT_LIMIT - held;
    if (io->out_len + n > io->out_cap) {
        size_t cap = io->out_cap ? io->out_cap : 256;
        uint8_t *grown;
        while (cap < io->out_len + n)
            cap *= 2;
        if (!(grown = realloc(io->out, cap)))
            return SOCK_ERR_NO_RESOURCES;
        io->out = grown;
        io->out_cap = cap;
    }
    memcpy(io->out + io->out_len, buf, n);
    io->out_len += n;
    mark_dirty(l, io);
    return (long)n;
}

static sock_err ur_accept(evloop *base, ev_watch *w, sock_t *out, sock_addr *peer)
{
    ev_io *io = w->io;
    (void)base;
    if (io->nacc) {
        *out = (sock_t)io->acc[0];
        memmove(io->acc, io->acc + 1, --io->nacc * sizeof *io->acc);
        if (peer) {
            socklen_t len = sizeof peer->u.bytes;
            memset(peer, 0, sizeof *peer);
            if (getpeername((int)*out, (struct sockaddr *)peer->u.bytes, &len) == 0)
                peer->len = (uint32_t)len;
        }
        return SOCK_OK;
    }
    if (io->rerr) { /* the multishot accept ended on it: said once */
        sock_err e = sock_err_from_os(io->rerr);
        io->rerr = 0;
        if (io->loop)
            mark_dirty(io->loop, io);
        return e;
    }
    return sock_accept(w->sock, out, peer);
}

static void ur_shutdown_write(evloop *base, ev_watch *w)
{
    (void)base;
    if (out_held(w->io))
        w->io->shut_pending = 1;
    else
        shutdown((int)w->sock, SHUT_WR);
}

static void ur_wake(evloop *base)
{
    evloop_pipe_wake(((uring_loop *)base)->wake[1]);
}

static int ur_wait(evloop *base, int timeout_ms, ev_event *out, size_t cap)
{
    uring_loop *l = (uring_loop *)base;
    int r, got = 0;
    if (!l->enabled) {
        if ((r = uring_ring_enable(&l->ring)) < 0)
            return sock_err_from_os(-r);
        l->enabled = 1;
    }
    arm_all(l);
    /* Prune what is no longer ready; with something ready, do not sleep. */
    for (ev_io *io = l->ready, *next; io; io = next) {
        next = io->rnext;
        if (!fired(io, io->w->interest, NULL))
            rlist_unlink(&l->ready, io);
    }
    if (l->ready || timeout_ms == 0) {
        r = io_uring_submit_and_get_events(&l->ring);
    } else if (timeout_ms < 0) {
        r = io_uring_submit_and_wait(&l->ring, 1);
    } else {
        struct io_uring_cqe *cqe;
        struct __kernel_timespec ts;
        ts.tv_sec = timeout_ms / 1000;
        ts.tv_nsec = (long long)(timeout_ms % 1000) * 1000000;
        r = io_uring_submit_and_wait_timeout(&l->ring, &cqe, 1, &ts, NULL);
        if (r == -ETIME)
            r = 0;
    }
    if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY)
        return sock_err_from_os(-r);
    reap(l);
    for (ev_io *io = l->ready, *next; io && (size_t)got < cap; io = next) {
        ev_event *ev = &out[got];
        next = io->rnext;
        memset(ev, 0, sizeof *ev);
        ev->fired = fired(io, io->w->interest, ev);
        if (!ev->fired) {
            rlist_unlink(&l->ready, io);
            continue;
        }
        ev->watch = io->w;
        if (io->pollin) { /* one-shot poll: re-armed, fires again if still readable */
            io->pollin = 0;
            mark_dirty(l, io);
        }
        got++;
    }
    return got;
}

const evloop_ops evloop_uring_ops = {
    .name = "uring",
    .capacity = URING_CAPACITY,
    .create = ur_create,
    .destroy = ur_destroy,
    .add = ur_add,
    .set_interest = ur_set_interest,
    .remove = ur_remove,
    .wait = ur_wait,
    .wake = ur_wake,
    .release = ur_release,
    .recv = ur_recv,
    .send = ur_send,
    .accept = ur_accept,
    .shutdown_write = ur_shutdown_write,
};
