/* test_journal.c: the journal file on its own: what is appended comes back
 * after a reopen (unfinished games only), a torn or damaged last record is
 * dropped and the rest kept, a journal of other games is refused while it
 * holds unfinished ones, a file that is not a journal is never overwritten,
 * compaction keeps the file bounded over many games, and group commit:
 * writes numbered in order from every thread, one sync covering them all.
 * Results and ends: a game with a result but no end (its record not yet
 * written) comes back unrecorded, not playable, even past a rematch. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itest.h"
#include "journal.h"
#include "mono_clock.h"
#include "tap.h"
#include "thread.h"

static match_config cfg;
static char path[256];

static journal *open_ok(void)
{
    journal *j = NULL;
    char err[600];
    if (journal_open(&j, path, &cfg, err, sizeof err) != 0) {
        tap_diag("journal_open: %s", err);
        return NULL;
    }
    return j;
}

static void start_game_no(journal *j, uint32_t id, uint32_t game_no, uint8_t seed);

static void start_game(journal *j, uint32_t id, uint8_t seed)
{
    start_game_no(j, id, 1, seed);
}

static void start_game_no(journal *j, uint32_t id, uint32_t game_no, uint8_t seed)
{
    uint8_t t1[PACKET_TOKEN_SIZE], t2[PACKET_TOKEN_SIZE];
    journal_entry e;
    memset(t1, seed, sizeof t1);
    memset(t2, (uint8_t)(seed + 1), sizeof t2);
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_GAME;
    e.match_id = id;
    e.game_no = game_no;
    e.name[0] = "Zoë";
    e.name[1] = "Bo b";
    e.token[0] = t1;
    e.token[1] = t2;
    e.left_ms[0] = e.left_ms[1] = 60000;
    journal_append(j, &e);
}

static journal_entry move_entry(uint32_t id, uint32_t ply)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_MOVE;
    e.match_id = id;
    e.ply = ply;
    e.move.from_x = e.move.from_y = 0xFF;
    e.move.to_x = (uint8_t)ply;
    e.move.to_y = (uint8_t)(ply % 2);
    e.left_ms[0] = 60000 - (int64_t)ply;
    e.left_ms[1] = -5;
    return e;
}

static int move(journal *j, uint32_t id, uint32_t ply)
{
    journal_entry e = move_entry(id, ply);
    return journal_append(j, &e);
}

static void end(journal *j, uint32_t id)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_END;
    e.match_id = id;
    journal_append(j, &e);
}

/* The game's result (R); game_no 0 in end_game: the older "E MATCH". */
static void result(journal *j, uint32_t id, uint32_t game_no, game_side winner,
                   game_end_reason reason)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_RESULT;
    e.match_id = id;
    e.game_no = game_no;
    e.result.winner = winner;
    e.result.reason = reason;
    journal_append(j, &e);
}

static void end_game(journal *j, uint32_t id, uint32_t game_no)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_END;
    e.match_id = id;
    e.game_no = game_no;
    journal_append(j, &e);
}

static const unrecorded_game *find_unrecorded(journal *j, uint32_t id, uint32_t game_no)
{
    for (size_t i = 0; j && i < journal_unrecorded_count(j); i++) {
        const unrecorded_game *u = journal_unrecorded(j, i);
        if (u->game.match_id == id && u->game.game_no == game_no)
            return u;
    }
    return NULL;
}

static match_restore *find_restored(journal *j, uint32_t id)
{
    for (size_t i = 0; j && i < journal_restored_count(j); i++)
        if (journal_restored(j, i)->match_id == id)
            return journal_restored(j, i);
    return NULL;
}

/* A test on a journal of its own: path gets suffix (the old path goes
 * to saved), the file is new; returns it opened (open_ok). */
static journal *own_journal(char *saved, const char *suffix)
{
    size_t n = strlen(path);
    memcpy(saved, path, sizeof path);
    snprintf(path + n, sizeof path - n, "%s", suffix);
    remove(path);
    return open_ok();
}

/* Removes the test's journal and its lock; path is saved again. */
static void drop_own_journal(const char *saved)
{
    char lock[300];
    remove(path);
    snprintf(lock, sizeof lock, "%s.lock", path);
    remove(lock);
    memcpy(path, saved, sizeof path);
}

/* Does the journal hold a line starting with prefix? */
static int file_has_line(const char *prefix)
{
    return itest_file_has_line(path, prefix);
}

/* An opening step (P): the seat, the step and its points, the clocks. */
static void opening_step(journal *j, uint32_t id, int seat, int step, int choice, int x)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_OPENING;
    e.match_id = id;
    e.step.seat = (uint8_t)seat;
    e.step.step = (uint8_t)step;
    e.step.choice = (uint8_t)choice;
    memset(e.step.points, 0xFF, sizeof e.step.points);
    if (x >= 0) {
        e.step.points[0] = (uint8_t)x;
        e.step.points[1] = 7;
    }
    e.left_ms[0] = 50000 + x;
    e.left_ms[1] = 40000;
    journal_append(j, &e);
}

/* A game with an opening: its steps come back in order, the stones they
 * put count before the first ordinary move; a step after a move is not
 * an opening step (the journal ends there). */
