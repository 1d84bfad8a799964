/* test_journal_terms.c: each game's terms in the journal (docs/server.md,
 * "The journal"): a G line carries them, byte for byte as documented, and
 * a journal opened by a server with other flags gives them back, through
 * compaction too; a G without them (version 4 and before) comes back
 * without, under the reading server's flags, refused as before when the
 * header says those differ; a G whose terms make no game (every kind of
 * bad value) is refused on its own, its lines set aside (once, out of the
 * journal, where they would hold its compaction off), and every other game
 * of the journal comes back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itest.h"
#include "jtest.h"
#include "match_terms.h"
#include "proc.h"
#include "sys.h"
#include "tap.h"

static char path[256], refused_path[300];

/* Gomoku of rule (GAME_RULE_*) on a size board, the rest zero: no clock,
 * no opening, takebacks allowed. */
static match_config gomoku(int rule, int size)
{
    match_config c;
    memset(&c, 0, sizeof c);
    c.ops = &game_gomoku_ops;
    c.options.kind = GAME_KIND_GOMOKU;
    c.options.rule = (uint8_t)rule;
    c.options.width = c.options.height = (uint8_t)size;
    c.grace_ms = 60000;
    return c;
}

/* Game 1 of match id starts under terms (NULL: a line without them). */
static void start(journal *j, uint32_t id, const match_config *terms)
{
    static const uint8_t t1[PACKET_TOKEN_SIZE] = {1}, t2[PACKET_TOKEN_SIZE] = {2};
    journal_entry e = jtest_game(id, "Ben", t1, t2, terms);
    journal_append(j, &e);
}

static void test_round_trip(void)
{
    match_config swap2 = gomoku(GAME_RULE_STANDARD, 15), chess, now = gomoku(0, 19);
    const match_restore *a, *b;
    journal *j;
    char err[160];
    swap2.opening = 2; /* swap2 */
    swap2.clock_ms = 300000;
    swap2.increment_ms = 3000;
    swap2.delay_kind = 2; /* Bronstein */
    swap2.delay_ms = 2500;
    swap2.move_time_ms = 30000;
    memset(&chess, 0, sizeof chess);
    chess.options.kind = GAME_KIND_CHESS;
    chess.options.width = chess.options.height = 8;
    chess.clock_ms = 60000;
    chess.no_takeback = 1;
    TAP_INT_EQ(match_terms_check(&chess, err, sizeof err), 0, "chess 1+0 are terms");
    TAP_OK(chess.ops == &game_chess_ops, "and the check sets the game's ops");
    remove(path);
    j = jtest_open(path, &now);
    start(j, 1, &swap2);
    start(j, 2, &chess);
    journal_close(j);
    TAP_OK(itest_file_has_line(path, "G 1 1 01000000000000000000000000000000 "
                                     "02000000000000000000000000000000 416e6e 42656e 300000 "
                                     "300000 1 1 15 15 300000 3000 2 2500 30000 2 0 0 *"),
           "G ends in KIND RULE WIDTH HEIGHT CLOCK INCREMENT DELAY DELAY_MS MOVE_TIME "
           "OPENING NO_TAKEBACK ENGINE");
    TAP_OK(itest_file_has_line(path, "MBJ 6 1 0 19 19 0 0 "),
           "the header is version 6, with the flags of the server that wrote it");
    for (int pass = 0; pass < 2; pass++) { /* the second reads what the first compacted */
        j = jtest_open(path, &now);
        a = jtest_restored(j, 1);
        b = jtest_restored(j, 2);
        TAP_OK(a && match_terms_equal(&a->terms, &swap2),
               "%s: Gomoku standard 15x15, swap2, 5+3 with a 2.5 s Bronstein delay, 30 s a "
               "move comes back under a server of freestyle 19x19 without a clock",
               pass ? "compacted" : "reopened");
        TAP_OK(b && match_terms_equal(&b->terms, &chess) && b->terms.grace_ms == now.grace_ms,
               "and chess 1+0 without takebacks, the rest of its config the server's");
        journal_close(j);
    }
}

