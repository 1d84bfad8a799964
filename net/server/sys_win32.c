/* sys_win32.c: threads, clocks, random bytes, console control and files
 * on Win32. */
#include <winsock2.h>
#include <windows.h>
#include <bcrypt.h>
#include <direct.h>
#include <errno.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sys.h"

struct sys_thread {
    HANDLE h;
    void (*fn)(void *);
    void *arg;
};

struct sys_mutex {
    CRITICAL_SECTION cs;
};

static _Thread_local DWORD last_error;

static DWORD WINAPI thread_main(LPVOID p)
{
    sys_thread *t = p;
    t->fn(t->arg);
    return 0;
}

int sys_thread_start(sys_thread **out, void (*fn)(void *), void *arg)
{
    sys_thread *t = malloc(sizeof *t);
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

void sys_thread_join(sys_thread *t)
{
    if (!t)
        return;
    WaitForSingleObject(t->h, INFINITE);
    CloseHandle(t->h);
    free(t);
}

sys_mutex *sys_mutex_create(void)
{
    sys_mutex *m = malloc(sizeof *m);
    if (m)
        InitializeCriticalSection(&m->cs);
    return m;
}

void sys_mutex_destroy(sys_mutex *m)
{
    if (!m)
        return;
    DeleteCriticalSection(&m->cs);
    free(m);
}

void sys_mutex_lock(sys_mutex *m)
{
    EnterCriticalSection(&m->cs);
}

void sys_mutex_unlock(sys_mutex *m)
{
    LeaveCriticalSection(&m->cs);
}

struct sys_cond {
    CONDITION_VARIABLE cv;
};

sys_cond *sys_cond_create(void)
{
    sys_cond *c = malloc(sizeof *c);
    if (c)
        InitializeConditionVariable(&c->cv);
    return c;
}

void sys_cond_destroy(sys_cond *c)
{
    free(c); /* a Win32 condition variable holds no resources */
}

void sys_cond_wait(sys_cond *c, sys_mutex *m)
{
    SleepConditionVariableCS(&c->cv, &m->cs, INFINITE);
}

void sys_cond_wait_ms(sys_cond *c, sys_mutex *m, unsigned ms)
{
    SleepConditionVariableCS(&c->cv, &m->cs, ms);
}

void sys_cond_signal(sys_cond *c)
{
    WakeConditionVariable(&c->cv);
}

void sys_cond_broadcast(sys_cond *c)
{
    WakeAllConditionVariable(&c->cv);
}

uint64_t sys_now_ms(void)
{
    return (uint64_t)GetTickCount64();
}

void sys_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

static void utc_now(SYSTEMTIME *st)
{
    GetSystemTime(st);
}

void sys_log_time(char *buf, size_t cap)
{
    SYSTEMTIME st;
    utc_now(&st);
    snprintf(buf, cap, "%04u-%02u-%02u %02u:%02u:%02u.%03u", st.wYear, st.wMonth, st.wDay, st.wHour,
             st.wMinute, st.wSecond, st.wMilliseconds);
}

void sys_record_date(char *buf, size_t cap)
{
    SYSTEMTIME st;
    utc_now(&st);
    snprintf(buf, cap, "%04u.%02u.%02u", st.wYear, st.wMonth, st.wDay);
}

void sys_file_stamp(char *buf, size_t cap)
{
    SYSTEMTIME st;
    utc_now(&st);
    snprintf(buf, cap, "%04u%02u%02u-%02u%02u%02u", st.wYear, st.wMonth, st.wDay, st.wHour,
             st.wMinute, st.wSecond);
}

int sys_random(uint8_t *buf, size_t n)
{
    if (n > 0xFFFFFFFFu)
        return -1;
    return BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0 ? 0 : -1;
}

static void (*stop_fn)(void);
static HANDLE stopped_event;

static BOOL WINAPI on_console(DWORD type)
{
    if (stop_fn)
        stop_fn();
    if (type == CTRL_CLOSE_EVENT || type == CTRL_LOGOFF_EVENT || type == CTRL_SHUTDOWN_EVENT) {
        /* Windows ends the process when this returns: let the goodbyes
         * and records finish first (the system allows about 5 s). */
        if (stopped_event)
            WaitForSingleObject(stopped_event, 4500);
    }
    return TRUE;
}

int sys_on_stop(void (*fn)(void))
{
    stop_fn = fn;
    stopped_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    return SetConsoleCtrlHandler(on_console, TRUE) ? 0 : -1;
}

void sys_stopped(void)
{
    if (stopped_event)
        SetEvent(stopped_event);
}

int sys_mkdirs(const char *path)
{
    char buf[MAX_PATH * 4];
    size_t n = strlen(path);
    DWORD attr;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\\' || buf[i] == '\0') {
            char c = buf[i];
            if (i == 2 && buf[1] == ':')
                continue; /* "C:" */
            buf[i] = '\0';
            if (!CreateDirectoryA(buf, NULL) && GetLastError() != ERROR_ALREADY_EXISTS) {
                last_error = GetLastError();
                return -1;
            }
            buf[i] = c;
        }
    }
    attr = GetFileAttributesA(path);
    if (attr == INVALID_FILE_ATTRIBUTES || !(attr & FILE_ATTRIBUTE_DIRECTORY)) {
        last_error = attr == INVALID_FILE_ATTRIBUTES ? GetLastError() : ERROR_DIRECTORY;
        return -1;
    }
    return 0;
}

int sys_sync_file(FILE *f)
{
    HANDLE h;
    if (fflush(f) != 0)
        return -1;
    h = (HANDLE)_get_osfhandle(_fileno(f));
    if (h == INVALID_HANDLE_VALUE || !FlushFileBuffers(h)) {
        last_error = GetLastError();
        return -1;
    }
    return 0;
}

int sys_rename_noreplace(const char *from, const char *to)
{
    /* Without MOVEFILE_REPLACE_EXISTING the move fails if `to` exists. */
    if (MoveFileExA(from, to, MOVEFILE_WRITE_THROUGH))
        return 0;
    last_error = GetLastError();
    return last_error == ERROR_ALREADY_EXISTS || last_error == ERROR_FILE_EXISTS ? 1 : -1;
}

const char *sys_last_error(void)
{
    static _Thread_local char text[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                             last_error, 0, text, sizeof text, NULL);
    if (n == 0)
        snprintf(text, sizeof text, "Windows error %lu", (unsigned long)last_error);
    while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n' || text[n - 1] == '.'))
        text[--n] = '\0';
    return text;
}

/* ---- descriptors: sockets are not bounded by a descriptor limit ---- */

size_t sys_socket_budget(void)
{
    return 0;
}

int sys_spare_release(void)
{
    return -1;
}

void sys_spare_take(void) {}
