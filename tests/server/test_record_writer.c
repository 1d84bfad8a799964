/* test_record_writer.c: the records writer on its own: records put from
 * several threads are all written (each file holds its text) by the time
 * record_writer_stop returns, and each game's END reaches the journal only
 * for a record that was written: a record that cannot be written leaves
 * its game in the journal, listed as unrecorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "journal.h"
#include "record_writer.h"
#include "sys.h"
#include "tap.h"
#include "thread.h"

#define GAMES 40

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

static int file_is(const char *path, uint32_t id)
{
    char want[64], got[64] = "";
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f)
        return 0;
    n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    got[n] = '\0';
    snprintf(want, sizeof want, "record of match %lu\n", (unsigned long)id);
    return strcmp(got, want) == 0;
}

static journal *open_journal(void)
{
    journal *j = NULL;
    char err[600];
    if (journal_open(&j, jpath, &cfg, err, sizeof err) != 0)
        tap_diag("journal_open: %s", err);
    return j;
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
        uint32_t id = 0;
        const char *m = strstr(written[i], "-match");
        if (m)
            id = (uint32_t)strtoul(m + 6, NULL, 10);
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
    j = open_journal();
    TAP_OK(j && journal_unrecorded_count(j) == 1 &&
               journal_unrecorded(j, 0)->game.match_id == GAMES + 1 &&
               journal_restored_count(j) == 0,
           "the journal forgot every recorded game and kept the one not written");
    journal_close(j);

    for (int i = 0; i < nwritten; i++)
        remove(written[i]);
    remove(dir);
    remove(jpath);
    {
        char lock[300];
        snprintf(lock, sizeof lock, "%s.lock", jpath);
        remove(lock);
    }
    return tap_done();
}
