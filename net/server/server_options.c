/* server_options.c: flag parsing with clear messages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery_packet.h"
#include "gomoku_opening.h"
#include "packet.h"
#include "server_options.h"

const char *options_usage(void)
{
    return "usage: matchboard-server [options]\n"
           "\n"
           "  --port N          TCP port to listen on (default 7777; 0 takes a free port)\n"
           "  --bind ADDR       address to listen on (default: every interface, IPv6 and IPv4)\n"
           "  --game G          gomoku or chess (default gomoku)\n"
           "  --rule R          Gomoku rule: freestyle, standard or renju (default freestyle)\n"
           "  --size N          Gomoku board size, 5..25 (default 15)\n"
           "  --no-takeback     refuse takeback requests (tournaments)\n"
           "  --opening O       Gomoku opening rule: none, swap, swap2 (freestyle, standard),\n"
           "                    rif, yamaguchi, soosorv8, taraguchi10 (renju) (default none)\n"
           "  --clock M+S       clock per player: M minutes plus S seconds a move (default none);\n"
           "                    M+SdD adds a simple (US) delay of D seconds, M+SbD a Bronstein\n"
           "                    delay\n"
           "  --move-time S     the most one move may take, in seconds (default no cap)\n"
           "  --records DIR     folder for finished games' records (default ./records)\n"
           "  --max-clients N   connections at once; more are refused (default no limit)\n"
           "  --grace S         seconds a dropped player has to come back (default 60)\n"
           "  --restart-bonus S seconds added to both clocks of a game resumed after a\n"
           "                    restart, once both players are back (default 10)\n"
           "  --journal FILE    journal of unfinished games, restored after a crash\n"
           "                    (default DIR/journal beside the records; none: off)\n"
           "  --journal-sync W  when the journal goes to the disk: second (at most a\n"
           "                    second after a move: a power cut may lose that second)\n"
           "                    or move (before the move is relayed; slower). Either\n"
           "                    way a killed or crashed server loses no move (default\n"
           "                    second)\n"
           "  --hello-timeout S seconds a new connection has to say HELLO (default 10)\n"
           "  --idle-timeout S  seconds of silence before a connection is dropped\n"
           "                    (default 60; the server pings after a third of it)\n"
           "  --log-level L     error, warn, info or debug (default info)\n"
           "  --io B            event loop: uring, epoll or poll on Linux (default uring\n"
           "                    where the kernel allows it, else epoll; logged at start)\n"
           "  --name NAME       server name shown to LAN discovery (default the host name)\n"
           "  --discovery-port N  UDP port answering discovery probes (default: the TCP\n"
           "                    port's number)\n"
           "  --no-discovery    do not answer discovery probes\n"
           "  --engine-seat CMD keep an engine seated in the lobby (matchboard-bot\n"
           "                    --engine CMD, one game at a time): a visitor who\n"
           "                    finds nobody waiting plays it; builtin is\n"
           "                    matchboard-engine\n"
           "  --help            this text\n"
           "  --version         the version\n"
           "\n"
           "Prints \"listening on HOST:PORT\" when ready. Ctrl-C or SIGTERM stops it cleanly.\n";
}

/* A decimal number with up to three decimals, scaled by `scale` (1000 for
 * seconds to ms). */
