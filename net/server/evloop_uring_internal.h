/* evloop_uring_internal.h: what the io_uring backend's files share (private
 * to evloop_uring*.c): a watch's state (ev_io) and the loop's, their lists,
 * and the arming and completions of evloop_uring_io.c that the interface
 * in evloop_uring.c drives. */
#ifndef MATCHBOARD_EVLOOP_URING_INTERNAL_H
#define MATCHBOARD_EVLOOP_URING_INTERNAL_H

#include <liburing.h>
#include <stddef.h>
#include <stdint.h>

#include "evloop_posix.h"
#include "evloop_uring_ring.h"
#include "evloop_uring_setup.h"

#define IN_LIMIT  (64 * 1024) /* input held past this pauses the receive */
#define OUT_LIMIT (64 * 1024) /* output held per socket */
#define SMALL_BUF 256         /* first size of an input or output buffer */
#define SPARE_MAX 512         /* small buffers a loop keeps for reuse */

enum { OP_RECV = 1, OP_SEND, OP_ACCEPT, OP_POLL, OP_WAKE, OP_CANCEL, OP_MASK = 7 };

typedef struct uring_loop uring_loop;

struct ev_io {
    ev_watch *w;
    uring_loop *loop; /* NULL: in no loop */
    unsigned inflight;
    int slot; /* its registered-file slot in the loop's ring; -1: none */
    unsigned char datagram;
    unsigned char recv_on, accept_on, poll_on, send_on;
    unsigned char eof, pollin, shut_pending, want_arm, recv_paused;
    /* send_quiet: the send in flight posts a completion only if it does not
     * send everything (uring_setup_send); on_quiet: on the loop's list of
     * them; send_wait: the socket was full, the next send waits for room. */
    unsigned char send_quiet, on_quiet, send_wait;
    int rerr; /* receive or accept error to report (errno) */
    int serr; /* send error (errno) */
    uint8_t *in;
    size_t in_off, in_len, in_cap;
    uint8_t *flight; /* being sent: flight[flight_off..flight_len) */
    size_t flight_off, flight_len, flight_cap;
    uint8_t *out; /* queued behind it */
    size_t out_len, out_cap;
    int *acc; /* accepted, not yet taken */
    size_t nacc, capacc;
    ev_io *rprev, *rnext; /* ready list */
    ev_io *dprev, *dnext; /* to arm or send at the next wait */
    ev_io *aprev, *anext; /* every io in the loop */
    ev_io *qnext;         /* the loop's quiet sends */
};

struct uring_loop {
    evloop base;
    struct io_uring ring;
    uring_setup setup; /* its setup flags and how it waits */
    int enabled;
    int wake[2];
    int wake_on;
    uring_bufs bufs;
    ev_io *ready, *dirty, *all;
    ev_io *dirty_tail; /* the dirty list is kept in order (uring_mark_dirty) */
    ev_io *quiet;      /* watches with a quiet send submitted (uring_settle_sends) */
    /* Buffers of SMALL_BUF bytes freed by its watches, for the next ones
     * (a move's input and output come and go every turn). */
    uint8_t *spare[SPARE_MAX];
    size_t nspare;
    /* The ring's registered-file table (sockets are named by slot, which
     * saves the kernel a file lookup per operation): its free slots. */
    int *free_slot;
    size_t nfree_slot;
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

static inline int on_list(ev_io *const *head, const ev_io *io, const ev_io *prev)
{
    return prev != NULL || *head == io;
}

/* ---- evloop_uring_io.c ---- */

/* Queues io for arming (or sending) at the next wait, after those queued
 * before it. */
void uring_mark_dirty(uring_loop *l, ev_io *io);
/* Takes io off the queue of uring_mark_dirty. */
void uring_dirty_unlink(uring_loop *l, ev_io *io);
/* A submission for op on io (NULL: none), its user data set; counts it in
 * io->inflight unless op is OP_CANCEL. NULL when the ring is full. */
struct io_uring_sqe *uring_sqe_for(uring_loop *l, ev_io *io, int op);
/* The output io holds: in flight and queued. */
size_t uring_out_held(const ev_io *io);
/* The events of interest io has to report (filling ev's errors if ev). */
unsigned uring_fired(const ev_io *io, unsigned interest, ev_event *ev);
/* Puts io on the ready list when it has an event to report. */
void uring_check_ready(uring_loop *l, ev_io *io);
/* Grows *buf (capacity *cap) to hold need bytes, from the loop's spare
 * small buffers when it has none yet. 0, or -1 when out of memory. */
int uring_buf_grow(uring_loop *l, uint8_t **buf, size_t *cap, size_t need);
/* Frees buf (capacity cap), or keeps it for reuse. */
void uring_buf_free(uring_loop *l, uint8_t *buf, size_t cap);
/* Arms what every queued watch wants, and the wake pipe's poll. */
void uring_arm_all(uring_loop *l);
/* Handles every completion the ring holds. */
void uring_reap(uring_loop *l);
/* After a wait and uring_reap: every quiet send that posted no completion
 * sent all its bytes, once the kernel has taken every submission and no
 * completion is left in overflow; each is then done as a completion
 * would have done it. Otherwise they wait for the next call. */
void uring_settle_sends(uring_loop *l);
/* Takes io off the loop's list of quiet sends (it leaves the loop). */
void uring_quiet_unlink(uring_loop *l, ev_io *io);

#endif
