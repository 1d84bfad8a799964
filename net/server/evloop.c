/* evloop.c: evloop.h's calls, dispatched to the backend the loop was made
 * with (evloop_backend.h). */
#include <string.h>

#include "evloop_backend.h"

const char *const *evloop_backends(void)
{
    static const char *names[8];
    if (!names[0])
        for (size_t i = 0; evloop_builtin[i] && i + 1 < sizeof names / sizeof names[0]; i++)
            names[i] = evloop_builtin[i]->name;
    return names;
}

sock_err evloop_create(evloop **out, const char *backend, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = "";
    for (size_t i = 0; evloop_builtin[i]; i++)
        if (!backend || strcmp(backend, evloop_builtin[i]->name) == 0) {
            sock_err e = evloop_builtin[i]->create(out, why);
            if (e == SOCK_OK) {
                (*out)->ops = evloop_builtin[i];
                (*out)->count = 0;
            }
            return e;
        }
    *why = "not built in";
    return SOCK_ERR_BAD_ADDRESS;
}

void evloop_destroy(evloop *l)
{
    if (l)
        l->ops->destroy(l);
}

const char *evloop_backend(const evloop *l)
{
    return l->ops->name;
}

size_t evloop_capacity(const evloop *l)
{
    return l->ops->capacity;
}

sock_err evloop_add(evloop *l, ev_watch *w, unsigned interest)
{
    sock_err e;
    if (l->count >= l->ops->capacity)
        return SOCK_ERR_NO_RESOURCES;
    if (w->loop)
        return SOCK_ERR_OTHER;
    e = l->ops->add(l, w, interest);
    if (e == SOCK_OK) {
        w->interest = interest;
        w->loop = l;
        l->count++;
    }
    return e;
}

sock_err evloop_set_interest(evloop *l, ev_watch *w, unsigned interest)
{
    sock_err e;
    if (w->loop != l)
        return SOCK_ERR_OTHER;
    if (w->interest == interest)
        return SOCK_OK;
    e = l->ops->set_interest(l, w, interest);
    if (e == SOCK_OK)
        w->interest = interest;
    return e;
}

void evloop_remove(evloop *l, ev_watch *w)
{
    if (w->loop != l)
        return;
    l->ops->remove(l, w);
    w->loop = NULL;
    l->count--;
}

void evloop_release(evloop *l, ev_watch *w)
{
    if (l->ops->release && !w->loop)
        l->ops->release(w);
}

size_t evloop_count(const evloop *l)
{
    return l->count;
}

long evloop_recv(evloop *l, ev_watch *w, void *buf, size_t n)
{
    return l->ops->recv ? l->ops->recv(l, w, buf, n) : sock_recv(w->sock, buf, n);
}

long evloop_send(evloop *l, ev_watch *w, const void *buf, size_t n)
{
    return l->ops->send ? l->ops->send(l, w, buf, n) : sock_send(w->sock, buf, n);
}

sock_err evloop_accept(evloop *l, ev_watch *w, sock_t *out, sock_addr *peer)
{
    return l->ops->accept ? l->ops->accept(l, w, out, peer) : sock_accept(w->sock, out, peer);
}

void evloop_shutdown_write(evloop *l, ev_watch *w)
{
    if (l->ops->shutdown_write)
        l->ops->shutdown_write(l, w);
    else
        sock_shutdown_write(w->sock);
}

int evloop_wait(evloop *l, int timeout_ms, ev_event *out, size_t cap)
{
    return l->ops->wait(l, timeout_ms, out, cap);
}

void evloop_wake(evloop *l)
{
    l->ops->wake(l);
}
