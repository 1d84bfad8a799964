/* discovery_browse.c: probes out, replies in (see discovery_browse.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "discovery_browse.h"

#define MAX_TARGETS 32

struct discovery_browser {
    sock_t v4, v6;
    uint32_t nonce;
    discovery_server list[DISCOVERY_MAX_SERVERS];
    size_t count;
};

static sock_t open_one(int ipv6)
{
    static const uint8_t any[16];
    sock_addr a;
    sock_t s;
    if (ipv6)
        sock_addr_ipv6(&a, any, 0, 0);
    else
        sock_addr_ipv4(&a, any, 0);
    if (sock_udp_bind(&a, &s) != SOCK_OK)
        return SOCK_INVALID;
    if (!ipv6)
        (void)sock_set_broadcast(s, 1);
    return s;
}

sock_err discovery_browser_open(discovery_browser **out)
{
    discovery_browser *b = calloc(1, sizeof *b);
    if (!b)
        return SOCK_ERR_NO_RESOURCES;
    b->v4 = open_one(0);
    b->v6 = open_one(1);
    if (b->v4 == SOCK_INVALID && b->v6 == SOCK_INVALID) {
        sock_err e = sock_err_from_os(sock_last_os_error());
        free(b);
        return e != SOCK_OK ? e : SOCK_ERR_OTHER;
    }
    /* Not a secret: it only tells this browser's replies from strays. */
    b->nonce = (uint32_t)time(NULL) * 2654435761u ^ (uint32_t)(uintptr_t)b ^ (uint32_t)clock();
    *out = b;
    return SOCK_OK;
}

void discovery_browser_close(discovery_browser *b)
{
    if (!b)
        return;
    sock_close(b->v4);
    sock_close(b->v6);
    free(b);
}

/* Sends the probe to one target; reports it. 1 when sent. */
static int send_probe(discovery_browser *b, const sock_addr *to, unsigned ifindex,
                      discovery_target_fn on_target, void *ctx)
{
    uint8_t buf[DISCOVERY_PROBE_SIZE];
    discovery_probe p = {b->nonce};
    sock_t s = sock_addr_is_ipv6(to) ? b->v6 : b->v4;
    sock_err e = SOCK_ERR_ADDR_NOT_AVAIL;
    int n = discovery_encode_probe(&p, buf, sizeof buf);
    if (s != SOCK_INVALID) {
        long r;
        if (ifindex)
            (void)sock_set_multicast_if6(s, ifindex);
        r = sock_sendto(s, buf, (size_t)n, to);
        e = r == n ? SOCK_OK : r < 0 ? (sock_err)r : SOCK_ERR_OTHER;
    }
    if (on_target)
        on_target(ctx, to, e);
    return e == SOCK_OK;
}

long discovery_browser_probe(discovery_browser *b, const char *only, uint16_t port,
                             discovery_target_fn on_target, void *ctx)
{
    sock_addr targets[MAX_TARGETS];
    unsigned ifs[MAX_TARGETS];
    size_t n = 0, nifs = 0;
    long sent = 0;
    sock_err e;
    if (only) {
        char host[SOCK_HOST_MAX];
        uint16_t p;
        if ((e = sock_parse_hostport(only, port, host, sizeof host, &p)) != SOCK_OK ||
            (e = sock_resolve(host, p, 0, targets, MAX_TARGETS, &n)) != SOCK_OK)
            return e;
        for (size_t i = 0; i < n; i++)
            sent += send_probe(b, &targets[i], 0, on_target, ctx);
        return sent > 0 ? sent : SOCK_ERR_UNREACHABLE;
    }
    {
        static const uint8_t all[4] = {255, 255, 255, 255};
        sock_addr_ipv4(&targets[0], all, port);
        n = 1;
    }
    if (sock_ipv4_broadcasts(port, targets + 1, MAX_TARGETS - 1, &nifs) == SOCK_OK)
        n += nifs;
    for (size_t i = 0; i < n; i++)
        sent += send_probe(b, &targets[i], 0, on_target, ctx);
    if (sock_ipv6_multicast_ifaces(ifs, MAX_TARGETS, &nifs) != SOCK_OK)
        nifs = 0;
    for (size_t i = 0; i < nifs; i++) {
        sock_addr to;
        sock_addr_ipv6(&to, discovery_group6, port, ifs[i]);
        sent += send_probe(b, &to, ifs[i], on_target, ctx);
    }
    return sent > 0 ? sent : SOCK_ERR_UNREACHABLE;
}

