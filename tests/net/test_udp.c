/* test_udp.c: the UDP part of the socket layer: datagrams on loopback
 * (IPv4 and, where the system has it, IPv6), truncation, the broadcast
 * option, addresses built from bytes, interface enumeration, the clock.
 * Nothing is sent anywhere but to loopback. */
#include <string.h>

#include "mono_clock.h"
#include "sock.h"
#include "tap.h"

static const uint8_t lo4[4] = {127, 0, 0, 1};
static const uint8_t lo6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

/* A datagram both ways between two sockets bound to loopback. */
static void round_trip(const sock_addr *bind_at, const char *family)
{
    sock_t a, b;
    sock_addr la, lb, from;
    uint8_t buf[64];
    long n;
    char want[SOCK_ADDR_TEXT_MAX], got[SOCK_ADDR_TEXT_MAX];
    TAP_INT_EQ(sock_udp_bind(bind_at, &a), SOCK_OK, "%s: UDP socket binds to loopback", family);
    TAP_INT_EQ(sock_udp_bind(bind_at, &b), SOCK_OK, "%s: a second one too", family);
    sock_local_addr(a, &la);
    sock_local_addr(b, &lb);
    TAP_OK(sock_addr_port(&la) != 0 && sock_addr_port(&la) != sock_addr_port(&lb),
           "%s: port 0 took two free ports", family);
    TAP_INT_EQ(sock_recvfrom(a, buf, sizeof buf, &from), SOCK_ERR_WOULD_BLOCK,
               "%s: nothing waiting: would block (non-blocking)", family);
    TAP_INT_EQ(sock_sendto(b, "hello", 5, &la), 5, "%s: sendto sends 5 bytes", family);
    TAP_INT_EQ(sock_wait(a, 0, 2000), SOCK_OK, "%s: the datagram arrives", family);
    memset(buf, 0, sizeof buf);
    n = sock_recvfrom(a, buf, sizeof buf, &from);
    TAP_INT_EQ(n, 5, "%s: recvfrom gives the whole datagram", family);
    TAP_OK(memcmp(buf, "hello", 5) == 0, "%s: the same bytes", family);
    sock_addr_to_string(&from, got, sizeof got);
    sock_addr_to_string(&lb, want, sizeof want);
    TAP_STR_EQ(got, want, "%s: the sender's address is reported", family);
    TAP_INT_EQ(sock_sendto(a, "back", 4, &from), 4, "%s: answering the sender works", family);
    TAP_INT_EQ(sock_wait(b, 0, 2000), SOCK_OK, "%s: the answer arrives", family);
    TAP_INT_EQ(sock_recvfrom(b, buf, sizeof buf, NULL), 4, "%s: from may be NULL", family);

    /* A datagram longer than the buffer comes cut to the buffer. */
    memset(buf, 'x', sizeof buf);
    sock_sendto(b, buf, 40, &la);
    sock_wait(a, 0, 2000);
    TAP_INT_EQ(sock_recvfrom(a, buf, 10, NULL), 10, "%s: a long datagram is cut to n bytes",
               family);
    TAP_INT_EQ(sock_recvfrom(a, buf, sizeof buf, NULL), SOCK_ERR_WOULD_BLOCK,
               "%s: and its rest is gone (one datagram, one read)", family);
    sock_close(a);
    sock_close(b);
}

static void test_loopback(void)
{
    sock_addr a;
    sock_t s;
    sock_addr_ipv4(&a, lo4, 0);
    round_trip(&a, "IPv4");
    sock_addr_ipv6(&a, lo6, 0, 0);
    if (sock_udp_bind(&a, &s) != SOCK_OK) {
        tap_diag("no IPv6 loopback here: IPv6 datagrams not tested");
        return;
    }
    sock_close(s);
    round_trip(&a, "IPv6");
}

static void test_same_port_both_families(void)
{
    static const uint8_t any4[4], any6[16];
    sock_addr a4, a6, l;
    sock_t s4, s6;
    sock_addr_ipv4(&a4, any4, 0);
    TAP_INT_EQ(sock_udp_bind(&a4, &s4), SOCK_OK, "a UDP socket binds 0.0.0.0");
    sock_local_addr(s4, &l);
    sock_addr_ipv6(&a6, any6, sock_addr_port(&l), 0);
    if (sock_udp_bind(&a6, &s6) == SOCK_OK) {
        TAP_OK(1, "[::] binds the same port: IPv6 sockets are IPv6-only");
        sock_close(s6);
    } else {
        tap_diag("no IPv6 here: the shared port is not tested");
    }
    TAP_INT_EQ(sock_set_broadcast(s4, 1), SOCK_OK, "SO_BROADCAST can be set");
    TAP_INT_EQ(sock_set_broadcast(s4, 0), SOCK_OK, "and cleared");
    sock_close(s4);
}

