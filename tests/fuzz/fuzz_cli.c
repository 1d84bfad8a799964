/* fuzz_cli.c: libFuzzer target for the command lines of matchboard-server
 * (options_parse) and matchboard-bot (bot_parse_args), and the bot's move
 * script (bot_script_parse, bot_choose_move).
 *
 * The first byte picks the parser; the rest, split at NUL bytes, is the
 * argument vector (or the script's text). It checks that:
 *  - parsing is pure: it leaves argv alone and gives the same answer twice;
 *  - a refusal comes with a message that fits any buffer (even a tiny one);
 *  - an accepted command line gives values in their documented ranges,
 *    strings that point into argv or are the documented defaults, and (for
 *    the server) game options the game accepts as they are;
 *  - a script's tokens are non-empty moves without separators, and every
 *    move the bot chooses from it is legal.
 */
#include <string.h>

#include "bot.h"
#include "fuzz_check.h"
#include "game.h"
#include "server_options.h"

#define MAX_INPUT 2048
#define MAX_ARGS  32

static char *args[MAX_ARGS + 1];
static char *copy[MAX_ARGS + 1];
static int nargs;

/* Splits text[0..len-1] at NULs into args[1..] (args[0] is the program). */
static void split(char *text, size_t len, const char *prog)
{
    size_t start = 0;
    nargs = 0;
    args[nargs++] = (char *)prog;
    for (size_t i = 0; i <= len && nargs < MAX_ARGS; i++)
        if (i == len || text[i] == '\0') {
            if (i > start || i < len)
                args[nargs++] = text + start;
            text[i] = '\0';
            start = i + 1;
        }
    args[nargs] = NULL;
    memcpy(copy, args, sizeof args);
}

static void check_args_untouched(void)
{
    CHECK(memcmp(copy, args, sizeof args) == 0);
}

/* Is s one of the argument strings, or inside one? */
static int points_into_args(const char *s)
{
    for (int i = 0; i < nargs; i++)
        if (s >= args[i] && s <= args[i] + strlen(args[i]))
            return 1;
    return 0;
}

static void check_message(const char *err, size_t cap)
{
    CHECK(memchr(err, '\0', cap) != NULL && err[0] != '\0');
}

static int same_options(const game_options *a, const game_options *b)
{
    return a->kind == b->kind && a->rule == b->rule && a->width == b->width &&
           a->height == b->height;
}

/* The event loops --io may name, as a Linux build has them. */
static const char *const Backends[] = {"uring", "epoll", "poll", NULL};

static void fuzz_server(void)
{
    static server_options a, b;
    char err[256], tiny[8];
    options_result r = options_parse(nargs, args, Backends, &a, err, sizeof err);
    check_args_untouched();
    CHECK(r == OPTIONS_RUN || r == OPTIONS_HELP || r == OPTIONS_VERSION || r == OPTIONS_BAD);
    CHECK(options_parse(nargs, args, Backends, &b, tiny, sizeof tiny) == r);
    if (r == OPTIONS_BAD) {
        check_message(err, sizeof err);
        check_message(tiny, sizeof tiny);
        CHECK(strncmp(err, tiny, sizeof tiny - 1) == 0);
        return;
    }
    if (r != OPTIONS_RUN)
        return;
    {
        game_options norm = a.match.options;
        CHECK(a.match.ops != NULL && a.match.ops == b.match.ops);
        CHECK(a.match.ops->normalize_options(&norm) == GAME_OK);
        CHECK(same_options(&norm, &a.match.options));
        CHECK(same_options(&b.match.options, &a.match.options));
    }
    CHECK(a.match.clock_ms <= 24u * 3600u * 1000u && a.match.increment_ms <= 3600u * 1000u);
    CHECK(a.match.clock_ms > 0 || a.match.increment_ms == 0);
    CHECK(a.match.grace_ms <= 86400u * 1000u);
    CHECK(a.level >= LOG_ERROR && a.level <= LOG_DEBUG);
    CHECK(a.max_clients <= 1000000);
    CHECK(a.bind_host == NULL || (a.bind_host[0] && points_into_args(a.bind_host)));
    CHECK(a.io == NULL || a.io == Backends[0] || a.io == Backends[1] || a.io == Backends[2]);
    CHECK(a.records_dir && a.records_dir[0] &&
          (points_into_args(a.records_dir) || strcmp(a.records_dir, "records") == 0));
    CHECK(a.port == b.port && a.bind_host == b.bind_host && a.records_dir == b.records_dir &&
          a.match.clock_ms == b.match.clock_ms && a.match.increment_ms == b.match.increment_ms &&
          a.match.grace_ms == b.match.grace_ms && a.level == b.level &&
          a.max_clients == b.max_clients);
}

