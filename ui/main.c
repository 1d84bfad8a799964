/* main.c: matchboard, the GUI client: command line, then app_run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "computer_levels.h"
#include "mb_config.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: matchboard [options]\n"
            "Play Gomoku or chess against another player through a matchboard-server.\n\n"
            "  --connect HOST[:PORT]  connect at once (port %d by default), skipping the\n"
            "                         connect screen\n"
            "  --name NAME            your player name\n"
            "  --font PATH            the TrueType font to use (it must have the chess\n"
            "                         figurines U+2654..U+265F); default: found through\n"
            "                         fontconfig, or Segoe UI Symbol on Windows\n"
            "  --size WxH             initial window size in points (default 1100x760)\n"
            "  --place left|right     open on that half of the screen\n"
            "  --screenshot FILE.bmp  write the window to FILE at game over, or after\n"
            "  --frames N             N frames (16 ms each), then quit\n"
            "  --exit-at-end          quit once the game is over (after the screenshot)\n"
            "  --trace                print what the window shows, a line per change\n"
            "  --view gomoku|chess    show a local game without a server (with --moves)\n"
            "  --moves \"h8 i9 ...\"    the moves of that game (SAN or UCI for chess)\n"
            "  --script FILE          test hook: scripted moves clicked on the board\n"
            "  --computer             play the computer: an engine takes the other seat\n"
            "                         (on the --connect server, else on a local server\n"
            "                         started for the game)\n"
            "  --game gomoku|chess    the local server's game with --computer (default\n"
            "                         gomoku)\n"
            "  --level LEVEL          the computer's strength: beginner, casual (default),\n"
            "                         strong or max\n"
            "  --engine CMD           the computer's engine (default: matchboard-engine\n"
            "                         for Gomoku, stockfish for chess)\n"
            "  --no-config            do not read or write the remembered servers\n"
            "  --no-discovery         do not look for servers on the LAN\n"
            "  --discover-to HOST[:PORT]  look for servers at that host only (unicast),\n"
            "                         not by broadcast\n"
            "  --help, --version\n\n"
            "Keys: Esc cancels a selection, F flips the board, Ctrl+Q quits.\n",
            APP_DEFAULT_PORT);
}

/* The value of option argv[*i] (advancing *i), or NULL after an error. */
static const char *value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "matchboard: %s needs a value (see --help)\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int parse(int argc, char **argv, app_options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("matchboard %s (protocol %d)\n", MATCHBOARD_VERSION,
                   MATCHBOARD_PROTOCOL_VERSION);
            return 0;
        } else if (strcmp(a, "--no-config") == 0) {
            o->no_config = 1;
            continue;
        } else if (strcmp(a, "--no-discovery") == 0) {
            o->no_discovery = 1;
            continue;
        } else if (strcmp(a, "--discover-to") == 0) {
            slot = &o->discover_to;
        } else if (strcmp(a, "--computer") == 0) {
            o->computer = 1;
            continue;
        } else if (strcmp(a, "--game") == 0) {
            if (!(v = value(argc, argv, &i)))
                return 2;
            if (strcmp(v, "gomoku") != 0 && strcmp(v, "chess") != 0) {
                fprintf(stderr, "matchboard: --game takes gomoku or chess, not \"%s\"\n", v);
                return 2;
            }
            o->computer_game = v;
            continue;
        } else if (strcmp(a, "--level") == 0) {
            if (!(v = value(argc, argv, &i)))
                return 2;
            if ((o->computer_level = computer_level_parse(v)) < 0) {
                fprintf(stderr,
                        "matchboard: --level takes beginner, casual, strong or max, not \"%s\"\n",
                        v);
                return 2;
            }
            continue;
        } else if (strcmp(a, "--engine") == 0) {
            slot = &o->engine;
        } else if (strcmp(a, "--trace") == 0) {
            o->trace = 1;
            continue;
        } else if (strcmp(a, "--exit-at-end") == 0) {
            o->quit_after_game = 1;
            continue;
        } else if (strcmp(a, "--connect") == 0) {
            slot = &o->connect;
        } else if (strcmp(a, "--name") == 0) {
            slot = &o->name;
        } else if (strcmp(a, "--font") == 0) {
            slot = &o->font;
        } else if (strcmp(a, "--screenshot") == 0) {
            slot = &o->screenshot;
        } else if (strcmp(a, "--script") == 0) {
            slot = &o->script;
        } else if (strcmp(a, "--view") == 0) {
            slot = &o->view_game;
        } else if (strcmp(a, "--moves") == 0) {
            slot = &o->view_moves;
        } else if (strcmp(a, "--place") == 0) {
            if (!(v = value(argc, argv, &i)))
                return 2;
            if (strcmp(v, "left") != 0 && strcmp(v, "right") != 0) {
                fprintf(stderr, "matchboard: --place takes left or right, not \"%s\"\n", v);
                return 2;
            }
            o->place = v[0];
            continue;
        } else if (strcmp(a, "--frames") == 0 || strcmp(a, "--size") == 0) {
            if (!(v = value(argc, argv, &i)))
                return 2;
            char *end;
            long n = strtol(v, &end, 10);
            if (a[2] == 'f' && *end == 0 && n > 0 && n < 1000000) {
                o->screenshot_frames = (int)n;
                continue;
            }
            long h = *end == 'x' ? strtol(end + 1, &end, 10) : 0;
            if (a[2] == 's' && *end == 0 && n >= 200 && h >= 200 && n <= 8192 && h <= 8192) {
                o->width = (int)n;
                o->height = (int)h;
                continue;
            }
            fprintf(stderr, "matchboard: bad value for %s: \"%s\"\n", a, v);
            return 2;
        } else {
            fprintf(stderr, "matchboard: unknown option \"%s\" (see --help)\n", a);
            return 2;
        }
        if (!(*slot = value(argc, argv, &i)))
            return 2;
    }
    return -1;
}

int main(int argc, char **argv)
{
    app_options o;
    memset(&o, 0, sizeof o);
    o.computer_level = COMPUTER_DEFAULT_LEVEL;
    int rc = parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    return app_run(&o);
}
