/* jfile_posix.c: jfile.h over POSIX files: appends through a shared
 * mapping of preallocated space (or write(2) where that is not to be had),
 * fdatasync, rename and fcntl locks.
 *
 * Appends without a system call. An open file reserves one large virtual
 * range (1 GiB, MAP_SHARED over the file; the journal is compacted far
 * below it) and keeps real blocks preallocated (posix_fallocate) from its
 * logical end to a chunk (1 MiB) beyond it. An append is a memcpy into
 * that range: the bytes are in the file's page cache at once, exactly as
 * after write(2), so they survive the server's death (kill -9) and go to
 * the disk with the next jfile_sync. The mapping is made once and never
 * moves, so nothing another thread holds goes stale as the file grows.
 *
 *   growth     When an append would pass the preallocated end, the file is
 *              preallocated to a chunk past it first; a full disk (or file
 *              size limit) is then the error jfile_write returns (ENOSPC,
 *              EFBIG; it retries with just what the append needs first),
 *              never a SIGBUS on a page without a block.
 *   faults     On Linux a window (64 KiB) ahead of the end is prefaulted
 *              writable (MADV_POPULATE_WRITE, 5.14 on; ignored before), and
 *              the page table entries behind the end dropped
 *              (MADV_DONTNEED: the page cache keeps the bytes, dirty), both
 *              once per half window: appends do not fault a fresh page and
 *              the process's RSS does not grow with the file. The window's
 *              pages are dirty zeros until written (a sync writes them out
 *              once, at most 64 KiB); after a sync the page being appended
 *              faults once more (write-protected for writeback).
 *   the end    The file's size is the preallocated end, past the bytes
 *              written: a server killed or a machine stopped leaves a run
 *              of NUL bytes after the last line, which journal_read.c reads
 *              as the journal's end. jfile_truncate zeroes the bytes it cuts
 *              (no half line becomes visible after a crash); jfile_close
 *              cuts the file to its logical end; jfile_open finds that end
 *              again past a NUL tail left by a crash.
 *   sync       fdatasync on Linux writes the mapping's dirty pages (they
 *              are the page cache's); elsewhere msync(MS_SYNC) and fsync.
 *              It reads only fields fixed at open (fd, map, reserve), as
 *              the journal syncs outside its lock while others append.
 *   threads    write, truncate and close are called under the journal's
 *              lock (or on a file of one thread, compaction's), as before.
 *
 * The write(2) path (pwrite at the logical end) is taken for the whole life
 * of a file where the mapping is not safe or not possible: a 32-bit
 * address space, a file system not known to rewrite preallocated blocks in
 * place (on Linux only ext4, XFS and tmpfs are mapped; a copy-on-write one
 * such as btrfs needs new blocks for every rewrite, which a mapping could
 * only report as SIGBUS; an overlay hides what lies under it), any failed
 * mmap or preallocation at open; and from the append that would pass the
 * reserved range on (the file is cut to its end first). Either path keeps
 * the same guarantees.
 */
#define _DEFAULT_SOURCE 1 /* madvise and its MADV_* flags */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif

#include "jfile.h"
#include "jfile_posix.h"

#define RESERVE ((size_t)1 << 30)  /* the virtual range of a mapped file */
#define CHUNK   ((size_t)1 << 20)  /* preallocated past the end at a time */
#define WINDOW  ((size_t)64 << 10) /* prefaulted ahead of the end */

struct jfile {
    int fd;
    char *map;          /* the reserved range over the file, or NULL; fixed */
    int mapped;         /* appends go through map (else pwrite) */
    int no_populate;    /* the kernel refused MADV_POPULATE_WRITE */
    uint64_t end;       /* the logical end: the bytes written */
    uint64_t alloc;     /* the file's size: preallocated up to here */
    uint64_t populated; /* prefaulted up to here */
    uint64_t released;  /* page table entries dropped below here */
    size_t reserve;     /* the size of map; fixed */
    size_t chunk, window, page;
};

/* The sizes for files opened from now on (jfile_posix_tune); 0: default. */
static size_t tune_reserve, tune_chunk, tune_window;
static int tune_no_map;

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

