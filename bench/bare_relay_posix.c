/* bare_relay_posix.c: the floor for a relaying server (bench only).
 *
 * Single-threaded epoll; pairs connections in arrival order (1st with 2nd,
 * 3rd with 4th...) and forwards whole 16-byte packets from one to the other:
 * no validation, no bookkeeping, no protocol. A real match server that adds
 * rules, seats and records is measured against this in the same run. With
 * --echo every packet also goes back to its sender, as the server sends
 * each accepted move to both players.
 *
 *   bare-relay [--port N] [--echo]   prints "listening on 127.0.0.1:PORT", runs until killed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "relay_start.h"

#define PKT    16
#define MAX_FD 65536

typedef struct conn {
    int peer; /* fd of the paired connection, -1 while waiting */
    unsigned char in[PKT * 64];
    size_t len;
} conn;

static conn *conns[MAX_FD];

static void drop(int ep, int fd)
{
    if (fd < 0 || fd >= MAX_FD || !conns[fd])
        return;
    int peer = conns[fd]->peer;
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(conns[fd]);
    conns[fd] = NULL;
    if (peer >= 0 && conns[peer])
        drop(ep, peer);
}

static int echo; /* --echo: every packet also goes back to its sender */

/* Sends the whole packets buffered for fd on to its peer (and back, with
 * --echo). 0, or -1 when fd was dropped. */
static int pump(int ep, int fd)
{
    conn *c = conns[fd];
    size_t whole = c->len - c->len % PKT;
    if (whole && c->peer >= 0) {
        /* Loopback buffers are deep; a short write here means the peer
         * stopped reading, which the load generator never does. */
        if (send(c->peer, c->in, whole, MSG_NOSIGNAL) != (ssize_t)whole ||
            (echo && send(fd, c->in, whole, MSG_NOSIGNAL) != (ssize_t)whole)) {
            drop(ep, fd);
            return -1;
        }
        memmove(c->in, c->in + whole, c->len - whole);
        c->len -= whole;
    } else if (c->len == sizeof c->in) {
        drop(ep, fd);
        return -1;
    }
    return 0;
}

static void forward(int ep, int fd)
{
    conn *c = conns[fd];
    for (;;) {
        size_t room = sizeof c->in - c->len;
        ssize_t r = recv(fd, c->in + c->len, room, 0);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
            drop(ep, fd);
            return;
        }
        if (r < 0)
            return;
        c->len += (size_t)r;
        if (pump(ep, fd) != 0)
            return;
        /* A short read took all there was; epoll says when more comes. */
        if ((size_t)r < room)
            return;
    }
}

int main(int argc, char **argv)
{
    sock_t l;
    int waiting = -1, rc;
    struct epoll_event ev, evs[256];

    if ((rc = relay_start(argc, argv, "bare-relay", &echo, &l)) != 0)
        return rc < 0 ? 0 : rc; /* -1: --help */
    int ep = epoll_create1(EPOLL_CLOEXEC);
    ev.events = EPOLLIN;
    ev.data.fd = (int)l;
    epoll_ctl(ep, EPOLL_CTL_ADD, (int)l, &ev);
    for (;;) {
        int k = epoll_wait(ep, evs, 256, -1);
        for (int i = 0; i < k; i++) {
            int fd = evs[i].data.fd;
            if (fd == (int)l) {
                sock_t s;
                while (sock_accept(l, &s, NULL) == SOCK_OK) {
                    int cfd = (int)s;
                    if (cfd >= MAX_FD) {
                        close(cfd);
                        continue;
                    }
                    sock_set_nonblocking(s, 1);
                    sock_set_nodelay(s, 1);
                    conns[cfd] = calloc(1, sizeof(conn));
                    if (!conns[cfd]) {
                        close(cfd);
                        continue;
                    }
                    conns[cfd]->peer = -1;
                    if (waiting >= 0 && conns[waiting]) {
                        conns[cfd]->peer = waiting;
                        conns[waiting]->peer = cfd;
                        pump(ep, waiting); /* what it sent while alone */
                        waiting = -1;
                    } else {
                        waiting = cfd;
                    }
                    ev.events = EPOLLIN;
                    ev.data.fd = cfd;
                    epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
                }
            } else if (conns[fd]) {
                if (fd == waiting && (evs[i].events & (EPOLLHUP | EPOLLERR)))
                    waiting = -1;
                forward(ep, fd);
                if (!conns[fd] && waiting == fd)
                    waiting = -1;
            }
        }
    }
}
