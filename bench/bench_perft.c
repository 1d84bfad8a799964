/* bench_perft.c: chess move generation speed against Stockfish.
 *
 * Runs perft of the start position to depth 6 and Kiwipete to depth 5 with
 * the matchboard rules, then the same with Stockfish's `go perft` (driven
 * through its stdin), and prints nodes per second for both and their ratio.
 * Both count the last ply in bulk. Stockfish's time is taken between the
 * "Nodes searched" lines of a warm-up `go perft 1` and the real run, so
 * its start-up is not counted.
 *
 * Usage: bench_perft [--stockfish PATH] [--repeat N]
 * (PATH defaults to "stockfish", then /usr/games/stockfish.)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chess.h"
#include "chess_fen.h"
#include "cli.h"

typedef struct bench_case {
    const char *name, *fen;
    int depth;
} bench_case;

static const bench_case cases[] = {
    {"start position", CHESS_FEN_START, 6},
    {"Kiwipete", "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", 5},
};

static double now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Our perft: best of `repeat` runs. */
static double ours(const bench_case *c, int repeat, uint64_t *nodes)
{
    chess_position pos;
    double best = 1e30;
    chess_fen_parse(&pos, c->fen);
    for (int i = 0; i < repeat; i++) {
        double t0 = now();
        *nodes = chess_perft(&pos, c->depth);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    return best;
}

/* One Stockfish run; returns seconds or -1 if it could not be run. */
static double stockfish_once(const char *exe, const bench_case *c, uint64_t *nodes)
{
    char cmd[512], line[512];
    const char *pos = strcmp(c->fen, CHESS_FEN_START) == 0 ? "startpos" : "fen";
    snprintf(cmd, sizeof cmd,
             "printf 'position %s %s\\ngo perft 1\\ngo perft %d\\nquit\\n' | %s 2>/dev/null", pos,
             strcmp(pos, "fen") == 0 ? c->fen : "", c->depth, exe);
    FILE *p = popen(cmd, "r"); /* NOLINT(cert-env33-c): the bench runs Stockfish it was given */
    if (!p)
        return -1;
    double t0 = 0, t1 = 0;
    int seen = 0;
    while (fgets(line, sizeof line, p)) {
        if (strncmp(line, "Nodes searched:", 15) != 0)
            continue;
        if (seen++ == 0) {
            t0 = now();
        } else {
            t1 = now();
            *nodes = strtoull(line + 15, NULL, 10);
        }
    }
    int rc = pclose(p);
    return rc == 0 && seen == 2 ? t1 - t0 : -1;
}

static double stockfish(const char *exe, const bench_case *c, int repeat, uint64_t *nodes)
{
    double best = 1e30;
    for (int i = 0; i < repeat; i++) {
        double t = stockfish_once(exe, c, nodes);
        if (t < 0)
            return -1;
        best = t < best ? t : best;
    }
    return best;
}

typedef struct perft_args {
    const char *exe; /* --stockfish, or NULL: stockfish on the PATH, then /usr/games */
    int repeat;
} perft_args;

static const cli_option options[] = {
    {CLI_STRING, "stockfish", 0, CLI_FIELD(perft_args, exe), .umin = 1, .arg = "PATH",
     .help = "the Stockfish to compare with (default: stockfish on the PATH, then "
             "/usr/games/stockfish)"},
    {CLI_UINT, "repeat", 0, CLI_FIELD(perft_args, repeat), .umin = 1, .umax = 1000, .arg = "N",
     .help = "runs of each position; the best counts (default 3)"},
    CLI_OPTION_HELP,
};

static const cli_program program = {
    "bench_perft",
    "bench_perft [--stockfish PATH] [--repeat N]",
    "Perft speed of the rules module beside Stockfish's, position by position.\n",
    CLI_OPTIONS(options),
    NULL,
    NULL};

int main(int argc, char **argv)
{
    perft_args a = {NULL, 3};
    char err[256];
    switch (cli_parse(&program, argc, argv, 1, &a, err, sizeof err)) {
    case CLI_OK:
        break;
    case CLI_HELP_ASKED:
        cli_print_help(&program, stdout);
        return 0;
    default:
        fprintf(stderr, "bench_perft: %s (see --help)\n", err);
        return 2;
    }
    const char *exe = a.exe;
    int repeat = a.repeat;
    int status = 0;
    printf("%-15s %5s %11s %9s %11s %9s %11s %7s\n", "position", "depth", "nodes", "ours s",
           "ours Mn/s", "sf s", "sf Mn/s", "sf/ours");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t n_ours = 0, n_sf = 0;
        double t_ours = ours(&cases[i], repeat, &n_ours);
        double t_sf = -1;
        if (exe)
            t_sf = stockfish(exe, &cases[i], repeat, &n_sf);
        else if ((t_sf = stockfish("stockfish", &cases[i], repeat, &n_sf)) < 0)
            t_sf = stockfish("/usr/games/stockfish", &cases[i], repeat, &n_sf);
        double nps_ours = (double)n_ours / t_ours;
        printf("%-15s %5d %11" PRIu64 " %9.3f %11.1f", cases[i].name, cases[i].depth, n_ours,
               t_ours, nps_ours / 1e6);
        if (t_sf < 0) {
            printf("  (stockfish not run)\n");
            continue;
        }
        double nps_sf = (double)n_sf / t_sf;
        printf(" %9.3f %11.1f %7.2f\n", t_sf, nps_sf / 1e6, nps_sf / nps_ours);
        if (n_sf != n_ours) {
            fprintf(stderr, "node counts differ: ours %" PRIu64 ", stockfish %" PRIu64 "\n", n_ours,
                    n_sf);
            status = 1;
        }
    }
    return status;
}
