/* evloop_posix.h: pieces the POSIX backends share (evloop_posix.c): the
 * wake pipe and the socket's pending error. */
#ifndef MATCHBOARD_EVLOOP_POSIX_H
#define MATCHBOARD_EVLOOP_POSIX_H

#include "evloop_backend.h"

/* A non-blocking, close-on-exec pipe: fd[0] to watch, fd[1] to write. */
sock_err evloop_pipe_open(int fd[2]);
void evloop_pipe_close(const int fd[2]);
/* One byte into the pipe; async-signal-safe, errno kept. */
void evloop_pipe_wake(int wfd);
/* Empties the pipe. */
void evloop_pipe_drain(int rfd);
/* SO_ERROR of a socket (or getsockopt's own errno). */
int evloop_socket_error(sock_t s);
/* Turns what the kernel said about a watched socket into an event; 1 when
 * any event fired. */
int evloop_translate(ev_watch *w, int in, int out, int hup, int err, ev_event *ev);

#endif
