/* rules_gomoku.h: the Gomoku commands of matchboard-rules as a function
 * that writes into buffers instead of stdout/stderr, so tests can call it. */
#ifndef MATCHBOARD_RULES_GOMOKU_H
#define MATCHBOARD_RULES_GOMOKU_H

#include <stddef.h>

#include "cli.h"

typedef struct rules_output {
    char out[4096]; /* what goes to stdout (NUL-terminated, may be cut) */
    char err[1024]; /* what goes to stderr */
    size_t out_len, err_len;
} rules_output;

/* Runs `gomoku COMMAND ARGS...` (argv[0] is "gomoku"). Returns the exit
 * status: 0 on success (including a refused move, which is an answer), 2 on
 * bad usage or unreadable input with the reason in o->err. */
int rules_gomoku_run(int argc, char **argv, rules_output *o);

/* The command-line table of `gomoku`: for tests. */
const cli_program *rules_gomoku_cli(void);

#endif
