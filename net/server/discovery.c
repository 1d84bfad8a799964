/* discovery.c: answering LAN discovery probes (see discovery.h). */
#include <stdio.h>
#include <string.h>

#include "discovery.h"
#include "packet.h"

#define MAX_IFACES 32

static int add_socket(server_discovery *d, const sock_addr *a, sock_err *why)
{
    sock_t s;
    sock_err e = sock_udp_bind(a, &s);
    if (e != SOCK_OK) {
        *why = e;
        return -1;
    }
    if (sock_addr_is_ipv6(a)) {
        unsigned ifs[MAX_IFACES];
        size_t n = 0, joined = 0;
        if (sock_ipv6_multicast_ifaces(ifs, MAX_IFACES, &n) != SOCK_OK)
            n = 0;
        for (size_t i = 0; i < n; i++)
            joined += sock_join_multicast6(s, discovery_group6, ifs[i]) == SOCK_OK;
        if (joined == 0) /* no interface listed: let the system pick one */
            (void)sock_join_multicast6(s, discovery_group6, 0);
    }
    d->sock[d->nsock++] = s;
    return 0;
}

int server_discovery_open(server_discovery *d, const char *bind_host, uint16_t port, char *err,
                          size_t cap)
{
    sock_addr addrs[SERVER_DISCOVERY_MAX_SOCKETS];
    size_t n = 0;
    sock_err e, why = SOCK_OK;
    memset(d, 0, sizeof *d);
    d->port = port;
    e = sock_resolve(bind_host, port, 1, addrs, SERVER_DISCOVERY_MAX_SOCKETS, &n);
    if (e != SOCK_OK) {
        snprintf(err, cap, "discovery: cannot resolve %s: %s", bind_host ? bind_host : "*",
                 sock_strerror(e));
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        (void)add_socket(d, &addrs[i], &why);
    if (d->nsock == 0) {
        snprintf(err, cap, "discovery: cannot bind UDP port %u: %s", (unsigned)port,
                 sock_strerror(why));
        return -1;
    }
    return 0;
}

int server_discovery_owns(const server_discovery *d, sock_t s)
{
    for (size_t i = 0; i < d->nsock; i++)
        if (d->sock[i] == s)
            return 1;
    return 0;
}

size_t server_discovery_serve(server_discovery *d, sock_t s, const discovery_reply *reply,
                              size_t budget)
{
    size_t answered = 0;
    for (size_t round = 0; round < budget; round++) {
        /* One byte more than a probe: a longer datagram shows as too long. */
        uint8_t in[DISCOVERY_PROBE_SIZE + 1], out[DISCOVERY_REPLY_SIZE];
        discovery_probe probe;
        discovery_reply r = *reply;
        sock_addr from;
        long n = sock_recvfrom(s, in, sizeof in, &from);
        int len;
        if (n < 0) /* would block, or broken: nothing more to answer now */
            break;
        if (discovery_decode_probe(in, (size_t)n, &probe) != DISCOVERY_OK) {
            d->ignored++;
            continue;
        }
        r.nonce = probe.nonce;
        len = discovery_encode_reply(&r, out, sizeof out);
        if (len > 0 && sock_sendto(s, out, (size_t)len, &from) == len) {
            d->answered++;
            answered++;
        }
    }
    return answered;
}

void server_discovery_name(const char *name, char out[DISCOVERY_NAME_SIZE])
{
    char host[256] = "";
    if (!name || !*name)
        name = sock_host_name(host, sizeof host) == SOCK_OK ? host : "";
    packet_set_string(out, DISCOVERY_NAME_SIZE, name);
    if (!packet_text_field_ok((const uint8_t *)out, DISCOVERY_NAME_SIZE)) {
        /* Keep the printable ASCII of a strange host name. */
        size_t k = 0;
        for (size_t i = 0; i < DISCOVERY_NAME_SIZE && out[i]; i++)
            if ((unsigned char)out[i] >= 0x20 && (unsigned char)out[i] < 0x7F)
                out[k++] = out[i];
        memset(out + k, 0, DISCOVERY_NAME_SIZE - k);
    }
    if (!out[0])
        packet_set_string(out, DISCOVERY_NAME_SIZE, "matchboard");
}

void server_discovery_reply_init(discovery_reply *r, const match_config *cfg, uint16_t tcp_port,
                                 const char name[DISCOVERY_NAME_SIZE])
{
    memset(r, 0, sizeof *r);
    r->protocol = PACKET_VERSION;
    r->tcp_port = tcp_port;
    r->game = (uint8_t)cfg->options.kind;
    r->rule = cfg->options.rule;
    r->width = cfg->options.width;
    r->height = cfg->options.height;
    memcpy(r->name, name, DISCOVERY_NAME_SIZE);
}

void server_discovery_close(server_discovery *d)
{
    for (size_t i = 0; i < d->nsock; i++)
        sock_close(d->sock[i]);
    d->nsock = 0;
}
