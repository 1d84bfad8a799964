/* vcf_suite.h: positions where the side to move wins by continuous fours
 * (VCF), for test_vcf_suite.c (found within a node budget) and
 * bench/bench_engine.c (found within 1 s). 15x15; points as "h8".
 *
 * Sources: the positions marked "game" were met in games played by the
 * engine (a third of the moves random) and each win was checked by playing
 * it out against the rules module; those marked "hand" were built by hand
 * for one shape.
 *
 * Published problems: those named "tsume nyumon N" are problem N (counted
 * from 1 in the order given) of the tsume-renju collection titled
 * "詰連珠・入門 ～5までの追詰め問題～" ("Tsume-renju, introduction: problems
 * of chasing by fours up to five"), black to play and win, as transcribed
 * with its stones' coordinates in the Renju editor of the public repository
 * lfz084/lfz084.github.io, file renjueditor/json/詰連珠・入門
 * ～5までの追詰め問題～.json (commit 70174ea8fd911b2b845e61ab387ab5d57b6dfd8a).
 * That file names no author, book or page, so none is given here; the
 * coordinates are the transcription's (columns a-o, rows 1-15 from the
 * bottom, as in gomoku.h). Only the problems with as many black stones as
 * white (so black to move is a reachable turn) were taken: 1, 2, 3, 4, 6,
 * 11, 12. Each is checked under the Renju rules: the stones set up through
 * the rules module, the win found by the engine (within 1 s:
 * bench/bench_engine.c) and played out with the rules module, every black
 * move checked for a forbidden point, to five.
 */
#ifndef MATCHBOARD_TEST_VCF_SUITE_H
#define MATCHBOARD_TEST_VCF_SUITE_H

#include "engine.h"
#include "gomoku.h"

#include <stddef.h>

typedef struct vcf_problem {
    const char *name;
    int rule; /* ENGINE_RULE_* bits */
    const char *black, *white;
    gomoku_stone to_move;
    int fours; /* attacking moves of the win found when the suite was made */
} vcf_problem;

