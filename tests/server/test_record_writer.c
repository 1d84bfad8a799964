/* test_record_writer.c: the records writer on its own: records put from
 * several threads are all written (each file holds its text) by the time
 * record_writer_stop returns, and each game's END reaches the journal only
 * for a record that was written: a record that cannot be written leaves
 * its game in the journal, listed as unrecorded. Many records written at
 * once (more than one batch) get their names and texts and their ENDs,
 * and one that cannot be written (a folder in the way of its temporary
 * file) fails alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "journal.h"
#include "proc.h"
#include "record_writer.h"
#include "sys.h"
#include "tap.h"
#include "thread.h"

#define GAMES       40
#define BATCH_GAMES 20 /* more than RECORD_FILE_MAX_OPEN: two batches */
#define BLOCKED     7  /* the batch's record with a folder in its way */
#define WINDOW      60 /* seconds of stamps the folders in its way cover */

static match_config cfg;
static char jpath[256], dir[256];
static char written[GAMES + 4][1200]; /* the paths logged, in order */
static int nwritten, nfailed;

static void on_log(log_level level, const char *line)
{
    const char *at = strstr(line, "record written to ");
    if (at && nwritten < GAMES + 4)
        snprintf(written[nwritten++], sizeof written[0], "%s", at + strlen("record written to "));
    if (level == LOG_ERROR && strstr(line, "record not written"))
        nfailed++;
}

static void journal_game(journal *j, uint32_t id)
{
    static const uint8_t tok[PACKET_TOKEN_SIZE] = {1};
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_GAME;
    e.match_id = id;
    e.game_no = 1;
    e.name[0] = "A";
    e.name[1] = "B";
    e.token[0] = e.token[1] = tok;
    journal_write(j, &e, NULL);
    e.kind = JOURNAL_RESULT;
    e.result.winner = GAME_SIDE_P1;
    e.result.reason = GAME_END_RESIGNATION;
    journal_write(j, &e, NULL);
}

typedef struct putter {
    record_writer *w;
    uint32_t first;
} putter;

static void put_records(void *arg)
{
    putter *p = arg;
    for (uint32_t id = p->first; id < p->first + GAMES / 2; id++) {
        char text[64];
        match_record r;
        memset(&r, 0, sizeof r);
        snprintf(text, sizeof text, "record of match %lu\n", (unsigned long)id);
        r.match_id = id;
        r.game_no = 1;
        r.extension = "sgf";
        r.text = text;
        r.len = strlen(text);
        record_writer_put(p->w, &r);
    }
}

/* DIR/.STAMP-matchID-game1.sgf.tmp for the stamp of time t (UTC). */
static void temp_path(char *buf, size_t cap, const char *d, time_t t, uint32_t id)
{
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&t));
    snprintf(buf, cap, "%s/.%s-match%lu-game1.sgf.tmp", d, stamp, (unsigned long)id);
}

static int file_has(const char *path, const char *want)
{
    char got[64] = "";
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f)
        return 0;
    n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    got[n] = '\0';
    return strcmp(got, want) == 0;
}

static int file_is(const char *path, uint32_t id)
{
    char want[64];
    snprintf(want, sizeof want, "record of match %lu\n", (unsigned long)id);
    return file_has(path, want);
}

static journal *open_journal(void)
{
    journal *j = NULL;
    char err[600];
    if (journal_open(&j, jpath, &cfg, err, sizeof err) != 0)
        tap_diag("journal_open: %s", err);
    return j;
}

/* Whether the journal, opened again, lists game 1 of match id alone as
 * unrecorded, and no game as running. */
static int journal_keeps_only(uint32_t id)
{
    journal *j = open_journal();
    int ok = j && journal_unrecorded_count(j) == 1 &&
             journal_unrecorded(j, 0)->game.match_id == id && journal_restored_count(j) == 0;
    journal_close(j);
    return ok;
}

/* Removes the folder d and all in it, the journal and its lock. */
static void clean_up(const char *d)
{
    char lock[300];
    proc_remove_tree(d);
    remove(jpath);
    snprintf(lock, sizeof lock, "%s.lock", jpath);
    remove(lock);
}

