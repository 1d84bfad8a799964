/* test_gomoku_rules.c: the Gomoku engine: wins in every direction and
 * against every edge under each rule, overlines, turns, undo, sizes, the
 * full-board draw and point text. Renju forbidden moves: test_renju.c. */
#include "board_util.h"
#include "tap.h"

/* White's spare moves while black builds a line: scattered, never five. */
static const char *const spare[] = {"c13", "f14", "j12", "m14", "n10", "b9",
                                    "e3",  "l4",  "h2",  "o8",  "c6",  "k7"};

static int on_points(int x, int y, const int *xs, const int *ys, int n)
{
    for (int i = 0; i < n; i++)
        if (xs[i] == x && ys[i] == y)
            return 1;
    return 0;
}

/* Black plays the points (xs, ys) in order, white a spare point off the
 * line after each but the last. Returns the verdict of the last move. */
static gomoku_verdict build(gomoku *g, const int *xs, const int *ys, int n)
{
    int next = 0;
    for (int i = 0; i < n; i++) {
        gomoku_verdict v = gomoku_play(g, xs[i], ys[i]);
        if (v != GOMOKU_OK || i == n - 1)
            return v;
        for (;; next++) {
            int x, y;
            gomoku_point_from_text(spare[next], &x, &y);
            if (!on_points(x, y, xs, ys, n) && gomoku_at(g, x, y) == GOMOKU_EMPTY &&
                gomoku_play(g, x, y) == GOMOKU_OK) {
                next++;
                break;
            }
        }
    }
    return GOMOKU_OK;
}

static void test_lines(void)
{
    /* start, step: each line of five touches the edge. */
    static const struct {
        const char *name;
        int x, y, dx, dy;
    } lines[] = {
        {"row along the bottom edge from a1", 0, 0, 1, 0},
        {"row along the top edge to o15", 10, 14, 1, 0},
        {"column along the left edge to a15", 0, 10, 0, 1},
        {"column along the right edge from o1", 14, 0, 0, 1},
        {"diagonal from a1", 0, 0, 1, 1},
        {"diagonal to o15", 10, 10, 1, 1},
        {"anti-diagonal from a15", 0, 14, 1, -1},
        {"anti-diagonal from o1", 14, 0, -1, 1},
        {"row in the middle", 5, 7, 1, 0},
    };
    for (int rule = 0; rule < 3; rule++) {
        for (size_t l = 0; l < sizeof lines / sizeof lines[0]; l++) {
            for (int last = 0; last < 5; last += 2) { /* the winning stone: end or middle */
                gomoku g;
                int xs[5], ys[5], k = 0;
                gomoku_point won[GOMOKU_MAX_WIN_STONES];
                size_t nwon;
                int all_on_line = 1;
                for (int i = 0; i < 5; i++) {
                    int j = (i + last + 1) % 5; /* stone `last` is played last */
                    xs[k] = lines[l].x + j * lines[l].dx;
                    ys[k++] = lines[l].y + j * lines[l].dy;
                }
                gomoku_init(&g, 15, (gomoku_rule)rule);
                TAP_INT_EQ(build(&g, xs, ys, 5), GOMOKU_OK, "%s: %s, stone %d last, played",
                           gomoku_rule_name((gomoku_rule)rule), lines[l].name, last);
                TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_BLACK_WON,
                           "%s: %s, stone %d last: black wins", gomoku_rule_name((gomoku_rule)rule),
                           lines[l].name, last);
                nwon = gomoku_win_stones(&g, won, GOMOKU_MAX_WIN_STONES);
                for (size_t i = 0; i < nwon; i++)
                    all_on_line &= on_points(won[i].x, won[i].y, xs, ys, 5);
                TAP_OK(nwon == 5 && all_on_line, "%s: %s: the five stones are reported",
                       gomoku_rule_name((gomoku_rule)rule), lines[l].name);
            }
        }
    }
}

