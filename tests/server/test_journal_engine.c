/* test_journal_engine.c: the engine seat in the journal (docs/server.md,
 * "The journal"): a G of version 6 says which seat is the server's engine
 * seat in its ENGINE field, byte for byte as documented, and nothing else
 * makes a seat the engine's (a human's token of any form included); a G of
 * version 5 and before knows it by the mark those servers put in the
 * engine's token, read as before, also after compaction has copied the old
 * line into a new file; a bad ENGINE refuses its game only. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "itest.h"
#include "jtest.h"
#include "match_terms.h"
#include "tap.h"

static char path[256];

/* A token of the form version 5 gave the engine seat's: bytes 8..15 the
 * splitmix64 mix of bytes 0..7 (written by such a server; a human's random
 * token has this form once in 2^64). */
#define V5_MARKED   "404142434445464718dcb77530c094bb"
#define V5_MARKED_2 "20212223242526276b79e7102f874bf8"
#define PLAIN       "74e29965c8879b2dfb8b8a144145b068"
#define TERMS       "1 0 15 15 0 0 0 0 0 0 0"

static match_config gomoku15(void)
{
    match_config c;
    memset(&c, 0, sizeof c);
    c.ops = &game_gomoku_ops;
    c.options.kind = GAME_KIND_GOMOKU;
    c.options.width = c.options.height = 15;
    return c;
}

static int engine_is(journal *j, uint32_t id, int e0, int e1)
{
    const match_restore *r = jtest_restored(j, id);
    if (!r)
        tap_diag("match %lu not restored", (unsigned long)id);
    else if (r->engine[0] != e0 || r->engine[1] != e1)
        tap_diag("match %lu: engine %d %d, want %d %d", (unsigned long)id, r->engine[0],
                 r->engine[1], e0, e1);
    return r && r->engine[0] == e0 && r->engine[1] == e1;
}

/* A journal of version 5: the engine seat is the one whose token is marked. */
static void test_version5(void)
{
    match_config cfg = gomoku15();
    journal *j;
    jtest_remove(path);
    itest_journal_line(path, "MBJ 5 1 0 15 15 0 0 1");
    /* 1: the engine is Player2; 2: Player1; 3: nobody's marked; 4: a mark
     * one bit off; 5: a version 4 G (no terms) with the engine Player1 */
    itest_journal_line(path, "G 1 1 " PLAIN " " V5_MARKED " 416e6e 436f6d7075746572 0 0 " TERMS);
    itest_journal_line(path, "M 1 0 255 255 7 7 0 0 0");
    itest_journal_line(path, "G 2 1 " V5_MARKED_2 " " PLAIN " 436f6d7075746572 416e6e 0 0 " TERMS);
    itest_journal_line(path,
                       "G 3 1 " PLAIN " d9ffd990e9e212d3e1df6b00fd7670d3 416e6e 42656e 0 0 " TERMS);
    itest_journal_line(path, "G 4 1 404142434445464718dcb77530c094ba " PLAIN
                             " 436f6d7075746572 416e6e 0 0 " TERMS);
    itest_journal_line(path, "G 5 1 " V5_MARKED " " PLAIN " 436f6d7075746572 416e6e 0 0");
    for (int pass = 0; pass < 2; pass++) { /* the second reads what the first compacted */
        j = jtest_open(path, &cfg);
        TAP_OK(j && journal_restored_count(j) == 5 && journal_refused_count(j) == 0,
               "%s: a version 5 journal's five games come back",
               pass ? "compacted into version 6" : "as written");
        TAP_OK(engine_is(j, 1, 0, 1) && engine_is(j, 2, 1, 0),
               "the seat whose token has the old mark is the engine's, Player2 or Player1");
        TAP_OK(engine_is(j, 3, 0, 0) && engine_is(j, 4, 0, 0),
               "unmarked tokens, or a mark one bit off: nobody's the engine");
        TAP_OK(engine_is(j, 5, 1, 0), "a G without terms (version 4) is read the same way");
        journal_close(j);
    }
    TAP_OK(itest_file_has_line(path, "MBJ 6 ") &&
               itest_file_has_line(path, "G 1 1 " PLAIN " " V5_MARKED " 416e6e 436f6d7075746572 "
                                         "0 0 " TERMS " *"),
           "compaction writes the version 6 header and keeps the old G as it was");
}

