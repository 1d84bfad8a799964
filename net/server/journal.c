/* journal.c: see journal.h. The public calls: opening (journal_read.c reads
 * the file back), writing records with group commit, flush, sync,
 * compaction and closing. The line format is journal_line.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_internal.h"

static _Thread_local char g_error[300];

const char *journal_error(void)
{
    return g_error;
}

/* Rewrites the file with the header and the live games only: a temporary
 * file, synced, renamed over the journal. 0 on success. */
static int compact(journal *j)
{
    char header[LINE_CAP];
    size_t hn = encode_header(j, header, sizeof header);
    jfile *t = NULL;
    int ok = jfile_open(&t, j->tmp_path, 1) == 0 && jfile_write(t, header, hn) == 0;
    /* drop_live frees only a text that it then moves out of live[0..nlive):
     * the analyser's use-after-free below is a false positive. */
    for (size_t i = 0; ok && i < j->nlive; i++)
        // NOLINTNEXTLINE(clang-analyzer-unix.Malloc)
        ok = dormant(&j->live[i]) || jfile_write(t, j->live[i].text, j->live[i].len) == 0;
    ok = ok && jfile_sync(t) == 0;
    if (t)
        jfile_close(t);
    if (ok) {
        /* Windows cannot rename over a file held open: let go first. */
        jfile_close(j->f);
        j->f = NULL;
        ok = jfile_replace(j->tmp_path, j->path) == 0;
        if (jfile_open(&j->f, j->path, 0) != 0)
            j->f = NULL;
    }
    if (!ok) {
        snprintf(g_error, sizeof g_error, "cannot compact %s: %s", j->path, jfile_error());
        remove(j->tmp_path);
        return -1;
    }
    j->file_bytes = hn + live_bytes(j);
    /* The live games' texts hold every pending record that still matters:
     * the new file, synced, has all of it. */
    j->npending = 0;
    j->flushed = j->synced = j->written;
    return 0;
}

/* Moves the lines of the games refused at open (journal_refusal) to the
 * set-aside file: appended and synced there before the journal is
 * compacted without them, so that a game is refused (and logged) once and
 * its lines weigh nothing on compaction. Where that file cannot be
 * written, they stay in the journal as before (kept). */
static void set_aside_refused(journal *j)
{
    jfile *f = NULL;
    int ok;
    if (j->nrefused == 0)
        return;
    ok = jfile_open(&f, j->refused_path, 0) == 0;
    for (size_t i = 0; ok && i < j->nrefused; i++) {
        const live_game *g = find_live_game(j, j->refused[i].match_id, j->refused[i].game_no);
        if (g && g->game_no == j->refused[i].game_no)
            ok = jfile_write(f, g->text, g->len) == 0;
    }
    ok = ok && jfile_sync(f) == 0;
    for (size_t i = 0; i < j->nrefused; i++) {
        journal_refusal *x = &j->refused[i];
        live_game *g = find_live_game(j, x->match_id, x->game_no);
        x->kept = !ok;
        if (!ok)
            snprintf(x->set_aside_error, sizeof x->set_aside_error, "%s", jfile_error());
        else if (g && g->game_no == x->game_no)
            drop_live(j, g);
    }
    if (f)
        jfile_close(f);
}

/* ---- public ---- */