static void test_opening_steps(void)
{
    journal *j = open_ok();
    match_restore *r;
    if (!j)
        return;
    start_game(j, 40, 0x40);
    for (int i = 0; i < 3; i++)
        opening_step(j, 40, 0, 1, 0, 6 + i);
    opening_step(j, 40, 1, 2, 3, -1);
    move(j, 40, 3);
    journal_close(j);
    j = open_ok();
    r = find_restored(j, 40);
    TAP_OK(r && r->nsteps == 4 && r->opening_stones == 3 && r->nmoves == 1,
           "opening steps restored before the move of ply 3");
    TAP_OK(r && r->steps[2].points[0] == 8 && r->steps[2].points[1] == 7 &&
               r->steps[2].points[2] == 0xFF && r->steps[3].seat == 1 && r->steps[3].step == 2 &&
               r->steps[3].choice == 3,
           "each step with its seat, kind, choice and points");
    TAP_OK(file_has_line("P 40 1 2 3 0 ffff"), "written as a P line");
    opening_step(j, 40, 0, 1, 0, 1);
    journal_close(j);
    j = open_ok();
    r = find_restored(j, 40);
    TAP_OK(r && r->nsteps == 4 && r->nmoves == 1, "an opening step after a move is refused");
    end(j, 40);
    journal_close(j);
}

/* A takeback (U): the moves it took back are gone, the next move follows
 * on from what stands; more than the game's moves is refused. */
static void test_undo(void)
{
    journal *j = open_ok();
    journal_entry e;
    match_restore *r;
    if (!j)
        return;
    start_game(j, 41, 0x41);
    move(j, 41, 0);
    move(j, 41, 1);
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_UNDO;
    e.match_id = 41;
    e.ply = 2;
    e.left_ms[0] = 777;
    journal_append(j, &e);
    move(j, 41, 0);
    journal_close(j);
    j = open_ok();
    r = find_restored(j, 41);
    TAP_OK(r && r->nmoves == 1 && r->moves[0].to_x == 0 && r->left_ms[1] == -5,
           "a takeback of 2 moves, then ply 0 again: one move restored");
    TAP_OK(file_has_line("U 41 2 777 0"), "written as a U line");
    end(j, 41);
    journal_close(j);
}

/* A result without an end: unrecorded, not playable; with its end: gone.
 * The rematch window: game 1 ended (result) but its record is not written
 * when game 2 starts; a crash then must keep both. Compaction keeps an
 * unrecorded game; the older "E MATCH" still ends a match's game. */
static void test_results(void)
{
    char saved[sizeof path];
    journal *j;
    const unrecorded_game *u;
    match_restore *r;
    j = own_journal(saved, "-results");
    if (!j)
        goto out;
    start_game(j, 5, 0x50);
    for (uint32_t i = 0; i < 3; i++)
        move(j, 5, i);
    result(j, 5, 1, GAME_SIDE_P1, GAME_END_RESIGNATION);
    journal_close(j);
    j = open_ok();
    u = find_unrecorded(j, 5, 1);
    TAP_OK(j && journal_restored_count(j) == 0 && journal_unrecorded_count(j) == 1 && u,
           "a game with a result and no end is not restored but listed as unrecorded");
    TAP_OK(u && u->result.winner == GAME_SIDE_P1 && u->result.reason == GAME_END_RESIGNATION &&
               u->game.nmoves == 3 && u->game.moves[2].to_x == 2 &&
               strcmp(u->game.name[0], "Zoë") == 0 && u->game.token[0][0] == 0x50,
           "with its result, moves and players");
    end_game(j, 5, 1);
    journal_close(j);
    j = open_ok();
    TAP_OK(j && journal_restored_count(j) == 0 && journal_unrecorded_count(j) == 0,
           "its end entry (record written) makes the journal forget it");
    journal_close(j);

    /* The rematch window, in one run that compacts the file meanwhile. */
    j = open_ok();
    if (!j)
        goto out;
    start_game(j, 6, 0x60);
    move(j, 6, 0);
    move(j, 6, 1);
    result(j, 6, 1, GAME_SIDE_P2, GAME_END_TIME);
    start_game_no(j, 6, 2, 0x66);
    move(j, 6, 0);
    {
        uint64_t most = 0;
        for (uint32_t g = 0; g < 80; g++) {
            uint32_t id = 200 + g;
            start_game(j, id, (uint8_t)g);
            for (uint32_t i = 0; i < 40; i++) {
                journal_entry e = move_entry(id, i);
                journal_write(j, &e, NULL);
            }
            result(j, id, 1, GAME_SIDE_NONE, GAME_END_DRAW_AGREED);
            end_game(j, id, 1);
            if (journal_size(j) > most)
                most = journal_size(j);
        }
        TAP_OK(most < 80 * 1024,
               "80 other games of 40 moves end: the file was compacted (about 130 KiB "
               "written, %llu bytes at most)",
               (unsigned long long)most);
    }
    journal_close(j); /* a crash: game 1's record was never written */
    j = open_ok();
    u = find_unrecorded(j, 6, 1);
    r = find_restored(j, 6);
    TAP_OK(u && u->game.nmoves == 2 && u->result.winner == GAME_SIDE_P2 &&
               u->result.reason == GAME_END_TIME,
           "rematch window: game 1 survives compaction and the rematch, unrecorded");
    TAP_OK(r && r->game_no == 2 && r->nmoves == 1 && r->token[0][0] == 0x66 &&
               journal_restored_count(j) == 1 && journal_unrecorded_count(j) == 1,
           "and game 2 is restored, playable, with its move");
    TAP_INT_EQ(j ? journal_next_match_id(j) : 0, 280, "no match id is reused");
    journal_close(j);
    j = open_ok(); /* read back and compacted at open: the same again */
    TAP_OK(find_unrecorded(j, 6, 1) && find_restored(j, 6) && journal_unrecorded_count(j) == 1,
           "a reopen (its compaction) keeps both");
    end_game(j, 6, 1);
    journal_close(j);
    j = open_ok();
    r = find_restored(j, 6);
    TAP_OK(j && journal_unrecorded_count(j) == 0 && r && r->game_no == 2 && r->nmoves == 1,
           "game 1's end forgets game 1 only");
    /* The older two-field end ("E MATCH"): the match's current game. */
    end_game(j, 6, 0);
    TAP_OK(file_has_line("E 6 *"), "an end for game 0 is written in the older form \"E 6\"");
    journal_close(j);
    j = open_ok();
    TAP_OK(j && journal_restored_count(j) == 0 && journal_unrecorded_count(j) == 0,
           "which a reopen still reads: it ends the match's current game");
    journal_close(j);
    /* A version 1 journal, as a server of before wrote it: "E MATCH". */
    {
        FILE *f = fopen(path, "wb");
        fputs("MBJ 1 1 0 15 15 0 0 1 *313fe5c3\n"
              "G 9 1 d9ffd990e9e212d3e1df6b00fd7670d3 d9ffd990e9e212d3e1df6b00fd7670d3 416e6e "
              "42656e 0 0 *ab338587\n"
              "M 9 0 255 255 7 7 0 0 0 *96743167\n"
              "E 9 *43913a93\n"
              "G 10 1 d9ffd990e9e212d3e1df6b00fd7670d3 d9ffd990e9e212d3e1df6b00fd7670d3 436964 "
              "446f74 0 0 *13e2dda7\n"
              "M 10 0 255 255 7 7 0 0 0 *c3a95bd0\n",
              f);
        fclose(f);
    }
    j = open_ok();
    r = find_restored(j, 10);
    TAP_OK(j && journal_restored_count(j) == 1 && r && r->nmoves == 1 &&
               journal_unrecorded_count(j) == 0 && journal_dropped_bytes(j) == 0 &&
               journal_next_match_id(j) == 11,
           "a version 1 journal: its \"E 9\" ends match 9, match 10 is restored");
    journal_close(j);
    TAP_OK(file_has_line("MBJ 6 "), "and it is rewritten as version 6");
out:
    drop_own_journal(saved);
}

