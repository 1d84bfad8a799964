/* engine_cli.h: matchboard-engine's command line, as one table (cli.h). */
#ifndef MATCHBOARD_ENGINE_CLI_H
#define MATCHBOARD_ENGINE_CLI_H

#include <stddef.h>

#include "cli.h"

typedef struct engine_args {
    int messages; /* --messages: a MESSAGE line about each search */
} engine_args;

/* Parses argv (argv[0] is the program) into *out, zeroed first. */
cli_status engine_cli_parse(int argc, char **argv, engine_args *out, char *err, size_t cap);

/* The table: for --help (cli_print_help) and tests. */
const cli_program *engine_cli(void);

#endif