static void test_white_line_and_four(void)
{
    gomoku g;
    gomoku_init(&g, 15, GOMOKU_FREESTYLE);
    TAP_INT_EQ(play_list(&g, "a1 h8 a2 h9 a3 h10 a4 h11"), GOMOKU_OK, "white builds a four");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_PLAYING, "four in a row is not a win");
    TAP_INT_EQ(play_list(&g, "c3 h12"), GOMOKU_OK, "white plays h12");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_WHITE_WON, "white wins with five");
    TAP_INT_EQ(gomoku_to_move(&g), GOMOKU_EMPTY, "nobody to move after a win");
    TAP_INT_EQ(play_list(&g, "a5"), GOMOKU_GAME_OVER, "no move after the game is won");
}

/* Black X X X . X X and white likewise: filling the gap makes six. */
static void test_overline(void)
{
    static const struct {
        gomoku_rule rule;
        gomoku_verdict black_move;
        gomoku_status after_black, after_white;
    } cases[] = {
        {GOMOKU_FREESTYLE, GOMOKU_OK, GOMOKU_BLACK_WON, GOMOKU_WHITE_WON},
        {GOMOKU_STANDARD, GOMOKU_OK, GOMOKU_PLAYING, GOMOKU_PLAYING},
        {GOMOKU_RENJU, GOMOKU_OVERLINE, GOMOKU_PLAYING, GOMOKU_WHITE_WON},
    };
    for (size_t i = 0; i < 3; i++) {
        gomoku g;
        const char *rn = gomoku_rule_name(cases[i].rule);
        gomoku_point won[GOMOKU_MAX_WIN_STONES];
        gomoku_init(&g, 15, cases[i].rule);
        stones(&g, GOMOKU_BLACK, "c3 d3 e3 g3 h3");
        stones(&g, GOMOKU_WHITE, "c10 d10 e10 g10 h10");
        TAP_INT_EQ(play_list(&g, "f3"), cases[i].black_move, "%s: black's six", rn);
        TAP_INT_EQ(gomoku_get_status(&g), cases[i].after_black, "%s: after black's six", rn);
        if (cases[i].rule == GOMOKU_FREESTYLE) {
            TAP_INT_EQ(gomoku_win_stones(&g, won, GOMOKU_MAX_WIN_STONES), 6,
                       "freestyle: all six stones of the overline are reported");
            continue;
        }
        if (cases[i].black_move != GOMOKU_OK) {
            TAP_INT_EQ(gomoku_at(&g, 5, 2), GOMOKU_EMPTY, "%s: a refused move leaves no stone", rn);
            TAP_INT_EQ(gomoku_to_move(&g), GOMOKU_BLACK, "%s: still black to move", rn);
            play_list(&g, "a1");
        }
        TAP_INT_EQ(play_list(&g, "f10"), GOMOKU_OK, "%s: white's six is allowed", rn);
        TAP_INT_EQ(gomoku_get_status(&g), cases[i].after_white, "%s: after white's six", rn);
    }
}

static void test_standard_exact_five(void)
{
    gomoku g;
    gomoku_init(&g, 15, GOMOKU_STANDARD);
    stones(&g, GOMOKU_WHITE, "b2 c3 d4 e5 g7 h8 i9 j10 k11");
    stones(&g, GOMOKU_BLACK, "a14 a13");
    gomoku_set_turn(&g, GOMOKU_WHITE);
    TAP_OK(!gomoku_wins_at(&g, GOMOKU_WHITE, 5, 5), "standard: f6 would make ten, no win");
    TAP_INT_EQ(play_list(&g, "f6 a12 l13"), GOMOKU_OK, "standard: play on after an overline");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_PLAYING, "standard: still playing");
    gomoku_init(&g, 15, GOMOKU_STANDARD);
    stones(&g, GOMOKU_BLACK, "b2 c3 d4 e5");
    TAP_OK(gomoku_wins_at(&g, GOMOKU_BLACK, 5, 5), "standard: f6 makes exactly five");
    TAP_OK(gomoku_wins_at(&g, GOMOKU_BLACK, 0, 0), "standard: a1 makes exactly five");
    TAP_OK(!gomoku_wins_at(&g, GOMOKU_WHITE, 0, 0), "white does not win with black's line");
}

