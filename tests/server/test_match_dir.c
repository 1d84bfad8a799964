/* test_match_dir.c: the match directory (match_dir.h) on its own: matches
 * placed on loops with room, tokens and watch targets found, slots counted
 * and freed; and many threads reading and changing it while it grows far
 * past its first 16 entries (the ThreadSanitizer build checks that every
 * access is locked; the other builds check the counts come out right). */
#include <stdio.h>
#include <string.h>

#include "match_dir.h"
#include "tap.h"
#include "thread.h"

#define GROWN   200 /* matches added while the readers run */
#define READERS 3

static int loop_a, loop_b; /* two loops, known by address only */

static void token_of(uint32_t id, int seat, uint8_t *t)
{
    memset(t, 0, PACKET_TOKEN_SIZE);
    t[0] = (uint8_t)(seat + 1);
    t[1] = (uint8_t)(id >> 8);
    t[2] = (uint8_t)id;
}

static int add(match_dir *d, uint32_t id, int running, void **where)
{
    uint8_t t1[PACKET_TOKEN_SIZE], t2[PACKET_TOKEN_SIZE];
    dir_match m = {id, GAME_KIND_GOMOKU, {t1, t2}, {0, 0}, running};
    token_of(id, 0, t1);
    token_of(id, 1, t2);
    return dir_add(d, &m, where);
}

/* Match id of kind with the engine in seat engine_seat (0 or 1). */
static void *add_engine(match_dir *d, uint32_t id, game_kind kind, int engine_seat, int running)
{
    uint8_t t1[PACKET_TOKEN_SIZE], t2[PACKET_TOKEN_SIZE];
    dir_match m = {id, kind, {t1, t2}, {engine_seat == 0, engine_seat == 1}, running};
    void *w = NULL;
    token_of(id, 0, t1);
    token_of(id, 1, t2);
    return dir_add(d, &m, &w) == DIR_OK ? w : NULL;
}

static void basics(void)
{
    match_dir *d = dir_create();
    void *w = NULL;
    uint8_t t[PACKET_TOKEN_SIZE];
    uint32_t target = 0;
    size_t running, watching;
    TAP_INT_EQ(add(d, 1, 0, &w), DIR_NO_ROOM, "no loop: no room");
    dir_add_loop(d, &loop_a, 8); /* room for two matches (2 each, 3 kept spare) */
    TAP_INT_EQ(add(d, 1, 0, &w), DIR_OK, "a match placed");
    TAP_OK(w == &loop_a, "on the loop with room");
    TAP_INT_EQ(add(d, 2, 1, &w), DIR_OK, "a second match placed");
    TAP_INT_EQ(add(d, 3, 1, &w), DIR_NO_ROOM, "a full loop takes no third");
    dir_add_loop(d, &loop_b, 6);
    TAP_INT_EQ(add(d, 3, 1, &w), DIR_OK, "a new loop takes it");
    TAP_OK(w == &loop_b, "on the new loop");
    token_of(2, 1, t);
    TAP_OK(dir_find_token(d, t) == &loop_a, "Player2's token of match 2 finds its loop");
    t[5] = 9;
    TAP_OK(dir_find_token(d, t) == NULL, "an unknown token finds nothing");
    memset(t, 0, sizeof t);
    TAP_OK(dir_find_token(d, t) == NULL, "an all-zero token finds nothing");
    TAP_INT_EQ(dir_watch_target(d, 0, &target, &w), 0, "watching the latest running match");
    TAP_INT_EQ(target, 3, "is match 3");
    TAP_INT_EQ(dir_load(d, &loop_b), 3, "its loop has 3 slots promised");
    TAP_INT_EQ(dir_watch_target(d, 7, &target, &w), PACKET_CODE_NO_MATCH, "no match 7");
    TAP_INT_EQ(dir_watch_target(d, 3, &target, &w), 0, "watching match 3 by id");
    TAP_INT_EQ(dir_watch_target(d, 3, &target, &w), 0, "and again");
    TAP_INT_EQ(dir_watch_target(d, 3, &target, &w), 0, "and again: the loop is at capacity");
    TAP_INT_EQ(dir_watch_target(d, 3, &target, &w), PACKET_CODE_SERVER_FULL,
               "a loop at capacity takes no spectator");
    TAP_INT_EQ(dir_watch_target(d, 1, &target, &w), 0, "a match on another loop does");
    dir_counts(d, &running, &watching);
    TAP_INT_EQ(running, 2, "two matches run");
    TAP_INT_EQ(watching, 5, "five spectators");
    dir_unwatch(d, &loop_a);
    dir_match_event(d, 3, MATCH_FINISHED);
    dir_match_event(d, 2, MATCH_GONE);
    dir_counts(d, &running, &watching);
    TAP_INT_EQ(running, 0, "none runs after a finish and a removal");
    TAP_INT_EQ(watching, 4, "four spectators left");
    TAP_INT_EQ(dir_load(d, &loop_a), 2, "a removed match and a spectator free their slots");
    TAP_INT_EQ(dir_watch_target(d, 0, &target, &w), PACKET_CODE_SERVER_FULL,
               "with none running, the latest match is meant (3, on its full loop)");
    token_of(2, 0, t);
    TAP_OK(dir_find_token(d, t) == NULL, "a removed match's token finds nothing");
    dir_destroy(d);
}

