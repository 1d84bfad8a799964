/* rules_chess_only_main.c: TEMPORARY stand-alone entry point for the chess
 * subcommands until tools/rules_main.c (the matchboard-rules dispatcher)
 * lands; the lead replaces this at merge. */
#include "rules_cli.h"

int main(int argc, char **argv)
{
    return rules_chess_main(argc - 1, argv + 1);
}
