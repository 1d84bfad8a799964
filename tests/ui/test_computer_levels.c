/* test_computer_levels.c: the levels of "Play the computer" and the bot
 * flags each means in each game. */
#include <string.h>

#include "computer_levels.h"
#include "tap.h"

static int has(const char *const *flags, size_t n, const char *a, const char *b)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (strcmp(flags[i], a) == 0 && strcmp(flags[i + 1], b) == 0)
            return 1;
    return 0;
}

int main(void)
{
    const char *f[16];
    size_t n;
    TAP_STR_EQ(computer_level_name(0), "Beginner", "level 0");
    TAP_STR_EQ(computer_level_name(COMPUTER_LEVELS - 1), "Max", "the last level");
    TAP_OK(computer_level_name(COMPUTER_LEVELS) == NULL && computer_level_name(-1) == NULL,
           "out of range");
    TAP_INT_EQ(computer_level_parse("strong"), 2, "a name in any case");
    TAP_INT_EQ(computer_level_parse("CASUAL"), 1, "upper case");
    TAP_INT_EQ(computer_level_parse("Casu"), -1, "a prefix is no name");
    TAP_INT_EQ(computer_level_parse("grandmaster"), -1, "an unknown name");
    n = computer_bot_flags(GAME_KIND_CHESS, 0, NULL, f, 16);
    TAP_INT_EQ(n, 6, "chess: six flags");
    TAP_OK(has(f, n, "--engine", "stockfish"), "stockfish by default");
    TAP_OK(has(f, n, "--engine-option", "Skill Level=0"), "Beginner is Skill Level 0");
    TAP_OK(has(f, n, "--movetime", "100"), "and 0.1 s a move");
    TAP_OK(f[n] == NULL, "NULL-terminated");
    n = computer_bot_flags(GAME_KIND_CHESS, 3, "/opt/sf", f, 16);
    TAP_OK(has(f, n, "--engine", "/opt/sf") && has(f, n, "--engine-option", "Skill Level=20"),
           "Max is full strength, with the given engine");
    n = computer_bot_flags(GAME_KIND_GOMOKU, 2, NULL, f, 16);
    TAP_OK(n == 4 && has(f, n, "--engine", "builtin") && has(f, n, "--movetime", "1000"),
           "Gomoku: the builtin engine, a second a move at Strong");
    n = computer_bot_flags(GAME_KIND_GOMOKU, 99, NULL, f, 16);
    TAP_OK(has(f, n, "--movetime", "250"), "a bad level is Casual");
    n = computer_bot_flags(GAME_KIND_CHESS, 1, NULL, f, 3);
    TAP_OK(n == 2 && f[2] == NULL, "a short array is cut, still NULL-terminated");
    {
        gomoku_opening_rule r = GOMOKU_OPENING_NONE;
        char seen[64] = "";
        for (int i = 0; i < 3; i++) {
            r = computer_opening_next(r);
            strcat(seen, gomoku_opening_rule_name(r));
            strcat(seen, " ");
            TAP_OK(gomoku_opening_unfit(r, GOMOKU_FREESTYLE, 15) == NULL ||
                       r == GOMOKU_OPENING_NONE,
                   "%s fits the computer's freestyle board", gomoku_opening_rule_name(r));
        }
        TAP_STR_EQ(seen, "swap swap2 none ", "the computer's openings in turn");
        TAP_INT_EQ(computer_opening_next(GOMOKU_OPENING_RIF), GOMOKU_OPENING_NONE,
                   "an opening the computer does not play steps to none");
    }
    return tap_done();
}
