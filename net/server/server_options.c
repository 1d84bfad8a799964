/* server_options.c: matchboard-server's command line, one table (cli.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "discovery_packet.h"
#include "gomoku_opening.h"
#include "packet.h"
#include "server_options.h"

/* What the table fills: the options, and the choices that are checked
 * against each other once every flag is read. */
typedef struct server_args {
    server_options o;
    int game;                    /* game_name_at */
    int rule;                    /* gomoku_rule_name_at; -1: not given */
    int opening;                 /* gomoku_opening_rule_name_at; -1: not given */
    const char *const *backends; /* the event loops --io may name */
    unsigned size;
} server_args;

static const char *journal_sync_name(int i)
{
    static const char *const names[] = {"second", "move"}; /* journal_sync_mode */
    return i >= 0 && i < 2 ? names[i] : NULL;
}

/* --io: one of the event loops this build has (options_parse's list). */
static int parse_io(void *target, const char *v, char *why, size_t cap)
{
    server_args *a = target;
    size_t n = 0;
    for (size_t i = 0; a->backends[i]; i++)
        if (strcmp(v, a->backends[i]) == 0) {
            a->o.io = a->backends[i];
            return 0;
        }
    n = (size_t)snprintf(why, cap, "'%s' is not an event loop of this build:", v);
    for (size_t i = 0; a->backends[i] && n < cap; i++)
        n += (size_t)snprintf(why + n, cap - n, "%s %s",
                              i == 0               ? ""
                              : a->backends[i + 1] ? ","
                                                   : " or",
                              a->backends[i]);
    return -1;
}

/* M+S, M+SdD (simple delay D seconds) or M+SbD (Bronstein delay). */
static int parse_clock(void *target, const char *s, char *why, size_t cap)
{
    match_config *c = &((server_args *)target)->o.match;
    char minutes[32], inc[32];
    const char *plus = strchr(s, '+'), *delay;
    unsigned long long m, i, d = 0;
    size_t n = plus ? (size_t)(plus - s) : 0;
    snprintf(why, cap,
             "'%s' is not M+S: M minutes (more than 0, at most 1440) plus S increment seconds "
             "(0 to 3600), e.g. 5+3; a delay of D seconds (0 to 3600) as 5+0d3 or 5+0b3",
             s);
    if (!plus || n == 0 || n >= sizeof minutes)
        return -1;
    memcpy(minutes, s, n);
    minutes[n] = '\0';
    delay = plus + 1 + strcspn(plus + 1, "db");
    n = (size_t)(delay - plus - 1);
    if (n == 0 || n >= sizeof inc)
        return -1;
    memcpy(inc, plus + 1, n);
    inc[n] = '\0';
    if (cli_read_decimal(minutes, 60000, &m) != 0 || m == 0 || m > 24 * 60 * 60000ULL ||
        cli_read_decimal(inc, 1000, &i) != 0 || i > 3600000 ||
        (*delay && (cli_read_decimal(delay + 1, 1000, &d) != 0 || d > 3600000)))
        return -1;
    c->clock_ms = (uint32_t)m;
    c->increment_ms = (uint32_t)i;
    c->delay_kind = (uint8_t)(*delay == 'd' ? 1 : *delay == 'b' ? 2 : 0);
    c->delay_ms = (uint32_t)d;
    return 0;
}

/* --name: what a discovery reply can carry. */
static int parse_name(void *target, const char *v, char *why, size_t cap)
{
    char field[DISCOVERY_NAME_SIZE];
    packet_set_string(field, sizeof field, v);
    if (!*v || strlen(v) >= sizeof field ||
        !packet_text_field_ok((const uint8_t *)field, sizeof field)) {
        snprintf(why, cap, "give 1 to %d bytes of UTF-8 text, one line", DISCOVERY_NAME_SIZE - 1);
        return -1;
    }
    ((server_args *)target)->o.name = v;
    return 0;
}

#define SECONDS_MAX (86400ULL * 1000)

