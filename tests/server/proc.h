/* proc.h: starts and stops programs for the integration tests, natively
 * and under Wine (proc_posix.c, proc_win32.c). */
#ifndef MATCHBOARD_TEST_PROC_H
#define MATCHBOARD_TEST_PROC_H

#include <stddef.h>
#include <stdint.h>

typedef struct proc proc;

/* Starts exe with args (NULL-terminated, without argv[0]) and an extra
 * environment variable env ("NAME=value", or NULL); its stdout is a pipe,
 * its stderr the test's. 0 on success. */
int proc_start(proc **out, const char *exe, const char *const *args, const char *env);
/* Reads one line of its stdout (without the newline) within timeout_ms;
 * 0 on success, -1 on EOF or timeout. */
int proc_read_line(proc *p, char *buf, size_t cap, int timeout_ms);
/* Asks it to stop as Ctrl-C would (SIGTERM; CTRL_BREAK on Win32); 0 if
 * asked. */
int proc_interrupt(proc *p);
/* Waits up to timeout_ms for it to exit: its exit code, or -1 (then it is
 * killed). Frees p either way. */
int proc_wait(proc *p, int timeout_ms);

/* Starts the server with args and waits for "listening on HOST:PORT";
 * returns the port, 0 on failure (then *out is NULL). */
uint16_t proc_start_server(proc **out, const char *exe, const char *const *args, const char *env);

/* Sleeps a little. */
void proc_sleep_ms(int ms);

#endif
