/* sys_win32.c: the wall clock, random bytes, console control and files on
 * Win32. */
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
#include "sys_win32.h"

static _Thread_local DWORD last_error;

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

long sys_stdin_read(void *buf, size_t n)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD got = 0;
    if (!in || in == INVALID_HANDLE_VALUE)
        return 0;
    if (!ReadFile(in, buf, n > 65536 ? 65536 : (DWORD)n, &got, NULL))
        return GetLastError() == ERROR_BROKEN_PIPE ? 0 : -1; /* the writer closed it */
    return (long)got;
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

int sys_sync_files(FILE *const *files, size_t n, int *synced)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        if (!(synced[i] = sys_sync_file(files[i]) == 0))
            rc = -1;
    return rc;
}

int sys_sync_dir(const char *path)
{
    (void)path;
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

const char *sys_win32_error_text(unsigned long code)
{
    static _Thread_local char text[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                             (DWORD)code, 0, text, sizeof text, NULL);
    if (n == 0)
        snprintf(text, sizeof text, "Windows error %lu", code);
    while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n' || text[n - 1] == '.'))
        text[--n] = '\0';
    return text;
}

const char *sys_last_error(void)
{
    return sys_win32_error_text(last_error);
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
