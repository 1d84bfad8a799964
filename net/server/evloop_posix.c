/* evloop_posix.c: the POSIX backends built in, best first, and what they
 * share. io_uring (Linux with liburing), epoll (Linux), poll (any). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evloop_posix.h"
#include "mb_config.h"

extern const evloop_ops evloop_uring_ops, evloop_epoll_ops, evloop_poll_ops;

const evloop_ops *const evloop_builtin[] = {
#if MB_HAVE_LIBURING
    &evloop_uring_ops,
#endif
#if defined(__linux__)
    &evloop_epoll_ops,
#endif
    &evloop_poll_ops,
    NULL,
};

static int set_flags(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return -1;
    fl = fcntl(fd, F_GETFD, 0);
    return fl < 0 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) < 0 ? -1 : 0;
}

sock_err evloop_pipe_open(int fd[2])
{
    if (pipe(fd) != 0)
        return sock_err_from_os(errno);
    if (set_flags(fd[0]) != 0 || set_flags(fd[1]) != 0) {
        sock_err e = sock_err_from_os(errno);
        evloop_pipe_close(fd);
        return e;
    }
    return SOCK_OK;
}

void evloop_pipe_close(const int fd[2])
{
    close(fd[0]);
    close(fd[1]);
}

void evloop_pipe_wake(int wfd)
{
    char b = 1;
    int saved = errno; /* may run in a signal handler */
    ssize_t r = write(wfd, &b, 1);
    (void)r; /* a full pipe already wakes */
    errno = saved;
}

void evloop_pipe_drain(int rfd)
{
    char buf[64];
    while (read(rfd, buf, sizeof buf) > 0) {
    }
}

int evloop_socket_error(sock_t s)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt((int)s, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return errno;
    return err;
}

int evloop_translate(ev_watch *w, int in, int out, int hup, int err, ev_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->watch = w;
    if (in && (w->interest & EV_ACCEPT))
        ev->fired |= EV_ACCEPT;
    else if (in && (w->interest & EV_READ))
        ev->fired |= EV_READ;
    if (out && (w->interest & EV_WRITE))
        ev->fired |= EV_WRITE;
    if ((hup || err) && (w->interest & (EV_CLOSE | EV_READ))) {
        ev->fired |= EV_CLOSE;
        ev->error[EV_BIT_CLOSE] = err ? evloop_socket_error(w->sock) : 0;
        if (w->interest & EV_READ)
            ev->fired |= EV_READ; /* data may still wait: read it first */
    }
    return ev->fired != 0;
}
