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
    token_of(id, 0, t1);
    token_of(id, 1, t2);
    return dir_add(d, id, t1, t2, running, where);
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

/* The engine seat's match: none, a finished one, then a running one first. */
static void engine_match(void)
{
    match_dir *d = dir_create();
    uint8_t human[PACKET_TOKEN_SIZE], e1[PACKET_TOKEN_SIZE], e2[PACKET_TOKEN_SIZE];
    uint8_t got[PACKET_TOKEN_SIZE];
    void *w = NULL;
    dir_add_loop(d, &loop_a, 64);
    dir_add_loop(d, &loop_b, 64);
    add(d, 1, 1, &w);
    TAP_OK(dir_find_engine(d, got) == NULL, "no match with the engine seat: none found");
    token_of(2, 0, human);
    token_of(2, 1, e1);
    logic_token_mark_engine(e1);
    dir_add(d, 2, human, e1, 0, &w);
    token_of(3, 0, e2);
    logic_token_mark_engine(e2);
    token_of(3, 1, human);
    dir_add(d, 3, e2, human, 0, &w); /* not yet running */
    TAP_OK(dir_find_engine(d, got) != NULL && memcmp(got, e1, PACKET_TOKEN_SIZE) == 0,
           "a finished match with the engine seat: found, with the seat's token");
    dir_match_event(d, 3, MATCH_RUNNING);
    TAP_OK(dir_find_engine(d, got) == w && memcmp(got, e2, PACKET_TOKEN_SIZE) == 0,
           "one whose game runs comes first");
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
    basics();
    concurrent();
    return tap_done();
}
