/* rules_main.c: matchboard-rules, the command-line face of the rules
 * module. Dispatches on the game's name. */
#include <stdio.h>
#include <string.h>

#include "mb_config.h"
#include "rules_cli.h"

static const char usage[] = "usage: matchboard-rules GAME COMMAND [ARGS...]\n"
                            "       matchboard-rules --help | --version\n"
                            "\n"
                            "games:\n"
                            "  gomoku   check, play, sgf (matchboard-rules gomoku --help)\n"
                            "  chess    (matchboard-rules chess --help)\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("matchboard-rules %s\n", MATCHBOARD_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "gomoku") == 0)
        return rules_gomoku_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "chess") == 0)
        return rules_chess_main(argc - 1, argv + 1);
    fprintf(stderr, "matchboard-rules: unknown game '%s' (gomoku or chess)\n", argv[1]);
    return 2;
}
