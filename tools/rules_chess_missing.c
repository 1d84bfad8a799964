/* rules_chess_missing.c: stands in for tools/rules_chess.c until the chess
 * rules are built into matchboard-rules. */
#include <stdio.h>

#include "rules_cli.h"

int rules_chess_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("matchboard-rules: chess is not built yet\n", stderr);
    return 2;
}
