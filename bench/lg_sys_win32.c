/* lg_sys_win32.c: the load generator's poller (WSAPoll, which has no
 * 64-handle limit). Another process's memory and CPU time are not read
 * here: the Linux runner reads them from /proc when the server runs under
 * Wine. */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "lg_sys.h"

struct lg_poll {
    WSAPOLLFD *pfd;
    void **user;
    size_t n, cap;
};

lg_poll *lg_poll_create(size_t cap)
{
    lg_poll *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cap = cap;
    p->pfd = calloc(cap, sizeof *p->pfd);
    p->user = calloc(cap, sizeof *p->user);
    if (!p->pfd || !p->user) {
        lg_poll_destroy(p);
        return NULL;
    }
    return p;
}

void lg_poll_destroy(lg_poll *p)
{
    if (!p)
        return;
    free(p->pfd);
    free(p->user);
    free(p);
}

int lg_poll_add(lg_poll *p, sock_t s, void *user, int want_write)
{
    if (p->n == p->cap)
        return -1;
    p->pfd[p->n].fd = (SOCKET)s;
    p->pfd[p->n].events = (SHORT)(POLLRDNORM | (want_write ? POLLWRNORM : 0));
    p->pfd[p->n].revents = 0;
    p->user[p->n++] = user;
    return 0;
}

int lg_poll_set_write(lg_poll *p, sock_t s, void *user, int want_write)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->pfd[i].fd == (SOCKET)s) {
            p->pfd[i].events = (SHORT)(POLLRDNORM | (want_write ? POLLWRNORM : 0));
            p->user[i] = user;
            return 0;
        }
    return -1;
}

void lg_poll_remove(lg_poll *p, sock_t s)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->pfd[i].fd == (SOCKET)s) {
            p->pfd[i] = p->pfd[--p->n];
            p->user[i] = p->user[p->n];
            return;
        }
}

int lg_poll_wait(lg_poll *p, int timeout_ms, lg_ready *out, int cap)
{
    int got = 0, n;
    if (p->n == 0) {
        Sleep((DWORD)(timeout_ms < 0 ? 10 : timeout_ms));
        return 0;
    }
    n = WSAPoll(p->pfd, (ULONG)p->n, timeout_ms);
    if (n < 0)
        return -1;
    for (size_t i = 0; i < p->n && got < cap; i++) {
        SHORT r = p->pfd[i].revents;
        if (!r)
            continue;
        out[got].user = p->user[i];
        out[got].readable = (r & (POLLRDNORM | POLLHUP | POLLERR | POLLNVAL)) != 0;
        out[got].writable = (r & POLLWRNORM) != 0;
        got++;
    }
    return got;
}

void lg_proc_read(long pid, lg_proc_stat *out)
{
    (void)pid;
    memset(out, 0, sizeof *out);
}

void lg_kernel_mem_read(lg_kernel_mem *out)
{
    memset(out, 0, sizeof *out);
}

long lg_raise_fd_limit(void)
{
    return -1; /* no such limit on sockets */
}
