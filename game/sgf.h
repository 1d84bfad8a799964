/* sgf.h: Gomoku game records in SGF (FF[4] GM[4]).
 *
 * Written: (;FF[4]GM[4]CA[UTF-8]AP[..]SZ[n]RU[rule]PB[..]PW[..]ON[..]RE[..]
 * ;B[hh];W[ii]...). SGF points are the column letter from the left and the
 * row letter from the TOP ("aa" is the top-left corner, a15 on 15x15);
 * matchboard's y counts from the bottom, so the row letter is size-1-y.
 *
 * Read: the main line of the first game tree (the first variation at each
 * branch), whitespace anywhere between tokens, escaped "]" and "\" in
 * values, unknown properties ignored; setup stones (AB, AW, PL) in the
 * root node. Every move is replayed through the rules; the first one they
 * refuse is reported by number. Malformed input is an error, never a crash.
 */
#ifndef MATCHBOARD_SGF_H
#define MATCHBOARD_SGF_H

#include <stddef.h>

#include "game.h"
#include "gomoku.h"

enum { SGF_TEXT_MAX = 128 }; /* bytes kept of a text value, NUL included */

typedef enum sgf_error {
    SGF_OK = 0,
    SGF_ERR_SYNTAX = -1,      /* not SGF: unbalanced (), unterminated [] */
    SGF_ERR_NOT_GOMOKU = -2,  /* GM other than 4 */
    SGF_ERR_SIZE = -3,        /* SZ not a square board of 5..25 */
    SGF_ERR_RULE = -4,        /* RU not freestyle, standard or renju */
    SGF_ERR_POINT = -5,       /* a move or stone that is not two letters */
    SGF_ERR_ILLEGAL = -6,     /* a move the rules refuse (see bad_move) */
    SGF_ERR_UNSUPPORTED = -7, /* setup after the first move, point lists */
    SGF_ERR_BUFFER = -8,      /* sgf_write: buffer too small */
} sgf_error;

/* "SGF syntax error", "not a Gomoku record (GM is not 4)", ... */
const char *sgf_strerror(sgf_error e);

/* A record read by sgf_read. */
typedef struct sgf_record {
    gomoku game;                    /* replayed up to (not including) the bad move */
    char black[SGF_TEXT_MAX];       /* PB, "" if absent */
    char white[SGF_TEXT_MAX];       /* PW */
    char result_text[SGF_TEXT_MAX]; /* RE as written */
    char opening[SGF_TEXT_MAX];     /* ON (the opening rule, as matchboard writes it) */
    game_result result;             /* RE understood; reason NONE if absent/unknown */
    /* On error: where. bad_move is the 1-based number of the move that is
     * malformed (SGF_ERR_POINT) or refused (SGF_ERR_ILLEGAL, with verdict
     * and point set), else 0; offset is the byte where reading stopped. */
    int bad_move;
    gomoku_verdict verdict;
    gomoku_point point;
    size_t offset;
} sgf_record;

/* Reads and replays the SGF text of len bytes (need not end in NUL). */
sgf_error sgf_read(const char *text, size_t len, sgf_record *out);

/* Writes game g as SGF into buf, snprintf-style: returns the length the
 * whole record needs, excluding the NUL (truncated output is still NUL-
 * terminated if cap > 0). `final` is the result to record; if its reason is
 * GAME_END_NONE the rules' own result is used, and an unfinished game gets
 * no RE. info may be NULL. */
int sgf_write(const gomoku *g, const game_record_info *info, game_result final, char *buf,
              size_t cap);

/* The SGF RE value of a result: "B+", "W+R", "B+T", "W+F", "Draw",
 * "Void", or NULL for an unfinished game. Writes into buf (>= 8 bytes). */
const char *sgf_result_text(game_result r, char *buf, size_t cap);

#endif
