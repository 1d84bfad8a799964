/* bot.h: the parts of matchboard-bot that are not its event loop: command
 * line, move choice (seeded random or a script), and its own PRNG. */
#ifndef MATCHBOARD_BOT_H
#define MATCHBOARD_BOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "game.h"
#include "packet.h"
#include "sock.h"

#define BOT_DEFAULT_PORT 7777

typedef struct bot_args {
    char host[SOCK_HOST_MAX];
    uint16_t port;
    const char *name;        /* default "bot" */
    uint64_t seed;           /* --random SEED (default 1) */
    const char *moves_file;  /* --moves FILE, or NULL */
    int watch;               /* --watch */
    int games;               /* --games N, default 1 */
    int seat;                /* --seat: the server's engine seat (key on stdin) */
    int quiet;               /* --quiet: only result lines and errors */
    long drop_after;         /* --drop-after PLIES (testing resume), -1: never */
    int timeout_ms;          /* --timeout SECONDS for the connect, default 10 */
    int delay_ms;            /* --delay MS: think this long before each move */
    int discover;            /* --discover: list the LAN's servers and exit */
    const char *discover_to; /* --to HOST[:PORT]: probe that host only, unicast */
    uint16_t discovery_port; /* --discovery-port N (default 7777) */

    /* --engine CMD ("builtin": matchboard-engine beside the bot), or NULL */
    const char *engine;
    const char *engine_options[16]; /* --engine-option NAME=VALUE, in order */
    size_t engine_option_count;
    int engine_movetime_ms; /* --movetime MS: time per move without a clock */
} bot_args;

typedef enum bot_args_result {
    BOT_ARGS_RUN = 0,     /* play with the parsed arguments */
    BOT_ARGS_HELP = 1,    /* --help: print bot_usage, exit 0 */
    BOT_ARGS_VERSION = 2, /* --version: print the version, exit 0 */
    BOT_ARGS_BAD = 3,     /* err says why: exit 2 */
} bot_args_result;

/* Parses argv (argv[0] is the program). On BOT_ARGS_BAD, err holds a
 * one-line message. */
bot_args_result bot_parse_args(int argc, char **argv, bot_args *out, char *err, size_t errcap);
/* Writes the --help text (generated from bot_cli's table) to f. */
void bot_usage(FILE *f);
/* The command-line table: for --help and tests. */
const cli_program *bot_cli(void);

/* --discover: probes the LAN (or a->discover_to), prints one line per
 * server heard within a->timeout_ms and returns the exit status: 0 when at
 * least one answered, 1 when none did. */
int bot_discover(const bot_args *a);

/* splitmix64: small, fast, the same numbers on every platform. */
typedef struct bot_rng {
    uint64_t state;
} bot_rng;
void bot_rng_seed(bot_rng *r, uint64_t seed);
uint64_t bot_rng_next(bot_rng *r);
/* Uniform in 0..n-1 (n > 0), without modulo bias. */
uint64_t bot_rng_below(bot_rng *r, uint64_t n);

/* A scripted game: the moves of both sides in order ("e2e4 e7e5 ..." or
 * "h8 h9 ..."), separated by spaces, commas or newlines; '#' starts a
 * comment and tokens like "1." (move numbers) are skipped. */
typedef struct bot_script {
    char **moves;
    size_t count;
} bot_script;

/* 0, or -1 with a message in err (file unreadable, no memory). */
int bot_script_load(const char *path, bot_script *s, char *err, size_t errcap);
/* The same from text in memory. */
int bot_script_parse(const char *text, bot_script *s);
void bot_script_free(bot_script *s);

/* The bot's move for the side to move: the script's move for this ply
 * while there is one, else a random legal move. 0 and *out, or -1 with
 * err (a scripted move that is not legal here, no legal move at all). */
int bot_choose_move(const game_ops *ops, const game *g, const bot_script *script, bot_rng *rng,
                    game_move *out, char *err, size_t errcap);

/* The bot's step of a Gomoku opening rule (docs/openings.md) in the state
 * st on the Gomoku game g: random but legal (a point in the area, an
 * offered choice, a number in range, proposals none of which is
 * equivalent to another, one of the proposals). 0 and *out, or -1 with
 * err when there is no legal step. */
int bot_choose_opening(const game *g, const packet_opening_state *st, bot_rng *rng,
                       packet_opening_action *out, char *err, size_t errcap);

#endif