static void test_old_lines(void)
{
    match_config now = gomoku(0, 15), other = gomoku(0, 15);
    journal *j;
    const match_restore *r;
    other.clock_ms = 60000;
    remove(path);
    j = jtest_open(path, &now);
    start(j, 1, NULL);
    journal_close(j);
    TAP_OK(itest_file_has_line(path, "G 1 1 01000000000000000000000000000000 "
                                     "02000000000000000000000000000000 416e6e 42656e 0 0 *"),
           "a game without terms is the G line of version 4");
    j = jtest_open(path, &now);
    r = jtest_restored(j, 1);
    TAP_OK(r && r->terms.ops == NULL, "it comes back without terms: the server's flags apply");
    journal_close(j);
    j = jtest_open(path, &other);
    TAP_OK(j == NULL, "a server of another clock is refused, as before, while it is unfinished");
    journal_close(j);
    /* One game with terms beside it does not change that; alone it would. */
    j = jtest_open(path, &now);
    start(j, 2, &now);
    journal_close(j);
    j = jtest_open(path, &other);
    TAP_OK(j == NULL, "also beside a game that has its terms");
    journal_close(j);
    remove(path);
    j = jtest_open(path, &now);
    start(j, 2, &now);
    journal_close(j);
    j = jtest_open(path, &other);
    r = jtest_restored(j, 2);
    TAP_OK(r && match_terms_equal(&r->terms, &now),
           "a journal whose games all have their terms opens under any flags");
    journal_close(j);
}

/* A journal written by hand: a header, then for each bad G its game, one
 * move each, and good games between them. */
