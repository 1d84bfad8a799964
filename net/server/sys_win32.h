/* sys_win32.h: private to net/server's Win32 files: what sys_win32.c
 * offers them beyond sys.h.
 */
#ifndef MATCHBOARD_SYS_WIN32_H
#define MATCHBOARD_SYS_WIN32_H

/* The system's text for a Windows error code (GetLastError), without its
 * closing period and line break, in a buffer of the calling thread's that
 * the next call overwrites. */
const char *sys_win32_error_text(unsigned long code);

#endif
