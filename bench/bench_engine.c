/* bench_engine.c: matchboard-engine's speed and strength, in-process.
 *
 *  1. nodes per second and the depth reached at 1 s per move (timeout_turn
 *     1000 ms) on a 15x15 mid-game position;
 *  2. the time to find each win of the VCF suite (tests/engine/vcf_suite.h),
 *     against its 1 s limit;
 *  3. a match against a random legal mover: N games freestyle and N Renju,
 *     the engine black in half of them, at a short time per move: wins,
 *     draws, losses, the worst answer time against the limit, and forbidden
 *     moves the engine played as black (must be 0).
 * Usage: bench_engine [GAMES_PER_RULE [MS_PER_MOVE]] (default 100, 100).
 * Figures go to docs/benchmarks.md. Not a test: nothing here fails a build.
 */
#include "mono_clock.h"
#include "engine_util.h"
#include "vcf_suite.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t rng_state = 0x1234567;

static unsigned rng(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(rng_state >> 33);
}

static void speed(engine *e)
{
    /* A mid-game reached by node-limited (so repeatable) self-play from the
     * centre: 14 stones or more, until the side to move has no forced win. */
    engine_limits quick = {60000, 0, -1, 4, 20000};
    engine_limits lim = {1000, 0, -1, 0, 0};
    gomoku g;
    int x, y;
    gomoku_init(&g, 15, GOMOKU_FREESTYLE);
    engine_start(e, 15, 15);
    engine_set_rule(e, 0);
    for (;;) {
        /* the engine plays both sides: "own" is the side to move */
        engine_start(e, 15, 15);
        for (int i = 0; i < gomoku_move_count(&g); i++) {
            gomoku_point pt;
            gomoku_move_at(&g, i, &pt);
            engine_put(e, pt.x, pt.y,
                       (gomoku_move_count(&g) - i) % 2 ? ENGINE_OPPONENT : ENGINE_OWN);
        }
        if (gomoku_move_count(&g) >= 14) {
            engine_think(e, &quick, &x, &y);
            if (strcmp(engine_last_stats(e)->how, "search") == 0 || gomoku_move_count(&g) > 60)
                break;
        } else {
            engine_think(e, &quick, &x, &y);
        }
        if (gomoku_play(&g, x, y) != GOMOKU_OK || gomoku_get_status(&g) != GOMOKU_PLAYING)
            break;
    }
    engine_think(e, &lim, &x, &y);
    const engine_stats *s = engine_last_stats(e);
    printf("speed: 15x15 freestyle mid-game (%d stones), timeout_turn 1000 ms: %s, depth %d, "
           "%lld nodes in %lld ms, %.0f nodes/s\n",
           gomoku_move_count(&g), s->how, s->depth, s->nodes, s->ms,
           s->ms ? s->nodes * 1000.0 / (double)s->ms : 0.0);
}

static void vcf_times(engine *e)
{
    long long worst = 0;
    int solved = 0;
    for (size_t i = 0; i < VCF_SUITE_COUNT; i++) {
        const vcf_problem *p = &vcf_suite[i];
        engine_limits lim = {1000, 0, -1, 0, 0};
        gomoku g;
        int x, y;
        setup_position(e, &g, 15, p->rule, p->black, p->white, p->to_move);
        uint64_t t0 = mb_now_ms();
        engine_think(e, &lim, &x, &y);
        long long ms = (long long)(mb_now_ms() - t0);
        int ok = strcmp(engine_last_stats(e)->how, "vcf") == 0 ||
                 strcmp(engine_last_stats(e)->how, "five") == 0;
        solved += ok;
        if (ms > worst)
            worst = ms;
        printf("vcf: %-28s %s in %lld ms (%lld nodes)\n", p->name, ok ? "found" : "NOT FOUND", ms,
               engine_last_stats(e)->nodes);
    }
    printf("vcf suite: %d of %d found, slowest %lld ms (limit 1000 ms)\n", solved,
           (int)VCF_SUITE_COUNT, worst);
}

/* One game; returns 1 engine win, 0 draw, -1 loss. */
static int game(engine *e, int rule, gomoku_stone engine_colour, long long ms_per_move,
                long long *worst_ms, long long *worst_cpu_ms, int *forbidden)
{
    gomoku g;
    engine_limits lim = {ms_per_move, 0, -1, 0, 0};
    gomoku_init(&g, 15, rule_of(rule));
    engine_start(e, 15, 15);
    engine_set_rule(e, rule);
    while (gomoku_get_status(&g) == GOMOKU_PLAYING) {
        int x = -1, y = -1;
        if (gomoku_to_move(&g) == engine_colour) {
            uint64_t t0 = mb_now_ms();
            clock_t c0 = clock();
            if (engine_think(e, &lim, &x, &y) != ENGINE_OK)
                break;
            long long ms = (long long)(mb_now_ms() - t0);
            long long cpu = (long long)((clock() - c0) * 1000 / CLOCKS_PER_SEC);
            if (ms > *worst_ms) {
                *worst_ms = ms;
                *worst_cpu_ms = cpu; /* the CPU time of that move: wall - CPU = waiting */
            }
            if (gomoku_play(&g, x, y) != GOMOKU_OK) {
                (*forbidden)++;
                return -1;
            }
            engine_put(e, x, y, ENGINE_OWN);
        } else {
            int n = 0, pick;
            for (int i = 0; i < 225; i++)
                n += gomoku_check(&g, gomoku_to_move(&g), i % 15, i / 15) == GOMOKU_OK;
            pick = (int)(rng() % (unsigned)n);
            for (int i = 0; i < 225; i++)
                if (gomoku_check(&g, gomoku_to_move(&g), i % 15, i / 15) == GOMOKU_OK &&
                    pick-- == 0) {
                    x = i % 15;
                    y = i / 15;
                    break;
                }
            gomoku_play(&g, x, y);
            engine_put(e, x, y, ENGINE_OPPONENT);
        }
    }
    switch (gomoku_get_status(&g)) {
    case GOMOKU_BLACK_WON:
        return engine_colour == GOMOKU_BLACK ? 1 : -1;
    case GOMOKU_WHITE_WON:
        return engine_colour == GOMOKU_WHITE ? 1 : -1;
    default:
        return 0;
    }
}

static void match(engine *e, int rule, const char *name, int games, long long ms_per_move)
{
    int w = 0, d = 0, l = 0, forbidden = 0;
    long long worst = 0, worst_cpu = 0;
    for (int i = 0; i < games; i++) {
        int r = game(e, rule, i % 2 ? GOMOKU_WHITE : GOMOKU_BLACK, ms_per_move, &worst, &worst_cpu,
                     &forbidden);
        w += r > 0;
        d += r == 0;
        l += r < 0;
    }
    printf("match vs random, %s, %d games (half as black), timeout_turn %lld ms: "
           "W %d D %d L %d, worst answer %lld ms (%lld ms of CPU), forbidden moves %d\n",
           name, games, ms_per_move, w, d, l, worst, worst_cpu, forbidden);
}

int main(int argc, char **argv)
{
    int games = argc > 1 ? atoi(argv[1]) : 100;
    long long ms = argc > 2 ? atoll(argv[2]) : 100;
    engine *e = engine_new(0);
    if (!e)
        return 1;
    speed(e);
    vcf_times(e);
    match(e, 0, "freestyle", games, ms);
    match(e, ENGINE_RULE_RENJU, "renju", games, ms);
    engine_free(e);
    return 0;
}