static void test_bad_terms(void)
{
    static const struct {
        const char *terms, *why;
    } bad[] = {
        {"9 0 15 15 0 0 0 0 0 0 0", "unknown game kind 9"},
        {"1 3 15 15 0 0 0 0 0 0 0", "rule 3 on a 15x15 board is not a game of gomoku"},
        {"1 0 15 14 0 0 0 0 0 0 0", "rule 0 on a 15x14 board is not a game of gomoku"},
        {"2 0 8 8 0 0 0 0 0 2 0", "opening rule 2 in a game of chess"},
        {"1 2 15 15 0 0 0 0 0 2 0", "opening rule 2 with rule 2 on 15x15: swap and swap2"},
        {"1 2 14 14 0 0 0 0 0 3 0", "opening rule 3 with rule 2 on 14x14: Renju opening rules"},
        {"1 0 15 15 0 0 0 0 0 7 0", "opening rule 7 with rule 0 on 15x15: unknown"},
        {"1 0 15 15 0 3000 0 0 0 0 0", "clock 0 ms + 3000 ms"},
        {"1 0 15 15 60000 0 3 1000 0 0 0", "delay kind 3"},
        {"1 0 15 15 60000 0 0 1000 0 0 0", "delay kind 0 of 1000 ms"},
        {"1 0 15 15 86400001 0 0 0 0 0 0", "clock 86400001 ms"},
        {"1 0 15 15 60000 3600001 0 0 0 0 0", "+ 3600001 ms"},
        {"1 0 15 15 0 0 0 0 86400001 0 0", "move time 86400001 ms is over a day"},
        {"1 0 15 15 0 0 0 0 0 0 2", "takeback setting 2"},
        {"1 0 15 15 x 0 0 0 0 0 0", "the clock (x) is not a number in range"},
        {"1 0 256 15 0 0 0 0 0 0 0", "the width (256) is not a number in range"},
        {"1 0 15 15 -1 0 0 0 0 0 0", "the clock (-1) is not a number in range"},
    };
    enum { NBAD = sizeof bad / sizeof bad[0] };
    match_config now = gomoku(0, 15);
    char body[400], first[64], move[64];
    journal *j;
    int whys = 1, kept = 1, good = 1, moved = 1, stay = 1;
    jtest_remove(path);
    itest_journal_line(path, "MBJ 5 1 0 15 15 0 0 1");
    for (int i = 0; i < NBAD; i++)
        for (int k = 0; k < 2; k++) { /* match 2i+1 bad, 2i+2 good */
            int id = 2 * i + 1 + k;
            snprintf(body, sizeof body, "G %d 1 %032x %032x 416e6e 42656e 0 0 %s", id, id,
                     id + 1000, k ? "1 0 15 15 60000 0 0 0 0 0 0" : bad[i].terms);
            itest_journal_line(path, body);
            snprintf(body, sizeof body, "M %d 0 255 255 7 7 0 0 0", id);
            itest_journal_line(path, body);
        }
    j = jtest_open(path, &now);
    if (!TAP_OK(j != NULL, "a journal with %d games of bad terms opens", NBAD))
        return;
    TAP_INT_EQ(journal_refused_count(j), NBAD, "each of them is refused");
    for (int i = 0; i < NBAD && (size_t)i < journal_refused_count(j); i++) {
        const journal_refusal *x = NULL;
        for (size_t n = 0; n < journal_refused_count(j); n++)
            if (journal_refused(j, n)->match_id == (uint32_t)(2 * i + 1))
                x = journal_refused(j, n);
        if (!x || !strstr(x->why, bad[i].why)) {
            whys = 0;
            tap_diag("terms \"%s\": refused as \"%s\", want \"%s\"", bad[i].terms,
                     x ? x->why : "(not refused)", bad[i].why);
        }
    }
    TAP_OK(whys, "with a reason that names the bad value");
    for (int i = 0; i < NBAD; i++) {
        const match_restore *r = jtest_restored(j, (uint32_t)(2 * i + 2));
        good = good && r && r->nmoves == 1 && r->terms.clock_ms == 60000;
    }
    TAP_OK(good && journal_restored_count(j) == NBAD && journal_dropped_bytes(j) == 0,
           "every good game between them comes back, with its move; nothing is dropped");
    TAP_INT_EQ(journal_next_match_id(j), 2 * NBAD + 1, "no match id is reused");
    for (size_t n = 0; n < journal_refused_count(j); n++)
        kept = kept && !journal_refused(j, n)->kept;
    TAP_OK(kept && strcmp(journal_refused_path(j), refused_path) == 0,
           "their lines are set aside in %s", journal_refused_path(j));
    journal_close(j);
    for (int i = 0; i < NBAD; i++) {
        snprintf(first, sizeof first, "G %d 1 ", 2 * i + 1);
        snprintf(move, sizeof move, "M %d 0 ", 2 * i + 1);
        moved = moved && !itest_file_has_line(path, first) && !itest_file_has_line(path, move) &&
                itest_file_has_line(refused_path, first) && itest_file_has_line(refused_path, move);
        snprintf(first, sizeof first, "G %d 1 ", 2 * i + 2);
        stay =
            stay && itest_file_has_line(path, first) && !itest_file_has_line(refused_path, first);
    }
    TAP_OK(moved,
           "each refused game's G and M lines are out of the journal, in the set-aside file");
    TAP_OK(stay, "the good games' lines stay in the journal only");
    j = jtest_open(path, &now);
    TAP_OK(j && journal_refused_count(j) == 0 && journal_restored_count(j) == NBAD &&
               journal_next_match_id(j) == 2 * NBAD + 1,
           "opened again: nothing is refused twice, the good games come back, no id is reused");
    journal_close(j);
}

/* A game refused at open does not hold the journal's compaction off: once
 * the last running game ends, the file is the header alone again. */
