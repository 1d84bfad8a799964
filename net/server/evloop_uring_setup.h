/* evloop_uring_setup.h: how an io_uring ring is made and how its owner
 * waits on it, shared by the server's io_uring backend (evloop_uring*.c)
 * and its floor, bench/bare_relay_uring.c, so that the two stay alike.
 *
 * The defaults are the variant measured best at light load
 * (docs/benchmarks.md, issue 20); environment variables select the others
 * for comparison (read when a ring is made):
 *   MB_URING_SETUP=defer|coop|taskrun|plain   the ring's setup flags
 *   MB_URING_IOWAIT=0|1                       0: a wait is not iowait
 *   MB_URING_REGRING=0|1                      1: the ring's fd registered
 *   MB_URING_SENDSKIP=0|1                     0: every send posts its
 *                                             completion (see send_skip) */
#ifndef MATCHBOARD_EVLOOP_URING_SETUP_H
#define MATCHBOARD_EVLOOP_URING_SETUP_H

#include <liburing.h>

/* What uring_setup_open chose for one ring. */
typedef struct uring_setup {
    unsigned enter_flags; /* added to every io_uring_enter of uring_setup_wait */
    int disabled;         /* made disabled: uring_setup_enable enables it */
    int regring;          /* register the ring's fd at uring_setup_enable */
    /* The kernel has IOSQE_CQE_SKIP_SUCCESS (Linux 5.17) and
     * MB_URING_SENDSKIP is not 0: a send that takes its whole buffer at
     * once may post no completion (uring_setup_send). */
    int send_skip;
} uring_setup;

/* Makes *ring with `entries` submissions (completions: four times as
 * many) and the setup flags of MB_URING_SETUP, falling back to simpler
 * ones the kernel takes: "defer" SINGLE_ISSUER | DEFER_TASKRUN, "coop"
 * COOP_TASKRUN, "taskrun" COOP_TASKRUN | TASKRUN_FLAG, "plain" none
 * (refused: "defer" falls back to "coop", the others to the next).
 * With `disabled` the ring is made disabled, for uring_setup_enable on
 * the thread that will use it. 0 or -errno. */
int uring_setup_open(struct io_uring *ring, uring_setup *s, unsigned entries, int disabled);
/* On the ring's own thread, before its first wait: enables a disabled
 * ring, registers its fd if chosen. 0 or -errno. */
int uring_setup_enable(struct io_uring *ring, uring_setup *s);
/* Submits what is queued and waits for wait_nr completions at most
 * timeout_ms (-1: no limit; 0: none awaited). The submissions taken (0
 * also when the time ran out), or -errno (-EINTR when a signal came). */
int uring_setup_wait(struct io_uring *ring, const uring_setup *s, unsigned wait_nr, int timeout_ms);
/* Prepares sqe as a send of buf[0..n) to fd (MSG_NOSIGNAL). With
 * `quiet` (s->send_skip only) it must not wait: MSG_DONTWAIT |
 * MSG_WAITALL, so the kernel tries it once, inside the io_uring_enter that
 * submits it, and IOSQE_CQE_SKIP_SUCCESS, so it posts a completion only
 * when it did not send all n bytes: an error, -EAGAIN (the socket is full:
 * send again without `quiet`, which waits for room), or the bytes it sent
 * before it found the socket full. Once that io_uring_enter has taken the
 * submission (io_uring_sq_ready 0) and its completions are reaped (none
 * left in overflow), a quiet send without one sent everything. */
void uring_setup_send(struct io_uring_sqe *sqe, int fd, const void *buf, size_t n, int quiet);

#endif
