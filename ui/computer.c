/* computer.c: see computer.h. */
#include <stdio.h>
#include <string.h>

#include "app_net.h"
#include "child_proc.h"
#include "computer.h"
#include "computer_levels.h"
#include "host_dialog.h"
#include "local_server.h"

enum { BOT_STOP_MS = 2000, BOT_WATCH_MS = 500 };

/* Starts the local server of this game on 127.0.0.1 with a free port:
 * the host dialog's defaults (freestyle, no clock, takebacks) and, for
 * Gomoku, the opening rule chosen. */
static int start_server(app *a, game_kind kind, char *hostport, size_t cap)
{
    char records[1100], err[300];
    const char *args[HOST_DIALOG_MAX_ARGS];
    unsigned port;
    host_dialog d;
    host_listen l = {"127.0.0.1", 1, NULL, records};
    size_t n;
    host_dialog_init(&d);
    d.game = kind;
    if (kind == GAME_KIND_GOMOKU)
        d.opening = a->computer_opening;
    local_server_records_dir(a->config_path, a->opt.no_config, records, sizeof records);
    n = host_dialog_server_args(&d, &l, args, sizeof args / sizeof args[0]);
    if (local_server_start(args, n, &a->computer_server, &port, err, sizeof err) != 0) {
        snprintf(a->form_error, sizeof a->form_error, "Play the computer: %s", err);
        return -1;
    }
    snprintf(hostport, cap, "127.0.0.1:%u", port);
    return 0;
}

int computer_play(app *a, game_kind kind, const char *hostport)
{
    char local[64];
    computer_stop(a);
    if (!hostport || !hostport[0]) {
        if (start_server(a, kind, local, sizeof local) != 0)
            return -1;
        hostport = local;
    }
    snprintf(a->computer_addr, sizeof a->computer_addr, "%s", hostport);
    a->computer_due = 1;
    if (app_net_connect(a, hostport, a->form_name) != 0) {
        computer_stop(a);
        return -1;
    }
    return 0;
}

void computer_on_welcome(app *a)
{
    char path[1200], err[300], name[32];
    const char *argv[24];
    const game_ops *ops = session_ops(a->ses);
    size_t n = 0;
    if (!a->computer_due || !ops)
        return;
    a->computer_due = 0;
    if (child_proc_sibling("matchboard-bot", "../net/client", path, sizeof path) != 0) {
        session_notice(a->ses, 0,
                       "Play the computer: matchboard-bot is not installed beside matchboard");
        return;
    }
    snprintf(name, sizeof name, "Computer (%s)", computer_level_name(a->computer_level));
    argv[n++] = path;
    argv[n++] = "--connect";
    argv[n++] = a->computer_addr;
    argv[n++] = "--name";
    argv[n++] = name;
    argv[n++] = "--games";
    argv[n++] = "1000000";
    argv[n++] = "--quiet";
    computer_bot_flags(ops->kind, a->computer_level, a->opt.engine, argv + n,
                       sizeof argv / sizeof argv[0] - n); /* NULL-terminates argv */
    a->computer_bot_ended = 0;
    if (child_proc_start(&a->computer_bot, argv, NULL, NULL, err, sizeof err) != 0)
        session_notice(a->ses, 0, "Play the computer: %s", err);
}

void computer_tick(app *a)
{
    char how[96];
    const game_ops *ops = session_ops(a->ses);
    if (!a->computer_bot || a->computer_bot_ended)
        return;
    /* -1 with "is still running": nothing to say yet */
    if (child_proc_exit_status(a->computer_bot, 0, how, sizeof how) < 0 &&
        strcmp(how, "is still running") == 0)
        return;
    a->computer_bot_ended = 1;
    fprintf(stderr, "matchboard: the computer's player (matchboard-bot) %s\n", how);
    if (ops && ops->kind == GAME_KIND_CHESS && !a->opt.engine)
        session_notice(a->ses, 0, "The computer stopped: is Stockfish installed?");
    else
        session_notice(a->ses, 0, "The computer stopped: its engine failed or is missing");
}

int computer_timeout(const app *a)
{
    return a->computer_bot && !a->computer_bot_ended ? BOT_WATCH_MS : -1;
}

void computer_stop(app *a)
{
    a->computer_due = 0;
    if (a->computer_bot) {
        child_proc_terminate(a->computer_bot);
        child_proc_stop(a->computer_bot, BOT_STOP_MS);
        a->computer_bot = NULL;
    }
    local_server_stop(&a->computer_server);
}
