/* sock_posix.c: the socket layer over BSD sockets (Linux, BSD, macOS). */
#define _DEFAULT_SOURCE  1 /* IFF_* flags of <net/if.h>, getifaddrs */
#define _DARWIN_C_SOURCE 1
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sock.h"
#include "sock_internal.h"
#include "sock_os_posix.h" /* the socket headers */

static int fd_of(sock_t s)
{
    return (int)s;
}

sock_err sock_startup(void)
{
    /* A send to a closed peer must be an EPIPE error, not a SIGPIPE death. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGPIPE, &sa, NULL) != 0)
        return sock_fail(errno);
    return SOCK_OK;
}

void sock_cleanup(void) {}

void sock_os_strerror(int os_code, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return;
    snprintf(buf, cap, "%s", strerror(os_code));
}

int sock_is_would_block(int os_code)
{
    return os_code == EAGAIN || os_code == EWOULDBLOCK;
}

sock_err sock_err_from_os(int c)
{
    if (c == 0)
        return SOCK_OK;
    if (sock_is_would_block(c))
        return SOCK_ERR_WOULD_BLOCK;
    switch (c) {
    case EINPROGRESS:
        return SOCK_ERR_IN_PROGRESS;
    case ECONNREFUSED:
        return SOCK_ERR_REFUSED;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
        return SOCK_ERR_UNREACHABLE;
    case ETIMEDOUT:
        return SOCK_ERR_TIMED_OUT;
    case ECONNRESET:
    case ECONNABORTED:
    case EPIPE:
        return SOCK_ERR_RESET;
    case EADDRINUSE:
        return SOCK_ERR_ADDR_IN_USE;
    case EADDRNOTAVAIL:
        return SOCK_ERR_ADDR_NOT_AVAIL;
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM:
        return SOCK_ERR_NO_RESOURCES;
    case EINTR:
        return SOCK_ERR_INTERRUPTED;
    case EACCES:
    case EPERM:
        return SOCK_ERR_ACCESS;
    default:
        return SOCK_ERR_OTHER;
    }
}

sock_err sock_set_nonblocking(sock_t s, int on)
{
    int flags = fcntl(fd_of(s), F_GETFL, 0);
    if (flags < 0)
        return sock_fail(errno);
    flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    if (fcntl(fd_of(s), F_SETFL, flags) < 0)
        return sock_fail(errno);
    return SOCK_OK;
}

static sock_err set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD, 0);
    if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0)
        return sock_fail(errno);
    return SOCK_OK;
}

sock_err sock_set_nodelay(sock_t s, int on)
{
    int v = on ? 1 : 0;
    if (setsockopt(fd_of(s), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) != 0)
        return sock_fail(errno);
    return SOCK_OK;
}

/* A new socket of family and type (SOCK_STREAM: TCP, SOCK_DGRAM: UDP),
 * closed in programs this process starts. */
static sock_err new_socket(int family, int type, int *out)
{
    int fd = socket(family, type, type == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP);
    if (fd < 0)
        return sock_fail(errno);
    set_cloexec(fd);
    *out = fd;
    return SOCK_OK;
}

sock_err sock_listen(const sock_addr *addr, int backlog, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    int fd = -1, one = 1, zero = 0;
    sock_err e = new_socket(sa->sa_family, SOCK_STREAM, &fd);
    if (e != SOCK_OK)
        return e;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0)
        return sock_close_failed((sock_t)fd, errno);
    if (sa->sa_family == AF_INET6) /* dual stack where the system allows */
        (void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    if (bind(fd, sa, (socklen_t)addr->len) != 0 || listen(fd, backlog) != 0)
        return sock_close_failed((sock_t)fd, errno);
    return sock_finish_nonblocking((sock_t)fd, out);
}

sock_err sock_local_addr(sock_t s, sock_addr *out)
{
    socklen_t len = sizeof out->u.bytes;
    if (getsockname(fd_of(s), (struct sockaddr *)out->u.bytes, &len) != 0)
        return sock_fail(errno);
    out->len = (uint32_t)len;
    return SOCK_OK;
}

sock_err sock_accept(sock_t listener, sock_t *out, sock_addr *peer)
{
    sock_addr tmp;
    socklen_t len = sizeof tmp.u.bytes;
    int fd = accept(fd_of(listener), (struct sockaddr *)tmp.u.bytes, &len);
    if (fd < 0)
        return sock_fail(errno);
    set_cloexec(fd);
    tmp.len = (uint32_t)len;
    if (peer)
        *peer = tmp;
    *out = (sock_t)fd;
    return SOCK_OK;
}

sock_err sock_connect(const sock_addr *addr, int nonblocking, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    int fd = -1;
    sock_err e = new_socket(sa->sa_family, SOCK_STREAM, &fd);
    if (e != SOCK_OK)
        return e;
    if (nonblocking && (e = sock_set_nonblocking((sock_t)fd, 1)) != SOCK_OK) {
        close(fd);
        return e;
    }
    *out = (sock_t)fd;
    if (connect(fd, sa, (socklen_t)addr->len) == 0)
        return SOCK_OK;
    if (nonblocking && (errno == EINPROGRESS || errno == EAGAIN)) {
        sock_note_os_error(errno);
        return SOCK_ERR_IN_PROGRESS;
    }
    e = sock_fail(errno);
    close(fd);
    *out = SOCK_INVALID;
    return e;
}

sock_err sock_connect_result(sock_t s)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd_of(s), SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return sock_fail(errno);
    return err ? sock_fail(err) : SOCK_OK;
}

