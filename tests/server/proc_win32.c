/* proc_win32.c: CreateProcess with a stdout pipe, CTRL_BREAK, exit codes.
 * Under Wine a POSIX absolute path "/x/y" is reached as "Z:\x\y". */
#include <windows.h>
#include <psapi.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mono_clock.h"
#include "proc.h"

struct proc {
    PROCESS_INFORMATION pi;
    HANDLE out;
};

static void append_arg(char *cmd, size_t cap, const char *a)
{
    size_t n = strlen(cmd);
    snprintf(cmd + n, cap - n, "%s\"%s\"", n ? " " : "", a);
}

int proc_start(proc **out, const char *exe, const char *const *args, const char *env)
{
    char path[1024], cmd[4096] = "";
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    STARTUPINFOA si;
    HANDLE rd, wr;
    proc *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    proc_native_path(path, sizeof path, exe);
    append_arg(cmd, sizeof cmd, path);
    for (size_t i = 0; args && args[i]; i++)
        append_arg(cmd, sizeof cmd, args[i]);
    if (!CreatePipe(&rd, &wr, &sa, 0)) {
        free(p);
        return -1;
    }
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    if (env) {
        char name[128];
        const char *eq = strchr(env, '=');
        size_t n = eq ? (size_t)(eq - env) : 0;
        if (eq && n < sizeof name) {
            memcpy(name, env, n);
            name[n] = '\0';
            SetEnvironmentVariableA(name, eq + 1); /* inherited by the child */
        }
    }
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, CREATE_NEW_PROCESS_GROUP, NULL, NULL, &si,
                        &p->pi)) {
        CloseHandle(rd);
        CloseHandle(wr);
        free(p);
        return -1;
    }
    if (env) {
        char name[128];
        const char *eq = strchr(env, '=');
        size_t n = (size_t)(eq - env);
        if (n < sizeof name) {
            memcpy(name, env, n);
            name[n] = '\0';
            SetEnvironmentVariableA(name, NULL);
        }
    }
    CloseHandle(wr);
    p->out = rd;
    proc_track_(p);
    *out = p;
    return 0;
}

int proc_read_line(proc *p, char *buf, size_t cap, int timeout_ms)
{
    size_t n = 0;
    uint64_t start = mb_now_ms();
    while (n + 1 < cap) {
        DWORD avail = 0, got = 0;
        char c;
        if (!PeekNamedPipe(p->out, NULL, 0, NULL, &avail, NULL))
            return -1;
        if (avail == 0) {
            if (mb_now_ms() - start > (uint64_t)timeout_ms)
                return -1;
            Sleep(10);
            continue;
        }
        if (!ReadFile(p->out, &c, 1, &got, NULL) || got == 0)
            return -1;
        if (c == '\n')
            break;
        if (c != '\r')
            buf[n++] = c;
    }
    buf[n] = '\0';
    return 0;
}

int proc_interrupt(proc *p)
{
    return GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, p->pi.dwProcessId) ? 0 : -1;
}

int proc_wait(proc *p, int timeout_ms)
{
    DWORD code = (DWORD)-1;
    int rc = -1;
    if (WaitForSingleObject(p->pi.hProcess, (DWORD)timeout_ms) == WAIT_OBJECT_0 &&
        GetExitCodeProcess(p->pi.hProcess, &code))
        rc = (int)code;
    else {
        TerminateProcess(p->pi.hProcess, 1);
        WaitForSingleObject(p->pi.hProcess, 5000);
    }
    CloseHandle(p->pi.hProcess);
    CloseHandle(p->pi.hThread);
    CloseHandle(p->out);
    proc_untrack_(p);
    free(p);
    return rc;
}

int proc_kill(proc *p)
{
    return TerminateProcess(p->pi.hProcess, 137) ? 0 : -1;
}

/* SystemExtendedHandleInformation (64): every handle of the system, with
 * its owner. The layout is the documented SYSTEM_HANDLE_INFORMATION_EX,
 * which mingw's headers do not declare. */
typedef struct handle_entry {
    PVOID object;
    ULONG_PTR pid;
    ULONG_PTR value;
    ULONG access;
    USHORT backtrace_index, type_index;
    ULONG attributes, reserved;
} handle_entry;

typedef struct handle_table {
    ULONG_PTR count, reserved;
    handle_entry entries[1];
} handle_table;

typedef LONG(NTAPI *query_system_fn)(ULONG, PVOID, ULONG, PULONG);

