/* engine_main.c: matchboard-engine, a Gomoku/Renju brain for the Gomocup
 * protocol on stdin and stdout (docs/engine.md). */
#include "brain.h"
#include "brain_io.h"
#include "engine_cli.h"
#include "gomocup.h"
#include "mb_config.h"

#include <stdio.h>

static void write_line(void *ctx, const char *line)
{
    (void)ctx;
    brain_io_write_line(line);
}

int main(int argc, char **argv)
{
    char line[GOMOCUP_MAX_LINE], err[256];
    engine_args args;
    brain *b;
    switch (engine_cli_parse(argc, argv, &args, err, sizeof err)) {
    case CLI_OK:
        break;
    case CLI_HELP_ASKED:
        cli_print_help(engine_cli(), stdout);
        return 0;
    case CLI_VERSION_ASKED:
        printf("matchboard-engine %s\n", MATCHBOARD_VERSION);
        return 0;
    default:
        return cli_usage_error(engine_cli(), stderr, err);
    }
    brain_io_init();
    b = brain_new(args.messages);
    if (!b) {
        fputs("matchboard-engine: out of memory\n", stderr);
        return 1;
    }
    while (brain_io_read_line(line, sizeof line) == 0)
        if (brain_line(b, line, write_line, NULL))
            break;
    brain_free(b);
    return 0;
}