static void test_refusals_and_undo(void)
{
    gomoku g;
    gomoku_point pt;
    TAP_INT_EQ(gomoku_init(&g, 4, GOMOKU_FREESTYLE), -1, "size 4 is refused");
    TAP_INT_EQ(gomoku_init(&g, 26, GOMOKU_FREESTYLE), -1, "size 26 is refused");
    TAP_INT_EQ(gomoku_init(&g, 15, (gomoku_rule)3), -1, "an unknown rule is refused");
    gomoku_init(&g, 15, GOMOKU_RENJU);
    TAP_INT_EQ(gomoku_check(&g, GOMOKU_WHITE, 7, 7), GOMOKU_NOT_YOUR_TURN, "black moves first");
    TAP_INT_EQ(gomoku_play(&g, 15, 7), GOMOKU_OFF_BOARD, "p8 is off a 15x15 board");
    TAP_INT_EQ(gomoku_play(&g, -1, 0), GOMOKU_OFF_BOARD, "negative x is off the board");
    TAP_INT_EQ(play_list(&g, "h8 h8"), GOMOKU_OCCUPIED, "a taken point is occupied");
    TAP_INT_EQ(gomoku_move_count(&g), 1, "the refused move is not counted");
    TAP_INT_EQ(gomoku_to_move(&g), GOMOKU_WHITE, "white to move after one move");
    TAP_INT_EQ(play_list(&g, "i9"), GOMOKU_OK, "white plays");
    TAP_INT_EQ(gomoku_move_at(&g, 1, &pt), 0, "the second move is in the history");
    TAP_OK(pt.x == 8 && pt.y == 8, "history: i9 is (8, 8)");
    TAP_INT_EQ(gomoku_move_at(&g, 2, &pt), -1, "no third move in the history");
    TAP_INT_EQ(gomoku_undo(&g), 0, "undo white's move");
    TAP_INT_EQ(gomoku_at(&g, 8, 8), GOMOKU_EMPTY, "undo empties the point");
    TAP_INT_EQ(gomoku_to_move(&g), GOMOKU_WHITE, "undo gives the turn back");
    TAP_INT_EQ(gomoku_undo(&g), 0, "undo black's move");
    TAP_INT_EQ(gomoku_undo(&g), -1, "nothing left to undo");

    gomoku_init(&g, 15, GOMOKU_FREESTYLE);
    play_list(&g, "a1 b1 a2 b2 a3 b3 a4 b4 a5");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_BLACK_WON, "black wins");
    TAP_INT_EQ(gomoku_undo(&g), 0, "undo the winning move");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_PLAYING, "the game goes on after undo");
    TAP_INT_EQ(gomoku_win_stones(&g, NULL, 0), 0, "no winning stones after undo");
    TAP_INT_EQ(play_list(&g, "c1 b5"), GOMOKU_OK, "replay differently: white wins instead");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_WHITE_WON, "white's column b1-b5 wins");
    TAP_INT_EQ(gomoku_setup(&g, 10, 10, GOMOKU_BLACK), -1, "no setup stones after moves");
    gomoku_reset(&g);
    TAP_INT_EQ(gomoku_move_count(&g), 0, "reset clears the moves");
    TAP_INT_EQ(gomoku_at(&g, 0, 0), GOMOKU_EMPTY, "reset clears the board");
}

static void test_sizes(void)
{
    gomoku g;
    gomoku_init(&g, 25, GOMOKU_RENJU);
    TAP_INT_EQ(play_list(&g, "y25 a1 x25 a2 w25 a3 v25 a4 u25"), GOMOKU_OK,
               "25x25: u25-y25 played");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_BLACK_WON, "25x25: five along the top-right edge");
    TAP_INT_EQ(gomoku_judge(&g, GOMOKU_BLACK, 25, 0), GOMOKU_OFF_BOARD, "25x25: z1 is off-board");
    gomoku_init(&g, 19, GOMOKU_FREESTYLE);
    TAP_INT_EQ(play_list(&g, "s19 a1 r18 a2 q17 a3 p16 a4 o15"), GOMOKU_OK,
               "19x19: diagonal played");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_BLACK_WON, "19x19: diagonal to the corner wins");
    gomoku_init(&g, 5, GOMOKU_STANDARD);
    TAP_INT_EQ(play_list(&g, "e1 a1 e2 a2 e3 a3 e4 a4 e5"), GOMOKU_OK, "5x5: column played");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_BLACK_WON, "5x5: a full column wins");
}

