/* itest.c: see itest.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "proc.h"

/* The folders itest_records_dir named, for cleanup at exit. */
#define ITEST_MAX_DIRS 16
static char itest_dirs[ITEST_MAX_DIRS][256];
static int itest_n_dirs;
static int itest_registered;

static void itest_cleanup(void);

void itest_records_dir(char *buf, size_t cap, const char *name)
{
    /* In the temporary folder (TEMP on Windows, TMPDIR on POSIX), never in
     * the folder the test happens to run from. */
    const char *tmp = getenv("TEMP");
    if (!tmp || !*tmp)
        tmp = getenv("TMP");
    if (!tmp || !*tmp)
        tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp"; /* POSIX; Windows always has TEMP */
    snprintf(buf, cap, "%s/itest-%s-records-%lu-%lu", tmp, name, (unsigned long)time(NULL),
             (unsigned long)clock());
    if (!itest_registered)
        itest_registered = atexit(itest_cleanup) == 0;
    if (itest_n_dirs < ITEST_MAX_DIRS)
        snprintf(itest_dirs[itest_n_dirs++], sizeof itest_dirs[0], "%s", buf);
    else
        printf("# %s will not be removed: more than %d records folders\n", buf, ITEST_MAX_DIRS);
}

/* Removes path, retrying a while: a process killed a moment ago may still
 * hold its files open (Windows refuses to delete an open file). */
static int remove_retrying(const char *path)
{
    for (int i = 0; i < 20; i++) {
        if (proc_remove_tree(path) == 0)
            return 0;
        proc_sleep_ms(100);
    }
    return -1;
}

static void itest_cleanup(void)
{
    const char *keep = getenv("MB_KEEP_TEST_FILES");
    int left = proc_stop_all();
    if (left > 0)
        printf("# %d program(s) still running at the end: killed\n", left);
    for (int i = 0; i < itest_n_dirs; i++) {
        const char *dir = itest_dirs[i];
        char journal[300], lock[310];
        if (keep && strcmp(keep, "1") == 0) {
            printf("# MB_KEEP_TEST_FILES=1: kept %s\n", dir);
            continue;
        }
        snprintf(journal, sizeof journal, "%s-journal", dir);
        snprintf(lock, sizeof lock, "%s.lock", journal);
        if (remove_retrying(dir) != 0 || remove_retrying(journal) != 0 ||
            remove_retrying(lock) != 0)
            printf("# could not remove all of %s (and its journal)\n", dir);
    }
    itest_n_dirs = 0;
    fflush(stdout);
}

int itest_find_record(const char *dir, unsigned long match_id, unsigned long game_no,
                      const char *ext, time_t t0, time_t t1, char *buf, size_t cap, time_t *when)
{
    for (time_t t = t0 - 1; t <= t1 + 1; t++) {
        struct tm *tm = gmtime(&t);
        char path[512];
        FILE *f;
        size_t n;
        snprintf(path, sizeof path, "%s/%04d%02d%02d-%02d%02d%02d-match%lu-game%lu.%s", dir,
                 tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min,
                 tm->tm_sec, match_id, game_no, ext);
        f = fopen(path, "rb");
        if (!f)
            continue;
        n = fread(buf, 1, cap - 1, f);
        buf[n] = '\0';
        fclose(f);
        *when = t;
        return 0;
    }
    return -1;
}

int itest_read_record(const char *dir, unsigned long match_id, unsigned long game_no,
                      const char *ext, time_t t0, time_t t1, char *buf, size_t cap, time_t *when)
{
    /* The records writer writes a record shortly after its game's end. */
    for (int waited = 0; waited < ITEST_RECORD_WAIT_MS; waited += 50) {
        if (itest_find_record(dir, match_id, game_no, ext, t0, t1, buf, cap, when) == 0)
            return 0;
        proc_sleep_ms(50);
    }
    return itest_find_record(dir, match_id, game_no, ext, t0, t1, buf, cap, when);
}

int itest_expected_record(const game_ops *ops, const game_options *opt, const game_move *moves,
                          size_t n, unsigned long match_id, unsigned long game_no, const char *p1,
                          const char *p2, game_result r, time_t when, char *buf, size_t cap)
{
    game *g = ops->create(opt);
    game_record_info info;
    char event[64], date[48];
    struct tm *tm = gmtime(&when);
    int len;
    if (!g)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (ops->apply(g, &moves[i]) != GAME_MOVE_OK) {
            ops->destroy(g);
            return -1;
        }
    snprintf(event, sizeof event, "matchboard match %lu game %lu", match_id, game_no);
    snprintf(date, sizeof date, "%04d.%02d.%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
    memset(&info, 0, sizeof info);
    info.event = event;
    info.site = "matchboard-server";
    info.date = date;
    info.player1 = p1;
    info.player2 = p2;
    len = ops->write_record(g, &info, r, buf, cap);
    ops->destroy(g);
    return len < 0 || (size_t)len >= cap ? -1 : 0;
}

/* Cuts the NUL bytes off the end of the journal at path: a server
 * killed leaves its preallocated space there (net/server/jfile_posix.c),
 * and a line appended after it would not be read. */
static void cut_nul_tail(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = -1, end;
    if (f && fseek(f, 0, SEEK_END) == 0)
        n = ftell(f);
    if (n > 0 && (buf = malloc((size_t)n)) != NULL && fseek(f, 0, SEEK_SET) == 0 &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        end = n;
        while (end > 0 && buf[end - 1] == '\0')
            end--;
        fclose(f);
        f = end < n ? fopen(path, "wb") : NULL;
        if (f)
            fwrite(buf, 1, (size_t)end, f);
    }
    if (f)
        fclose(f);
    free(buf);
}

void itest_journal_line(const char *path, const char *body)
{
    uint32_t crc = 0xFFFFFFFFu;
    FILE *f;
    cut_nul_tail(path);
    f = fopen(path, "ab");
    for (const char *p = body; *p; p++) {
        crc ^= (uint8_t)*p;
        for (int k = 0; k < 8; k++)
            crc = crc & 1u ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    if (f) {
        fprintf(f, "%s *%08lx\n", body, (unsigned long)~crc & 0xFFFFFFFFul);
        fclose(f);
    }
}

int itest_file_has_line(const char *path, const char *prefix)
{
    FILE *f = fopen(path, "rb");
    char line[600]; /* a journal line is at most 512 bytes (journal_internal.h) */
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strncmp(line, prefix, strlen(prefix)) == 0;
    if (f)
        fclose(f);
    return found;
}

int itest_stop(proc *p, int *code)
{
    *code = -1;
    if (!p) /* it never started: nothing stopped cleanly */
        return 0;
    if (proc_interrupt(p) != 0) {
        proc_wait(p, 0);
        return -1;
    }
    *code = proc_wait(p, ITEST_STOP_WAIT_MS);
    return 0;
}