/* send, or sendto when `to` is set, retried on EINTR: the count sent or a
 * negative sock_err. */
static long send_retrying(int fd, const void *buf, size_t n, const sock_addr *to)
{
    ssize_t r;
    do
        r = to ? sendto(fd, buf, n, 0, (const struct sockaddr *)to->u.bytes, (socklen_t)to->len)
               : send(fd, buf, n, 0);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return sock_fail(errno);
    return (long)r;
}

/* recv, or recvfrom filling *from when it is set, retried on EINTR: the
 * count received or a negative sock_err (*from untouched). */
static long recv_retrying(int fd, void *buf, size_t n, sock_addr *from)
{
    sock_addr tmp;
    socklen_t len = sizeof tmp.u.bytes;
    ssize_t r;
    do
        r = from ? recvfrom(fd, buf, n, 0, (struct sockaddr *)tmp.u.bytes, &len)
                 : recv(fd, buf, n, 0);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return sock_fail(errno);
    if (from) {
        tmp.len = (uint32_t)len;
        *from = tmp;
    }
    return (long)r;
}

long sock_send(sock_t s, const void *buf, size_t n)
{
    return send_retrying(fd_of(s), buf, n, NULL);
}

long sock_recv(sock_t s, void *buf, size_t n)
{
    return recv_retrying(fd_of(s), buf, n, NULL);
}

sock_err sock_wait(sock_t s, int for_write, int timeout_ms)
{
    struct pollfd p;
    int r;
    p.fd = fd_of(s);
    p.events = for_write ? POLLOUT : POLLIN;
    p.revents = 0;
    do
        r = poll(&p, 1, timeout_ms);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return sock_fail(errno);
    return r == 0 ? SOCK_ERR_TIMED_OUT : SOCK_OK;
}

sock_err sock_shutdown_write(sock_t s)
{
    if (shutdown(fd_of(s), SHUT_WR) != 0)
        return sock_fail(errno);
    return SOCK_OK;
}

void sock_close(sock_t s)
{
    if (s != SOCK_INVALID)
        close(fd_of(s));
}

/* ---- UDP ---- */

