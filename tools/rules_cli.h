/* rules_cli.h: the games of matchboard-rules. rules_main.c dispatches on
 * argv[1]; each game's entry point gets argv from the game's name on
 * (argv[0] is "gomoku" or "chess") and returns the exit status. */
#ifndef MATCHBOARD_RULES_CLI_H
#define MATCHBOARD_RULES_CLI_H

#include "cli.h"

/* matchboard-rules gomoku check|play|sgf ... (tools/rules_gomoku.c) */
int rules_gomoku_main(int argc, char **argv);

/* matchboard-rules chess ... (tools/rules_chess.c) */
int rules_chess_main(int argc, char **argv);
/* Its command-line table: for tests. */
const cli_program *rules_chess_cli(void);

#endif