void jfile_posix_tune(size_t reserve, size_t chunk, size_t window, int map)
{
    tune_reserve = reserve;
    tune_chunk = chunk;
    tune_window = window;
    tune_no_map = !map;
}

int jfile_posix_mapped(const jfile *f)
{
    return f->mapped;
}

uint64_t jfile_posix_allocated(const jfile *f)
{
    return f->alloc;
}

static uint64_t round_up(uint64_t n, size_t to)
{
    return (n + to - 1) / to * to;
}

static uint64_t round_down(uint64_t n, size_t to)
{
    return n / to * to;
}

static int wrap(jfile **out, int fd)
{
    jfile *f;
    long page = sysconf(_SC_PAGESIZE);
    if (fd < 0)
        return fail();
    f = calloc(1, sizeof *f);
    if (!f) {
        close(fd);
        errno = ENOMEM;
        return fail();
    }
    f->fd = fd;
    f->page = page > 0 ? (size_t)page : 4096;
    f->reserve = (size_t)round_up(tune_reserve ? tune_reserve : RESERVE, f->page);
    f->chunk = (size_t)round_up(tune_chunk ? tune_chunk : CHUNK, f->page);
    f->window = (size_t)round_up(tune_window ? tune_window : WINDOW, f->page);
    *out = f;
    return 0;
}

/* Finds the logical end: the file's size less a tail of NUL bytes (the
 * preallocated space a killed process left). 0, or -1 with errno set. */
static int find_end(jfile *f)
{
    struct stat st;
    char buf[4096];
    uint64_t end;
    if (fstat(f->fd, &st) != 0)
        return -1;
    f->alloc = end = st.st_size > 0 ? (uint64_t)st.st_size : 0;
    while (end > 0) {
        size_t n = end % sizeof buf ? (size_t)(end % sizeof buf) : sizeof buf;
        ssize_t got = pread(f->fd, buf, n, (off_t)(end - n));
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)n)
            return got < 0 ? -1 : (errno = EIO, -1);
        while (n > 0 && buf[n - 1] == '\0') {
            n--;
            end--;
        }
        if (n > 0)
            break;
    }
    f->end = end;
    return 0;
}

/* Whether preallocated blocks of this file are rewritten in place, so a
 * mapped page never needs a block the disk may not have. */
static int rewrites_in_place(int fd)
{
#if defined(__linux__)
    struct statfs s;
    if (fstatfs(fd, &s) != 0)
        return 0;
    /* ext2/3/4, XFS, tmpfs */
    return s.f_type == 0xEF53 || s.f_type == 0x58465342 || s.f_type == 0x01021994;
#else
    (void)fd;
    return 1; /* posix_fallocate refuses where it cannot promise the blocks */
#endif
}

/* Preallocates the file from its end up to need bytes and a chunk past
 * (within the reservation); on a full disk, just what need needs. 0, or
 * an errno value. */
static int preallocate(jfile *f, uint64_t need)
{
    uint64_t target = round_up(need, f->page) + f->chunk;
    int rc = 0;
    if (target > f->reserve)
        target = f->reserve;
    if (target < need)
        target = need;
    for (int tries = 0; tries < 2 && target > f->end; tries++) {
        do
            rc = posix_fallocate(f->fd, (off_t)f->end, (off_t)(target - f->end));
        while (rc == EINTR);
        if (rc == 0) {
            if (target > f->alloc)
                f->alloc = target;
            return 0;
        }
        if ((rc != ENOSPC && rc != EDQUOT && rc != EFBIG) || target == need)
            break;
        target = need;
    }
    return rc;
}

/* Prefaults the window ahead of the end and drops the page table entries
 * behind it (Linux). */
static void prefault(jfile *f)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    uint64_t to = round_up(f->end + f->window, f->page), behind = round_down(f->end, f->page);
    if (to > round_up(f->alloc, f->page))
        to = round_up(f->alloc, f->page);
    if (to > f->populated) {
        if (!f->no_populate &&
            madvise(f->map + f->populated, (size_t)(to - f->populated), MADV_POPULATE_WRITE) != 0 &&
            errno == EINVAL)
            f->no_populate = 1; /* before Linux 5.14: the appends fault */
        f->populated = to;
    }
    if (behind > f->released) {
        madvise(f->map + f->released, (size_t)(behind - f->released), MADV_DONTNEED);
        f->released = behind;
    }
