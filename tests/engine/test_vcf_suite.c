/* test_vcf_suite.c: the engine finds the win in every position of the VCF
 * suite (vcf_suite.h) within a node budget, and the win is real: played out
 * against the rules module, every attacking move makes a four (or five)
 * and the forced blocks do not stop it. The 1 s limit per position is
 * measured by bench/bench_engine.c, not here. */
#include <string.h>

#include "engine_util.h"
#include "tap.h"
#include "vcf_suite.h"

/* A legal position to start from: nobody has five (or more) in a row yet,
 * and black to move has as many stones as white (white to move, one
 * more). */
static int position_is_legal(const gomoku *g)
{
    static const int dir[4][2] = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
    int size = gomoku_size(g), count[3] = {0, 0, 0};
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            gomoku_stone s = gomoku_at(g, x, y);
            if (s == GOMOKU_EMPTY)
                continue;
            count[s == GOMOKU_BLACK ? 1 : 2]++;
            for (int d = 0; d < 4; d++) {
                int n = 1;
                while (n < 5 && x + n * dir[d][0] >= 0 && x + n * dir[d][0] < size &&
                       y + n * dir[d][1] >= 0 && y + n * dir[d][1] < size &&
                       gomoku_at(g, x + n * dir[d][0], y + n * dir[d][1]) == s)
                    n++;
                if (n == 5)
                    return 0;
            }
        }
    return gomoku_to_move(g) == GOMOKU_BLACK ? count[1] == count[2] : count[1] == count[2] + 1;
}

int main(void)
{
    engine *e = engine_new(1 << 22);
    engine_limits lim = {600000, 0, -1, 4, 2000000};
    if (!TAP_OK(e != NULL, "engine_new"))
        return tap_done();
    for (size_t i = 0; i < VCF_SUITE_COUNT; i++) {
        const vcf_problem *p = &vcf_suite[i];
        gomoku g;
        int n;
        if (!TAP_OK(setup_position(e, &g, 15, p->rule, p->black, p->white, p->to_move) == 0,
                    "%s: position set up", p->name))
            continue;
        if (strncmp(p->name, "tsume", 5) == 0) /* published: the position as given */
            TAP_OK(position_is_legal(&g), "%s: a legal position (no five, stones fit the turn)",
                   p->name);
        n = play_out_vcf(e, &g, &lim, 30);
        TAP_OK(n > 0, "%s: won by fours in %d moves", p->name, n);
    }
    engine_free(e);
    return tap_done();
}
