/* sock_internal.h: what the parts of the socket layer share and callers
 * of sock.h do not see: this thread's last OS error (kept in sock.c, read
 * by sock_last_os_error) and the last steps of setting up a socket.
 * Platform-free. */
#ifndef MATCHBOARD_SOCK_INTERNAL_H
#define MATCHBOARD_SOCK_INTERNAL_H

#include "sock.h"

/* Records os_code (errno / WSAGetLastError) as this thread's last OS error
 * and returns its sock_err. */
sock_err sock_fail(int os_code);
/* Records os_code as this thread's last OS error, for a failure whose
 * sock_err the caller chooses itself (a getaddrinfo code...). */
void sock_note_os_error(int os_code);

/* For a failed call on a socket being set up: records os_code, closes s
 * and returns os_code's sock_err. */
sock_err sock_close_failed(sock_t s, int os_code);
/* The last step of setting up a socket: makes s non-blocking and hands it
 * out in *out, or closes it and returns the error. */
sock_err sock_finish_nonblocking(sock_t s, sock_t *out);

#endif
