/* evloop_backend.h: what each event-loop backend fills in (private to
 * evloop*.c). evloop.c dispatches evloop.h's calls through a backend's
 * table, in the shape of Redis's ae.c over ae_epoll.c / ae_select.c, but
 * chosen at run time. Each backend's loop struct begins with `evloop`. */
#ifndef MATCHBOARD_EVLOOP_BACKEND_H
#define MATCHBOARD_EVLOOP_BACKEND_H

#include "evloop.h"

typedef struct evloop_ops evloop_ops;

struct evloop {
    const evloop_ops *ops;
    size_t count; /* sockets watched */
};

struct evloop_ops {
    const char *name;
    size_t capacity; /* sockets per loop */
    sock_err (*create)(evloop **out, const char **why);
    void (*destroy)(evloop *l);
    sock_err (*add)(evloop *l, ev_watch *w, unsigned interest);
    sock_err (*set_interest)(evloop *l, ev_watch *w, unsigned interest);
    void (*remove)(evloop *l, ev_watch *w);
    int (*wait)(evloop *l, int timeout_ms, ev_event *out, size_t cap);
    void (*wake)(evloop *l);
    /* Optional (NULL: the plain socket call, nothing held per watch). */
    void (*release)(ev_watch *w);
    long (*recv)(evloop *l, ev_watch *w, void *buf, size_t n);
    long (*send)(evloop *l, ev_watch *w, const void *buf, size_t n);
    sock_err (*accept)(evloop *l, ev_watch *w, sock_t *out, sock_addr *peer);
    void (*shutdown_write)(evloop *l, ev_watch *w);
};

/* The backends built in, best first, NULL-terminated (one list per
 * platform: evloop_backends_posix.c, evloop_win32.c). */
extern const evloop_ops *const evloop_builtin[];

#endif
