/* test_engine_time.c: the engine answers within timeout_turn. The engine
 * reads a clock of the test's own (engine_set_clock) that moves 1 ms each
 * time it is read, so the test does not depend on the machine's speed or
 * load: the engine must stop every search (alpha-beta and threat search)
 * on that clock, answer before its budget and well before timeout_turn,
 * and read the clock often enough that no search runs long unchecked. */
#include "engine_util.h"
#include "tap.h"

#include <stdint.h>

enum { TIMEOUT_TURN = 200, CLOCK_NODES = 16 };

typedef struct test_clock {
    uint64_t now;
    long long reads;
} test_clock;

static uint64_t tick(void *ctx)
{
    test_clock *c = ctx;
    c->reads++;
    return ++c->now;
}

static void answers_in_time(engine *e, int rule, const char *black, const char *white,
                            gomoku_stone to_move, const char *what)
{
    test_clock clock = {1000000, 0};
    engine_limits lim = {TIMEOUT_TURN, 0, -1, 0, 0}; /* no depth or node limit */
    const engine_stats *s;
    gomoku g;
    uint64_t start;
    int x = -1, y = -1;
    if (!TAP_OK(setup_position(e, &g, 15, rule, black, white, to_move) == 0, "%s: position", what))
        return;
    engine_set_clock(e, tick, &clock);
    start = clock.now;
    TAP_INT_EQ(engine_think(e, &lim, &x, &y), ENGINE_OK, "%s: a move", what);
    engine_set_clock(e, NULL, NULL);
    s = engine_last_stats(e);
    printf("# %s: %s, depth %d, %lld nodes, %lld clock reads, %lld of %d ms (budget %lld)\n", what,
           s->how, s->depth, s->nodes, clock.reads, (long long)(clock.now - start), TIMEOUT_TURN,
           s->budget);
    TAP_OK(gomoku_judge(&g, to_move, x, y) == GOMOKU_OK, "%s: the move is legal", what);
    TAP_OK(strcmp(s->how, "search") == 0 || strcmp(s->how, "defend") == 0,
           "%s: decided by the search (%s)", what, s->how);
    TAP_OK(s->depth >= 1, "%s: the search completed depth %d", what, s->depth);
    TAP_OK(s->budget > 0 && s->budget <= TIMEOUT_TURN * 2 / 3, "%s: a margin kept (budget %lld)",
           what, s->budget);
    TAP_OK(s->ms <= s->budget + 1, "%s: stopped at its budget (%lld ms)", what, s->ms);
    TAP_OK(clock.now - start < TIMEOUT_TURN, "%s: answered within timeout_turn", what);
    /* every search reads the clock at least every CLOCK_NODES nodes (each
     * of its stages once more at its start and end) */
    TAP_OK(clock.reads * CLOCK_NODES + 16 * CLOCK_NODES >= s->nodes,
           "%s: the clock read every %d nodes (%lld reads, %lld nodes)", what, CLOCK_NODES,
           clock.reads, s->nodes);
}

int main(void)
{
    engine *e = engine_new(1 << 20);
    if (!TAP_OK(e != NULL, "engine_new"))
        return tap_done();
    /* open middle games, no forced win for either side */
    answers_in_time(e, 0, "h8 j8 g10 k6 f6 l10 e9", "i9 h7 j10 g8 k8 i6 f8", GOMOKU_BLACK,
                    "freestyle");
    answers_in_time(e, ENGINE_RULE_RENJU, "h8 j8 g10 k6 f6 l10 e9", "i9 h7 j10 g8 k8 i6 f8",
                    GOMOKU_BLACK, "Renju, black");
    answers_in_time(e, ENGINE_RULE_RENJU, "i9 h7 j10 g8 k8 i6 f8 a15", "h8 j8 g10 k6 f6 l10 e9",
                    GOMOKU_WHITE, "Renju, white");
    engine_free(e);
    return tap_done();
}
