/* child_proc_posix.c: child_proc.h with fork/exec, pipes and a reader
 * thread. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include "child_proc.h"
#include "child_proc_lines.h"
#include "mono_clock.h"
#include "thread.h"

struct child_proc {
    pid_t pid;
    int in_fd, out_fd;
    mb_thread *reader;
    mb_mutex *mu;
    child_lines lines;
    child_proc_wake_fn wake;
    void *user;
    int reaped, status;
};

static void reader_main(void *arg)
{
    child_proc *p = arg;
    char buf[4096];
    for (;;) {
        ssize_t r = read(p->out_fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        mb_mutex_lock(p->mu);
        if (r <= 0 || child_lines_add(&p->lines, buf, (size_t)r) != 0)
            p->lines.ended = 1;
        mb_mutex_unlock(p->mu);
        if (p->wake)
            p->wake(p->user);
        if (r <= 0)
            return;
    }
}

int child_proc_start(child_proc **out, const char *const *argv, child_proc_wake_fn wake, void *user,
                     char *err, size_t errcap)
{
    int to_child[2], from_child[2], report[2];
    child_proc *p;
    pid_t pid;
    int child_errno = 0;
    ssize_t got;
    *out = NULL;
    /* a write to an engine that has died must fail, not kill us */
    signal(SIGPIPE, SIG_IGN);
    if (pipe2(to_child, O_CLOEXEC) != 0) {
        snprintf(err, errcap, "pipe: %s", strerror(errno));
        return -1;
    }
    if (pipe2(from_child, O_CLOEXEC) != 0) {
        snprintf(err, errcap, "pipe: %s", strerror(errno));
        close(to_child[0]);
        close(to_child[1]);
        return -1;
    }
    if (pipe2(report, O_CLOEXEC) != 0) {
        snprintf(err, errcap, "pipe: %s", strerror(errno));
        close(to_child[0]);
        close(to_child[1]);
        close(from_child[0]);
        close(from_child[1]);
        return -1;
    }
    pid = fork();
    if (pid == 0) {
        int e;
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
#ifdef __linux__
        /* a parent killed outright takes its children along */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
        signal(SIGPIPE, SIG_DFL);
        execvp(argv[0], (char *const *)argv);
        e = errno;
        if (e == ENOENT && !strchr(argv[0], '/')) {
            /* Debian installs game engines (stockfish) in /usr/games, which
             * not every PATH has */
            char games[PATH_MAX] = "/usr/games/"; /* no snprintf after fork */
            size_t n = strlen(argv[0]);
            if (n + 12 < sizeof games) {
                memcpy(games + 11, argv[0], n + 1);
                execv(games, (char *const *)argv);
            }
        }
        if (write(report[1], &e, sizeof e) < 0)
            _exit(127);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    close(report[1]);
    if (pid < 0) {
        snprintf(err, errcap, "fork: %s", strerror(errno));
        close(to_child[1]);
        close(from_child[0]);
        close(report[0]);
        return -1;
    }
    /* the report pipe closes at exec; it carries errno when exec failed */
    do
        got = read(report[0], &child_errno, sizeof child_errno);
    while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof child_errno) {
        snprintf(err, errcap, "cannot run %s: %s", argv[0], strerror(child_errno));
        waitpid(pid, NULL, 0);
        close(to_child[1]);
        close(from_child[0]);
        return -1;
    }
    p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errcap, "out of memory");
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(to_child[1]);
        close(from_child[0]);
        return -1;
    }
    p->pid = pid;
    p->in_fd = to_child[1];
    p->out_fd = from_child[0];
    p->wake = wake;
    p->user = user;
    if (!(p->mu = mb_mutex_create()) || mb_thread_start(&p->reader, reader_main, p) != 0) {
        snprintf(err, errcap, "cannot start a thread");
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(p->in_fd);
        close(p->out_fd);
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
        ssize_t w;
        if (p->in_fd < 0)
            return -1;
        w = write(p->in_fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        data += w;
        len -= (size_t)w;
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

/* Reaps the child within wait_ms: 1 when it has ended. */
static int reap(child_proc *p, int wait_ms)
{
    for (int waited = 0;; waited += 10) {
        pid_t r;
        if (p->reaped)
            return 1;
        r = waitpid(p->pid, &p->status, WNOHANG);
        if (r == p->pid || (r < 0 && errno != EINTR)) {
            p->reaped = 1;
            return 1;
        }
        if (waited >= wait_ms)
            return 0;
        mb_sleep_ms(10);
    }
}

int child_proc_exit_status(child_proc *p, int wait_ms, char *how, size_t cap)
{
    if (!reap(p, wait_ms)) {
        snprintf(how, cap, "is still running");
        return -1;
    }
    if (WIFEXITED(p->status)) {
        snprintf(how, cap, "exited with status %d", WEXITSTATUS(p->status));
        return WEXITSTATUS(p->status);
    }
    if (WIFSIGNALED(p->status)) {
        snprintf(how, cap, "was killed by signal %d (%s)", WTERMSIG(p->status),
                 strsignal(WTERMSIG(p->status)));
        return -1;
    }
    snprintf(how, cap, "ended");
    return -1;
}

void child_proc_terminate(child_proc *p)
{
    if (p && !p->reaped)
        kill(p->pid, SIGTERM);
}

void child_proc_stop(child_proc *p, int wait_ms)
{
    if (!p)
        return;
    close(p->in_fd);
    p->in_fd = -1;
    if (!reap(p, wait_ms)) {
        kill(p->pid, SIGKILL);
        reap(p, 10000);
    }
    /* the reader ends at the end of the output, which came with the exit
     * unless a grandchild still holds the pipe */
    mb_thread_join(p->reader);
    close(p->out_fd);
    mb_mutex_destroy(p->mu);
    child_lines_free(&p->lines);
    free(p);
}

int child_proc_self_dir(char *buf, size_t cap)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    char *slash;
    if (n <= 0)
        return -1;
    path[n] = 0;
    slash = strrchr(path, '/');
    if (!slash)
        return -1;
    *slash = 0;
    if ((size_t)snprintf(buf, cap, "%s", path) >= cap)
        return -1;
    return 0;
}

const char *child_proc_exe_suffix(void)
{
    return "";
}