typedef struct writer {
    journal *j;
    uint32_t id;
    uint64_t last; /* the sequence number of its last write */
    int failed;
} writer;

static void write_moves(void *arg)
{
    writer *w = arg;
    for (uint32_t i = 0; i < 50; i++) {
        journal_entry e = move_entry(w->id, i);
        uint64_t seq = 0;
        if (journal_write(w->j, &e, &seq) != 0 || seq <= w->last)
            w->failed = 1;
        w->last = seq;
    }
}

/* Group commit: journal_write numbers records, journal_sync covers every
 * record written before it, from any thread. */
static void test_group_commit(void)
{
    journal *j = open_ok();
    uint64_t s1 = 0, s2 = 0, s3 = 0;
    match_restore *r;
    if (!j)
        return;
    start_game(j, 7, 0x70);
    start_game(j, 8, 0x80);
    start_game(j, 9, 0x90);
    {
        journal_entry a = move_entry(7, 0), b = move_entry(7, 1);
        uint64_t before = journal_synced(j);
        int ok = journal_write(j, &a, &s1) == 0 && journal_write(j, &b, &s2) == 0;
        TAP_OK(ok && s1 == before + 1 && s2 == s1 + 1,
               "journal_write numbers records in order, after the synced ones");
        TAP_OK(journal_synced(j) == before, "and does not sync them");
        TAP_OK(journal_sync(j, s2) == 0 && journal_synced(j) == s2,
               "one journal_sync makes both durable");
        TAP_OK(journal_sync(j, s1) == 0 && journal_synced(j) == s2,
               "a sync of records already synced is a no-op");
    }
    {
        writer w[2] = {{j, 8, 0, 0}, {j, 9, 0, 0}};
        mb_thread *t[2] = {NULL, NULL};
        int started = mb_thread_start(&t[0], write_moves, &w[0]) == 0 &&
                      mb_thread_start(&t[1], write_moves, &w[1]) == 0;
        for (int i = 0; i < 2; i++)
            if (t[i])
                mb_thread_join(t[i]);
        TAP_OK(started && !w[0].failed && !w[1].failed && w[0].last != w[1].last &&
                   (w[0].last > w[1].last ? w[0].last : w[1].last) == s2 + 100,
               "two threads' writes: 100 distinct rising sequence numbers");
        TAP_OK(journal_synced(j) == s2 &&
                   journal_sync(j, w[0].last < w[1].last ? w[0].last : w[1].last) == 0 &&
                   journal_synced(j) == s2 + 100,
               "one sync by either thread covers every thread's writes up to then");
    }
    {
        /* journal_write only stages a record; journal_flush puts every
         * staged one into the file with one write (what --journal-sync
         * second relies on before relaying), without a sync. */
        journal_entry a = move_entry(8, 50), b = move_entry(9, 50);
        uint64_t size0 = journal_size(j), synced0 = journal_synced(j), sa = 0, sb = 0;
        int ok = journal_write(j, &a, &sa) == 0 && journal_write(j, &b, &sb) == 0;
        TAP_OK(ok && journal_size(j) == size0, "journal_write leaves the file as it was");
        TAP_OK(journal_flush(j, sa) == 0 && journal_size(j) > size0 && journal_synced(j) == synced0,
               "journal_flush writes the staged records to the file, without a sync");
        size0 = journal_size(j);
        TAP_OK(journal_flush(j, sb) == 0 && journal_size(j) == size0,
               "one flush took both records (the second flush has nothing to write)");
        TAP_OK(journal_sync(j, sb) == 0 && journal_synced(j) == sb, "journal_sync syncs them");
    }
    {
        journal_entry e = move_entry(7, 2), f = move_entry(7, 3);
        TAP_OK(journal_write(j, &e, &s3) == 0 && journal_sync(j, s3 + 1000) == 0 &&
                   journal_synced(j) == s3,
               "a sequence number beyond the last write syncs what there is");
        TAP_OK(journal_append(j, &f) == 0 && journal_synced(j) == s3 + 1,
               "journal_append is write + sync");
    }
    journal_close(j);
    j = open_ok();
    r = NULL;
    for (size_t i = 0; j && i < journal_restored_count(j); i++)
        if (journal_restored(j, i)->match_id == 7)
            r = journal_restored(j, i);
    TAP_OK(r && r->nmoves == 4 && journal_restored_count(j) == 4,
           "what was written and synced comes back after a reopen");
    if (j) {
        /* Every game ends: the file is compacted, and a compacted file is a
         * synced one, so the last end counts as synced without a sync. */
        uint64_t last = 0;
        int ok = 1;
        for (size_t i = journal_restored_count(j); i-- > 0;) {
            journal_entry e;
            memset(&e, 0, sizeof e);
            e.kind = JOURNAL_END;
            e.match_id = journal_restored(j, i)->match_id;
            ok = ok && journal_write(j, &e, &last) == 0;
        }
        TAP_OK(ok && last > 0 && journal_synced(j) == last && journal_size(j) < 200,
               "the compaction when the last game ends counts as a sync");
    }
    journal_close(j);
}

