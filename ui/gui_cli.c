/* gui_cli.c: matchboard's command line, one table (cli.h). */
#include "gui_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "computer_levels.h"

/* What the table fills: the options, and the choices named by number
 * until they are turned into the options' form. */
typedef struct gui_args {
    app_options o;
    int view, game, place; /* game_name_at, place_name; -1: not given */
} gui_args;

static const char *place_name(int i)
{
    static const char *const names[] = {"left", "right"};
    return i >= 0 && i < 2 ? names[i] : NULL;
}

/* --size WxH, each 200..8192 points. */
static int parse_size(void *target, const char *v, char *why, size_t cap)
{
    app_options *o = &((gui_args *)target)->o;
    char *end;
    long w = strtol(v, &end, 10), h = *end == 'x' ? strtol(end + 1, &end, 10) : 0;
    if (*v < '0' || *v > '9' || *end != '\0' || w < 200 || h < 200 || w > 8192 || h > 8192) {
        snprintf(why, cap, "'%s' is not WxH, each 200..8192", v);
        return -1;
    }
    o->width = (int)w;
    o->height = (int)h;
    return 0;
}

/* --watch and --match beside the other flags: NULL, or what is wrong. */
static const char *watch_conflict(const app_options *o)
{
    if (o->watch_match && !o->watch)
        return "--match names the match to --watch: add --watch";
    if (!o->watch)
        return NULL;
    if (!o->connect)
        return "--watch needs --connect HOST[:PORT] (or use the connect screen's Watch button)";
    if (o->computer || o->view_game)
        return "--watch plays no game: drop --computer and --view";
    return NULL;
}

static const cli_option options[] = {
    {CLI_SECTION, .help = "Playing:"},
    {CLI_STRING, "connect", 0, CLI_FIELD(gui_args, o.connect), .arg = "HOST[:PORT]",
     .help = "connect at once (port 7777 by default), skipping the connect screen"},
    {CLI_STRING, "name", 0, CLI_FIELD(gui_args, o.name), .arg = "NAME", .help = "your player name"},
    {CLI_FLAG, "watch", 0, CLI_FIELD(gui_args, o.watch),
     .help = "watch a game on the --connect server instead of playing (the most recent one "
             "running)"},
    {CLI_UINT, "match", 0, CLI_FIELD(gui_args, o.watch_match), .umin = 1, .umax = 4294967295u,
     .arg = "ID", .help = "with --watch: the match to watch (the id the server logs)"},
    {CLI_FLAG, "computer", 0, CLI_FIELD(gui_args, o.computer),
     .help = "play the computer: an engine takes the other seat (on the --connect server, else "
             "on a local server started for the game)"},
    {CLI_ENUM, "game", 0, CLI_FIELD(gui_args, game), .name_of = game_name_at, .arg = "G",
     .help = "the local server's game with --computer: {names} (default gomoku)"},
    {CLI_ENUM, "level", 0, CLI_FIELD(gui_args, o.computer_level), .name_of = computer_level_name,
     .arg = "LEVEL",
     .help = "the computer's strength, with --computer or on the connect screen: {names} "
             "(default Casual)"},
    {CLI_STRING, "engine", 0, CLI_FIELD(gui_args, o.engine), .arg = "CMD",
     .help = "the computer's engine, with --computer or on the connect screen (default: "
             "matchboard-engine for Gomoku, stockfish for chess)"},
    {CLI_FLAG, "no-config", 0, CLI_FIELD(gui_args, o.no_config),
     .help = "do not read or write the remembered servers"},
    {CLI_FLAG, "no-discovery", 0, CLI_FIELD(gui_args, o.no_discovery),
     .help = "do not look for servers on the LAN"},
    {CLI_STRING, "discover-to", 0, CLI_FIELD(gui_args, o.discover_to), .arg = "HOST[:PORT]",
     .help = "look for servers at that host only (unicast), not by broadcast"},

    {CLI_SECTION, .help = "Window:"},
    {CLI_STRING, "font", 0, CLI_FIELD(gui_args, o.font), .arg = "PATH",
     .help = "the TrueType font to use (it must have the chess figurines U+2654..U+265F); "
             "default: found through fontconfig, or Segoe UI Symbol on Windows"},
    {CLI_CUSTOM, "size", 0, .parse = parse_size, .arg = "WxH",
     .help = "initial window size in points (default 1100x760)"},
    {CLI_ENUM, "place", 0, CLI_FIELD(gui_args, place), .name_of = place_name, .arg = "SIDE",
     .help = "open on that half of the screen: {names}"},
    {CLI_ENUM, "view", 0, CLI_FIELD(gui_args, view), .name_of = game_name_at, .arg = "G",
     .help = "show a local game of {names} without a server (with --moves)"},
    {CLI_STRING, "moves", 0, CLI_FIELD(gui_args, o.view_moves), .arg = "\"h8 i9 ...\"",
     .help = "the moves of that game (SAN or UCI for chess)"},

    {CLI_SECTION, .help = "Testing:"},
    {CLI_STRING, "screenshot", 0, CLI_FIELD(gui_args, o.screenshot), .arg = "FILE",
     .help = "write the window to FILE at game over, or after --frames (PNG when FILE ends "
             "in .png, else BMP)"},
    {CLI_UINT, "frames", 0, CLI_FIELD(gui_args, o.screenshot_frames), .umin = 1, .umax = 999999,
     .arg = "N", .help = "N frames (16 ms each), then quit"},
    {CLI_FLAG, "exit-at-end", 0, CLI_FIELD(gui_args, o.quit_after_game),
     .help = "quit once the game is over (after the screenshot)"},
    {CLI_FLAG, "trace", 0, CLI_FIELD(gui_args, o.trace),
     .help = "print what the window shows, a line per change"},
    {CLI_STRING, "script", 0, CLI_FIELD(gui_args, o.script), .arg = "FILE",
     .help = "test hook: scripted moves clicked on the board"},

    {CLI_SECTION, .help = "Other:"},
    CLI_OPTION_HELP,
    CLI_OPTION_VERSION,
};

