/* notify_queue.h: the event loop of a program without a GUI toolkit (the
 * bot, the tests): a queue that notifier callbacks post into, and a wait
 * for the next notification.
 *
 * POSIX (notify_queue_posix.c): a mutex and a condition variable; the
 * notifier's watcher thread posts, the application's thread waits.
 * Win32 (notify_queue_win32.c): the thread's message loop: waiting pumps
 * messages (MsgWaitForMultipleObjects, PeekMessage, DispatchMessage), which
 * runs the notifiers' window procedures, which post here on the same
 * thread. A GUI uses its own queue instead (SDL user events).
 */
#ifndef MATCHBOARD_NOTIFY_QUEUE_H
#define MATCHBOARD_NOTIFY_QUEUE_H

#include "notifier.h"

typedef struct notify_queue notify_queue;

notify_queue *notify_queue_create(void);
void notify_queue_destroy(notify_queue *q);

/* A notifier_post_fn: user is the notify_queue. Never blocks; the queue
 * holds far more than the one-per-kind notifications a notifier has out. */
void notify_queue_post(void *user, const notifier_event *ev);

/* Wakes the waiting thread from any thread (a child_proc reader): the
 * wait returns 1 with an event whose `from` is NULL. Wakes posted while
 * one is pending are folded into it. */
void notify_queue_wake(notify_queue *q);

/* Waits up to timeout_ms (< 0: for ever) for a notification: 1 and *ev,
 * or 0 when the time ran out. */
int notify_queue_wait(notify_queue *q, notifier_event *ev, int timeout_ms);

#endif
