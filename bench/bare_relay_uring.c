/* bare_relay_uring.c: the io_uring twin of bare_relay_posix.c, the floor
 * for a relaying server on the same kernel interface as the server's
 * io_uring backend (bench only).
 *
 * Single-threaded; one ring, made and waited on as the server's backend
 * does (net/server/evloop_uring_setup.c, the same MB_URING_* variants), a
 * multishot accept, a multishot receive per connection into a
 * provided-buffer ring, and the sends of a whole loop turn queued and
 * submitted with the one io_uring_enter that also waits. Pairs
 * connections in arrival order and forwards whole 16-byte packets: no
 * validation, no bookkeeping, no protocol. With --echo every packet also
 * goes back to its sender, as the server sends each accepted move to both
 * players.
 *
 *   bare-relay-uring [--port N] [--echo]   prints "listening on 127.0.0.1:PORT", runs until killed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evloop_uring_setup.h"
#include "grow.h"
#include "relay_start.h"
#include "sock.h"

#define PKT       16
#define MAX_FD    65536
#define ENTRIES   4096
#define BUF_COUNT 256
#define BUF_SIZE  512

enum { OP_ACCEPT = 1, OP_RECV, OP_SEND };

typedef struct conn {
    int fd, peer; /* peer: fd of the paired connection, -1 while waiting */
    unsigned char in[PKT * 64];
    size_t len;
    unsigned char *out, *flight; /* queued; being sent */
    size_t out_len, out_cap, flight_len, flight_off, flight_cap;
    int sending, dirty, closing;
    /* quiet: the send in flight posts a completion only if it does not
     * send everything (uring_setup_send, as the server's backend does);
     * send_wait: the socket was full, the next send waits for room. */
    int quiet, send_wait;
    struct conn *next_dirty, *next_quiet;
} conn;

static conn *conns[MAX_FD];
static struct io_uring ring;
static uring_setup setup; /* the server's io_uring backend's own choice */
static struct io_uring_buf_ring *br;
static unsigned char *bufs;
static conn *dirty, *dirty_tail; /* in order: the peer's copy goes out first */
static conn *quiet;              /* connections with a quiet send submitted */
static int echo;

static struct io_uring_sqe *sqe_get(void)
{
    struct io_uring_sqe *s = io_uring_get_sqe(&ring);
    if (!s) {
        io_uring_submit(&ring);
        s = io_uring_get_sqe(&ring);
    }
    return s;
}

static void set_data(struct io_uring_sqe *s, int op, int fd)
{
    io_uring_sqe_set_data64(s, (uint64_t)op << 32 | (uint32_t)fd);
}

static void give(unsigned bid)
{
    io_uring_buf_ring_add(br, bufs + (size_t)bid * BUF_SIZE, BUF_SIZE, (unsigned short)bid,
                          io_uring_buf_ring_mask(BUF_COUNT), 0);
    io_uring_buf_ring_advance(br, 1);
}

static void arm_recv(int fd)
{
    struct io_uring_sqe *s = sqe_get();
    io_uring_prep_recv_multishot(s, fd, NULL, 0, 0);
    s->flags |= IOSQE_BUFFER_SELECT;
    s->buf_group = 0;
    set_data(s, OP_RECV, fd);
}

static void drop(int fd)
{
    conn *c;
    if (fd < 0 || fd >= MAX_FD || !(c = conns[fd]) || c->closing)
        return;
    c->closing = 1;
    shutdown(fd, SHUT_RDWR); /* ends its multishot receive; freed when the last completion comes */
    if (c->peer >= 0)
        drop(c->peer);
}

static void queue_out(conn *c, const unsigned char *p, size_t n)
{
    if (c->closing)
        return;
    if (mb_grow(&c->out, &c->out_cap, c->out_len + n, 1, 1024) != 0) {
        drop(c->fd);
        return;
    }
    memcpy(c->out + c->out_len, p, n);
    c->out_len += n;
    if (!c->dirty) {
        c->dirty = 1;
        c->next_dirty = NULL;
        if (dirty_tail)
            dirty_tail->next_dirty = c;
        else
            dirty = c;
        dirty_tail = c;
    }
}

/* Passes the whole packets buffered for c on to its peer (and back). */
static void pump(conn *c)
{
    size_t whole = c->len - c->len % PKT;
    if (!whole || c->peer < 0 || !conns[c->peer])
        return;
    queue_out(conns[c->peer], c->in, whole);
    if (echo)
        queue_out(c, c->in, whole);
    memmove(c->in, c->in + whole, c->len - whole);
    c->len -= whole;
}

static void send_next(conn *c)
{
    struct io_uring_sqe *s;
    if (c->sending || c->closing)
        return;
    if (c->flight_off == c->flight_len) { /* swap the two buffers */
        unsigned char *t = c->flight;
        size_t tcap = c->flight_cap;
        if (!c->out_len)
            return;
        c->flight = c->out;
        c->flight_cap = c->out_cap;
        c->flight_len = c->out_len;
        c->flight_off = 0;
        c->out = t;
        c->out_cap = tcap;
        c->out_len = 0;
    }
    s = sqe_get();
    c->quiet = setup.send_skip && !c->send_wait;
    uring_setup_send(s, c->fd, c->flight + c->flight_off, c->flight_len - c->flight_off, c->quiet);
    set_data(s, OP_SEND, c->fd);
    c->sending = 1;
    if (c->quiet) {
        c->next_quiet = quiet;
        quiet = c;
    }
}

static void maybe_free(int fd)
{
    conn *c = conns[fd];
    if (c && c->closing && !c->sending && !c->dirty && c->len == (size_t)-1) {
        close(fd);
        free(c->out);
        free(c->flight);
        free(c);
        conns[fd] = NULL;
    }
}

