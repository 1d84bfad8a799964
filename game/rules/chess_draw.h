/* chess_draw.h: game status: checkmate, stalemate and the draw rules. */
#ifndef MATCHBOARD_CHESS_DRAW_H
#define MATCHBOARD_CHESS_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "chess.h"

typedef enum chess_status {
    CHESS_STATUS_ONGOING = 0,
    CHESS_STATUS_CHECKMATE,    /* the side to move is mated */
    CHESS_STATUS_STALEMATE,    /* no legal move, not in check */
    CHESS_STATUS_INSUFFICIENT, /* no mate possible by any series of moves */
    CHESS_STATUS_FIVEFOLD,     /* same position the fifth time (automatic draw) */
    CHESS_STATUS_SEVENTYFIVE,  /* 75 moves each without capture or pawn move */
    CHESS_STATUS_THREEFOLD,    /* same position the third time (claimable) */
    CHESS_STATUS_FIFTY,        /* 50 moves each without capture or pawn move */
} chess_status;

/* Readable text: "checkmate", "draw by threefold repetition". */
const char *chess_status_str(chess_status s);

/* Non-zero if neither side can ever mate: K v K, K+minor v K, and kings
 * with bishops only, all on squares of one colour (K+B v K+B alike). */
int chess_insufficient_material(const chess_position *pos);

/* The key positions are compared by for repetition: pos->key plus the
 * en-passant file only when an en-passant capture is legal. */
uint64_t chess_repetition_key(const chess_position *pos);

/* How many times the last key of keys[0..n-1] (one per position of the game,
 * in order, from chess_repetition_key) occurs among the positions since
 * the last irreversible move, halfmove plies back. */
int chess_repetition_count(const uint64_t *keys, size_t n, unsigned halfmove);

/* The status of pos, the last position of a game whose repetition keys are
 * keys[0..n-1] (n == 0: no history, repetition not checked). Checkmate and
 * stalemate come first, then insufficient material, the automatic draws
 * (fivefold, seventy-five moves), then the claimable ones (threefold,
 * fifty moves). */
chess_status chess_position_status(const chess_position *pos, const uint64_t *keys, size_t n);

#endif
