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
 *   loop's own thread is its single issuer. Its setup flags and the
 *   io_uring_enter that submits and waits are evloop_uring_setup.c's
 *   (shared with the io_uring bare relay, its floor); the receive buffers
 *   evloop_uring_ring.c's; the lists, the arming and the completions
 *   evloop_uring_io.c's. */
#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evloop_uring_internal.h"

#define URING_CAPACITY 4096
#define RING_ENTRIES   1024

/* A sparse table of registered files, one slot per socket the loop may
 * hold. Without it (out of memory, or a kernel that refuses) every
 * socket is named by its descriptor, as before. */
static void open_slots(uring_loop *l)
{
    if (!(l->free_slot = malloc(URING_CAPACITY * sizeof *l->free_slot)))
        return;
    if (io_uring_register_files_sparse(&l->ring, URING_CAPACITY) < 0) {
        free(l->free_slot);
        l->free_slot = NULL;
        return;
    }
    for (int i = 0; i < URING_CAPACITY; i++) /* slot 0 taken first */
        l->free_slot[i] = URING_CAPACITY - 1 - i;
    l->nfree_slot = URING_CAPACITY;
}

/* Gives a stream socket a slot of the table (io->slot, else -1). The
 * kernel may refuse (a ring of single issuer registers only on its own
 * thread): the socket is then named by its descriptor. */
static void take_slot(uring_loop *l, ev_io *io)
{
    int fd = (int)io->w->sock;
    io->slot = -1;
    if (!l->nfree_slot || io->datagram || (io->w->interest & EV_ACCEPT))
        return;
    if (io_uring_register_files_update(&l->ring, (unsigned)l->free_slot[l->nfree_slot - 1], &fd,
                                       1) == 1)
        io->slot = l->free_slot[--l->nfree_slot];
}

/* Empties io's slot: the table's reference would keep the socket open
 * past its close. */
static void give_slot(uring_loop *l, ev_io *io)
{
    int none = -1;
    if (io->slot < 0)
        return;
    if (io_uring_register_files_update(&l->ring, (unsigned)io->slot, &none, 1) == 1)
        l->free_slot[l->nfree_slot++] = io->slot;
    io->slot = -1;
}

static sock_err ur_create(evloop **out, const char **why)
{
    uring_loop *l = calloc(1, sizeof *l);
    int r;
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    if ((r = uring_setup_open(&l->ring, &l->setup, RING_ENTRIES, 1)) < 0) {
        *why = strerror(-r);
        free(l);
        return sock_err_from_os(-r);
    }
    r = uring_bufs_open(&l->bufs, &l->ring);
    if (r == 0)
        open_slots(l);
    if (r == 0 && evloop_pipe_open(l->wake) != SOCK_OK) {
        uring_bufs_free(&l->bufs);
        r = -EMFILE;
    }
    if (r < 0) {
        *why = r == -EMFILE   ? "no pipe"
               : r == -ENOMEM ? "out of memory"
                              : "no provided-buffer rings (kernel before 5.19)";
        io_uring_queue_exit(&l->ring);
        free(l->free_slot);
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
    while (l->nspare)
        free(l->spare[--l->nspare]);
    free(l->free_slot);
    free(l);
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
    take_slot(l, io);
    uring_mark_dirty(l, io);
    uring_check_ready(l, io);
    return SOCK_OK;
}

static sock_err ur_set_interest(evloop *base, ev_watch *w, unsigned interest)
{
    uring_loop *l = (uring_loop *)base;
    w->interest = interest;
    uring_mark_dirty(l, w->io);
    uring_check_ready(l, w->io);
    return SOCK_OK;
}

static void cancel(uring_loop *l, ev_io *io, int op)
{
    struct io_uring_sqe *sqe = uring_sqe_for(l, NULL, OP_CANCEL);
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
        uring_dirty_unlink(l, io);
    alist_unlink(&l->all, io);
    io->loop = NULL;
    if (!io->inflight) { /* (arming waits for the first wait: nothing before) */
        give_slot(l, io);
        return;
    }
    if (io->recv_on)
        cancel(l, io, OP_RECV);
    if (io->accept_on)
        cancel(l, io, OP_ACCEPT);
    if (io->poll_on)
        cancel(l, io, OP_POLL);
    if (io->send_on && !io->send_quiet) /* a quiet one is done once submitted */
        cancel(l, io, OP_SEND);
    /* Wait until the kernel holds nothing of it; the others' completions
     * met meanwhile are kept as at any wait. */
    for (;;) {
        struct io_uring_cqe *cqe;
        /* A quiet send posts nothing when it succeeds: settled as soon as
         * the kernel has taken every submission, not awaited. */
        if (io_uring_sq_ready(&l->ring))
            io_uring_submit(&l->ring);
        uring_reap(l);
        uring_settle_sends(l);
        if (!io->inflight)
            break;
        if (io_uring_submit_and_wait(&l->ring, 1) < 0 && errno != EINTR &&
            io_uring_peek_cqe(&l->ring, &cqe) != 0)
            break;
    }
    uring_quiet_unlink(l, io);
    io->recv_on = io->accept_on = io->poll_on = io->send_on = 0;
    io->pollin = 0;
    io->recv_paused = 0;
    give_slot(l, io);
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
            uring_buf_free(l, io->in, io->in_cap); /* an idle connection holds nothing */
            io->in = NULL;
            io->in_off = io->in_len = io->in_cap = 0;
        }
        if (io->recv_paused && io->in_len - io->in_off <= IN_LIMIT / 2) {
            io->recv_paused = 0;
            uring_mark_dirty(l, io);
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
    size_t held = uring_out_held(io);
    if (io->serr)
        return sock_err_from_os(io->serr);
    if (held >= OUT_LIMIT)
        return SOCK_ERR_WOULD_BLOCK;
    if (n > OUT_LIMIT - held)
        n = OUT_LIMIT - held;
    if (uring_buf_grow(l, &io->out, &io->out_cap, io->out_len + n) != 0)
        return SOCK_ERR_NO_RESOURCES;
    memcpy(io->out + io->out_len, buf, n);
    io->out_len += n;
    uring_mark_dirty(l, io);
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
            uring_mark_dirty(io->loop, io);
        return e;
    }
    return sock_accept(w->sock, out, peer);
}

static void ur_shutdown_write(evloop *base, ev_watch *w)
{
    (void)base;
    if (uring_out_held(w->io))
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
        if ((r = uring_setup_enable(&l->ring, &l->setup)) < 0)
            return sock_err_from_os(-r);
        l->enabled = 1;
    }
    uring_arm_all(l);
    /* Prune what is no longer ready; with something ready, do not sleep. */
    for (ev_io *io = l->ready, *next; io; io = next) {
        next = io->rnext;
        if (!uring_fired(io, io->w->interest, NULL))
            rlist_unlink(&l->ready, io);
    }
    r = uring_setup_wait(&l->ring, &l->setup, 1, l->ready ? 0 : timeout_ms);
    if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY)
        return sock_err_from_os(-r);
    uring_reap(l);
    uring_settle_sends(l);
    for (ev_io *io = l->ready, *next; io && (size_t)got < cap; io = next) {
        ev_event *ev = &out[got];
        next = io->rnext;
        memset(ev, 0, sizeof *ev);
        ev->fired = uring_fired(io, io->w->interest, ev);
        if (!ev->fired) {
            rlist_unlink(&l->ready, io);
            continue;
        }
        ev->watch = io->w;
        if (io->pollin) { /* one-shot poll: re-armed, fires again if still readable */
            io->pollin = 0;
            uring_mark_dirty(l, io);
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