typedef struct syncer {
    journal *j;
    mb_mutex *mu; /* guards stop: a volatile flag is a data race */
    int stop;
    unsigned long syncs;
    int failed;
} syncer;

static int sync_stopped(syncer *sy)
{
    int s;
    mb_mutex_lock(sy->mu);
    s = sy->stop;
    mb_mutex_unlock(sy->mu);
    return s;
}

static void sync_loop(void *arg)
{
    syncer *sy = arg;
    while (!sync_stopped(sy)) {
        uint64_t t0 = mb_now_ms();
        if (journal_sync(sy->j, UINT64_MAX) != 0)
            sy->failed = 1;
        sy->syncs++;
        /* About 2 ms between syncs, as the server's syncer waits a second:
         * a sync after every record would only measure the disk (and a slow
         * one, as under Wine, for minutes). */
        while (!sync_stopped(sy) && mb_now_ms() - t0 < 2)
            continue;
    }
}

/* --journal-sync second: another thread syncs everything while games are
 * written and end. A compaction that falls due during a sync waits for it
 * (the file may not be replaced under it) and is done when it ends: the
 * file stays bounded and what was written comes back. */
static void test_sync_beside_writes(void)
{
    journal *j = open_ok();
    syncer sy = {NULL, NULL, 0, 0, 0};
    mb_thread *t = NULL;
    int ok = 1;
    uint64_t biggest = 0;
    match_restore *r = NULL;
    if (!j)
        return;
    sy.j = j;
    sy.mu = mb_mutex_create();
    ok = sy.mu && mb_thread_start(&t, sync_loop, &sy) == 0;
    for (uint32_t g = 100; ok && g < 400; g++) {
        journal_entry e;
        start_game(j, g, (uint8_t)g);
        for (uint32_t i = 0; ok && i < 30; i++) {
            e = move_entry(g, i);
            ok = journal_write(j, &e, NULL) == 0;
        }
        if (g < 399) {
            memset(&e, 0, sizeof e);
            e.kind = JOURNAL_END;
            e.match_id = g;
            ok = ok && journal_write(j, &e, NULL) == 0;
        }
        if (journal_size(j) > biggest)
            biggest = journal_size(j);
    }
    if (sy.mu) {
        mb_mutex_lock(sy.mu);
        sy.stop = 1;
        mb_mutex_unlock(sy.mu);
    }
    if (t)
        mb_thread_join(t);
    mb_mutex_destroy(sy.mu);
    TAP_OK(ok && !sy.failed && sy.syncs > 0,
           "300 games written and ended while another thread syncs (%lu syncs)", sy.syncs);
    TAP_OK(biggest < 4 * 64 * 1024,
           "compactions still happen: the file never passed %llu bytes (300 games wrote about "
           "%d)",
           (unsigned long long)biggest, 300 * 30 * 40);
    journal_close(j);
    j = open_ok();
    for (size_t i = 0; j && i < journal_restored_count(j); i++)
        if (journal_restored(j, i)->match_id == 399)
            r = journal_restored(j, i);
    TAP_OK(r && r->nmoves == 30, "the unfinished game comes back with its 30 moves");
    journal_close(j);
}

static long file_size(void)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

/* The file's bytes before its first NUL: while the journal is open on
 * POSIX, the file runs on past its end with preallocated NUL bytes. */
static long data_size(void)
{
    FILE *f = fopen(path, "rb");
    long n = 0;
    int c;
    if (!f)
        return -1;
    while ((c = fgetc(f)) != EOF && c != '\0')
        n++;
    fclose(f);
    return n;
}

static void offer(journal *j, uint32_t id, uint32_t game_no, journal_offer kind, game_side side)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_OFFER;
    e.match_id = id;
    e.game_no = game_no;
    e.offer = kind;
    e.side = side;
    journal_append(j, &e);
}

static void stop(journal *j, uint32_t id, uint32_t game_no, int64_t left1, int64_t left2)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_STOP;
    e.match_id = id;
    e.game_no = game_no;
    e.left_ms[0] = left1;
    e.left_ms[1] = left2;
    journal_append(j, &e);
}

/* Offers (O) and a clean stop's clocks (S) come back with their game,
 * through a compaction; a move after a stop's clocks has the last word;
 * an offer withdrawn is gone. */