/* Starts game 1 of match id with the engine in seat (0, 1; -1: none). */
static void start(journal *j, uint32_t id, const uint8_t *t1, const uint8_t *t2, int engine)
{
    match_config terms = gomoku15();
    journal_entry e = jtest_game(id, "Computer", t1, t2, &terms);
    e.engine[0] = engine == 0;
    e.engine[1] = engine == 1;
    journal_append(j, &e);
}

/* A journal of version 6: ENGINE says it, a token's form says nothing. */
static void test_version6(void)
{
    static const uint8_t a[PACKET_TOKEN_SIZE] = {0xa1, 0xa2}, b[PACKET_TOKEN_SIZE] = {0xb1, 0xb2};
    static const uint8_t marked[PACKET_TOKEN_SIZE] = {0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
                                                      0x46, 0x47, 0x18, 0xdc, 0xb7, 0x75,
                                                      0x30, 0xc0, 0x94, 0xbb};
    match_config cfg = gomoku15();
    journal *j;
    jtest_remove(path);
    j = jtest_open(path, &cfg);
    start(j, 1, a, b, 1);
    start(j, 2, b, a, 0);
    start(j, 3, marked, b, -1); /* a human whose random token has the old mark */
    start(j, 4, a, marked, 0);
    journal_close(j);
    TAP_OK(itest_file_has_line(path, "G 1 1 a1a20000000000000000000000000000 "
                                     "b1b20000000000000000000000000000 416e6e 436f6d7075746572 "
                                     "0 0 1 0 15 15 0 0 0 0 0 0 0 2 *"),
           "G ends in ENGINE: 2, the engine is Player2 (TOKEN2)");
    TAP_OK(itest_file_has_line(path, "G 2 1 b1b20000000000000000000000000000 "
                                     "a1a20000000000000000000000000000 416e6e 436f6d7075746572 "
                                     "0 0 1 0 15 15 0 0 0 0 0 0 0 1 *"),
           "1: the engine is Player1 (TOKEN1)");
    TAP_OK(itest_file_has_line(path, "G 3 1 " V5_MARKED " b1b20000000000000000000000000000 "
                                     "416e6e 436f6d7075746572 0 0 1 0 15 15 0 0 0 0 0 0 0 0 *"),
           "0: no engine seat");
    for (int pass = 0; pass < 2; pass++) {
        j = jtest_open(path, &cfg);
        TAP_OK(engine_is(j, 1, 0, 1) && engine_is(j, 2, 1, 0),
               "%s: the flagged seat is the engine's", pass ? "compacted" : "reopened");
        TAP_OK(engine_is(j, 3, 0, 0),
               "a human whose token has the old engine mark is not taken for the engine");
        TAP_OK(engine_is(j, 4, 1, 0), "nor is one facing the engine");
        journal_close(j);
    }
}

/* An ENGINE that is not a seat set: that game is refused, the rest read. */
static void test_bad_engine(void)
{
    static const char *const bad[] = {"4", "x", "-1"};
    match_config cfg = gomoku15();
    char body[300];
    journal *j;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jtest_remove(path);
        itest_journal_line(path, "MBJ 6 1 0 15 15 0 0 1");
        snprintf(body, sizeof body, "G 1 1 " PLAIN " " V5_MARKED " 416e6e 42656e 0 0 " TERMS " %s",
                 bad[i]);
        itest_journal_line(path, body);
        itest_journal_line(path, "G 2 1 " PLAIN " " V5_MARKED " 416e6e 42656e 0 0 " TERMS " 0");
        j = jtest_open(path, &cfg);
        TAP_OK(j && journal_refused_count(j) == 1 && journal_refused(j, 0)->match_id == 1 &&
                   strstr(journal_refused(j, 0)->why, "engine seat") && engine_is(j, 2, 0, 0),
               "ENGINE %s: its game is refused (%s), the next one comes back", bad[i],
               j && journal_refused_count(j) ? journal_refused(j, 0)->why : "-");
        journal_close(j);
    }
}

int main(void)
{
    snprintf(path, sizeof path, "test-journal-engine-%lu", (unsigned long)time(NULL));
    test_version5();
    test_version6();
    test_bad_engine();
    jtest_remove(path);
    return tap_done();
}
