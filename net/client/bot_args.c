/* bot_args.c: matchboard-bot's command line, one table (cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bot.h"

/* What the table fills: the arguments, and which were given, for the
 * checks between flags. */
typedef struct bot_cli_args {
    bot_args a;
    int have_connect, have_random;
} bot_cli_args;

/* HOST[:PORT] with a port above 0. */
static int host_port_ok(const char *v, char *host, size_t cap, uint16_t *port, char *why,
                        size_t why_cap)
{
    if (sock_parse_hostport(v, BOT_DEFAULT_PORT, host, cap, port) != SOCK_OK || *port == 0) {
        snprintf(why, why_cap, "'%s' is not HOST[:PORT]", v);
        return -1;
    }
    return 0;
}

static int parse_connect(void *target, const char *v, char *why, size_t cap)
{
    bot_cli_args *c = target;
    c->have_connect = 1;
    return host_port_ok(v, c->a.host, sizeof c->a.host, &c->a.port, why, cap);
}

static int parse_to(void *target, const char *v, char *why, size_t cap)
{
    char host[SOCK_HOST_MAX];
    uint16_t port;
    if (host_port_ok(v, host, sizeof host, &port, why, cap) != 0)
        return -1;
    ((bot_cli_args *)target)->a.discover_to = v;
    return 0;
}

/* The protocol's name field holds 23 bytes. */
static int parse_name(void *target, const char *v, char *why, size_t cap)
{
    if (!*v || strlen(v) >= 24) {
        snprintf(why, cap, "give 1 to 23 bytes");
        return -1;
    }
    ((bot_cli_args *)target)->a.name = v;
    return 0;
}

static int parse_random(void *target, const char *v, char *why, size_t cap)
{
    bot_cli_args *c = target;
    char *end;
    unsigned long long seed;
    errno = 0;
    seed = *v >= '0' && *v <= '9' ? strtoull(v, &end, 10) : 0;
    if (!(*v >= '0' && *v <= '9') || errno != 0 || *end != '\0') {
        snprintf(why, cap, "'%s' is not a number", v);
        return -1;
    }
    c->a.seed = seed;
    c->have_random = 1;
    return 0;
}

static int parse_engine_option(void *target, const char *v, char *why, size_t cap)
{
    bot_args *a = &((bot_cli_args *)target)->a;
    const char *eq = strchr(v, '=');
    size_t most = sizeof a->engine_options / sizeof a->engine_options[0];
    if (!eq || eq == v) {
        snprintf(why, cap, "'%s' is not NAME=VALUE", v);
        return -1;
    }
    if (a->engine_option_count == most) {
        snprintf(why, cap, "at most %d", (int)most);
        return -1;
    }
    a->engine_options[a->engine_option_count++] = v;
    return 0;
}

static const cli_option options[] = {
    {CLI_SECTION, .help = "Playing:"},
    {CLI_CUSTOM, "connect", 0, .parse = parse_connect, .arg = "HOST[:PORT]",
     .help = "server address (port 7777 by default; [v6]:port)"},
    {CLI_CUSTOM, "name", 0, .parse = parse_name, .arg = "NAME",
     .help = "player name (default \"bot\")"},
    {CLI_CUSTOM, "random", 0, .parse = parse_random, .arg = "SEED",
     .help = "random legal moves from this seed (default 1)"},
    {CLI_STRING, "moves", 0, CLI_FIELD(bot_cli_args, a.moves_file), .arg = "FILE",
     .help = "play the game in FILE: both sides' moves in order, UCI for chess (e2e4, e7e8q), "
             "points for Gomoku (h8); random moves once the script runs out"},
    {CLI_FLAG, "watch", 0, CLI_FIELD(bot_cli_args, a.watch),
     .help = "watch the most recent match instead of playing"},
    {CLI_UINT, "games", 0, CLI_FIELD(bot_cli_args, a.games), .umin = 1, .umax = 1000000, .arg = "N",
     .help = "play N games in a row through rematches (default 1)"},
    {CLI_FLAG, "seat", 0, CLI_FIELD(bot_cli_args, a.seat),
     .help = "be matchboard-server's engine seat (--engine-seat; the server starts the bot so): "
             "read the seat key on the first line of standard input and play game after game "
             "(rematches as with --games)"},
    {CLI_FLAG, "quiet", 0, CLI_FIELD(bot_cli_args, a.quiet),
     .help = "print only the result lines and errors"},
    {CLI_UINT, "timeout", 0, CLI_FIELD(bot_cli_args, a.timeout_ms), .umin = 1, .umax = 3600,
     .scale = 1000, .arg = "SECONDS",
     .help = "give up connecting after this long (default 10); with --discover, how long to "
             "listen (default 2)"},
    {CLI_UINT, "delay", 0, CLI_FIELD(bot_cli_args, a.delay_ms), .umax = 600000, .arg = "MS",
     .help = "wait this long before each move (default 0)"},
    {CLI_UINT, "drop-after", 0, CLI_FIELD(bot_cli_args, a.drop_after), .umax = 1000000,
     .arg = "PLIES",
     .help = "drop the connection once, after PLIES moves, and resume with the token (for "
             "testing)"},

    {CLI_SECTION, .help = "Engine:"},
    {CLI_STRING, "engine", 0, CLI_FIELD(bot_cli_args, a.engine), .umin = 1, .arg = "CMD",
     .help = "let an engine choose the moves: CMD is its command line, spoken to over UCI in "
             "chess and the Gomocup protocol in Gomoku; \"builtin\" is matchboard-engine beside "
             "this program. An engine that fails (exits, hangs, answers garbage or an illegal "
             "move) is reported and the bot resigns the game and exits 1"},
    {CLI_CUSTOM, "engine-option", 0, .parse = parse_engine_option, .arg = "N=V",
     .help = "an engine setting, repeatable: UCI setoption (e.g. 'Skill Level=5'), Gomocup "
             "INFO N V"},
    {CLI_UINT, "movetime", 0, CLI_FIELD(bot_cli_args, a.engine_movetime_ms), .umin = 1,
     .umax = 3600000, .arg = "MS",
     .help = "engine time per move when the game has no clock (default 1000); with a clock it "
             "gets the clocks"},

    {CLI_SECTION, .help = "Discovery:"},
    {CLI_FLAG, "discover", 0, CLI_FIELD(bot_cli_args, a.discover),
     .help = "list the servers on the LAN (broadcast and IPv6 multicast probes), one line "
             "each, and exit"},
    {CLI_UINT, "discovery-port", 0, CLI_FIELD(bot_cli_args, a.discovery_port), .umin = 1,
     .umax = 65535, .arg = "N", .help = "UDP port the servers answer on (default 7777)"},
    {CLI_CUSTOM, "to", 0, .parse = parse_to, .arg = "HOST[:PORT]",
     .help = "with --discover: probe that host only (unicast)"},

    {CLI_SECTION, .help = "Other:"},
    CLI_OPTION_HELP,
    CLI_OPTION_VERSION,
};

