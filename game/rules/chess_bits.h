/* chess_bits.h: bitboard helpers of the chess rules (internal). */
#ifndef MATCHBOARD_CHESS_BITS_H
#define MATCHBOARD_CHESS_BITS_H

#include <stdint.h>

#define CHESS_BB(sq) (1ull << (sq))

enum {
    CHESS_SQ_A1 = 0,
    CHESS_SQ_B1 = 1,
    CHESS_SQ_C1 = 2,
    CHESS_SQ_D1 = 3,
    CHESS_SQ_E1 = 4,
    CHESS_SQ_F1 = 5,
    CHESS_SQ_G1 = 6,
    CHESS_SQ_H1 = 7,
    CHESS_SQ_A8 = 56,
    CHESS_SQ_B8 = 57,
    CHESS_SQ_C8 = 58,
    CHESS_SQ_D8 = 59,
    CHESS_SQ_E8 = 60,
    CHESS_SQ_F8 = 61,
    CHESS_SQ_G8 = 62,
    CHESS_SQ_H8 = 63,
};

#define CHESS_RANK_1       0x00000000000000FFull
#define CHESS_RANK_2       0x000000000000FF00ull
#define CHESS_RANK_3       0x0000000000FF0000ull
#define CHESS_RANK_6       0x0000FF0000000000ull
#define CHESS_RANK_7       0x00FF000000000000ull
#define CHESS_RANK_8       0xFF00000000000000ull
#define CHESS_FILE_A       0x0101010101010101ull
#define CHESS_FILE_H       0x8080808080808080ull
#define CHESS_DARK_SQUARES 0xAA55AA55AA55AA55ull

static inline int chess_lsb(uint64_t b)
{
    return __builtin_ctzll(b);
}

static inline int chess_popcount(uint64_t b)
{
    return __builtin_popcountll(b);
}

/* Removes and returns the lowest set square of *b. */
static inline int chess_pop_lsb(uint64_t *b)
{
    int sq = __builtin_ctzll(*b);
    *b &= *b - 1;
    return sq;
}

#endif
