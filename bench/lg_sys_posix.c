/* lg_sys_posix.c: the load generator's poller (epoll) and /proc
 * readings, for Linux (the platform the server's benchmarks run on). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lg_sys.h"

struct lg_poll {
    int ep;
    struct epoll_event *ev;
    int cap;
};

lg_poll *lg_poll_create(size_t cap)
{
    lg_poll *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cap = 1024;
    p->ev = calloc((size_t)p->cap, sizeof *p->ev);
    p->ep = epoll_create1(EPOLL_CLOEXEC);
    (void)cap;
    if (!p->ev || p->ep < 0) {
        lg_poll_destroy(p);
        return NULL;
    }
    return p;
}

void lg_poll_destroy(lg_poll *p)
{
    if (!p)
        return;
    if (p->ep >= 0)
        close(p->ep);
    free(p->ev);
    free(p);
}

static int ctl(lg_poll *p, int op, sock_t s, void *user, int want_write)
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN | (want_write ? EPOLLOUT : 0u);
    ev.data.ptr = user;
    return epoll_ctl(p->ep, op, (int)s, &ev) == 0 ? 0 : -1;
}

int lg_poll_add(lg_poll *p, sock_t s, void *user, int want_write)
{
    return ctl(p, EPOLL_CTL_ADD, s, user, want_write);
}

int lg_poll_set_write(lg_poll *p, sock_t s, void *user, int want_write)
{
    return ctl(p, EPOLL_CTL_MOD, s, user, want_write);
}

void lg_poll_remove(lg_poll *p, sock_t s)
{
    epoll_ctl(p->ep, EPOLL_CTL_DEL, (int)s, NULL);
}

int lg_poll_wait(lg_poll *p, int timeout_ms, lg_ready *out, int cap)
{
    int n = epoll_wait(p->ep, p->ev, cap < p->cap ? cap : p->cap, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : -1;
    for (int i = 0; i < n; i++) {
        out[i].user = p->ev[i].data.ptr;
        out[i].readable = (p->ev[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0;
        out[i].writable = (p->ev[i].events & EPOLLOUT) != 0;
    }
    return n;
}

static uint64_t status_kib(const char *text, const char *key)
{
    const char *at = strstr(text, key);
    return at ? strtoull(at + strlen(key), NULL, 10) : 0;
}

static size_t read_file(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    size_t n;
    if (!f)
        return 0;
    n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n;
}

void lg_proc_read(long pid, lg_proc_stat *out)
{
    char path[64], buf[4096];
    const char *p;
    unsigned long long ut = 0, st = 0;
    long hz = sysconf(_SC_CLK_TCK);
    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    if (read_file(path, buf, sizeof buf) == 0)
        return;
    out->rss_kib = status_kib(buf, "VmRSS:");
    out->hwm_kib = status_kib(buf, "VmHWM:");
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (read_file(path, buf, sizeof buf) == 0 || !(p = strrchr(buf, ')')))
        return;
    /* After "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt
     * majflt cmajflt utime stime: utime is the 12th field after ')'. */
    if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return;
    out->cpu_user_s = (double)ut / (double)(hz > 0 ? hz : 100);
    out->cpu_sys_s = (double)st / (double)(hz > 0 ? hz : 100);
    out->known = 1;
}

void lg_kernel_mem_read(lg_kernel_mem *out)
{
    char buf[8192];
    const char *tcp;
    memset(out, 0, sizeof *out);
    if (read_file("/proc/meminfo", buf, sizeof buf) == 0)
        return;
    out->slab_kib = status_kib(buf, "\nSlab:");
    if (read_file("/proc/net/sockstat", buf, sizeof buf) == 0 || !(tcp = strstr(buf, "TCP:")))
        return;
    {
        const char *mem = strstr(tcp, " mem ");
        long page = sysconf(_SC_PAGESIZE);
        if (mem)
            out->tcp_buffers_kib =
                strtoull(mem + 5, NULL, 10) * (uint64_t)(page > 0 ? page : 4096) / 1024;
    }
    out->known = 1;
}

long lg_raise_fd_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0)
        return -1;
    if (r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
        getrlimit(RLIMIT_NOFILE, &r);
    }
    return (long)r.rlim_cur;
}
