/* patterns.h: line shapes for the engine's evaluation and threat search.
 *
 * What would a stone of one colour on an empty point make along one line?
 * The answer depends on the five points on each side of it, each empty, own
 * or blocked (the other colour or the edge); a side is coded as the run of
 * empty/own points up to the first blocked one (63 codes), and a table of
 * 63 x 63 shapes is built once per rule variant: fives are exact (overline
 * is not a five) or not.
 */
#ifndef MATCHBOARD_ENGINE_PATTERNS_H
#define MATCHBOARD_ENGINE_PATTERNS_H

#include <stdint.h>

enum {
    PAT_SIDE_CODES = 63,
    PAT_SIDE_REACH = 5,
};

/* Shapes, weakest first; PAT_OVERLINE_BIT may be or-ed in. */
typedef enum pat_shape {
    PAT_NONE = 0,
    PAT_TWO,   /* one more stone makes a closed three */
    PAT_OPEN2, /* one more stone makes an open three */
    PAT_THREE, /* one more stone makes a four */
    PAT_OPEN3, /* one more stone makes a straight four */
    PAT_FOUR,  /* one more stone makes a five */
    PAT_OPEN4, /* two points make a five: unstoppable on this line */
    PAT_FIVE,
    PAT_SHAPE_MASK = 15,
    PAT_OVERLINE_BIT = 16, /* the stone makes six or more in a row */
} pat_shape;

typedef struct pat_table {
    uint8_t shape[PAT_SIDE_CODES * PAT_SIDE_CODES];
} pat_table;

/* Fills a table: exact = 1 when only exactly five wins. */
void pat_table_build(pat_table *t, int exact);

/* A side's code from its points outward: own[i] != 0 for an own stone at
 * distance i + 1, for the first `open` points before a blocked one. */
int pat_side_code(int open, unsigned own_bits);

#endif