/* 5x5 filled with no line of five of one colour: B and W in alternation. */
static void test_full_board_draw(void)
{
    /* Rows from the top; x = black, o = white: no row, column or diagonal
     * is of one colour. 13 black, 12 white. */
    static const char *const rows[5] = {"xxoox", "ooxxo", "xxoox", "ooxxo", "xxoox"};
    for (int rule = 0; rule < 3; rule++) {
        gomoku g;
        int bx[13], by[13], wx[12], wy[12], nb = 0, nw = 0, ok = 1;
        gomoku_init(&g, 5, (gomoku_rule)rule);
        for (int r = 0; r < 5; r++)
            for (int x = 0; x < 5; x++) {
                if (rows[r][x] == 'x')
                    bx[nb] = x, by[nb++] = 4 - r;
                else
                    wx[nw] = x, wy[nw++] = 4 - r;
            }
        for (int i = 0; i < 25 && ok; i++) {
            ok = gomoku_play(&g, i % 2 ? wx[i / 2] : bx[i / 2], i % 2 ? wy[i / 2] : by[i / 2]) ==
                 GOMOKU_OK;
            if (i < 24)
                ok = ok && gomoku_get_status(&g) == GOMOKU_PLAYING;
        }
        TAP_OK(ok, "%s: 25 moves on 5x5 without a winner", gomoku_rule_name((gomoku_rule)rule));
        TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_DRAW, "%s: the full board is a draw",
                   gomoku_rule_name((gomoku_rule)rule));
        TAP_INT_EQ(gomoku_undo(&g), 0, "%s: undo the last move",
                   gomoku_rule_name((gomoku_rule)rule));
        TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_PLAYING, "%s: not a draw any more",
                   gomoku_rule_name((gomoku_rule)rule));
    }
}

static void test_point_text(void)
{
    char buf[8];
    int x, y;
    TAP_INT_EQ(gomoku_point_from_text("a1", &x, &y), 0, "a1 parses");
    TAP_OK(x == 0 && y == 0, "a1 is the bottom-left corner (0, 0)");
    TAP_INT_EQ(gomoku_point_from_text("O15", &x, &y), 0, "O15 parses");
    TAP_OK(x == 14 && y == 14, "o15 is (14, 14)");
    TAP_INT_EQ(gomoku_point_from_text("h", &x, &y), -1, "h has no row");
    TAP_INT_EQ(gomoku_point_from_text("8h", &x, &y), -1, "8h is not a point");
    TAP_INT_EQ(gomoku_point_from_text("h8x", &x, &y), -1, "h8x has junk after the row");
    TAP_INT_EQ(gomoku_point_from_text("h12345", &x, &y), -1, "too many digits");
    TAP_INT_EQ(gomoku_point_to_text(7, 7, buf, sizeof buf), 2, "h8 is two characters");
    TAP_STR_EQ(buf, "h8", "(7, 7) is h8");
    gomoku_point_to_text(24, 24, buf, sizeof buf);
    TAP_STR_EQ(buf, "y25", "(24, 24) is y25");
    TAP_INT_EQ(gomoku_point_to_text(25, 0, buf, sizeof buf), -1, "x = 25 has no letter");
    gomoku_rule r;
    TAP_INT_EQ(gomoku_rule_from_name("Renju", &r), 0, "Renju is a rule name");
    TAP_INT_EQ(r, GOMOKU_RENJU, "Renju is renju");
    TAP_INT_EQ(gomoku_rule_from_name("renj", &r), -1, "renj is not");
}

int main(void)
{
    tap_diag("lines of five in all four directions, against every edge, per rule");
    test_lines();
    test_white_line_and_four();
    test_overline();
    test_standard_exact_five();
    test_refusals_and_undo();
    test_sizes();
    test_full_board_draw();
    test_point_text();
    return tap_done();
}