/* Files one reply; returns its index, and whether it is new. */
static int file_reply(discovery_browser *b, const sock_addr *from, const discovery_reply *r,
                      uint64_t now, int *is_new)
{
    char key[SOCK_ADDR_TEXT_MAX];
    discovery_server *s;
    size_t i;
    sock_addr_to_string(from, key, sizeof key);
    *is_new = 0;
    for (i = 0; i < b->count; i++) {
        char other[SOCK_ADDR_TEXT_MAX];
        sock_addr_to_string(&b->list[i].from, other, sizeof other);
        if (strcmp(key, other) == 0)
            break;
    }
    if (i == b->count) {
        if (b->count == DISCOVERY_MAX_SERVERS)
            return -1;
        b->count++;
        *is_new = 1;
    }
    s = &b->list[i];
    s->from = *from;
    s->reply = *r;
    s->heard_ms = now;
    {
        sock_addr connect_to = *from;
        sock_addr_set_port(&connect_to, r->tcp_port);
        sock_addr_to_string(&connect_to, s->address, sizeof s->address);
    }
    return (int)i;
}

static void drain(discovery_browser *b, sock_t s, uint64_t now, int *first_new, int *changed)
{
    for (int round = 0; s != SOCK_INVALID && round < 256; round++) {
        uint8_t buf[DISCOVERY_REPLY_SIZE + 1];
        discovery_reply r;
        sock_addr from;
        int is_new, at;
        long n = sock_recvfrom(s, buf, sizeof buf, &from);
        if (n < 0)
            return;
        if (discovery_decode_reply(buf, (size_t)n, &r) != DISCOVERY_OK || r.nonce != b->nonce)
            continue;
        at = file_reply(b, &from, &r, now, &is_new);
        if (at < 0)
            continue;
        *changed = 1;
        if (is_new && *first_new < 0)
            *first_new = at;
    }
}

int discovery_browser_poll(discovery_browser *b, uint64_t now_ms, int *changed)
{
    int first_new = -1, any = 0;
    drain(b, b->v4, now_ms, &first_new, &any);
    drain(b, b->v6, now_ms, &first_new, &any);
    if (changed)
        *changed = any;
    return first_new;
}

void discovery_browser_wait(discovery_browser *b, int timeout_ms)
{
    /* Two sockets, one portable wait each: share the time in slices. */
    enum { SLICE_MS = 20 };
    for (int waited = 0; waited < timeout_ms; waited += SLICE_MS) {
        int t = timeout_ms - waited < SLICE_MS ? timeout_ms - waited : SLICE_MS;
        if (b->v6 != SOCK_INVALID && sock_wait(b->v6, 0, b->v4 == SOCK_INVALID ? t : 0) == SOCK_OK)
            return;
        if (b->v4 != SOCK_INVALID && sock_wait(b->v4, 0, t) == SOCK_OK)
            return;
    }
}

int discovery_browser_expire(discovery_browser *b, uint64_t now_ms, uint64_t max_age_ms)
{
    size_t k = 0;
    int gone = 0;
    for (size_t i = 0; i < b->count; i++) {
        if (now_ms - b->list[i].heard_ms > max_age_ms) {
            gone = 1;
            continue;
        }
        b->list[k++] = b->list[i];
    }
    b->count = k;
    return gone;
}

const discovery_server *discovery_browser_list(const discovery_browser *b, size_t *count)
{
    *count = b->count;
    return b->list;
}

static int same_server(const discovery_server *x, const discovery_server *y)
{
    return x->reply.tcp_port == y->reply.tcp_port && x->reply.game == y->reply.game &&
           x->reply.rule == y->reply.rule && strcmp(x->reply.name, y->reply.name) == 0;
}

size_t discovery_browser_unique(const discovery_browser *b, const discovery_server **out,
                                size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < b->count && n < cap; i++) {
        const discovery_server *s = &b->list[i];
        int dup = 0;
        for (size_t k = 0; k < b->count && !dup; k++)
            dup = k != i && same_server(s, &b->list[k]) &&
                  (sock_addr_is_ipv6(&s->from) ? !sock_addr_is_ipv6(&b->list[k].from) : 0);
        for (size_t k = 0; k < n && !dup; k++) /* the same family twice: the first */
            dup = same_server(s, out[k]) &&
                  sock_addr_is_ipv6(&s->from) == sock_addr_is_ipv6(&out[k]->from);
        if (!dup)
            out[n++] = s;
    }
    return n;
}

void discovery_server_describe(const discovery_server *s, char *buf, size_t cap)
{
    char game[48];
    const discovery_reply *r = &s->reply;
    discovery_describe_game(r, game, sizeof game);
    snprintf(buf, cap, "%s at %s: %s, %lu waiting, %lu %s, %lu %s", r->name, s->address, game,
             (unsigned long)r->waiting, (unsigned long)r->matches,
             r->matches == 1 ? "match" : "matches", (unsigned long)r->spectators,
             r->spectators == 1 ? "spectator" : "spectators");
}
