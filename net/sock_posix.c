/* sock_posix.c: the socket layer over BSD sockets (Linux, BSD, macOS). */
#define _DEFAULT_SOURCE 1 /* IFF_* flags of <net/if.h>, getifaddrs */
#define _DARWIN_C_SOURCE 1
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "sock.h"

static _Thread_local int last_os_error;

static sock_err fail(int code)
{
    last_os_error = code;
    return sock_err_from_os(code);
}

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
        return fail(errno);
    return SOCK_OK;
}

void sock_cleanup(void)
{
}

int sock_last_os_error(void)
{
    return last_os_error;
}

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

sock_err sock_resolve(const char *host, uint16_t port, int passive, sock_addr *out, size_t cap,
                      size_t *count)
{
    struct addrinfo hints, *res = NULL, *ai;
    char service[8];
    size_t n = 0;
    int rc;

    *count = 0;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
    snprintf(service, sizeof service, "%u", (unsigned)port);
    if (host && host[0] == '\0')
        host = NULL;
    if (!host && !passive)
        host = "localhost";
    rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) {
        if (rc == EAI_SYSTEM)
            return fail(errno);
        last_os_error = rc;
        return rc == EAI_MEMORY ? SOCK_ERR_NO_RESOURCES : SOCK_ERR_NAME;
    }
    /* Passive wildcard: IPv6 first, since a dual-stack :: also takes IPv4. */
    for (int pass = 0; pass < 2; pass++) {
        for (ai = res; ai && n < cap; ai = ai->ai_next) {
            int want6 = passive && !host ? pass == 0 : 1;
            if (passive && !host && (ai->ai_family == AF_INET6) != want6)
                continue;
            if (!(passive && !host) && pass == 1)
                continue;
            if (ai->ai_addrlen > sizeof out[n].u.bytes)
                continue;
            memcpy(out[n].u.bytes, ai->ai_addr, ai->ai_addrlen);
            out[n].len = (uint32_t)ai->ai_addrlen;
            n++;
        }
    }
    freeaddrinfo(res);
    *count = n;
    if (n == 0) {
        last_os_error = EAI_NONAME;
        return SOCK_ERR_NAME;
    }
    return SOCK_OK;
}

void sock_addr_to_string(const sock_addr *a, char *buf, size_t cap)
{
    char host[INET6_ADDRSTRLEN];
    const struct sockaddr *sa = (const struct sockaddr *)a->u.bytes;
    if (cap == 0)
        return;
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)a->u.bytes;
        if (!inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host))
            snprintf(host, sizeof host, "?");
        if (s6->sin6_scope_id)
            snprintf(buf, cap, "[%s%%%u]:%u", host, (unsigned)s6->sin6_scope_id,
                     (unsigned)ntohs(s6->sin6_port));
        else
            snprintf(buf, cap, "[%s]:%u", host, (unsigned)ntohs(s6->sin6_port));
    } else if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)a->u.bytes;
        if (!inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host))
            snprintf(host, sizeof host, "?");
        snprintf(buf, cap, "%s:%u", host, (unsigned)ntohs(s4->sin_port));
    } else {
        snprintf(buf, cap, "(unknown address)");
    }
}

uint16_t sock_addr_port(const sock_addr *a)
{
    const struct sockaddr *sa = (const struct sockaddr *)a->u.bytes;
    if (sa->sa_family == AF_INET6)
        return ntohs(((const struct sockaddr_in6 *)a->u.bytes)->sin6_port);
    if (sa->sa_family == AF_INET)
        return ntohs(((const struct sockaddr_in *)a->u.bytes)->sin_port);
    return 0;
}

int sock_addr_is_ipv6(const sock_addr *a)
{
    return ((const struct sockaddr *)a->u.bytes)->sa_family == AF_INET6;
}

