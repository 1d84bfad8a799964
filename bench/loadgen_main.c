/* loadgen_main.c: matchboard-loadgen, the server's load generator.
 *
 * In one run: the ping-pong floor (16-byte round trips between two of its
 * own sockets), then the same load against the bare relay and against the
 * matchboard server, and one table with every server figure beside its
 * floors as a ratio. bench/run-load.sh starts the servers and runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lg_sys.h"
#include "loadgen.h"
#include "sock.h"

typedef struct phase {
    const char *addr;
    long pid;
    int ran;
    lg_result r;
} phase;

/* What the table fills. */
typedef struct loadgen_args {
    lg_config cfg;
    phase rel, srv;
    int pingpong, flat, games;
    double seconds; /* -1: not given */
    const char *title;
} loadgen_args;

static const cli_option options[] = {
    {CLI_SECTION, .help = "Targets:"},
    {CLI_STRING, "server", 0, CLI_FIELD(loadgen_args, srv.addr), .umin = 1, .arg = "HOST:PORT",
     .help = "the matchboard server to load"},
    {CLI_INT, "server-pid", 0, CLI_FIELD(loadgen_args, srv.pid), .min = 0, .max = 2147483647,
     .arg = "PID", .help = "its process, for its memory and CPU time (Linux)"},
    {CLI_STRING, "relay", 0, CLI_FIELD(loadgen_args, rel.addr), .umin = 1, .arg = "HOST:PORT",
     .help = "the bare relay (bench/bare_relay_posix.c) to load first"},
    {CLI_INT, "relay-pid", 0, CLI_FIELD(loadgen_args, rel.pid), .min = 0, .max = 2147483647,
     .arg = "PID", .help = "its process"},
    {CLI_SECTION, .help = "Load:"},
    {CLI_UINT, "matches", 0, CLI_FIELD(loadgen_args, cfg.matches), .umin = 1, .umax = 100000,
     .arg = "M", .help = "matches at once, 2M connections (default 100)"},
    {CLI_DOUBLE, "pace", 0, CLI_FIELD(loadgen_args, cfg.pace), .dmin = 0, .dmax = 1e6,
     .arg = "MOVES_PER_S", .help = "moves a second per match (default 1)"},
    {CLI_FLAG, "flat", 0, CLI_FIELD(loadgen_args, flat), .help = "moves flat out, no pace"},
    {CLI_DOUBLE, "seconds", 0, CLI_FIELD(loadgen_args, seconds), .dmin = 0.001, .dmax = 1e6,
     .arg = "S", .help = "measure this long once every match started (default 10)"},
    {CLI_UINT, "games", 0, CLI_FIELD(loadgen_args, games), .umin = 1, .umax = 1000000, .arg = "G",
     .help = "instead: play G games per match to the end"},
    {CLI_DOUBLE, "warmup", 0, CLI_FIELD(loadgen_args, cfg.warmup), .dmin = 0, .dmax = 1e6,
     .arg = "S", .help = "seconds after the start before measuring (default 2)"},
    {CLI_UINT, "window", 0, CLI_FIELD(loadgen_args, cfg.connect_window), .umin = 1, .umax = 100000,
     .arg = "N", .help = "connections being set up at once (default 64)"},
    {CLI_UINT, "board", 0, CLI_FIELD(loadgen_args, cfg.board), .umin = 1, .umax = 255, .arg = "N",
     .help = "the relay's Gomoku board size (default 15)"},
    {CLI_UINT, "pingpong", 0, CLI_FIELD(loadgen_args, pingpong), .umax = 100000000, .arg = "N",
     .help = "round trips of the ping-pong floor; 0: none (default 20000)"},
    {CLI_DOUBLE, "timeout", 0, CLI_FIELD(loadgen_args, cfg.timeout), .dmin = 0.001, .dmax = 1e6,
     .arg = "S", .help = "give up after this many seconds in all (default 900)"},
    {CLI_STRING, "title", 0, CLI_FIELD(loadgen_args, title), .arg = "TEXT",
     .help = "a heading above the table"},
    CLI_OPTION_HELP,
};

