/* test_jfile_posix.c: the POSIX journal file's appends, through its
 * mapping of preallocated space and on the write(2) path it falls back to:
 * each append is in the file at once (read through another descriptor),
 * past the preallocated end, past a chunk and the first headroom and past
 * the whole reserved range (where it goes on with write(2)); a truncate
 * zeroes what it cuts, close cuts the file to its logical end, a reopen
 * appends after a NUL tail a crash left, and a file size limit is an error
 * from jfile_write, not a signal. Small sizes (jfile_posix_tune) so each
 * boundary is crossed in a few KiB. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "jfile.h"
#include "jfile_posix.h"
#include "tap.h"

static char path[200];
static size_t page;

/* What the file at path must hold: the bytes appended. */
static char want[1 << 18];
static size_t nwant;

/* Reads the file at path through a descriptor of its own: *size its size,
 * 1 if it holds want's bytes followed by NUL bytes only. */
static int file_holds(long *size)
{
    static char got[1 << 21];
    FILE *f = fopen(path, "rb");
    size_t n;
    *size = -1;
    if (!f)
        return 0;
    n = fread(got, 1, sizeof got, f);
    fclose(f);
    *size = (long)n;
    if (n < nwant || memcmp(got, want, nwant) != 0)
        return 0;
    for (size_t i = nwant; i < n; i++)
        if (got[i] != '\0')
            return 0;
    return 1;
}

/* Appends one numbered line of about len bytes (to the file and to want). */
static int append_line(jfile *f, int no, size_t len)
{
    char line[512];
    int n = snprintf(line, sizeof line, "L %06d ", no);
    while ((size_t)n + 1 < len && (size_t)n + 1 < sizeof line)
        line[n++] = (char)('a' + no % 26);
    line[n++] = '\n';
    if (nwant + (size_t)n > sizeof want || jfile_write(f, line, (size_t)n) != 0)
        return -1;
    memcpy(want + nwant, line, (size_t)n);
    nwant += (size_t)n;
    return 0;
}

/* Appends lines until want holds at least upto bytes; 0 if all went in. */
static int fill_to(jfile *f, size_t upto, int *no)
{
    while (nwant < upto)
        if (append_line(f, (*no)++, 100) != 0)
            return -1;
    return 0;
}

static jfile *open_new(void)
{
    jfile *f = NULL;
    remove(path);
    nwant = 0;
    if (jfile_open(&f, path, 1) != 0) {
        tap_diag("jfile_open: %s", jfile_error());
        return NULL;
    }
    return f;
}

/* The mapped appends with a reserve of 16 pages, a chunk of 2 and a
 * window of 1, through every boundary; map 0: the same on write(2). */
static void test_appends(int map)
{
    const char *how = map ? "mapped" : "write(2)";
    jfile *f;
    long size = -1;
    int no = 0, ok;
    uint64_t first;
    jfile_posix_tune(16 * page, 2 * page, page, map);
    f = open_new();
    if (!f)
        return;
    if (map && !jfile_posix_mapped(f)) {
        /* A file system the mapping is not for (jfile_posix.c). */
        TAP_OK(1, "%s appends # SKIP this file system is not mapped", how);
        jfile_close(f);
        return;
    }
    TAP_INT_EQ(jfile_posix_mapped(f), map, "%s: the file takes that path", how);
    first = jfile_posix_allocated(f);
    ok = append_line(f, no++, 40) == 0;
    TAP_OK(ok && file_holds(&size), "%s: an append is in the file at once", how);
    if (map)
        TAP_OK(size == (long)first && first >= 2 * page,
               "mapped: the file is preallocated ahead of its end (%ld bytes for %zu)", size,
               nwant);
    else
        TAP_INT_EQ(size, (long)nwant, "write(2): the file is as long as what was written");

    ok = fill_to(f, 5 * page, &no) == 0;
    TAP_OK(ok && file_holds(&size),
           "%s: appends past a chunk and past the first headroom are all in the file", how);
    if (map)
        TAP_OK(jfile_posix_mapped(f) && jfile_posix_allocated(f) > first &&
                   (long)jfile_posix_allocated(f) == size,
               "mapped: the preallocation grew with them (%ld bytes)", size);

    {
        size_t before = nwant;
        ok = append_line(f, no++, 60) == 0 && jfile_truncate(f, before) == 0;
        nwant = before;
        TAP_OK(ok && file_holds(&size),
               "%s: a truncated append is gone (its bytes zeroed or cut), the rest kept", how);
        ok = append_line(f, no++, 80) == 0;
        TAP_OK(ok && file_holds(&size), "%s: and the next append follows the rest", how);
    }
    TAP_OK(jfile_sync(f) == 0, "%s: sync", how);

    ok = fill_to(f, 20 * page, &no) == 0 && file_holds(&size);
    TAP_OK(ok && size == (long)nwant,
           "%s: appends past a mapped file's reserved range go on (%ld bytes), cut to their end",
           how, size);
    TAP_INT_EQ(jfile_posix_mapped(f), 0, "%s: on the write(2) path from there", how);
    {
        size_t before = nwant;
        ok = append_line(f, no++, 60) == 0 && jfile_truncate(f, before) == 0;
        nwant = before;
        TAP_OK(ok && file_holds(&size) && size == (long)nwant, "%s: a truncate there cuts the file",
               how);
    }
    jfile_close(f);
    f = open_new();
    ok = f && append_line(f, 1, 50) == 0 && append_line(f, 2, 50) == 0;
    jfile_close(f);
    ok = ok && file_holds(&size);
    TAP_OK(ok && size == (long)nwant, "%s: close cuts the file to its logical end (%ld bytes)", how,
           size);

    /* A crash left a NUL tail: a reopen appends after the last byte. */
    {
        FILE *w = fopen(path, "ab");
        for (int i = 0; w && i < 3000; i++)
            fputc('\0', w);
        if (w)
            fclose(w);
    }
    f = NULL;
    ok = jfile_open(&f, path, 0) == 0 && append_line(f, 3, 70) == 0;
    TAP_OK(ok && file_holds(&size), "%s: reopened over a NUL tail, an append follows the data",
           how);
    jfile_close(f);
    TAP_OK(file_holds(&size) && size == (long)nwant, "%s: and close leaves no NUL behind", how);
}

