/* chess_fen.h: Forsyth-Edwards Notation in and out, strictly validated. */
#ifndef MATCHBOARD_CHESS_FEN_H
#define MATCHBOARD_CHESS_FEN_H

#include <stddef.h>

#include "chess.h"

/* The standard start position. */
#define CHESS_FEN_START "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"

/* Room for any FEN chess_fen_write produces, with its NUL. */
#define CHESS_FEN_MAX 100

/* Why a FEN was refused; chess_fen_strerror names the field. */
typedef enum chess_fen_error {
    CHESS_FEN_OK = 0,
    CHESS_FEN_FIELDS,               /* not 4 or 6 space-separated fields */
    CHESS_FEN_PLACEMENT_CHAR,       /* a character that is no piece, digit or '/' */
    CHESS_FEN_PLACEMENT_RANKS,      /* not 8 ranks */
    CHESS_FEN_PLACEMENT_FILES,      /* a rank not of 8 squares */
    CHESS_FEN_KINGS,                /* not exactly one king per side */
    CHESS_FEN_PAWN_RANK,            /* a pawn on the first or last rank */
    CHESS_FEN_TOO_MANY,             /* more than 16 pieces or 8 pawns for a side */
    CHESS_FEN_SIDE,                 /* side to move not "w" or "b" */
    CHESS_FEN_NOT_TO_MOVE_IN_CHECK, /* the side not to move is in check */
    CHESS_FEN_TOO_MANY_CHECKERS,    /* side to move in check by 3 or more */
    CHESS_FEN_CASTLING_SYNTAX,      /* castling field not "-" or of KQkq */
    CHESS_FEN_CASTLING_PIECES,      /* a right without king and rook at home */
    CHESS_FEN_EP_SYNTAX,            /* en-passant field not "-" or a square */
    CHESS_FEN_EP_IMPOSSIBLE,        /* no double pawn push could have made it */
    CHESS_FEN_HALFMOVE, /* half-move clock not a number 0..65535, or not 0 after a double push */
    CHESS_FEN_FULLMOVE, /* full-move number not a number 1..999999 */
} chess_fen_error;

/* Readable text naming the field, e.g. "FEN castling: K without king and rook at home". */
const char *chess_fen_strerror(chess_fen_error e);

/* Reads a FEN into *pos. On error *pos is unspecified. Four fields
 * (without the clocks) mean half-move 0, move 1. */
chess_fen_error chess_fen_parse(chess_position *pos, const char *fen);

/* Writes the FEN of pos into buf (cap >= CHESS_FEN_MAX is always enough);
 * returns its length, or -1 if it does not fit. */
int chess_fen_write(const chess_position *pos, char *buf, size_t cap);

#endif
