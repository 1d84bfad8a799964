/* thread_win32.c: thread.h's OS calls over CreateThread, critical sections
 * and condition variables (thread_os.h). */
#include <windows.h>

#include "thread_os.h"

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

const size_t mb_thread_size = sizeof(mb_thread), mb_mutex_size = sizeof(mb_mutex),
             mb_cond_size = sizeof(mb_cond);

static DWORD WINAPI thread_main(LPVOID p)
{
    mb_thread *t = p;
    t->fn(t->arg);
    return 0;
}

int thread_os_start(mb_thread *t, void (*fn)(void *), void *arg)
{
    t->fn = fn;
    t->arg = arg;
    t->h = CreateThread(NULL, 0, thread_main, t, 0, NULL);
    return t->h ? 0 : -1;
}

void thread_os_join(mb_thread *t)
{
    WaitForSingleObject(t->h, INFINITE);
    CloseHandle(t->h);
}

int mutex_os_init(mb_mutex *m)
{
    InitializeCriticalSection(&m->cs);
    return 0;
}

void mutex_os_fini(mb_mutex *m)
{
    DeleteCriticalSection(&m->cs);
}

void mb_mutex_lock(mb_mutex *m)
{
    EnterCriticalSection(&m->cs);
}

void mb_mutex_unlock(mb_mutex *m)
{
    LeaveCriticalSection(&m->cs);
}

int cond_os_init(mb_cond *c)
{
    InitializeConditionVariable(&c->cv);
    return 0;
}

void cond_os_fini(mb_cond *c)
{
    (void)c; /* a Win32 condition variable holds no resources */
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
