/* evloop_poll.c: the event loop on poll(2), for any POSIX system, with the
 * semantics of evloop.h. Each watch knows its index in the loop's array
 * (ev_watch.slot): adding, changing and removing are O(1); the wait itself
 * is O(sockets), as poll is. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "evloop_posix.h"
#include "grow.h"

#define POLL_CAPACITY 4096

typedef struct poll_loop {
    evloop base;
    int wake[2];
    ev_watch **w;       /* w[i] watches pfd[i + 1] */
    struct pollfd *pfd; /* pfd[0]: the wake pipe */
    size_t cap;
} poll_loop;

static sock_err pl_create(evloop **out, const char **why)
{
    sock_err e;
    poll_loop *l = calloc(1, sizeof *l);
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    if ((e = evloop_pipe_open(l->wake)) != SOCK_OK) {
        free(l);
        *why = "no pipe";
        return e;
    }
    *out = &l->base;
    return SOCK_OK;
}

static void pl_destroy(evloop *base)
{
    poll_loop *l = (poll_loop *)base;
    evloop_pipe_close(l->wake);
    free(l->w);
    free(l->pfd);
    free(l);
}

static short poll_mask(unsigned interest)
{
    short ev = 0;
    if (interest & (EV_READ | EV_ACCEPT))
        ev |= POLLIN;
    if (interest & EV_WRITE)
        ev |= POLLOUT;
    return ev;
}

static sock_err pl_add(evloop *base, ev_watch *w, unsigned interest)
{
    poll_loop *l = (poll_loop *)base;
    size_t n = base->count;
    if (n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16; /* pfd[0] is the wake pipe's */
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        if (mb_resize(&l->w, cap, sizeof *l->w) != 0 ||
            mb_resize(&l->pfd, cap + 1, sizeof *l->pfd) != 0)
            return SOCK_ERR_NO_RESOURCES;
        l->cap = cap;
    }
    w->slot = n;
    l->w[n] = w;
    l->pfd[n + 1].fd = (int)w->sock;
    l->pfd[n + 1].events = poll_mask(interest);
    return SOCK_OK;
}

static sock_err pl_set_interest(evloop *base, ev_watch *w, unsigned interest)
{
    ((poll_loop *)base)->pfd[w->slot + 1].events = poll_mask(interest);
    return SOCK_OK;
}

static void pl_remove(evloop *base, ev_watch *w)
{
    poll_loop *l = (poll_loop *)base;
    size_t last = base->count - 1;
    l->w[w->slot] = l->w[last];
    l->pfd[w->slot + 1] = l->pfd[last + 1];
    l->w[w->slot]->slot = w->slot;
}

static void pl_wake(evloop *base)
{
    evloop_pipe_wake(((poll_loop *)base)->wake[1]);
}

static int pl_wait(evloop *base, int timeout_ms, ev_event *out, size_t cap)
{
    poll_loop *l = (poll_loop *)base;
    struct pollfd wake_only = {0, 0, 0};
    struct pollfd *pfd = l->pfd ? l->pfd : &wake_only;
    int n, got = 0;
    pfd[0].fd = l->wake[0];
    pfd[0].events = POLLIN;
    for (size_t i = 0; i <= base->count; i++)
        pfd[i].revents = 0;
    n = poll(pfd, (nfds_t)(base->count + 1), timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : sock_err_from_os(errno);
    if (pfd[0].revents)
        evloop_pipe_drain(l->wake[0]);
    for (size_t i = 0; i < base->count && (size_t)got < cap; i++) {
        short r = pfd[i + 1].revents;
        if (r && evloop_translate(l->w[i], (r & POLLIN) != 0, (r & POLLOUT) != 0,
                                  (r & POLLHUP) != 0, (r & (POLLERR | POLLNVAL)) != 0, &out[got]))
            got++;
    }
    return got;
}

const evloop_ops evloop_poll_ops = {
    .name = "poll",
    .capacity = POLL_CAPACITY,
    .create = pl_create,
    .destroy = pl_destroy,
    .add = pl_add,
    .set_interest = pl_set_interest,
    .remove = pl_remove,
    .wait = pl_wait,
    .wake = pl_wake,
};