/* The END lines ("E MATCH GAME") in the journal file now. */
static int count_ends(const char *path)
{
    char buf[16384];
    size_t n;
    int ends = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    for (const char *p = buf; (p = strstr(p, "\nE ")) != NULL; p++)
        ends++;
    return ends;
}

/* The id in a logged path, 0 if none. */
static uint32_t path_id(const char *path)
{
    const char *m = strstr(path, "-match");
    return m ? (uint32_t)strtoul(m + 6, NULL, 10) : 0;
}

/* Two records of one game in one batch (no journal): the second gets
 * BASE-2 when both were stamped in the same second. */
static void test_same_name(const char *bdir)
{
    record_writer *w = NULL;
    match_record rs[2];
    const char *texts[2] = {"first\n", "second\n"};
    char want2[1200];
    for (int i = 0; i < 2; i++) {
        memset(&rs[i], 0, sizeof rs[i]);
        rs[i].match_id = 2000;
        rs[i].game_no = 1;
        rs[i].extension = "sgf";
        rs[i].text = texts[i];
        rs[i].len = strlen(texts[i]);
    }
    nwritten = nfailed = 0;
    record_writer_start(&w, bdir, NULL, on_log);
    record_writer_write(w, rs, 2);
    record_writer_stop(w);
    if (!TAP_OK(nwritten == 2, "two records of one game in one batch: both written (%d)", nwritten))
        return;
    TAP_OK(file_has(written[0], texts[0]) && file_has(written[1], texts[1]) &&
               strcmp(written[0], written[1]) != 0,
           "each in a file of its own with its text");
    /* DIR/STAMP-match2000-game1.sgf, then the same with -2 before .sgf. */
    snprintf(want2, sizeof want2, "%.*s-2.sgf", (int)(strlen(written[0]) - 4), written[0]);
    TAP_OK(strncmp(written[0], written[1], strlen(bdir) + 16) != 0 ||
               strcmp(written[1], want2) == 0,
           "the second of one second's stamp is named BASE-2.sgf (%s)", written[1]);
}

/* BATCH_GAMES records written at once, the BLOCKED-th with a folder where
 * its temporary file goes (whatever second stamps it). */
static void test_batch(const char *bdir, const char *bjpath)
{
    journal *j;
    record_writer *w = NULL;
    match_record rs[BATCH_GAMES];
    char text[BATCH_GAMES][64], block[WINDOW][1200];
    time_t t0 = time(NULL);
    uint32_t first = 1000, blocked = first + BLOCKED;
    int named = 1, failed_alone = 1;

    snprintf(jpath, sizeof jpath, "%s", bjpath);
    sys_mkdirs(bdir);
    for (int i = 0; i < WINDOW; i++) {
        temp_path(block[i], sizeof block[i], bdir, t0 - 1 + i, blocked);
        sys_mkdirs(block[i]);
    }
    j = open_journal();
    if (!TAP_OK(j != NULL, "a second journal opens"))
        return;
    for (uint32_t i = 0; i < BATCH_GAMES; i++) {
        uint32_t id = first + i;
        journal_game(j, id);
        memset(&rs[i], 0, sizeof rs[i]);
        snprintf(text[i], sizeof text[i], "record of match %lu\n", (unsigned long)id);
        rs[i].match_id = id;
        rs[i].game_no = 1;
        rs[i].extension = "sgf";
        rs[i].text = text[i];
        rs[i].len = strlen(text[i]);
    }
    journal_flush(j, UINT64_MAX);
    nwritten = nfailed = 0;
    record_writer_start(&w, bdir, j, on_log);
    if (!TAP_OK(w != NULL, "a second writer starts"))
        return;
    record_writer_write(w, rs, BATCH_GAMES);
    TAP_OK(time(NULL) < t0 + WINDOW - 1, "the batch was written within the stamps covered");
    /* Far below the 4 KiB that compacts the journal when games end. */
    TAP_INT_EQ(count_ends(bjpath), BATCH_GAMES - 1,
               "the ENDs of the records written are in the journal file when it returns");
    TAP_INT_EQ(nwritten, BATCH_GAMES - 1, "%d records written at once: all but the blocked one",
               BATCH_GAMES);
    TAP_INT_EQ(nfailed, 1, "the record with a folder in its way is logged as not written");
    for (int i = 0; i < nwritten; i++) {
        uint32_t id = path_id(written[i]);
        char want[64];
        size_t dl = strlen(bdir);
        snprintf(want, sizeof want, "-match%lu-game1.sgf", (unsigned long)id);
        /* DIR/YYYYMMDD-HHMMSS-matchN-game1.sgf */
        named = named && strncmp(written[i], bdir, dl) == 0 && written[i][dl] == '/' &&
                strlen(written[i]) == dl + 1 + 15 + strlen(want) &&
                strcmp(written[i] + dl + 16, want) == 0 && file_is(written[i], id);
        failed_alone = failed_alone && id != blocked;
    }
    TAP_OK(named && nwritten > 0, "each record of the batch has its name and its text");
    TAP_OK(failed_alone, "no file was written for the blocked record");
    record_writer_stop(w);
    journal_close(j);
    TAP_OK(journal_keeps_only(blocked),
           "the batch's ENDs are journaled; the blocked game stays in the journal");
    test_same_name(bdir);
    clean_up(bdir);
}