sock_err sock_set_nonblocking(sock_t s, int on)
{
    int flags = fcntl(fd_of(s), F_GETFL, 0);
    if (flags < 0)
        return fail(errno);
    flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    if (fcntl(fd_of(s), F_SETFL, flags) < 0)
        return fail(errno);
    return SOCK_OK;
}

static sock_err set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD, 0);
    if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0)
        return fail(errno);
    return SOCK_OK;
}

sock_err sock_set_nodelay(sock_t s, int on)
{
    int v = on ? 1 : 0;
    if (setsockopt(fd_of(s), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) != 0)
        return fail(errno);
    return SOCK_OK;
}

static sock_err new_socket(int family, int *out)
{
    int fd = socket(family, SOCK_STREAM, IPPROTO_TCP);
    if (fd < 0)
        return fail(errno);
    set_cloexec(fd);
    *out = fd;
    return SOCK_OK;
}

sock_err sock_listen(const sock_addr *addr, int backlog, sock_t *out)
{
    const struct sockaddr *sa = (const struct sockaddr *)addr->u.bytes;
    int fd = -1, one = 1, zero = 0;
    sock_err e = new_socket(sa->sa_family, &fd);
    if (e != SOCK_OK)
        return e;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0)
        goto fail_errno;
    if (sa->sa_family == AF_INET6) /* dual stack where the system allows */
        (void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    if (bind(fd, sa, (socklen_t)addr->len) != 0 || listen(fd, backlog) != 0)
        goto fail_errno;
    if ((e = sock_set_nonblocking((sock_t)fd, 1)) != SOCK_OK) {
        close(fd);
        return e;
    }
    *out = (sock_t)fd;
    return SOCK_OK;
fail_errno:
    e = fail(errno);
    close(fd);
    return e;
}

sock_err sock_local_addr(sock_t s, sock_addr *out)
{
    socklen_t len = sizeof out->u.bytes;
    if (getsockname(fd_of(s), (struct sockaddr *)out->u.bytes, &len) != 0)
        return fail(errno);
    out->len = (uint32_t)len;
    return SOCK_OK;
}

sock_err sock_accept(sock_t listener, sock_t *out, sock_addr *peer)
{
    sock_addr tmp;
    socklen_t len = sizeof tmp.u.bytes;
    int fd = accept(fd_of(listener), (struct sockaddr *)tmp.u.bytes, &len);
    if (fd < 0)
        return fail(errno);
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
    sock_err e = new_socket(sa->sa_family, &fd);
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
        last_os_error = errno;
        return SOCK_ERR_IN_PROGRESS;
    }
    e = fail(errno);
    close(fd);
    *out = SOCK_INVALID;
    return e;
}

sock_err sock_connect_result(sock_t s)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd_of(s), SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return fail(errno);
    return err ? fail(err) : SOCK_OK;
}

long sock_send(sock_t s, const void *buf, size_t n)
{
    ssize_t r;
    do
        r = send(fd_of(s), buf, n, 0);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(errno);
    return (long)r;
}

long sock_recv(sock_t s, void *buf, size_t n)
{
    ssize_t r;
    do
        r = recv(fd_of(s), buf, n, 0);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(errno);
    return (long)r;
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
        return fail(errno);
    return r == 0 ? SOCK_ERR_TIMED_OUT : SOCK_OK;
}

sock_err sock_shutdown_write(sock_t s)
{
    if (shutdown(fd_of(s), SHUT_WR) != 0)
        return fail(errno);
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
    int fd = socket(sa->sa_family, SOCK_DGRAM, IPPROTO_UDP), one = 1;
    sock_err e;
    if (fd < 0)
        return fail(errno);
    set_cloexec(fd);
    if (sa->sa_family == AF_INET6 &&
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0)
        goto fail_errno;
    if (bind(fd, sa, (socklen_t)addr->len) != 0)
        goto fail_errno;
    if ((e = sock_set_nonblocking((sock_t)fd, 1)) != SOCK_OK) {
        close(fd);
        return e;
    }
    *out = (sock_t)fd;
    return SOCK_OK;
fail_errno:
    e = fail(errno);
    close(fd);
    return e;
}

