/* sys_posix.c: the wall clock, random bytes, signals, the descriptor limit
 * and files on POSIX. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* getrandom */
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#include <sys/utsname.h>
#endif

#include "sys.h"

static _Thread_local int last_errno;

static void utc_now(struct tm *tm, long *ms)
{
    struct timespec ts;
    time_t secs;
    clock_gettime(CLOCK_REALTIME, &ts);
    secs = ts.tv_sec;
    gmtime_r(&secs, tm);
    *ms = ts.tv_nsec / 1000000L;
}

void sys_log_time(char *buf, size_t cap)
{
    struct tm tm;
    long ms;
    utc_now(&tm, &ms);
    snprintf(buf, cap, "%04d-%02d-%02d %02d:%02d:%02d.%03ld", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void sys_record_date(char *buf, size_t cap)
{
    struct tm tm;
    long ms;
    utc_now(&tm, &ms);
    snprintf(buf, cap, "%04d.%02d.%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void sys_file_stamp(char *buf, size_t cap)
{
    struct tm tm;
    long ms;
    utc_now(&tm, &ms);
    snprintf(buf, cap, "%04d%02d%02d-%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int sys_random(uint8_t *buf, size_t n)
{
    size_t got = 0;
#if defined(__linux__)
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)r;
    }
    if (got == n)
        return 0;
#endif
    {
        int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return -1;
        while (got < n) {
            ssize_t r = read(fd, buf + got, n - got);
            if (r <= 0) {
                if (r < 0 && errno == EINTR)
                    continue;
                close(fd);
                return -1;
            }
            got += (size_t)r;
        }
        close(fd);
    }
    return 0;
}

static void (*stop_fn)(void);

static void on_signal(int sig)
{
    (void)sig;
    if (stop_fn)
        stop_fn();
}

int sys_on_stop(void (*fn)(void))
{
    struct sigaction sa;
    stop_fn = fn;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0 ||
        sigaction(SIGHUP, &sa, NULL) != 0)
        return -1;
    return 0;
}

void sys_stopped(void) {}

long sys_stdin_read(void *buf, size_t n)
{
    ssize_t r;
    while ((r = read(STDIN_FILENO, buf, n)) < 0 && errno == EINTR) {
    }
    return r < 0 ? -1 : (long)r;
}

int sys_mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                last_errno = errno;
                return -1;
            }
            buf[i] = c;
        }
    }
    {
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            last_errno = errno ? errno : ENOTDIR;
            return -1;
        }
    }
    return 0;
}

int sys_sync_file(FILE *f)
{
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
        last_errno = errno;
        return -1;
    }
    return 0;
}

/* Whether one syncfs may stand for an fsync of each file: Linux 5.8 on,
 * where it reports the filesystem's write errors (before, it says 0
 * whatever happened). */
static int syncfs_reports_errors(void)
{
#if defined(__linux__)
    struct utsname u;
    int major = 0, minor = 0;
    if (uname(&u) != 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2)
        return 0;
    return major > 5 || (major == 5 && minor >= 8);
#else
    return 0;
#endif
}

int sys_sync_files(FILE *const *files, size_t n, int *synced)
{
    int whole = 0, rc = 0;
    for (size_t i = 0; i < n; i++)
        if (!(synced[i] = fflush(files[i]) == 0))
            last_errno = errno;
#if defined(__linux__)
    /* One commit for all: an fsync each would flush the disk's cache each. */
    if (n > 1 && syncfs_reports_errors())
        whole = syncfs(fileno(files[0])) == 0;
#endif
    for (size_t i = 0; i < n; i++) {
        if (synced[i] && !whole && fsync(fileno(files[i])) != 0) {
            last_errno = errno;
            synced[i] = 0;
        }
        if (!synced[i])
            rc = -1;
    }
    return rc;
}

int sys_sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
    if (fd < 0 || fsync(fd) != 0) {
        last_errno = errno;
        rc = -1;
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

int sys_rename_noreplace(const char *from, const char *to)
{
#if defined(__linux__) && defined(RENAME_NOREPLACE)
    /* One call where the filesystem has it; else as below. */
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno == EEXIST) {
        last_errno = errno;
        return 1;
    }
#endif
    /* link() fails if `to` exists: an atomic no-clobber rename. */
    if (link(from, to) != 0) {
        struct stat st;
        last_errno = errno;
        if (errno == EEXIST)
            return 1;
        /* Filesystems without hard links: check, then rename. */
        if (stat(to, &st) == 0)
            return 1;
        if (rename(from, to) != 0) {
            last_errno = errno;
            return -1;
        }
        return 0;
    }
    unlink(from);
    return 0;
}

const char *sys_last_error(void)
{
    return strerror(last_errno);
}

/* ---- descriptors ---- */

#define FD_RESERVE_BASE 32   /* stdio, listeners, records, random, the spare */
#define FD_PER_LOOP     3    /* epoll and the wake pipe of each thread */
#define SOCKS_PER_LOOP  2048 /* about what one match thread holds (evloop_posix.c) */

static int spare_fd = -1;

size_t sys_socket_budget(void)
{
    struct rlimit r;
    size_t limit, reserve;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY)
        return 0;
    limit = (size_t)r.rlim_cur;
    reserve = FD_RESERVE_BASE + FD_PER_LOOP * (limit / SOCKS_PER_LOOP + 1);
    return limit > 2 * reserve ? limit - reserve : limit / 2;
}

int sys_spare_release(void)
{
    if (spare_fd < 0)
        return -1;
    close(spare_fd);
    spare_fd = -1;
    return 0;
}

void sys_spare_take(void)
{
    if (spare_fd < 0)
        spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}
