/* server_main.c: matchboard-server, the dedicated match server. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_seat_runner.h"
#include "evloop.h"
#include "mb_config.h"
#include "packet.h"
#include "server.h"
#include "server_options.h"
#include "sys.h"

static server *g_server;
static mb_thread *stdin_watcher;
static mb_mutex *stdin_lock; /* g_server against the watcher during teardown */
static atomic_int stdin_ended;

static void on_stop(void)
{
    if (g_server)
        server_stop(g_server);
}

/* --stop-on-stdin-eof: reads (and drops) the standard input to its end,
 * then stops the server as Ctrl-C does. A thread: a pipe is no object
 * every event loop can wait on (not WSAWaitForMultipleEvents). */
static void watch_stdin(void *arg)
{
    char buf[512];
    (void)arg;
    while (sys_stdin_read(buf, sizeof buf) > 0) {
    }
    /* (not on_stop itself: main may be destroying the server just now) */
    mb_mutex_lock(stdin_lock);
    on_stop();
    mb_mutex_unlock(stdin_lock);
    atomic_store(&stdin_ended, 1);
}

int main(int argc, char **argv)
{
    server_options o;
    char err[512];
    const char *knob;
    engine_seat_runner *seat = NULL;
    int rc;

    switch (options_parse(argc, argv, evloop_backends(), &o, err, sizeof err)) {
    case OPTIONS_HELP:
        cli_print_help(options_cli(), stdout);
        return 0;
    case OPTIONS_VERSION:
        printf("matchboard-server %s (protocol %d to %d)\n", MATCHBOARD_VERSION, PACKET_VERSION_MIN,
               PACKET_VERSION);
        return 0;
    case OPTIONS_BAD:
        return cli_usage_error(options_cli(), stderr, err);
    case OPTIONS_RUN:
        break;
    }
    /* Testing knob, not a flag: fewer sockets per match thread than the
     * backend allows, to exercise several threads with few clients. */
    knob = getenv("MATCHBOARD_LOOP_SOCKETS");
    if (knob && atoi(knob) >= 8)
        o.loop_capacity = (size_t)atoi(knob);
    /* Testing knob: the event loop's backend when --io is not given, so
     * every server test runs once per backend (tests/server/meson.build). */
    knob = getenv("MATCHBOARD_IO");
    if (!o.io && knob && *knob)
        o.io = knob;
    /* Testing knob: a match thread deaf after a game (server.h). */
    knob = getenv("MATCHBOARD_TEST_DEAF_AFTER_GAME");
    o.test_deaf_after_game = knob && strcmp(knob, "1") == 0;

    /* The engine seat's key: its bot's HELLO carries it (docs/server.md). */
    if (o.engine_seat && sys_random(o.match.seat_key, sizeof o.match.seat_key) != 0) {
        fprintf(stderr, "matchboard-server: --engine-seat: no secure random source\n");
        return 1;
    }
    if (server_create(&g_server, &o, err, sizeof err) != 0) {
        fprintf(stderr, "matchboard-server: %s\n", err);
        return 1;
    }
    if (sys_on_stop(on_stop) != 0)
        fprintf(stderr, "matchboard-server: cannot catch stop signals\n");
    if (o.stop_on_stdin_eof && (!(stdin_lock = mb_mutex_create()) ||
                                mb_thread_start(&stdin_watcher, watch_stdin, NULL) != 0)) {
        server *s = g_server;
        g_server = NULL;
        server_destroy(s);
        fprintf(stderr, "matchboard-server: --stop-on-stdin-eof: cannot start a thread\n");
        return 1;
    }
    printf("listening on %s\n", server_address(g_server));
    fflush(stdout);
    if (o.engine_seat && engine_seat_runner_start(&seat, o.engine_seat, server_address(g_server),
                                                  o.match.seat_key, o.level, err, sizeof err) != 0)
        fprintf(stderr, "matchboard-server: %s\n", err);
    rc = server_run(g_server);
    engine_seat_runner_stop(seat);
    /* The input's watcher, when it has seen the end; else it stays blocked
     * in its read and ends with the process. */
    if (stdin_watcher && atomic_load(&stdin_ended))
        mb_thread_join(stdin_watcher);
    {
        server *s;
        if (stdin_lock)
            mb_mutex_lock(stdin_lock);
        s = g_server;
        g_server = NULL;
        if (stdin_lock)
            mb_mutex_unlock(stdin_lock);
        server_destroy(s);
    }
    sys_stopped();
    return rc == 0 ? 0 : 1;
}
