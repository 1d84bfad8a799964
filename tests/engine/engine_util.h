/* engine_util.h: helpers for the engine tests: positions from text, a
 * rules-module referee. Points are written "h8" (column letter, row from 1)
 * and used as the engine's (x, y) unchanged: the tactics are the same
 * mirrored, so no flip is needed. */
#ifndef MATCHBOARD_TEST_ENGINE_UTIL_H
#define MATCHBOARD_TEST_ENGINE_UTIL_H

#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "gomoku.h"

/* Up to 200 points of a space-separated list into xy[]; returns how many. */
static inline int parse_points(const char *list, int *xy)
{
    char word[8];
    int n = 0, used;
    while (list && n < 200 && sscanf(list, " %7s%n", word, &used) == 1) {
        if (gomoku_point_from_text(word, &xy[2 * n], &xy[2 * n + 1]) != 0)
            return -1;
        n++;
        list += used;
    }
    return n;
}

static inline gomoku_rule rule_of(int bits)
{
    return bits & ENGINE_RULE_RENJU    ? GOMOKU_RENJU
           : bits & ENGINE_RULE_EXACT5 ? GOMOKU_STANDARD
                                       : GOMOKU_FREESTYLE;
}

/* Sets up engine e and referee g: black and white stones, `to_move` is the
 * engine's colour (GOMOKU_BLACK or GOMOKU_WHITE). Black stones are given
 * first so the engine finds the colours whatever the counts. */
static inline int setup_position(engine *e, gomoku *g, int size, int rule_bits, const char *black,
                                 const char *white, gomoku_stone to_move)
{
    int bxy[400], wxy[400];
    int nb = parse_points(black, bxy), nw = parse_points(white, wxy);
    if (nb < 0 || nw < 0 || engine_start(e, size, size) != ENGINE_OK ||
        gomoku_init(g, size, rule_of(rule_bits)) != 0)
        return -1;
    engine_set_rule(e, rule_bits);
    for (int i = 0; i < nb; i++)
        if (engine_put(e, bxy[2 * i], bxy[2 * i + 1],
                       to_move == GOMOKU_BLACK ? ENGINE_OWN : ENGINE_OPPONENT) != ENGINE_OK ||
            gomoku_setup(g, bxy[2 * i], bxy[2 * i + 1], GOMOKU_BLACK) != 0)
            return -1;
    for (int i = 0; i < nw; i++)
        if (engine_put(e, wxy[2 * i], wxy[2 * i + 1],
                       to_move == GOMOKU_WHITE ? ENGINE_OWN : ENGINE_OPPONENT) != ENGINE_OK ||
            gomoku_setup(g, wxy[2 * i], wxy[2 * i + 1], GOMOKU_WHITE) != 0)
            return -1;
    return gomoku_set_turn(g, to_move);
}

/* Points where `side` wins at once, up to 2. */
static inline int winning_points(const gomoku *g, gomoku_stone side, int *xy)
{
    int n = 0, size = gomoku_size(g);
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
            if (gomoku_at(g, x, y) == GOMOKU_EMPTY && gomoku_wins_at(g, side, x, y) && n < 2) {
                xy[2 * n] = x;
                xy[2 * n + 1] = y;
                n++;
            }
    return n;
}

/* Plays out a claimed win by fours: the engine attacks, the referee (the
 * rules module) checks that each move wins or makes a four and answers with
 * the block. Returns the number of attacking moves to the win, or -1 (with
 * a diagnostic) if a move is neither, or the defender could not be forced. */
static inline int play_out_vcf(engine *e, gomoku *g, const engine_limits *lim, int max_moves)
{
    gomoku_stone att = gomoku_to_move(g), def = att == GOMOKU_BLACK ? GOMOKU_WHITE : GOMOKU_BLACK;
    for (int n = 1; n <= max_moves; n++) {
        int x, y, five[4], nf;
        char pt[8];
        if (engine_think(e, lim, &x, &y) != ENGINE_OK) {
            printf("# engine found no move\n");
            return -1;
        }
        gomoku_point_to_text(x, y, pt, sizeof pt);
        if (gomoku_play(g, x, y) != GOMOKU_OK) {
            printf("# engine move %s refused: %s\n", pt,
                   gomoku_verdict_str(gomoku_check(g, att, x, y)));
            return -1;
        }
        engine_put(e, x, y, ENGINE_OWN);
        if (gomoku_get_status(g) != GOMOKU_PLAYING)
            return gomoku_get_status(g) ==
                           (att == GOMOKU_BLACK ? GOMOKU_BLACK_WON : GOMOKU_WHITE_WON)
                       ? n
                       : -1;
        nf = winning_points(g, att, five);
        if (nf == 0) {
            printf("# move %d (%s) is not a four (engine said %s)\n", n, pt,
                   engine_last_stats(e)->how);
            return -1;
        }
        {
            int dfive[4];
            if (winning_points(g, def, dfive) > 0) {
                printf("# after move %d (%s) the defender has a five of its own\n", n, pt);
                return -1;
            }
        }
        if (gomoku_play(g, five[0], five[1]) != GOMOKU_OK) {
            /* Renju: the block is forbidden to black; white plays it next. */
            if (def == GOMOKU_BLACK && gomoku_is_forbidden(g, five[0], five[1]) != GOMOKU_OK)
                return n + 1;
            return -1;
        }
        engine_put(e, five[0], five[1], ENGINE_OPPONENT);
    }
    printf("# no five within %d moves\n", max_moves);
    return -1;
}

#endif
