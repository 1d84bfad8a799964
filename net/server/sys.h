/* sys.h: the little the server needs from the operating system beyond
 * sockets and base/ (threads, the monotonic clock): the wall clock's
 * texts, secure random bytes, stop signals, the descriptor limit and
 * files. One header over sys_win32.c and sys_posix.c.
 */
#ifndef MATCHBOARD_SYS_H
#define MATCHBOARD_SYS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mono_clock.h"
#include "thread.h"

/* Threads, the mutex, the condition variable and the monotonic clock are
 * base/'s: thread.h (mb_thread, mb_mutex, mb_cond) and mono_clock.h
 * (mb_now_ms, mb_sleep_ms). */

/* The wall clock, UTC: "2024-05-01 12:00:00.123" (log lines). */
void sys_log_time(char *buf, size_t cap);
/* The wall clock, UTC: "2024.05.01" (game records). */
void sys_record_date(char *buf, size_t cap);
/* The wall clock, UTC: "20240501-120000" (record file names). */
void sys_file_stamp(char *buf, size_t cap);

/* n bytes from the system's secure random source (getrandom or
 * /dev/urandom; BCryptGenRandom); 0 on success, -1 on failure. */
int sys_random(uint8_t *buf, size_t n);

/* Calls fn once on Ctrl-C, SIGTERM or (Win32) the console closing. fn runs
 * in a signal handler or a system thread: it may only do async-signal-safe
 * things (set a flag, evloop_wake). 0 on success. */
int sys_on_stop(void (*fn)(void));
/* Tells the stop handler that the server has finished stopping (Win32
 * holds a closing console open until then, for a few seconds at most). */
void sys_stopped(void);
/* Reads up to n bytes of the standard input, blocking: how many; 0 at its
 * end (or when there is none); -1 on a read error (--stop-on-stdin-eof). */
long sys_stdin_read(void *buf, size_t n);

/* How many sockets this process may hold at once: the descriptor limit
 * (RLIMIT_NOFILE on POSIX) less a reserve for everything else the server
 * opens (event loops, records, the random source); 0 when the system sets
 * no such limit (Win32). */
size_t sys_socket_budget(void);
/* A spare descriptor held for when the limit is reached anyway: release it
 * (0; -1 when there is none, as on Win32), accept and refuse one
 * connection in its place, then take it back. */
int sys_spare_release(void);
void sys_spare_take(void);

/* Creates a folder and its parents (an existing one is fine); 0 or -1. */
int sys_mkdirs(const char *path);
/* Pushes a written file to the disk (fsync / FlushFileBuffers); 0 or -1. */
int sys_sync_file(FILE *f);
/* Pushes n written files of one filesystem to the disk together: synced[i]
 * says whether files[i] is there; 0 when all are, -1 otherwise. Linux
 * (5.8 on, where syncfs reports write errors): one syncfs for two or more,
 * one journal commit and one cache flush for all (it also writes out the
 * filesystem's other dirty files), an fsync each where it fails; elsewhere
 * sys_sync_file each. */
int sys_sync_files(FILE *const *files, size_t n, int *synced);
/* Pushes the folder path's entries to the disk (files renamed into it):
 * fsync of the folder on POSIX; nothing on Win32, where
 * sys_rename_noreplace writes through. 0 or -1. */
int sys_sync_dir(const char *path);
/* Renames from to `to` unless `to` exists: 0 done, 1 `to` exists, -1 error. */
int sys_rename_noreplace(const char *from, const char *to);
/* The text of the last failed file call (errno / GetLastError). */
const char *sys_last_error(void);

#endif