static int parse_scaled(const char *s, uint64_t scale, uint64_t max, uint64_t *out)
{
    uint64_t whole = 0, frac = 0, div = 1;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        whole = whole * 10 + (uint64_t)(*p++ - '0');
        if (whole > max)
            return -1;
    }
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9') {
            if (div < 1000) {
                frac = frac * 10 + (uint64_t)(*p - '0');
                div *= 10;
            }
            p++;
        }
    }
    if (*p != '\0')
        return -1;
    *out = whole * scale + frac * scale / div;
    return *out > max * scale ? -1 : 0;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (*end != '\0' || errno != 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* --opening: a known rule that fits the game, rule and board. */
static options_result parse_opening(const char *name, match_config *m, char *err, size_t cap)
{
    gomoku_opening_rule r;
    const char *unfit;
    if (gomoku_opening_rule_from_name(name, &r) != 0) {
        snprintf(err, cap,
                 "--opening: '%s' is not none, swap, swap2, rif, yamaguchi, soosorv8 or "
                 "taraguchi10",
                 name);
        return OPTIONS_BAD;
    }
    if (r != GOMOKU_OPENING_NONE && m->ops->kind != GAME_KIND_GOMOKU) {
        snprintf(err, cap, "--opening: opening rules are for Gomoku, not %s", m->ops->name);
        return OPTIONS_BAD;
    }
    unfit = gomoku_opening_unfit(r, (gomoku_rule)m->options.rule, m->options.width);
    if (unfit) {
        snprintf(err, cap, "--opening %s with --rule %s --size %d: %s", name,
                 gomoku_rule_name((gomoku_rule)m->options.rule), m->options.width, unfit);
        return OPTIONS_BAD;
    }
    m->opening = (uint8_t)r;
    return OPTIONS_RUN;
}

/* M+S, M+SdD (simple delay D seconds) or M+SbD (Bronstein delay). */
static int parse_clock(const char *s, match_config *c)
{
    char minutes[32], inc[32];
    const char *plus = strchr(s, '+'), *delay;
    uint64_t m, i, d = 0;
    size_t n = plus ? (size_t)(plus - s) : 0;
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
    if (parse_scaled(minutes, 60000, 24 * 60, &m) != 0 || m == 0 ||
        parse_scaled(inc, 1000, 3600, &i) != 0 ||
        (*delay && parse_scaled(delay + 1, 1000, 3600, &d) != 0))
        return -1;
    c->clock_ms = (uint32_t)m;
    c->increment_ms = (uint32_t)i;
    c->delay_kind = (uint8_t)(*delay == 'd' ? 1 : *delay == 'b' ? 2 : 0);
    c->delay_ms = (uint32_t)d;
    return 0;
}

options_result options_parse(int argc, char **argv, server_options *out, char *err, size_t cap)
{
    const char *game = "gomoku", *rule = NULL, *opening = NULL;
    unsigned long size = 0;
    int rule_set = 0;
    memset(out, 0, sizeof *out);
    out->port = 7777;
    out->records_dir = "records";
    out->level = LOG_INFO;
    out->match.grace_ms = 60000;
    out->match.restart_bonus_ms = 10000;
    out->match.hello_timeout_ms = 10000;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL, *eq;
        char flag[32];
        size_t n;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return OPTIONS_HELP;
        if (strcmp(a, "--version") == 0)
            return OPTIONS_VERSION;
        if (strcmp(a, "--no-takeback") == 0) {
            out->match.no_takeback = 1;
            continue;
        }
        if (strcmp(a, "--no-discovery") == 0) {
            out->no_discovery = 1;
            continue;
        }
        if (strncmp(a, "--", 2) != 0) {
            snprintf(err, cap, "unexpected argument '%s' (see --help)", a);
            return OPTIONS_BAD;
        }
        eq = strchr(a, '=');
        n = eq ? (size_t)(eq - a) : strlen(a);
        if (n >= sizeof flag) {
            snprintf(err, cap, "unknown option '%s' (see --help)", a);
            return OPTIONS_BAD;
        }
        memcpy(flag, a, n);
        flag[n] = '\0';
        if (strcmp(flag, "--port") && strcmp(flag, "--bind") && strcmp(flag, "--game") &&
            strcmp(flag, "--rule") && strcmp(flag, "--size") && strcmp(flag, "--clock") &&
            strcmp(flag, "--records") && strcmp(flag, "--max-clients") && strcmp(flag, "--grace") &&
            strcmp(flag, "--restart-bonus") && strcmp(flag, "--log-level") &&
            strcmp(flag, "--name") && strcmp(flag, "--discovery-port") &&
            strcmp(flag, "--journal") && strcmp(flag, "--journal-sync") &&
            strcmp(flag, "--hello-timeout") && strcmp(flag, "--idle-timeout") &&
            strcmp(flag, "--io") && strcmp(flag, "--opening") && strcmp(flag, "--engine-seat") &&
            strcmp(flag, "--move-time")) {
            snprintf(err, cap, "unknown option '%s' (see --help)", flag);
            return OPTIONS_BAD;
        }
        if (eq)
            v = eq + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        else {
            snprintf(err, cap, "option %s needs a value", flag);
            return OPTIONS_BAD;
        }
        if (strcmp(flag, "--port") == 0) {
            unsigned long p;
            if (parse_uint(v, 65535, &p) != 0) {
                snprintf(err, cap, "--port: '%s' is not a port number 0..65535", v);
                return OPTIONS_BAD;
            }
            out->port = (uint16_t)p;
        } else if (strcmp(flag, "--bind") == 0) {
            if (!*v) {
                snprintf(err, cap, "--bind: empty address");
                return OPTIONS_BAD;
            }
            out->bind_host = v;
        } else if (strcmp(flag, "--game") == 0) {
            game = v;
        } else if (strcmp(flag, "--opening") == 0) {
            opening = v;
        } else if (strcmp(flag, "--move-time") == 0) {
            uint64_t t;
            if (parse_scaled(v, 1000, 86400, &t) != 0 || t == 0) {
                snprintf(err, cap, "--move-time: '%s' is not a number of seconds above 0", v);
                return OPTIONS_BAD;
            }
            out->match.move_time_ms = (uint32_t)t;
        } else if (strcmp(flag, "--rule") == 0) {
            rule = v;
            rule_set = 1;
        } else if (strcmp(flag, "--size") == 0) {
            if (parse_uint(v, 255, &size) != 0 || size == 0) {
                snprintf(err, cap, "--size: '%s' is not a board size", v);
                return OPTIONS_BAD;
            }
        } else if (strcmp(flag, "--clock") == 0) {
            if (parse_clock(v, &out->match) != 0) {
                snprintf(err, cap,
                         "--clock: '%s' is not M+S (minutes > 0, plus increment seconds, "
                         "e.g. 5+3; 5+0d3 or 5+0b3 with a delay)",
                         v);
                return OPTIONS_BAD;
            }
        } else if (strcmp(flag, "--records") == 0) {
            if (!*v) {
                snprintf(err, cap, "--records: empty folder name");
                return OPTIONS_BAD;
            }
            out->records_dir = v;
        } else if (strcmp(flag, "--max-clients") == 0) {
            unsigned long m;
            if (parse_uint(v, 1000000, &m) != 0 || m == 0) {
                snprintf(err, cap, "--max-clients: '%s' is not a number 1..1000000", v);
                return OPTIONS_BAD;
            }
            out->max_clients = m;
        } else if (strcmp(flag, "--grace") == 0) {
            uint64_t ms;
            if (parse_scaled(v, 1000, 86400, &ms) != 0) {
                snprintf(err, cap, "--grace: '%s' is not a number of seconds 0..86400", v);
                return OPTIONS_BAD;
            }
            out->match.grace_ms = (uint32_t)ms;
        } else if (strcmp(flag, "--restart-bonus") == 0) {
            uint64_t ms;
            if (parse_scaled(v, 1000, 86400, &ms) != 0) {
                snprintf(err, cap, "--restart-bonus: '%s' is not a number of seconds 0..86400", v);
                return OPTIONS_BAD;
            }
            out->match.restart_bonus_ms = (uint32_t)ms;
        } else if (strcmp(flag, "--name") == 0) {
            char field[DISCOVERY_NAME_SIZE];
            packet_set_string(field, sizeof field, v);
            if (!*v || strlen(v) >= sizeof field ||
                !packet_text_field_ok((const uint8_t *)field, sizeof field)) {
                snprintf(err, cap, "--name: give 1 to %d bytes of UTF-8 text, one line",
                         DISCOVERY_NAME_SIZE - 1);
                return OPTIONS_BAD;
            }
            out->name = v;
        } else if (strcmp(flag, "--discovery-port") == 0) {
            unsigned long p;
            if (parse_uint(v, 65535, &p) != 0 || p == 0) {
                snprintf(err, cap, "--discovery-port: '%s' is not a port number 1..65535", v);
                return OPTIONS_BAD;
            }
            out->discovery_port = (uint16_t)p;
        } else if (strcmp(flag, "--journal") == 0) {
            if (!*v) {
                snprintf(err, cap, "--journal: empty file name (none turns the journal off)");
                return OPTIONS_BAD;
            }
            out->journal_path = v;
        } else if (strcmp(flag, "--journal-sync") == 0) {
            if (strcmp(v, "second") == 0)
                out->journal_sync = JOURNAL_SYNC_SECOND;
            else if (strcmp(v, "move") == 0)
                out->journal_sync = JOURNAL_SYNC_MOVE;
            else {
                snprintf(err, cap, "--journal-sync: '%s' is not second or move", v);
                return OPTIONS_BAD;
            }
        } else if (strcmp(flag, "--io") == 0) {
            /* Which of these this build has is server_create's to say. */
            if (strcmp(v, "uring") && strcmp(v, "epoll") && strcmp(v, "poll") &&
                strcmp(v, "wsaeventselect")) {
                snprintf(err, cap, "--io: '%s' is not uring, epoll, poll or wsaeventselect", v);
                return OPTIONS_BAD;
            }
            out->io = v;
        } else if (strcmp(flag, "--engine-seat") == 0) {
            if (!*v) {
                snprintf(err, cap, "--engine-seat: empty command");
                return OPTIONS_BAD;
            }
            out->engine_seat = v;
        } else if (strcmp(flag, "--hello-timeout") == 0 || strcmp(flag, "--idle-timeout") == 0) {
            uint64_t ms;
            if (parse_scaled(v, 1000, 86400, &ms) != 0 || ms < 100) {
                snprintf(err, cap, "%s: '%s' is not a number of seconds 0.1..86400", flag, v);
                return OPTIONS_BAD;
            }
            if (flag[2] == 'h')
                out->match.hello_timeout_ms = (uint32_t)ms;
            else
                out->idle_ms = (uint32_t)ms;
        } else { /* --log-level */
            static const char *const names[] = {"error", "warn", "info", "debug"};
            int found = -1;
            for (int k = 0; k < 4; k++)
                if (strcmp(v, names[k]) == 0)
                    found = k;
            if (found < 0) {
                snprintf(err, cap, "--log-level: '%s' is not error, warn, info or debug", v);
                return OPTIONS_BAD;
            }
            out->level = (log_level)found;
        }
    }

    out->match.ops = game_ops_by_name(game);
    if (!out->match.ops) {
        snprintf(err, cap, "--game: '%s' is not gomoku or chess", game);
        return OPTIONS_BAD;
    }
    out->match.options.kind = out->match.ops->kind;
    if (rule_set) {
        if (out->match.ops->kind != GAME_KIND_GOMOKU) {
            snprintf(err, cap, "--rule: only Gomoku has rules to choose");
            return OPTIONS_BAD;
        }
        if (strcmp(rule, "freestyle") == 0)
            out->match.options.rule = GAME_RULE_FREESTYLE;
        else if (strcmp(rule, "standard") == 0)
            out->match.options.rule = GAME_RULE_STANDARD;
        else if (strcmp(rule, "renju") == 0)
            out->match.options.rule = GAME_RULE_RENJU;
        else {
            snprintf(err, cap, "--rule: '%s' is not freestyle, standard or renju", rule);
            return OPTIONS_BAD;
        }
    }
    out->match.options.width = out->match.options.height = (uint8_t)size;
    if (out->match.ops->normalize_options(&out->match.options) != GAME_OK) {
        if (out->match.ops->kind == GAME_KIND_CHESS)
            snprintf(err, cap, "--size: chess is played on 8x8 only");
        else
            snprintf(err, cap, "--size: %lu is not a Gomoku board size (5..25)", size);
        return OPTIONS_BAD;
    }
    return opening ? parse_opening(opening, &out->match, err, cap) : OPTIONS_RUN;
}
