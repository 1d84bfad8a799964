/* test_engine_tactics.c: the engine's move in small tactical positions:
 * it completes five, blocks a four and an open four, answers an open
 * three, wins by continuous fours; exact five versus overline; Renju:
 * black never plays a forbidden point, white wins by a forbidden-point
 * trap, a black "four" whose five point is an overline is no threat. Every
 * answer is judged by the rules module (game/rules/gomoku.h). Budgets are
 * nodes and depth, never time, so the results do not depend on the
 * machine's speed. */
#include "engine_util.h"
#include "tap.h"

static engine_limits budget(void)
{
    engine_limits lim = {60000, 0, -1, 6, 400000};
    return lim;
}

/* The engine's move in a position, as text; "" if none. */
static const char *move_in(engine *e, gomoku *g, int size, int rule, const char *black,
                           const char *white, gomoku_stone to_move)
{
    static char text[8];
    engine_limits lim = budget();
    int x, y;
    text[0] = '\0';
    if (setup_position(e, g, size, rule, black, white, to_move) != 0) {
        printf("# bad position\n");
        return text;
    }
    if (engine_think(e, &lim, &x, &y) == ENGINE_OK)
        gomoku_point_to_text(x, y, text, sizeof text);
    return text;
}

static int one_of(const char *got, const char *list)
{
    char word[8];
    int used;
    while (sscanf(list, " %7s%n", word, &used) == 1) {
        if (strcmp(word, got) == 0)
            return 1;
        list += used;
    }
    printf("#   got %s, want one of %s\n", got, list);
    return 0;
}

static void basic_tactics(engine *e)
{
    gomoku g;
    const char *m;
    m = move_in(e, &g, 15, 0, "h8 i8 j8 k8", "a1 a3 a5 o15", GOMOKU_BLACK);
    TAP_OK(one_of(m, "g8 l8"), "completes an open four to five");
    m = move_in(e, &g, 15, 0, "h8 i8 j8 k8 d4", "g8 h9 c3 o1 n14", GOMOKU_BLACK);
    TAP_OK(one_of(m, "l8"), "completes a four to five");
    m = move_in(e, &g, 15, 0, "h8 i8 j8 k8", "g8 a1 a3", GOMOKU_WHITE);
    TAP_OK(one_of(m, "l8"), "blocks a four");
    m = move_in(e, &g, 15, 0, "h8 i8 j8 k8", "a1 a3 a5", GOMOKU_WHITE);
    TAP_OK(one_of(m, "g8 l8"), "blocks an open four at one end");
    m = move_in(e, &g, 15, 0, "h8 i8 j8 h12", "a1 o15 a15", GOMOKU_WHITE);
    TAP_OK(one_of(m, "f8 g8 k8 l8"), "answers an open three");
    m = move_in(e, &g, 15, 0, "h8 i8 k8 c3", "a1 o15 a15", GOMOKU_WHITE);
    TAP_OK(one_of(m, "g8 j8 l8"), "answers a split three");
    /* White's own four comes before black's open three. */
    m = move_in(e, &g, 15, 0, "h8 i8 j8 c3", "d10 e10 f10 g10", GOMOKU_WHITE);
    TAP_OK(one_of(m, "c10 h10"), "wins with its own five before answering a three");
}

static void five_rules(engine *e)
{
    gomoku g;
    const char *m;
    /* d8 e8 f8 g8 . i8: h8 makes six. */
    m = move_in(e, &g, 15, ENGINE_RULE_EXACT5, "d8 e8 f8 g8 i8", "a1 a3 a5 o15 o13", GOMOKU_BLACK);
    TAP_OK(one_of(m, "c8"), "exact five: makes five, not the overline");
    m = move_in(e, &g, 15, 0, "d8 e8 f8 g8 i8", "c8 a3 a5 o15 o13", GOMOKU_BLACK);
    TAP_OK(one_of(m, "h8"), "freestyle: the overline wins");
}