static const cli_option options[] = {
    {CLI_SECTION, .help = "Network:"},
    {CLI_UINT, "port", 0, CLI_FIELD(server_args, o.port), .umax = 65535, .arg = "N",
     .help = "TCP port to listen on (default 7777; 0 takes a free port)"},
    {CLI_STRING, "bind", 0, CLI_FIELD(server_args, o.bind_host), .umin = 1, .arg = "ADDR",
     .help = "address to listen on (default: every interface, IPv6 and IPv4)"},
    {CLI_UINT, "max-clients", 0, CLI_FIELD(server_args, o.max_clients), .umin = 1, .umax = 1000000,
     .arg = "N", .help = "connections at once; more are refused (default no limit)"},
    {CLI_SECONDS, "hello-timeout", 0, CLI_FIELD(server_args, o.match.hello_timeout_ms), .umin = 100,
     .umax = SECONDS_MAX, .arg = "S",
     .help = "seconds a new connection has to say HELLO (default 10)"},
    {CLI_SECONDS, "idle-timeout", 0, CLI_FIELD(server_args, o.idle_ms), .umin = 100,
     .umax = SECONDS_MAX, .arg = "S",
     .help = "seconds of silence before a connection is dropped (default 60; the server pings "
             "after a third of it)"},
    {CLI_CUSTOM, "io", 0, .parse = parse_io, .arg = "B",
     .help = "event loop: uring, epoll or poll on Linux, wsaeventselect on Windows (default "
             "uring where the kernel allows it, else epoll; logged at start)"},
    {CLI_CUSTOM, "name", 0, .parse = parse_name, .arg = "NAME",
     .help = "server name shown to LAN discovery (default the host name)"},
    {CLI_UINT, "discovery-port", 0, CLI_FIELD(server_args, o.discovery_port), .umin = 1,
     .umax = 65535, .arg = "N",
     .help = "UDP port answering discovery probes (default: the TCP port's number)"},
    {CLI_FLAG, "no-discovery", 0, CLI_FIELD(server_args, o.no_discovery),
     .help = "do not answer discovery probes"},

    {CLI_SECTION, .help = "Games:"},
    {CLI_ENUM, "game", 0, CLI_FIELD(server_args, game), .name_of = game_name_at, .arg = "G",
     .help = "{names} (default gomoku)"},
    {CLI_ENUM, "rule", 0, CLI_FIELD(server_args, rule), .name_of = gomoku_rule_name_at, .arg = "R",
     .help = "Gomoku rule: {names} (default freestyle)"},
    {CLI_UINT, "size", 0, CLI_FIELD(server_args, size), .umin = 1, .umax = 255, .arg = "N",
     .help = "Gomoku board size, 5..25 (default 15)"},
    {CLI_ENUM, "opening", 0, CLI_FIELD(server_args, opening),
     .name_of = gomoku_opening_rule_name_at, .arg = "O",
     .help = "Gomoku opening rule, one that fits the rule (docs/openings.md): {names} (default "
             "none)"},
    {CLI_CUSTOM, "clock", 0, .parse = parse_clock, .arg = "M+S",
     .help = "clock per player: M minutes plus S seconds a move (default none); M+SdD adds a "
             "simple (US) delay of D seconds, M+SbD a Bronstein delay"},
    {CLI_SECONDS, "move-time", 0, CLI_FIELD(server_args, o.match.move_time_ms), .umin = 1,
     .umax = SECONDS_MAX, .arg = "S",
     .help = "the most one move may take, in seconds (default no cap)"},
    {CLI_FLAG, "no-takeback", 0, CLI_FIELD(server_args, o.match.no_takeback),
     .help = "refuse takeback requests (tournaments)"},
    {CLI_SECONDS, "grace", 0, CLI_FIELD(server_args, o.match.grace_ms), .umax = SECONDS_MAX,
     .arg = "S", .help = "seconds a dropped player has to come back (default 60)"},
    {CLI_SECONDS, "restart-bonus", 0, CLI_FIELD(server_args, o.match.restart_bonus_ms),
     .umax = SECONDS_MAX, .arg = "S",
     .help = "seconds added to both clocks of a game resumed after a restart, once both "
             "players are back (default 10)"},
    {CLI_STRING, "engine-seat", 0, CLI_FIELD(server_args, o.engine_seat), .umin = 1, .arg = "CMD",
     .help = "keep an engine seated in the lobby (matchboard-bot --engine CMD, one game at a "
             "time): a visitor who finds nobody waiting plays it; builtin is matchboard-engine"},

    {CLI_SECTION, .help = "Records:"},
    {CLI_STRING, "records", 0, CLI_FIELD(server_args, o.records_dir), .umin = 1, .arg = "DIR",
     .help = "folder for finished games' records (default ./records)"},
    {CLI_STRING, "journal", 0, CLI_FIELD(server_args, o.journal_path), .umin = 1, .arg = "FILE",
     .help = "journal of unfinished games, restored after a crash (default DIR/journal beside "
             "the records; none: off)"},
    {CLI_ENUM, "journal-sync", 0, CLI_FIELD(server_args, o.journal_sync),
     .name_of = journal_sync_name, .arg = "W",
     .help = "when the journal goes to the disk: second (at most a second after a move: a "
             "power cut may lose that second) or move (before the move is relayed; slower). "
             "Either way a killed or crashed server loses no move (default second)"},

    {CLI_SECTION, .help = "Other:"},
    {CLI_ENUM, "log-level", 0, CLI_FIELD(server_args, o.level), .name_of = log_level_name,
     .arg = "L", .help = "{names} (default info)"},
    {CLI_FLAG, "stop-on-stdin-eof", 0, CLI_FIELD(server_args, o.stop_on_stdin_eof),
     .help = "stop cleanly, as on Ctrl-C, when the standard input ends: for a parent process "
             "that gives the server a pipe as its input and closes it to stop the server (the "
             "GUI on Windows)"},
    CLI_OPTION_HELP,
    CLI_OPTION_VERSION,
};

