/* test_renju.c: Renju forbidden moves for black, by the RIF definitions,
 * including the tricky ones: threes whose completing point is forbidden,
 * two fours on one line, threes blocked at one end or by the edge, fives
 * that also make a forbidden shape, and white's freedom. */
#include "board_util.h"
#include "tap.h"

typedef struct renju_case {
    const char *name;
    const char *black, *white; /* stones already on the board */
    const char *point;         /* black plays here */
    gomoku_verdict want;
    int wins; /* does the move make a five */
} renju_case;

static const renju_case cases[] = {
    /* double-three */
    {"open threes crossing (row f8 g8, column h9 h10)", "f8 g8 h9 h10", "", "h8",
     GOMOKU_DOUBLE_THREE, 0},
    {"split threes (e8 . g8 h8 and e5 . g7 h8)", "e8 g8 e5 g7", "", "h8", GOMOKU_DOUBLE_THREE, 0},
    {"diagonal and anti-diagonal threes", "f6 g7 g9 f10", "", "h8", GOMOKU_DOUBLE_THREE, 0},
    {"three with white two points away still counts", "f8 g8 h9 h10", "j8", "h8",
     GOMOKU_DOUBLE_THREE, 0},
    {"three blocked at one end is no three", "f8 g8 h9 h10", "e8", "h8", GOMOKU_OK, 0},
    {"three blocked by white next to the far end is no three", "f8 g8 h9 h10", "i8 d8", "h8",
     GOMOKU_OK, 0},
    {"three against the edge is no three (a8 b8 c8)", "b8 c8 a9 a10", "", "a8", GOMOKU_OK, 0},
    {"three one point from the edge counts (b8 c8 d8)", "c8 d8 b9 b10", "", "b8",
     GOMOKU_DOUBLE_THREE, 0},
    {"X . . X X X . . X is no three: both fours would be overlines", "c8 f8 g8 k8 h9 h10", "", "h8",
     GOMOKU_OK, 0},
    {"three whose only completing point is a double-four is no three",
     "f8 g8 h9 h10 i9 i10 i11 j9 k10 l11", "d8", "h8", GOMOKU_OK, 0},
    {"the same three with a second, allowed completing point counts",
     "f8 g8 h9 h10 i9 i10 i11 j9 k10 l11", "", "h8", GOMOKU_DOUBLE_THREE, 0},
    {"three whose completing point is a four-three-three is no three", "f8 g8 h9 h10 i9 i10 j9 k10",
     "d8", "h8", GOMOKU_OK, 0},
    {"that completing point is itself forbidden (4-3-3)", "f8 g8 h8 h9 h10 i9 i10 j9 k10", "d8",
     "i8", GOMOKU_DOUBLE_THREE, 0},
    {"triple three", "f8 g8 h9 h10 g7 f6", "", "h8", GOMOKU_DOUBLE_THREE, 0},
    {"four-three is allowed", "h9 h10 h11 f8 g8", "h12", "h8", GOMOKU_OK, 0},
    {"a lone three is allowed", "f8 g8", "", "h8", GOMOKU_OK, 0},
    /* double-four */
    {"fours on two lines", "e8 f8 g8 h9 h10 h11", "d8 h12", "h8", GOMOKU_DOUBLE_FOUR, 0},
    {"straight four and a four", "e8 f8 g8 h9 h10 h11", "d8", "h8", GOMOKU_DOUBLE_FOUR, 0},
    {"two fours on one row: X X X . X . X X X", "a8 b8 c8 g8 h8 i8", "", "e8", GOMOKU_DOUBLE_FOUR,
     0},
    {"two fours on one diagonal: X X X . X . X X X", "a1 b2 c3 g7 h8 i9", "", "e5",
     GOMOKU_DOUBLE_FOUR, 0},
    {"two fours on one column: X X . X X . X X", "e2 e3 e6 e8 e9", "", "e5", GOMOKU_DOUBLE_FOUR, 0},
    {"two fours on one row: X . X X X . X", "a3 c3 e3 g3", "", "d3", GOMOKU_DOUBLE_FOUR, 0},
    {"double-four with threes too", "e8 f8 g8 h9 h10 h11 g7 f6", "d8 h12", "h8", GOMOKU_DOUBLE_FOUR,
     0},
    {"a dead four (blocked at both ends) is no four", "e8 f8 g8 h9 h10 h11", "d8 i8 h12", "h8",
     GOMOKU_OK, 0},
    {"X X X . X X: the gap would make six, so that is no four", "a8 b8 c8 e8 f9 f10 f11", "f12",
     "f8", GOMOKU_OK, 0},
    {"filling X X X . X X makes six", "a8 b8 c8 e8 f8", "", "d8", GOMOKU_OVERLINE, 0},
    /* overline */
    {"overline of six", "c8 d8 e8 g8 h8", "", "f8", GOMOKU_OVERLINE, 0},
    {"overline of nine", "a8 b8 c8 d8 f8 g8 h8 i8", "", "e8", GOMOKU_OVERLINE, 0},
    {"overline along the anti-diagonal to the edge", "a15 b14 c13 e11 f10", "", "d12",
     GOMOKU_OVERLINE, 0},
    /* a five wins whatever else it makes */
    {"five that also makes a double-four", "d8 e8 f8 g8 h9 h10 h11 i9 j10 k11", "h12", "h8",
     GOMOKU_OK, 1},
    {"five that also makes a double-three", "d8 e8 f8 g8 h9 h10 i9 j10", "", "h8", GOMOKU_OK, 1},
    {"five that also makes an overline", "d8 e8 f8 g8 h9 h10 h11 h12 h13", "", "h8", GOMOKU_OK, 1},
    {"five against the edge that also makes two fours", "a1 a2 a3 a4 b5 c5 d5 b4 c3 d2", "", "a5",
     GOMOKU_OK, 1},
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const renju_case *c = &cases[i];
        gomoku g;
        int x, y;
        gomoku_init(&g, 15, GOMOKU_RENJU);
        if (stones(&g, GOMOKU_BLACK, c->black) != 0 || stones(&g, GOMOKU_WHITE, c->white) != 0) {
            TAP_OK(0, "%s: set up", c->name);
            continue;
        }
        gomoku_point_from_text(c->point, &x, &y);
        TAP_STR_EQ(gomoku_verdict_str(gomoku_judge(&g, GOMOKU_BLACK, x, y)),
                   gomoku_verdict_str(c->want), "%s: black %s", c->name, c->point);
        TAP_INT_EQ(gomoku_wins_at(&g, GOMOKU_BLACK, x, y), c->wins, "%s: %s", c->name,
                   c->wins ? "wins" : "does not win");
        /* Played as a move: a forbidden point is refused and changes nothing. */
        TAP_INT_EQ(gomoku_play(&g, x, y), c->want, "%s: played", c->name);
        if (c->want == GOMOKU_OK)
            TAP_INT_EQ(gomoku_get_status(&g), c->wins ? GOMOKU_BLACK_WON : GOMOKU_PLAYING,
                       "%s: status", c->name);
        else
            TAP_OK(gomoku_at(&g, x, y) == GOMOKU_EMPTY && gomoku_move_count(&g) == 0,
                   "%s: refused, nothing changed", c->name);
        /* White may play any of these shapes. */
        gomoku_init(&g, 15, GOMOKU_RENJU);
        stones(&g, GOMOKU_WHITE, c->black);
        stones(&g, GOMOKU_BLACK, c->white);
        TAP_INT_EQ(gomoku_judge(&g, GOMOKU_WHITE, x, y), GOMOKU_OK, "%s: allowed to white",
                   c->name);
    }
}

