/* test_gomoku_opening.c: the opening rules state machine (swap, swap2, RIF,
 * Yamaguchi, Soosorv-8, Taraguchi-10): every path of every rule, every
 * refusal (wrong player, wrong step, outside the area, duplicate and
 * symmetric proposals, counts, choices not offered), the equivalence of
 * fifth moves, and random legal walks that must always finish the opening. */
#include "gomoku_opening.h"
#include "tap.h"

static gomoku g;
static gomoku_opening o;

static gomoku_point pt(const char *text)
{
    gomoku_point p = {255, 255};
    int x, y;
    if (gomoku_point_from_text(text, &x, &y) == 0 && x < 255 && y < 255) {
        p.x = (uint8_t)x;
        p.y = (uint8_t)y;
    }
    return p;
}

/* An action of one step with a choice, a count and one point. */
static gomoku_opening_action act(gomoku_opening_step step, int choice, int count, const char *p)
{
    gomoku_opening_action a = {0};
    a.step = (uint8_t)step;
    a.choice = (uint8_t)choice;
    a.count = (uint8_t)count;
    a.pts[0] = pt(p);
    return a;
}

#define act_place(p)   act(GOMOKU_STEP_PLACE, 0, 0, p)
#define act_select(p)  act(GOMOKU_STEP_SELECT, 0, 0, p)
#define act_choose(c)  act(GOMOKU_STEP_CHOOSE, c, 0, "")
#define act_declare(n) act(GOMOKU_STEP_DECLARE, 0, n, "")

/* A space-separated list of points. */
static gomoku_opening_action act_propose(const char *list)
{
    gomoku_opening_action a = {0};
    char word[8];
    int n;
    a.step = GOMOKU_STEP_PROPOSE;
    while (a.count < GOMOKU_OPENING_MAX_PROPOSALS && sscanf(list, " %7s%n", word, &n) == 1) {
        a.pts[a.count++] = pt(word);
        list += n;
    }
    return a;
}

static gomoku_opening_verdict apply(int seat, gomoku_opening_action a)
{
    return gomoku_opening_apply(&o, &g, seat, &a);
}

static void start(gomoku_opening_rule r, gomoku_rule game_rule)
{
    gomoku_init(&g, 15, game_rule);
    if (gomoku_opening_init(&o, r, &g) != 0)
        tap_diag("cannot start %s", gomoku_opening_rule_name(r));
}

#define EXPECT(seat, action, want, ...) TAP_INT_EQ(apply(seat, action), want, __VA_ARGS__)

static void test_fit(void)
{
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_SWAP2, GOMOKU_FREESTYLE, 15) == NULL,
           "swap2 fits freestyle");
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_SWAP, GOMOKU_STANDARD, 19) == NULL,
           "swap fits standard 19x19");
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_SWAP2, GOMOKU_RENJU, 15) != NULL,
           "swap2 refused for renju");
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_RIF, GOMOKU_FREESTYLE, 15) != NULL,
           "rif refused for freestyle");
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_TARAGUCHI10, GOMOKU_RENJU, 14) != NULL,
           "renju openings refused on an even board");
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_YAMAGUCHI, GOMOKU_RENJU, 13) != NULL,
           "renju openings refused below 15x15");
    TAP_OK(gomoku_opening_unfit(GOMOKU_OPENING_NONE, GOMOKU_RENJU, 7) == NULL, "none fits all");
    gomoku_init(&g, 15, GOMOKU_FREESTYLE);
    gomoku_play(&g, 7, 7);
    TAP_INT_EQ(gomoku_opening_init(&o, GOMOKU_OPENING_SWAP, &g), -1, "init refuses a started game");
}

