/* test_evloop_send_posix: the event loop's sends on every POSIX backend,
 * and on io_uring with and without quiet sends (MB_URING_SENDSKIP:
 * a send that sends everything posts no completion): output arrives whole
 * and in order, also past a full socket; the write side is shut after the
 * last byte; a send to a peer that is gone is refused, so the server
 * closes that connection (server_conn.c, conn_flush). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evloop.h"
#include "tap.h"

enum { BIG = 1 << 20, WAITS = 400, WAIT_MS = 25 };

static uint8_t pattern(size_t i)
{
    return (uint8_t)(i * 7 + i / 251);
}

/* A loop of backend with a watch on one end of a stream pair (w); the
 * other end, blocking, in *peer. 0 or -1. */
static int open_pair(const char *backend, evloop **l, ev_watch *w, int *peer)
{
    int sv[2];
    const char *why = NULL;
    if (evloop_create(l, backend, &why) != SOCK_OK)
        return -1;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        evloop_destroy(*l);
        return -1;
    }
    (void)fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    memset(w, 0, sizeof *w);
    w->sock = (sock_t)sv[0];
    *peer = sv[1];
    if (evloop_add(*l, w, EV_READ | EV_CLOSE) != SOCK_OK) {
        close(sv[0]);
        close(sv[1]);
        evloop_destroy(*l);
        return -1;
    }
    return 0;
}

static void close_pair(evloop *l, ev_watch *w, int peer)
{
    evloop_remove(l, w);
    close((int)w->sock);
    evloop_release(l, w);
    evloop_destroy(l);
    if (peer >= 0)
        close(peer);
}

static void turn(evloop *l)
{
    ev_event ev[4];
    (void)evloop_wait(l, WAIT_MS, ev, 4);
}

/* Sends BIG patterned bytes in pieces of 16 to 4,000 bytes, reading the
 * peer's end (made non-blocking) between turns: all arrive, in order. */
static int whole_and_in_order(evloop *l, ev_watch *w, int peer, int *blocked)
{
    static uint8_t got[BIG];
    size_t sent = 0, recvd = 0;
    (void)fcntl(peer, F_SETFL, fcntl(peer, F_GETFL) | O_NONBLOCK);
    for (int i = 0; recvd < BIG && i < 100 * WAITS; i++) {
        while (sent < BIG) {
            uint8_t piece[4000];
            size_t n = 16 + (sent * 13) % (sizeof piece - 16);
            long r;
            if (n > BIG - sent)
                n = BIG - sent;
            for (size_t k = 0; k < n; k++)
                piece[k] = pattern(sent + k);
            r = evloop_send(l, w, piece, n);
            if (r == SOCK_ERR_WOULD_BLOCK) {
                (*blocked)++;
                break;
            }
            if (r <= 0)
                return 0;
            sent += (size_t)r;
        }
        turn(l);
        for (;;) { /* read a little each turn, so the socket fills */
            ssize_t r = read(peer, got + recvd, i % 4 ? 2048 : BIG - recvd);
            if (r <= 0)
                break;
            recvd += (size_t)r;
            if (i % 4)
                break;
        }
    }
    for (size_t k = 0; k < recvd; k++)
        if (got[k] != pattern(k))
            return 0;
    return recvd == BIG;
}

static void run(const char *backend, const char *label)
{
    evloop *l = NULL;
    ev_watch w;
    int peer = -1, blocked = 0;

    if (!TAP_OK(open_pair(backend, &l, &w, &peer) == 0, "%s: a loop and a stream pair", label))
        return;
    TAP_OK(whole_and_in_order(l, &w, peer, &blocked),
           "%s: 1 MiB in small sends arrives whole and in order", label);
    TAP_OK(blocked > 0, "%s: past a full socket (%d sends told to wait)", label, blocked);
    close_pair(l, &w, peer);

    if (open_pair(backend, &l, &w, &peer) == 0) {
        static const char text[] = "the last words";
        char buf[64];
        size_t n = 0;
        int fl = fcntl(peer, F_GETFL);
        TAP_OK(evloop_send(l, &w, text, sizeof text) == (long)sizeof text, "%s: a send taken",
               label);
        evloop_shutdown_write(l, &w);
        (void)fcntl(peer, F_SETFL, fl | O_NONBLOCK);
        for (int i = 0; i < WAITS; i++) {
            turn(l);
            ssize_t r = read(peer, buf + n, sizeof buf - n);
            if (r == 0)
                break;
            if (r > 0)
                n += (size_t)r;
        }
        TAP_OK(n == sizeof text && memcmp(buf, text, n) == 0 && read(peer, buf, 1) == 0,
               "%s: the write side is shut after the last byte", label);
        close_pair(l, &w, peer);
    }

    if (open_pair(backend, &l, &w, &peer) == 0) {
        long r = 0;
        close(peer);
        for (int i = 0; i < WAITS; i++) {
            r = evloop_send(l, &w, "MOVE0123456789ab", 16);
            if (r < 0 && r != SOCK_ERR_WOULD_BLOCK)
                break;
            turn(l);
        }
        TAP_OK(r < 0 && r != SOCK_ERR_WOULD_BLOCK,
               "%s: a send to a peer that is gone is refused (%s)", label,
               r < 0 ? sock_strerror((sock_err)r) : "taken");
        close_pair(l, &w, -1);
    }
}

int main(void)
{
    const char *const *names = evloop_backends();
    signal(SIGPIPE, SIG_IGN);
    for (size_t i = 0; names[i]; i++) {
        if (!strcmp(names[i], "uring")) {
            setenv("MB_URING_SENDSKIP", "0", 1);
            run("uring", "uring, every send completes");
            setenv("MB_URING_SENDSKIP", "1", 1);
            run("uring", "uring, quiet sends");
        } else {
            run(names[i], names[i]);
        }
    }
    return tap_done();
}
