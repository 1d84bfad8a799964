/* test_sock.c: the portable socket layer: parsing, resolution, and a real
 * loopback listen/connect/accept/send/recv round trip. */
#include <string.h>

#include "sock.h"
#include "tap.h"

static void test_parse(void)
{
    char host[SOCK_HOST_MAX];
    uint16_t port = 0;

    TAP_INT_EQ(sock_parse_hostport("example.org", 7777, host, sizeof host, &port), SOCK_OK,
               "host alone parses");
    TAP_STR_EQ(host, "example.org", "host alone: host");
    TAP_INT_EQ(port, 7777, "host alone: default port");

    TAP_INT_EQ(sock_parse_hostport("10.0.0.2:8000", 7777, host, sizeof host, &port), SOCK_OK,
               "host:port parses");
    TAP_STR_EQ(host, "10.0.0.2", "host:port: host");
    TAP_INT_EQ(port, 8000, "host:port: port");

    TAP_INT_EQ(sock_parse_hostport("[::1]:9000", 7777, host, sizeof host, &port), SOCK_OK,
               "[v6]:port parses");
    TAP_STR_EQ(host, "::1", "[v6]:port: host");
    TAP_INT_EQ(port, 9000, "[v6]:port: port");

    TAP_INT_EQ(sock_parse_hostport("[fe80::1]", 7777, host, sizeof host, &port), SOCK_OK,
               "[v6] parses");
    TAP_INT_EQ(port, 7777, "[v6]: default port");

    TAP_INT_EQ(sock_parse_hostport("::1", 7777, host, sizeof host, &port), SOCK_OK,
               "bare v6 literal parses as a host");
    TAP_STR_EQ(host, "::1", "bare v6: host");
    TAP_INT_EQ(port, 7777, "bare v6: default port");

    TAP_INT_EQ(sock_parse_hostport("host:0", 1, host, sizeof host, &port), SOCK_OK, "port 0");
    TAP_INT_EQ(port, 0, "port 0 kept");

    static const char *const bad[] = {"",          ":80",        "host:",  "host:65536",
                                      "host:-1",   "host:8x",    "[::1",   "[::1]x",
                                      "[::1]:",    "[]:80",      "a]b",    "[::1]:99999",
                                      "host:000080"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        TAP_INT_EQ(sock_parse_hostport(bad[i], 7777, host, sizeof host, &port),
                   SOCK_ERR_BAD_ADDRESS, "\"%s\" is a bad address", bad[i]);
}

static void test_resolve(void)
{
    sock_addr addrs[8];
    size_t n = 0;
    char text[SOCK_ADDR_TEXT_MAX];

    TAP_INT_EQ(sock_resolve("127.0.0.1", 4242, 0, addrs, 8, &n), SOCK_OK, "resolve 127.0.0.1");
    TAP_INT_EQ(n, 1, "one address for an IPv4 literal");
    sock_addr_to_string(&addrs[0], text, sizeof text);
    TAP_STR_EQ(text, "127.0.0.1:4242", "IPv4 address text");
    TAP_INT_EQ(sock_addr_port(&addrs[0]), 4242, "port of a resolved address");
    TAP_OK(!sock_addr_is_ipv6(&addrs[0]), "IPv4 literal is not IPv6");

    if (sock_resolve("::1", 80, 0, addrs, 8, &n) == SOCK_OK) {
        sock_addr_to_string(&addrs[0], text, sizeof text);
        TAP_STR_EQ(text, "[::1]:80", "IPv6 address text has brackets");
        TAP_OK(sock_addr_is_ipv6(&addrs[0]), "::1 is IPv6");
    } else {
        TAP_OK(1, "# SKIP no IPv6 resolver here");
        TAP_OK(1, "# SKIP no IPv6 resolver here");
    }

    TAP_INT_EQ(sock_resolve("no-such-host.invalid", 80, 0, addrs, 8, &n), SOCK_ERR_NAME,
               "a name that does not exist is SOCK_ERR_NAME");
    TAP_INT_EQ(n, 0, "no addresses for a bad name");
    TAP_OK(strlen(sock_strerror(SOCK_ERR_NAME)) > 0, "SOCK_ERR_NAME has a text");

    TAP_INT_EQ(sock_resolve(NULL, 0, 1, addrs, 8, &n), SOCK_OK, "passive wildcard resolves");
    TAP_OK(n >= 1, "at least one wildcard address");
}

static int send_all(sock_t s, const char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        long r = sock_send(s, buf + done, n - done);
        if (r == SOCK_ERR_WOULD_BLOCK) {
            sock_wait(s, 1, 1000);
            continue;
        }
        if (r <= 0)
            return 0;
        done += (size_t)r;
    }
    return 1;
}

static size_t recv_all(sock_t s, char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        long r;
        if (sock_wait(s, 0, 5000) != SOCK_OK)
            break;
        r = sock_recv(s, buf + done, n - done);
        if (r == SOCK_ERR_WOULD_BLOCK)
            continue;
        if (r <= 0)
            break;
        done += (size_t)r;
    }
    return done;
}