static void test_names(void)
{
    gomoku_opening_rule r;
    gomoku_opening_choice c;
    for (int i = 0; i <= GOMOKU_OPENING_TARAGUCHI10; i++) {
        TAP_OK(gomoku_opening_rule_from_name(gomoku_opening_rule_name((gomoku_opening_rule)i),
                                             &r) == 0 &&
                   r == (gomoku_opening_rule)i,
               "rule name %s round-trips", gomoku_opening_rule_name((gomoku_opening_rule)i));
    }
    TAP_OK(gomoku_opening_rule_from_name("SWAP2", &r) == 0 && r == GOMOKU_OPENING_SWAP2,
           "rule names are case-insensitive");
    TAP_INT_EQ(gomoku_opening_rule_from_name("swap3", &r), -1, "unknown rule name refused");
    TAP_INT_EQ(gomoku_opening_rule_from_name("swap", &r), 0, "swap is a name of its own");
    TAP_INT_EQ(r, GOMOKU_OPENING_SWAP, "swap is swap");
    TAP_OK(gomoku_opening_choice_from_name("place-two", &c) == 0 && c == GOMOKU_CHOICE_PLACE_TWO,
           "choice name place-two");
    TAP_INT_EQ(gomoku_opening_choice_from_name("both", &c), -1, "unknown choice refused");
}

static void test_none(void)
{
    start(GOMOKU_OPENING_NONE, GOMOKU_FREESTYLE);
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DONE, "none: nothing to do");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 0, "none: seat 0 moves first");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 0, "none: seat 0 is black");
    EXPECT(0, act_place("h8"), GOMOKU_OPENING_OVER, "none: no opening steps");
}

static void test_swap(void)
{
    start(GOMOKU_OPENING_SWAP, GOMOKU_FREESTYLE);
    TAP_INT_EQ(gomoku_opening_area(&o, &g), -1, "swap: stones anywhere");
    EXPECT(1, act_place("h8"), GOMOKU_OPENING_NOT_YOURS, "swap: the second player may not open");
    EXPECT(0, act_choose(GOMOKU_CHOICE_BLACK), GOMOKU_OPENING_WRONG_STEP,
           "swap: a choice when a stone is due");
    EXPECT(0, act_place("a1"), GOMOKU_OPENING_OK, "swap: first black stone in the corner");
    EXPECT(0, act_place("a1"), GOMOKU_OPENING_OCCUPIED, "swap: occupied point");
    EXPECT(0, act_place("z9"), GOMOKU_OPENING_OFF_BOARD, "swap: off the board");
    EXPECT(0, act_place("o15"), GOMOKU_OPENING_OK, "swap: white stone");
    EXPECT(0, act_place("h8"), GOMOKU_OPENING_OK, "swap: second black stone");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_CHOOSE, "swap: then a choice");
    TAP_INT_EQ(gomoku_opening_choices(&o),
               (1u << GOMOKU_CHOICE_BLACK) | (1u << GOMOKU_CHOICE_WHITE),
               "swap: black or white offered");
    EXPECT(0, act_choose(GOMOKU_CHOICE_BLACK), GOMOKU_OPENING_NOT_YOURS,
           "swap: the first player may not choose");
    EXPECT(1, act_place("h9"), GOMOKU_OPENING_WRONG_STEP, "swap: a stone when a choice is due");
    EXPECT(1, act_choose(GOMOKU_CHOICE_PLACE_TWO), GOMOKU_OPENING_BAD_CHOICE,
           "swap: place-two is swap2's");
    EXPECT(1, act_choose(GOMOKU_CHOICE_BLACK), GOMOKU_OPENING_OK, "swap: second takes black");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DONE, "swap: over");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 1, "swap: seat 1 is black");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 0, "swap: white (seat 0) plays move 4");
    TAP_INT_EQ(gomoku_to_move(&g), GOMOKU_WHITE, "swap: white to move on the board");
}

