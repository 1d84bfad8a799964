/* sock.h: the portable socket layer, one API over WinSock 2 (sock_win32.c)
 * and BSD sockets (sock_posix.c). Errors come back as sock_err values; the
 * raw OS code of the last failure is kept per thread for sock_last_os_error.
 */
#ifndef MATCHBOARD_SOCK_H
#define MATCHBOARD_SOCK_H

#include <stddef.h>
#include <stdint.h>

/* A socket handle: a SOCKET on Win32, a file descriptor on POSIX. */
typedef uintptr_t sock_t;
#define SOCK_INVALID ((sock_t) ~(uintptr_t)0)

typedef enum sock_err {
    SOCK_OK = 0,
    SOCK_ERR_WOULD_BLOCK = -1, /* try again on the next notification */
    SOCK_ERR_IN_PROGRESS = -2, /* non-blocking connect started */
    SOCK_ERR_REFUSED = -3,     /* connection refused */
    SOCK_ERR_UNREACHABLE = -4, /* network or host unreachable */
    SOCK_ERR_TIMED_OUT = -5,
    SOCK_ERR_RESET = -6,       /* connection reset or aborted by the peer */
    SOCK_ERR_ADDR_IN_USE = -7,
    SOCK_ERR_ADDR_NOT_AVAIL = -8,
    SOCK_ERR_NAME = -9,        /* host name not found */
    SOCK_ERR_BAD_ADDRESS = -10, /* text that is no host[:port] */
    SOCK_ERR_NO_RESOURCES = -11, /* out of descriptors, buffers or memory */
    SOCK_ERR_INTERRUPTED = -12,
    SOCK_ERR_ACCESS = -13,     /* permission denied (privileged port...) */
    SOCK_ERR_NOT_INITIALIZED = -14,
    SOCK_ERR_OTHER = -15,      /* see sock_last_os_error */
} sock_err;

/* Readable text for a sock_err ("connection refused"). */
const char *sock_strerror(sock_err e);

/* Start-up and tear-down: WSAStartup/WSACleanup on Win32; on POSIX it makes
 * SIGPIPE harmless so a write to a closed peer is an error, not a death. */
sock_err sock_startup(void);
void sock_cleanup(void);

/* The raw OS code (WSAGetLastError / errno) of this thread's last failed
 * call here, and its text from FormatMessage / strerror. */
int sock_last_os_error(void);
void sock_os_strerror(int os_code, char *buf, size_t cap);
/* The portable code of a raw OS code. */
sock_err sock_err_from_os(int os_code);

/* An address of either family (room for a sockaddr_storage). */
typedef struct sock_addr {
    union {
        unsigned char bytes[128];
        uint64_t align;
    } u;
    uint32_t len;
} sock_addr;

#define SOCK_HOST_MAX 256
#define SOCK_ADDR_TEXT_MAX 64 /* "[v6]:port" with its NUL */

/* Splits "host", "host:port", "[v6]" or "[v6]:port" (a bare IPv6 literal
 * with several colons is a host without port). A missing port gives
 * default_port. SOCK_ERR_BAD_ADDRESS for empty hosts, bad brackets or a
 * port outside 0..65535. */
sock_err sock_parse_hostport(const char *text, uint16_t default_port, char *host, size_t host_cap,
                             uint16_t *port);

/* getaddrinfo for TCP, IPv4 and IPv6. host NULL or "" with passive set
 * means every local address (IPv6 first, which also takes IPv4 where the
 * stack is dual). Fills up to cap addresses, *count how many. */
sock_err sock_resolve(const char *host, uint16_t port, int passive, sock_addr *out, size_t cap,
                      size_t *count);

/* "1.2.3.4:80" or "[::1]:80"; a scoped IPv6 address (link-local) carries
 * its interface index: "[fe80::1%2]:80", which sock_resolve takes back. */
void sock_addr_to_string(const sock_addr *a, char *buf, size_t cap);
uint16_t sock_addr_port(const sock_addr *a);
int sock_addr_is_ipv6(const sock_addr *a);

/* A listening TCP socket on addr with SO_REUSEADDR on POSIX and
 * SO_EXCLUSIVEADDRUSE on Win32; an IPv6 wildcard also takes IPv4 where the
 * system allows. The socket is non-blocking. */
sock_err sock_listen(const sock_addr *addr, int backlog, sock_t *out);
/* The address a socket is bound to (useful after port 0). */
sock_err sock_local_addr(sock_t s, sock_addr *out);

