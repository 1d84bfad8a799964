/* test_cli_tables.c: every program's command-line table (the server, the
 * bot, matchboard-rules and its games, the engine; the GUI's is walked in
 * tests/ui/test_gui_cli.c): no flag named twice, each listed once in the
 * generated --help. */
#include "bot.h"
#include "cli_table_check.h"
#include "engine_cli.h"
#include "rules_cli.h"
#include "rules_gomoku.h"
#include "server_options.h"

int main(void)
{
    cli_check_table(options_cli());
    cli_check_table(bot_cli());
    cli_check_table(rules_gomoku_cli());
    cli_check_table(rules_chess_cli());
    cli_check_table(engine_cli());
    return tap_done();
}