static void test_swap2(void)
{
    start(GOMOKU_OPENING_SWAP2, GOMOKU_STANDARD);
    EXPECT(0, act_place("h8"), GOMOKU_OPENING_OK, "swap2: stone 1");
    EXPECT(0, act_place("h9"), GOMOKU_OPENING_OK, "swap2: stone 2");
    EXPECT(0, act_place("j10"), GOMOKU_OPENING_OK, "swap2: stone 3");
    EXPECT(1, act_choose(GOMOKU_CHOICE_STAY), GOMOKU_OPENING_BAD_CHOICE,
           "swap2: stay is not a swap2 choice");
    EXPECT(1, act_choose(GOMOKU_CHOICE_PLACE_TWO), GOMOKU_OPENING_OK, "swap2: place two more");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 1, "swap2: the second player places them");
    EXPECT(0, act_place("g7"), GOMOKU_OPENING_NOT_YOURS, "swap2: not the first player's stones");
    EXPECT(1, act_place("g7"), GOMOKU_OPENING_OK, "swap2: stone 4 (white)");
    EXPECT(1, act_place("f6"), GOMOKU_OPENING_OK, "swap2: stone 5 (black)");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 0, "swap2: the first player chooses now");
    EXPECT(1, act_choose(GOMOKU_CHOICE_WHITE), GOMOKU_OPENING_NOT_YOURS,
           "swap2: the second player may not choose twice");
    EXPECT(0, act_choose(GOMOKU_CHOICE_PLACE_TWO), GOMOKU_OPENING_BAD_CHOICE,
           "swap2: only one round of place-two");
    EXPECT(0, act_choose(GOMOKU_CHOICE_WHITE), GOMOKU_OPENING_OK, "swap2: first takes white");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 1, "swap2: seat 1 is black");
    TAP_INT_EQ(gomoku_move_count(&g), 5, "swap2: five stones");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 0, "swap2: white (seat 0) plays move 6");

    start(GOMOKU_OPENING_SWAP2, GOMOKU_FREESTYLE);
    apply(0, act_place("h8"));
    apply(0, act_place("h9"));
    apply(0, act_place("j10"));
    EXPECT(1, act_choose(GOMOKU_CHOICE_WHITE), GOMOKU_OPENING_OK, "swap2: second takes white");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 0, "swap2: seat 0 stays black");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 1, "swap2: white (seat 1) plays move 4");
}

/* The first three stones of a Renju opening by seat 0, checking the areas. */
static void renju_three(const char *rule)
{
    EXPECT(0, act_place("h9"), GOMOKU_OPENING_OUTSIDE_AREA, "%s: stone 1 off the centre", rule);
    EXPECT(0, act_place("h8"), GOMOKU_OPENING_OK, "%s: stone 1 on the centre", rule);
    TAP_INT_EQ(gomoku_opening_area(&o, &g), 1, "%s: stone 2 in the 3x3 square", rule);
    EXPECT(0, act_place("h10"), GOMOKU_OPENING_OUTSIDE_AREA, "%s: stone 2 outside 3x3", rule);
    EXPECT(0, act_place("h9"), GOMOKU_OPENING_OK, "%s: stone 2", rule);
    EXPECT(0, act_place("h11"), GOMOKU_OPENING_OUTSIDE_AREA, "%s: stone 3 outside 5x5", rule);
    EXPECT(0, act_place("h10"), GOMOKU_OPENING_OK, "%s: stone 3 (a direct opening)", rule);
}

static void test_rif(void)
{
    start(GOMOKU_OPENING_RIF, GOMOKU_RENJU);
    renju_three("rif");
    TAP_INT_EQ(gomoku_opening_choices(&o), (1u << GOMOKU_CHOICE_STAY) | (1u << GOMOKU_CHOICE_SWAP),
               "rif: tentative white may swap");
    EXPECT(1, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_OK, "rif: tentative white swaps");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 1, "rif: seat 1 is black");
    EXPECT(1, act_place("h6"), GOMOKU_OPENING_NOT_YOURS, "rif: black may not put the 4th");
    EXPECT(0, act_place("h6"), GOMOKU_OPENING_OK, "rif: white (seat 0) puts the 4th");
    TAP_INT_EQ(gomoku_opening_proposal_count(&o), 2, "rif: two fifth moves");
    EXPECT(0, act_propose("g8 g7"), GOMOKU_OPENING_NOT_YOURS, "rif: white may not propose");
    EXPECT(1, act_propose("g8 g7 g6"), GOMOKU_OPENING_BAD_COUNT, "rif: three proposals");
    EXPECT(1, act_propose("g8"), GOMOKU_OPENING_BAD_COUNT, "rif: one proposal");
    EXPECT(1, act_propose("g8 g8"), GOMOKU_OPENING_DUPLICATE, "rif: the same point twice");
    EXPECT(1, act_propose("g8 i8"), GOMOKU_OPENING_SYMMETRIC,
           "rif: mirror images across the h column");
    EXPECT(1, act_propose("g8 h9"), GOMOKU_OPENING_OCCUPIED, "rif: a proposal on a stone");
    EXPECT(1, act_propose("g8 g7"), GOMOKU_OPENING_OK, "rif: two different fifth moves");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_SELECT, "rif: white selects");
    TAP_INT_EQ(gomoku_move_count(&g), 4, "rif: proposals are not stones yet");
    EXPECT(0, act_select("i8"), GOMOKU_OPENING_NOT_PROPOSED, "rif: select a non-proposal");
    EXPECT(1, act_select("g7"), GOMOKU_OPENING_NOT_YOURS, "rif: black may not select");
    EXPECT(0, act_select("g7"), GOMOKU_OPENING_OK, "rif: white selects g7");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DONE, "rif: over");
    TAP_INT_EQ(gomoku_move_count(&g), 5, "rif: five stones");
    TAP_INT_EQ(gomoku_at(&g, 6, 6), GOMOKU_BLACK, "rif: g7 is black's fifth");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 0, "rif: white (seat 0) plays the 6th");
}

