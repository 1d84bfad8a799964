/* sock_addr.c: the platform-free part of the socket layer that needs the
 * socket headers: name resolution and sock_addr as text, ports and raw
 * bytes. BSD sockets and WinSock 2 agree on every name used here; the
 * headers come from sock_os.h, which net/meson.build points at
 * sock_os_posix.h or sock_os_win32.h. */
#include <stdio.h>
#include <string.h>

#include "sock.h"
#include "sock_internal.h"
#include "sock_os.h"

/* Copies the addresses of res into out (up to cap), counting them. For a
 * passive wildcard (every local address) the IPv6 ones come first, since
 * a dual-stack :: also takes IPv4; otherwise resolver order is kept. */
static size_t collect_addresses(const struct addrinfo *res, int wildcard, sock_addr *out,
                                size_t cap)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (const struct addrinfo *ai = res; ai && n < cap; ai = ai->ai_next) {
            if (wildcard ? ((ai->ai_family == AF_INET6) != (pass == 0)) : pass == 1)
                continue;
            if (ai->ai_addrlen > sizeof out[n].u.bytes)
                continue;
            memcpy(out[n].u.bytes, ai->ai_addr, ai->ai_addrlen);
            out[n].len = (uint32_t)ai->ai_addrlen;
            n++;
        }
    }
    return n;
}

sock_err sock_resolve(const char *host, uint16_t port, int passive, sock_addr *out, size_t cap,
                      size_t *count)
{
    struct addrinfo hints, *res = NULL;
    char service[8];
    int rc, wildcard;

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
    wildcard = passive && !host;
    rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) {
        const int system_error = sock_os_gai_system_error(rc);
        if (system_error != 0)
            return sock_fail(system_error);
        sock_note_os_error(rc);
        return rc == EAI_MEMORY ? SOCK_ERR_NO_RESOURCES : SOCK_ERR_NAME;
    }
    *count = collect_addresses(res, wildcard, out, cap);
    freeaddrinfo(res);
    if (*count == 0) {
        sock_note_os_error(EAI_NONAME);
        return SOCK_ERR_NAME;
    }
    return SOCK_OK;
}

/* AF_INET, AF_INET6, or something else (0 for a zeroed sock_addr). */
static int family_of(const sock_addr *a)
{
    return ((const struct sockaddr *)a->u.bytes)->sa_family;
}

void sock_addr_to_string(const sock_addr *a, char *buf, size_t cap)
{
    char host[INET6_ADDRSTRLEN];
    if (cap == 0)
        return;
    if (family_of(a) == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)a->u.bytes;
        if (!inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host))
            snprintf(host, sizeof host, "?");
        if (s6->sin6_scope_id)
            snprintf(buf, cap, "[%s%%%u]:%u", host, (unsigned)s6->sin6_scope_id,
                     (unsigned)ntohs(s6->sin6_port));
        else
            snprintf(buf, cap, "[%s]:%u", host, (unsigned)ntohs(s6->sin6_port));
    } else if (family_of(a) == AF_INET) {
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
    if (family_of(a) == AF_INET6)
        return ntohs(((const struct sockaddr_in6 *)a->u.bytes)->sin6_port);
    if (family_of(a) == AF_INET)
        return ntohs(((const struct sockaddr_in *)a->u.bytes)->sin_port);
    return 0;
}

int sock_addr_is_ipv6(const sock_addr *a)
{
    return family_of(a) == AF_INET6;
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
    if (family_of(a) == AF_INET6)
        ((struct sockaddr_in6 *)a->u.bytes)->sin6_port = htons(port);
    else if (family_of(a) == AF_INET)
        ((struct sockaddr_in *)a->u.bytes)->sin_port = htons(port);
}

int sock_addr_is_loopback(const sock_addr *a)
{
    if (family_of(a) == AF_INET)
        return ((const uint8_t *)&((const struct sockaddr_in *)a->u.bytes)->sin_addr)[0] == 127;
    if (family_of(a) == AF_INET6) {
        static const uint8_t one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return memcmp(&((const struct sockaddr_in6 *)a->u.bytes)->sin6_addr, one, 16) == 0;
    }
    return 0;
}