static int waiting = -1;

static void accepted(int fd)
{
    conn *c;
    if (fd >= MAX_FD || !(c = calloc(1, sizeof *c))) {
        close(fd);
        return;
    }
    sock_set_nodelay((sock_t)fd, 1);
    c->fd = fd;
    c->peer = -1;
    conns[fd] = c;
    if (waiting >= 0 && conns[waiting] && !conns[waiting]->closing) {
        c->peer = waiting;
        conns[waiting]->peer = fd;
        pump(conns[waiting]); /* what it sent while alone */
        waiting = -1;
    } else {
        waiting = fd;
    }
    arm_recv(fd);
}

static void received(int fd, const struct io_uring_cqe *cqe)
{
    conn *c = conns[fd];
    int more = (cqe->flags & IORING_CQE_F_MORE) != 0;
    if (cqe->res > 0 && (cqe->flags & IORING_CQE_F_BUFFER)) {
        unsigned bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
        size_t n = (size_t)cqe->res;
        if (c && !c->closing) {
            if (c->len + n > sizeof c->in)
                drop(fd);
            else {
                memcpy(c->in + c->len, bufs + (size_t)bid * BUF_SIZE, n);
                c->len += n;
                pump(c);
            }
        }
        give(bid);
    } else if (cqe->res == -ENOBUFS && c && !c->closing && !more) {
        arm_recv(fd);
        return;
    } else if (c) {
        if (fd == waiting)
            waiting = -1;
        drop(fd);
    }
    if (!more && c) {
        if (!c->closing) {
            arm_recv(fd);
            return;
        }
        c->len = (size_t)-1; /* its receive is over */
        maybe_free(fd);
    }
}

static void sent(int fd, int res)
{
    conn *c = conns[fd];
    if (!c)
        return;
    c->send_wait = c->quiet && res == -EAGAIN; /* full: the next send waits */
    c->quiet = 0;
    c->sending = 0;
    if (c->send_wait) {
        send_next(c);
    } else if (res < 0) {
        drop(fd);
    } else {
        c->flight_off += (size_t)res;
        if (c->flight_off < c->flight_len || c->out_len)
            send_next(c);
    }
    maybe_free(fd);
}

int main(int argc, char **argv)
{
    sock_t l;
    struct io_uring_buf_reg reg;
    struct io_uring_sqe *s;
    int rc;

    if (uring_setup_open(&ring, &setup, ENTRIES, 0) < 0 || uring_setup_enable(&ring, &setup) < 0 ||
        posix_memalign((void **)&br, 4096, BUF_COUNT * sizeof(struct io_uring_buf)) != 0 ||
        !(bufs = malloc((size_t)BUF_COUNT * BUF_SIZE))) {
        fprintf(stderr, "bare-relay-uring: no io_uring here\n");
        return 1;
    }
    memset(&reg, 0, sizeof reg);
    reg.ring_addr = (uint64_t)(uintptr_t)br;
    reg.ring_entries = BUF_COUNT;
    reg.bgid = 0;
    if (io_uring_register_buf_ring(&ring, &reg, 0) != 0) {
        fprintf(stderr, "bare-relay-uring: no provided-buffer rings here\n");
        return 1;
    }
    /* Touched once now, or the kernel's first write into each page (one
     * receive in two, until the ring has gone round) takes a page fault. */
    memset(bufs, 0, (size_t)BUF_COUNT * BUF_SIZE);
    io_uring_buf_ring_init(br);
    for (unsigned i = 0; i < BUF_COUNT; i++)
        give(i);
    if ((rc = relay_start(argc, argv, "bare-relay-uring", &echo, &l)) != 0)
        return rc < 0 ? 0 : rc; /* -1: --help */

    s = sqe_get();
    io_uring_prep_multishot_accept(s, (int)l, NULL, NULL, SOCK_CLOEXEC);
    set_data(s, OP_ACCEPT, (int)l);
    for (;;) {
        struct io_uring_cqe *cqe;
        unsigned head, seen = 0;
        /* The turn's sends, then one enter that submits and waits. */
        while (dirty) {
            conn *c = dirty;
            if (!(dirty = c->next_dirty))
                dirty_tail = NULL;
            c->dirty = 0;
            send_next(c);
            maybe_free(c->fd);
        }
        if (uring_setup_wait(&ring, &setup, 1, -1) < 0)
            continue;
        io_uring_for_each_cqe(&ring, head, cqe)
        {
            uint64_t ud = io_uring_cqe_get_data64(cqe);
            int op = (int)(ud >> 32), fd = (int)(uint32_t)ud;
            seen++;
            if (op == OP_ACCEPT) {
                if (cqe->res >= 0)
                    accepted(cqe->res);
                if (!(cqe->flags & IORING_CQE_F_MORE)) {
                    s = sqe_get();
                    io_uring_prep_multishot_accept(s, (int)l, NULL, NULL, SOCK_CLOEXEC);
                    set_data(s, OP_ACCEPT, (int)l);
                }
            } else if (op == OP_RECV) {
                received(fd, cqe);
            } else if (op == OP_SEND) {
                sent(fd, cqe->res);
            }
        }
        io_uring_cq_advance(&ring, seen);
        /* Every submission taken and its completions seen: a quiet send
         * without one sent everything. */
        if (quiet && !io_uring_sq_ready(&ring) && !io_uring_cq_has_overflow(&ring)) {
            conn *c = quiet;
            quiet = NULL;
            while (c) {
                conn *next = c->next_quiet;
                if (c->quiet)
                    sent(c->fd, (int)(c->flight_len - c->flight_off));
                c = next;
            }
        }
    }
}
