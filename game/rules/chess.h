/* chess.h: the chess position, moves, make/unmake and legal move generation.
 *
 * Pure C11, no I/O, no allocation, no mutable global state: every function
 * works on the position it is given, so matches may run on several threads.
 * Squares are 0..63 with a1 = 0, b1 = 1, ..., h1 = 7, a2 = 8, ..., h8 = 63.
 * Related headers: chess_fen.h (FEN), chess_notation.h (SAN, UCI),
 * chess_draw.h (game status, draws, repetition keys).
 */
#ifndef MATCHBOARD_CHESS_H
#define MATCHBOARD_CHESS_H

#include <stddef.h>
#include <stdint.h>

enum { CHESS_WHITE = 0, CHESS_BLACK = 1 };

/* Piece types; a piece code on the board is colour << 3 | type, 0 empty. */
enum {
    CHESS_PAWN = 1,
    CHESS_KNIGHT = 2,
    CHESS_BISHOP = 3,
    CHESS_ROOK = 4,
    CHESS_QUEEN = 5,
    CHESS_KING = 6,
};

#define CHESS_PIECE(color, type) ((uint8_t)((color) << 3 | (type)))
#define CHESS_PIECE_TYPE(pc)     ((pc)&7)
#define CHESS_PIECE_COLOR(pc)    ((pc) >> 3)

enum { CHESS_NO_SQUARE = 64 };

/* Castling rights bits. */
enum {
    CHESS_CASTLE_WK = 1, /* white O-O */
    CHESS_CASTLE_WQ = 2, /* white O-O-O */
    CHESS_CASTLE_BK = 4,
    CHESS_CASTLE_BQ = 8,
};

/* A move: from (bits 0-5), to (6-11), promotion piece (12-13: knight,
 * bishop, rook, queen) and kind (14-15). Castling is the king's move, e1g1. */
typedef uint16_t chess_move;

enum {
    CHESS_MOVE_NONE = 0,
    CHESS_MOVE_NORMAL = 0 << 14,
    CHESS_MOVE_PROMOTION = 1 << 14,
    CHESS_MOVE_EN_PASSANT = 2 << 14,
    CHESS_MOVE_CASTLING = 3 << 14,
};

/* More than the most legal moves any position has (218). */
#define CHESS_MAX_MOVES 256

static inline int chess_move_from(chess_move m)
{
    return m & 63;
}
static inline int chess_move_to(chess_move m)
{
    return (m >> 6) & 63;
}
static inline int chess_move_kind(chess_move m)
{
    return m & (3 << 14);
}
/* The piece type a promotion makes (CHESS_KNIGHT..CHESS_QUEEN), else 0. */
static inline int chess_move_promotion(chess_move m)
{
    return chess_move_kind(m) == CHESS_MOVE_PROMOTION ? CHESS_KNIGHT + ((m >> 12) & 3) : 0;
}
/* Builds a move; promo is CHESS_KNIGHT..CHESS_QUEEN for promotions. */
static inline chess_move chess_move_make(int from, int to, int kind, int promo)
{
    int p = kind == CHESS_MOVE_PROMOTION ? (promo - CHESS_KNIGHT) << 12 : 0;
    return (chess_move)(from | to << 6 | p | kind);
}

typedef struct chess_position {
    uint64_t by_type[7];  /* [0] every piece, [CHESS_PAWN..CHESS_KING] by type */
    uint64_t by_color[2]; /* by colour */
    uint8_t board[64];    /* piece code per square, 0 empty */
    uint8_t side;         /* CHESS_WHITE or CHESS_BLACK to move */
    uint8_t castling;     /* CHESS_CASTLE_* bits */
    uint8_t ep;           /* en-passant target square or CHESS_NO_SQUARE */
    uint16_t halfmove;    /* plies since the last capture or pawn move */
    uint32_t fullmove;    /* move number, from 1 */
    uint64_t key;         /* Zobrist key of pieces, side and castling rights */
} chess_position;

/* What unmake needs to restore. */
typedef struct chess_undo {
    uint64_t key;
    uint16_t halfmove;
    uint8_t captured, castling, ep;
} chess_undo;

/* An empty board, white to move, no rights, move 1. */
void chess_position_clear(chess_position *pos);
/* The standard start position. */
void chess_position_start(chess_position *pos);
/* Puts a piece code on an empty square (for setting up positions). */
void chess_position_put(chess_position *pos, int sq, int piece);
/* Recomputes pos->key from scratch (after setting up a position). */
uint64_t chess_position_compute_key(const chess_position *pos);

/* Plays a legal move, saving what unmake needs in *undo. */
void chess_make(chess_position *pos, chess_move m, chess_undo *undo);
/* Takes back move m played by chess_make with the same *undo. */
void chess_unmake(chess_position *pos, chess_move m, const chess_undo *undo);

/* Pieces of either colour attacking sq given occupancy occ. */
uint64_t chess_attackers_to(const chess_position *pos, int sq, uint64_t occ);
/* Square of the king of colour c (CHESS_NO_SQUARE if none). */
int chess_king_square(const chess_position *pos, int c);
/* Pieces giving check to the side to move. */
uint64_t chess_checkers(const chess_position *pos);
/* Non-zero if the side to move is in check. */
int chess_in_check(const chess_position *pos);

/* Writes the legal moves into out (room for CHESS_MAX_MOVES); returns how many. */
size_t chess_legal_moves(const chess_position *pos, chess_move *out);
/* The legal move from -> to (promo CHESS_KNIGHT..CHESS_QUEEN or 0), or
 * CHESS_MOVE_NONE. */
chess_move chess_find_move(const chess_position *pos, int from, int to, int promo);
/* Leaf positions at depth (last ply counted in bulk); depth 0 is 1. */
uint64_t chess_perft(chess_position *pos, int depth);

#endif
