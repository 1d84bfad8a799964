/* chess_tables.h: the constant tables of the chess rules (internal).
 *
 * Defined in chess_tables.c, which chess_tables_gen.c writes at build time.
 * Squares are 0..63, a1 = 0, b1 = 1, ..., h8 = 63; colours 0 white, 1 black.
 */
#ifndef MATCHBOARD_CHESS_TABLES_H
#define MATCHBOARD_CHESS_TABLES_H

#include <stdint.h>

/* One square's magic bitboard entry for a slider. */
typedef struct chess_magic {
    uint64_t mask;           /* relevant blockers */
    uint64_t magic;          /* multiplier */
    const uint64_t *attacks; /* 1 << (64 - shift) attack sets */
    unsigned shift;
} chess_magic;

extern const uint64_t chess_slider_attacks[];
extern const chess_magic chess_rook_magics[64];
extern const chess_magic chess_bishop_magics[64];
extern const uint64_t chess_knight_attacks[64];
extern const uint64_t chess_king_attacks[64];
/* Squares a pawn of the colour on sq attacks. */
extern const uint64_t chess_pawn_attacks[2][64];
/* Squares strictly between a and b on a line (0 if not aligned). */
extern const uint64_t chess_between[64][64];
/* The whole line through a and b (0 if not aligned). */
extern const uint64_t chess_line[64][64];
/* Zobrist keys: by piece code (colour << 3 | type) and square, by the
 * 4-bit castling rights, by en-passant file, and for black to move. */
extern const uint64_t chess_zobrist_pieces[16][64];
extern const uint64_t chess_zobrist_castling[16];
extern const uint64_t chess_zobrist_ep_file[8];
extern const uint64_t chess_zobrist_side;

static inline uint64_t chess_rook_attacks(int sq, uint64_t occ)
{
    const chess_magic *m = &chess_rook_magics[sq];
    return m->attacks[((occ & m->mask) * m->magic) >> m->shift];
}

static inline uint64_t chess_bishop_attacks(int sq, uint64_t occ)
{
    const chess_magic *m = &chess_bishop_magics[sq];
    return m->attacks[((occ & m->mask) * m->magic) >> m->shift];
}

#endif
