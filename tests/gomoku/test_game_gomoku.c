/* test_game_gomoku.c: Gomoku through the game-agnostic game_ops table:
 * options, apply/undo, legal moves, history, check_move reasons, move text,
 * records, and the UI extras of game_gomoku.h. */
#include <stdlib.h>

#include "game_gomoku.h"
#include "tap.h"

static const game_ops *ops = &game_gomoku_ops;

static game_move at(const char *point)
{
    int x = 0, y = 0;
    gomoku_point_from_text(point, &x, &y);
    return (game_move){GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, GAME_PROMO_NONE};
}

static game *new_game(uint8_t rule, uint8_t size)
{
    game_options opt = {GAME_KIND_GOMOKU, rule, size, size};
    /* cppcheck-suppress returnDanglingLifetime ; create copies the options */
    return ops->create(&opt);
}

/* Applies a space-separated list; returns the first error. */
static game_move_error apply_all(game *g, const char *list)
{
    char word[8];
    int n;
    while (sscanf(list, " %7s%n", word, &n) == 1) {
        game_move m = at(word);
        game_move_error e = ops->apply(g, &m);
        if (e != GAME_MOVE_OK)
            return e;
        list += n;
    }
    return GAME_MOVE_OK;
}

static void test_options(void)
{
    game_options o = {GAME_KIND_GOMOKU, GAME_RULE_RENJU, 0, 0};
    TAP_INT_EQ(ops->normalize_options(&o), GAME_OK, "zero size is allowed");
    TAP_OK(o.width == 15 && o.height == 15, "default board is 15x15");
    o.width = 19;
    o.height = 0;
    TAP_INT_EQ(ops->normalize_options(&o), GAME_OK, "width only");
    TAP_INT_EQ(o.height, 19, "height follows width");
    o.height = 15;
    TAP_INT_EQ(ops->normalize_options(&o), GAME_ERR_OPTIONS, "19x15 is refused");
    o.width = o.height = 4;
    TAP_INT_EQ(ops->normalize_options(&o), GAME_ERR_OPTIONS, "4x4 is refused");
    o.width = o.height = 26;
    TAP_INT_EQ(ops->normalize_options(&o), GAME_ERR_OPTIONS, "26x26 is refused");
    o.width = o.height = 25;
    o.rule = 3;
    TAP_INT_EQ(ops->normalize_options(&o), GAME_ERR_OPTIONS, "rule 3 is refused");
    o.rule = 0;
    o.kind = GAME_KIND_CHESS;
    TAP_INT_EQ(ops->normalize_options(&o), GAME_ERR_OPTIONS, "chess options are refused");
    TAP_OK(ops->create(&o) == NULL, "create refuses bad options");
    TAP_STR_EQ(ops->name, "gomoku", "name");
    TAP_STR_EQ(ops->record_extension, "sgf", "records are SGF");
    TAP_INT_EQ(ops->kind, GAME_KIND_GOMOKU, "kind");
}

