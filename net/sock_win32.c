/* sock_win32.c: the socket layer over WinSock 2. */
#include "sock_os_win32.h" /* the socket headers: winsock2.h before windows.h */
#include <windows.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sock.h"
#include "sock_internal.h"

static sock_err fail_wsa(void)
{
    return sock_fail(WSAGetLastError());
}

static SOCKET h(sock_t s)
{
    return (SOCKET)s;
}

sock_err sock_startup(void)
{
    WSADATA data;
    int rc = WSAStartup(MAKEWORD(2, 2), &data);
    if (rc != 0)
        return sock_fail(rc);
    if (LOBYTE(data.wVersion) != 2 || HIBYTE(data.wVersion) != 2) {
        WSACleanup();
        return sock_fail(WSAVERNOTSUPPORTED);
    }
    return SOCK_OK;
}

void sock_cleanup(void)
{
    WSACleanup();
}

void sock_os_strerror(int os_code, char *buf, size_t cap)
{
    DWORD n;
    if (!buf || cap == 0)
        return;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                       (DWORD)os_code, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), buf,
                       (DWORD)(cap > 0x7fffffff ? 0x7fffffff : cap), NULL);
    if (n == 0) {
        snprintf(buf, cap, "WinSock error %d", os_code);
        return;
    }
    while (n > 0 &&
           (buf[n - 1] == '\r' || buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '.'))
        buf[--n] = '\0';
}

int sock_is_would_block(int os_code)
{
    return os_code == WSAEWOULDBLOCK;
}

sock_err sock_err_from_os(int c)
{
    switch (c) {
    case 0:
        return SOCK_OK;
    case WSAEWOULDBLOCK:
        return SOCK_ERR_WOULD_BLOCK;
    case WSAEINPROGRESS:
    case WSAEALREADY:
        return SOCK_ERR_IN_PROGRESS;
    case WSAECONNREFUSED:
        return SOCK_ERR_REFUSED;
    case WSAENETUNREACH:
    case WSAEHOSTUNREACH:
    case WSAENETDOWN:
        return SOCK_ERR_UNREACHABLE;
    case WSAETIMEDOUT:
        return SOCK_ERR_TIMED_OUT;
    case WSAECONNRESET:
    case WSAECONNABORTED:
    case WSAENETRESET:
    case WSAESHUTDOWN:
        return SOCK_ERR_RESET;
    case WSAEADDRINUSE:
        return SOCK_ERR_ADDR_IN_USE;
    case WSAEADDRNOTAVAIL:
        return SOCK_ERR_ADDR_NOT_AVAIL;
    case WSAEMFILE:
    case WSAENOBUFS:
    case WSA_NOT_ENOUGH_MEMORY:
        return SOCK_ERR_NO_RESOURCES;
    case WSAEINTR:
        return SOCK_ERR_INTERRUPTED;
    case WSAEACCES:
        return SOCK_ERR_ACCESS;
    case WSANOTINITIALISED:
        return SOCK_ERR_NOT_INITIALIZED;
    case WSAHOST_NOT_FOUND:
    case WSANO_DATA:
    case WSATRY_AGAIN:
        return SOCK_ERR_NAME;
    default:
        return SOCK_ERR_OTHER;
    }
}

sock_err sock_set_nonblocking(sock_t s, int on)
{
    u_long v = on ? 1 : 0;
    if (ioctlsocket(h(s), FIONBIO, &v) != 0)
        return fail_wsa();
    return SOCK_OK;
}

sock_err sock_set_nodelay(sock_t s, int on)
{
    BOOL v = on ? TRUE : FALSE;
    if (setsockopt(h(s), IPPROTO_TCP, TCP_NODELAY, (const char *)&v, sizeof v) != 0)
        return fail_wsa();
    return SOCK_OK;
}

/* A new socket of family and type (SOCK_STREAM: TCP, SOCK_DGRAM: UDP). Not
 * inheritable: a child process must not keep our sockets open. */
static sock_err new_socket(int family, int type, SOCKET *out)
{
    const int protocol = type == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
    SOCKET s = WSASocketW(family, type, protocol, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET) {
        s = socket(family, type, protocol);
        if (s == INVALID_SOCKET)
            return fail_wsa();
        SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    }
    *out = s;
    return SOCK_OK;
}

sock_err sock_listen(const sock_addr *addr, int backlog, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    SOCKET s = INVALID_SOCKET;
    BOOL one = TRUE;
    DWORD zero = 0;
    sock_err e = new_socket(sa->sa_family, SOCK_STREAM, &s);
    if (e != SOCK_OK)
        return e;
    /* SO_EXCLUSIVEADDRUSE: no other process may steal the port. Windows
     * needs no SO_REUSEADDR to rebind after TIME_WAIT. */
    if (setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&one, sizeof one) != 0)
        return sock_close_failed((sock_t)s, WSAGetLastError());
    if (sa->sa_family == AF_INET6)
        (void)setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&zero, sizeof zero);
    if (bind(s, sa, (int)addr->len) != 0 || listen(s, backlog) != 0)
        return sock_close_failed((sock_t)s, WSAGetLastError());
    return sock_finish_nonblocking((sock_t)s, out);
}

