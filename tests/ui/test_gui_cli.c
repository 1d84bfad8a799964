/* test_gui_cli.c: matchboard's command line (ui/gui_cli.c): its table, both
 * value spellings, the names from the rules module, and its refusals. */
#include <string.h>

#include "cli_table_check.h"
#include "computer_levels.h"
#include "gui_cli.h"

static cli_status parse(app_options *o, char *err, int argc, char **argv)
{
    return gui_cli_parse(argc, argv, o, err, 200);
}

/* (argc, argv: SDL's main on Windows wants them in its prototype.) */
int main(int argc, char **argv)
{
    app_options o;
    char err[200];
    char *full[] = {"matchboard",     "--connect=h:1",  "--name",    "ann",
                    "--size=800x600", "--place",        "right",     "--view",
                    "chess",          "--level=strong", "--frames",  "5",
                    "--game",         "chess",          "--computer"};
    char *none[] = {"matchboard"};
    char *bad_level[] = {"matchboard", "--level", "hard"};
    char *bad_size[] = {"matchboard", "--size", "100x600"};
    char *bad_view[] = {"matchboard", "--view=go"};
    char *missing[] = {"matchboard", "--font"};
    char *help[] = {"matchboard", "-h"};
    char *watch[] = {"matchboard", "--connect", "h", "--watch", "--match=12"};
    char *watch_alone[] = {"matchboard", "--watch"};
    char *match_alone[] = {"matchboard", "--connect", "h", "--match", "3"};
    char *watch_cpu[] = {"matchboard", "--connect", "h", "--watch", "--computer"};

    (void)argc;
    (void)argv;
    cli_check_table(gui_cli());
    TAP_INT_EQ(parse(&o, err, 15, full), CLI_OK, "a full command line");
    TAP_OK(strcmp(o.connect, "h:1") == 0 && strcmp(o.name, "ann") == 0, "--connect=, --name");
    TAP_OK(o.width == 800 && o.height == 600 && o.place == 'r', "--size=WxH, --place");
    TAP_STR_EQ(o.view_game, "chess", "--view: a game's name");
    TAP_STR_EQ(o.computer_game, "chess", "--game: a game's name");
    TAP_OK(o.computer && o.computer_level == 2 && o.screenshot_frames == 5,
           "--computer, --level=strong, --frames");
    TAP_INT_EQ(parse(&o, err, 1, none), CLI_OK, "no flags");
    TAP_OK(!o.view_game && !o.computer_game && !o.place && !o.width, "nothing set but the level");
    TAP_INT_EQ(o.computer_level, COMPUTER_DEFAULT_LEVEL, "the default level");
    TAP_INT_EQ(parse(&o, err, 3, bad_level), CLI_ERR_NAME, "an unknown level");
    TAP_OK(strstr(err, "--level") && strstr(err, "Beginner"), "names the flag and the levels");
    TAP_INT_EQ(parse(&o, err, 3, bad_size), CLI_ERR_VALUE, "a window too small");
    TAP_INT_EQ(parse(&o, err, 2, bad_view), CLI_ERR_NAME, "an unknown game");
    TAP_STR_EQ(err, "--view: 'go' is not gomoku or chess", "the games from the rules module");
    TAP_INT_EQ(parse(&o, err, 2, missing), CLI_ERR_MISSING, "a missing value");
    TAP_INT_EQ(parse(&o, err, 2, help), CLI_HELP_ASKED, "-h");
    TAP_INT_EQ(parse(&o, err, 5, watch), CLI_OK, "--watch with --connect and --match");
    TAP_OK(o.watch && o.watch_match == 12 && strcmp(o.connect, "h") == 0, "--watch, --match");
    TAP_INT_EQ(parse(&o, err, 1, none), CLI_OK, "no flags again");
    TAP_OK(!o.watch && o.watch_match == 0, "play by default, the most recent match");
    TAP_INT_EQ(parse(&o, err, 2, watch_alone), CLI_ERR_VALUE, "--watch without --connect");
    TAP_STR_EQ(err,
               "--watch needs --connect HOST[:PORT] (or use the connect screen's Watch button)",
               "says what it needs");
    TAP_INT_EQ(parse(&o, err, 5, match_alone), CLI_ERR_VALUE, "--match without --watch");
    TAP_INT_EQ(parse(&o, err, 5, watch_cpu), CLI_ERR_VALUE, "--watch with --computer");
    TAP_STR_EQ(err, "--watch plays no game: drop --computer and --view", "says what to drop");
    return tap_done();
}
