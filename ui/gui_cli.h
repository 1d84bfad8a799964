/* gui_cli.h: the command line of matchboard, the GUI, as one table
 * (cli.h). */
#ifndef MATCHBOARD_UI_GUI_CLI_H
#define MATCHBOARD_UI_GUI_CLI_H

#include <stddef.h>

#include "app.h"
#include "cli.h"

/* Parses argv (argv[0] is the program) into *o, its defaults first (all
 * unset, level casual). CLI_OK, CLI_HELP_ASKED, CLI_VERSION_ASKED, or an
 * error with a one-line message in err. */
cli_status gui_cli_parse(int argc, char **argv, app_options *o, char *err, size_t cap);

/* The table: for --help (cli_print_help) and tests. */
const cli_program *gui_cli(void);

#endif
