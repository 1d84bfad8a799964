/* server_options.h: the matchboard-server command line. */
#ifndef MATCHBOARD_SERVER_OPTIONS_H
#define MATCHBOARD_SERVER_OPTIONS_H

#include <stddef.h>

#include "cli.h"
#include "server.h"

typedef enum options_result {
    OPTIONS_RUN = 0,     /* *out is ready */
    OPTIONS_HELP = 1,    /* --help: print cli_help of options_cli, exit 0 */
    OPTIONS_VERSION = 2, /* --version */
    OPTIONS_BAD = 3,     /* message in err: print it, exit 2 */
} options_result;

/* Parses argv (argv[0] is the program) into *out, defaults first: port
 * 7777, every interface, Gomoku freestyle 15x15, no clock, records in
 * ./records, no client limit, 60 s grace, log level info. Strings in *out
 * point into argv. backends: the event loops --io may name (NULL-ended,
 * evloop_backends()); out->io points at the one named. */
options_result options_parse(int argc, char **argv, const char *const *backends,
                             server_options *out, char *err, size_t cap);

/* The command-line table: for --help (cli_print_help) and tests. */
const cli_program *options_cli(void);

#endif