static const cli_program program = {
    "matchboard-loadgen",
    "matchboard-loadgen [--server HOST:PORT] [--server-pid PID]\n"
    "                          [--relay HOST:PORT] [--relay-pid PID]\n"
    "                          [--matches M] [--pace MOVES_PER_S | --flat]\n"
    "                          [--seconds S | --games G] [--warmup S]\n"
    "                          [--window N] [--board N] [--pingpong N]\n"
    "                          [--timeout S] [--title TEXT]",
    "Runs the ping-pong floor, then M matches (2M connections) against the\n"
    "bare relay and the server given, and prints a Markdown table.\n",
    CLI_OPTIONS(options),
    NULL,
    NULL};

static int parse_addr(const char *text, char *host, size_t cap, uint16_t *port)
{
    return sock_parse_hostport(text, 7777, host, cap, port) == SOCK_OK ? 0 : -1;
}

static int run_phase(phase *ph, lg_target target, lg_config cfg)
{
    char host[SOCK_HOST_MAX];
    if (!ph->addr)
        return 0;
    if (parse_addr(ph->addr, host, sizeof host, &cfg.port) != 0) {
        fprintf(stderr, "matchboard-loadgen: bad address %s\n", ph->addr);
        return -1;
    }
    cfg.host = host;
    cfg.target = target;
    cfg.server_pid = ph->pid;
    fprintf(stderr, "matchboard-loadgen: %s at %s...\n",
            target == LG_RELAY ? "bare relay" : "server", ph->addr);
    if (lg_run(&cfg, &ph->r) != 0 && ph->r.errors == 0)
        ph->r.errors = 1;
    ph->ran = 1;
    if (ph->r.errors)
        fprintf(stderr, "matchboard-loadgen: %llu errors, the first: %s\n",
                (unsigned long long)ph->r.errors, ph->r.first_error);
    return 0;
}

/* One cell: a value, or "–" when not measured. */
static void cell(char *buf, size_t cap, int known, double v, int decimals)
{
    if (!known)
        snprintf(buf, cap, "–");
    else
        snprintf(buf, cap, "%.*f", decimals, v);
}

static void ratio(char *buf, size_t cap, int known, double a, double b)
{
    if (!known || b <= 0)
        snprintf(buf, cap, "–");
    else
        snprintf(buf, cap, "%.2f×", a / b);
}

static void row(const char *name, int known_pp, double pp, const phase *rel, int known_rel,
                double vrel, const phase *srv, int known_srv, double vsrv, int decimals)
{
    char a[32], b[32], c[32], d[32], e[32];
    cell(a, sizeof a, known_pp, pp, decimals);
    cell(b, sizeof b, rel->ran && known_rel, vrel, decimals);
    cell(c, sizeof c, srv->ran && known_srv, vsrv, decimals);
    ratio(d, sizeof d, known_pp && srv->ran && known_srv, vsrv, pp);
    ratio(e, sizeof e, rel->ran && known_rel && srv->ran && known_srv, vsrv, vrel);
    printf("| %s | %s | %s | %s | %s | %s |\n", name, a, b, c, d, e);
}

static double per_conn_kib(const lg_result *r, uint64_t full, uint64_t idle)
{
    return r->conns_held ? ((double)full - (double)idle) / (double)r->conns_held : 0;
}