static void test_round_trip(void)
{
    sock_addr a, bound, peer;
    size_t n;
    sock_t l = SOCK_INVALID, c = SOCK_INVALID, s = SOCK_INVALID;
    sock_err e;
    char got[64];
    static const char msg[] = "MBRD round trip, both ways";

    TAP_INT_EQ(sock_resolve("127.0.0.1", 0, 1, &a, 1, &n), SOCK_OK, "resolve listen address");
    TAP_INT_EQ(sock_listen(&a, 16, &l), SOCK_OK, "listen on 127.0.0.1 port 0");
    TAP_INT_EQ(sock_local_addr(l, &bound), SOCK_OK, "local address of the listener");
    TAP_OK(sock_addr_port(&bound) != 0, "port 0 got a real port (%u)",
           (unsigned)sock_addr_port(&bound));

    TAP_INT_EQ(sock_accept(l, &s, NULL), SOCK_ERR_WOULD_BLOCK,
               "accept with nobody waiting would block");

    e = sock_connect(&bound, 1, &c);
    TAP_OK(e == SOCK_OK || e == SOCK_ERR_IN_PROGRESS, "non-blocking connect starts (%s)",
           sock_strerror(e));
    TAP_INT_EQ(sock_wait(c, 1, 5000), SOCK_OK, "connecting socket becomes writable");
    TAP_INT_EQ(sock_connect_result(c), SOCK_OK, "connect succeeded");
    TAP_INT_EQ(sock_wait(l, 0, 5000), SOCK_OK, "listener becomes readable");
    TAP_INT_EQ(sock_accept(l, &s, &peer), SOCK_OK, "accept the connection");
    TAP_INT_EQ(sock_set_nodelay(s, 1), SOCK_OK, "TCP_NODELAY on the accepted socket");
    TAP_INT_EQ(sock_set_nonblocking(s, 1), SOCK_OK, "accepted socket made non-blocking");
    sock_addr_to_string(&peer, got, sizeof got);
    TAP_OK(strncmp(got, "127.0.0.1:", 10) == 0, "peer address is loopback (%s)", got);

    TAP_INT_EQ(sock_recv(s, got, sizeof got), SOCK_ERR_WOULD_BLOCK,
               "recv with nothing sent would block");
    TAP_OK(send_all(c, msg, sizeof msg), "client sends");
    memset(got, 0, sizeof got);
    TAP_INT_EQ(recv_all(s, got, sizeof msg), sizeof msg, "server receives every byte");
    TAP_STR_EQ(got, msg, "server receives what was sent");
    TAP_OK(send_all(s, msg, sizeof msg), "server sends back");
    memset(got, 0, sizeof got);
    TAP_INT_EQ(recv_all(c, got, sizeof msg), sizeof msg, "client receives every byte");
    TAP_STR_EQ(got, msg, "client receives what was sent");

    TAP_INT_EQ(sock_shutdown_write(c), SOCK_OK, "client shuts its side");
    TAP_INT_EQ(sock_wait(s, 0, 5000), SOCK_OK, "server sees the end");
    TAP_INT_EQ(sock_recv(s, got, sizeof got), 0, "recv returns 0 at the peer's end");

    sock_close(c);
    sock_close(s);
    sock_close(l);
}

static void test_refused(void)
{
    sock_addr a, bound;
    size_t n;
    sock_t l = SOCK_INVALID, c = SOCK_INVALID;
    sock_err e;

    /* Take a free port, then close it, so nothing listens there. */
    sock_resolve("127.0.0.1", 0, 1, &a, 1, &n);
    sock_listen(&a, 1, &l);
    sock_local_addr(l, &bound);
    sock_close(l);

    e = sock_connect(&bound, 1, &c);
    if (e == SOCK_ERR_IN_PROGRESS) {
        sock_wait(c, 1, 5000);
        e = sock_connect_result(c);
    }
    TAP_INT_EQ(e, SOCK_ERR_REFUSED, "connect to a closed port is refused (%s)", sock_strerror(e));
    if (c != SOCK_INVALID)
        sock_close(c);

    TAP_INT_EQ(sock_listen(&bound, 1, &l), SOCK_OK, "listen again on the freed port");
    {
        sock_t l2 = SOCK_INVALID;
        TAP_INT_EQ(sock_listen(&bound, 1, &l2), SOCK_ERR_ADDR_IN_USE,
                   "a second listener on the same port: address in use");
        if (l2 != SOCK_INVALID)
            sock_close(l2);
    }
    sock_close(l);
}

static void test_errors_text(void)
{
    char buf[256];
    buf[0] = '\0';
    sock_os_strerror(sock_last_os_error(), buf, sizeof buf);
    TAP_OK(buf[0] != '\0', "OS error text is not empty (\"%s\")", buf);
    TAP_OK(strcmp(sock_strerror(SOCK_ERR_REFUSED), "connection refused") == 0,
           "portable error text");
}

int main(void)
{
    TAP_INT_EQ(sock_startup(), SOCK_OK, "socket layer starts");
    test_parse();
    test_resolve();
    test_round_trip();
    test_refused();
    test_errors_text();
    sock_cleanup();
    return tap_done();
}