#else
    (void)f;
#endif
}

/* Maps f and preallocates its headroom, or leaves it on the write(2) path
 * (cut to its logical end) when anything fails. */
static void start_mapping(jfile *f)
{
    void *map;
    if (!tune_no_map && sizeof(void *) >= 8 && f->alloc < f->reserve && rewrites_in_place(f->fd)) {
        map = mmap(NULL, f->reserve, PROT_READ | PROT_WRITE, MAP_SHARED, f->fd, 0);
        if (map != MAP_FAILED && preallocate(f, f->end) == 0) {
            f->map = map;
            f->mapped = 1;
            f->populated = f->released = round_down(f->end, f->page);
            prefault(f);
            return;
        }
        if (map != MAP_FAILED)
            munmap(map, f->reserve);
    }
    if (f->alloc > f->end && ftruncate(f->fd, (off_t)f->end) == 0)
        f->alloc = f->end;
}

/* From now on f appends with write(2): the reservation is full. The file
 * is cut to its end; the mapping stays (jfile_sync may be using it). */
static void leave_mapping(jfile *f)
{
    f->mapped = 0;
    if (ftruncate(f->fd, (off_t)f->end) == 0)
        f->alloc = f->end;
}

int jfile_open(jfile **out, const char *path, int truncate)
{
    jfile *f;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0600);
    /* A file made by someone else, or before a umask change: owner only. */
    if (fd >= 0 && fchmod(fd, 0600) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return fail();
    }
    if (wrap(&f, fd) != 0)
        return -1;
    if (find_end(f) != 0) {
        int e = errno;
        close(fd);
        free(f);
        errno = e;
        return fail();
    }
    start_mapping(f);
    *out = f;
    return 0;
}

/* The write(2) path: n bytes at the logical end. */
static int write_at_end(jfile *f, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t r = pwrite(f->fd, p, n, (off_t)f->end);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = ENOSPC;
            return fail();
        }
        p += r;
        n -= (size_t)r;
        f->end += (uint64_t)r;
        if (f->end > f->alloc)
            f->alloc = f->end;
    }
    return 0;
}

int jfile_write(jfile *f, const void *buf, size_t n)
{
    int rc;
    if (f->mapped && n > f->reserve - f->end)
        leave_mapping(f);
    if (!f->mapped)
        return write_at_end(f, buf, n);
    if (f->end + n > f->alloc && (rc = preallocate(f, f->end + n)) != 0) {
        errno = rc;
        return fail();
    }
    memcpy(f->map + f->end, buf, n);
    f->end += n;
    if (f->populated < f->end + f->window / 2)
        prefault(f);
    return 0;
}

int jfile_sync(jfile *f)
{
#if defined(__linux__)
    /* It writes the mapping's dirty pages too: they are the page cache's. */
    return fdatasync(f->fd) == 0 ? 0 : fail();
#else
    if (f->map && msync(f->map, f->reserve, MS_SYNC) != 0)
        return fail();
    return fsync(f->fd) == 0 ? 0 : fail();
#endif
}

int jfile_truncate(jfile *f, uint64_t size)
{
    if (f->mapped && size <= f->end) {
        /* Zeroed, not cut: the file stays preallocated, and the bytes past
         * the end read as the journal's end after a crash. */
        memset(f->map + size, 0, (size_t)(f->end - size));
        f->end = size;
        return 0;
    }
    if (f->mapped)
        leave_mapping(f); /* a file made longer: rare enough for write(2) */
    if (ftruncate(f->fd, (off_t)size) != 0)
        return fail();
    f->end = f->alloc = size;
    return 0;
}

void jfile_close(jfile *f)
{
    if (!f)
        return;
    if (f->map)
        munmap(f->map, f->reserve);
    if (f->alloc > f->end)
        ftruncate(f->fd, (off_t)f->end); /* the preallocated tail goes */
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
