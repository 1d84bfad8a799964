/* test_board_model.c: ui/board_model.c, the board_view filled from a real
 * game: pieces and stones, the last move, a king in check, the selected
 * piece's legal squares, the winning five, Renju's forbidden points; which
 * pieces may be picked up; moves found by their squares, promotions
 * flagged for the chooser. */
#include <string.h>

#include "board_model.h"
#include "tap.h"

/* A new game of `name` with moves (SAN or points, space-separated) played. */
static game *play(const game_ops *ops, game_rule rule, const char *moves)
{
    game_options o = {ops->kind, rule, 0, 0};
    char buf[256];
    ops->normalize_options(&o);
    game *g = ops->create(&o);
    snprintf(buf, sizeof buf, "%s", moves);
    for (char *tok = strtok(buf, " "); g && tok; tok = strtok(NULL, " ")) {
        game_move m;
        if (ops->move_from_text(g, tok, &m) != GAME_OK || ops->apply(g, &m) != GAME_MOVE_OK) {
            tap_diag("cannot play %s", tok);
            break;
        }
    }
    return g;
}

static void test_chess(void)
{
    const game_ops *ops = game_ops_by_name("chess");
    board_view v;
    game_move m;
    game *g = play(ops, GAME_RULE_FREESTYLE, "e4");
    board_view_clear(&v, GAME_KIND_NONE, 1, 1);
    v.hover_x = 3;
    board_model_fill(&v, ops, g, 6, 7);
    TAP_OK(v.kind == GAME_KIND_CHESS && v.cols == 8 && v.rows == 8, "chess: an 8x8 board");
    TAP_INT_EQ(v.cell[0][4], 'K', "chess: the white king on e1");
    TAP_INT_EQ(v.cell[7][3], 'q', "chess: the black queen on d8");
    TAP_INT_EQ(v.cell[3][4], 'P', "chess: the pawn on e4");
    TAP_INT_EQ(v.cell[1][4], 0, "chess: e2 empty");
    TAP_OK(v.mark[3][4] & MARK_LAST, "chess: e4 marked as the last move");
    TAP_OK(v.mark[1][4] & MARK_LAST_FROM, "chess: e2 as where it came from");
    TAP_OK(v.mark[7][6] & MARK_SELECTED, "chess: g8 selected");
    TAP_OK((v.mark[5][5] & MARK_LEGAL) && (v.mark[5][7] & MARK_LEGAL) &&
               !(v.mark[5][6] & MARK_LEGAL),
           "chess: f6 and h6 legal for the knight (black to move), g6 not");
    TAP_INT_EQ(v.hover_x, 3, "chess: the hover is kept");
    TAP_OK(board_model_own_piece(ops, g, GAME_SIDE_P2, 4, 6), "chess: e7 is black's");
    TAP_OK(!board_model_own_piece(ops, g, GAME_SIDE_P1, 4, 6), "chess: not white's");
    TAP_OK(!board_model_own_piece(ops, g, GAME_SIDE_P1, 4, 4), "chess: nothing on e5");
    TAP_INT_EQ(board_model_find_move(ops, g, 4, 6, 4, 4, &m), 1, "chess: e7e5 found");
    TAP_OK(m.from_x == 4 && m.to_y == 4 && m.promotion == GAME_PROMO_NONE, "chess: as it is");
    TAP_INT_EQ(board_model_find_move(ops, g, 4, 6, 4, 3, &m), 0, "chess: e7e4 is none");
    ops->destroy(g);

    g = play(ops, GAME_RULE_FREESTYLE, "f3 e5 g4 Qh4");
    board_model_fill(&v, ops, g, -1, -1);
    TAP_OK(v.mark[0][4] & MARK_CHECK, "chess: the mated king marked in check");
    ops->destroy(g);

    g = play(ops, GAME_RULE_FREESTYLE, "h4 g5 hxg5 h6 gxh6 Bg7 hxg7 Nf6");
    TAP_INT_EQ(board_model_find_move(ops, g, 6, 6, 7, 7, &m), 2,
               "chess: gxh8 is a promotion (the chooser asks)");
    TAP_INT_EQ(m.promotion, GAME_PROMO_NONE, "chess: with no piece chosen");
    ops->destroy(g);
}

static void test_gomoku(void)
{
    const game_ops *ops = game_ops_by_name("gomoku");
    board_view v;
    game_move m;
    board_view_clear(&v, GAME_KIND_NONE, 1, 1);
    game *g = play(ops, GAME_RULE_RENJU, "h8 h9 i8 i9 j8 j9 k8 k9 l8");
    board_model_fill(&v, ops, g, -1, -1);
    TAP_OK(v.kind == GAME_KIND_GOMOKU && v.cols == 15 && v.rows == 15, "gomoku: 15x15");
    TAP_INT_EQ(v.cell[7][7], GAME_SIDE_P1, "gomoku: h8 black");
    TAP_INT_EQ(v.cell[8][7], GAME_SIDE_P2, "gomoku: h9 white");
    int five = 0;
    for (int x = 7; x <= 11; x++)
        five += (v.mark[7][x] & MARK_WIN) != 0;
    TAP_INT_EQ(five, 5, "gomoku: the winning five marked");
    TAP_OK(!(v.mark[8][7] & MARK_WIN), "gomoku: and no other stone");
    TAP_OK(!board_model_own_piece(ops, g, GAME_SIDE_P1, 7, 7), "gomoku: no piece to pick up");
    ops->destroy(g);

    /* black to move with g8 h8 and i9 i10: i8 is a double three */
    g = play(ops, GAME_RULE_RENJU, "g8 a1 h8 o1 i9 a15 i10 o15");
    board_model_fill(&v, ops, g, -1, -1);
    TAP_OK(v.mark[7][8] & MARK_FORBIDDEN, "gomoku: i8 forbidden to black (double three)");
    TAP_OK(!(v.mark[7][9] & MARK_FORBIDDEN), "gomoku: j8 is not");
    TAP_INT_EQ(board_model_find_move(ops, g, GAME_NO_SQUARE, GAME_NO_SQUARE, 9, 7, &m), 1,
               "gomoku: j8 found among the legal moves");
    ops->destroy(g);
    g = play(ops, GAME_RULE_RENJU, "g8 a1 h8 o1 i9 a15 i10");
    board_model_fill(&v, ops, g, -1, -1);
    TAP_OK(!(v.mark[7][8] & MARK_FORBIDDEN), "gomoku: nothing forbidden on white's turn");
    ops->destroy(g);
}

int main(void)
{
    test_chess();
    test_gomoku();
    return tap_done();
}
