/* thread_os.h: the OS half of thread.h (private to base/thread*.c).
 * thread.c allocates and frees the objects, alike on every platform;
 * thread_posix.c / thread_win32.c define the structs and make the OS calls
 * (these, and thread.h's lock, wait and wake calls). */
#ifndef MATCHBOARD_THREAD_OS_H
#define MATCHBOARD_THREAD_OS_H

#include <stddef.h>

#include "thread.h"

/* The sizes of the platform's struct mb_thread, mb_mutex and mb_cond. */
extern const size_t mb_thread_size, mb_mutex_size, mb_cond_size;

/* Starts the OS thread of t running fn(arg); 0, or -1 (nothing started). */
int thread_os_start(mb_thread *t, void (*fn)(void *), void *arg);
/* Waits for it to end and releases what the OS holds for it. */
void thread_os_join(mb_thread *t);
/* Makes (0, or -1: nothing held) and ends the OS objects of a mutex or a
 * condition variable. */
int mutex_os_init(mb_mutex *m);
void mutex_os_fini(mb_mutex *m);
int cond_os_init(mb_cond *c);
void cond_os_fini(mb_cond *c);

#endif