static const cli_program program = {
    "matchboard-bot",
    "matchboard-bot --connect HOST[:PORT] [--name NAME]\n"
    "                      [--random SEED | --moves FILE] [--watch] [--games N] [--seat]\n"
    "                      [--quiet] [--timeout SECONDS] [--delay MS]\n"
    "                      [--drop-after PLIES]\n"
    "                      [--engine CMD [--engine-option NAME=VALUE]... [--movetime MS]]\n"
    "       matchboard-bot --discover [--timeout SECONDS] [--discovery-port N]\n"
    "                      [--to HOST[:PORT]]",
    "A headless matchboard client: it takes a seat on the server and plays.\n",
    CLI_OPTIONS(options),
    "Each event is printed as a line; each game ends with a line like\n"
    "`result: 1-0 checkmate`. Exit status: 0 when all games were played,\n"
    "1 on a connection or protocol error, 2 on bad usage.\n",
    NULL};

const cli_program *bot_cli(void)
{
    return &program;
}

void bot_usage(FILE *f)
{
    cli_print_help(&program, f);
}

/* The checks between flags, once all are read. */
static const char *conflict(const bot_cli_args *c)
{
    const bot_args *a = &c->a;
    if (a->discover)
        return c->have_connect || a->watch || c->have_random || a->moves_file
                   ? "--discover only lists servers: drop --connect, --watch, --random, --moves"
                   : NULL;
    if (a->discover_to)
        return "--to goes with --discover";
    if (!c->have_connect)
        return "--connect HOST[:PORT] is required";
    if (c->have_random && a->moves_file)
        return "--random and --moves exclude each other";
    if (a->engine && (c->have_random || a->moves_file || a->watch))
        return "--engine chooses the moves: drop --random, --moves, --watch";
    if (!a->engine && (a->engine_option_count || a->engine_movetime_ms))
        return "--engine-option and --movetime go with --engine";
    if (a->watch && (c->have_random || a->moves_file || a->drop_after >= 0))
        return "--watch plays no moves: drop --random, --moves, --drop-after";
    return NULL;
}

bot_args_result bot_parse_args(int argc, char **argv, bot_args *out, char *err, size_t errcap)
{
    bot_cli_args c;
    const char *why;
    bot_args_result r = BOT_ARGS_BAD;
    memset(&c, 0, sizeof c);
    c.a.name = "bot";
    c.a.seed = 1;
    c.a.games = 1;
    c.a.drop_after = -1;
    c.a.discovery_port = BOT_DEFAULT_PORT;
    switch (cli_parse(&program, argc, argv, 1, &c, err, errcap)) {
    case CLI_HELP_ASKED:
        r = BOT_ARGS_HELP;
        break;
    case CLI_VERSION_ASKED:
        r = BOT_ARGS_VERSION;
        break;
    case CLI_OK:
        if (!c.a.timeout_ms) /* not given */
            c.a.timeout_ms = c.a.discover ? 2000 : 10000;
        why = conflict(&c);
        if (why)
            snprintf(err, errcap, "%s", why);
        r = why ? BOT_ARGS_BAD : BOT_ARGS_RUN;
        break;
    default:
        break;
    }
    *out = c.a;
    return r;
}
