/* record_writer.c: see record_writer.h. A FIFO of copied records under one
 * mutex; the thread sleeps on a condition variable while it is empty, and
 * each time it wakes writes what is queued in batches (write_batch). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "record_file.h"
#include "record_writer.h"
#include "sys.h"
#include "thread.h"

typedef struct record_job {
    struct record_job *next;
    uint32_t match_id, game_no;
    char extension[16];
    char base[96]; /* the file name without extension, stamped at the end */
    size_t len;
    char text[]; /* len bytes */
} record_job;

struct record_writer {
    const char *dir;
    journal *journal;
    record_writer_log log;
    mb_mutex *mu;
    mb_cond *wake;
    mb_thread *thread;
    record_job *head, *tail; /* under mu */
    size_t count, bytes;     /* queued, under mu */
    int stopping;            /* under mu */
    int full_logged;         /* under mu: "queue full" said once per spell */
};

static void logf_(const record_writer *w, log_level level, const char *fmt, ...) MB_PRINTF(3, 4);

static void logf_(const record_writer *w, log_level level, const char *fmt, ...)
{
    char line[1400];
    va_list ap;
    if (!w->log)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    w->log(level, line);
}

/* A record to write: a queued job's or a caller's. */
typedef struct record_item {
    uint32_t match_id, game_no;
    const char *extension, *base, *text;
    size_t len;
} record_item;

static void log_not_written(const record_writer *w, const record_item *r, const char *why)
{
    logf_(w, LOG_ERROR, "match %lu: record not written: %s%s", (unsigned long)r->match_id, why,
          w->journal ? " (the journal keeps the game: the next start writes it)" : "");
}

/* Journals the END of each game whose record is done, with one flush. */
static void journal_ends(record_writer *w, const record_item *items, const int *done, size_t n)
{
    uint64_t last = 0;
    for (size_t i = 0; i < n; i++) {
        journal_entry e;
        uint64_t seq = 0;
        if (!done[i])
            continue;
        memset(&e, 0, sizeof e);
        e.kind = JOURNAL_END;
        e.match_id = items[i].match_id;
        e.game_no = items[i].game_no;
        if (journal_write(w->journal, &e, &seq) != 0)
            logf_(w, LOG_ERROR,
                  "match %lu: journal: %s (a restart may write game %lu's record again)",
                  (unsigned long)items[i].match_id, journal_error(),
                  (unsigned long)items[i].game_no);
        else
            last = seq;
    }
    if (last && journal_flush(w->journal, last) != 0)
        logf_(w, LOG_ERROR, "journal: %s (a restart may write the records just written again)",
              journal_error());
}

/* Whether a record before items[i] has its name (the same game twice):
 * their temporary files would be one. */
static int name_taken(const record_item *items, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(items[k].base, items[i].base) == 0 &&
            strcmp(items[k].extension, items[i].extension) == 0)
            return 1;
    return 0;
}

/* Writes n records (at most RECORD_FILE_MAX_OPEN) together: every
 * temporary file, one push to the disk for all, the renames, one push of
 * the folder; then, their records on the disk under their names, journals
 * their games' ENDs with one flush. A record that cannot be written fails
 * alone and leaves its game in the journal: the next start tries again.
 * A record named as one before it is written after them, on its own (it
 * gets BASE-2). Any thread. */
static void write_batch(record_writer *w, const record_item *items, size_t n)
{
    record_file rf[RECORD_FILE_MAX_OPEN];
    FILE *open_files[RECORD_FILE_MAX_OPEN] = {NULL};
    int done[RECORD_FILE_MAX_OPEN], later[RECORD_FILE_MAX_OPEN];
    int synced[RECORD_FILE_MAX_OPEN] = {0};
    size_t nopen = 0, ndone = 0;
    char path[1200];

    for (size_t i = 0; i < n; i++) {
        const record_item *r = &items[i];
        if ((later[i] = name_taken(items, i))) {
            done[i] = 0;
            continue;
        }
        done[i] = record_file_begin(&rf[i], w->dir, r->base, r->extension, r->text, r->len, path,
                                    sizeof path) == 0;
        if (done[i])
            open_files[nopen++] = rf[i].f;
        else
            log_not_written(w, r, path);
    }
    sys_sync_files(open_files, nopen, synced);
    nopen = 0;
    for (size_t i = 0; i < n; i++) {
        const record_item *r = &items[i];
        if (!done[i])
            continue;
        done[i] = record_file_finish(&rf[i], w->dir, r->base, r->extension, synced[nopen++], path,
                                     sizeof path) == 0;
        if (!done[i])
            log_not_written(w, r, path);
        else
            logf_(w, LOG_INFO, "match %lu: record written to %s", (unsigned long)r->match_id, path);
        ndone += (size_t)done[i];
    }
    if (ndone > 0 && w->journal) {
        if (sys_sync_dir(w->dir) == 0)
            journal_ends(w, items, done, n);
        else
            logf_(w, LOG_ERROR,
                  "records folder %s: cannot sync it: %s (the journal keeps the games of the "
                  "%lu records just written: the next start writes them again)",
                  w->dir, sys_last_error(), (unsigned long)ndone);
    }
    for (size_t i = 0; i < n; i++)
        if (later[i])
            write_batch(w, &items[i], 1);
}

