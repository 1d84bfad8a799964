/* test_journal_crash.c: the journal file as a crashed server leaves it.
 * What is flushed is in the file at once, read through another descriptor
 * while the journal is open (on POSIX followed by the NUL bytes it
 * preallocated, jfile_posix.c); a journal that ends in a run of NUL bytes
 * is read as complete (every record, nothing dropped), while anything
 * after such a run, or half a line before it, is a damaged tail as before.
 * On both platforms: the copies are made with stdio. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "journal.h"
#include "tap.h"

static match_config cfg;

/* The file at path, whole; its size in *n (NULL if unreadable). */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    *n = 0;
    while (f) {
        size_t got;
        char *more = realloc(buf, cap + 65536);
        if (!more)
            break;
        buf = more;
        got = fread(buf + cap, 1, 65536, f);
        cap += 65536;
        *n += got;
        if (got < 65536)
            break;
    }
    if (f)
        fclose(f);
    return buf;
}

/* Writes n bytes to path (a new file), then nul NUL bytes and tail. */
static void spit(const char *path, const char *bytes, size_t n, size_t nul, const char *tail)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(bytes, 1, n, f);
    for (size_t i = 0; i < nul; i++)
        fputc('\0', f);
    fputs(tail, f);
    fclose(f);
}

/* The bytes before the first NUL; *clean: only NUL bytes follow them. */
static size_t data_len(const char *buf, size_t n, int *clean)
{
    size_t len = 0;
    while (len < n && buf[len] != '\0')
        len++;
    *clean = 1;
    for (size_t i = len; i < n; i++)
        if (buf[i] != '\0')
            *clean = 0;
    return len;
}

static void remove_journal(const char *path)
{
    char lock[300];
    snprintf(lock, sizeof lock, "%s.lock", path);
    remove(path);
    remove(lock);
}

/* Opens the journal at path: its moves of match 7 (-1: not restored)
 * and the bytes it dropped, then closes it. */
static int reopen(const char *path, size_t *dropped)
{
    journal *j = NULL;
    char err[600];
    int moves = -1;
    *dropped = (size_t)-1;
    if (journal_open(&j, path, &cfg, err, sizeof err) != 0) {
        tap_diag("journal_open %s: %s", path, err);
        return -1;
    }
    for (size_t i = 0; i < journal_restored_count(j); i++)
        if (journal_restored(j, i)->match_id == 7)
            moves = (int)journal_restored(j, i)->nmoves;
    *dropped = journal_dropped_bytes(j);
    journal_close(j);
    return moves;
}

/* Journals match 7's game and n moves without a sync (flushed only). */
static int play(journal *j, uint32_t n)
{
    static const uint8_t tok[PACKET_TOKEN_SIZE] = {7};
    journal_entry e;
    uint64_t seq = 0;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_GAME;
    e.match_id = 7;
    e.game_no = 1;
    e.name[0] = "Ann";
    e.name[1] = "Ben";
    e.token[0] = e.token[1] = tok;
    if (journal_write(j, &e, &seq) != 0)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        memset(&e, 0, sizeof e);
        e.kind = JOURNAL_MOVE;
        e.match_id = 7;
        e.ply = i;
        e.move.from_x = e.move.from_y = 0xFF;
        e.move.to_x = (uint8_t)i;
        e.move.to_y = 3;
        if (journal_write(j, &e, &seq) != 0)
            return -1;
    }
    return journal_flush(j, seq);
}

int main(void)
{
    char path[200], copy[220];
    journal *j = NULL;
    char err[600], *image = NULL;
    size_t n = 0, len = 0, dropped;
    int clean = 0;
    snprintf(path, sizeof path, "test-journal-crash-%lu", (unsigned long)time(NULL));
    snprintf(copy, sizeof copy, "%s.copy", path);
    remove_journal(path);
    cfg.ops = &game_gomoku_ops;
    cfg.options.kind = GAME_KIND_GOMOKU;
    cfg.ops->normalize_options(&cfg.options);

    if (!TAP_OK(journal_open(&j, path, &cfg, err, sizeof err) == 0, "a new journal opens"))
        return tap_done();
    TAP_OK(play(j, 5) == 0, "a game and five moves journaled, flushed, not synced");
    /* As a crashed server leaves it: read while the journal is open. */
    image = slurp(path, &n);
    len = image ? data_len(image, n, &clean) : 0;
    TAP_INT_EQ(len, journal_size(j),
               "every flushed byte is in the file at once, read through "
               "another descriptor while it is open");
    TAP_OK(image && clean && len > 0 && image[len - 1] == '\n',
           "the file ends with the last whole line, then at most NUL bytes (%zu past it)", n - len);
    journal_close(j);

    spit(copy, image ? image : "", n, 0, "");
    TAP_INT_EQ(reopen(copy, &dropped), 5, "that image opened: the game comes back, five moves");
    TAP_INT_EQ(dropped, 0, "and nothing is dropped");
    remove_journal(copy);

    spit(copy, image ? image : "", len, 70000, "");
    TAP_INT_EQ(reopen(copy, &dropped), 5, "a journal ending in 70,000 NUL bytes: all five moves");
    TAP_INT_EQ(dropped, 0, "and nothing dropped: the NUL run is the journal's end");
    {
        size_t m;
        char *again = slurp(copy, &m);
        int none;
        TAP_OK(again && m > 0 && data_len(again, m, &none) == m,
               "the reopened file was rewritten without them (%zu bytes)", m);
        free(again);
    }
    remove_journal(copy);

    spit(copy, image ? image : "", len, 100, "junk\n");
    reopen(copy, &dropped);
    TAP_INT_EQ(dropped, 105, "NUL bytes with anything after them are a damaged tail, all of it");
    remove_journal(copy);

    spit(copy, image ? image : "", len - 1, 3000, "");
    TAP_INT_EQ(reopen(copy, &dropped), 4, "a last line cut short before the NUL bytes is dropped");
    TAP_OK(dropped > 3000, "with them, as a damaged tail (%zu bytes)", dropped);
    remove_journal(copy);

    spit(copy, "", 0, 5000, "");
    TAP_INT_EQ(reopen(copy, &dropped), -1, "a file of NUL bytes only reads as an empty journal");
    TAP_INT_EQ(dropped, 0, "nothing in it dropped");
    remove_journal(copy);

    free(image);
    remove_journal(path);
    return tap_done();
}
