/* child_proc_win32.c: child_proc.h with CreateProcess, pipe handles, a
 * reader thread, and a job object that ends the children with us. The pipe ends the child gets are
 * the only inheritable handles; ours are made non-inheritable so that the child's end of its stdin
 * is the last one and it sees the end of its input when we close. */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child_proc.h"
#include "child_proc_lines.h"
#include "thread.h"

struct child_proc {
    PROCESS_INFORMATION pi;
    HANDLE in, out;
    mb_thread *reader;
    mb_mutex *mu;
    child_lines lines;
    child_proc_wake_fn wake;
    void *user;
};

static void reader_main(void *arg)
{
    child_proc *p = arg;
    char buf[4096];
    for (;;) {
        DWORD got = 0;
        BOOL ok = ReadFile(p->out, buf, sizeof buf, &got, NULL);
        mb_mutex_lock(p->mu);
        if (!ok || got == 0 || child_lines_add(&p->lines, buf, got) != 0)
            p->lines.ended = 1;
        mb_mutex_unlock(p->mu);
        if (p->wake)
            p->wake(p->user);
        if (!ok || got == 0)
            return;
    }
}

/* The job every child joins: closed when this process ends, however it
 * ends, it takes the children along (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). */
static HANDLE children_job(void)
{
    static HANDLE job;
    if (!job) {
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
        job = CreateJobObjectA(NULL, NULL);
        memset(&info, 0, sizeof info);
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if (job)
            SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info);
    }
    return job;
}

/* Appends one argument quoted as the C runtime's parser reads it back. */
static int append_arg(char *cmd, size_t cap, size_t *len, const char *a)
{
    size_t n = *len;
#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (n + 1 >= cap)                                                                          \
            return -1;                                                                             \
        cmd[n++] = (ch);                                                                           \
    } while (0)
    if (n)
        PUT(' ');
    PUT('"');
    for (const char *c = a;; c++) {
        size_t slashes = 0;
        while (*c == '\\') {
            slashes++;
            c++;
        }
        if (!*c) {
            for (size_t i = 0; i < 2 * slashes; i++)
                PUT('\\');
            break;
        }
        if (*c == '"') {
            for (size_t i = 0; i < 2 * slashes + 1; i++)
                PUT('\\');
        } else {
            for (size_t i = 0; i < slashes; i++)
                PUT('\\');
        }
        PUT(*c);
    }
    PUT('"');
#undef PUT
    cmd[n] = 0;
    *len = n;
    return 0;
}

int child_proc_start(child_proc **out, const char *const *argv, child_proc_wake_fn wake, void *user,
                     char *err, size_t errcap)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    STARTUPINFOA si;
    HANDLE in_rd, in_wr, out_rd, out_wr;
    char *cmd;
    size_t len = 0, cap = 32768;
    child_proc *p;
    *out = NULL;
    cmd = malloc(cap);
    p = calloc(1, sizeof *p);
    if (!cmd || !p) {
        free(cmd);
        free(p);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    cmd[0] = 0;
    for (size_t i = 0; argv[i]; i++) {
        if (append_arg(cmd, cap, &len, argv[i]) != 0) {
            free(cmd);
            free(p);
            snprintf(err, errcap, "command line too long");
            return -1;
        }
    }
    if (!CreatePipe(&in_rd, &in_wr, &sa, 0)) {
        free(cmd);
        free(p);
        snprintf(err, errcap, "CreatePipe failed (%lu)", (unsigned long)GetLastError());
        return -1;
    }
    if (!CreatePipe(&out_rd, &out_wr, &sa, 0)) {
        CloseHandle(in_rd);
        CloseHandle(in_wr);
        free(cmd);
        free(p);
        snprintf(err, errcap, "CreatePipe failed (%lu)", (unsigned long)GetLastError());
        return -1;
    }
    SetHandleInformation(in_wr, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out_rd, HANDLE_FLAG_INHERIT, 0);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_rd;
    si.hStdOutput = out_wr;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, &si, &p->pi)) {
        snprintf(err, errcap, "cannot run %s (error %lu)", argv[0], (unsigned long)GetLastError());
        CloseHandle(in_rd);
        CloseHandle(in_wr);
        CloseHandle(out_rd);
        CloseHandle(out_wr);
        free(cmd);
        free(p);
        return -1;
    }
    free(cmd);
    if (children_job())
        AssignProcessToJobObject(children_job(), p->pi.hProcess);
    CloseHandle(in_rd);
    CloseHandle(out_wr);
    CloseHandle(p->pi.hThread);
    p->in = in_wr;
    p->out = out_rd;
    p->wake = wake;
    p->user = user;
    if (!(p->mu = mb_mutex_create()) || mb_thread_start(&p->reader, reader_main, p) != 0) {
        snprintf(err, errcap, "cannot start a thread");
        TerminateProcess(p->pi.hProcess, 1);
        CloseHandle(p->pi.hProcess);
        CloseHandle(p->in);
        CloseHandle(p->out);
        mb_mutex_destroy(p->mu);
        free(p);
        return -1;
    }
    *out = p;
    return 0;
}