static const cli_program program = {
    "matchboard",
    "matchboard [options]",
    "Play Gomoku or chess against another player through a matchboard-server.\n",
    CLI_OPTIONS(options),
    "Keys on the game screen: Esc cancels a selection, F flips the board, Backspace asks\n"
    "to take back a move, + gives the opponent 15 s, L leaves the game, Ctrl+Q closes\n"
    "the window.\n",
    NULL};

const cli_program *gui_cli(void)
{
    return &program;
}

cli_status gui_cli_parse(int argc, char **argv, app_options *o, char *err, size_t cap)
{
    gui_args a;
    cli_status s;
    const char *why;
    memset(&a, 0, sizeof a);
    a.o.computer_level = COMPUTER_DEFAULT_LEVEL;
    a.view = a.game = a.place = -1;
    s = cli_parse(&program, argc, argv, 1, &a, err, cap);
    if (s == CLI_OK && a.game >= 0 && !a.o.computer) {
        /* Nothing else plays it: the connect screen has a button per game. */
        snprintf(err, cap, "--game %s goes with --computer", game_name_at(a.game));
        s = CLI_ERR_VALUE;
    } else if (s == CLI_OK && a.o.view_moves && a.view < 0) {
        snprintf(err, cap, "--moves goes with --view G");
        s = CLI_ERR_VALUE;
    }
    if (a.view >= 0)
        a.o.view_game = game_name_at(a.view);
    if (a.game >= 0)
        a.o.computer_game = game_name_at(a.game);
    if (a.place >= 0)
        a.o.place = place_name(a.place)[0];
    *o = a.o;
    if (s == CLI_OK && (why = watch_conflict(o)) != NULL) {
        snprintf(err, cap, "%s", why);
        return CLI_ERR_VALUE;
    }
    return s;
}
