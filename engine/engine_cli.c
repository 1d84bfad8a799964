/* engine_cli.c: matchboard-engine's command line, one table (cli.h). */
#include "engine_cli.h"

#include <string.h>

static const cli_option options[] = {
    {CLI_FLAG, "messages", 0, CLI_FIELD(engine_args, messages),
     .help = "send a MESSAGE line about each search before the move"},
    CLI_OPTION_HELP,
    CLI_OPTION_VERSION,
};

static const cli_program program = {
    "matchboard-engine",
    "matchboard-engine [--messages]",
    "A Gomoku/Renju engine speaking the Gomocup (pbrain) protocol on stdin/stdout.\n",
    CLI_OPTIONS(options),
    NULL,
    NULL};

const cli_program *engine_cli(void)
{
    return &program;
}

cli_status engine_cli_parse(int argc, char **argv, engine_args *out, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    return cli_parse(&program, argc, argv, 1, out, err, cap);
}
