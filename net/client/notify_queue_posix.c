/* notify_queue_posix.c: notifications from watcher threads to the
 * application's thread, under a mutex and a condition variable. */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "notify_queue.h"

#define QUEUE_CAP 256

struct notify_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    notifier_event ev[QUEUE_CAP];
    size_t head, len;
    int woken; /* notify_queue_wake since the last wait returned it */
};

notify_queue *notify_queue_create(void)
{
    pthread_condattr_t attr;
    notify_queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    pthread_mutex_init(&q->mu, NULL);
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&q->cv, &attr);
    pthread_condattr_destroy(&attr);
    return q;
}

void notify_queue_destroy(notify_queue *q)
{
    if (!q)
        return;
    pthread_cond_destroy(&q->cv);
    pthread_mutex_destroy(&q->mu);
    free(q);
}

void notify_queue_post(void *user, const notifier_event *ev)
{
    notify_queue *q = user;
    pthread_mutex_lock(&q->mu);
    if (q->len < QUEUE_CAP) { /* each notifier has at most 4 out at once */
        q->ev[(q->head + q->len) % QUEUE_CAP] = *ev;
        q->len++;
    }
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

void notify_queue_wake(notify_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->woken = 1;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

int notify_queue_wait(notify_queue *q, notifier_event *ev, int timeout_ms)
{
    struct timespec until;
    int got = 0;
    clock_gettime(CLOCK_MONOTONIC, &until);
    if (timeout_ms > 0) {
        until.tv_sec += timeout_ms / 1000;
        until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&q->mu);
    while (q->len == 0 && !q->woken && timeout_ms != 0) {
        if (timeout_ms < 0)
            pthread_cond_wait(&q->cv, &q->mu);
        else if (pthread_cond_timedwait(&q->cv, &q->mu, &until) != 0)
            break;
    }
    if (q->len > 0) {
        *ev = q->ev[q->head];
        q->head = (q->head + 1) % QUEUE_CAP;
        q->len--;
        got = 1;
    } else if (q->woken) {
        q->woken = 0;
        *ev = (notifier_event){0}; /* from NULL: a wake */
        got = 1;
    }
    pthread_mutex_unlock(&q->mu);
    return got;
}
