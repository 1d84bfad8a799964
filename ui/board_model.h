/* board_model.h: fills a board_view from a game: the contents of the cells
 * (through game_gomoku.h / game_chess.h), the last move, the winning five,
 * Renju forbidden points on black's turn, a king in check, and the selected
 * piece with its legal squares. */
#ifndef MATCHBOARD_UI_BOARD_MODEL_H
#define MATCHBOARD_UI_BOARD_MODEL_H

#include "board_view.h"
#include "game.h"

/* Rebuilds v's cells and marks from g (hover, drag and promotion fields
 * are kept). sel_x/sel_y: the selected chess piece, or -1. */
void board_model_fill(board_view *v, const game_ops *ops, const game *g, int sel_x, int sel_y);

/* True when (x, y) holds a piece of `side` (chess) that could be picked up. */
int board_model_own_piece(const game_ops *ops, const game *g, game_side side, int x, int y);

/* Finds the legal move from (fx, fy) to (tx, ty) for the side to move:
 * 1 and *out (promotion left NONE), 2 when it is a promotion (the chooser
 * must ask which piece), 0 when there is none. */
int board_model_find_move(const game_ops *ops, const game *g, int fx, int fy, int tx, int ty,
                          game_move *out);

#endif