/* The default sizes: a journal past its first 1 MiB of headroom. */
static void test_default_sizes(void)
{
    jfile *f;
    long size = -1;
    int no = 0, ok;
    jfile_posix_tune(0, 0, 0, 1);
    f = open_new();
    if (!f)
        return;
    ok = fill_to(f, sizeof want - 512, &no) == 0;
    for (int i = 0; ok && i < 8; i++) /* 2.25 MiB in all: past two chunks */
        ok = jfile_write(f, want, sizeof want) == 0;
    jfile_close(f);
    {
        FILE *r = fopen(path, "rb");
        size = -1;
        if (r) {
            fseek(r, 0, SEEK_END);
            size = ftell(r);
            fclose(r);
        }
    }
    TAP_OK(ok && size == (long)(nwant + 8 * sizeof want),
           "default sizes: 2.25 MiB appended, the file as long after close (%ld bytes)", size);
}

/* A file size limit (as a full disk): jfile_write fails with its error,
 * everything before the failed append stays, nothing is signalled. */
static void test_size_limit(int map)
{
    const char *how = map ? "mapped" : "write(2)";
    struct rlimit old, lim;
    jfile *f;
    long size = -1;
    int no = 0, ok = 1, e = 0;
    size_t before = 0;
    jfile_posix_tune(64 * page, 4 * page, page, map);
    f = open_new();
    if (!f || getrlimit(RLIMIT_FSIZE, &old) != 0)
        return;
    lim = old;
    lim.rlim_cur = 10 * page + 37;
    signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0) {
        jfile_close(f);
        return;
    }
    while (ok && no < 1000) {
        before = nwant;
        ok = append_line(f, no++, 100) == 0;
        e = errno;
    }
    if (!ok && jfile_truncate(f, before) != 0)
        ok = 1;
    nwant = before;
    TAP_OK(!ok && e == EFBIG && nwant <= (size_t)lim.rlim_cur && nwant + 100 > lim.rlim_cur,
           "%s: over the file size limit an append fails with EFBIG, at the limit (%zu bytes)", how,
           nwant);
    TAP_OK(file_holds(&size), "%s: and every append before it is in the file", how);
    jfile_close(f);
    ok = file_holds(&size);
    TAP_OK(ok && size == (long)nwant, "%s: closed: %ld bytes, cut to its end", how, size);
    setrlimit(RLIMIT_FSIZE, &old);
}

int main(void)
{
    long p = sysconf(_SC_PAGESIZE);
    page = p > 0 ? (size_t)p : 4096;
    snprintf(path, sizeof path, "test-jfile-%lu-%ld", (unsigned long)time(NULL), (long)getpid());
    test_appends(1);
    test_appends(0);
    test_default_sizes();
    test_size_limit(1);
    test_size_limit(0);
    remove(path);
    return tap_done();
}