int main(void)
{
    journal *j;
    record_writer *w = NULL;
    putter p[2];
    mb_thread *t[2] = {NULL, NULL};
    int all = 1;
    unsigned long stamp = (unsigned long)time(NULL);
    snprintf(dir, sizeof dir, "test-recwriter-%lu", stamp);
    snprintf(jpath, sizeof jpath, "test-recwriter-%lu-journal", stamp);
    cfg.ops = &game_gomoku_ops;
    cfg.options.kind = GAME_KIND_GOMOKU;
    cfg.ops->normalize_options(&cfg.options);
    sys_mkdirs(dir);

    j = open_journal();
    if (!TAP_OK(j != NULL, "a journal opens"))
        return tap_done();
    for (uint32_t id = 1; id <= GAMES + 1; id++)
        journal_game(j, id);
    journal_flush(j, UINT64_MAX);
    TAP_OK(record_writer_start(&w, dir, j, on_log) == 0, "the writer starts");
    if (!w)
        return tap_done();
    for (int i = 0; i < 2; i++) {
        p[i].w = w;
        p[i].first = 1 + (uint32_t)i * GAMES / 2;
        mb_thread_start(&t[i], put_records, &p[i]);
    }
    for (int i = 0; i < 2; i++)
        if (t[i])
            mb_thread_join(t[i]);
    record_writer_stop(w); /* must write every queued record first */
    TAP_INT_EQ(nwritten, GAMES, "%d records put from two threads: all written by the stop", GAMES);
    for (int i = 0; i < nwritten; i++) {
        uint32_t id = path_id(written[i]);
        all = all && id >= 1 && id <= GAMES && file_is(written[i], id);
    }
    TAP_OK(all && nwritten > 0, "each file holds its record's text");

    /* A folder that does not exist: the record cannot be written. */
    {
        char missing[300];
        match_record r;
        memset(&r, 0, sizeof r);
        snprintf(missing, sizeof missing, "%s/no/such/folder", dir);
        record_writer_start(&w, missing, j, on_log);
        r.match_id = GAMES + 1;
        r.game_no = 1;
        r.extension = "sgf";
        r.text = "x";
        r.len = 1;
        record_writer_put(w, &r);
        record_writer_stop(w);
        TAP_INT_EQ(nfailed, 1, "a record that cannot be written is logged as an error");
    }
    journal_close(j);
    TAP_OK(journal_keeps_only(GAMES + 1),
           "the journal forgot every recorded game and kept the one not written");
    clean_up(dir);
    {
        char bdir[300], bjpath[300];
        snprintf(bdir, sizeof bdir, "test-recbatch-%lu", stamp);
        snprintf(bjpath, sizeof bjpath, "test-recbatch-%lu-journal", stamp);
        test_batch(bdir, bjpath);
    }
    return tap_done();
}
