/* thread_win32.c: thread.h over CreateThread, critical sections and
 * condition variables. */
#include "thread.h"

#include <windows.h>
#include <stdlib.h>

struct mb_thread {
    HANDLE h;
    void (*fn)(void *);
    void *arg;
};

struct mb_mutex {
    CRITICAL_SECTION cs;
};

struct mb_cond {
    CONDITION_VARIABLE cv;
};

static DWORD WINAPI thread_main(LPVOID p)
{
    mb_thread *t = p;
    t->fn(t->arg);
    return 0;
}

int mb_thread_start(mb_thread **out, void (*fn)(void *), void *arg)
{
    mb_thread *t = malloc(sizeof *t);
    if (!t)
        return -1;
    t->fn = fn;
    t->arg = arg;
    t->h = CreateThread(NULL, 0, thread_main, t, 0, NULL);
    if (!t->h) {
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
    WaitForSingleObject(t->h, INFINITE);
    CloseHandle(t->h);
    free(t);
}

mb_mutex *mb_mutex_create(void)
{
    mb_mutex *m = malloc(sizeof *m);
    if (m)
        InitializeCriticalSection(&m->cs);
    return m;
}

void mb_mutex_destroy(mb_mutex *m)
{
    if (!m)
        return;
    DeleteCriticalSection(&m->cs);
    free(m);
}

void mb_mutex_lock(mb_mutex *m)
{
    EnterCriticalSection(&m->cs);
}

void mb_mutex_unlock(mb_mutex *m)
{
    LeaveCriticalSection(&m->cs);
}

mb_cond *mb_cond_create(void)
{
    mb_cond *c = malloc(sizeof *c);
    if (c)
        InitializeConditionVariable(&c->cv);
    return c;
}

void mb_cond_destroy(mb_cond *c)
{
    free(c); /* a Win32 condition variable holds no resources */
}

void mb_cond_wait(mb_cond *c, mb_mutex *m)
{
    SleepConditionVariableCS(&c->cv, &m->cs, INFINITE);
}

int mb_cond_wait_ms(mb_cond *c, mb_mutex *m, unsigned ms)
{
    if (SleepConditionVariableCS(&c->cv, &m->cs, ms))
        return 0;
    return GetLastError() == ERROR_TIMEOUT ? 1 : 0;
}

void mb_cond_signal(mb_cond *c)
{
    WakeConditionVariable(&c->cv);
}

void mb_cond_broadcast(mb_cond *c)
{
    WakeAllConditionVariable(&c->cv);
}