sock_err sock_local_addr(sock_t s, sock_addr *out)
{
    int len = (int)sizeof out->u.bytes;
    if (getsockname(h(s), (struct sockaddr *)out->u.bytes, &len) != 0)
        return fail_wsa();
    out->len = (uint32_t)len;
    return SOCK_OK;
}

sock_err sock_accept(sock_t listener, sock_t *out, sock_addr *peer)
{
    sock_addr tmp;
    int len = (int)sizeof tmp.u.bytes;
    SOCKET s = accept(h(listener), (struct sockaddr *)tmp.u.bytes, &len);
    if (s == INVALID_SOCKET)
        return fail_wsa();
    SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    tmp.len = (uint32_t)len;
    if (peer)
        *peer = tmp;
    *out = (sock_t)s;
    return SOCK_OK;
}

sock_err sock_connect(const sock_addr *addr, int nonblocking, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    SOCKET s = INVALID_SOCKET;
    int code;
    sock_err e = new_socket(sa->sa_family, SOCK_STREAM, &s);
    if (e != SOCK_OK)
        return e;
    if (nonblocking && (e = sock_set_nonblocking((sock_t)s, 1)) != SOCK_OK) {
        closesocket(s);
        return e;
    }
    *out = (sock_t)s;
    if (connect(s, sa, (int)addr->len) == 0)
        return SOCK_OK;
    code = WSAGetLastError();
    if (nonblocking && code == WSAEWOULDBLOCK) {
        sock_note_os_error(code);
        return SOCK_ERR_IN_PROGRESS;
    }
    e = sock_fail(code);
    closesocket(s);
    *out = SOCK_INVALID;
    return e;
}

sock_err sock_connect_result(sock_t s)
{
    int err = 0, len = (int)sizeof err;
    if (getsockopt(h(s), SOL_SOCKET, SO_ERROR, (char *)&err, &len) != 0)
        return fail_wsa();
    return err ? sock_fail(err) : SOCK_OK;
}

long sock_send(sock_t s, const void *buf, size_t n)
{
    int r = send(h(s), (const char *)buf, n > 0x7fffffff ? 0x7fffffff : (int)n, 0);
    if (r == SOCKET_ERROR)
        return fail_wsa();
    return (long)r;
}

long sock_recv(sock_t s, void *buf, size_t n)
{
    int r = recv(h(s), (char *)buf, n > 0x7fffffff ? 0x7fffffff : (int)n, 0);
    if (r == SOCKET_ERROR)
        return fail_wsa();
    return (long)r;
}

sock_err sock_wait(sock_t s, int for_write, int timeout_ms)
{
    WSAPOLLFD p;
    int r;
    p.fd = h(s);
    p.events = for_write ? POLLWRNORM : POLLRDNORM;
    p.revents = 0;
    r = WSAPoll(&p, 1, timeout_ms);
    if (r == SOCKET_ERROR)
        return fail_wsa();
    return r == 0 ? SOCK_ERR_TIMED_OUT : SOCK_OK;
}

sock_err sock_shutdown_write(sock_t s)
{
    if (shutdown(h(s), SD_SEND) != 0)
        return fail_wsa();
    return SOCK_OK;
}

void sock_close(sock_t s)
{
    if (s != SOCK_INVALID)
        closesocket(h(s));
}

/* ---- UDP ---- */

#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif

sock_err sock_udp_bind(const sock_addr *addr, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    SOCKET s = INVALID_SOCKET;
    DWORD one = 1, got = 0;
    BOOL off = FALSE;
    sock_err e = new_socket(sa->sa_family, SOCK_DGRAM, &s);
    if (e != SOCK_OK)
        return e;
    /* A reply to a vanished client must not fail the next recvfrom with
     * WSAECONNRESET. */
    (void)WSAIoctl(s, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &got, NULL, NULL);
    if (sa->sa_family == AF_INET6 &&
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&one, sizeof one) != 0)
        return sock_close_failed((sock_t)s, WSAGetLastError());
    if (bind(s, sa, (int)addr->len) != 0)
        return sock_close_failed((sock_t)s, WSAGetLastError());
    return sock_finish_nonblocking((sock_t)s, out);
}

sock_err sock_set_broadcast(sock_t s, int on)
{
    BOOL v = on ? TRUE : FALSE;
    if (setsockopt(h(s), SOL_SOCKET, SO_BROADCAST, (const char *)&v, sizeof v) != 0)
        return fail_wsa();
    return SOCK_OK;
}

sock_err sock_join_multicast6(sock_t s, const uint8_t group[16], unsigned ifindex)
{
    struct ipv6_mreq m;
    DWORD loop = 1;
    memset(&m, 0, sizeof m);
    memcpy(&m.ipv6mr_multiaddr, group, 16);
    m.ipv6mr_interface = ifindex;
    if (setsockopt(h(s), IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, (const char *)&m, sizeof m) != 0)
        return fail_wsa();
    (void)setsockopt(h(s), IPPROTO_IPV6, IPV6_MULTICAST_LOOP, (const char *)&loop, sizeof loop);
    return SOCK_OK;
}

