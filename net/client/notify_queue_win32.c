/* notify_queue_win32.c: the thread's message loop as the bot's event
 * loop. The notifiers' message-only windows belong to this thread; waiting
 * here pumps its messages, their window procedures post notifications into
 * this queue (same thread, no lock), and the wait returns the first. */
#include <windows.h>

#include <stdlib.h>
#include <string.h>

#include "mono_clock.h"
#include "notify_queue.h"

#define QUEUE_CAP 256

struct notify_queue {
    notifier_event ev[QUEUE_CAP];
    size_t head, len;
    HANDLE wake; /* auto-reset event: notify_queue_wake */
};

notify_queue *notify_queue_create(void)
{
    notify_queue *q = calloc(1, sizeof(notify_queue));
    if (q && !(q->wake = CreateEventW(NULL, FALSE, FALSE, NULL))) {
        free(q);
        return NULL;
    }
    return q;
}

void notify_queue_destroy(notify_queue *q)
{
    if (q)
        CloseHandle(q->wake);
    free(q);
}

void notify_queue_wake(notify_queue *q)
{
    SetEvent(q->wake);
}

void notify_queue_post(void *user, const notifier_event *ev)
{
    notify_queue *q = user;
    if (q->len < QUEUE_CAP) {
        q->ev[(q->head + q->len) % QUEUE_CAP] = *ev;
        q->len++;
    }
}

static void pump(void)
{
    MSG msg;
    while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) {
        TranslateMessage(&msg);
        DispatchMessageW(&msg);
    }
}

int notify_queue_wait(notify_queue *q, notifier_event *ev, int timeout_ms)
{
    uint64_t start = mb_now_ms();
    for (;;) {
        DWORD wait = INFINITE;
        pump();
        if (q->len > 0) {
            *ev = q->ev[q->head];
            q->head = (q->head + 1) % QUEUE_CAP;
            q->len--;
            return 1;
        }
        if (timeout_ms >= 0) {
            uint64_t spent = mb_now_ms() - start;
            if (spent >= (uint64_t)timeout_ms)
                return 0;
            wait = (DWORD)((uint64_t)timeout_ms - spent);
        }
        if (MsgWaitForMultipleObjects(1, &q->wake, FALSE, wait, QS_ALLINPUT) == WAIT_OBJECT_0) {
            memset(ev, 0, sizeof *ev); /* from NULL: a wake */
            return 1;
        }
    }
}