int child_proc_write(child_proc *p, const char *data, size_t len)
{
    while (len > 0) {
        DWORD put = 0;
        if (!p->in || !WriteFile(p->in, data, (DWORD)len, &put, NULL) || put == 0)
            return -1;
        data += put;
        len -= put;
    }
    return 0;
}

int child_proc_read_line(child_proc *p, char *buf, size_t cap)
{
    int r;
    mb_mutex_lock(p->mu);
    r = child_lines_pop(&p->lines, buf, cap);
    mb_mutex_unlock(p->mu);
    return r;
}

int child_proc_exit_status(child_proc *p, int wait_ms, char *how, size_t cap)
{
    DWORD code = 0;
    if (WaitForSingleObject(p->pi.hProcess, (DWORD)(wait_ms < 0 ? 0 : wait_ms)) != WAIT_OBJECT_0) {
        snprintf(how, cap, "is still running");
        return -1;
    }
    GetExitCodeProcess(p->pi.hProcess, &code);
    if (code >= 0xC0000000UL) { /* an exception code: it crashed */
        snprintf(how, cap, "crashed (exception 0x%08lX)", (unsigned long)code);
        return -1;
    }
    snprintf(how, cap, "exited with status %lu", (unsigned long)code);
    return (int)code;
}

void child_proc_terminate(child_proc *p)
{
    if (p)
        TerminateProcess(p->pi.hProcess, 1);
}

void child_proc_stop(child_proc *p, int wait_ms)
{
    if (!p)
        return;
    CloseHandle(p->in);
    p->in = NULL;
    if (WaitForSingleObject(p->pi.hProcess, (DWORD)(wait_ms < 0 ? 0 : wait_ms)) != WAIT_OBJECT_0) {
        TerminateProcess(p->pi.hProcess, 1);
        WaitForSingleObject(p->pi.hProcess, 10000);
    }
    mb_thread_join(p->reader);
    CloseHandle(p->out);
    CloseHandle(p->pi.hProcess);
    mb_mutex_destroy(p->mu);
    child_lines_free(&p->lines);
    free(p);
}

int child_proc_self_dir(char *buf, size_t cap)
{
    char path[MAX_PATH + 1];
    DWORD n = GetModuleFileNameA(NULL, path, MAX_PATH);
    char *sep;
    if (n == 0 || n >= MAX_PATH)
        return -1;
    path[n] = 0;
    sep = strrchr(path, '\\');
    if (!sep)
        sep = strrchr(path, '/');
    if (!sep)
        return -1;
    *sep = 0;
    if ((size_t)snprintf(buf, cap, "%s", path) >= cap)
        return -1;
    return 0;
}

const char *child_proc_exe_suffix(void)
{
    return ".exe";
}