sock_err sock_set_multicast_if6(sock_t s, unsigned ifindex)
{
    DWORD v = ifindex;
    if (setsockopt(h(s), IPPROTO_IPV6, IPV6_MULTICAST_IF, (const char *)&v, sizeof v) != 0)
        return fail_wsa();
    return SOCK_OK;
}

long sock_sendto(sock_t s, const void *buf, size_t n, const sock_addr *to)
{
    int r = sendto(h(s), (const char *)buf, n > 0x7fffffff ? 0x7fffffff : (int)n, 0,
                   (const struct sockaddr *)to->u.bytes, (int)to->len);
    if (r == SOCKET_ERROR)
        return fail_wsa();
    return (long)r;
}

long sock_recvfrom(sock_t s, void *buf, size_t n, sock_addr *from)
{
    sock_addr tmp;
    int len = (int)sizeof tmp.u.bytes, cap = n > 0x7fffffff ? 0x7fffffff : (int)n;
    int r = recvfrom(h(s), (char *)buf, cap, 0, (struct sockaddr *)tmp.u.bytes, &len);
    if (r == SOCKET_ERROR) {
        int code = WSAGetLastError();
        if (code != WSAEMSGSIZE) /* cut to n bytes, as POSIX does */
            return sock_fail(code);
        r = cap;
    }
    tmp.len = (uint32_t)len;
    if (from)
        *from = tmp;
    return (long)r;
}

/* GetAdaptersAddresses for one family into a malloc'd list (free it). */
static sock_err adapters(ULONG family, IP_ADAPTER_ADDRESSES **out)
{
    ULONG size = 16 * 1024, rc = ERROR_BUFFER_OVERFLOW;
    const ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER |
                        GAA_FLAG_SKIP_FRIENDLY_NAME;
    *out = NULL;
    for (int tries = 0; tries < 4 && rc == ERROR_BUFFER_OVERFLOW; tries++) {
        free(*out);
        *out = malloc(size);
        if (!*out)
            return SOCK_ERR_NO_RESOURCES;
        rc = GetAdaptersAddresses(family, flags, NULL, *out, &size);
    }
    if (rc == ERROR_NO_DATA) {
        free(*out);
        *out = NULL;
        return SOCK_OK;
    }
    if (rc != NO_ERROR) {
        free(*out);
        *out = NULL;
        return sock_fail((int)rc);
    }
    return SOCK_OK;
}

static int adapter_usable(const IP_ADAPTER_ADDRESSES *a)
{
    return a->OperStatus == IfOperStatusUp && a->IfType != IF_TYPE_SOFTWARE_LOOPBACK;
}

sock_err sock_ipv4_broadcasts(uint16_t port, sock_addr *out, size_t cap, size_t *count)
{
    IP_ADAPTER_ADDRESSES *list, *a;
    size_t n = 0;
    sock_err e = adapters(AF_INET, &list);
    *count = 0;
    if (e != SOCK_OK)
        return e;
    for (a = list; a && n < cap; a = a->Next) {
        IP_ADAPTER_UNICAST_ADDRESS *u;
        if (!adapter_usable(a) || a->IfType == IF_TYPE_PPP || a->IfType == IF_TYPE_TUNNEL)
            continue;
        for (u = a->FirstUnicastAddress; u && n < cap; u = u->Next) {
            const struct sockaddr *sa = u->Address.lpSockaddr;
            uint8_t ip[4];
            uint32_t host_bits;
            if (!sa || sa->sa_family != AF_INET || u->OnLinkPrefixLength >= 31)
                continue;
            memcpy(ip, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
            host_bits = 0xFFFFFFFFu >> u->OnLinkPrefixLength;
            for (int k = 0; k < 4; k++)
                ip[k] = (uint8_t)(ip[k] | (uint8_t)(host_bits >> (8 * (3 - k))));
            sock_addr_ipv4(&out[n++], ip, port);
        }
    }
    free(list);
    *count = n;
    return SOCK_OK;
}

sock_err sock_ipv6_multicast_ifaces(unsigned *out, size_t cap, size_t *count)
{
    IP_ADAPTER_ADDRESSES *list, *a;
    size_t n = 0;
    sock_err e = adapters(AF_INET6, &list);
    *count = 0;
    if (e != SOCK_OK)
        return e;
    for (a = list; a && n < cap; a = a->Next)
        if (adapter_usable(a) && !(a->Flags & IP_ADAPTER_NO_MULTICAST) && a->Ipv6IfIndex &&
            a->FirstUnicastAddress)
            out[n++] = (unsigned)a->Ipv6IfIndex;
    free(list);
    *count = n;
    return SOCK_OK;
}

sock_err sock_host_name(char *buf, size_t cap)
{
    if (cap == 0)
        return SOCK_ERR_NO_RESOURCES;
    if (gethostname(buf, cap > 0x7fffffff ? 0x7fffffff : (int)cap) != 0)
        return fail_wsa();
    buf[cap - 1] = '\0';
    return SOCK_OK;
}