/* Readers look up and announce while the main thread adds. */
typedef struct reader {
    match_dir *d;
    mb_mutex *mu;
    int stop; /* under mu */
    unsigned long lookups;
} reader;

static int should_stop(reader *r)
{
    int s;
    mb_mutex_lock(r->mu);
    s = r->stop;
    mb_mutex_unlock(r->mu);
    return s;
}

/* The engine seat's match: none, a finished one, then a running one first;
 * only by the flag its seat was added with. */
static void engine_match(void)
{
    match_dir *d = dir_create();
    uint8_t want[PACKET_TOKEN_SIZE], got[PACKET_TOKEN_SIZE];
    void *w = NULL, *w3;
    dir_add_loop(d, &loop_a, 64);
    dir_add_loop(d, &loop_b, 64);
    add(d, 1, 1, &w);
    TAP_OK(dir_find_engine(d, GAME_KIND_GOMOKU, got) == NULL,
           "no match with the engine seat: none found");
    add_engine(d, 2, GAME_KIND_GOMOKU, 1, 0);
    w3 = add_engine(d, 3, GAME_KIND_GOMOKU, 0, 0); /* not yet running */
    token_of(2, 1, want);
    TAP_OK(dir_find_engine(d, GAME_KIND_GOMOKU, got) != NULL &&
               memcmp(got, want, PACKET_TOKEN_SIZE) == 0,
           "a finished match with the engine seat: found, with the seat's token");
    dir_match_event(d, 3, MATCH_RUNNING);
    token_of(3, 0, want);
    TAP_OK(dir_find_engine(d, GAME_KIND_GOMOKU, got) == w3 &&
               memcmp(got, want, PACKET_TOKEN_SIZE) == 0,
           "one whose game runs comes first");
    dir_destroy(d);
}

/* With restored matches of two kinds holding the engine seat, the engine's
 * bot is sent to one of its own kind, running or not. */
static void engine_match_by_kind(void)
{
    match_dir *d = dir_create();
    uint8_t want[PACKET_TOKEN_SIZE], got[PACKET_TOKEN_SIZE];
    void *w4;
    dir_add_loop(d, &loop_a, 64);
    add_engine(d, 1, GAME_KIND_CHESS, 0, 1); /* running, of another kind */
    add_engine(d, 2, GAME_KIND_CHESS, 1, 0);
    TAP_OK(dir_find_engine(d, GAME_KIND_GOMOKU, got) == NULL,
           "only matches of another kind hold the engine seat: none for a Gomoku engine");
    TAP_OK(dir_find_engine(d, GAME_KIND_CHESS, got) != NULL, "a chess engine finds one");
    w4 = add_engine(d, 4, GAME_KIND_GOMOKU, 1, 0); /* finished, of the engine's kind */
    token_of(4, 1, want);
    TAP_OK(dir_find_engine(d, GAME_KIND_GOMOKU, got) == w4 &&
               memcmp(got, want, PACKET_TOKEN_SIZE) == 0,
           "a finished match of the engine's kind is picked before a running one of another");
    token_of(1, 0, want);
    TAP_OK(dir_find_engine(d, GAME_KIND_CHESS, got) != NULL &&
               memcmp(got, want, PACKET_TOKEN_SIZE) == 0,
           "and the chess engine still gets the running chess match");
    dir_destroy(d);
}