/* Accepts one connection (non-blocking listener: SOCK_ERR_WOULD_BLOCK when
 * none is waiting). peer may be NULL. */
sock_err sock_accept(sock_t listener, sock_t *out, sock_addr *peer);

/* Connects. With nonblocking set the socket is made non-blocking first and
 * SOCK_ERR_IN_PROGRESS says the connection is under way: wait until it is
 * writable (or the FD_CONNECT notification) and ask sock_connect_result. */
sock_err sock_connect(const sock_addr *addr, int nonblocking, sock_t *out);
sock_err sock_connect_result(sock_t s);

/* Sends / receives up to n bytes. Returns the count (recv: 0 means the
 * peer closed), or a negative sock_err (SOCK_ERR_WOULD_BLOCK...). */
long sock_send(sock_t s, const void *buf, size_t n);
long sock_recv(sock_t s, void *buf, size_t n);

/* Waits until s is readable (for_write 0) or writable (1); timeout_ms < 0
 * waits for ever. SOCK_OK when ready, SOCK_ERR_TIMED_OUT otherwise. For
 * simple blocking callers (tests, tools), not for event loops. */
sock_err sock_wait(sock_t s, int for_write, int timeout_ms);

sock_err sock_set_nonblocking(sock_t s, int on);
sock_err sock_set_nodelay(sock_t s, int on);
sock_err sock_shutdown_write(sock_t s);
void sock_close(sock_t s);

/* ---- UDP, for LAN discovery ---- */

/* A non-blocking UDP socket bound to addr (port 0: any free port). An IPv6
 * socket is IPv6-only, so an IPv4 socket can share its port. On Win32 an
 * ICMP "port unreachable" for an earlier send does not fail later receives. */
sock_err sock_udp_bind(const sock_addr *addr, sock_t *out);
/* Allows (on 1) sending to broadcast addresses: SO_BROADCAST. */
sock_err sock_set_broadcast(sock_t s, int on);
/* Joins the IPv6 multicast group (16 bytes, network order) on interface
 * ifindex (0: the system's choice), and makes multicast sends loop back to
 * this host too. */
sock_err sock_join_multicast6(sock_t s, const uint8_t group[16], unsigned ifindex);
/* Sends this socket's IPv6 multicast out of interface ifindex. */
sock_err sock_set_multicast_if6(sock_t s, unsigned ifindex);
/* Sends one datagram to `to`: the count sent, or a negative sock_err. */
long sock_sendto(sock_t s, const void *buf, size_t n, const sock_addr *to);
/* Receives one datagram and its sender (from may be NULL): its length, or
 * a negative sock_err (SOCK_ERR_WOULD_BLOCK when none waits). A datagram
 * longer than n comes cut to n bytes: give one byte more than the longest
 * datagram you accept, and a length of n means "too long". */
long sock_recvfrom(sock_t s, void *buf, size_t n, sock_addr *from);

/* Addresses from raw bytes in network order and a port. scope: the
 * interface index of an IPv6 link-local address, 0 for none. */
void sock_addr_ipv4(sock_addr *out, const uint8_t ip[4], uint16_t port);
void sock_addr_ipv6(sock_addr *out, const uint8_t ip[16], uint16_t port, unsigned scope);
void sock_addr_set_port(sock_addr *a, uint16_t port);
/* Is a an IPv4 or IPv6 loopback address (127.0.0.0/8, ::1)? */
int sock_addr_is_loopback(const sock_addr *a);

/* The directed broadcast address (address | ~netmask) of each IPv4
 * interface that is up and can broadcast, loopback excluded, with port set:
 * getifaddrs on POSIX, GetAdaptersAddresses on Win32. Up to cap, *count how
 * many. */
sock_err sock_ipv4_broadcasts(uint16_t port, sock_addr *out, size_t cap, size_t *count);
/* The index of each interface that is up, multicast-capable and has an
 * IPv6 address, loopback excluded (the scopes of link-local multicast). */
sock_err sock_ipv6_multicast_ifaces(unsigned *out, size_t cap, size_t *count);
/* This machine's host name (gethostname), NUL-terminated. */
sock_err sock_host_name(char *buf, size_t cap);

/* Is this sock_err/OS code a would-block (EAGAIN, EWOULDBLOCK, WSAEWOULDBLOCK)? */
int sock_is_would_block(int os_code);

#endif