static const vcf_problem vcf_suite[] = {
    {"four-four (hand)", 0, "h8 i8 j8 l9 l10 l11 c3", "g8 l12 a1 a15 o1 o15 n2", GOMOKU_BLACK, 2},
    {"game 1", 0, "g5 d6 e6 f6 e7 f8 k8 f9 g9 i10 k10 k11",
     "h4 c5 g6 f7 g7 g8 h9 k9 g10 h10 h11 i11", GOMOKU_BLACK, 4},
    {"game 2", 0, "f5 e6 j6 e7 g7 k7 f8 h8 i8 f9 j9 e10 f10 i10 f11 g11 i11",
     "e5 j5 f6 g6 h6 i6 k6 f7 i7 g8 e9 g9 h10 h11 j11 k11 f12", GOMOKU_BLACK, 6},
    {"game 3", 0, "d6 i6 j6 f7 h7 g8 h8 f9 h9 g11", "f5 j5 e6 f6 g6 h6 g7 k9 e10 k11", GOMOKU_BLACK,
     7},
    {"game 4", 0, "g5 e6 g6 j6 g7 h7 i7 j7 f8 h8 i8 j8 j9 f10 g10 l10 g11 h11 j11",
     "d4 e5 f5 i5 j5 f6 h6 f7 k7 g8 f9 g9 h9 h10 i10 j10 k10 e11 k11", GOMOKU_BLACK, 9},
    {"game 5", 0, "d7 e8 g8 f9 g9 j9 g10 h10", "c6 e6 f8 k9 k10 e11 g11 h11", GOMOKU_BLACK, 5},
    {"game 6", 0, "i6 f7 h7 i7 h8 i9 h10", "f5 f6 e7 i8 k8 g9 h9", GOMOKU_BLACK, 4},
    /* Standard Gomoku (exactly five). */
    {"standard game 1", ENGINE_RULE_EXACT5, "g5 f7 b8 d8 e8 f8 h8 d9 e9 f9 f10 j10 e11 g11",
     "f6 c7 c8 g8 g9 i9 j9 e10 g10 f11 h11 j11 h12", GOMOKU_WHITE, 4},
    {"standard game 2", ENGINE_RULE_EXACT5, "g7 g8 j8 k8 j9 k10 j11", "h5 j5 i6 h7 i10 j10 k11",
     GOMOKU_BLACK, 4},
    {"standard game 3", ENGINE_RULE_EXACT5, "h2 h3 h4 j5 e6 h6 j6 k6 l6 m6 e7 i7 l7 h8 f10",
     "i4 j4 g5 h5 i5 k5 f6 i6 n6 h7 e8 m8 g9 g10", GOMOKU_WHITE, 4},
    /* Renju, black: the same wins hold with every black move allowed. */
    {"game 2 (Renju)", ENGINE_RULE_RENJU,
     "f5 e6 j6 e7 g7 k7 f8 h8 i8 f9 j9 e10 f10 i10 f11 g11 i11",
     "e5 j5 f6 g6 h6 i6 k6 f7 i7 g8 e9 g9 h10 h11 j11 k11 f12", GOMOKU_BLACK, 6},
    {"game 3 (Renju)", ENGINE_RULE_RENJU, "d6 i6 j6 f7 h7 g8 h8 f9 h9 g11",
     "f5 j5 e6 f6 g6 h6 g7 k9 e10 k11", GOMOKU_BLACK, 7},
    {"game 4 (Renju)", ENGINE_RULE_RENJU,
     "g5 e6 g6 j6 g7 h7 i7 j7 f8 h8 i8 j8 j9 f10 g10 l10 g11 h11 j11",
     "d4 e5 f5 i5 j5 f6 h6 f7 k7 g8 f9 g9 h9 h10 i10 j10 k10 e11 k11", GOMOKU_BLACK, 9},
    /* Renju, white: the four whose five point h8 is black's double-three. */
    {"renju white trap (hand)", ENGINE_RULE_RENJU, "f8 g8 h6 h7 m13 g7", "i9 j10 k11 a1 o1",
     GOMOKU_WHITE, 2},
    /* Published problems (see the top): Renju, black to play and win. */
    {"tsume nyumon 1", ENGINE_RULE_RENJU, "g10 j9 h8 i8 j8 g7", "f10 f9 h9 i9 k8 h7", GOMOKU_BLACK,
     3},
    {"tsume nyumon 2", ENGINE_RULE_RENJU, "g11 k11 j10 g9 j9 h8 i8 j8", "g12 j11 f9 h9 i9 k8 f7 h7",
     GOMOKU_BLACK, 4},
    {"tsume nyumon 3", ENGINE_RULE_RENJU, "h11 i10 g9 j9 g8 h8 j8 k5", "j11 f10 f9 h9 i9 i8 k8 k6",
     GOMOKU_BLACK, 3},
    {"tsume nyumon 4", ENGINE_RULE_RENJU, "f10 i9 h8 f7 h7 j7", "k11 h9 f8 j8 e5 g5", GOMOKU_BLACK,
     3},
    {"tsume nyumon 6", ENGINE_RULE_RENJU, "h8 i8 f7 h7 f6 i6 j5", "h9 i9 j9 g7 h6 i5 k4",
     GOMOKU_BLACK, 3},
    {"tsume nyumon 11", ENGINE_RULE_RENJU, "f10 g10 g8 h8 j8 g7 i7 h6", "g11 f9 h9 k9 f8 i8 h7 f6",
     GOMOKU_BLACK, 3},
    {"tsume nyumon 12", ENGINE_RULE_RENJU, "i10 f9 h8 i8 j8 f7 i7 j6 g5",
     "h10 e9 i9 k8 e7 j7 h6 f5 k5", GOMOKU_BLACK, 3},
};

enum { VCF_SUITE_COUNT = sizeof vcf_suite / sizeof vcf_suite[0] };

#endif
