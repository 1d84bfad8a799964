/* board_view.h: what a board shows, as plain data: the contents of every
 * cell plus its highlights. board_model.c fills it from a game (through
 * game_ops and the games' own headers) and the UI's selection; the Gomoku
 * and chess views draw it. Drawing needs no game state, so the renderer is
 * tested with hand-made views too.
 */
#ifndef MATCHBOARD_UI_BOARD_VIEW_H
#define MATCHBOARD_UI_BOARD_VIEW_H

#include <stdint.h>

#include "game.h"

enum { BOARD_VIEW_MAX = 25 }; /* the largest Gomoku board */

/* Highlights of a cell (bits of board_view.mark). */
enum {
    MARK_LAST = 1 << 0,      /* the last move's stone / target square */
    MARK_LAST_FROM = 1 << 1, /* chess: the last move's origin */
    MARK_WIN = 1 << 2,       /* Gomoku: a stone of the winning line */
    MARK_FORBIDDEN = 1 << 3, /* Renju: black may not play here now */
    MARK_LEGAL = 1 << 4,     /* chess: the selected piece may go here */
    MARK_SELECTED = 1 << 5,  /* chess: the selected piece */
    MARK_CHECK = 1 << 6,     /* chess: a king in check */
    MARK_PROPOSAL = 1 << 7,  /* Gomoku opening: a proposed fifth move */
    MARK_PREMOVE = 1 << 7,   /* chess: the premove's squares (the same bit) */
};

typedef struct board_view {
    game_kind kind;
    int cols, rows;
    /* [y][x] in game.h coordinates. Gomoku: a game_side (0 empty). Chess:
     * a FEN letter ("KQRBNP" white, "kqrbnp" black) or 0. */
    uint8_t cell[BOARD_VIEW_MAX][BOARD_VIEW_MAX];
    uint8_t mark[BOARD_VIEW_MAX][BOARD_VIEW_MAX];
    /* Gomoku: the stone a click would place (hover_side 0: none). */
    int hover_x, hover_y;
    game_side hover_side;
    /* Chess drag and drop: the piece follows the pointer. */
    int dragging;
    int drag_x, drag_y;   /* the square it was lifted from */
    int drag_px, drag_py; /* pointer, drawable pixels */
    /* Chess promotion chooser, open over the target square. */
    int promo_open;
    int promo_x, promo_y;
    game_side promo_side;
} board_view;

/* An empty view of a cols x rows board of `kind` (nothing hovered). */
void board_view_clear(board_view *v, game_kind kind, int cols, int rows);

#endif
