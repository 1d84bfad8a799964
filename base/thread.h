/* thread.h: threads, a mutex and a condition variable. One header over
 * thread_posix.c (pthreads) and thread_win32.c (CreateThread, critical
 * sections, condition variables). Errors are return values: 0 or -1 /
 * NULL, never an exit.
 */
#ifndef MATCHBOARD_THREAD_H
#define MATCHBOARD_THREAD_H

typedef struct mb_thread mb_thread;
typedef struct mb_mutex mb_mutex;
typedef struct mb_cond mb_cond;

/* Starts fn(arg) on a new thread; 0 on success (*out set), -1 on failure. */
int mb_thread_start(mb_thread **out, void (*fn)(void *), void *arg);
/* Waits for the thread to end and frees it (NULL: nothing). Everything the
 * thread wrote before it ended is visible to the caller afterwards. */
void mb_thread_join(mb_thread *t);

/* A plain (non-recursive) mutex; NULL when out of resources. */
mb_mutex *mb_mutex_create(void);
/* Frees an unlocked mutex (NULL: nothing). */
void mb_mutex_destroy(mb_mutex *m);
void mb_mutex_lock(mb_mutex *m);
void mb_mutex_unlock(mb_mutex *m);

/* A condition variable used with an mb_mutex; NULL when out of resources. */
mb_cond *mb_cond_create(void);
/* Frees it (NULL: nothing); no thread may be waiting on it. */
void mb_cond_destroy(mb_cond *c);
/* Releases m (held by the caller), sleeps until signalled (or spuriously)
 * and takes m again: check the awaited condition in a loop. */
void mb_cond_wait(mb_cond *c, mb_mutex *m);
/* As mb_cond_wait, for at most about ms milliseconds of the monotonic
 * clock; returns 0 when woken, 1 when the time ran out. */
int mb_cond_wait_ms(mb_cond *c, mb_mutex *m, unsigned ms);
/* Wakes one waiter, or every waiter. */
void mb_cond_signal(mb_cond *c);
void mb_cond_broadcast(mb_cond *c);

#endif
