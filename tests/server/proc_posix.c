/* proc_posix.c: fork/exec with a stdout pipe, SIGTERM, waitpid. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"

struct proc {
    pid_t pid;
    int out; /* read end of its stdout */
};

/* MB_TEST_WRAPPER="valgrind --error-exitcode=99 ...": every program the
 * tests start runs under that command (split at spaces). Its words are
 * copied into wrap_buf and pointed at by the first *nwrap entries of words. */
#define MAX_WRAP_WORDS 16
static size_t wrapper_words(char *wrap_buf, size_t cap, char **words)
{
    const char *w = getenv("MB_TEST_WRAPPER");
    size_t n = 0;
    char *tok, *save = NULL;
    if (!w || strlen(w) >= cap)
        return 0;
    strcpy(wrap_buf, w);
    for (tok = strtok_r(wrap_buf, " ", &save); tok && n < MAX_WRAP_WORDS;
         tok = strtok_r(NULL, " ", &save))
        words[n++] = tok;
    return n;
}

int proc_start(proc **out, const char *exe, const char *const *args, const char *env)
{
    int fds[2];
    size_t n = 0, nwrap;
    char **argv, *wrap[MAX_WRAP_WORDS], wrap_buf[512];
    proc *p = calloc(1, sizeof *p);
    while (args && args[n])
        n++;
    nwrap = wrapper_words(wrap_buf, sizeof wrap_buf, wrap);
    argv = calloc(nwrap + n + 2, sizeof *argv);
    if (!p || !argv || pipe(fds) != 0) {
        free(p);
        free(argv);
        return -1;
    }
    for (size_t i = 0; i < nwrap; i++)
        argv[i] = wrap[i];
    argv[nwrap] = (char *)exe;
    for (size_t i = 0; i < n; i++)
        argv[nwrap + i + 1] = (char *)args[i];
    p->pid = fork();
    if (p->pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        if (env) {
            char name[128];
            const char *eq = strchr(env, '=');
            size_t n = eq ? (size_t)(eq - env) : 0;
            if (eq && n < sizeof name) {
                memcpy(name, env, n);
                name[n] = '\0';
                setenv(name, eq + 1, 1);
            }
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    free(argv);
    if (p->pid < 0) {
        close(fds[0]);
        free(p);
        return -1;
    }
    p->out = fds[0];
    proc_track_(p);
    *out = p;
    return 0;
}

int proc_read_line(proc *p, char *buf, size_t cap, int timeout_ms)
{
    size_t n = 0;
    while (n + 1 < cap) {
        struct pollfd pf = {p->out, POLLIN, 0};
        char c;
        ssize_t r;
        if (poll(&pf, 1, timeout_ms) <= 0)
            return -1;
        r = read(p->out, &c, 1);
        if (r <= 0)
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
    return kill(p->pid, SIGTERM) == 0 ? 0 : -1;
}

int proc_wait(proc *p, int timeout_ms)
{
    int status = 0, code = -1;
    for (int waited = 0;; waited += 10) {
        pid_t r = waitpid(p->pid, &status, WNOHANG);
        if (r == p->pid) {
            code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (waited >= timeout_ms) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &status, 0);
            break;
        }
        proc_sleep_ms(10);
    }
    close(p->out);
    proc_untrack_(p);
    free(p);
    return code;
}

int proc_kill(proc *p)
{
    return kill(p->pid, SIGKILL) == 0 ? 0 : -1;
}

/* A "Name:   value kB" line of /proc/PID/status. */
static long status_field(const char *status, const char *name)
{
    const char *at = strstr(status, name);
    return at ? strtol(at + strlen(name), NULL, 10) : -1;
}

int proc_get_stats(proc *p, proc_stats *st)
{
    char path[64], status[4096];
    size_t n;
    FILE *f;
    DIR *d;
    struct dirent *e;
    st->handles = st->threads = st->rss_kib = -1;
    snprintf(path, sizeof path, "/proc/%ld/fd", (long)p->pid);
    if ((d = opendir(path)) != NULL) {
        st->handles = 0;
        while ((e = readdir(d)) != NULL)
            if (e->d_name[0] != '.')
                st->handles++;
        closedir(d);
    }
    snprintf(path, sizeof path, "/proc/%ld/status", (long)p->pid);
    if ((f = fopen(path, "r")) != NULL) {
        n = fread(status, 1, sizeof status - 1, f);
        status[n] = '\0';
        fclose(f);
        st->threads = status_field(status, "\nThreads:");
        st->rss_kib = status_field(status, "\nVmRSS:");
    }
    return st->handles >= 0 || st->threads >= 0 ? 0 : -1;
}

void proc_native_path(char *buf, size_t cap, const char *path)
{
    snprintf(buf, cap, "%s", path);
}

void proc_self_path(char *buf, size_t cap, const char *argv0)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n > 0) {
        buf[n] = '\0';
        return;
    }
    snprintf(buf, cap, "%s", argv0);
}

int proc_file_is_private(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return 0;
    return (sb.st_mode & 077) == 0;
}

int proc_remove_tree(const char *path)
{
    struct stat st;
    struct dirent *e;
    DIR *d;
    int rc = 0;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0 ? 0 : -1;
    if (!(d = opendir(path)))
        return -1;
    while ((e = readdir(d)) != NULL) {
        char sub[1024];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub ||
            proc_remove_tree(sub) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) == 0 ? rc : -1;
}
