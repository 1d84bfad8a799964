/* board_util.h: helpers for the Gomoku tests: set up stones from text. */
#ifndef MATCHBOARD_TEST_BOARD_UTIL_H
#define MATCHBOARD_TEST_BOARD_UTIL_H

#include <stdio.h>
#include <string.h>

#include "gomoku.h"

/* Puts stones of one colour on the points of a space-separated list
 * ("f8 g8 h8") as start position. Returns 0, or -1 on a bad point. */
static inline int stones(gomoku *g, gomoku_stone colour, const char *list)
{
    char word[8];
    int n;
    while (sscanf(list, " %7s%n", word, &n) == 1) {
        int x, y;
        if (gomoku_point_from_text(word, &x, &y) != 0 || gomoku_setup(g, x, y, colour) != 0) {
            printf("# bad setup point %s\n", word);
            return -1;
        }
        list += n;
    }
    return 0;
}

/* Plays a space-separated list of points in order. Returns the verdict of
 * the first refused move, or GOMOKU_OK. */
static inline gomoku_verdict play_list(gomoku *g, const char *list)
{
    char word[8];
    int n;
    while (sscanf(list, " %7s%n", word, &n) == 1) {
        int x, y;
        gomoku_verdict v;
        if (gomoku_point_from_text(word, &x, &y) != 0)
            return GOMOKU_OFF_BOARD;
        v = gomoku_play(g, x, y);
        if (v != GOMOKU_OK)
            return v;
        list += n;
    }
    return GOMOKU_OK;
}

/* What black at a point would be ("h8"), by gomoku_judge. */
static inline gomoku_verdict judge_at(const gomoku *g, gomoku_stone side, const char *point)
{
    int x = -1, y = -1;
    if (gomoku_point_from_text(point, &x, &y) != 0)
        return GOMOKU_OFF_BOARD;
    return gomoku_judge(g, side, x, y);
}

#endif
