/* rules_main.c: matchboard-rules, the command-line face of the rules
 * module. Dispatches on the game's name (game_ops_by_name). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "game.h"
#include "mb_config.h"
#include "rules_cli.h"

static int set_game(void *target, const char *arg, char *why, size_t cap)
{
    char names[64];
    const game_ops **ops = target;
    *ops = game_ops_by_name(arg);
    if (!*ops) {
        cli_enum_list(game_name_at, names, sizeof names);
        snprintf(why, cap, "unknown game '%s' (%s)", arg, names);
        return -1;
    }
    return 0;
}

static const cli_option options[] = {
    CLI_OPTION_HELP,
    CLI_OPTION_VERSION,
};

static const cli_program program = {
    "matchboard-rules",
    "matchboard-rules GAME COMMAND [ARGS...]\n"
    "       matchboard-rules --help | --version",
    NULL,
    CLI_OPTIONS(options),
    "games:\n"
    "  gomoku   check, play, sgf (matchboard-rules gomoku --help)\n"
    "  chess    perft, moves, play, pgn (matchboard-rules chess --help)\n",
    set_game};

int main(int argc, char **argv)
{
    const game_ops *ops = NULL;
    char err[256];
    if (argc < 2)
        return cli_usage_error(&program, stderr, "missing GAME: chess or gomoku");
    /* Only the first word is ours: the rest is the game's. */
    switch (cli_parse(&program, 2, argv, 1, (void *)&ops, err, sizeof err)) {
    case CLI_OK:
        break;
    case CLI_HELP_ASKED:
        return cli_print_help(&program, stdout) == 0 ? 0 : 1;
    case CLI_VERSION_ASKED:
        printf("matchboard-rules %s\n", MATCHBOARD_VERSION);
        return 0;
    default:
        return cli_usage_error(&program, stderr, err);
    }
    if (!ops) /* "--" */
        return cli_usage_error(&program, stderr, "missing GAME: chess or gomoku");
    return ops->kind == GAME_KIND_CHESS ? rules_chess_main(argc - 1, argv + 1)
                                        : rules_gomoku_main(argc - 1, argv + 1);
}
