/* rules_cli.h: the per-game entry points of matchboard-rules. TEMPORARY copy
 * on the chess branch; the Gomoku branch owns this header. */
#ifndef MATCHBOARD_RULES_CLI_H
#define MATCHBOARD_RULES_CLI_H

/* `matchboard-rules chess ...`: argv[0] is "chess". Returns the exit code. */
int rules_chess_main(int argc, char **argv);

#endif
