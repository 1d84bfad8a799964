/* pgn.h: chess game records in Portable Game Notation, out and in.
 *
 * Export writes the Seven Tag Roster plus Termination (and SetUp/FEN for a
 * game that did not start from the standard position), SAN movetext with
 * move numbers, wrapped at 80 columns, and the result. Import reads files of
 * one or more games: tags, SAN moves (UCI accepted too), comments {...} and
 * ;..., NAGs $n, annotation marks, variations (...) skipped, move numbers
 * "12." and "12...", and the FEN/SetUp tags. Every move is checked by the
 * rules; the first bad one is reported with its game and move number.
 */
#ifndef MATCHBOARD_PGN_H
#define MATCHBOARD_PGN_H

#include <stddef.h>

#include "game.h"

/* Writes chess game g as PGN into buf; snprintf-style: returns the length
 * needed (excluding the NUL) or a negative game_error. `final` is the
 * result to record (it may come from outside the rules: resignation...). */
int pgn_write(const game *g, const game_record_info *info, game_result final, char *buf,
              size_t cap);

typedef struct pgn_tag {
    char *name, *value;
} pgn_tag;

/* One game read from PGN. */
typedef struct pgn_game {
    pgn_tag *tags;
    size_t tag_count;
    game *game;     /* a chess game with every move played */
    char result[8]; /* the movetext's result token ("1-0", "*"...), "" if none */
} pgn_game;

/* Where and why reading failed. */
typedef struct pgn_error {
    game_error code;      /* GAME_ERR_PARSE, GAME_ERR_ILLEGAL or GAME_ERR_NOMEM */
    unsigned game_number; /* 1 for the file's first game */
    unsigned move_number; /* full-move number of the bad move, 0 if no move */
    int black;            /* 1 if the bad move was black's */
    unsigned line;        /* line of the text, from 1 */
    char message[192];    /* "game 2, move 14...: Nf6: illegal move" */
} pgn_error;

typedef struct pgn_reader {
    const char *text;
    size_t len, pos;
    unsigned line, game_number;
} pgn_reader;

/* Starts reading text[0..len-1] (need not be NUL-terminated). */
void pgn_reader_init(pgn_reader *r, const char *text, size_t len);

/* Reads the next game into *out: returns 1 when a game was read, 0 at the
 * end of the text, or a negative game_error with *err filled in. After an
 * error the reader has skipped to the end of that game, so reading the next
 * one may go on. Free a game read with pgn_game_free. */
int pgn_read_game(pgn_reader *r, pgn_game *out, pgn_error *err);

void pgn_game_free(pgn_game *pg);

/* The value of tag `name`, or NULL. */
const char *pgn_tag_value(const pgn_game *pg, const char *name);

#endif
