/* lg_sys.h: what the load generator needs from the system beyond sock.h
 * and base/ (its clock and threads): a readiness poller for many sockets
 * (epoll on Linux, WSAPoll on Win32), and a look at another process's
 * memory and CPU time (/proc on Linux). One header over lg_sys_posix.c and
 * lg_sys_win32.c.
 */
#ifndef MATCHBOARD_LG_SYS_H
#define MATCHBOARD_LG_SYS_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

/* Readiness of one socket, as lg_poll_wait reports it. */
typedef struct lg_ready {
    void *user;
    int readable; /* data, EOF or an error waits: recv tells which */
    int writable; /* connect finished or room to send */
} lg_ready;

typedef struct lg_poll lg_poll;

/* A poller for up to cap sockets; NULL when out of memory. */
lg_poll *lg_poll_create(size_t cap);
void lg_poll_destroy(lg_poll *p);
/* Watches s for reading, and for writing too while want_write is set. */
int lg_poll_add(lg_poll *p, sock_t s, void *user, int want_write);
int lg_poll_set_write(lg_poll *p, sock_t s, void *user, int want_write);
/* Stops watching s (call before closing it). */
void lg_poll_remove(lg_poll *p, sock_t s);
/* Waits up to timeout_ms (-1: for ever); fills up to cap entries and
 * returns how many, or -1 on failure. */
int lg_poll_wait(lg_poll *p, int timeout_ms, lg_ready *out, int cap);

/* What the system tells of another process (Linux: /proc/PID). */
typedef struct lg_proc_stat {
    int known;         /* 0: this system cannot tell */
    uint64_t rss_kib;  /* resident now (VmRSS) */
    uint64_t hwm_kib;  /* peak resident (VmHWM) */
    double cpu_user_s; /* user CPU seconds since it started */
    double cpu_sys_s;  /* system CPU seconds */
} lg_proc_stat;
void lg_proc_read(long pid, lg_proc_stat *out);

/* The kernel's memory for sockets, system-wide (Linux: the TCP line of
 * /proc/net/sockstat and the slab of /proc/meminfo), in KiB; known 0 when
 * the system cannot tell. */
typedef struct lg_kernel_mem {
    int known;
    uint64_t tcp_buffers_kib; /* sockstat "mem", pages of socket buffers */
    uint64_t slab_kib;        /* Slab: socket, file and epoll structures among all else */
} lg_kernel_mem;
void lg_kernel_mem_read(lg_kernel_mem *out);

/* Raises this process's descriptor limit to its hard limit; the limit now. */
long lg_raise_fd_limit(void);

#endif
