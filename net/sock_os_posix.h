/* sock_os_posix.h: the BSD socket headers that sock_addr.c builds on, and
 * the one name whose meaning differs from WinSock's. Private to net/:
 * net/meson.build makes sock_os.h include this file or sock_os_win32.h. */
#ifndef MATCHBOARD_SOCK_OS_POSIX_H
#define MATCHBOARD_SOCK_OS_POSIX_H

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <arpa/inet.h>

/* The errno behind a failed getaddrinfo that says "see errno"
 * (EAI_SYSTEM), or 0 when its code rc is the whole story. */
static inline int sock_os_gai_system_error(int rc)
{
    return rc == EAI_SYSTEM ? errno : 0;
}

#endif
