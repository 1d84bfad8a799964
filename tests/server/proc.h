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

/* Kills it at once, as kill -9 does (SIGKILL; TerminateProcess on Win32):
 * no handler runs, nothing is flushed. 0 if done. */
int proc_kill(proc *p);

/* What a running process holds, where the system can say. */
typedef struct proc_stats {
    long handles; /* open descriptors (Linux) or handles (Win32); -1: unknown */
    long threads; /* -1: unknown */
    long rss_kib; /* resident memory in KiB; -1: unknown */
} proc_stats;
/* Fills *st for p; 0 if at least one figure is known. */
int proc_get_stats(proc *p, proc_stats *st);

/* The path of the running test program itself (to start it again as a
 * helper process), from argv0 where the system cannot say better. */
void proc_self_path(char *buf, size_t cap, const char *argv0);

/* A program's path as this system's CreateProcess or exec takes it: the
 * same on POSIX; under Wine a POSIX absolute path "/x/y" as "Z:\\x\\y". */
void proc_native_path(char *buf, size_t cap, const char *path);

/* Is the file at path readable by its owner only? 1 yes, 0 no, -1 the
 * system cannot say simply (Win32 access lists). */
int proc_file_is_private(const char *path);

/* Starts the server with args and waits for "listening on HOST:PORT";
 * returns the port, 0 on failure (then *out is NULL). */
uint16_t proc_start_server(proc **out, const char *exe, const char *const *args, const char *env);

/* Stops every program started by proc_start and not yet waited for, at
 * once (as proc_wait(p, 0) does), so that a test ends with no child left
 * running and its files closed. Returns how many there were. */
int proc_stop_all(void);

/* Removes path: a file, or a folder with everything in it. 0 on success
 * or when nothing is there, -1 when something could not be removed. */
int proc_remove_tree(const char *path);

/* For proc_posix.c and proc_win32.c: a process started (its proc is
 * live until proc_wait frees it), and one about to be freed. */
void proc_track_(proc *p);
void proc_untrack_(proc *p);

/* Sleeps a little. */
void proc_sleep_ms(int ms);

#endif
