/* computer_levels.c: see computer_levels.h. */
#include <ctype.h>
#include <string.h>

#include "computer_levels.h"

static const struct {
    const char *name;
    const char *chess_ms, *chess_skill, *gomoku_ms;
} levels[COMPUTER_LEVELS] = {
    {"Beginner", "100", "Skill Level=0", "50"},
    {"Casual", "300", "Skill Level=5", "250"},
    {"Strong", "1000", "Skill Level=12", "1000"},
    {"Max", "3000", "Skill Level=20", "3000"},
};

const char *computer_level_name(int level)
{
    return level >= 0 && level < COMPUTER_LEVELS ? levels[level].name : NULL;
}

int computer_level_parse(const char *name)
{
    for (int i = 0; i < COMPUTER_LEVELS; i++) {
        const char *a = levels[i].name, *b = name;
        while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
            a++;
            b++;
        }
        if (!*a && !*b)
            return i;
    }
    return -1;
}

gomoku_opening_rule computer_opening_next(gomoku_opening_rule r)
{
    static const gomoku_opening_rule played[] = {GOMOKU_OPENING_NONE, GOMOKU_OPENING_SWAP,
                                                 GOMOKU_OPENING_SWAP2};
    size_t n = sizeof played / sizeof played[0];
    for (size_t i = 0; i < n; i++)
        if (played[i] == r)
            return played[(i + 1) % n];
    return GOMOKU_OPENING_NONE;
}

const char *computer_default_engine(game_kind kind)
{
    return kind == GAME_KIND_CHESS ? "stockfish" : "builtin";
}

size_t computer_bot_flags(game_kind kind, int level, const char *engine, const char **out,
                          size_t cap)
{
    const char *flags[7];
    size_t n = 0, i;
    if (level < 0 || level >= COMPUTER_LEVELS)
        level = COMPUTER_DEFAULT_LEVEL;
    flags[n++] = "--engine";
    flags[n++] = engine ? engine : computer_default_engine(kind);
    flags[n++] = "--movetime";
    flags[n++] = kind == GAME_KIND_CHESS ? levels[level].chess_ms : levels[level].gomoku_ms;
    if (kind == GAME_KIND_CHESS) {
        flags[n++] = "--engine-option";
        flags[n++] = levels[level].chess_skill;
    }
    for (i = 0; i < n && i + 1 < cap; i++)
        out[i] = flags[i];
    if (cap)
        out[i] = NULL;
    return i;
}
