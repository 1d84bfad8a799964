/* board.h: the engine's board, with its line shapes kept up to date.
 *
 * Every empty point knows, for each colour and each of the four lines, the
 * shape a stone of that colour would make there (patterns.h), a value built
 * from the four shapes, and threat flags. Placing or removing a stone
 * updates only the points within five of it on its lines, so the
 * evaluation (the sum of the values) and the threat counts are incremental.
 * Points are padded indexes: (x, y) is at (y + PAD) * STRIDE + x + PAD.
 * No allocation: a board is a plain struct.
 */
#ifndef MATCHBOARD_ENGINE_BOARD_H
#define MATCHBOARD_ENGINE_BOARD_H

#include "patterns.h"

#include <stdint.h>

enum {
    EB_MAX_SIZE = 25,
    EB_PAD = 5,
    EB_STRIDE = EB_MAX_SIZE + 2 * EB_PAD,
    EB_CELLS = EB_STRIDE * EB_STRIDE,
    EB_EMPTY = 0,
    EB_BLACK = 1,
    EB_WHITE = 2,
    EB_WALL = 3,
};

/* Threat flags of a point for one colour (a stone of that colour there). */
enum {
    EB_F_FIVE = 1,   /* makes five */
    EB_F_WIN4 = 2,   /* makes a straight four or two fours */
    EB_F_FOUR = 4,   /* makes at least one four */
    EB_F_43 = 8,     /* a four and an open three */
    EB_F_OPEN3 = 16, /* makes at least one open three */
    EB_F_33 = 32,    /* two open threes */
    EB_F_RISKY = 64, /* Renju black: could be forbidden (ask the rules) */
};

typedef struct eb_board {
    int size;
    uint8_t cell[EB_CELLS];
    uint8_t shape[EB_CELLS][4][2]; /* [point][line][colour - 1] */
    int16_t value[EB_CELLS][2];
    uint8_t flags[EB_CELLS][2];
    uint8_t near[EB_CELLS]; /* stones within two points (5x5 square) */
    int32_t sum[2];         /* total value of the empty points, per colour */
    int nfive[2];           /* empty points where a colour makes five */
    int nwin4[2];           /* empty points where it makes a straight four or 4-4 */
    uint64_t hash;
    int nstones;
    const pat_table *table[2]; /* per colour: exact five or not */
    uint64_t zobrist[EB_CELLS][2];
} eb_board;

extern const int eb_step[4];

/* Starts an empty board; `tables` are [exact][...] as built by pat_table_build. */
void eb_init(eb_board *b, int size, const pat_table *black_table, const pat_table *white_table);

static inline int eb_index(int x, int y)
{
    return (y + EB_PAD) * EB_STRIDE + x + EB_PAD;
}
static inline int eb_x(int p)
{
    return p % EB_STRIDE - EB_PAD;
}
static inline int eb_y(int p)
{
    return p / EB_STRIDE - EB_PAD;
}

/* Puts a stone (EB_BLACK, EB_WHITE, or EB_WALL for a dead point) on an
 * empty point / takes it off again. */
void eb_place(eb_board *b, int p, int color);
void eb_remove(eb_board *b, int p);

/* An empty point where `color` makes five, or -1; searches the whole board. */
int eb_find_five(const eb_board *b, int color);
/* Five points of `color` on the lines through p (within four of it):
 * writes up to 2 and returns how many there are (up to 2). */
int eb_fives_near(const eb_board *b, int p, int color, int *out);

/* The static evaluation for the colour to move. */
int eb_evaluate(const eb_board *b, int color);

#endif