static void test_offers_and_stop(void)
{
    char saved[sizeof path];
    journal *j;
    match_restore *r;
    j = own_journal(saved, "-offers");
    if (!j)
        goto out;
    start_game(j, 1, 0x10);
    move(j, 1, 0);
    offer(j, 1, 1, JOURNAL_OFFER_DRAW, GAME_SIDE_P2);
    stop(j, 1, 1, 41234, 50007);
    start_game(j, 2, 0x20);
    move(j, 2, 0);
    offer(j, 2, 1, JOURNAL_OFFER_DRAW, GAME_SIDE_P1);
    stop(j, 2, 1, 1000, 2000);
    move(j, 2, 1); /* after a restart: the move's clocks count */
    offer(j, 2, 1, JOURNAL_OFFER_DRAW, GAME_SIDE_NONE);
    offer(j, 2, 9, JOURNAL_OFFER_DRAW, GAME_SIDE_P1); /* no game 9: ignored */
    journal_close(j);
    j = open_ok();
    journal_close(j); /* a second open reads the compacted file */
    j = open_ok();
    r = find_restored(j, 1);
    TAP_OK(r && r->offer[JOURNAL_OFFER_DRAW] == GAME_SIDE_P2 &&
               r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_NONE,
           "a pending draw offer comes back with its game");
    TAP_OK(r && r->stopped && r->left_ms[0] == 41234 && r->left_ms[1] == 50007 && r->nmoves == 1,
           "so do the clocks of a clean stop, to the millisecond");
    r = find_restored(j, 2);
    TAP_OK(r && !r->stopped && r->left_ms[0] == 59999 && r->left_ms[1] == -5 && r->nmoves == 2,
           "a move after the stop: its clocks count");
    TAP_OK(r && r->offer[JOURNAL_OFFER_DRAW] == GAME_SIDE_NONE, "a withdrawn offer is gone");
    TAP_OK(file_has_line("O 1 1 1 2 ") && file_has_line("S 1 1 41234 50007 "),
           "the lines survive compaction");
    journal_close(j);
out:
    drop_own_journal(saved);
}

/* A kind of entry with only a match id and a game number (and clocks). */
static void simple(journal *j, journal_kind kind, uint32_t id, uint32_t game_no, int64_t left1,
                   int64_t left2)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.match_id = id;
    e.game_no = game_no;
    e.left_ms[0] = left1;
    e.left_ms[1] = left2;
    journal_append(j, &e);
}

/* Closes j, opens the file twice (the second reads the compacted file). */
static journal *reopen(journal *j)
{
    journal_close(j);
    j = open_ok();
    journal_close(j);
    return open_ok();
}

static size_t restored_of(journal *j, uint32_t id)
{
    size_t n = 0;
    for (size_t i = 0; j && i < journal_restored_count(j); i++)
        n += journal_restored(j, i)->match_id == id;
    return n;
}

/* Rematch offers outlive their game's end (E) until settled, through a
 * compaction; takeback requests and gifts of time (T) come back with their
 * game; a move or an answer ends a takeback request. */