static void test_refused_compaction(void)
{
    match_config now = gomoku(0, 15);
    char body[200];
    uint64_t before;
    journal *j;
    journal_entry e;
    jtest_remove(path);
    itest_journal_line(path, "MBJ 5 1 0 15 15 0 0 1");
    itest_journal_line(path, "G 1 1 d9ffd990e9e212d3e1df6b00fd7670d3 "
                             "74e29965c8879b2dfb8b8a144145b068 416e6e 42656e 0 0 "
                             "1 0 15 14 0 0 0 0 0 0 0");
    itest_journal_line(path, "M 1 0 255 255 7 7 0 0 0");
    j = jtest_open(path, &now);
    if (!TAP_OK(j && journal_refused_count(j) == 1, "a journal with one game of bad terms opens"))
        return;
    start(j, 2, &now);
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_MOVE;
    e.match_id = 2;
    for (uint32_t ply = 0; ply < 150;
         ply++) { /* well past the 4 KiB of a "nothing runs" compaction */
        e.ply = ply;
        e.move.from_x = e.move.from_y = PACKET_NO_SQUARE;
        e.move.to_x = (uint8_t)(ply % 15);
        e.move.to_y = (uint8_t)(ply / 15);
        journal_write(j, &e, NULL);
    }
    journal_sync(j, UINT64_MAX);
    before = journal_size(j);
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_RESULT;
    e.match_id = 2;
    e.game_no = 1;
    e.result.winner = GAME_SIDE_P1;
    e.result.reason = GAME_END_RESIGNATION;
    journal_append(j, &e);
    e.kind = JOURNAL_END;
    journal_append(j, &e);
    snprintf(body, sizeof body, "%llu bytes before the game's end, %llu after",
             (unsigned long long)before, (unsigned long long)journal_size(j));
    TAP_OK(before > 4096 && journal_size(j) < 100,
           "the game ends, none runs: the journal is compacted to its header (%s)", body);
    journal_close(j);
    TAP_OK(!itest_file_has_line(path, "G 1 1 ") && itest_file_has_line(refused_path, "G 1 1 "),
           "the refused game is in the set-aside file, not the journal");
}

/* Where the set-aside file cannot be written (here a folder stands in its
 * way), nothing is lost: the refused game's lines stay in the journal, the
 * reason is told, and the next open refuses it again. */
static void test_refused_kept(void)
{
    match_config now = gomoku(0, 15);
    const journal_refusal *x;
    journal *j;
    remove(path);
    (void)proc_remove_tree(refused_path);
    sys_mkdirs(refused_path);
    itest_journal_line(path, "MBJ 6 1 0 15 15 0 0 1");
    itest_journal_line(path, "G 1 1 d9ffd990e9e212d3e1df6b00fd7670d3 "
                             "74e29965c8879b2dfb8b8a144145b068 416e6e 42656e 0 0 "
                             "1 0 15 14 0 0 0 0 0 0 0 0");
    itest_journal_line(path, "M 1 0 255 255 7 7 0 0 0");
    for (int pass = 0; pass < 2; pass++) {
        j = jtest_open(path, &now);
        x = j && journal_refused_count(j) == 1 ? journal_refused(j, 0) : NULL;
        TAP_OK(x && x->match_id == 1 && x->kept && x->set_aside_error[0],
               "%s: refused, its lines kept in the journal (%s)",
               pass ? "opened again" : "the set-aside file cannot be written",
               x ? x->set_aside_error : "-");
        journal_close(j);
        TAP_OK(itest_file_has_line(path, "G 1 1 ") && itest_file_has_line(path, "M 1 0 "),
               "its G and M lines are still in the journal");
    }
    (void)proc_remove_tree(refused_path);
}

int main(void)
{
    snprintf(path, sizeof path, "test-journal-terms-%lu", (unsigned long)time(NULL));
    snprintf(refused_path, sizeof refused_path, "%s.refused", path);
    test_round_trip();
    test_old_lines();
    test_bad_terms();
    test_refused_compaction();
    test_refused_kept();
    jtest_remove(path);
    return tap_done();
}
