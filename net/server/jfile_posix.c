/* jfile_posix.c: jfile.h over open/write/fdatasync/rename/fcntl locks. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jfile.h"

struct jfile {
    int fd;
};

static _Thread_local int last_errno;

/* Remembers errno for jfile_error and answers -1. */
static int fail(void)
{
    last_errno = errno;
    return -1;
}

const char *jfile_error(void)
{
    return strerror(last_errno);
}

static int wrap(jfile **out, int fd)
{
    jfile *f;
    if (fd < 0)
        return fail();
    f = malloc(sizeof *f);
    if (!f) {
        close(fd);
        errno = ENOMEM;
        return fail();
    }
    f->fd = fd;
    *out = f;
    return 0;
}

int jfile_open(jfile **out, const char *path, int truncate)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0600);
    /* A file made by someone else, or before a umask change: owner only. */
    if (fd >= 0 && fchmod(fd, 0600) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return fail();
    }
    return wrap(out, fd);
}

int jfile_write(jfile *f, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t r = write(f->fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = ENOSPC;
            return fail();
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

int jfile_sync(jfile *f)
{
#if defined(__linux__)
    return fdatasync(f->fd) == 0 ? 0 : fail();
#else
    return fsync(f->fd) == 0 ? 0 : fail();
#endif
}

int jfile_truncate(jfile *f, uint64_t size)
{
    return ftruncate(f->fd, (off_t)size) == 0 ? 0 : fail();
}

void jfile_close(jfile *f)
{
    if (!f)
        return;
    close(f->fd);
    free(f);
}

int jfile_replace(const char *from, const char *to)
{
    char dir[1024];
    const char *slash = strrchr(to, '/');
    size_t n = slash ? (size_t)(slash - to) : 0;
    int fd;
    if (rename(from, to) != 0)
        return fail();
    /* The rename itself is durable once the folder is synced. */
    if (n == 0 && slash)
        n = 1;
    if (n >= sizeof dir)
        return 0;
    if (slash)
        memcpy(dir, to, n);
    else
        dir[n++] = '.';
    dir[n] = '\0';
    fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    return 0;
}

int jfile_lock(jfile **out, const char *path)
{
    struct flock fl;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail();
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return e == EACCES || e == EAGAIN ? 1 : fail();
    }
    return wrap(out, fd);
}

void jfile_unlock(jfile *lock)
{
    jfile_close(lock); /* closing the descriptor drops the lock */
}