/* Under the other rules nothing is forbidden. */
static void test_other_rules(void)
{
    for (int rule = 0; rule < 2; rule++) {
        gomoku g;
        gomoku_init(&g, 15, (gomoku_rule)rule);
        stones(&g, GOMOKU_BLACK, "f8 g8 h9 h10 a8 b8 c8 g8 i8");
        TAP_INT_EQ(judge_at(&g, GOMOKU_BLACK, "h8"), GOMOKU_OK, "%s: a double-three is allowed",
                   gomoku_rule_name((gomoku_rule)rule));
        TAP_INT_EQ(gomoku_forbidden_points(&g, NULL, 0), 0, "%s: no forbidden points",
                   gomoku_rule_name((gomoku_rule)rule));
    }
}

static int has_point(const gomoku_point *pts, size_t n, const char *text)
{
    int x, y;
    gomoku_point_from_text(text, &x, &y);
    for (size_t i = 0; i < n; i++)
        if (pts[i].x == x && pts[i].y == y)
            return 1;
    return 0;
}

static void test_forbidden_points(void)
{
    gomoku g;
    gomoku_point pts[GOMOKU_MAX_POINTS];
    size_t n;
    gomoku_init(&g, 15, GOMOKU_RENJU);
    TAP_INT_EQ(play_list(&g, "h8 a1 j8 a3 h10 a5"), GOMOKU_OK, "black h8 j8 h10");
    n = gomoku_forbidden_points(&g, pts, GOMOKU_MAX_POINTS);
    TAP_INT_EQ(n, 0, "three stones: nothing forbidden yet");
    TAP_INT_EQ(play_list(&g, "j10"), GOMOKU_OK, "black j10 closes the square");
    n = gomoku_forbidden_points(&g, pts, GOMOKU_MAX_POINTS);
    TAP_INT_EQ(n, 1, "one forbidden point, listed while white is to move");
    TAP_OK(has_point(pts, n, "i9"), "i9 (h8 . j10 and j8 . h10) is listed");
    TAP_INT_EQ(judge_at(&g, GOMOKU_BLACK, "i9"), GOMOKU_DOUBLE_THREE, "i9 is a double-three");
    TAP_INT_EQ(play_list(&g, "b1 i9"), GOMOKU_DOUBLE_THREE, "black may not play i9");
    TAP_INT_EQ(play_list(&g, "i7"), GOMOKU_OK, "black plays elsewhere");
    TAP_INT_EQ(play_list(&g, "i9"), GOMOKU_OK, "white may play i9");
    TAP_INT_EQ(gomoku_forbidden_points(&g, pts, GOMOKU_MAX_POINTS), 0, "nothing forbidden now");
}

int main(void)
{
    tap_diag("black then white at the point of each Renju position");
    test_cases();
    test_other_rules();
    test_forbidden_points();
    return tap_done();
}