/* A seat is the engine's by its flag only: tokens of any form say nothing. */
static void engine_by_flag_only(void)
{
    /* A token of the form version 5 gave the engine's (bytes 8..15 the
     * splitmix64 mix of bytes 0..7), as a human's random token might be. */
    static const uint8_t v5_marked[PACKET_TOKEN_SIZE] = {0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
                                                         0x46, 0x47, 0x18, 0xdc, 0xb7, 0x75,
                                                         0x30, 0xc0, 0x94, 0xbb};
    uint8_t other[PACKET_TOKEN_SIZE], got[PACKET_TOKEN_SIZE];
    dir_match m = {7, GAME_KIND_GOMOKU, {v5_marked, other}, {0, 0}, 1};
    match_dir *d = dir_create();
    void *w = NULL;
    token_of(7, 1, other);
    dir_add_loop(d, &loop_a, 64);
    dir_add(d, &m, &w);
    TAP_OK(dir_find_engine(d, GAME_KIND_GOMOKU, got) == NULL,
           "a human whose token has the old engine mark is not taken for the engine");
    dir_destroy(d);
}

static void read_loop(void *arg)
{
    reader *r = arg;
    uint8_t t[PACKET_TOKEN_SIZE];
    size_t running, watching;
    for (uint32_t i = 1; !should_stop(r); i = i % GROWN + 1) {
        token_of(i, 0, t);
        (void)dir_find_token(r->d, t);
        dir_match_event(r->d, i, MATCH_RUNNING);
        dir_counts(r->d, &running, &watching);
        r->lookups++;
    }
}

static void concurrent(void)
{
    match_dir *d = dir_create();
    mb_mutex *mu = mb_mutex_create();
    reader r[READERS];
    mb_thread *th[READERS];
    int placed = 0, found = 0;
    uint8_t t[PACKET_TOKEN_SIZE];
    dir_add_loop(d, &loop_a, 4096);
    for (int i = 0; i < READERS; i++) {
        memset(&r[i], 0, sizeof r[i]);
        r[i].d = d;
        r[i].mu = mu;
        mb_thread_start(&th[i], read_loop, &r[i]);
    }
    for (uint32_t id = 1; id <= GROWN; id++) {
        void *w = NULL;
        placed += add(d, id, 0, &w) == DIR_OK;
    }
    for (int i = 0; i < READERS; i++) {
        mb_mutex_lock(mu);
        r[i].stop = 1;
        mb_mutex_unlock(mu);
        mb_thread_join(th[i]);
    }
    for (uint32_t id = 1; id <= GROWN; id++) {
        token_of(id, 1, t);
        found += dir_find_token(d, t) == &loop_a;
    }
    TAP_INT_EQ(placed, GROWN, "%d matches added while %d threads read", GROWN, READERS);
    TAP_INT_EQ(found, GROWN, "every one of them found by its token afterwards");
    TAP_INT_EQ(dir_matches(d), GROWN, "the directory holds them all");
    TAP_INT_EQ(dir_load(d, &loop_a), 2 * GROWN, "two slots each");
    mb_mutex_destroy(mu);
    dir_destroy(d);
}

int main(void)
{
    engine_match();
    engine_match_by_kind();
    engine_by_flag_only();
    basics();
    concurrent();
    return tap_done();
}
