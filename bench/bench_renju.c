/* bench_renju.c: Renju forbidden-move checks per second on mid-game
 * positions.
 *
 * Positions: Renju games played from h8 by a seeded generator that plays
 * near the stones already on the board (within two points, as players and
 * searches do), never a forbidden or winning move, stopped after 30 to 60
 * stones. Checks: gomoku_is_forbidden on every empty point within two
 * points of a stone (the moves a search would look at), repeated until at
 * least a second has passed.
 *
 * Usage: bench_renju [POSITIONS] (default 200)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "gomoku.h"

enum { MAX_POSITIONS = 10000 };

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;

static unsigned rng(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(rng_state >> 33);
}

/* Is (x, y) empty and within two points of a stone? */
static int near_stone(const gomoku *g, int x, int y)
{
    if (gomoku_at(g, x, y) != GOMOKU_EMPTY)
        return 0;
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++) {
            gomoku_stone s = gomoku_at(g, x + dx, y + dy);
            if (s == GOMOKU_BLACK || s == GOMOKU_WHITE)
                return 1;
        }
    return 0;
}

/* Plays one random local game; returns 0 if it ended before `plies`. */
static int make_position(gomoku *g, int plies)
{
    gomoku_init(g, 15, GOMOKU_RENJU);
    gomoku_play(g, 7, 7);
    while (gomoku_move_count(g) < plies) {
        gomoku_stone side = gomoku_to_move(g);
        int tries = 0, x, y;
        do {
            x = (int)(rng() % 15);
            y = (int)(rng() % 15);
        } while (++tries < 10000 &&
                 (!near_stone(g, x, y) || gomoku_judge(g, side, x, y) != GOMOKU_OK ||
                  gomoku_wins_at(g, side, x, y)));
        if (tries >= 10000 || gomoku_play(g, x, y) != GOMOKU_OK ||
            gomoku_get_status(g) != GOMOKU_PLAYING)
            return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    static gomoku positions[MAX_POSITIONS];
    static gomoku_point points[MAX_POSITIONS][15 * 15];
    static int npoints[MAX_POSITIONS];
    int npos = argc > 1 ? atoi(argv[1]) : 200;
    long long checks = 0, forbidden[8] = {0};
    clock_t start, elapsed;
    int rounds = 0;
    double seconds;

    if (npos < 1 || npos > MAX_POSITIONS) {
        fprintf(stderr, "bench_renju: POSITIONS must be 1 to %d\n", MAX_POSITIONS);
        return 2;
    }
    for (int i = 0; i < npos;)
        i += make_position(&positions[i], 30 + (int)(rng() % 31));
    for (int i = 0; i < npos; i++)
        for (int y = 0; y < 15; y++)
            for (int x = 0; x < 15; x++)
                if (near_stone(&positions[i], x, y)) {
                    points[i][npoints[i]].x = (uint8_t)x;
                    points[i][npoints[i]++].y = (uint8_t)y;
                }

    start = clock();
    do {
        for (int i = 0; i < npos; i++)
            for (int k = 0; k < npoints[i]; k++) {
                gomoku_verdict v =
                    gomoku_is_forbidden(&positions[i], points[i][k].x, points[i][k].y);
                if (rounds == 0)
                    forbidden[v]++;
                checks++;
            }
        rounds++;
        elapsed = clock() - start;
    } while (elapsed < CLOCKS_PER_SEC);
    seconds = (double)elapsed / CLOCKS_PER_SEC;

    printf("positions: %d (30-60 stones, 15x15 Renju)\n", npos);
    printf("points checked per round: %lld (forbidden: %lld double-three, %lld double-four, "
           "%lld overline)\n",
           checks / rounds, forbidden[GOMOKU_DOUBLE_THREE], forbidden[GOMOKU_DOUBLE_FOUR],
           forbidden[GOMOKU_OVERLINE]);
    printf("checks: %lld in %.2f s: %.0f checks/s, %.0f ns/check\n", checks, seconds,
           (double)checks / seconds, seconds * 1e9 / (double)checks);
    return 0;
}