static void print_table(const lg_config *cfg, const lg_latency *hot, const lg_latency *pp,
                        const phase *rel, const phase *srv)
{
    const lg_result *R = &rel->r, *S = &srv->r;
    int havepp = pp->n > 0;
    char pace[64];
    if (cfg->pace > 0)
        snprintf(pace, sizeof pace, "paced, %g move/s per match", cfg->pace);
    else
        snprintf(pace, sizeof pace, "flat out");
    printf("\n%d matches (%d connections), %s, ", cfg->matches, 2 * cfg->matches, pace);
    if (cfg->seconds > 0)
        printf("%g s measured after %g s warm-up", cfg->seconds, cfg->warmup);
    else
        printf("%d game%s per match to the end", cfg->games, cfg->games == 1 ? "" : "s");
    if (cfg->pace > 0)
        printf("; ping-pong floor: %zu round trips at the load's rate", pp->n);
    else
        printf("; ping-pong floor: %zu round trips back to back", pp->n);
    printf("\n\n");
    printf("| figure | ping-pong floor | bare relay | server | server ÷ ping-pong | server ÷ "
           "relay |\n");
    printf("| --- | --- | --- | --- | --- | --- |\n");
    row("moves relayed per second", 0, 0, rel, 1, R->moves_per_s, srv, 1, S->moves_per_s, 0);
    row("move latency p50 (µs; ping-pong: round trip)", havepp, pp->p50, rel, R->lat.n > 0,
        R->lat.p50, srv, S->lat.n > 0, S->lat.p50, 1);
    row("move latency p99 (µs)", havepp, pp->p99, rel, R->lat.n > 0, R->lat.p99, srv, S->lat.n > 0,
        S->lat.p99, 1);
    row("move latency p99.9 (µs)", havepp, pp->p999, rel, R->lat.n > 0, R->lat.p999, srv,
        S->lat.n > 0, S->lat.p999, 1);
    row("move latency max (µs)", havepp, pp->max, rel, R->lat.n > 0, R->lat.max, srv, S->lat.n > 0,
        S->lat.max, 1);
    row("moves measured", havepp, (double)pp->n, rel, 1, (double)R->moves, srv, 1, (double)S->moves,
        0);
    row("connections held", 0, 0, rel, 1, (double)R->conns_held, srv, 1, (double)S->conns_held, 0);
    row("games completed", 0, 0, rel, 1, (double)R->games_done, srv, 1, (double)S->games_done, 0);
    row("paced moves sent late", 0, 0, rel, 1, (double)R->late, srv, 1, (double)S->late, 0);
    row("errors (rejects, drops, mismatches)", 0, 0, rel, 1, (double)R->errors, srv, 1,
        (double)S->errors, 0);
    row("process CPU seconds in the window (user+sys)", 0, 0, rel, R->proc_known, R->cpu_s, srv,
        S->proc_known, S->cpu_s, 2);
    row("  of which user", 0, 0, rel, R->proc_known, R->cpu_user_s, srv, S->proc_known,
        S->cpu_user_s, 2);
    row("CPU µs per move", 0, 0, rel, R->proc_known && R->moves,
        R->moves ? R->cpu_s * 1e6 / (double)R->moves : 0, srv, S->proc_known && S->moves,
        S->moves ? S->cpu_s * 1e6 / (double)S->moves : 0, 1);
    row("peak RSS (KiB)", 0, 0, rel, R->proc_known, (double)R->hwm_kib, srv, S->proc_known,
        (double)S->hwm_kib, 0);
    row("RSS before connecting (KiB)", 0, 0, rel, R->proc_known, (double)R->rss_idle_kib, srv,
        S->proc_known, (double)S->rss_idle_kib, 0);
    row("user-space KiB per connection (RSS all seated − before)", 0, 0, rel,
        R->proc_known && R->conns_held, per_conn_kib(R, R->rss_full_kib, R->rss_idle_kib), srv,
        S->proc_known && S->conns_held, per_conn_kib(S, S->rss_full_kib, S->rss_idle_kib), 2);
    row("user-space KiB per connection (peak RSS − before)", 0, 0, rel,
        R->proc_known && R->conns_held, per_conn_kib(R, R->hwm_kib, R->rss_idle_kib), srv,
        S->proc_known && S->conns_held, per_conn_kib(S, S->hwm_kib, S->rss_idle_kib), 2);
    row("kernel KiB per connection, both ends (slab growth)", 0, 0, rel,
        R->kernel_known && R->conns_held,
        R->conns_held ? (double)R->kernel_slab_kib / (double)R->conns_held : 0, srv,
        S->kernel_known && S->conns_held,
        S->conns_held ? (double)S->kernel_slab_kib / (double)S->conns_held : 0, 2);
    row("kernel TCP buffer KiB per connection (sockstat mem)", 0, 0, rel,
        R->kernel_known && R->conns_held,
        R->conns_held ? (double)R->kernel_tcp_kib / (double)R->conns_held : 0, srv,
        S->kernel_known && S->conns_held,
        S->conns_held ? (double)S->kernel_tcp_kib / (double)S->conns_held : 0, 2);
    if (hot->n)
        printf("\nping-pong back to back (%zu round trips): p50 %.1f µs, p99 %.1f µs, p99.9 "
               "%.1f µs, max %.1f µs\n",
               hot->n, hot->p50, hot->p99, hot->p999, hot->max);
    if (R->errors)
        printf("\nrelay: first error: %s\n", R->first_error);
    if (S->errors)
        printf("\nserver: first error: %s\n", S->first_error);
}