static void test_play(void)
{
    game *g = new_game(GAME_RULE_FREESTYLE, 15);
    game_move m = at("h8"), bad;
    game_move moves[300];
    game_result r;
    gomoku_point win[GOMOKU_MAX_WIN_STONES];
    TAP_OK(g != NULL, "a game is made");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_P1, "Player1 (black) starts");
    TAP_INT_EQ(ops->legal_moves(g, moves, 300), 225, "225 legal moves at the start");
    TAP_INT_EQ(ops->legal_moves(g, moves, 10), 225, "the count is whole when cap is small");
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P2, &m), GAME_MOVE_NOT_YOUR_TURN,
               "Player2 may not start");
    TAP_STR_EQ(game_move_strerror(ops->check_move(g, GAME_SIDE_P2, &m)), "not your turn",
               "reason text");
    bad = m;
    bad.from_x = 3;
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &bad), GAME_MOVE_MALFORMED,
               "a move with a from square is malformed");
    bad = m;
    bad.promotion = GAME_PROMO_QUEEN;
    TAP_INT_EQ(ops->apply(g, &bad), GAME_MOVE_MALFORMED, "a move with a promotion is malformed");
    bad = at("a1");
    bad.to_x = 15;
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &bad), GAME_MOVE_OFF_BOARD, "x = 15 is off-board");
    TAP_INT_EQ(ops->apply(g, &m), GAME_MOVE_OK, "h8 played");
    TAP_INT_EQ(ops->ply(g), 1, "ply 1");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_P2, "Player2 to move");
    TAP_INT_EQ(ops->apply(g, &m), GAME_MOVE_OCCUPIED, "h8 again is occupied");
    TAP_INT_EQ(ops->legal_moves(g, moves, 300), 224, "224 legal moves after one");
    TAP_INT_EQ(game_gomoku_at(g, 7, 7), GOMOKU_BLACK, "the board shows black on h8");
    TAP_INT_EQ(apply_all(g, "a1 i8 a2 j8 a3 k8"), GAME_MOVE_OK, "more moves");
    TAP_INT_EQ(ops->result(g).reason, GAME_END_NONE, "no result yet");
    TAP_INT_EQ(game_gomoku_win_stones(g, win, GOMOKU_MAX_WIN_STONES), 0, "no winning stones yet");
    TAP_INT_EQ(apply_all(g, "a4 l8"), GAME_MOVE_OK, "black l8 makes five");
    r = ops->result(g);
    TAP_OK(r.reason == GAME_END_FIVE && r.winner == GAME_SIDE_P1, "Player1 wins, five in a row");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_NONE, "nobody to move");
    TAP_INT_EQ(ops->legal_moves(g, moves, 300), 0, "no legal moves after the win");
    TAP_INT_EQ(apply_all(g, "a5"), GAME_MOVE_GAME_OVER, "no move after the win");
    TAP_INT_EQ(game_gomoku_win_stones(g, win, GOMOKU_MAX_WIN_STONES), 5, "five winning stones");
    TAP_INT_EQ(ops->history(g, 0, &m), 1, "history has move 0");
    TAP_OK(m.to_x == 7 && m.to_y == 7 && m.from_x == GAME_NO_SQUARE, "move 0 is h8");
    TAP_INT_EQ(ops->history(g, 9, &m), 0, "no move 9 in a 9-move game");
    TAP_INT_EQ(ops->history(g, 8, &m), 1, "move 8 exists");
    TAP_OK(m.to_x == 11 && m.to_y == 7, "move 8 is l8");
    TAP_INT_EQ(ops->undo(g), GAME_OK, "undo the winning move");
    TAP_INT_EQ(ops->result(g).reason, GAME_END_NONE, "the game goes on");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_P1, "black to move again");
    ops->reset(g);
    TAP_INT_EQ(ops->ply(g), 0, "reset: ply 0");
    TAP_INT_EQ(ops->undo(g), GAME_ERR_NOTHING, "nothing to undo");
    TAP_INT_EQ(ops->options(g)->width, 15, "options kept");
    ops->destroy(g);
}

static void test_renju(void)
{
    game *g = new_game(GAME_RULE_RENJU, 15);
    game_move moves[300], m = at("i9");
    gomoku_point pts[8];
    size_t n;
    int listed = 0;
    TAP_INT_EQ(apply_all(g, "h8 a1 j8 a3 h10 a5 j10 a7"), GAME_MOVE_OK, "renju square");
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_FORBIDDEN_DOUBLE_THREE,
               "i9 is forbidden to black");
    TAP_STR_EQ(game_move_strerror(ops->apply(g, &m)), "forbidden double-three", "apply says why");
    TAP_INT_EQ(ops->ply(g), 8, "the refused move is not played");
    n = ops->legal_moves(g, moves, 300);
    TAP_INT_EQ(n, 225 - 8 - 1, "legal moves leave out the forbidden point");
    for (size_t i = 0; i < n && i < 300; i++)
        listed |= moves[i].to_x == 8 && moves[i].to_y == 8;
    TAP_OK(!listed, "i9 is not among them");
    TAP_INT_EQ(game_gomoku_forbidden_points(g, pts, 8), 1, "one forbidden point for the UI");
    TAP_OK(pts[0].x == 8 && pts[0].y == 8, "it is i9");
    TAP_INT_EQ(ops->move_from_text(g, "i9", &m), GAME_ERR_PARSE, "i9 is no legal move as text");
    TAP_INT_EQ(apply_all(g, "b8 i9"), GAME_MOVE_OK, "white may take i9");
    TAP_INT_EQ(game_gomoku_forbidden_points(g, pts, 8), 0, "nothing forbidden then");
    TAP_OK(game_gomoku_engine(g) != NULL && gomoku_get_rule(game_gomoku_engine(g)) == GOMOKU_RENJU,
           "the engine is reachable read-only");
    ops->destroy(g);
}