static void test_yamaguchi(void)
{
    start(GOMOKU_OPENING_YAMAGUCHI, GOMOKU_RENJU);
    renju_three("yamaguchi");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DECLARE, "yamaguchi: declare after three");
    EXPECT(1, act_declare(3), GOMOKU_OPENING_NOT_YOURS, "yamaguchi: tentative black declares");
    EXPECT(0, act_declare(0), GOMOKU_OPENING_BAD_COUNT, "yamaguchi: zero fifth moves");
    EXPECT(0, act_declare(11), GOMOKU_OPENING_BAD_COUNT, "yamaguchi: eleven fifth moves");
    EXPECT(0, act_declare(3), GOMOKU_OPENING_OK, "yamaguchi: three fifth moves");
    EXPECT(1, act_choose(GOMOKU_CHOICE_STAY), GOMOKU_OPENING_OK, "yamaguchi: no swap");
    EXPECT(1, act_place("a1"), GOMOKU_OPENING_OK, "yamaguchi: 4th anywhere");
    TAP_INT_EQ(gomoku_opening_proposal_count(&o), 3, "yamaguchi: three due");
    EXPECT(0, act_propose("g8 g7 g6 g5"), GOMOKU_OPENING_BAD_COUNT, "yamaguchi: four proposals");
    EXPECT(0, act_propose("g8 g7 j9"), GOMOKU_OPENING_OK, "yamaguchi: three proposals");
    EXPECT(1, act_select("j9"), GOMOKU_OPENING_OK, "yamaguchi: white selects");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 1, "yamaguchi: white (seat 1) plays the 6th");

    start(GOMOKU_OPENING_YAMAGUCHI, GOMOKU_RENJU);
    apply(0, act_place("h8"));
    apply(0, act_place("i9"));
    apply(0, act_place("j8"));
    apply(0, act_declare(1));
    apply(1, act_choose(GOMOKU_CHOICE_SWAP));
    EXPECT(0, act_place("k8"), GOMOKU_OPENING_OK, "yamaguchi: swapped white puts the 4th");
    EXPECT(1, act_propose("g8"), GOMOKU_OPENING_OK, "yamaguchi: a single fifth move");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DONE, "yamaguchi: no selection of one");
    TAP_INT_EQ(gomoku_move_count(&g), 5, "yamaguchi: it was played at once");
}

static void test_soosorv(void)
{
    start(GOMOKU_OPENING_SOOSORV8, GOMOKU_RENJU);
    renju_three("soosorv8");
    EXPECT(1, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_OK, "soosorv8: first swap");
    EXPECT(0, act_place("l12"), GOMOKU_OPENING_OK, "soosorv8: white puts the 4th anywhere");
    EXPECT(1, act_declare(2), GOMOKU_OPENING_NOT_YOURS, "soosorv8: black may not declare");
    EXPECT(0, act_declare(9), GOMOKU_OPENING_BAD_COUNT, "soosorv8: at most eight");
    EXPECT(0, act_declare(2), GOMOKU_OPENING_OK, "soosorv8: white declares two");
    EXPECT(0, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_NOT_YOURS,
           "soosorv8: the second swap is black's");
    EXPECT(1, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_OK, "soosorv8: black swaps back");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 0, "soosorv8: seat 0 black again");
    EXPECT(0, act_propose("g8 g7"), GOMOKU_OPENING_OK, "soosorv8: black proposes two");
    EXPECT(1, act_select("g8"), GOMOKU_OPENING_OK, "soosorv8: white selects");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 1, "soosorv8: white (seat 1) plays the 6th");
}

