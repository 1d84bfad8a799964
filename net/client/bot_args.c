/* bot_args.c: matchboard-bot's command line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bot.h"

void bot_usage(FILE *f)
{
    fputs("usage: matchboard-bot --connect HOST[:PORT] [--name NAME]\n"
          "                      [--random SEED | --moves FILE] [--watch] [--games N] [--seat]\n"
          "                      [--quiet] [--timeout SECONDS] [--delay MS]\n"
          "                      [--drop-after PLIES]\n"
          "                      [--engine CMD [--engine-option NAME=VALUE]... [--movetime MS]]\n"
          "       matchboard-bot --discover [--timeout SECONDS] [--discovery-port N]\n"
          "                      [--to HOST[:PORT]]\n"
          "\n"
          "A headless matchboard client: it takes a seat on the server and plays.\n"
          "\n"
          "  --connect HOST[:PORT]  server address (port 7777 by default; [v6]:port)\n"
          "  --name NAME            player name (default \"bot\")\n"
          "  --random SEED          random legal moves from this seed (default 1)\n"
          "  --moves FILE           play the game in FILE: both sides' moves in order,\n"
          "                         UCI for chess (e2e4, e7e8q), points for Gomoku (h8);\n"
          "                         random moves once the script runs out\n"
          "  --watch                watch the most recent match instead of playing\n"
          "  --games N              play N games in a row through rematches (default 1)\n"
          "  --seat                 be matchboard-server's engine seat (--engine-seat;\n"
          "                         the server starts the bot so): read the seat key\n"
          "                         on the first line of standard input and play\n"
          "                         game after game (rematches as with --games)\n"
          "  --quiet                print only the result lines and errors\n"
          "  --timeout SECONDS      give up connecting after this long (default 10)\n"
          "  --delay MS             wait this long before each move (default 0)\n"
          "  --drop-after PLIES     drop the connection once, after PLIES moves, and\n"
          "                         resume with the token (for testing)\n"
          "  --engine CMD           let an engine choose the moves: CMD is its command\n"
          "                         line, spoken to over UCI in chess and the Gomocup\n"
          "                         protocol in Gomoku; \"builtin\" is matchboard-engine\n"
          "                         beside this program. An engine that fails (exits,\n"
          "                         hangs, answers garbage or an illegal move) is\n"
          "                         reported and the bot resigns the game and exits 1\n"
          "  --engine-option N=V    an engine setting, repeatable: UCI setoption (e.g.\n"
          "                         'Skill Level=5'), Gomocup INFO N V\n"
          "  --movetime MS          engine time per move when the game has no clock\n"
          "                         (default 1000); with a clock it gets the clocks\n"
          "  --discover             list the servers on the LAN (broadcast and IPv6\n"
          "                         multicast probes), one line each, and exit;\n"
          "                         --timeout is how long to listen (default 2)\n"
          "  --discovery-port N     UDP port the servers answer on (default 7777)\n"
          "  --to HOST[:PORT]       with --discover: probe that host only (unicast)\n"
          "  --help, --version\n"
          "\n"
          "Each event is printed as a line; each game ends with a line like\n"
          "`result: 1-0 checkmate`. Exit status: 0 when all games were played,\n"
          "1 on a connection or protocol error, 2 on bad usage.\n",
          f);
}

static int parse_num(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

bot_args_result bot_parse_args(int argc, char **argv, bot_args *a, char *err, size_t errcap)
{
    int have_connect = 0, have_random = 0, timeout_set = 0;
    memset(a, 0, sizeof *a);
    a->name = "bot";
    a->seed = 1;
    a->games = 1;
    a->drop_after = -1;
    a->timeout_ms = 10000;
    err[0] = 0;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long long v;
        int takes_value = strcmp(opt, "--connect") == 0 || strcmp(opt, "--name") == 0 ||
                          strcmp(opt, "--random") == 0 || strcmp(opt, "--moves") == 0 ||
                          strcmp(opt, "--games") == 0 || strcmp(opt, "--timeout") == 0 ||
                          strcmp(opt, "--delay") == 0 || strcmp(opt, "--drop-after") == 0 ||
                          strcmp(opt, "--to") == 0 || strcmp(opt, "--discovery-port") == 0 ||
                          strcmp(opt, "--engine") == 0 || strcmp(opt, "--engine-option") == 0 ||
                          strcmp(opt, "--movetime") == 0;
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0)
            return BOT_ARGS_HELP;
        if (strcmp(opt, "--version") == 0)
            return BOT_ARGS_VERSION;
        if (takes_value && !val) {
            snprintf(err, errcap, "%s needs a value", opt);
            return BOT_ARGS_BAD;
        }
        if (strcmp(opt, "--connect") == 0) {
            if (sock_parse_hostport(val, BOT_DEFAULT_PORT, a->host, sizeof a->host, &a->port) !=
                    SOCK_OK ||
                a->port == 0) {
                snprintf(err, errcap, "--connect: '%s' is not HOST[:PORT]", val);
                return BOT_ARGS_BAD;
            }
            have_connect = 1;
        } else if (strcmp(opt, "--name") == 0) {
            /* val is set: "--name" takes a value, checked above. */
            if (!*val || strlen(val) >= 24) { /* NOLINT(clang-analyzer-core.NullDereference) */
                snprintf(err, errcap, "--name: give 1 to 23 bytes");
                return BOT_ARGS_BAD;
            }
            a->name = val;
        } else if (strcmp(opt, "--random") == 0) {
            if (parse_num(val, UINT64_MAX, &v) != 0) {
                snprintf(err, errcap, "--random: '%s' is not a number", val);
                return BOT_ARGS_BAD;
            }
            a->seed = v;
            have_random = 1;
        } else if (strcmp(opt, "--moves") == 0) {
            a->moves_file = val;
        } else if (strcmp(opt, "--seat") == 0) {
            a->seat = 1;
        } else if (strcmp(opt, "--games") == 0) {
            if (parse_num(val, 1000000, &v) != 0 || v == 0) {
                snprintf(err, errcap, "--games: '%s' is not a number from 1", val);
                return BOT_ARGS_BAD;
            }
            a->games = (int)v;
        } else if (strcmp(opt, "--timeout") == 0) {
            if (parse_num(val, 3600, &v) != 0 || v == 0) {
                snprintf(err, errcap, "--timeout: '%s' is not 1..3600 seconds", val);
                return BOT_ARGS_BAD;
            }
            a->timeout_ms = (int)v * 1000;
            timeout_set = 1;
        } else if (strcmp(opt, "--delay") == 0) {
            if (parse_num(val, 600000, &v) != 0) {
                snprintf(err, errcap, "--delay: '%s' is not 0..600000 ms", val);
                return BOT_ARGS_BAD;
            }
            a->delay_ms = (int)v;
        } else if (strcmp(opt, "--drop-after") == 0) {
            if (parse_num(val, 1000000, &v) != 0) {
                snprintf(err, errcap, "--drop-after: '%s' is not a number", val);
                return BOT_ARGS_BAD;
            }
            a->drop_after = (long)v;
        } else if (strcmp(opt, "--to") == 0) {
            char host[SOCK_HOST_MAX];
            uint16_t port;
            if (sock_parse_hostport(val, BOT_DEFAULT_PORT, host, sizeof host, &port) != SOCK_OK ||
                port == 0) {
                snprintf(err, errcap, "--to: '%s' is not HOST[:PORT]", val);
                return BOT_ARGS_BAD;
            }
            a->discover_to = val;
        } else if (strcmp(opt, "--discovery-port") == 0) {
            if (parse_num(val, 65535, &v) != 0 || v == 0) {
                snprintf(err, errcap, "--discovery-port: '%s' is not a port 1..65535", val);
                return BOT_ARGS_BAD;
            }
            a->discovery_port = (uint16_t)v;
        } else if (strcmp(opt, "--engine") == 0) {
            if (!*val) { /* NOLINT(clang-analyzer-core.NullDereference) */
                snprintf(err, errcap, "--engine: give a command or builtin");
                return BOT_ARGS_BAD;
            }
            a->engine = val;
        } else if (strcmp(opt, "--engine-option") == 0) {
            /* val is set: "--engine-option" takes a value, checked above. */
            const char *eq = strchr(val, '='); /* NOLINT(clang-analyzer-core.NonNullParamChecker) */
            if (!eq || eq == val) {
                snprintf(err, errcap, "--engine-option: '%s' is not NAME=VALUE", val);
                return BOT_ARGS_BAD;
            }
            if (a->engine_option_count == sizeof a->engine_options / sizeof a->engine_options[0]) {
                snprintf(err, errcap, "--engine-option: at most %d",
                         (int)(sizeof a->engine_options / sizeof a->engine_options[0]));
                return BOT_ARGS_BAD;
            }
            a->engine_options[a->engine_option_count++] = val;
        } else if (strcmp(opt, "--movetime") == 0) {
            if (parse_num(val, 3600000, &v) != 0 || v == 0) {
                snprintf(err, errcap, "--movetime: '%s' is not 1..3600000 ms", val);
                return BOT_ARGS_BAD;
            }
            a->engine_movetime_ms = (int)v;
        } else if (strcmp(opt, "--discover") == 0) {
            a->discover = 1;
        } else if (strcmp(opt, "--watch") == 0) {
            a->watch = 1;
        } else if (strcmp(opt, "--quiet") == 0) {
            a->quiet = 1;
        } else {
            snprintf(err, errcap, "unknown option '%s'", opt);
            return BOT_ARGS_BAD;
        }
        if (takes_value)
            i++;
    }
    if (!a->discovery_port)
        a->discovery_port = BOT_DEFAULT_PORT;
    if (a->discover) {
        if (have_connect || a->watch || have_random || a->moves_file) {
            snprintf(err, errcap, "--discover only lists servers: drop --connect, --watch, "
                                  "--random, --moves");
            return BOT_ARGS_BAD;
        }
        if (!timeout_set)
            a->timeout_ms = 2000;
        return BOT_ARGS_RUN;
    }
    if (a->discover_to) {
        snprintf(err, errcap, "--to goes with --discover");
        return BOT_ARGS_BAD;
    }
    if (!have_connect) {
        snprintf(err, errcap, "--connect HOST[:PORT] is required");
        return BOT_ARGS_BAD;
    }
    if (have_random && a->moves_file) {
        snprintf(err, errcap, "--random and --moves exclude each other");
        return BOT_ARGS_BAD;
    }
    if (a->engine && (have_random || a->moves_file || a->watch)) {
        snprintf(err, errcap, "--engine chooses the moves: drop --random, --moves, --watch");
        return BOT_ARGS_BAD;
    }
    if (!a->engine && (a->engine_option_count || a->engine_movetime_ms)) {
        snprintf(err, errcap, "--engine-option and --movetime go with --engine");
        return BOT_ARGS_BAD;
    }
    if (a->watch && (have_random || a->moves_file || a->drop_after >= 0)) {
        snprintf(err, errcap, "--watch plays no moves: drop --random, --moves, --drop-after");
        return BOT_ARGS_BAD;
    }
    return BOT_ARGS_RUN;
}
