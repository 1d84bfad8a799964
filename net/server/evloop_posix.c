/* evloop_posix.c: the event loop on epoll (Linux) or poll (other POSIX
 * systems), with the semantics of evloop.h: level-triggered read, write
 * only while asked for, EV_CLOSE on hang-up or error with the error code. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/epoll.h>
#define EVLOOP_EPOLL 1
#endif

#include "evloop.h"

#define EVLOOP_POSIX_CAPACITY 4096

typedef struct entry {
    sock_t sock;
    unsigned interest;
    void *user;
} entry;

struct evloop {
    entry **e;
    size_t count, cap;
    int wake_r, wake_w;
#if EVLOOP_EPOLL
    int ep;
    struct epoll_event *ready;
    size_t ready_cap;
#else
    struct pollfd *pfd;
    size_t pfd_cap;
#endif
};

size_t evloop_capacity(void)
{
    return EVLOOP_POSIX_CAPACITY;
}

static sock_err from_errno(void)
{
    return sock_err_from_os(errno);
}

static int set_flags(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return -1;
    fl = fcntl(fd, F_GETFD, 0);
    return fl < 0 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) < 0 ? -1 : 0;
}

sock_err evloop_create(evloop **out)
{
    int p[2];
    evloop *l = calloc(1, sizeof *l);
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    if (pipe(p) != 0 || set_flags(p[0]) != 0 || set_flags(p[1]) != 0) {
        sock_err e = from_errno();
        free(l);
        return e;
    }
    l->wake_r = p[0];
    l->wake_w = p[1];
#if EVLOOP_EPOLL
    {
        struct epoll_event ev;
        l->ep = epoll_create1(EPOLL_CLOEXEC);
        memset(&ev, 0, sizeof ev);
        ev.events = EPOLLIN;
        ev.data.ptr = NULL; /* the wake pipe */
        if (l->ep < 0 || epoll_ctl(l->ep, EPOLL_CTL_ADD, l->wake_r, &ev) != 0) {
            sock_err e = from_errno();
            if (l->ep >= 0)
                close(l->ep);
            close(p[0]);
            close(p[1]);
            free(l);
            return e;
        }
    }
#endif
    *out = l;
    return SOCK_OK;
}

void evloop_destroy(evloop *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        free(l->e[i]);
    free(l->e);
#if EVLOOP_EPOLL
    close(l->ep);
    free(l->ready);
#else
    free(l->pfd);
#endif
    close(l->wake_r);
    close(l->wake_w);
    free(l);
}

static size_t index_of(const evloop *l, sock_t s)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->e[i]->sock == s)
            return i;
    return (size_t)-1;
}

#if EVLOOP_EPOLL
static uint32_t epoll_mask(unsigned interest)
{
    uint32_t m = 0;
    if (interest & (EV_READ | EV_ACCEPT))
        m |= EPOLLIN;
    if (interest & EV_WRITE)
        m |= EPOLLOUT;
    if (interest & EV_CLOSE)
        m |= EPOLLRDHUP;
    return m;
}

static sock_err ctl(evloop *l, int op, entry *en)
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = epoll_mask(en->interest);
    ev.data.ptr = en;
    if (epoll_ctl(l->ep, op, (int)en->sock, &ev) != 0)
        return from_errno();
    return SOCK_OK;
}
#endif

sock_err evloop_add(evloop *l, sock_t s, unsigned interest, void *user)
{
    entry *en;
    if (l->count >= EVLOOP_POSIX_CAPACITY)
        return SOCK_ERR_NO_RESOURCES;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        entry **grown = realloc(l->e, cap * sizeof *grown);
        if (!grown)
            return SOCK_ERR_NO_RESOURCES;
        l->e = grown;
        l->cap = cap;
    }
    en = malloc(sizeof *en);
    if (!en)
        return SOCK_ERR_NO_RESOURCES;
    en->sock = s;
    en->interest = interest;
    en->user = user;
#if EVLOOP_EPOLL
    {
        sock_err e = ctl(l, EPOLL_CTL_ADD, en);
        if (e != SOCK_OK) {
            free(en);
            return e;
        }
    }
#endif
    l->e[l->count++] = en;
    return SOCK_OK;
}

sock_err evloop_set_interest(evloop *l, sock_t s, unsigned interest)
{
    size_t i = index_of(l, s);
    if (i == (size_t)-1)
        return SOCK_ERR_OTHER;
    if (l->e[i]->interest == interest)
        return SOCK_OK;
    l->e[i]->interest = interest;
#if EVLOOP_EPOLL
    return ctl(l, EPOLL_CTL_MOD, l->e[i]);
#else
    return SOCK_OK;
#endif
}

