/* board_model.c: see board_model.h. */
#include <string.h>

#include "board_model.h"
#include "game_chess.h"
#include "game_gomoku.h"

enum { MAX_POINTS = BOARD_VIEW_MAX * BOARD_VIEW_MAX, MAX_MOVES = 256 };

static void mark(board_view *v, int x, int y, uint8_t bits)
{
    if (x >= 0 && y >= 0 && x < v->cols && y < v->rows)
        v->mark[y][x] |= bits;
}

static void fill_gomoku(board_view *v, const game *g)
{
    for (int y = 0; y < v->rows; y++)
        for (int x = 0; x < v->cols; x++) {
            gomoku_stone s = game_gomoku_at(g, x, y);
            v->cell[y][x] = s == GOMOKU_BLACK ? GAME_SIDE_P1 : s == GOMOKU_WHITE ? GAME_SIDE_P2 : 0;
        }
    gomoku_point pts[MAX_POINTS];
    size_t n = game_gomoku_win_stones(g, pts, MAX_POINTS);
    for (size_t i = 0; i < n && i < MAX_POINTS; i++)
        mark(v, pts[i].x, pts[i].y, MARK_WIN);
    if (game_gomoku_ops.to_move(g) == GAME_SIDE_P1) {
        n = game_gomoku_forbidden_points(g, pts, MAX_POINTS);
        for (size_t i = 0; i < n && i < MAX_POINTS; i++)
            mark(v, pts[i].x, pts[i].y, MARK_FORBIDDEN);
    }
}

static void fill_chess(board_view *v, const game_ops *ops, const game *g, int sel_x, int sel_y)
{
    for (int y = 0; y < v->rows; y++)
        for (int x = 0; x < v->cols; x++)
            v->cell[y][x] = (uint8_t)game_chess_piece_at(g, x, y);
    int kx, ky;
    if (game_chess_check_square(g, &kx, &ky))
        mark(v, kx, ky, MARK_CHECK);
    if (sel_x < 0 || sel_y < 0)
        return;
    mark(v, sel_x, sel_y, MARK_SELECTED);
    game_move moves[MAX_MOVES];
    size_t n = ops->legal_moves(g, moves, MAX_MOVES);
    for (size_t i = 0; i < n && i < MAX_MOVES; i++)
        if (moves[i].from_x == sel_x && moves[i].from_y == sel_y)
            mark(v, moves[i].to_x, moves[i].to_y, MARK_LEGAL);
}

void board_model_fill(board_view *v, const game_ops *ops, const game *g, int sel_x, int sel_y)
{
    const game_options *opt = ops->options(g);
    /* Only the game's part is rebuilt; hover, drag and promotion stay. */
    v->kind = ops->kind;
    v->cols = opt->width < BOARD_VIEW_MAX ? opt->width : BOARD_VIEW_MAX;
    v->rows = opt->height < BOARD_VIEW_MAX ? opt->height : BOARD_VIEW_MAX;
    memset(v->cell, 0, sizeof v->cell);
    memset(v->mark, 0, sizeof v->mark);
    uint32_t ply = ops->ply(g);
    game_move last;
    if (ply > 0 && ops->history(g, ply - 1, &last)) {
        mark(v, last.to_x, last.to_y, MARK_LAST);
        if (last.from_x != GAME_NO_SQUARE)
            mark(v, last.from_x, last.from_y, MARK_LAST_FROM);
    }
    if (ops->kind == GAME_KIND_GOMOKU)
        fill_gomoku(v, g);
    else if (ops->kind == GAME_KIND_CHESS)
        fill_chess(v, ops, g, sel_x, sel_y);
}

int board_model_own_piece(const game_ops *ops, const game *g, game_side side, int x, int y)
{
    if (ops->kind != GAME_KIND_CHESS)
        return 0;
    char p = game_chess_piece_at(g, x, y);
    if (!p)
        return 0;
    int white = p >= 'A' && p <= 'Z';
    return side == (white ? GAME_SIDE_P1 : GAME_SIDE_P2);
}

int board_model_find_move(const game_ops *ops, const game *g, int fx, int fy, int tx, int ty,
                          game_move *out)
{
    game_move moves[MAX_MOVES];
    size_t n = ops->legal_moves(g, moves, MAX_MOVES);
    for (size_t i = 0; i < n && i < MAX_MOVES; i++)
        if (moves[i].from_x == fx && moves[i].from_y == fy && moves[i].to_x == tx &&
            moves[i].to_y == ty) {
            *out = moves[i];
            if (moves[i].promotion != GAME_PROMO_NONE) {
                out->promotion = GAME_PROMO_NONE;
                return 2;
            }
            return 1;
        }
    return 0;
}