static const cli_program program = {
    "matchboard-server",
    "matchboard-server [options]",
    NULL,
    CLI_OPTIONS(options),
    "Prints \"listening on HOST:PORT\" when ready. Ctrl-C or SIGTERM stops it cleanly.\n",
    NULL};

const cli_program *options_cli(void)
{
    return &program;
}

/* The checks between flags, once all are read. */
static options_result check(server_args *a, char *err, size_t cap)
{
    match_config *m = &a->o.match;
    const char *unfit;
    m->ops = game_ops_by_name(game_name_at(a->game));
    m->options.kind = m->ops->kind;
    if (a->rule >= 0) {
        if (m->ops->kind != GAME_KIND_GOMOKU) {
            snprintf(err, cap, "--rule: only Gomoku has rules to choose");
            return OPTIONS_BAD;
        }
        m->options.rule = (uint8_t)a->rule;
    }
    m->options.width = m->options.height = (uint8_t)a->size;
    if (m->ops->normalize_options(&m->options) != GAME_OK) {
        if (m->ops->kind == GAME_KIND_CHESS)
            snprintf(err, cap, "--size: chess is played on 8x8 only");
        else
            snprintf(err, cap, "--size: %u is not a Gomoku board size (5..25)", a->size);
        return OPTIONS_BAD;
    }
    if (a->opening < 0)
        return OPTIONS_RUN;
    if (a->opening != GOMOKU_OPENING_NONE && m->ops->kind != GAME_KIND_GOMOKU) {
        snprintf(err, cap, "--opening: opening rules are for Gomoku, not %s", m->ops->name);
        return OPTIONS_BAD;
    }
    unfit = gomoku_opening_unfit((gomoku_opening_rule)a->opening, (gomoku_rule)m->options.rule,
                                 m->options.width);
    if (unfit) {
        snprintf(err, cap, "--opening %s with --rule %s --size %d: %s",
                 gomoku_opening_rule_name((gomoku_opening_rule)a->opening),
                 gomoku_rule_name((gomoku_rule)m->options.rule), m->options.width, unfit);
        return OPTIONS_BAD;
    }
    m->opening = (uint8_t)a->opening;
    return OPTIONS_RUN;
}

options_result options_parse(int argc, char **argv, const char *const *backends,
                             server_options *out, char *err, size_t cap)
{
    server_args a;
    options_result r = OPTIONS_BAD;
    memset(&a, 0, sizeof a);
    a.o.port = 7777;
    a.o.records_dir = "records";
    a.o.level = LOG_INFO;
    a.o.match.grace_ms = 60000;
    a.o.match.restart_bonus_ms = 10000;
    a.o.match.hello_timeout_ms = 10000;
    a.backends = backends;
    a.rule = a.opening = -1;
    switch (cli_parse(&program, argc, argv, 1, &a, err, cap)) {
    case CLI_HELP_ASKED:
        return OPTIONS_HELP;
    case CLI_VERSION_ASKED:
        return OPTIONS_VERSION;
    case CLI_OK:
        r = check(&a, err, cap);
        break;
    default:
        break;
    }
    *out = a.o;
    return r;
}