static void vcf_win(engine *e)
{
    gomoku g;
    engine_limits lim = budget();
    /* Black: a closed three on row 8 and one on column l, no open threes;
     * l8 would be a four-four, reached by fours. */
    setup_position(e, &g, 15, 0, "h8 i8 j8 l9 l10 l11 c3", "g8 l12 a1 a15 o1 o15 n2", GOMOKU_BLACK);
    TAP_OK(play_out_vcf(e, &g, &lim, 10) > 0, "wins a VCF (four-four)");
    /* A longer chain, met in a game (also in vcf_suite.h). */
    setup_position(e, &g, 15, 0, "d6 i6 j6 f7 h7 g8 h8 f9 h9 g11",
                   "f5 j5 e6 f6 g6 h6 g7 k9 e10 k11", GOMOKU_BLACK);
    TAP_OK(play_out_vcf(e, &g, &lim, 12) > 2, "wins a VCF of several fours");
}

/* Black threatens a VCF of seven fours (vcf_suite.h "game 3", a1 added so
 * that white is to move): white's answer must leave black without one, as
 * a second engine's threat search sees it. */
static void vcf_defence(engine *e)
{
    static const char *black = "a1 d6 i6 j6 f7 h7 g8 h8 f9 h9 g11";
    static const char *white = "f5 j5 e6 f6 g6 h6 g7 k9 e10 k11";
    engine *judge = engine_new(1 << 20);
    engine_limits lim = budget();
    char list[128], pt[8];
    gomoku g;
    int x = -1, y = -1, bx, by;
    setup_position(e, &g, 15, 0, black, white, GOMOKU_WHITE);
    engine_think(e, &lim, &x, &y);
    gomoku_point_to_text(x, y, pt, sizeof pt);
    snprintf(list, sizeof list, "%s %s", white, pt);
    setup_position(judge, &g, 15, 0, black, list, GOMOKU_BLACK);
    engine_think(judge, &lim, &bx, &by);
    TAP_OK(strcmp(engine_last_stats(judge)->how, "vcf") != 0,
           "stops the opponent's VCF (white %s, then black: %s)", pt,
           engine_last_stats(judge)->how);
    engine_free(judge);
}

static void renju(engine *e)
{
    gomoku g;
    const char *m;
    engine_limits lim = budget();
    int x, y;
    /* h8 would be black's double-three (f8 g8 h8 and h6 h7 h8). */
    m = move_in(e, &g, 15, ENGINE_RULE_RENJU, "f8 g8 h6 h7", "a1 a15 o1 o15", GOMOKU_BLACK);
    TAP_OK(m[0] && strcmp(m, "h8") != 0, "Renju: black does not play its double-three point");
    TAP_OK(gomoku_is_forbidden(&g, 7, 7) != GOMOKU_OK, "Renju: h8 is indeed forbidden");
    /* Freestyle: the same point is black's best. */
    m = move_in(e, &g, 15, 0, "f8 g8 h6 h7", "a1 a15 o1 o15", GOMOKU_BLACK);
    TAP_OK(one_of(m, "h8"), "freestyle: black plays the double three");
    /* h8 would be black's double-four (e8 f8 g8 h8 and h4 h5 h6 h8, both
     * closed by white): forbidden under Renju, the winning move otherwise. */
    m = move_in(e, &g, 15, ENGINE_RULE_RENJU, "e8 f8 g8 h4 h5 h6", "d8 h3 a1 a15 o1 o15",
                GOMOKU_BLACK);
    TAP_OK(gomoku_is_forbidden(&g, 7, 7) == GOMOKU_DOUBLE_FOUR, "h8 is a double-four");
    {
        int mx = -1, my = -1;
        gomoku_point_from_text(m, &mx, &my);
        TAP_OK(m[0] && strcmp(m, "h8") != 0 && gomoku_is_forbidden(&g, mx, my) == GOMOKU_OK,
               "Renju: black does not play its double-four point (%s)", m);
    }
    m = move_in(e, &g, 15, 0, "e8 f8 g8 h4 h5 h6", "d8 h3 a1 a15 o1 o15", GOMOKU_BLACK);
    TAP_OK(one_of(m, "h8"), "freestyle: black plays the four-four");

    /* White's trap: l12 makes a four (i9 j10 k11 l12, m13 blocked) whose
     * only five point h8 is black's double-three point. */
    setup_position(e, &g, 15, ENGINE_RULE_RENJU, "f8 g8 h6 h7 m13 g7", "i9 j10 k11 a1 o1",
                   GOMOKU_WHITE);
    TAP_OK(gomoku_is_forbidden(&g, 7, 7) == GOMOKU_DOUBLE_THREE, "trap: h8 is forbidden to black");
    x = y = -1;
    engine_think(e, &lim, &x, &y);
    TAP_OK(x == 11 && y == 11,
           "Renju: white makes the four whose block is forbidden (got %c%d, %s)", 'a' + x, y + 1,
           engine_last_stats(e)->how);
    setup_position(e, &g, 15, ENGINE_RULE_RENJU, "f8 g8 h6 h7 m13 g7", "i9 j10 k11 a1 o1",
                   GOMOKU_WHITE);
    TAP_OK(play_out_vcf(e, &g, &lim, 4) > 0, "Renju: white wins through the forbidden point");
    /* Freestyle: the same four is simply blocked, so it is no win. */
    setup_position(e, &g, 15, 0, "f8 g8 h6 h7 m13 g7", "i9 j10 k11 a1 o1", GOMOKU_WHITE);
    engine_think(e, &lim, &x, &y);
    TAP_OK(strcmp(engine_last_stats(e)->how, "vcf") != 0, "freestyle: no VCF there (%s)",
           engine_last_stats(e)->how);

    /* Black's d8 e8 f8 g8 . i8: h8 is an overline, so no threat; white
     * makes its straight four instead of blocking. */
    m = move_in(e, &g, 15, ENGINE_RULE_RENJU, "d8 e8 f8 g8 i8 b2", "c8 f12 g12 h12 a15",
                GOMOKU_WHITE);
    TAP_OK(one_of(m, "e12 i12"), "Renju: a black four completed only by an overline is no threat");
}

