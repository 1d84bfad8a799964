/* evloop_uring_setup.c: a ring's setup flags and its wait
 * (evloop_uring_setup.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "evloop_uring_setup.h"

/* Newer than liburing 2.3's headers (Linux 6.15): a wait that is not
 * accounted as iowait. Used only where the kernel says it has it. */
#ifndef IORING_ENTER_NO_IOWAIT
#define IORING_ENTER_NO_IOWAIT (1U << 7)
#endif
#ifndef IORING_FEAT_NO_IOWAIT
#define IORING_FEAT_NO_IOWAIT (1U << 17)
#endif

/* The environment variable name as 0 or 1; dflt when unset or other. */
static int env_flag(const char *name, int dflt)
{
    const char *v = getenv(name);
    if (v && (v[0] == '0' || v[0] == '1') && !v[1])
        return v[0] == '1';
    return dflt;
}

/* The setup flags by MB_URING_SETUP's names. A ring the kernel refuses
 * falls back to the next but one after "defer" (to "coop"), else to the
 * next. */
static const unsigned variants[] = {
    IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
    IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG,
    IORING_SETUP_COOP_TASKRUN,
    0,
};

static size_t first_variant(void)
{
    static const char *const names[] = {"defer", "taskrun", "coop", "plain"};
    const char *v = getenv("MB_URING_SETUP");
    for (size_t i = 0; v && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(v, names[i]))
            return i;
    return 0;
}

int uring_setup_open(struct io_uring *ring, uring_setup *s, unsigned entries, int disabled)
{
    int r = -EINVAL;
    memset(s, 0, sizeof *s);
    for (size_t i = first_variant(); i < sizeof variants / sizeof variants[0] && r == -EINVAL;
         i += i ? 1 : 2) {
        struct io_uring_params p;
        memset(&p, 0, sizeof p);
        p.flags = variants[i] | IORING_SETUP_CQSIZE | (disabled ? IORING_SETUP_R_DISABLED : 0);
        p.cq_entries = 4 * entries;
        r = io_uring_queue_init_params(entries, ring, &p);
    }
    if (r < 0)
        return r;
    s->disabled = disabled;
    s->regring = env_flag("MB_URING_REGRING", 0);
    s->send_skip = (ring->features & IORING_FEAT_CQE_SKIP) && env_flag("MB_URING_SENDSKIP", 1);
    if (!env_flag("MB_URING_IOWAIT", 1) && (ring->features & IORING_FEAT_NO_IOWAIT))
        s->enter_flags |= IORING_ENTER_NO_IOWAIT;
    return 0;
}

int uring_setup_enable(struct io_uring *ring, uring_setup *s)
{
    /* (liburing 2.3 declares io_uring_enable_rings but does not export it) */
    if (s->disabled) {
        int r = io_uring_register((unsigned)ring->ring_fd, IORING_REGISTER_ENABLE_RINGS, NULL, 0);
        if (r < 0)
            return r;
        s->disabled = 0;
    }
    /* Registered, the ring is named by an index in io_uring_enter: no
     * file lookup per call. liburing then uses it for every call. */
    if (s->regring && io_uring_register_ring_fd(ring) == 1)
        s->enter_flags |= IORING_ENTER_REGISTERED_RING;
    s->regring = 0;
    return 0;
}

/* Hands the submissions queued since the last call to the kernel's view of
 * the ring; how many it holds unsubmitted (as liburing does before each
 * io_uring_enter). */
static unsigned flush_sq(struct io_uring *ring)
{
    struct io_uring_sq *sq = &ring->sq;
    unsigned tail = sq->sqe_tail;
    if (sq->sqe_head != tail) {
        sq->sqe_head = tail;
        io_uring_smp_store_release(sq->ktail, tail);
    }
    return tail - io_uring_smp_load_acquire(sq->khead);
}

int uring_setup_wait(struct io_uring *ring, const uring_setup *s, unsigned wait_nr, int timeout_ms)
{
    unsigned flags = IORING_ENTER_GETEVENTS | s->enter_flags;
    struct io_uring_getevents_arg arg;
    struct __kernel_timespec ts;
    void *argp = NULL;
    size_t argsz = _NSIG / 8;
    int fd = (flags & IORING_ENTER_REGISTERED_RING) ? ring->enter_ring_fd : ring->ring_fd;
    int r;
    if (timeout_ms == 0)
        wait_nr = 0;
    if (timeout_ms > 0 && wait_nr) {
        if (!(ring->features & IORING_FEAT_EXT_ARG)) { /* before 5.11: a timeout submission */
            struct io_uring_cqe *cqe;
            ts.tv_sec = timeout_ms / 1000;
            ts.tv_nsec = (long long)(timeout_ms % 1000) * 1000000;
            r = io_uring_submit_and_wait_timeout(ring, &cqe, wait_nr, &ts, NULL);
            return r == -ETIME ? 0 : r;
        }
        ts.tv_sec = timeout_ms / 1000;
        ts.tv_nsec = (long long)(timeout_ms % 1000) * 1000000;
        memset(&arg, 0, sizeof arg);
        arg.ts = (uint64_t)(uintptr_t)&ts;
        argp = &arg;
        argsz = sizeof arg;
        flags |= IORING_ENTER_EXT_ARG;
    }
    /* (liburing returns -errno, errno untouched) */
    r = io_uring_enter2((unsigned)fd, flush_sq(ring), wait_nr, flags, argp, argsz);
    return r == -ETIME ? 0 : r;
}

void uring_setup_send(struct io_uring_sqe *sqe, int fd, const void *buf, size_t n, int quiet)
{
    io_uring_prep_send(sqe, fd, buf, n, MSG_NOSIGNAL | (quiet ? MSG_DONTWAIT | MSG_WAITALL : 0));
    if (quiet)
        sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
}
