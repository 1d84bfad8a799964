/* game_gomoku.h: what the UI needs of a Gomoku game beyond game_ops.
 *
 * Every function here takes a game made by game_gomoku_ops.create (a game
 * of any other kind is a caller bug).
 */
#ifndef MATCHBOARD_GAME_GOMOKU_H
#define MATCHBOARD_GAME_GOMOKU_H

#include <stddef.h>

#include "game.h"
#include "gomoku.h"
#include "sgf.h"

/* The rules engine inside the game, read-only (board, status, history). */
const gomoku *game_gomoku_engine(const game *g);

/* The rules engine inside the game, to change: for the opening rules
 * (gomoku_opening.h), which put the stones of the opening themselves. */
gomoku *game_gomoku_engine_rw(game *g);

/* The stone on (x, y) (GOMOKU_WALL off the board). */
gomoku_stone game_gomoku_at(const game *g, int x, int y);

/* The stones of the winning line(s) once a side has won five: copies up
 * to cap and returns how many there are (0 while nobody has won). */
size_t game_gomoku_win_stones(const game *g, gomoku_point *out, size_t cap);

/* The points where black may not play now (Renju only, while the game
 * goes on, whoever is to move): copies up to cap and returns how many. */
size_t game_gomoku_forbidden_points(const game *g, gomoku_point *out, size_t cap);

/* Replaces the game by the SGF record's (board size and rule from the
 * record). On any error the game is left unchanged and *rec (if not NULL)
 * says where; on success *rec holds the players and recorded result. */
sgf_error game_gomoku_load_sgf(game *g, const char *text, size_t len, sgf_record *rec);

#endif