/* Renju: in positions from a seeded random game, black's choice is allowed. */
static void renju_random(engine *e)
{
    engine_limits lim = {60000, 0, -1, 2, 20000};
    unsigned seed = 12345;
    int bad = 0, moves = 0;
    gomoku g;
    for (int game = 0; game < 4; game++) {
        engine_start(e, 15, 15);
        engine_set_rule(e, ENGINE_RULE_RENJU);
        gomoku_init(&g, 15, GOMOKU_RENJU);
        while (gomoku_get_status(&g) == GOMOKU_PLAYING && gomoku_move_count(&g) < 60) {
            int x, y;
            if (gomoku_to_move(&g) == GOMOKU_BLACK) {
                if (engine_think(e, &lim, &x, &y) != ENGINE_OK)
                    break;
                moves++;
                bad += gomoku_play(&g, x, y) != GOMOKU_OK;
                if (gomoku_at(&g, x, y) != GOMOKU_BLACK)
                    break;
                engine_put(e, x, y, ENGINE_OWN);
            } else {
                do {
                    seed = seed * 1103515245u + 12345u;
                    x = (int)((seed >> 8) % 7) + 4;
                    seed = seed * 1103515245u + 12345u;
                    y = (int)((seed >> 8) % 7) + 4;
                } while (gomoku_at(&g, x, y) != GOMOKU_EMPTY && gomoku_move_count(&g) < 45);
                if (gomoku_at(&g, x, y) != GOMOKU_EMPTY)
                    break;
                gomoku_play(&g, x, y);
                engine_put(e, x, y, ENGINE_OPPONENT);
            }
        }
    }
    TAP_OK(moves > 20 && bad == 0, "Renju: %d black moves in random games, %d forbidden", moves,
           bad);
}

int main(void)
{
    engine *e = engine_new(1 << 20);
    if (!TAP_OK(e != NULL, "engine_new"))
        return tap_done();
    basic_tactics(e);
    five_rules(e);
    vcf_win(e);
    vcf_defence(e);
    renju(e);
    renju_random(e);
    engine_free(e);
    return tap_done();
}