static void test_taraguchi(void)
{
    static const char *const ten = "g7 g6 g5 f8 f7 f6 e8 e7 e6 d8";
    start(GOMOKU_OPENING_TARAGUCHI10, GOMOKU_RENJU);
    EXPECT(0, act_place("g7"), GOMOKU_OPENING_OUTSIDE_AREA, "taraguchi10: stone 1 off centre");
    EXPECT(0, act_place("h8"), GOMOKU_OPENING_OK, "taraguchi10: stone 1");
    EXPECT(0, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_NOT_YOURS,
           "taraguchi10: the other player may swap, not black");
    EXPECT(1, act_place("h9"), GOMOKU_OPENING_WRONG_STEP, "taraguchi10: swap decision first");
    EXPECT(1, act_choose(GOMOKU_CHOICE_STAY), GOMOKU_OPENING_OK, "taraguchi10: no swap after 1");
    EXPECT(1, act_place("h10"), GOMOKU_OPENING_OUTSIDE_AREA, "taraguchi10: stone 2 outside 3x3");
    EXPECT(1, act_place("i9"), GOMOKU_OPENING_OK, "taraguchi10: stone 2 (indirect)");
    EXPECT(0, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_OK, "taraguchi10: swap after 2");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 1, "taraguchi10: seat 1 is black");
    EXPECT(1, act_place("k8"), GOMOKU_OPENING_OUTSIDE_AREA, "taraguchi10: stone 3 outside 5x5");
    EXPECT(1, act_place("j8"), GOMOKU_OPENING_OK, "taraguchi10: stone 3");
    EXPECT(0, act_choose(GOMOKU_CHOICE_STAY), GOMOKU_OPENING_OK, "taraguchi10: no swap after 3");
    EXPECT(0, act_place("l8"), GOMOKU_OPENING_OUTSIDE_AREA, "taraguchi10: stone 4 outside 7x7");
    EXPECT(0, act_place("k11"), GOMOKU_OPENING_OK, "taraguchi10: stone 4");
    TAP_INT_EQ(gomoku_opening_choices(&o),
               (1u << GOMOKU_CHOICE_STAY) | (1u << GOMOKU_CHOICE_SWAP) |
                   (1u << GOMOKU_CHOICE_PROPOSE),
               "taraguchi10: black keeps, swaps or proposes");
    EXPECT(1, act_choose(GOMOKU_CHOICE_PROPOSE), GOMOKU_OPENING_OK, "taraguchi10: choice 2");
    TAP_INT_EQ(gomoku_opening_proposal_count(&o), 10, "taraguchi10: ten proposals due");
    EXPECT(1, act_propose("g7 g6 g5 f8 f7 f6 e8 e7 e6"), GOMOKU_OPENING_BAD_COUNT,
           "taraguchi10: nine proposals");
    EXPECT(1, act_propose(ten), GOMOKU_OPENING_OK, "taraguchi10: ten proposals anywhere");
    {
        gomoku_point got[GOMOKU_OPENING_MAX_PROPOSALS];
        TAP_INT_EQ(gomoku_opening_proposals(&o, got, 10), 10, "taraguchi10: ten on the table");
        TAP_OK(got[9].x == pt("d8").x && got[9].y == pt("d8").y, "taraguchi10: in order");
    }
    EXPECT(0, act_select("d8"), GOMOKU_OPENING_OK, "taraguchi10: white selects d8");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DONE, "taraguchi10: over");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 0, "taraguchi10: white (seat 0) plays the 6th");

    /* choice 1: one fifth move in the 9x9 square, then white may swap */
    start(GOMOKU_OPENING_TARAGUCHI10, GOMOKU_RENJU);
    apply(0, act_place("h8"));
    apply(1, act_choose(GOMOKU_CHOICE_STAY));
    apply(1, act_place("h9"));
    apply(0, act_choose(GOMOKU_CHOICE_STAY));
    apply(0, act_place("i10"));
    apply(1, act_choose(GOMOKU_CHOICE_STAY));
    EXPECT(1, act_place("g6"), GOMOKU_OPENING_OK, "taraguchi10: stone 4 (choice 1)");
    EXPECT(0, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_OK, "taraguchi10: black swaps");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 1, "taraguchi10: the new black puts the 5th");
    EXPECT(1, act_place("m8"), GOMOKU_OPENING_OUTSIDE_AREA, "taraguchi10: 5th outside 9x9");
    EXPECT(1, act_place("l8"), GOMOKU_OPENING_OK, "taraguchi10: 5th inside 9x9");
    EXPECT(0, act_choose(GOMOKU_CHOICE_SWAP), GOMOKU_OPENING_OK, "taraguchi10: white swaps");
    TAP_INT_EQ(gomoku_opening_next(&o), GOMOKU_STEP_DONE, "taraguchi10: choice 1 over");
    TAP_INT_EQ(gomoku_opening_black_seat(&o), 0, "taraguchi10: seat 0 black at the end");
    TAP_INT_EQ(gomoku_opening_actor(&o, &g), 1, "taraguchi10: white (seat 1) plays the 6th");
}

