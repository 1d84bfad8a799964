/* main.c: matchboard, the GUI client: command line, then app_run. */
#include <stdio.h>

#include "app.h"
#include "gui_cli.h"
#include "mb_config.h"
#include "packet.h"

int main(int argc, char **argv)
{
    app_options o;
    char err[256];
    switch (gui_cli_parse(argc, argv, &o, err, sizeof err)) {
    case CLI_OK:
        return app_run(&o);
    case CLI_HELP_ASKED:
        cli_print_help(gui_cli(), stdout);
        return 0;
    case CLI_VERSION_ASKED:
        printf("matchboard %s (protocol %d to %d)\n", MATCHBOARD_VERSION, PACKET_VERSION_MIN,
               PACKET_VERSION);
        return 0;
    default:
        return cli_usage_error(gui_cli(), stderr, err);
    }
}
