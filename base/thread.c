/* thread.c: thread.h's objects, made and freed alike on every platform
 * around the OS calls of thread_posix.c / thread_win32.c (thread_os.h). */
#include "thread.h"

#include <stdlib.h>

#include "thread_os.h"

int mb_thread_start(mb_thread **out, void (*fn)(void *), void *arg)
{
    mb_thread *t = malloc(mb_thread_size);
    if (!t)
        return -1;
    if (thread_os_start(t, fn, arg) != 0) {
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
    thread_os_join(t);
    free(t);
}

mb_mutex *mb_mutex_create(void)
{
    mb_mutex *m = malloc(mb_mutex_size);
    if (m && mutex_os_init(m) != 0) {
        free(m);
        return NULL;
    }
    return m;
}

void mb_mutex_destroy(mb_mutex *m)
{
    if (!m)
        return;
    mutex_os_fini(m);
    free(m);
}

mb_cond *mb_cond_create(void)
{
    mb_cond *c = malloc(mb_cond_size);
    if (c && cond_os_init(c) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

void mb_cond_destroy(mb_cond *c)
{
    if (!c)
        return;
    cond_os_fini(c);
    free(c);
}
