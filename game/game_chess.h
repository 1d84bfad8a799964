/* game_chess.h: chess as a game_ops game (game_chess_ops), plus what the UI,
 * the PGN reader and the tools need beyond game_ops.
 *
 * game_move coordinates: x is the file (a = 0), y the rank (1 = 0); the
 * promotion codes are game_promotion's (1 knight .. 4 queen). Move text is
 * SAN; move_from_text takes SAN or UCI; write_record writes PGN.
 * The functions below take a game made by game_chess_ops or
 * game_chess_create_fen, never another game's.
 */
#ifndef MATCHBOARD_GAME_CHESS_H
#define MATCHBOARD_GAME_CHESS_H

#include <stddef.h>

#include "game.h"
#include "chess.h"
#include "chess_draw.h"
#include "chess_fen.h"

/* A chess game starting from a FEN. NULL on a bad FEN (*err says which
 * field) or no memory (*err CHESS_FEN_OK); err may be NULL. */
game *game_chess_create_fen(const char *fen, chess_fen_error *err);

/* The piece on file x, rank y as its FEN letter ('P', 'n', ...), 0 if empty
 * or off the board. */
char game_chess_piece_at(const game *g, int x, int y);

/* 1 and the king's square if the side to move is in check, else 0. */
int game_chess_check_square(const game *g, int *x, int *y);

/* FEN of the current (or starting) position; returns its length or -1 if
 * cap is too small (CHESS_FEN_MAX always fits). */
int game_chess_fen(const game *g, char *buf, size_t cap);
int game_chess_start_fen(const game *g, char *buf, size_t cap);

/* The detailed status: which draw rule, or fivefold against threefold. */
chess_status game_chess_status(const game *g);

/* The current position and the one the game started from. */
const chess_position *game_chess_position(const game *g);
const chess_position *game_chess_start_position(const game *g);

/* The idx-th move played (rules encoding), CHESS_MOVE_NONE past the end. */
chess_move game_chess_history_move(const game *g, uint32_t idx);

/* Converts between the rules' move and game_move. */
void game_chess_move_to_game(chess_move m, game_move *out);

#endif