static void fuzz_bot_args(void)
{
    static bot_args a, b;
    char err[256], tiny[8];
    bot_args_result r = bot_parse_args(nargs, args, &a, err, sizeof err);
    check_args_untouched();
    CHECK(r == BOT_ARGS_RUN || r == BOT_ARGS_HELP || r == BOT_ARGS_VERSION || r == BOT_ARGS_BAD);
    CHECK(bot_parse_args(nargs, args, &b, tiny, sizeof tiny) == r);
    if (r == BOT_ARGS_BAD) {
        check_message(err, sizeof err);
        check_message(tiny, sizeof tiny);
        CHECK(strncmp(err, tiny, sizeof tiny - 1) == 0);
        return;
    }
    if (r != BOT_ARGS_RUN)
        return;
    CHECK(a.discover == b.discover && a.discovery_port == b.discovery_port);
    CHECK(a.discover_to == NULL || points_into_args(a.discover_to));
    if (a.discover) /* --discover needs no server to connect to */
        return;
    CHECK(memchr(a.host, '\0', sizeof a.host) && a.host[0] != '\0');
    CHECK(strcmp(a.host, b.host) == 0 && a.port == b.port && a.port != 0);
    CHECK(a.name && strlen(a.name) >= 1 && strlen(a.name) <= 23);
    CHECK(points_into_args(a.name) || strcmp(a.name, "bot") == 0);
    CHECK(a.moves_file == NULL || points_into_args(a.moves_file));
    CHECK(a.games >= 1 && a.games <= 1000000);
    CHECK(a.timeout_ms >= 1000 && a.timeout_ms <= 3600 * 1000);
    CHECK(a.delay_ms >= 0 && a.delay_ms <= 600000);
    CHECK(a.drop_after >= -1 && a.drop_after <= 1000000);
    CHECK(!(a.watch && (a.moves_file || a.drop_after >= 0)));
    CHECK(a.seed == b.seed && a.games == b.games && a.watch == b.watch && a.quiet == b.quiet);
}

static int is_separator(char ch)
{
    return ch == ',' || ch == ';' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\v' || ch == '\f' || ch == '#';
}

static void fuzz_script(const char *text, size_t len, int chess, uint64_t seed)
{
    const game_ops *ops = chess ? &game_chess_ops : &game_gomoku_ops;
    game_options opt;
    bot_script s;
    bot_rng rng;
    game *g;

    if (bot_script_parse(text, &s) != 0)
        return; /* out of memory only */
    CHECK(s.count <= len);
    for (size_t i = 0; i < s.count; i++) {
        size_t n = strlen(s.moves[i]);
        CHECK(n > 0 && s.moves[i][n - 1] != '.');
        for (size_t k = 0; k < n; k++)
            CHECK(!is_separator(s.moves[i][k]));
    }

    memset(&opt, 0, sizeof opt);
    opt.kind = ops->kind;
    CHECK(ops->normalize_options(&opt) == GAME_OK);
    g = ops->create(&opt);
    CHECK(g != NULL);
    bot_rng_seed(&rng, seed);
    for (int ply = 0; ply < 64 && ops->to_move(g) != GAME_SIDE_NONE; ply++) {
        game_move m;
        char err[128];
        if (bot_choose_move(ops, g, &s, &rng, &m, err, sizeof err) != 0) {
            check_message(err, sizeof err);
            CHECK((size_t)ops->ply(g) < s.count);
            break;
        }
        CHECK(ops->check_move(g, ops->to_move(g), &m) == GAME_MOVE_OK);
        CHECK(ops->apply(g, &m) == GAME_MOVE_OK);
    }
    ops->destroy(g);
    bot_script_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char text[MAX_INPUT + 1];
    if (size < 1 || size > MAX_INPUT)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    switch (data[0] % 4) {
    case 0:
        split(text, size - 1, "matchboard-server");
        fuzz_server();
        break;
    case 1:
        split(text, size - 1, "matchboard-bot");
        fuzz_bot_args();
        break;
    default:
        fuzz_script(text, size - 1, data[0] % 4 == 3, data[0]);
        break;
    }
    return 0;
}