/* The handles process pid holds, counted in the system's handle table:
 * Wine's GetProcessHandleCount says 0 for any process, this works there
 * (and on Windows). -1 if the table cannot be read. */
static long count_handles(DWORD pid)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    query_system_fn query =
        ntdll ? (query_system_fn)(void (*)(void))GetProcAddress(ntdll, "NtQuerySystemInformation")
              : NULL;
    ULONG size = 1u << 20;
    long n = -1;
    for (int tries = 0; query && tries < 8; tries++, size *= 2) {
        ULONG got = 0;
        handle_table *t = malloc(size);
        LONG status;
        if (!t)
            return -1;
        status = query(64, t, size, &got);
        if (status == 0) {
            n = 0;
            for (ULONG_PTR i = 0; i < t->count; i++)
                if (t->entries[i].pid == pid)
                    n++;
        }
        free(t);
        if (status != (LONG)0xC0000004L) /* STATUS_INFO_LENGTH_MISMATCH: grow */
            break;
    }
    return n;
}

int proc_get_stats(proc *p, proc_stats *st)
{
    DWORD handles = 0;
    PROCESS_MEMORY_COUNTERS mc;
    HANDLE snap;
    st->handles = st->threads = st->rss_kib = -1;
    if (GetProcessHandleCount(p->pi.hProcess, &handles) && handles > 0)
        st->handles = (long)handles;
    else if ((st->handles = count_handles(p->pi.dwProcessId)) == 0)
        st->handles = -1; /* a live process holds some: the count is wrong */
    memset(&mc, 0, sizeof mc);
    mc.cb = sizeof mc;
    if (K32GetProcessMemoryInfo(p->pi.hProcess, &mc, sizeof mc) && mc.WorkingSetSize > 0)
        st->rss_kib = (long)(mc.WorkingSetSize / 1024);
    snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap != INVALID_HANDLE_VALUE) {
        THREADENTRY32 te;
        te.dwSize = sizeof te;
        st->threads = 0;
        for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te))
            if (te.th32OwnerProcessID == p->pi.dwProcessId)
                st->threads++;
        CloseHandle(snap);
        if (st->threads == 0)
            st->threads = -1;
    }
    return st->handles >= 0 || st->threads >= 0 || st->rss_kib >= 0 ? 0 : -1;
}

void proc_native_path(char *buf, size_t cap, const char *path)
{
    if (path[0] == '/')
        snprintf(buf, cap, "Z:%s", path);
    else
        snprintf(buf, cap, "%s", path);
    for (char *c = buf; *c; c++)
        if (*c == '/')
            *c = '\\';
}

void proc_self_path(char *buf, size_t cap, const char *argv0)
{
    DWORD n = GetModuleFileNameA(NULL, buf, (DWORD)cap);
    if (n == 0 || n >= cap)
        snprintf(buf, cap, "%s", argv0);
}

int proc_file_is_private(const char *path)
{
    (void)path;
    return -1;
}

int proc_remove_tree(const char *path)
{
    DWORD attr = GetFileAttributesA(path);
    WIN32_FIND_DATAA fd;
    HANDLE h;
    char sub[MAX_PATH];
    int rc = 0;
    if (attr == INVALID_FILE_ATTRIBUTES) {
        DWORD err = GetLastError();
        return err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND ? 0 : -1;
    }
    if (attr & FILE_ATTRIBUTE_READONLY)
        SetFileAttributesA(path, attr & ~(DWORD)FILE_ATTRIBUTE_READONLY);
    if (!(attr & FILE_ATTRIBUTE_DIRECTORY))
        return DeleteFileA(path) ? 0 : -1;
    /* A link to a folder goes, not what it points at. */
    if (!(attr & FILE_ATTRIBUTE_REPARSE_POINT) &&
        snprintf(sub, sizeof sub, "%s\\*", path) < (int)sizeof sub &&
        (h = FindFirstFileA(sub, &fd)) != INVALID_HANDLE_VALUE) {
        do {
            if (strcmp(fd.cFileName, ".") == 0 || strcmp(fd.cFileName, "..") == 0)
                continue;
            if (snprintf(sub, sizeof sub, "%s\\%s", path, fd.cFileName) >= (int)sizeof sub ||
                proc_remove_tree(sub) != 0)
                rc = -1;
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    return RemoveDirectoryA(path) ? rc : -1;
}
