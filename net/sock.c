/* sock.c: the platform-free part of the socket layer that needs no socket
 * header: error texts, this thread's last OS error, the last steps of
 * setting up a socket, host:port parsing. */
#include <stdlib.h>
#include <string.h>

#include "sock.h"
#include "sock_internal.h"

static _Thread_local int last_os_error;

sock_err sock_fail(int os_code)
{
    last_os_error = os_code;
    return sock_err_from_os(os_code);
}

void sock_note_os_error(int os_code)
{
    last_os_error = os_code;
}

int sock_last_os_error(void)
{
    return last_os_error;
}

sock_err sock_close_failed(sock_t s, int os_code)
{
    const sock_err e = sock_fail(os_code);
    sock_close(s);
    return e;
}

sock_err sock_finish_nonblocking(sock_t s, sock_t *out)
{
    const sock_err e = sock_set_nonblocking(s, 1);
    if (e != SOCK_OK) {
        sock_close(s);
        return e;
    }
    *out = s;
    return SOCK_OK;
}

const char *sock_strerror(sock_err e)
{
    switch (e) {
    case SOCK_OK:
        return "success";
    case SOCK_ERR_WOULD_BLOCK:
        return "operation would block";
    case SOCK_ERR_IN_PROGRESS:
        return "connection in progress";
    case SOCK_ERR_REFUSED:
        return "connection refused";
    case SOCK_ERR_UNREACHABLE:
        return "network or host unreachable";
    case SOCK_ERR_TIMED_OUT:
        return "timed out";
    case SOCK_ERR_RESET:
        return "connection reset by peer";
    case SOCK_ERR_ADDR_IN_USE:
        return "address already in use";
    case SOCK_ERR_ADDR_NOT_AVAIL:
        return "address not available";
    case SOCK_ERR_NAME:
        return "host name not found";
    case SOCK_ERR_BAD_ADDRESS:
        return "bad address (expected host, host:port or [v6]:port)";
    case SOCK_ERR_NO_RESOURCES:
        return "out of sockets or memory";
    case SOCK_ERR_INTERRUPTED:
        return "interrupted";
    case SOCK_ERR_ACCESS:
        return "permission denied";
    case SOCK_ERR_NOT_INITIALIZED:
        return "socket layer not started";
    case SOCK_ERR_OTHER:
        return "socket error";
    }
    return "unknown socket error";
}

static sock_err parse_port(const char *s, uint16_t *port)
{
    char *end;
    long v;
    if (*s < '0' || *s > '9')
        return SOCK_ERR_BAD_ADDRESS;
    v = strtol(s, &end, 10);
    if (*end != '\0' || v < 0 || v > 65535 || end - s > 5)
        return SOCK_ERR_BAD_ADDRESS;
    *port = (uint16_t)v;
    return SOCK_OK;
}

static sock_err copy_host(const char *s, size_t n, char *host, size_t cap)
{
    if (n == 0 || n >= cap || n >= SOCK_HOST_MAX)
        return SOCK_ERR_BAD_ADDRESS;
    memcpy(host, s, n);
    host[n] = '\0';
    return SOCK_OK;
}

sock_err sock_parse_hostport(const char *text, uint16_t default_port, char *host, size_t host_cap,
                             uint16_t *port)
{
    const char *colon;
    sock_err e;
    if (!text || !host || !port || host_cap == 0)
        return SOCK_ERR_BAD_ADDRESS;
    *port = default_port;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || strchr(close + 1, ']') || strchr(text + 1, '['))
            return SOCK_ERR_BAD_ADDRESS;
        e = copy_host(text + 1, (size_t)(close - text - 1), host, host_cap);
        if (e != SOCK_OK)
            return e;
        if (close[1] == '\0')
            return SOCK_OK;
        if (close[1] != ':')
            return SOCK_ERR_BAD_ADDRESS;
        return parse_port(close + 2, port);
    }
    if (strchr(text, '[') || strchr(text, ']'))
        return SOCK_ERR_BAD_ADDRESS;
    colon = strchr(text, ':');
    if (!colon)
        return copy_host(text, strlen(text), host, host_cap);
    if (strchr(colon + 1, ':')) /* a bare IPv6 literal: no port */
        return copy_host(text, strlen(text), host, host_cap);
    e = copy_host(text, (size_t)(colon - text), host, host_cap);
    if (e != SOCK_OK)
        return e;
    return parse_port(colon + 1, port);
}