static void test_rematch_takeback_gift(void)
{
    char saved[sizeof path];
    journal *j;
    match_restore *r;
    j = own_journal(saved, "-rematch");
    if (!j)
        goto out;
    /* 1: the offer comes after the record (E): the game is written again. */
    start_game(j, 1, 0x10);
    move(j, 1, 0);
    move(j, 1, 1);
    result(j, 1, 1, GAME_SIDE_P1, GAME_END_RESIGNATION);
    end_game(j, 1, 1);
    offer(j, 1, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_P2);
    /* 2: its match is gone first: a late offer finds nothing. */
    start_game(j, 2, 0x20);
    result(j, 2, 1, GAME_SIDE_P2, GAME_END_RESIGNATION);
    end_game(j, 2, 1);
    simple(j, JOURNAL_GONE, 2, 0, 0, 0);
    offer(j, 2, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_P1);
    /* 3: the offer comes before the record: both unrecorded and kept. */
    start_game(j, 3, 0x30);
    move(j, 3, 0);
    result(j, 3, 1, GAME_SIDE_NONE, GAME_END_DRAW_AGREED);
    offer(j, 3, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_P1);
    /* 4: a takeback request, then a move: gone; 5: one pending. */
    start_game(j, 4, 0x40);
    move(j, 4, 0);
    offer(j, 4, 1, JOURNAL_OFFER_TAKEBACK, GAME_SIDE_P1);
    move(j, 4, 1);
    start_game(j, 5, 0x50);
    move(j, 5, 0);
    move(j, 5, 1);
    offer(j, 5, 1, JOURNAL_OFFER_TAKEBACK, GAME_SIDE_P2);
    simple(j, JOURNAL_CLOCK, 5, 1, 75000, 41000); /* a gift after the last move */
    j = reopen(j);
    r = find_restored(j, 1);
    TAP_OK(r && r->over && r->game_no == 1 && r->nmoves == 2 && r->result.winner == GAME_SIDE_P1 &&
               r->result.reason == GAME_END_RESIGNATION &&
               r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P2 && r->token[0][0] == 0x10 &&
               !find_unrecorded(j, 1, 1),
           "a rematch offer made after the record: its finished game comes back with it");
    TAP_OK(restored_of(j, 2) == 0 && !find_unrecorded(j, 2, 1),
           "once the match is gone, nothing is kept for it");
    r = find_restored(j, 3);
    TAP_OK(r && r->over && r->nmoves == 1 && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P1 &&
               find_unrecorded(j, 3, 1) && find_unrecorded(j, 3, 1)->game.moves != r->moves,
           "an offer before the record: restored, and its record still to write");
    r = find_restored(j, 4);
    TAP_OK(r && !r->over && r->offer[JOURNAL_OFFER_TAKEBACK] == GAME_SIDE_NONE,
           "a move ends a takeback request");
    r = find_restored(j, 5);
    TAP_OK(r && r->offer[JOURNAL_OFFER_TAKEBACK] == GAME_SIDE_P2 && r->nmoves == 2,
           "a pending takeback request comes back with its game");
    TAP_OK(r && r->left_ms[0] == 75000 && r->left_ms[1] == 41000 && !r->stopped,
           "so do the clocks after a gift of time (T)");
    TAP_OK(file_has_line("T 5 1 75000 41000 ") && file_has_line("O 1 1 2 2 ") &&
               file_has_line("E 1 1 ") && file_has_line("O 5 1 3 2 "),
           "the lines survive compaction");
    /* Settled: declined (1), recorded then rematch begun (3), answered (5). */
    end_game(j, 3, 1);
    j = reopen(j);
    TAP_OK(find_restored(j, 3) && find_restored(j, 3)->over && !find_unrecorded(j, 3, 1),
           "the record written, the offer still keeps the game");
    offer(j, 1, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
    start_game_no(j, 3, 2, 0x31);
    offer(j, 5, 1, JOURNAL_OFFER_TAKEBACK, GAME_SIDE_NONE);
    j = reopen(j);
    TAP_OK(restored_of(j, 1) == 0, "a declined rematch offer lets its game go");
    r = find_restored(j, 3);
    TAP_OK(restored_of(j, 3) == 1 && r && !r->over && r->game_no == 2,
           "the rematch's game replaces the finished one");
    r = find_restored(j, 5);
    TAP_OK(r && r->offer[JOURNAL_OFFER_TAKEBACK] == GAME_SIDE_NONE, "an answer ends the request");
    /* Finished games kept in memory for a possible offer (their matches
     * not gone) do not keep the file from being compacted. */
    end_game(j, 3, 0);
    end_game(j, 4, 0);
    end_game(j, 5, 0);
    for (uint32_t id = 10; id < 40; id++) {
        start_game(j, id, 0x60);
        for (uint32_t ply = 0; ply < 4; ply++)
            move(j, id, ply);
        result(j, id, 1, GAME_SIDE_P1, GAME_END_RESIGNATION);
        end_game(j, id, 1);
    }
    TAP_OK(journal_size(j) < 4096, "ended games kept in memory only: the file is compacted (%lu)",
           (unsigned long)journal_size(j));
    journal_close(j);
out:
    drop_own_journal(saved);
}

/* A rematch offer declined while its maker was away, the maker not told
 * yet (O 2 with OFFER 4): the finished game stays, through compaction,
 * recorded or not, until the maker is told (O 4 0); a journal of a
 * version after this one is refused. */
static void test_rematch_declined(void)
{
    char saved[sizeof path];
    journal *j;
    match_restore *r;
    char err[600];
    j = own_journal(saved, "-declined");
    if (!j)
        goto out;
    /* 1: the decline after the record (the offer revived the game). */
    start_game(j, 1, 0x10);
    move(j, 1, 0);
    result(j, 1, 1, GAME_SIDE_P1, GAME_END_RESIGNATION);
    end_game(j, 1, 1);
    offer(j, 1, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_P2);
    offer(j, 1, 1, JOURNAL_OFFER_DECLINED, GAME_SIDE_P2);
    offer(j, 1, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
    /* 2: the decline before the record. */
    start_game(j, 2, 0x20);
    result(j, 2, 1, GAME_SIDE_P2, GAME_END_RESIGNATION);
    offer(j, 2, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_P1);
    offer(j, 2, 1, JOURNAL_OFFER_DECLINED, GAME_SIDE_P1);
    offer(j, 2, 1, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
    j = reopen(j);
    r = find_restored(j, 1);
    TAP_OK(r && r->over && r->nmoves == 1 && r->result.winner == GAME_SIDE_P1 &&
               r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_NONE &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_P2,
           "a decline its maker has not heard keeps the finished game, offer ended");
    TAP_OK(file_has_line("O 1 1 4 2 ") && file_has_line("O 1 1 2 0 ") && file_has_line("E 1 1 "),
           "its lines survive compaction (O 1 1 4 2 before O 1 1 2 0)");
    r = find_restored(j, 2);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_P1 &&
               find_unrecorded(j, 2, 1),
           "before the record: restored for the maker, and its record still to write");
    end_game(j, 2, 1);
    j = reopen(j);
    TAP_OK(find_restored(j, 2) && !find_unrecorded(j, 2, 1),
           "the record written, the decline still keeps the game");
    offer(j, 1, 1, JOURNAL_OFFER_DECLINED, GAME_SIDE_NONE);
    offer(j, 2, 1, JOURNAL_OFFER_DECLINED, GAME_SIDE_NONE);
    j = reopen(j);
    TAP_OK(restored_of(j, 1) == 0 && restored_of(j, 2) == 0 && !file_has_line("O 1 1 4 "),
           "the maker told (O 4 0): the games go");
    journal_close(j);
    remove(path);
    itest_journal_line(path, "MBJ 7 1 0 15 15 0 0 1");
    j = NULL;
    TAP_OK(journal_open(&j, path, &cfg, err, sizeof err) != 0 && strstr(err, "later version"),
           "a journal of a later version is refused");
    journal_close(j);
out:
    drop_own_journal(saved);
}

/* Rematch offers after game 1 of match id, as "R2 R0 D1 ...": R a rematch
 * offer (O 2), D a decline not told (O 4), by the side that follows (0:
 * none any more). */
static void offers(journal *j, uint32_t id, const char *list)
{
    for (const char *at = list; at[0] && at[1]; at += at[2] ? 3 : 2)
        offer(j, id, 1, at[0] == 'R' ? JOURNAL_OFFER_REMATCH : JOURNAL_OFFER_DECLINED,
              (game_side)(at[1] - '0'));
}

/* A second rematch offer after the same finished game, its first settled
 * after the game's record (E): the game is written again for it as for
 * the first, and what the file says of the first offer and its decline
 * (told by then) does not come back with it. */
static void test_rematch_second_offer(void)
{
    char saved[sizeof path];
    journal *j;
    match_restore *r;
    j = own_journal(saved, "-second");
    if (!j)
        goto out;
    for (uint32_t id = 1; id <= 4; id++) {
        start_game(j, id, (uint8_t)(0x10 * id));
        move(j, id, 0);
        result(j, id, 1, GAME_SIDE_P1, GAME_END_RESIGNATION);
        end_game(j, id, 1);
    }
    offers(j, 1, "R2 R0 R1");       /* withdrawn, then the other player offers */
    offers(j, 2, "R1 D1 R0 D0 R1"); /* declined while away, told, offered again */
    offers(j, 3, "R2 R0 R2 D2 R0"); /* declined (heard), the second declined while away */
    offers(j, 4, "R2 R0 R2");       /* withdrawn and made again by the same player */
    j = reopen(j);
    r = find_restored(j, 1);
    TAP_OK(r && r->over && r->nmoves == 1 && r->result.winner == GAME_SIDE_P1 &&
               r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P1 &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_NONE && !find_unrecorded(j, 1, 1),
           "an offer withdrawn after the record, then the other's: the second comes back");
    r = find_restored(j, 2);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P1 &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_NONE,
           "a second offer after a decline its maker heard: it comes back, the decline does not");
    r = find_restored(j, 3);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_NONE &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_P2,
           "a second offer declined while its maker is away: the decline comes back");
    r = find_restored(j, 4);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P2,
           "an offer withdrawn and made again: it comes back");
    TAP_INT_EQ(journal_restored_count(j), 4, "nothing else comes back");
    /* After the restart: the restored offers settled, then made again. */
    offers(j, 1, "R0 R2");
    offers(j, 3, "D0 R1");
    offers(j, 4, "R0");
    j = reopen(j);
    r = find_restored(j, 1);
    TAP_OK(r && r->over && r->nmoves == 1 && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P2,
           "after a restart: an offer settled and another made, the other comes back");
    r = find_restored(j, 3);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P1 &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_NONE,
           "after a restart: the decline told, a new offer comes back alone");
    TAP_OK(restored_of(j, 4) == 0 && restored_of(j, 2) == 1,
           "an offer withdrawn for good lets its game go");
    journal_close(j);
