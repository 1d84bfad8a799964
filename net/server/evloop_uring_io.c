/* evloop_uring_io.c: the io_uring backend's traffic with the kernel: the
 * ready and to-arm lists, what a watch holds, the arming of receives,
 * accepts, polls and sends at the start of each wait, and the completions
 * (evloop_uring.c explains the scheme). */
#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evloop_uring_internal.h"

/* ---- the lists ---- */

static void mark_ready(uring_loop *l, ev_io *io)
{
    if (!on_list(&l->ready, io, io->rprev))
        rlist_push(&l->ready, io);
}

/* Appends: the sends of a turn go out in the order the server queued
 * them (a move to the opponent first, then back to the mover: the
 * opponent does not wait for the mover's copy). */
void uring_mark_dirty(uring_loop *l, ev_io *io)
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

void uring_dirty_unlink(uring_loop *l, ev_io *io)
{
    if (l->dirty_tail == io)
        l->dirty_tail = io->dprev;
    dlist_unlink(&l->dirty, io);
}

/* ---- the ring ---- */

struct io_uring_sqe *uring_sqe_for(uring_loop *l, ev_io *io, int op)
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

/* ---- buffers ---- */

int uring_buf_grow(uring_loop *l, uint8_t **buf, size_t *cap, size_t need)
{
    size_t c = *cap ? *cap : SMALL_BUF;
    uint8_t *grown;
    if (need <= *cap)
        return 0;
    if (!*cap && need <= SMALL_BUF && l->nspare) {
        *buf = l->spare[--l->nspare];
        *cap = SMALL_BUF;
        return 0;
    }
    while (c < need)
        c *= 2;
    if (!(grown = realloc(*buf, c)))
        return -1;
    *buf = grown;
    *cap = c;
    return 0;
}

void uring_buf_free(uring_loop *l, uint8_t *buf, size_t cap)
{
    if (buf && cap == SMALL_BUF && l->nspare < SPARE_MAX)
        l->spare[l->nspare++] = buf;
    else
        free(buf);
}

/* ---- what a watch holds ---- */

size_t uring_out_held(const ev_io *io)
{
    return io->flight_len - io->flight_off + io->out_len;
}

unsigned uring_fired(const ev_io *io, unsigned interest, ev_event *ev)
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
    if ((interest & EV_WRITE) && (uring_out_held(io) < OUT_LIMIT || io->serr))
        f |= EV_WRITE;
    return f;
}

void uring_check_ready(uring_loop *l, ev_io *io)
{
    if (uring_fired(io, io->w->interest, NULL))
        mark_ready(l, io);
}

/* ---- arming, at the start of each wait ---- */

/* Names io's socket in sqe by its registered slot, where it has one. */
static void fixed_file(struct io_uring_sqe *sqe, const ev_io *io)
{
    if (io->slot >= 0) {
        sqe->fd = io->slot;
        sqe->flags |= IOSQE_FIXED_FILE;
    }
}

static void arm(uring_loop *l, ev_io *io)
{
    struct io_uring_sqe *sqe;
    int fd = (int)io->w->sock;
    unsigned interest = io->w->interest;
    if ((interest & EV_ACCEPT) && !io->accept_on && !io->rerr &&
        (sqe = uring_sqe_for(l, io, OP_ACCEPT))) {
        io_uring_prep_multishot_accept(sqe, fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        io->accept_on = 1;
    }
    if (!(interest & EV_ACCEPT) && io->accept_on && (sqe = uring_sqe_for(l, NULL, OP_CANCEL)))
        io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)io | OP_ACCEPT, 0);
    if (io->datagram) {
        if ((interest & EV_READ) && !io->poll_on && !io->pollin &&
            (sqe = uring_sqe_for(l, io, OP_POLL))) {
            io_uring_prep_poll_add(sqe, fd, POLLIN);
            io->poll_on = 1;
        }
    } else if ((interest & (EV_READ | EV_CLOSE)) && !io->recv_on && !io->eof && !io->rerr &&
               !io->recv_paused && (sqe = uring_sqe_for(l, io, OP_RECV))) {
        io_uring_prep_recv_multishot(sqe, fd, NULL, 0, 0);
        fixed_file(sqe, io);
        sqe->flags |= IOSQE_BUFFER_SELECT;
        sqe->buf_group = URING_BUF_GROUP;
        io->recv_on = 1;
    }
    if (!io->send_on && io->flight_off == io->flight_len && io->out_len && !io->serr) {
        uring_buf_free(l, io->flight, io->flight_cap);
        io->flight = io->out;
        io->flight_off = 0;
        io->flight_len = io->out_len;
        io->flight_cap = io->out_cap;
        io->out = NULL;
        io->out_len = io->out_cap = 0;
    }
    if (!io->send_on && io->flight_off < io->flight_len && !io->serr &&
        (sqe = uring_sqe_for(l, io, OP_SEND))) {
        /* Quiet (no completion when it sends everything) unless something
         * waits for its completion: the write side's shutdown after the
         * last byte, EV_WRITE, or a socket found full (send_wait). */
        int quiet =
            l->setup.send_skip && !io->send_wait && !io->shut_pending && !(interest & EV_WRITE);
        uring_setup_send(sqe, fd, io->flight + io->flight_off, io->flight_len - io->flight_off,
                         quiet);
        fixed_file(sqe, io);
        io->send_on = 1;
        io->send_quiet = (unsigned char)quiet;
        if (quiet && !io->on_quiet) {
            io->on_quiet = 1;
            io->qnext = l->quiet;
            l->quiet = io;
        }
    }
}