static void test_equivalence(void)
{
    /* h8 h9 i9 + white i8: symmetric about the line through h9 and i8,
     * which is not one of the board's own axes (it misses the centre). */
    gomoku_init(&g, 15, GOMOKU_RENJU);
    gomoku_play(&g, 7, 7); /* h8 */
    gomoku_play(&g, 7, 8); /* h9 */
    gomoku_play(&g, 8, 8); /* i9 */
    gomoku_play(&g, 8, 7); /* i8 */
    TAP_OK(gomoku_equivalent_points(&g, GOMOKU_BLACK, pt("g7"), pt("j10")),
           "g7 and j10 mirror each other across an off-centre axis");
    TAP_OK(!gomoku_equivalent_points(&g, GOMOKU_BLACK, pt("g7"), pt("j9")), "g7 and j9 do not");
    TAP_OK(gomoku_equivalent_points(&g, GOMOKU_BLACK, pt("g9"), pt("i6")) ==
               gomoku_equivalent_points(&g, GOMOKU_BLACK, pt("i6"), pt("g9")),
           "equivalence is symmetric");
    /* a single black stone: every neighbour at the same distance is
     * equivalent by rotation */
    gomoku_init(&g, 15, GOMOKU_RENJU);
    gomoku_play(&g, 7, 7);
    gomoku_play(&g, 0, 0);
    gomoku_undo(&g);
    TAP_OK(gomoku_equivalent_points(&g, GOMOKU_WHITE, pt("h9"), pt("i8")),
           "one stone: the point above and the one right are equivalent");
    TAP_OK(gomoku_equivalent_points(&g, GOMOKU_WHITE, pt("g7"), pt("i9")),
           "one stone: diagonal neighbours are equivalent");
    TAP_OK(!gomoku_equivalent_points(&g, GOMOKU_WHITE, pt("h9"), pt("i9")),
           "one stone: direct and diagonal are not");
    TAP_OK(!gomoku_equivalent_points(&g, GOMOKU_BLACK, pt("h9"), pt("h10")),
           "one stone: distance 1 and 2 are not");
}

/* A small reproducible generator (xorshift32): 0..n-1. */
static uint32_t rng_state = 17;
static int rnd(int n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return (int)(rng_state % (uint32_t)n);
}

/* A random legal action for the current state, found by trying candidates
 * against gomoku_opening_check. */