out:
    drop_own_journal(saved);
}

/* The format's CRC-32, bit by bit, as the file format defines it. */
static uint32_t crc_bitwise(const char *s, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= (uint8_t)s[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* The move line is encoded by hand (it is written once per move): its
 * bytes are those of the printf format of journal_line.c's header, sealed
 * with the CRC above, for every field at its extremes. */
static void test_move_lines(void)
{
    static const uint32_t u32s[] = {0, 1, 9, 10, 99, 4294967295u, 123456789};
    static const uint8_t u8s[] = {0, 7, 10, 255, 100, 99, 0xFF};
    static const int64_t i64s[] = {0, -1, INT64_MIN, INT64_MAX, 60000, -5, 1000000000000};
    enum { N = 7 };
    char want[N][256], got[512];
    journal *j;
    FILE *f;
    int n = 0, same = 0;
    remove(path);
    if (!(j = open_ok()))
        return;
    for (int i = 0; i < N; i++) {
        journal_entry e;
        char body[200];
        memset(&e, 0, sizeof e);
        e.kind = JOURNAL_MOVE;
        e.match_id = u32s[i];
        e.ply = u32s[(i + 3) % N];
        e.move.from_x = u8s[i];
        e.move.from_y = u8s[(i + 1) % N];
        e.move.to_x = u8s[(i + 2) % N];
        e.move.to_y = u8s[(i + 3) % N];
        e.move.promotion = u8s[(i + 4) % N];
        e.left_ms[0] = i64s[i];
        e.left_ms[1] = i64s[(i + 2) % N];
        snprintf(body, sizeof body, "M %" PRIu32 " %" PRIu32 " %d %d %d %d %d %" PRId64 " %" PRId64,
                 e.match_id, e.ply, e.move.from_x, e.move.from_y, e.move.to_x, e.move.to_y,
                 e.move.promotion, e.left_ms[0], e.left_ms[1]);
        snprintf(want[i], sizeof want[i], "%s *%08" PRIx32 "\n", body,
                 crc_bitwise(body, strlen(body)));
        journal_append(j, &e);
    }
    journal_close(j);
    f = fopen(path, "rb");
    while (f && fgets(got, sizeof got, f)) {
        if (strncmp(got, "M ", 2) != 0) /* (the header is "MBJ ...") */
            continue;
        if (n < N && strcmp(got, want[n]) == 0)
            same++;
        else if (n < N)
            tap_diag("got %s want %s", got, want[n]);
        n++;
    }
    if (f)
        fclose(f);
    TAP_OK(n == N && same == N, "move lines: the bytes of the printf format, sealed (%d of %d)",
           same, N);
    remove(path);
}

int main(void)
{
    journal *j;
    match_restore *r;
    char err[600];
    snprintf(path, sizeof path, "test-journal-%lu", (unsigned long)time(NULL));
    remove(path);
    cfg.ops = &game_gomoku_ops;
    cfg.options.kind = GAME_KIND_GOMOKU;
    cfg.ops->normalize_options(&cfg.options);

    j = open_ok();
    TAP_OK(j && journal_restored_count(j) == 0 && journal_next_match_id(j) == 1,
           "a new journal: nothing to restore");
    if (!j)
        return tap_done();
    start_game(j, 1, 0x11);
    for (uint32_t i = 0; i < 3; i++)
        move(j, 1, i);
    start_game(j, 2, 0x22);
    move(j, 2, 0);
    end(j, 2);
    journal_close(j);

    j = open_ok();
    r = j ? journal_restored(j, 0) : NULL;
    TAP_OK(j && journal_restored_count(j) == 1 && r && r->match_id == 1,
           "reopened: the unfinished game only");
    TAP_OK(r && r->nmoves == 3 && r->moves[2].to_x == 2 && r->moves[2].to_y == 0 &&
               r->moves[1].from_x == 0xFF && r->left_ms[0] == 59998 && r->left_ms[1] == -5,
           "with its moves and clocks");
    TAP_OK(r && strcmp(r->name[0], "Zoë") == 0 && strcmp(r->name[1], "Bo b") == 0 &&
               r->token[0][0] == 0x11 && r->token[1][15] == 0x12,
           "and its names and tokens");
    TAP_INT_EQ(j ? journal_next_match_id(j) : 0, 3, "ids of ended games are not reused");
    journal_close(j);

    /* A crash in the middle of a write: half a line at the end. */
    {
        FILE *f = fopen(path, "ab");
        fputs("M 1 3 255 255 3 1 0 599", f);
        fclose(f);
    }
    j = open_ok();
    r = j ? journal_restored(j, 0) : NULL;
    TAP_OK(j && r && r->nmoves == 3 && journal_dropped_bytes(j) == 23,
           "a torn last record is dropped, the rest kept");
    journal_close(j);
    j = open_ok();
    TAP_OK(j && journal_dropped_bytes(j) == 0, "and it is gone from the file after the reopen");
    journal_close(j);

    /* A damaged line (its checksum fails): it and what follows are dropped. */
    j = open_ok();
    move(j, 1, 3);
    move(j, 1, 4);
    journal_close(j);
    {
        FILE *f = fopen(path, "r+b");
        long n = file_size();
        char buf[4096];
        size_t got = fread(buf, 1, sizeof buf, f);
        /* Corrupt the second-to-last line: its move's x digit. */
        size_t at = got - 2;
        int lines = 0;
        while (at > 0 && lines < 2)
            if (buf[--at] == '\n')
                lines++;
        (void)n;
        fseek(f, (long)at + 7, SEEK_SET);
        fputc('9', f);
        fclose(f);
    }
    j = open_ok();
    r = j ? journal_restored(j, 0) : NULL;
    TAP_OK(j && r && r->nmoves == 3 && journal_dropped_bytes(j) > 0,
           "a record with a bad checksum ends the journal there");
    journal_close(j);

    /* Another game's server must not take over unfinished games. */
    {
        match_config chess = cfg;
        chess.ops = &game_chess_ops;
        chess.options.kind = GAME_KIND_CHESS;
        chess.ops->normalize_options(&chess.options);
        j = NULL;
        TAP_OK(journal_open(&j, path, &chess, err, sizeof err) != 0 &&
                   strstr(err, "unfinished") != NULL,
               "a chess server refuses a journal with unfinished Gomoku games");
        tap_diag("%s", err);
        journal_close(j);
        j = open_ok();
        end(j, 1);
        journal_close(j);
        j = NULL;
        TAP_OK(journal_open(&j, path, &chess, err, sizeof err) == 0,
               "once they have ended it may take the file");
        journal_close(j);
        j = open_ok();
        journal_close(j);
    }

    /* Compaction: 80 games of 40 moves come and go; the file stays small. */
    {
        long biggest = 0;
        uint64_t t0 = mb_now_ms(), took;
        j = open_ok();
        for (uint32_t g = 0; g < 80 && j; g++) {
            uint32_t id = 100 + g;
            start_game(j, id, (uint8_t)g);
            for (uint32_t i = 0; i < 40; i++)
                move(j, id, i);
            if (g > 0)
                end(j, id - 1); /* the one before ends; this one goes on */
            if ((long)journal_size(j) > biggest)
                biggest = (long)journal_size(j);
        }
        took = mb_now_ms() - t0;
        tap_diag("largest journal over 80 games (about 150 KiB written): %ld bytes", biggest);
        tap_diag("80 x 42 appends in %lu ms: %lu us each (write + sync to the disk)",
                 (unsigned long)took, (unsigned long)(took * 1000 / (80 * 42)));
        TAP_OK(j && biggest < 80 * 1024, "compaction keeps the journal bounded");
        TAP_OK(j && journal_size(j) == (uint64_t)data_size(),
               "its size is the file's (before any preallocated NUL bytes)");
        journal_close(j);
        j = open_ok();
        TAP_INT_EQ(j ? (long)journal_restored_count(j) : -1, 1,
                   "after it all only the one unfinished game is restored");
        journal_close(j);
    }

    test_group_commit();
    test_sync_beside_writes();
    test_results();
    test_offers_and_stop();
    test_rematch_takeback_gift();
    test_rematch_declined();
    test_rematch_second_offer();
    test_opening_steps();
    test_undo();
    test_move_lines();

    /* Something that is not a journal is left alone. */
    {
        FILE *f = fopen(path, "wb");
        fputs("my notes\n", f);
        fclose(f);
        j = NULL;
        TAP_OK(journal_open(&j, path, &cfg, err, sizeof err) != 0 && file_size() == 9,
               "a file that is not a journal is refused and not overwritten");
        journal_close(j);
    }
    remove(path);
    {
        char lock[300];
        snprintf(lock, sizeof lock, "%s.lock", path);
        remove(lock);
    }
    return tap_done();
}