static char *concat(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

int journal_open(journal **out, const char *path, const match_config *cfg, char *err, size_t cap)
{
    journal *j = calloc(1, sizeof *j);
    char *lock_path = NULL;
    size_t dropped = 0;
    int lr;
    if (!j || !(j->path = concat(path, "")) || !(j->tmp_path = concat(path, ".tmp")) ||
        !(j->refused_path = concat(path, ".refused")) || !(lock_path = concat(path, ".lock")) ||
        !(j->mu = mb_mutex_create())) {
        snprintf(err, cap, "out of memory");
        free(lock_path);
        journal_close(j);
        return -1;
    }
    j->cfg = cfg;
    j->next_id = 1;
    lr = jfile_lock(&j->lock, lock_path);
    if (lr != 0) {
        if (lr > 0)
            snprintf(err, cap, "%s is in use by another server", path);
        else
            snprintf(err, cap, "cannot lock %s (%s): %s", path, lock_path, jfile_error());
        free(lock_path);
        journal_close(j);
        return -1;
    }
    free(lock_path);
    if (read_journal(j, err, cap, &dropped) != 0) {
        journal_close(j);
        return -1;
    }
    set_aside_refused(j);
    if (compact(j) != 0) {
        snprintf(err, cap, "%s", g_error);
        journal_close(j);
        return -1;
    }
    if (!j->f) {
        snprintf(err, cap, "cannot open journal %s: %s", path, jfile_error());
        journal_close(j);
        return -1;
    }
    j->dropped = dropped;
    *out = j;
    return 0;
}

size_t journal_restored_count(const journal *j)
{
    return j->nrestored;
}

match_restore *journal_restored(journal *j, size_t i)
{
    return i < j->nrestored ? &j->restored[i] : NULL;
}

size_t journal_unrecorded_count(const journal *j)
{
    return j->nunrecorded;
}

const unrecorded_game *journal_unrecorded(const journal *j, size_t i)
{
    return i < j->nunrecorded ? &j->unrecorded[i] : NULL;
}

size_t journal_refused_count(const journal *j)
{
    return j->nrefused;
}

const journal_refusal *journal_refused(const journal *j, size_t i)
{
    return i < j->nrefused ? &j->refused[i] : NULL;
}

const char *journal_refused_path(const journal *j)
{
    return j->refused_path;
}

size_t journal_dropped_bytes(const journal *j)
{
    return j->dropped;
}

uint32_t journal_next_match_id(const journal *j)
{
    return j->next_id;
}

uint64_t journal_size(journal *j)
{
    uint64_t n;
    mb_mutex_lock(j->mu);
    n = j->file_bytes;
    mb_mutex_unlock(j->mu);
    return n;
}

/* Puts the pending records into the file with one write; under mu. A
 * failed write is cut off again (no half line stays behind) and its
 * records are dropped: the games go on without that guarantee. */
static int flush_pending(journal *j)
{
    int rc = 0;
    if (j->npending == 0)
        return 0;
    if (!j->f) {
        snprintf(g_error, sizeof g_error, "cannot write %s: file not open", j->path);
        rc = -1;
    } else if (jfile_write(j->f, j->pending, j->npending) != 0) {
        snprintf(g_error, sizeof g_error, "cannot write %s: %s", j->path, jfile_error());
        jfile_truncate(j->f, j->file_bytes);
        rc = -1;
    } else {
        j->file_bytes += j->npending;
    }
    j->npending = 0;
    j->flushed = j->written;
    return rc;
}

static int add_pending(journal *j, const char *line, size_t n)
{
    return buf_append(&j->pending, &j->npending, &j->cappending, 4096, line, n);
}

/* Compacts the file when enough of it is dead (a game was dropped);
 * under mu. While a sync runs, the last sync to end does it. */
static void maybe_compact(journal *j)
{
    uint64_t live = live_bytes(j), bytes = j->file_bytes + j->npending;
    if ((live == 0 && bytes > COMPACT_MIN / 16) || (bytes > COMPACT_MIN && bytes > 2 * live)) {
        if (j->syncing)
            j->compact_due = 1;
        else
            compact(j); /* on failure the file just stays longer */
    }
}

/* The match of e is gone (JOURNAL_GONE): its recorded games go, one
 * waiting for its E goes at its E. Under mu. */
static void forget_match(journal *j, uint32_t id)
{
    for (size_t i = j->nlive; i-- > 0;) { /* from the end: drop_live moves the last */
        live_game *g = &j->live[i];
        if (g->match_id == id && g->recorded)
            drop_live(j, g);
        else if (g->match_id == id)
            g->gone = 1;
    }
    maybe_compact(j);
}

/* Updates the live games with e, whose line (n bytes) is pending; under
 * mu. 0, or -1 when out of memory. */
static int take_written(journal *j, const journal_entry *e, const char *line, size_t n)
{
    live_game *g;
    switch (e->kind) {
    case JOURNAL_GAME:
        if (e->match_id >= j->next_id)
            j->next_id = e->match_id + 1;
        g = new_live(j, e->match_id, e->game_no);
        return !g || live_append(g, line, n) != 0 ? -1 : 0; /* the file has it */
    case JOURNAL_OFFER:
    case JOURNAL_STOP:
    case JOURNAL_CLOCK:
        g = find_live_game(j, e->match_id, e->game_no);
        if (!g || g->game_no != e->game_no)
            return 0;
        if (e->kind == JOURNAL_OFFER &&
            (e->offer == JOURNAL_OFFER_REMATCH || e->offer == JOURNAL_OFFER_DECLINED)) {
            if (e->offer == JOURNAL_OFFER_REMATCH)
                g->rematch = e->side;
            else
                g->declined = e->side;
            if (g->recorded && !awaited(g)) {
                /* In the file past its E only for that offer or its
                 * decline; in memory while its match lasts, for the next. */
                make_dormant(g);
                maybe_compact(j);
                return 0;
            }
        }
        return live_append(g, line, n);
    case JOURNAL_MOVE:
    case JOURNAL_RESULT:
    case JOURNAL_OPENING:
    case JOURNAL_UNDO:
        g = find_live(j, e->match_id);
        if (!g || (e->kind == JOURNAL_RESULT && g->game_no != e->game_no))
            return 0; /* not the game being played: nothing to keep */
        if (live_append(g, line, n) != 0)
            return -1;
        if (e->kind == JOURNAL_RESULT) {
            g->finished = 1; /* kept until its E, past a rematch's G */
            g->body = g->len;
        }
        return 0;
    case JOURNAL_END:
        g = find_live_game(j, e->match_id, e->game_no);
        if (g && g->finished && !g->recorded && !g->gone) {
            /* Kept for a rematch offer: in the file (E included) while one
             * is pending, else in memory only (dormant). */
            g->recorded = 1;
            if (awaited(g))
                return live_append(g, line, n);
            make_dormant(g);
            maybe_compact(j);
            return 0;
        }
        drop_live(j, g);
        maybe_compact(j);
        return 0;
    default:
        return 0;
    }
}

int journal_write(journal *j, const journal_entry *e, uint64_t *seq)
{
    char line[LINE_CAP], end[LINE_CAP];
    size_t n = e->kind == JOURNAL_GONE ? 1 : encode_entry(e, line, sizeof line), nend = 0;
    live_game *revive = NULL;
    int rc = 0;
    if (n == 0) {
        snprintf(g_error, sizeof g_error, "cannot encode a journal record");
        return -1;
    }
    mb_mutex_lock(j->mu);
    if (e->kind == JOURNAL_GONE) { /* nothing for the file */
        forget_match(j, e->match_id);
        if (seq)
            *seq = j->written;
        mb_mutex_unlock(j->mu);
        return 0;
    }
    if (e->kind == JOURNAL_OFFER && e->offer == JOURNAL_OFFER_REMATCH &&
        e->side != GAME_SIDE_NONE) {
        /* An offer after a dormant game: the game goes into the file
         * again, then the offer, then its E, so a reader keeps it. */
        revive = find_live_game(j, e->match_id, e->game_no);
        if (revive && (revive->game_no != e->game_no || !dormant(revive)))
            revive = NULL;
    }
    if (revive) {
        journal_entry ee;
        memset(&ee, 0, sizeof ee);
        ee.kind = JOURNAL_END;
        ee.match_id = e->match_id;
        ee.game_no = e->game_no;
        nend = encode_entry(&ee, end, sizeof end);
    }
    if (!j->f && compact(j) != 0) {
        rc = -1;
    } else if ((revive && add_pending(j, revive->text, revive->len) != 0) ||
               add_pending(j, line, n) != 0 || (revive && add_pending(j, end, nend) != 0)) {
        snprintf(g_error, sizeof g_error, "out of memory");
        rc = -1;
    } else {
        j->written++;
        if (seq)
            *seq = j->written;
        rc = take_written(j, e, line, n);
        if (rc == 0 && revive && live_append(revive, end, nend) != 0)
            rc = -1;
        if (rc != 0)
            snprintf(g_error, sizeof g_error, "out of memory");
    }
    mb_mutex_unlock(j->mu);
    return rc;
}

int journal_flush(journal *j, uint64_t seq)
{
    int rc = 0;
    mb_mutex_lock(j->mu);
    if (seq > j->written)
        seq = j->written;
    if (j->flushed < seq)
        rc = flush_pending(j);
    mb_mutex_unlock(j->mu);
    return rc;
}

int journal_sync(journal *j, uint64_t seq)
{
    int rc = 0;
    uint64_t upto;
    jfile *f;
    mb_mutex_lock(j->mu);
    if (seq > j->written)
        seq = j->written;
    if (j->synced >= seq) {
        mb_mutex_unlock(j->mu);
        return 0;
    }
    if (flush_pending(j) != 0) { /* everything pending: the sync covers it */
        mb_mutex_unlock(j->mu);
        return -1;
    }
    if (!j->f) {
        snprintf(g_error, sizeof g_error, "cannot sync %s: file not open", j->path);
        mb_mutex_unlock(j->mu);
        return -1;
    }
    /* The sync runs outside the lock, so that other threads' writes do not
     * wait for the disk; while it runs the file is not compacted (replaced). */
    upto = j->flushed; /* one sync covers every thread's writes so far */
    f = j->f;
    j->syncing++;
    mb_mutex_unlock(j->mu);
    if (jfile_sync(f) != 0) {
        snprintf(g_error, sizeof g_error, "cannot sync %s: %s", j->path, jfile_error());
        rc = -1;
    }
    mb_mutex_lock(j->mu);
    j->syncing--;
    if (rc == 0 && upto > j->synced)
        j->synced = upto;
    if (!j->syncing && j->compact_due) {
        j->compact_due = 0;
        compact(j); /* on failure the file just stays longer */
    }
    mb_mutex_unlock(j->mu);
    return rc;
}

int journal_append(journal *j, const journal_entry *e)
{
    uint64_t seq = 0;
    if (journal_write(j, e, &seq) != 0)
        return -1;
    return journal_sync(j, seq);
}

uint64_t journal_synced(journal *j)
{
    uint64_t n;
    mb_mutex_lock(j->mu);
    n = j->synced;
    mb_mutex_unlock(j->mu);
    return n;
}

void journal_close(journal *j)
{
    if (!j)
        return;
    flush_pending(j);
    if (j->f && j->synced < j->written)
        jfile_sync(j->f); /* what a once-a-second sync had still to do */
    free(j->pending);
    for (size_t i = 0; i < j->nlive; i++)
        free(j->live[i].text);
    free(j->live);
    conn_map_free(&j->latest);
    for (size_t i = 0; i < j->nreads; i++) {
        free(j->reads[i].r.moves);
        free(j->reads[i].r.steps);
    }
    free(j->reads);
    for (size_t i = 0; i < j->nrestored; i++) {
        free(j->restored[i].moves);
        free(j->restored[i].steps);
    }
    free(j->restored);
    for (size_t i = 0; i < j->nunrecorded; i++) {
        free(j->unrecorded[i].game.moves);
        free(j->unrecorded[i].game.steps);
    }
    free(j->unrecorded);
    free(j->refused);
    jfile_close(j->f);
    jfile_unlock(j->lock);
    mb_mutex_destroy(j->mu);
    free(j->path);
    free(j->tmp_path);
    free(j->refused_path);
    free(j);
}