static int random_action(gomoku_opening_action *a, int seat)
{
    int size = gomoku_size(&g), lo, hi;
    memset(a, 0, sizeof *a);
    a->step = (uint8_t)gomoku_opening_next(&o);
    switch (a->step) {
    case GOMOKU_STEP_PLACE:
    case GOMOKU_STEP_SELECT:
        for (int tries = 0; tries < 5000; tries++) {
            a->pts[0].x = (uint8_t)(rnd(size));
            a->pts[0].y = (uint8_t)(rnd(size));
            if (gomoku_opening_check(&o, &g, seat, a) == GOMOKU_OPENING_OK)
                return 0;
        }
        return -1;
    case GOMOKU_STEP_CHOOSE:
        for (int tries = 0; tries < 100; tries++) {
            a->choice = (uint8_t)(rnd(GOMOKU_CHOICE_COUNT));
            if (gomoku_opening_check(&o, &g, seat, a) == GOMOKU_OPENING_OK)
                return 0;
        }
        return -1;
    case GOMOKU_STEP_DECLARE:
        gomoku_opening_declare_range(&o, &lo, &hi);
        a->count = (uint8_t)(lo + rnd(hi - lo + 1));
        return 0;
    case GOMOKU_STEP_PROPOSE:
        a->count = (uint8_t)gomoku_opening_proposal_count(&o);
        for (int i = 0; i < a->count; i++) {
            int tries = 0;
            do { /* a legal point not equivalent to an earlier proposal */
                a->pts[i].x = (uint8_t)(rnd(size));
                a->pts[i].y = (uint8_t)(rnd(size));
                if (gomoku_judge(&g, GOMOKU_BLACK, a->pts[i].x, a->pts[i].y) != GOMOKU_OK)
                    continue;
                int ok = 1;
                for (int j = 0; j < i && ok; j++)
                    ok = !gomoku_equivalent_points(&g, GOMOKU_BLACK, a->pts[i], a->pts[j]);
                if (ok)
                    break;
            } while (++tries < 5000);
        }
        return 0;
    default:
        return -1;
    }
}

static void test_random_walks(void)
{
    for (int r = GOMOKU_OPENING_SWAP; r <= GOMOKU_OPENING_TARAGUCHI10; r++) {
        int fails = 0, finished = 0;
        gomoku_rule gr = r <= GOMOKU_OPENING_SWAP2 ? GOMOKU_FREESTYLE : GOMOKU_RENJU;
        for (int walk = 0; walk < 200; walk++) {
            int steps = 0;
            start((gomoku_opening_rule)r, gr);
            while (gomoku_opening_next(&o) != GOMOKU_STEP_DONE && steps++ < 40) {
                gomoku_opening_action a;
                int seat = gomoku_opening_actor(&o, &g);
                gomoku_opening_verdict v = GOMOKU_OPENING_OK;
                if (random_action(&a, seat) != 0 ||
                    gomoku_opening_apply(&o, &g, 1 - seat, &a) != GOMOKU_OPENING_NOT_YOURS ||
                    (v = gomoku_opening_apply(&o, &g, seat, &a)) != GOMOKU_OPENING_OK) {
                    if (fails++ == 0)
                        tap_diag("step %s refused: %s", gomoku_opening_step_name(a.step),
                                 gomoku_opening_strerror(v));
                    break;
                }
            }
            if (gomoku_opening_next(&o) == GOMOKU_STEP_DONE && gomoku_move_count(&g) >= 3 &&
                gomoku_move_count(&g) <= 5 && gomoku_get_status(&g) == GOMOKU_PLAYING)
                finished++;
        }
        TAP_INT_EQ(fails, 0, "%s: random legal walks are accepted",
                   gomoku_opening_rule_name((gomoku_opening_rule)r));
        TAP_INT_EQ(finished, 200, "%s: every walk ends the opening with 3 to 5 stones",
                   gomoku_opening_rule_name((gomoku_opening_rule)r));
    }
}

static void test_describe(void)
{
    char buf[128];
    start(GOMOKU_OPENING_RIF, GOMOKU_RENJU);
    apply(0, act_place("h8"));
    TAP_OK(gomoku_opening_describe(&o, &g, buf, sizeof buf) > 0, "describe writes");
    TAP_STR_EQ(buf, "the first player places white stone 2 in the central 3x3 square",
               "describe: rif stone 2");
    start(GOMOKU_OPENING_SWAP2, GOMOKU_FREESTYLE);
    apply(0, act_place("h8"));
    apply(0, act_place("h9"));
    apply(0, act_place("h10"));
    gomoku_opening_describe(&o, &g, buf, sizeof buf);
    TAP_STR_EQ(buf, "the second player takes black, takes white, or places two more stones",
               "describe: swap2 choice");
    TAP_INT_EQ(gomoku_opening_describe(&o, &g, buf, 8), -1, "describe: too small a buffer");
}

int main(void)
{
    test_fit();
    test_names();
    test_none();
    test_swap();
    test_swap2();
    test_rif();
    test_yamaguchi();
    test_soosorv();
    test_taraguchi();
    test_equivalence();
    test_random_walks();
    test_describe();
    return tap_done();
}
