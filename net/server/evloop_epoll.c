/* evloop_epoll.c: the event loop on Linux epoll, level-triggered, with the
 * semantics of evloop.h: write only while asked for, EV_CLOSE on hang-up or
 * error with the error code. The watch is the epoll_event's data, so
 * nothing is looked up. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "evloop_posix.h"

#define EPOLL_CAPACITY 4096

typedef struct epoll_loop {
    evloop base;
    int ep;
    int wake[2];
    struct epoll_event ready[256];
} epoll_loop;

static sock_err ep_create(evloop **out, const char **why)
{
    struct epoll_event ev;
    sock_err e;
    epoll_loop *l = calloc(1, sizeof *l);
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    if ((e = evloop_pipe_open(l->wake)) != SOCK_OK) {
        free(l);
        *why = "no pipe";
        return e;
    }
    l->ep = epoll_create1(EPOLL_CLOEXEC);
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.ptr = NULL; /* the wake pipe */
    if (l->ep < 0 || epoll_ctl(l->ep, EPOLL_CTL_ADD, l->wake[0], &ev) != 0) {
        e = sock_err_from_os(errno);
        *why = strerror(errno);
        if (l->ep >= 0)
            close(l->ep);
        evloop_pipe_close(l->wake);
        free(l);
        return e;
    }
    *out = &l->base;
    return SOCK_OK;
}

static void ep_destroy(evloop *base)
{
    epoll_loop *l = (epoll_loop *)base;
    close(l->ep);
    evloop_pipe_close(l->wake);
    free(l);
}

static sock_err ctl(evloop *base, int op, ev_watch *w, unsigned interest)
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    if (interest & (EV_READ | EV_ACCEPT))
        ev.events |= EPOLLIN;
    if (interest & EV_WRITE)
        ev.events |= EPOLLOUT;
    if (interest & EV_CLOSE)
        ev.events |= EPOLLRDHUP;
    ev.data.ptr = w;
    if (epoll_ctl(((epoll_loop *)base)->ep, op, (int)w->sock, &ev) != 0)
        return sock_err_from_os(errno);
    return SOCK_OK;
}

static sock_err ep_add(evloop *l, ev_watch *w, unsigned interest)
{
    return ctl(l, EPOLL_CTL_ADD, w, interest);
}

static sock_err ep_set_interest(evloop *l, ev_watch *w, unsigned interest)
{
    return ctl(l, EPOLL_CTL_MOD, w, interest);
}

static void ep_remove(evloop *base, ev_watch *w)
{
    epoll_ctl(((epoll_loop *)base)->ep, EPOLL_CTL_DEL, (int)w->sock, NULL);
}

static void ep_wake(evloop *base)
{
    evloop_pipe_wake(((epoll_loop *)base)->wake[1]);
}

static int ep_wait(evloop *base, int timeout_ms, ev_event *out, size_t cap)
{
    epoll_loop *l = (epoll_loop *)base;
    size_t want = sizeof l->ready / sizeof l->ready[0];
    int n, got = 0;
    if (want > cap + 1)
        want = cap + 1;
    n = epoll_wait(l->ep, l->ready, (int)want, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : sock_err_from_os(errno);
    for (int i = 0; i < n; i++) {
        ev_watch *w = l->ready[i].data.ptr;
        uint32_t m = l->ready[i].events;
        if (!w) {
            evloop_pipe_drain(l->wake[0]);
            continue;
        }
        if ((size_t)got < cap &&
            evloop_translate(w, (m & EPOLLIN) != 0, (m & EPOLLOUT) != 0,
                             (m & (EPOLLHUP | EPOLLRDHUP)) != 0, (m & EPOLLERR) != 0, &out[got]))
            got++;
    }
    return got;
}

const evloop_ops evloop_epoll_ops = {
    .name = "epoll",
    .capacity = EPOLL_CAPACITY,
    .create = ep_create,
    .destroy = ep_destroy,
    .add = ep_add,
    .set_interest = ep_set_interest,
    .remove = ep_remove,
    .wait = ep_wait,
    .wake = ep_wake,
};