static void test_text_and_record(void)
{
    game *g = new_game(GAME_RULE_STANDARD, 19);
    game *h = new_game(GAME_RULE_FREESTYLE, 15);
    game_move m;
    char buf[4096], text[8];
    game_record_info info = {NULL, NULL, "2024.01.02", "Black Player", "White Player", NULL};
    game_result resign = {GAME_END_RESIGNATION, GAME_SIDE_P1};
    sgf_record rec;
    int n;
    TAP_INT_EQ(ops->move_from_text(g, "s19", &m), GAME_OK, "s19 is a 19x19 point");
    TAP_OK(m.to_x == 18 && m.to_y == 18, "s19 is (18, 18)");
    TAP_INT_EQ(ops->move_to_text(g, &m, text, sizeof text), 3, "written back");
    TAP_STR_EQ(text, "s19", "as s19");
    TAP_INT_EQ(ops->move_to_text(g, &m, text, 3), GAME_ERR_BUFFER, "too small a buffer");
    TAP_INT_EQ(ops->move_from_text(g, "t1", &m), GAME_ERR_PARSE, "t1 is off 19x19");
    TAP_INT_EQ(ops->move_from_text(g, "h", &m), GAME_ERR_PARSE, "h is no point");
    TAP_INT_EQ(apply_all(g, "j10 k11 j11"), GAME_MOVE_OK, "three moves");
    TAP_INT_EQ(ops->move_from_text(g, "K11", &m), GAME_ERR_PARSE, "K11 is occupied");
    n = ops->write_record(g, &info, resign, buf, sizeof buf);
    TAP_OK(n > 0 && (size_t)n < sizeof buf, "record written");
    TAP_OK(strstr(buf, "GM[4]") && strstr(buf, "SZ[19]") && strstr(buf, "RU[standard]") &&
               strstr(buf, "RE[B+R]") && strstr(buf, "PB[Black Player]") &&
               strstr(buf, ";B[jj]\n;W[ki]\n;B[ji]"),
           "record has the game, the players and the resignation");
    TAP_INT_EQ(ops->write_record(g, &info, resign, buf, 8), n, "short buffer: length needed");
    ops->write_record(g, &info, resign, buf, sizeof buf);
    TAP_INT_EQ(game_gomoku_load_sgf(h, buf, (size_t)n, &rec), SGF_OK, "loaded into another game");
    TAP_INT_EQ(ops->ply(h), 3, "three moves loaded");
    TAP_OK(ops->options(h)->width == 19 && ops->options(h)->rule == GAME_RULE_STANDARD,
           "size and rule from the record");
    TAP_INT_EQ(rec.result.reason, GAME_END_RESIGNATION, "recorded resignation read back");
    TAP_INT_EQ(game_gomoku_load_sgf(h, "(;GM[1])", 8, NULL), SGF_ERR_NOT_GOMOKU,
               "a Go record is refused");
    TAP_INT_EQ(ops->ply(h), 3, "and the game is unchanged");
    ops->destroy(g);
    ops->destroy(h);
}

int main(void)
{
    tap_diag("Gomoku through game_ops");
    TAP_STR_EQ(game_gomoku_ops.side_names[0], "black", "Player1 plays black");
    TAP_STR_EQ(game_gomoku_ops.side_names[1], "white", "Player2 plays white");
    test_options();
    test_play();
    test_renju();
    test_text_and_record();
    return tap_done();
}
