/* notify_queue_posix.c: notifications from watcher threads to the
 * application's thread, under a mutex and a condition variable. */
#include <stdlib.h>

#include "mono_clock.h"
#include "notify_queue.h"
#include "thread.h"

#define QUEUE_CAP 256

struct notify_queue {
    mb_mutex *mu;
    mb_cond *cv;
    notifier_event ev[QUEUE_CAP];
    size_t head, len;
    int woken; /* notify_queue_wake since the last wait returned it */
};

notify_queue *notify_queue_create(void)
{
    notify_queue *q = calloc(1, sizeof *q);
    if (q && (!(q->mu = mb_mutex_create()) || !(q->cv = mb_cond_create()))) {
        notify_queue_destroy(q);
        return NULL;
    }
    return q;
}

void notify_queue_destroy(notify_queue *q)
{
    if (!q)
        return;
    mb_cond_destroy(q->cv);
    mb_mutex_destroy(q->mu);
    free(q);
}

void notify_queue_post(void *user, const notifier_event *ev)
{
    notify_queue *q = user;
    mb_mutex_lock(q->mu);
    if (q->len < QUEUE_CAP) { /* each notifier has at most 4 out at once */
        q->ev[(q->head + q->len) % QUEUE_CAP] = *ev;
        q->len++;
    }
    mb_cond_signal(q->cv);
    mb_mutex_unlock(q->mu);
}

void notify_queue_wake(notify_queue *q)
{
    mb_mutex_lock(q->mu);
    q->woken = 1;
    mb_cond_signal(q->cv);
    mb_mutex_unlock(q->mu);
}

int notify_queue_wait(notify_queue *q, notifier_event *ev, int timeout_ms)
{
    uint64_t until = mb_now_ms() + (timeout_ms > 0 ? (uint64_t)timeout_ms : 0);
    int got = 0;
    mb_mutex_lock(q->mu);
    while (q->len == 0 && !q->woken && timeout_ms != 0) {
        uint64_t now = mb_now_ms();
        if (timeout_ms < 0)
            mb_cond_wait(q->cv, q->mu);
        else if (now >= until || mb_cond_wait_ms(q->cv, q->mu, (unsigned)(until - now)) != 0)
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
    mb_mutex_unlock(q->mu);
    return got;
}
