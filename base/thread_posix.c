/* thread_posix.c: thread.h's OS calls over pthreads (thread_os.h). */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "thread_os.h"

struct mb_thread {
    pthread_t t;
    void (*fn)(void *);
    void *arg;
};

struct mb_mutex {
    pthread_mutex_t m;
};

struct mb_cond {
    pthread_cond_t c;
};

const size_t mb_thread_size = sizeof(mb_thread), mb_mutex_size = sizeof(mb_mutex),
             mb_cond_size = sizeof(mb_cond);

static void *thread_main(void *p)
{
    mb_thread *t = p;
    t->fn(t->arg);
    return NULL;
}

int thread_os_start(mb_thread *t, void (*fn)(void *), void *arg)
{
    t->fn = fn;
    t->arg = arg;
    return pthread_create(&t->t, NULL, thread_main, t) != 0 ? -1 : 0;
}

void thread_os_join(mb_thread *t)
{
    pthread_join(t->t, NULL);
}

int mutex_os_init(mb_mutex *m)
{
    return pthread_mutex_init(&m->m, NULL) != 0 ? -1 : 0;
}

void mutex_os_fini(mb_mutex *m)
{
    pthread_mutex_destroy(&m->m);
}

void mb_mutex_lock(mb_mutex *m)
{
    pthread_mutex_lock(&m->m);
}

void mb_mutex_unlock(mb_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

int cond_os_init(mb_cond *c)
{
    pthread_condattr_t attr;
    int ok;
    if (pthread_condattr_init(&attr) != 0)
        return -1;
    /* Timed waits count on the monotonic clock: a wall-clock step does
     * not shorten or stretch them. */
    ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
         pthread_cond_init(&c->c, &attr) == 0;
    pthread_condattr_destroy(&attr);
    return ok ? 0 : -1;
}

void cond_os_fini(mb_cond *c)
{
    pthread_cond_destroy(&c->c);
}

void mb_cond_wait(mb_cond *c, mb_mutex *m)
{
    pthread_cond_wait(&c->c, &m->m);
}

int mb_cond_wait_ms(mb_cond *c, mb_mutex *m, unsigned ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)(ms / 1000u);
    until.tv_nsec += (long)(ms % 1000u) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(&c->c, &m->m, &until) == ETIMEDOUT ? 1 : 0;
}

void mb_cond_signal(mb_cond *c)
{
    pthread_cond_signal(&c->c);
}

void mb_cond_broadcast(mb_cond *c)
{
    pthread_cond_broadcast(&c->c);
}