void uring_arm_all(uring_loop *l)
{
    struct io_uring_sqe *sqe;
    while (l->dirty) {
        ev_io *io = l->dirty;
        uring_dirty_unlink(l, io);
        arm(l, io);
    }
    if (!l->wake_on && (sqe = uring_sqe_for(l, NULL, OP_WAKE))) {
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
    if (uring_buf_grow(l, &io->in, &io->in_cap, io->in_len + n) != 0) {
        io->rerr = ENOMEM;
        uring_bufs_give(&l->bufs, bid);
        return;
    }
    memcpy(io->in + io->in_len, uring_bufs_data(&l->bufs, bid), n);
    io->in_len += n;
    uring_bufs_give(&l->bufs, bid);
    if (io->in_len - io->in_off > IN_LIMIT && io->recv_on && !io->recv_paused) {
        struct io_uring_sqe *sqe = uring_sqe_for(l, NULL, OP_CANCEL);
        io->recv_paused = 1;
        if (sqe)
            io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)io | OP_RECV, 0);
    }
}

static void sent(uring_loop *l, ev_io *io, int res)
{
    /* A quiet send that found the socket full: the next one waits for room
     * (a quiet one would fail at once, every turn); one that waited and
     * sent: quiet again. */
    io->send_wait = (unsigned char)(io->send_quiet && res == -EAGAIN);
    io->send_on = 0;
    io->send_quiet = 0;
    if (res > 0) {
        io->flight_off += (size_t)res;
    } else if (res != -ECANCELED && res != -EAGAIN && res != -EINTR) {
        io->serr = -res;
        io->flight_off = io->flight_len;
        io->out_len = 0;
    }
    if (io->flight_off == io->flight_len) {
        uring_buf_free(l, io->flight, io->flight_cap);
        io->flight = NULL;
        io->flight_off = io->flight_len = io->flight_cap = 0;
    }
    if (uring_out_held(io) && !io->serr && io->loop) {
        uring_mark_dirty(l, io);
    } else if (!uring_out_held(io) && io->shut_pending) {
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
                uring_mark_dirty(l, io); /* re-armed if still wanted */
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
                uring_mark_dirty(l, io);
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
        uring_check_ready(l, io);
}

void uring_reap(uring_loop *l)
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

void uring_settle_sends(uring_loop *l)
{
    if (!l->quiet || io_uring_sq_ready(&l->ring) || io_uring_cq_has_overflow(&l->ring))
        return;
    while (l->quiet) {
        ev_io *io = l->quiet;
        l->quiet = io->qnext;
        io->qnext = NULL;
        io->on_quiet = 0;
        if (!io->send_quiet) /* it posted a completion: done by complete() */
            continue;
        io->inflight--;
        sent(l, io, (int)(io->flight_len - io->flight_off));
        if (io->loop)
            uring_check_ready(l, io);
    }
}

void uring_quiet_unlink(uring_loop *l, ev_io *io)
{
    for (ev_io **at = &l->quiet; io->on_quiet && *at; at = &(*at)->qnext)
        if (*at == io) {
            *at = io->qnext;
            io->qnext = NULL;
            io->on_quiet = 0;
        }
    io->send_quiet = 0;
}