void evloop_remove(evloop *l, sock_t s)
{
    size_t i = index_of(l, s);
    if (i == (size_t)-1)
        return;
#if EVLOOP_EPOLL
    epoll_ctl(l->ep, EPOLL_CTL_DEL, (int)s, NULL);
#endif
    free(l->e[i]);
    l->e[i] = l->e[--l->count];
}

size_t evloop_count(const evloop *l)
{
    return l->count;
}

void evloop_wake(evloop *l)
{
    char b = 1;
    int saved = errno; /* may run in a signal handler */
    ssize_t r = write(l->wake_w, &b, 1);
    (void)r; /* a full pipe already wakes */
    errno = saved;
}

static void drain_wake(evloop *l)
{
    char buf[64];
    while (read(l->wake_r, buf, sizeof buf) > 0) {
    }
}

static int socket_error(sock_t s)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt((int)s, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return errno;
    return err;
}

/* Turns what the kernel said about a socket into evloop events. */
static int translate(const entry *en, int in, int out, int hup, int err, ev_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->sock = en->sock;
    ev->user = en->user;
    if (in && (en->interest & EV_ACCEPT))
        ev->fired |= EV_ACCEPT;
    else if (in && (en->interest & EV_READ))
        ev->fired |= EV_READ;
    if (out && (en->interest & EV_WRITE))
        ev->fired |= EV_WRITE;
    if ((hup || err) && (en->interest & (EV_CLOSE | EV_READ))) {
        ev->fired |= EV_CLOSE;
        ev->error[EV_BIT_CLOSE] = err ? socket_error(en->sock) : 0;
        if (en->interest & EV_READ)
            ev->fired |= EV_READ; /* data may still wait: read it first */
    }
    return ev->fired != 0;
}

int evloop_wait(evloop *l, int timeout_ms, ev_event *out, size_t cap)
{
    int n, got = 0;
#if EVLOOP_EPOLL
    size_t want = l->count + 1;
    if (want > l->ready_cap) {
        struct epoll_event *r = realloc(l->ready, want * sizeof *r);
        if (!r)
            return SOCK_ERR_NO_RESOURCES;
        l->ready = r;
        l->ready_cap = want;
    }
    if (want > cap + 1)
        want = cap + 1;
    n = epoll_wait(l->ep, l->ready, (int)want, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : from_errno();
    for (int i = 0; i < n; i++) {
        entry *en = l->ready[i].data.ptr;
        uint32_t m = l->ready[i].events;
        if (!en) {
            drain_wake(l);
            continue;
        }
        if ((size_t)got < cap &&
            translate(en, (m & EPOLLIN) != 0, (m & EPOLLOUT) != 0,
                      (m & (EPOLLHUP | EPOLLRDHUP)) != 0, (m & EPOLLERR) != 0, &out[got]))
            got++;
    }
#else
    if (l->pfd_cap < l->count + 1) {
        struct pollfd *p = realloc(l->pfd, (l->count + 1) * sizeof *p);
        if (!p)
            return SOCK_ERR_NO_RESOURCES;
        l->pfd = p;
        l->pfd_cap = l->count + 1;
    }
    l->pfd[0].fd = l->wake_r;
    l->pfd[0].events = POLLIN;
    l->pfd[0].revents = 0;
    for (size_t i = 0; i < l->count; i++) {
        short ev = 0;
        if (l->e[i]->interest & (EV_READ | EV_ACCEPT))
            ev |= POLLIN;
        if (l->e[i]->interest & EV_WRITE)
            ev |= POLLOUT;
        l->pfd[i + 1].fd = (int)l->e[i]->sock;
        l->pfd[i + 1].events = ev;
        l->pfd[i + 1].revents = 0;
    }
    n = poll(l->pfd, (nfds_t)(l->count + 1), timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : from_errno();
    if (l->pfd[0].revents)
        drain_wake(l);
    for (size_t i = 0; i < l->count && (size_t)got < cap; i++) {
        short r = l->pfd[i + 1].revents;
        if (r && translate(l->e[i], (r & POLLIN) != 0, (r & POLLOUT) != 0, (r & POLLHUP) != 0,
                           (r & (POLLERR | POLLNVAL)) != 0, &out[got]))
            got++;
    }
#endif
    return got;
}