sock_err sock_set_broadcast(sock_t s, int on)
{
    int v = on ? 1 : 0;
    if (setsockopt(fd_of(s), SOL_SOCKET, SO_BROADCAST, &v, sizeof v) != 0)
        return fail(errno);
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
        return fail(errno);
    (void)setsockopt(fd_of(s), IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop);
    return SOCK_OK;
}

sock_err sock_set_multicast_if6(sock_t s, unsigned ifindex)
{
    if (setsockopt(fd_of(s), IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof ifindex) != 0)
        return fail(errno);
    return SOCK_OK;
}

long sock_sendto(sock_t s, const void *buf, size_t n, const sock_addr *to)
{
    ssize_t r;
    do
        r = sendto(fd_of(s), buf, n, 0, (const struct sockaddr *)to->u.bytes, (socklen_t)to->len);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(errno);
    return (long)r;
}

long sock_recvfrom(sock_t s, void *buf, size_t n, sock_addr *from)
{
    sock_addr tmp;
    socklen_t len = sizeof tmp.u.bytes;
    ssize_t r;
    do
        r = recvfrom(fd_of(s), buf, n, 0, (struct sockaddr *)tmp.u.bytes, &len);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(errno);
    tmp.len = (uint32_t)len;
    if (from)
        *from = tmp;
    return (long)r;
}

void sock_addr_ipv4(sock_addr *out, const uint8_t ip[4], uint16_t port)
{
    struct sockaddr_in sin;
    memset(out, 0, sizeof *out);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    memcpy(&sin.sin_addr, ip, 4);
    memcpy(out->u.bytes, &sin, sizeof sin);
    out->len = (uint32_t)sizeof sin;
}

void sock_addr_ipv6(sock_addr *out, const uint8_t ip[16], uint16_t port, unsigned scope)
{
    struct sockaddr_in6 sin6;
    memset(out, 0, sizeof *out);
    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(port);
    sin6.sin6_scope_id = scope;
    memcpy(&sin6.sin6_addr, ip, 16);
    memcpy(out->u.bytes, &sin6, sizeof sin6);
    out->len = (uint32_t)sizeof sin6;
}

void sock_addr_set_port(sock_addr *a, uint16_t port)
{
    struct sockaddr *sa = (struct sockaddr *)a->u.bytes;
    if (sa->sa_family == AF_INET6)
        ((struct sockaddr_in6 *)a->u.bytes)->sin6_port = htons(port);
    else if (sa->sa_family == AF_INET)
        ((struct sockaddr_in *)a->u.bytes)->sin_port = htons(port);
}

int sock_addr_is_loopback(const sock_addr *a)
{
    const struct sockaddr *sa = (const struct sockaddr *)a->u.bytes;
    if (sa->sa_family == AF_INET)
        return ((const uint8_t *)&((const struct sockaddr_in *)a->u.bytes)->sin_addr)[0] == 127;
    if (sa->sa_family == AF_INET6) {
        static const uint8_t one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return memcmp(&((const struct sockaddr_in6 *)a->u.bytes)->sin6_addr, one, 16) == 0;
    }
    return 0;
}

sock_err sock_ipv4_broadcasts(uint16_t port, sock_addr *out, size_t cap, size_t *count)
{
    struct ifaddrs *list, *i;
    size_t n = 0;
    *count = 0;
    if (getifaddrs(&list) != 0)
        return fail(errno);
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
        return fail(errno);
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

uint64_t sock_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

sock_err sock_host_name(char *buf, size_t cap)
{
    if (cap == 0)
        return SOCK_ERR_NO_RESOURCES;
    if (gethostname(buf, cap) != 0)
        return fail(errno);
    buf[cap - 1] = '\0';
    return SOCK_OK;
}
