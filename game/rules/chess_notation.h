/* chess_notation.h: moves as SAN ("Nbd7", "exd8=Q#", "O-O") and UCI
 * long algebraic ("e2e4", "e7e8q"). */
#ifndef MATCHBOARD_CHESS_NOTATION_H
#define MATCHBOARD_CHESS_NOTATION_H

#include <stddef.h>

#include "chess.h"

/* Room for any SAN or UCI text with its NUL. */
#define CHESS_MOVE_TEXT_MAX 12

typedef enum chess_notation_error {
    CHESS_NOTATION_OK = 0,
    CHESS_NOTATION_SYNTAX,    /* not a move in SAN or UCI */
    CHESS_NOTATION_ILLEGAL,   /* well formed, but no legal move matches */
    CHESS_NOTATION_AMBIGUOUS, /* SAN matching more than one legal move */
} chess_notation_error;

/* Readable text: "ambiguous move". */
const char *chess_notation_strerror(chess_notation_error e);

/* Square name ("e4") into buf[3]. */
void chess_square_name(int sq, char *buf);

/* The SAN of legal move m in pos, with + or #; returns its length. buf
 * needs CHESS_MOVE_TEXT_MAX bytes. */
int chess_move_to_san(const chess_position *pos, chess_move m, char *buf);
/* The UCI text of m ("e7e8q"); returns its length. buf needs
 * CHESS_MOVE_TEXT_MAX bytes. */
int chess_move_to_uci(chess_move m, char *buf);

/* Reads SAN for the side to move, tolerantly: 0-0 and O-O, e8Q and e8=Q
 * and e8=(Q), x optional, trailing + # ! ? ignored, a leading P allowed. */
chess_notation_error chess_move_from_san(const chess_position *pos, const char *text,
                                         chess_move *out);
/* Reads UCI ("e2e4", "e7e8q"; castling as the king's move "e1g1"). */
chess_notation_error chess_move_from_uci(const chess_position *pos, const char *text,
                                         chess_move *out);
/* Reads either: UCI if the text has the UCI shape, else SAN. */
chess_notation_error chess_move_from_text(const chess_position *pos, const char *text,
                                          chess_move *out);

#endif
