/* sock_internal.h: what the parts of the socket layer share and callers
 * of sock.h do not see: this thread's last OS error (kept in sock.c, read
 * by sock_last_os_error). Platform-free. */
#ifndef MATCHBOARD_SOCK_INTERNAL_H
#define MATCHBOARD_SOCK_INTERNAL_H

#include "sock.h"

/* Records os_code (errno / WSAGetLastError) as this thread's last OS error
 * and returns its sock_err. */
sock_err sock_fail(int os_code);
/* Records os_code as this thread's last OS error, for a failure whose
 * sock_err the caller chooses itself (a getaddrinfo code...). */
void sock_note_os_error(int os_code);

#endif
