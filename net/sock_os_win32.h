/* sock_os_win32.h: the WinSock 2 headers that sock_addr.c builds on, and
 * the one name whose meaning differs from BSD sockets'. Private to net/:
 * net/meson.build makes sock_os.h include this file or sock_os_posix.h. */
#ifndef MATCHBOARD_SOCK_OS_WIN32_H
#define MATCHBOARD_SOCK_OS_WIN32_H

#include <winsock2.h>
#include <ws2tcpip.h>

/* WinSock's getaddrinfo returns its WSA code itself (EAI_MEMORY is
 * WSA_NOT_ENOUGH_MEMORY, EAI_NONAME WSAHOST_NOT_FOUND): never "see errno". */
static inline int sock_os_gai_system_error(int rc)
{
    (void)rc;
    return 0;
}

#endif