static void test_addresses(void)
{
    static const uint8_t ll[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    sock_addr a, r[4];
    char text[SOCK_ADDR_TEXT_MAX];
    size_t n = 0;
    sock_addr_ipv4(&a, (const uint8_t[4]){192, 168, 1, 255}, 7777);
    sock_addr_to_string(&a, text, sizeof text);
    TAP_STR_EQ(text, "192.168.1.255:7777", "IPv4 address from bytes");
    TAP_OK(!sock_addr_is_ipv6(&a) && !sock_addr_is_loopback(&a), "it is IPv4, not loopback");
    sock_addr_set_port(&a, 80);
    TAP_INT_EQ(sock_addr_port(&a), 80, "set_port");
    sock_addr_ipv6(&a, ll, 7777, 3);
    sock_addr_to_string(&a, text, sizeof text);
    TAP_STR_EQ(text, "[fe80::1%3]:7777", "a scoped IPv6 address shows its interface index");
    TAP_INT_EQ(sock_resolve("fe80::1%3", 7777, 0, r, 4, &n), SOCK_OK,
               "and its host part resolves back");
    if (n > 0) {
        sock_addr_to_string(&r[0], text, sizeof text);
        TAP_STR_EQ(text, "[fe80::1%3]:7777", "with the same scope");
    }
    sock_addr_ipv4(&a, lo4, 1);
    TAP_OK(sock_addr_is_loopback(&a), "127.0.0.1 is loopback");
    sock_addr_ipv6(&a, lo6, 1, 0);
    TAP_OK(sock_addr_is_loopback(&a), "::1 is loopback");
}

static void test_interfaces(void)
{
    sock_addr b[32];
    unsigned ifs[32];
    size_t n = 0, m = 0;
    int ok = 1;
    char name[256];
    TAP_INT_EQ(sock_ipv4_broadcasts(7777, b, 32, &n), SOCK_OK, "IPv4 broadcasts enumerate");
    for (size_t i = 0; i < n; i++) {
        char text[SOCK_ADDR_TEXT_MAX];
        sock_addr_to_string(&b[i], text, sizeof text);
        tap_diag("directed broadcast: %s", text);
        ok &= !sock_addr_is_ipv6(&b[i]) && !sock_addr_is_loopback(&b[i]) &&
              sock_addr_port(&b[i]) == 7777;
    }
    TAP_OK(ok, "each is an IPv4 address with the port, none loopback (%zu found)", n);
    TAP_INT_EQ(sock_ipv6_multicast_ifaces(ifs, 32, &m), SOCK_OK,
               "IPv6 multicast interfaces enumerate (%zu found)", m);
    ok = 1;
    for (size_t i = 0; i < m; i++)
        ok &= ifs[i] != 0;
    TAP_OK(ok, "every interface index is nonzero");
    TAP_INT_EQ(sock_host_name(name, sizeof name), SOCK_OK, "the host name is known");
    TAP_OK(name[0] != '\0', "and not empty (%s)", name);
}

static void test_clock(void)
{
    uint64_t a = mb_now_ms(), b;
    sock_t s;
    sock_addr at;
    sock_addr_ipv4(&at, lo4, 0);
    sock_udp_bind(&at, &s);
    sock_wait(s, 0, 60); /* nothing comes: a 60 ms wait */
    b = mb_now_ms();
    sock_close(s);
    TAP_OK(b >= a + 50 && b < a + 5000, "the clock moved %llu ms over a 60 ms wait",
           (unsigned long long)(b - a));
}

int main(void)
{
    if (sock_startup() != SOCK_OK) {
        TAP_OK(0, "socket layer starts");
        return tap_done();
    }
    test_loopback();
    test_same_port_both_families();
    test_addresses();
    test_interfaces();
    test_clock();
    sock_cleanup();
    return tap_done();
}
