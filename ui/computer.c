/* computer.c: see computer.h. */
#include <stdio.h>
#include <string.h>

#include "app_net.h"
#include "child_proc.h"
#include "computer.h"
#include "computer_levels.h"

enum { SERVER_START_MS = 10000, STOP_MS = 2000 };

/* The folder for the local server's records: beside gui.conf, else
 * "records" in the current folder. */
static void records_dir(const app *a, char *buf, size_t cap)
{
    const char *slash = strrchr(a->config_path, '/');
    const char *bslash = strrchr(a->config_path, '\\');
    if (bslash && (!slash || bslash > slash))
        slash = bslash;
    if (a->opt.no_config || !a->config_path[0] || !slash) {
        snprintf(buf, cap, "records");
        return;
    }
    snprintf(buf, cap, "%.*s/records", (int)(slash - a->config_path), a->config_path);
}

/* Starts the local server and waits for its "listening on HOST:PORT". */
static int start_server(app *a, game_kind kind, char *hostport, size_t cap)
{
    char path[1200], records[1100], err[300], line[300];
    const char *argv[16];
    size_t n = 0;
    unsigned port = 0;
    if (child_proc_sibling("matchboard-server", "../net/server", path, sizeof path) != 0) {
        snprintf(a->form_error, sizeof a->form_error,
                 "Play the computer: matchboard-server is not installed beside matchboard");
        return -1;
    }
    records_dir(a, records, sizeof records);
    argv[n++] = path;
    argv[n++] = "--port";
    argv[n++] = "0";
    argv[n++] = "--bind";
    argv[n++] = "127.0.0.1";
    argv[n++] = "--no-discovery";
    argv[n++] = "--log-level";
    argv[n++] = "warn";
    argv[n++] = "--journal";
    argv[n++] = "none";
    argv[n++] = "--records";
    argv[n++] = records;
    argv[n++] = "--game";
    argv[n++] = kind == GAME_KIND_CHESS ? "chess" : "gomoku";
    argv[n] = NULL;
    if (child_proc_start(&a->computer_server, argv, NULL, NULL, err, sizeof err) != 0) {
        snprintf(a->form_error, sizeof a->form_error, "Play the computer: %s", err);
        return -1;
    }
    for (Uint32 start = SDL_GetTicks(); SDL_GetTicks() - start < SERVER_START_MS;) {
        int r = child_proc_read_line(a->computer_server, line, sizeof line);
        if (r < 0)
            break;
        if (r == 0) {
            SDL_Delay(10);
            continue;
        }
        if (strncmp(line, "listening on ", 13) == 0 && strrchr(line, ':') &&
            sscanf(strrchr(line, ':') + 1, "%u", &port) == 1)
            break;
    }
    if (port == 0 || port > 65535) {
        char how[128];
        child_proc_exit_status(a->computer_server, 0, how, sizeof how);
        snprintf(a->form_error, sizeof a->form_error,
                 "Play the computer: the local server did not start (it %s)", how);
        computer_stop(a);
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
    if (child_proc_start(&a->computer_bot, argv, NULL, NULL, err, sizeof err) != 0)
        session_notice(a->ses, 0, "Play the computer: %s", err);
}

void computer_stop(app *a)
{
    a->computer_due = 0;
    if (a->computer_bot) {
        child_proc_terminate(a->computer_bot);
        child_proc_stop(a->computer_bot, STOP_MS);
        a->computer_bot = NULL;
    }
    if (a->computer_server) {
        child_proc_terminate(a->computer_server);
        child_proc_stop(a->computer_server, STOP_MS);
        a->computer_server = NULL;
    }
}
