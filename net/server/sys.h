/* sys.h: the little the server needs from the operating system beyond
 * sockets: threads, a mutex, clocks, secure random bytes, stop signals and
 * files. One header over sys_win32.c and sys_posix.c.
 */
#ifndef MATCHBOARD_SYS_H
#define MATCHBOARD_SYS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct sys_thread sys_thread;
typedef struct sys_mutex sys_mutex;
typedef struct sys_cond sys_cond;

/* Starts fn(arg) on a new thread; 0 on success, -1 on failure. */
int sys_thread_start(sys_thread **out, void (*fn)(void *), void *arg);
/* Waits for the thread to end and frees it. */
void sys_thread_join(sys_thread *t);

/* A plain (non-recursive) mutex; NULL when out of resources. */
sys_mutex *sys_mutex_create(void);
void sys_mutex_destroy(sys_mutex *m);
void sys_mutex_lock(sys_mutex *m);
void sys_mutex_unlock(sys_mutex *m);

/* A condition variable used with a sys_mutex; NULL when out of resources. */
sys_cond *sys_cond_create(void);
void sys_cond_destroy(sys_cond *c);
/* Releases m (held by the caller), sleeps until signalled (or spuriously)
 * and takes m again: check the awaited condition in a loop. */
void sys_cond_wait(sys_cond *c, sys_mutex *m);
/* As sys_cond_wait, for at most ms milliseconds of the wall clock. */
void sys_cond_wait_ms(sys_cond *c, sys_mutex *m, unsigned ms);
/* Wakes one waiter, or every waiter. */
void sys_cond_signal(sys_cond *c);
void sys_cond_broadcast(sys_cond *c);

/* Milliseconds of a monotonic clock (never jumps back). */
uint64_t sys_now_ms(void);
/* Sleeps the calling thread for about ms milliseconds. */
void sys_sleep_ms(unsigned ms);
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
/* Renames from to `to` unless `to` exists: 0 done, 1 `to` exists, -1 error. */
int sys_rename_noreplace(const char *from, const char *to);
/* The text of the last failed file call (errno / GetLastError). */
const char *sys_last_error(void);

#endif
