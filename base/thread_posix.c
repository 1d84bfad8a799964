/* thread_posix.c: thread.h over pthreads. */
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

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

static void *thread_main(void *p)
{
    mb_thread *t = p;
    t->fn(t->arg);
    return NULL;
}

int mb_thread_start(mb_thread **out, void (*fn)(void *), void *arg)
{
    mb_thread *t = malloc(sizeof *t);
    if (!t)
        return -1;
    t->fn = fn;
    t->arg = arg;
    if (pthread_create(&t->t, NULL, thread_main, t) != 0) {
        free(t);
        return -1;
    }
    *out = t;
    return 0;
}

void mb_thread_join(mb_thread *t)
{
    if (!t)
        return;
    pthread_join(t->t, NULL);
    free(t);
}

mb_mutex *mb_mutex_create(void)
{
    mb_mutex *m = malloc(sizeof *m);
    if (m && pthread_mutex_init(&m->m, NULL) != 0) {
        free(m);
        return NULL;
    }
    return m;
}

void mb_mutex_destroy(mb_mutex *m)
{
    if (!m)
        return;
    pthread_mutex_destroy(&m->m);
    free(m);
}

void mb_mutex_lock(mb_mutex *m)
{
    pthread_mutex_lock(&m->m);
}

void mb_mutex_unlock(mb_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

mb_cond *mb_cond_create(void)
{
    pthread_condattr_t attr;
    mb_cond *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    if (pthread_condattr_init(&attr) != 0) {
        free(c);
        return NULL;
    }
    /* Timed waits count on the monotonic clock: a wall-clock step does
     * not shorten or stretch them. */
    if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&c->c, &attr) != 0) {
        pthread_condattr_destroy(&attr);
        free(c);
        return NULL;
    }
    pthread_condattr_destroy(&attr);
    return c;
}

void mb_cond_destroy(mb_cond *c)
{
    if (!c)
        return;
    pthread_cond_destroy(&c->c);
    free(c);
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