sock_err sock_udp_bind(const sock_addr *addr, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    int fd = -1, one = 1;
    sock_err e = new_socket(sa->sa_family, SOCK_DGRAM, &fd);
    if (e != SOCK_OK)
        return e;
    if (sa->sa_family == AF_INET6 &&
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0)
        return sock_close_failed((sock_t)fd, errno);
    if (bind(fd, sa, (socklen_t)addr->len) != 0)
        return sock_close_failed((sock_t)fd, errno);
    return sock_finish_nonblocking((sock_t)fd, out);
}

sock_err sock_set_broadcast(sock_t s, int on)
{
    int v = on ? 1 : 0;
    if (setsockopt(fd_of(s), SOL_SOCKET, SO_BROADCAST, &v, sizeof v) != 0)
        return sock_fail(errno);
    return SOCK_OK;
}

sock_err sock_join_multicast6(sock_t s, const uint8_t group[16], unsigned ifindex)
{
    struct ipv6_mreq m;
    int loop = 1;
    memset(&m, 0, sizeof m);
    memcpy(&m.ipv6mr_multiaddr, group, 16);
    m.ipv6mr_interface = ifindex;
    if (setsockopt(fd_of(s), IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m) != 0)
        return sock_fail(errno);
    (void)setsockopt(fd_of(s), IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop);
    return SOCK_OK;
}

sock_err sock_set_multicast_if6(sock_t s, unsigned ifindex)
{
    if (setsockopt(fd_of(s), IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof ifindex) != 0)
        return sock_fail(errno);
    return SOCK_OK;
}

long sock_sendto(sock_t s, const void *buf, size_t n, const sock_addr *to)
{
    return send_retrying(fd_of(s), buf, n, to);
}

long sock_recvfrom(sock_t s, void *buf, size_t n, sock_addr *from)
{
    return recv_retrying(fd_of(s), buf, n, from);
}

sock_err sock_ipv4_broadcasts(uint16_t port, sock_addr *out, size_t cap, size_t *count)
{
    struct ifaddrs *list, *i;
    size_t n = 0;
    *count = 0;
    if (getifaddrs(&list) != 0)
        return sock_fail(errno);
    for (i = list; i && n < cap; i = i->ifa_next) {
        const unsigned flags = i->ifa_flags;
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(flags & IFF_UP) ||
            !(flags & IFF_BROADCAST) || (flags & IFF_LOOPBACK) || !i->ifa_netmask)
            continue;
        uint8_t a[4], m[4], b[4];
        memcpy(a, &((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr, 4);
        memcpy(m, &((const struct sockaddr_in *)(const void *)i->ifa_netmask)->sin_addr, 4);
        for (int k = 0; k < 4; k++)
            b[k] = (uint8_t)(a[k] | (uint8_t)~m[k]);
        sock_addr_ipv4(&out[n++], b, port);
    }
    freeifaddrs(list);
    *count = n;
    return SOCK_OK;
}

sock_err sock_ipv6_multicast_ifaces(unsigned *out, size_t cap, size_t *count)
{
    struct ifaddrs *list, *i;
    size_t n = 0;
    *count = 0;
    if (getifaddrs(&list) != 0)
        return sock_fail(errno);
    for (i = list; i && n < cap; i = i->ifa_next) {
        const unsigned flags = i->ifa_flags;
        unsigned index;
        int seen = 0;
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET6 || !(flags & IFF_UP) ||
            !(flags & IFF_MULTICAST) || (flags & IFF_LOOPBACK))
            continue;
        index = if_nametoindex(i->ifa_name);
        for (size_t k = 0; k < n; k++)
            seen |= out[k] == index;
        if (index && !seen)
            out[n++] = index;
    }
    freeifaddrs(list);
    *count = n;
    return SOCK_OK;
}

sock_err sock_host_name(char *buf, size_t cap)
{
    if (cap == 0)
        return SOCK_ERR_NO_RESOURCES;
    if (gethostname(buf, cap) != 0)
        return sock_fail(errno);
    buf[cap - 1] = '\0';
    return SOCK_OK;
}
