/* game_registry.c: finds a game's ops by kind or name. */
#include <string.h>

#include "game.h"

static const game_ops *const all_games[] = {&game_gomoku_ops, &game_chess_ops};

const game_ops *game_ops_for_kind(game_kind kind)
{
    for (size_t i = 0; i < sizeof all_games / sizeof all_games[0]; i++)
        if (all_games[i]->kind == kind)
            return all_games[i];
    return NULL;
}

const char *game_name_at(int i)
{
    return i >= 0 && i < (int)(sizeof all_games / sizeof all_games[0]) ? all_games[i]->name : NULL;
}

const game_ops *game_ops_by_name(const char *name)
{
    for (size_t i = 0; name && i < sizeof all_games / sizeof all_games[0]; i++)
        if (strcmp(all_games[i]->name, name) == 0)
            return all_games[i];
    return NULL;
}
