/* test_vcf_suite.c: the engine finds the win in every position of the VCF
 * suite (vcf_suite.h) within a node budget, and the win is real: played out
 * against the rules module, every attacking move makes a four (or five)
 * and the forced blocks do not stop it. The 1 s limit per position is
 * measured by bench/bench_engine.c, not here. */
#include "engine_util.h"
#include "tap.h"
#include "vcf_suite.h"

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
        n = play_out_vcf(e, &g, &lim, 30);
        TAP_OK(n > 0, "%s: won by fours in %d moves", p->name, n);
    }
    engine_free(e);
    return tap_done();
}
