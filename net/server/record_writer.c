/* record_writer.c: see record_writer.h. A FIFO of copied records under one
 * mutex; the thread sleeps on a condition variable while it is empty. */
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

/* Writes one record; once it is on the disk, journals the game's END. A
 * record that cannot be written leaves the game in the journal: the next
 * start tries again. Any thread. */
static void write_now(record_writer *w, const match_record *r, const char *base)
{
    char path[1200];
    journal_entry e;
    uint64_t seq = 0;
    if (record_file_write(w->dir, base, r->extension, r->text, r->len, path, sizeof path) != 0) {
        logf_(w, LOG_ERROR, "match %lu: record not written: %s%s", (unsigned long)r->match_id, path,
              w->journal ? " (the journal keeps the game: the next start writes it)" : "");
        return;
    }
    logf_(w, LOG_INFO, "match %lu: record written to %s", (unsigned long)r->match_id, path);
    if (!w->journal)
        return;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_END;
    e.match_id = r->match_id;
    e.game_no = r->game_no;
    if (journal_write(w->journal, &e, &seq) != 0 || journal_flush(w->journal, seq) != 0)
        logf_(w, LOG_ERROR, "match %lu: journal: %s (a restart may write game %lu's record again)",
              (unsigned long)r->match_id, journal_error(), (unsigned long)r->game_no);
}

static void write_job(record_writer *w, const record_job *job)
{
    match_record r;
    memset(&r, 0, sizeof r);
    r.match_id = job->match_id;
    r.game_no = job->game_no;
    r.extension = job->extension;
    r.text = job->text;
    r.len = job->len;
    write_now(w, &r, job->base);
}

static void writer_main(void *arg)
{
    record_writer *w = arg;
    mb_mutex_lock(w->mu);
    for (;;) {
        record_job *job;
        while (!w->head && !w->stopping)
            mb_cond_wait(w->wake, w->mu);
        if (!w->head)
            break; /* stopping, and every record is written */
        job = w->head;
        w->head = job->next;
        if (!w->head)
            w->tail = NULL;
        mb_mutex_unlock(w->mu);
        write_job(w, job);
        mb_mutex_lock(w->mu);
        /* Counted until written, so a full queue means a slow disk. */
        w->count--;
        w->bytes -= job->len;
        if (w->bytes < RECORD_WRITER_MAX_QUEUED / 2)
            w->full_logged = 0;
        free(job);
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

void record_writer_put(record_writer *w, const match_record *r)
{
    char stamp[32], base[96];
    record_job *job = malloc(sizeof *job + r->len);
    int say_full = 0;
    size_t bytes = 0;
    sys_file_stamp(stamp, sizeof stamp);
    snprintf(base, sizeof base, "%s-match%lu-game%lu", stamp, (unsigned long)r->match_id,
             (unsigned long)r->game_no);
    if (!job) {
        logf_(w, LOG_WARN, "match %lu: out of memory queueing the record: writing it now",
              (unsigned long)r->match_id);
        write_now(w, r, base);
        return;
    }
    job->next = NULL;
    job->match_id = r->match_id;
    job->game_no = r->game_no;
    snprintf(job->extension, sizeof job->extension, "%s", r->extension);
    memcpy(job->base, base, sizeof base);
    job->len = r->len;
    memcpy(job->text, r->text, r->len);

    if (enqueue(w, job, &say_full, &bytes))
        return;
    if (say_full)
        logf_(w, LOG_WARN,
              "records writer: %zu bytes queued (the disk is slow): records are written on "
              "the match threads until it catches up",
              bytes);
    write_job(w, job);
    free(job);
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
