/* evloop_win32.c: the event loop on WSAEventSelect.
 *
 * Handle 0 of the wait is the wake event; each socket has its own event
 * object (WSACreateEvent) bound with WSAEventSelect, so one loop holds at
 * most WSA_MAXIMUM_WAIT_EVENTS - 1 = 63 sockets: the server runs more
 * loops on more threads past that. WSAWaitForMultipleEvents names only the
 * lowest signalled handle, so after a wake every socket from there on is
 * asked with WSAEnumNetworkEvents (which also resets its event): a busy
 * low socket cannot starve the others. */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "evloop_backend.h"

#define SLOTS WSA_MAXIMUM_WAIT_EVENTS /* 64 handles, one is the wake event */

typedef struct wsa_loop {
    evloop base;
    WSAEVENT ev[SLOTS]; /* ev[0]: wake; ev[i] is w[i]'s (ev_watch.slot == i) */
    ev_watch *w[SLOTS];
    DWORD count; /* handles in use, wake included */
} wsa_loop;

static sock_err wsa_fail(void)
{
    return sock_err_from_os(WSAGetLastError());
}

static sock_err wsa_create(evloop **out, const char **why)
{
    wsa_loop *l = calloc(1, sizeof *l);
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    l->ev[0] = WSACreateEvent();
    if (l->ev[0] == WSA_INVALID_EVENT) {
        sock_err e = wsa_fail();
        free(l);
        *why = "WSACreateEvent failed";
        return e;
    }
    l->count = 1;
    *out = &l->base;
    return SOCK_OK;
}

static void wsa_destroy(evloop *base)
{
    wsa_loop *l = (wsa_loop *)base;
    for (DWORD i = 1; i < l->count; i++) {
        WSAEventSelect((SOCKET)l->w[i]->sock, l->ev[i], 0);
        WSACloseEvent(l->ev[i]);
    }
    WSACloseEvent(l->ev[0]);
    free(l);
}

static long net_mask(unsigned interest)
{
    long m = 0;
    if (interest & EV_ACCEPT)
        m |= FD_ACCEPT;
    if (interest & EV_READ)
        m |= FD_READ | FD_CLOSE;
    /* FD_WRITE is only recorded after a would-block, so asking always is
     * harmless and never misses the re-enabling edge. */
    if (interest & (EV_READ | EV_WRITE))
        m |= FD_WRITE;
    if (interest & EV_CLOSE)
        m |= FD_CLOSE;
    return m;
}

static sock_err wsa_add(evloop *base, ev_watch *w, unsigned interest)
{
    wsa_loop *l = (wsa_loop *)base;
    DWORD i = l->count;
    if (i >= SLOTS)
        return SOCK_ERR_NO_RESOURCES;
    l->ev[i] = WSACreateEvent();
    if (l->ev[i] == WSA_INVALID_EVENT)
        return wsa_fail();
    if (WSAEventSelect((SOCKET)w->sock, l->ev[i], net_mask(interest)) == SOCKET_ERROR) {
        sock_err e = wsa_fail();
        WSACloseEvent(l->ev[i]);
        return e;
    }
    l->w[i] = w;
    w->slot = i;
    l->count++;
    return SOCK_OK;
}

static sock_err wsa_set_interest(evloop *base, ev_watch *w, unsigned interest)
{
    wsa_loop *l = (wsa_loop *)base;
    if (net_mask(w->interest) != net_mask(interest) &&
        WSAEventSelect((SOCKET)w->sock, l->ev[w->slot], net_mask(interest)) == SOCKET_ERROR)
        return wsa_fail();
    return SOCK_OK;
}

static void wsa_remove(evloop *base, ev_watch *w)
{
    wsa_loop *l = (wsa_loop *)base;
    size_t i = w->slot;
    DWORD last;
    /* Unbind (the socket stays non-blocking) so another loop may take it. */
    WSAEventSelect((SOCKET)w->sock, l->ev[i], 0);
    WSACloseEvent(l->ev[i]);
    last = --l->count;
    l->ev[i] = l->ev[last];
    l->w[i] = l->w[last];
    l->w[i]->slot = i;
}

static void wsa_wake(evloop *base)
{
    WSASetEvent(((wsa_loop *)base)->ev[0]);
}

/* Asks one socket what happened; appends an event if anything did. */
static int collect(wsa_loop *l, DWORD i, ev_event *out)
{
    WSANETWORKEVENTS ne;
    ev_watch *w = l->w[i];
    if (WSAEnumNetworkEvents((SOCKET)w->sock, l->ev[i], &ne) == SOCKET_ERROR ||
        ne.lNetworkEvents == 0)
        return 0;
    memset(out, 0, sizeof *out);
    out->watch = w;
    if (ne.lNetworkEvents & FD_ACCEPT) {
        out->fired |= EV_ACCEPT;
        out->error[EV_BIT_ACCEPT] = ne.iErrorCode[FD_ACCEPT_BIT];
    }
    if (ne.lNetworkEvents & FD_READ) {
        out->fired |= EV_READ;
        out->error[EV_BIT_READ] = ne.iErrorCode[FD_READ_BIT];
    }
    if (ne.lNetworkEvents & FD_WRITE) {
        out->fired |= EV_WRITE;
        out->error[EV_BIT_WRITE] = ne.iErrorCode[FD_WRITE_BIT];
    }
    if (ne.lNetworkEvents & FD_CLOSE) {
        /* Data may still be unread: the caller reads to the end first. */
        out->fired |= EV_CLOSE | (w->interest & EV_READ ? EV_READ : 0u);
        out->error[EV_BIT_CLOSE] = ne.iErrorCode[FD_CLOSE_BIT];
    }
    return 1;
}

static int wsa_wait(evloop *base, int timeout_ms, ev_event *out, size_t cap)
{
    wsa_loop *l = (wsa_loop *)base;
    DWORD r = WSAWaitForMultipleEvents(l->count, l->ev, FALSE,
                                       timeout_ms < 0 ? WSA_INFINITE : (DWORD)timeout_ms, FALSE);
    DWORD first;
    int got = 0;
    if (r == WSA_WAIT_TIMEOUT || r == WSA_WAIT_IO_COMPLETION)
        return 0;
    if (r == WSA_WAIT_FAILED)
        return wsa_fail();
    first = r - WSA_WAIT_EVENT_0;
    if (first >= l->count)
        return 0;
    if (first == 0) {
        WSAResetEvent(l->ev[0]);
        first = 1;
    }
    /* Not only the lowest: every socket from there on may be signalled.
     * A zero-timeout wait on the rest names the next signalled one, so a
     * wake costs a call per signalled socket, not one per socket (each is a
     * round trip to the wineserver under Wine). */
    for (DWORD i = first; i < l->count && (size_t)got < cap;) {
        got += collect(l, i, &out[got]);
        if (++i >= l->count)
            break;
        r = WSAWaitForMultipleEvents(l->count - i, &l->ev[i], FALSE, 0, FALSE);
        if (r - WSA_WAIT_EVENT_0 >= l->count - i)
            break; /* none left (WSA_WAIT_TIMEOUT) or a failure */
        i += r - WSA_WAIT_EVENT_0;
    }
    return got;
}

static const evloop_ops evloop_wsa_ops = {
    .name = "wsaeventselect",
    .capacity = SLOTS - 1,
    .create = wsa_create,
    .destroy = wsa_destroy,
    .add = wsa_add,
    .set_interest = wsa_set_interest,
    .remove = wsa_remove,
    .wait = wsa_wait,
    .wake = wsa_wake,
};

const evloop_ops *const evloop_builtin[] = {&evloop_wsa_ops, NULL};
