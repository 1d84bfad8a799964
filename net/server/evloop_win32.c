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

#include "evloop.h"

#define SLOTS WSA_MAXIMUM_WAIT_EVENTS /* 64 handles, one is the wake event */

struct evloop {
    WSAEVENT ev[SLOTS]; /* ev[0]: wake */
    sock_t sock[SLOTS];
    unsigned interest[SLOTS];
    void *user[SLOTS];
    DWORD count; /* handles in use, wake included */
};

size_t evloop_capacity(void)
{
    return SLOTS - 1;
}

static sock_err wsa_fail(void)
{
    return sock_err_from_os(WSAGetLastError());
}

sock_err evloop_create(evloop **out)
{
    evloop *l = calloc(1, sizeof *l);
    if (!l)
        return SOCK_ERR_NO_RESOURCES;
    l->ev[0] = WSACreateEvent();
    if (l->ev[0] == WSA_INVALID_EVENT) {
        sock_err e = wsa_fail();
        free(l);
        return e;
    }
    l->count = 1;
    *out = l;
    return SOCK_OK;
}

void evloop_destroy(evloop *l)
{
    if (!l)
        return;
    for (DWORD i = 1; i < l->count; i++) {
        WSAEventSelect((SOCKET)l->sock[i], l->ev[i], 0);
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

static DWORD index_of(const evloop *l, sock_t s)
{
    for (DWORD i = 1; i < l->count; i++)
        if (l->sock[i] == s)
            return i;
    return 0;
}

sock_err evloop_add(evloop *l, sock_t s, unsigned interest, void *user)
{
    DWORD i = l->count;
    if (i >= SLOTS)
        return SOCK_ERR_NO_RESOURCES;
    l->ev[i] = WSACreateEvent();
    if (l->ev[i] == WSA_INVALID_EVENT)
        return wsa_fail();
    if (WSAEventSelect((SOCKET)s, l->ev[i], net_mask(interest)) == SOCKET_ERROR) {
        sock_err e = wsa_fail();
        WSACloseEvent(l->ev[i]);
        return e;
    }
    l->sock[i] = s;
    l->interest[i] = interest;
    l->user[i] = user;
    l->count++;
    return SOCK_OK;
}

sock_err evloop_set_interest(evloop *l, sock_t s, unsigned interest)
{
    DWORD i = index_of(l, s);
    if (!i)
        return SOCK_ERR_OTHER;
    if (net_mask(l->interest[i]) != net_mask(interest) &&
        WSAEventSelect((SOCKET)s, l->ev[i], net_mask(interest)) == SOCKET_ERROR)
        return wsa_fail();
    l->interest[i] = interest;
    return SOCK_OK;
}

void evloop_remove(evloop *l, sock_t s)
{
    DWORD i = index_of(l, s), last;
    if (!i)
        return;
    /* Unbind (the socket stays non-blocking) so another loop may take it. */
    WSAEventSelect((SOCKET)s, l->ev[i], 0);
    WSACloseEvent(l->ev[i]);
    last = --l->count;
    l->ev[i] = l->ev[last];
    l->sock[i] = l->sock[last];
    l->interest[i] = l->interest[last];
    l->user[i] = l->user[last];
}

size_t evloop_count(const evloop *l)
{
    return l->count - 1;
}

void evloop_wake(evloop *l)
{
    WSASetEvent(l->ev[0]);
}

/* Asks one socket what happened; appends an event if anything did. */
static int collect(evloop *l, DWORD i, ev_event *out)
{
    WSANETWORKEVENTS ne;
    if (WSAEnumNetworkEvents((SOCKET)l->sock[i], l->ev[i], &ne) == SOCKET_ERROR ||
        ne.lNetworkEvents == 0)
        return 0;
    memset(out, 0, sizeof *out);
    out->sock = l->sock[i];
    out->user = l->user[i];
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
        out->fired |= EV_CLOSE | (l->interest[i] & EV_READ ? EV_READ : 0u);
        out->error[EV_BIT_CLOSE] = ne.iErrorCode[FD_CLOSE_BIT];
    }
    return 1;
}

int evloop_wait(evloop *l, int timeout_ms, ev_event *out, size_t cap)
{
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