static record_item job_item(const record_job *job)
{
    record_item r;
    r.match_id = job->match_id;
    r.game_no = job->game_no;
    r.extension = job->extension;
    r.base = job->base;
    r.text = job->text;
    r.len = job->len;
    return r;
}

static void writer_main(void *arg)
{
    record_writer *w = arg;
    mb_mutex_lock(w->mu);
    for (;;) {
        record_job *batch;
        record_item items[RECORD_FILE_MAX_OPEN];
        size_t n = 0, bytes = 0;
        while (!w->head && !w->stopping)
            mb_cond_wait(w->wake, w->mu);
        if (!w->head)
            break; /* stopping, and every record is written */
        /* Every queued job, up to a batch: they stay counted until written,
         * so a full queue means a slow disk. */
        batch = w->head;
        for (; w->head && n < RECORD_FILE_MAX_OPEN; w->head = w->head->next) {
            items[n++] = job_item(w->head);
            bytes += w->head->len;
        }
        if (!w->head)
            w->tail = NULL;
        mb_mutex_unlock(w->mu);
        write_batch(w, items, n);
        mb_mutex_lock(w->mu);
        w->count -= n;
        w->bytes -= bytes;
        if (w->bytes < RECORD_WRITER_MAX_QUEUED / 2)
            w->full_logged = 0;
        while (n-- > 0) {
            record_job *next = batch->next;
            free(batch);
            batch = next;
        }
    }
    mb_mutex_unlock(w->mu);
}

int record_writer_start(record_writer **out, const char *dir, journal *j, record_writer_log log)
{
    record_writer *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->dir = dir;
    w->journal = j;
    w->log = log;
    if (!(w->mu = mb_mutex_create()) || !(w->wake = mb_cond_create()) ||
        mb_thread_start(&w->thread, writer_main, w) != 0) {
        w->thread = NULL;
        record_writer_stop(w);
        return -1;
    }
    *out = w;
    return 0;
}

/* Queues job (and takes it over): 1; 0 when the queue is full (then *said
 * tells whether this caller is to log it, with the bytes queued). */
static int enqueue(record_writer *w, record_job *job, int *said, size_t *bytes)
{
    int queued = 0;
    mb_mutex_lock(w->mu);
    if (w->bytes + job->len <= RECORD_WRITER_MAX_QUEUED || w->count == 0) {
        if (w->tail)
            w->tail->next = job;
        else
            w->head = job;
        w->tail = job;
        w->count++;
        w->bytes += job->len;
        queued = 1;
        mb_cond_signal(w->wake);
    } else if (!w->full_logged) {
        w->full_logged = *said = 1;
        *bytes = w->bytes;
    }
    mb_mutex_unlock(w->mu);
    return queued;
}

/* The file name without extension: DATE-TIME-matchN-gameK, stamped now. */
static void stamp_base(char *base, size_t cap, const match_record *r)
{
    char stamp[32];
    sys_file_stamp(stamp, sizeof stamp);
    snprintf(base, cap, "%s-match%lu-game%lu", stamp, (unsigned long)r->match_id,
             (unsigned long)r->game_no);
}

void record_writer_write(record_writer *w, const match_record *rs, size_t n)
{
    while (n > 0) {
        record_item items[RECORD_FILE_MAX_OPEN];
        char base[RECORD_FILE_MAX_OPEN][96];
        size_t k = n < RECORD_FILE_MAX_OPEN ? n : RECORD_FILE_MAX_OPEN;
        for (size_t i = 0; i < k; i++) {
            stamp_base(base[i], sizeof base[i], &rs[i]);
            items[i].match_id = rs[i].match_id;
            items[i].game_no = rs[i].game_no;
            items[i].extension = rs[i].extension;
            items[i].base = base[i];
            items[i].text = rs[i].text;
            items[i].len = rs[i].len;
        }
        write_batch(w, items, k);
        rs += k;
        n -= k;
    }
}

void record_writer_put(record_writer *w, const match_record *r)
{
    record_job *job = malloc(sizeof *job + r->len);
    int say_full = 0;
    size_t bytes = 0;
    if (!job) {
        logf_(w, LOG_WARN, "match %lu: out of memory queueing the record: writing it now",
              (unsigned long)r->match_id);
        record_writer_write(w, r, 1);
        return;
    }
    job->next = NULL;
    job->match_id = r->match_id;
    job->game_no = r->game_no;
    snprintf(job->extension, sizeof job->extension, "%s", r->extension);
    stamp_base(job->base, sizeof job->base, r);
    job->len = r->len;
    memcpy(job->text, r->text, r->len);

    if (enqueue(w, job, &say_full, &bytes))
        return;
    free(job);
    if (say_full)
        logf_(w, LOG_WARN,
              "records writer: %zu bytes queued (the disk is slow): records are written on "
              "the match threads until it catches up",
              bytes);
    record_writer_write(w, r, 1);
}

void record_writer_stop(record_writer *w)
{
    if (!w)
        return;
    if (w->thread) {
        mb_mutex_lock(w->mu);
        w->stopping = 1;
        mb_cond_broadcast(w->wake);
        mb_mutex_unlock(w->mu);
        mb_thread_join(w->thread);
    }
    while (w->head) { /* only when the thread never started */
        record_job *job = w->head;
        w->head = job->next;
        free(job);
    }
    mb_cond_destroy(w->wake);
    mb_mutex_destroy(w->mu);
    free(w);
}
