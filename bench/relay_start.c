/* relay_start.c: the bare relays' command line and listener. */
#include <stdio.h>

#include "cli.h"
#include "relay_start.h"

typedef struct relay_args {
    uint16_t port;
    int echo;
} relay_args;

static const cli_option options[] = {
    {CLI_UINT, "port", 0, CLI_FIELD(relay_args, port), .umax = 65535, .arg = "N",
     .help = "TCP port on 127.0.0.1 (default 0: a free one)"},
    {CLI_FLAG, "echo", 0, CLI_FIELD(relay_args, echo),
     .help = "every packet also goes back to its sender"},
    CLI_OPTION_HELP,
};

int relay_start(int argc, char **argv, const char *name, int *echo, sock_t *listener)
{
    char synopsis[96], err[256];
    cli_program program = {synopsis,
                           synopsis,
                           "A bare relay: the floor matchboard-loadgen measures.\n",
                           CLI_OPTIONS(options),
                           NULL,
                           NULL};
    relay_args args = {0, 0};
    sock_addr a;
    size_t n;
    snprintf(synopsis, sizeof synopsis, "%s [--port N] [--echo]", name);
    program.name = name;
    switch (cli_parse(&program, argc, argv, 1, &args, err, sizeof err)) {
    case CLI_OK:
        break;
    case CLI_HELP_ASKED:
        cli_print_help(&program, stdout);
        return -1;
    default:
        fprintf(stderr, "%s: %s (see --help)\n", name, err);
        return 2;
    }
    *echo = args.echo;
    sock_startup();
    if (sock_resolve("127.0.0.1", args.port, 1, &a, 1, &n) != SOCK_OK ||
        sock_listen(&a, 4096, listener) != SOCK_OK || sock_local_addr(*listener, &a) != SOCK_OK) {
        fprintf(stderr, "%s: cannot listen\n", name);
        return 1;
    }
    printf("listening on 127.0.0.1:%u\n", (unsigned)sock_addr_port(&a));
    fflush(stdout);
    return 0;
}