/* Reads the command line into a; 0 to run, or the exit status. */
static int parse_args(int argc, char **argv, loadgen_args *a)
{
    char err[256];
    memset(a, 0, sizeof *a);
    a->cfg.matches = 100;
    a->cfg.pace = 1;
    a->cfg.seconds = 10;
    a->cfg.warmup = 2;
    a->cfg.connect_window = 64;
    a->cfg.board = 15;
    a->cfg.timeout = 900;
    a->pingpong = 20000;
    a->seconds = -1;
    switch (cli_parse(&program, argc, argv, 1, a, err, sizeof err)) {
    case CLI_OK:
        break;
    case CLI_HELP_ASKED:
        return cli_print_help(&program, stdout) == 0 ? -1 : 1;
    default:
        fprintf(stderr, "matchboard-loadgen: %s (see --help)\n", err);
        return 2;
    }
    if (a->games && a->seconds >= 0) {
        fprintf(stderr, "matchboard-loadgen: --seconds and --games exclude each other\n");
        return 2;
    }
    if (a->flat)
        a->cfg.pace = 0;
    if (a->seconds >= 0)
        a->cfg.seconds = a->seconds;
    if (a->games) {
        a->cfg.games = a->games;
        a->cfg.seconds = 0;
    }
    return 0;
}

int main(int argc, char **argv)
{
    loadgen_args args;
    lg_latency pp, hot;
    int rc = parse_args(argc, argv, &args);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    lg_config cfg = args.cfg;
    phase rel = args.rel, srv = args.srv;
    int pingpong = args.pingpong;
    const char *title = args.title;
    memset(&pp, 0, sizeof pp);
    memset(&hot, 0, sizeof hot);
    if (lg_check_pattern(cfg.board) != 0) {
        fprintf(stderr, "matchboard-loadgen: no drawn game on a %dx%d board\n", cfg.board,
                cfg.board);
        return 2;
    }
    if (sock_startup() != SOCK_OK) {
        fprintf(stderr, "matchboard-loadgen: no sockets\n");
        return 1;
    }
    lg_raise_fd_limit();
    if (pingpong > 0) {
        char err[128] = "";
        uint64_t interval = 0;
        int n = pingpong;
        fprintf(stderr, "matchboard-loadgen: ping-pong...\n");
        if (lg_pingpong(pingpong, 0, &hot, err, sizeof err) != 0)
            fprintf(stderr, "matchboard-loadgen: %s\n", err);
        if (cfg.pace > 0) {
            /* At the load's own rate, so both see the same idle CPUs. */
            double rate = cfg.pace * cfg.matches, secs = cfg.seconds > 0 ? cfg.seconds : 10;
            interval = (uint64_t)(1e9 / rate);
            if (rate * secs < n)
                n = (int)(rate * secs);
            if (lg_pingpong(n, interval, &pp, err, sizeof err) != 0)
                fprintf(stderr, "matchboard-loadgen: %s\n", err);
        } else {
            pp = hot;
        }
    }
    if (run_phase(&rel, LG_RELAY, cfg) != 0 || run_phase(&srv, LG_SERVER, cfg) != 0)
        return 2;
    if (title)
        printf("\n### %s\n", title);
    print_table(&cfg, &hot, &pp, &rel, &srv);
    fflush(stdout);
    sock_cleanup();
    return (rel.ran && rel.r.errors) || (srv.ran && srv.r.errors) ? 1 : 0;
}
