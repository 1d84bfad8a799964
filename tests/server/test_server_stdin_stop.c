/* test_server_stdin_stop.c: the real matchboard-server started as the GUI
 * starts the server of a game it hosts on Windows (net/child_proc, a pipe
 * as its input, --stop-on-stdin-eof) and stopped as the GUI stops it:
 * child_proc_stop closes that pipe and waits (here ITEST_STOP_WAIT_MS)
 * before it would kill it. The stop is the clean one: both players of a
 * running game hear ERROR shutdown. And a host that leaves after a game,
 * its end not yet read when the stop comes (MATCHBOARD_TEST_DEAF_AFTER_GAME=1,
 * set by meson: the match thread reads nothing after the game), is still
 * heard: the opponent gets PEER_STATUS (Player1 gone) before ERROR
 * shutdown, as on Linux with SIGTERM. A killed server would say nothing.
 * Under Wine, and natively on epoll (tests/server/meson.build says why).
 * argv[1]: the server program. */
#include <stdio.h>
#include <string.h>

#include "child_proc.h"
#include "itest.h"
#include "mono_clock.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#define T TP_WAIT

static const char *server_exe;

/* Starts the server through child_proc, reads its "listening on" line: the
 * port, or 0 (then *out is NULL). */
static uint16_t start_hosted(child_proc **out, const char *dir)
{
    char path[1024], line[300], err[300];
    const char *argv[] = {
        path, "--port",    "0",    "--bind",  "127.0.0.1", "--no-discovery",      "--records",
        dir,  "--journal", "none", "--grace", "60",        "--stop-on-stdin-eof", NULL};
    const char *colon;
    unsigned port = 0;
    uint64_t start = mb_now_ms();
    proc_native_path(path, sizeof path, server_exe);
    if (child_proc_start(out, argv, NULL, NULL, err, sizeof err) != 0) {
        printf("# %s\n", err);
        *out = NULL;
        return 0;
    }
    while (port == 0 && mb_now_ms() - start < 10000) {
        int r = child_proc_read_line(*out, line, sizeof line);
        if (r < 0)
            break;
        if (r == 0)
            proc_sleep_ms(10);
        else if (strncmp(line, "listening on ", 13) == 0 && (colon = strrchr(line, ':')) &&
                 sscanf(colon + 1, "%u", &port) != 1)
            port = 0;
    }
    if (port == 0 || port > 65535) {
        child_proc_stop(*out, 0);
        *out = NULL;
        port = 0;
    }
    return (uint16_t)port;
}

/* The next packets of c: ERROR shutdown, then the server closes. */
static int hears_shutdown(tclient *c)
{
    int code = 0;
    return tc_wait_closed(c, T, &code) == 1 && code == PACKET_CODE_SHUTDOWN;
}

static void test_running_game(void)
{
    char dir[128];
    tclient a, b;
    child_proc *srv;
    uint16_t port;

    itest_records_dir(dir, sizeof dir, "stdin-stop");
    port = start_hosted(&srv, dir);
    if (!TAP_OK(port != 0, "the server starts with --stop-on-stdin-eof"))
        return;
    TAP_OK(tp_seat_pair(&a, &b, port, "Ann", "Ben", NULL, NULL, NULL), "Ann and Ben are seated");
    tc_stone(&a, 0, 7, 7);
    TAP_OK(tp_got_move(&a, 0, 7, 7) && tp_got_move(&b, 0, 7, 7), "a stone is played");
    child_proc_stop(srv, ITEST_STOP_WAIT_MS); /* closes its input first */
    TAP_OK(hears_shutdown(&a),
           "its input closed, the server stops cleanly: Ann hears ERROR shutdown");
    TAP_OK(hears_shutdown(&b), "and so does Ben");
    tc_close(&a);
    tc_close(&b);
}

static void test_host_left_unread(void)
{
    char dir[128];
    tclient a, b;
    child_proc *srv;
    packet p;
    uint16_t port;
    int peer;

    itest_records_dir(dir, sizeof dir, "stdin-stop-left");
    port = start_hosted(&srv, dir);
    if (!TAP_OK(port != 0, "a second server starts"))
        return;
    TAP_OK(tp_seat_pair(&a, &b, port, "Host", "Guest", NULL, NULL, NULL),
           "the host (Player1) and the guest are seated");
    tc_stone(&a, 0, 7, 7);
    TAP_OK(tp_got_move(&a, 0, 7, 7) && tp_got_move(&b, 0, 7, 7), "a stone is played");
    tc_simple(&a, PACKET_RESIGN, 1);
    TAP_OK(tc_expect(&a, PACKET_GAME_OVER, NULL, T) == 0 &&
               tc_expect(&b, PACKET_GAME_OVER, NULL, T) == 0,
           "the host resigns: the game is over (the match thread is deaf from now on)");
    tc_close(&a); /* the host leaves; the deaf server does not read it */
    child_proc_stop(srv, ITEST_STOP_WAIT_MS);
    peer = tc_expect(&b, PACKET_PEER_STATUS, &p, T) == 0;
    TAP_OK(peer && p.u.peer.seat == 1 && p.u.peer.status == PACKET_PEER_DROPPED,
           "the server stopped with the host's end unread: the guest hears the host left");
    TAP_OK(hears_shutdown(&b), "then ERROR shutdown, and the server closes");
    tc_close(&b);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_server_stdin_stop SERVER-PROGRAM\n");
        return 2;
    }
    server_exe = argv[1];
    sock_startup();
    test_running_game();
    test_host_left_unread();
    sock_cleanup();
    return tap_done();
}
