/* test_server_rematch_drop.c: the real matchboard-server on 127.0.0.1
 * with --port 0: a player who drops after the game while a rematch offer
 * waits keeps its seat for the grace period. It resumes with its token,
 * sees the result and the offer again and accepts; the rematch is played.
 * With a short grace period, the offer lapses instead: the opponent is
 * told and the token is spent. An offer declined while its maker is away
 * survives a restart (kill -9, and a clean stop where the test can ask
 * for one): the maker resumes into the finished game and hears the
 * decline. So does a second rematch offer in the same finished match,
 * made after the first was withdrawn once the game's record was written:
 * after the restart both resume, the opponent is asked again and accepts.
 * argv[1]: the server program. */
#include <stdio.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#define T TP_WAIT

static const char *server_exe;

/* Ann (Player1) and Ben are seated (their tokens to ta and tb, each may
 * be NULL), play one stone and Ann resigns; both hear the result. 1 when
 * all that happened. */
static int resigned(tclient *a, tclient *b, uint16_t port, uint32_t *mid, uint8_t *ta, uint8_t *tb)
{
    if (!tp_seat_pair(a, b, port, "Ann", "Ben", mid, ta, tb))
        return 0;
    tc_stone(a, 0, 7, 7);
    if (!tp_got_move(a, 0, 7, 7) || !tp_got_move(b, 0, 7, 7))
        return 0;
    tc_simple(a, PACKET_RESIGN, 1);
    return tc_expect(a, PACKET_GAME_OVER, NULL, T) == 0 &&
           tc_expect(b, PACKET_GAME_OVER, NULL, T) == 0;
}

/* Stops the server at pr as the test says: killed outright (kill), or
 * stopped cleanly where it can be asked to (else killed). */
static void stop_server(proc *pr, int kill, const char *how)
{
    if (kill) {
        TAP_OK(proc_kill(pr) == 0, "%s: the server is killed", how);
        proc_wait(pr, 15000);
    } else { /* no clean stop under Wine: killed there */
        itest_stop_clean(pr, "%s: the server stops", how);
    }
}

/* The server started again on its journal (args), Ben (Player2 of game
 * 1 of match mid, one stone played) resumes into the finished game with
 * its token tb: the port, or 0 when the server did not start. */
static uint16_t restart_for_ben(proc **pr, const char *const *args, tclient *b, const uint8_t *tb,
                                uint32_t mid, const char *how)
{
    const game_move one = {PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0};
    uint16_t port = proc_start_server(pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "%s: restarted on its journal", how))
        return 0;
    TAP_OK(tp_resume(b, port, "Ben", tb, 2, mid, &one, 1),
           "%s: Ben resumes with its token: no bad token, the finished game", how);
    return port;
}

/* Ann (Player1) and Ben play one stone, Ann resigns, Ben offers a
 * rematch and Ann hears it; then Ann's connection drops and Ben is told,
 * with grace left. 1 when all that happened. */
static int finished_then_dropped(tclient *a, tclient *b, uint16_t port, uint32_t *mid, uint8_t *ta,
                                 uint32_t *grace)
{
    packet p;
    if (!resigned(a, b, port, mid, ta, NULL))
        return 0;
    tc_simple(b, PACKET_REMATCH_OFFER, 1);
    if (tc_expect(a, PACKET_REMATCH_OFFER, NULL, T) != 0)
        return 0;
    tc_close(a);
    if (tc_expect(b, PACKET_PEER_STATUS, &p, T) != 0 || p.u.peer.seat != 1 || p.u.peer.status)
        return 0;
    *grace = p.u.peer.grace_ms;
    return 1;
}

static void test_resume_accept(void)
{
    char dir[128];
    const char *args[] = {"--port",  "0",  "--bind",    "127.0.0.1", "--records", dir,
                          "--grace", "60", "--journal", "none",      NULL};
    const game_move one = {PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0};
    uint8_t ta[PACKET_TOKEN_SIZE];
    uint32_t mid = 0, grace = 0, tmp = 0;
    tclient a, b;
    proc *pr;
    packet p;
    uint16_t port;
    int ok;

    itest_records_dir(dir, sizeof dir, "rematch-drop");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "the server starts"))
        return;
    ok = finished_then_dropped(&a, &b, port, &mid, ta, &grace);
    TAP_OK(ok && grace > 0,
           "Ann drops with Ben's rematch offer pending: Ben is told, with grace (%lu ms)",
           (unsigned long)grace);
    TAP_OK(tp_resume(&a, port, "Ann", ta, 1, mid, &one, 1),
           "Ann resumes with its token: no bad token, the finished game");
    TAP_OK(tc_expect(&a, PACKET_GAME_OVER, &p, T) == 0 && p.u.game_over.winner == 2 &&
               tc_expect(&a, PACKET_REMATCH_OFFER, NULL, T) == 0,
           "then the result and Ben's offer again");
    TAP_OK(tc_expect(&b, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.status == 1,
           "Ben hears Ann is back");
    tc_simple(&a, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(tp_welcome(&a, 2, &tmp, NULL) && tmp == mid && tp_welcome(&b, 1, NULL, NULL) &&
               tc_expect(&a, PACKET_START, NULL, T) == 0 &&
               tc_expect(&b, PACKET_START, NULL, T) == 0,
           "Ann accepts: the rematch starts, colours swapped");
    tc_stone(&b, 0, 3, 3);
    TAP_OK(tp_got_move(&a, 0, 3, 3) && tp_got_move(&b, 0, 3, 3), "and is played");
    tc_close(&a);
    tc_close(&b);
    proc_wait(pr, 0);
}

static void test_grace_ends(void)
{
    char dir[128];
    const char *args[] = {"--port",  "0",   "--bind",    "127.0.0.1", "--records", dir,
                          "--grace", "0.3", "--journal", "none",      NULL};
    uint8_t ta[PACKET_TOKEN_SIZE];
    uint32_t mid = 0, grace = 0;
    tclient a, b;
    proc *pr;
    packet p;
    uint16_t port;
    int code = 0;

    itest_records_dir(dir, sizeof dir, "rematch-lapse");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "a server with a short grace period starts"))
        return;
    TAP_OK(finished_then_dropped(&a, &b, port, &mid, ta, &grace), "Ann drops, Ben is told");
    TAP_OK(tc_expect(&b, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.seat == 1 &&
               p.u.peer.status == 0 && p.u.peer.grace_ms == 0,
           "the grace period ends: Ben is told Ann is gone (the offer lapsed)");
    tc_simple(&b, PACKET_REMATCH_OFFER, 1);
    TAP_OK(tc_expect(&b, PACKET_ERROR, &p, T) == 0 && p.u.error.code == PACKET_CODE_NOT_ALLOWED,
           "no rematch can be offered then");
    tc_connect(&a, port);
    tc_hello(&a, "Ann", PACKET_WANT_PLAY, ta);
    TAP_OK(tc_wait_closed(&a, T, &code) && code == PACKET_CODE_BAD_TOKEN,
           "a resume after it: bad token");
    tc_close(&a);
    tc_close(&b);
    proc_wait(pr, 0);
}

/* Ben offers a rematch and drops; Ann declines it while Ben is away;
 * the server is killed outright (kill) or stopped cleanly before Ben is
 * back. Started again on its journal, Ben resumes into the finished game
 * and hears the decline, and that Ann is gone. */
static void test_decline_survives_restart(int kill)
{
    char dir[128];
    const char *args[] = {"--port", "0",       "--bind", "127.0.0.1", "--records",
                          dir,      "--grace", "60",     NULL};
    const char *how = kill ? "killed outright" : "stopped cleanly";
    uint8_t tb[PACKET_TOKEN_SIZE];
    uint32_t mid = 0;
    tclient a, b;
    proc *pr;
    packet p;
    uint16_t port;
    int ok;

    itest_records_dir(dir, sizeof dir, kill ? "decline-kill" : "decline-stop");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "%s: a server with its journal starts", how))
        return;
    ok = resigned(&a, &b, port, &mid, NULL, tb);
    tc_simple(&b, PACKET_REMATCH_OFFER, 1);
    ok = ok && tc_expect(&a, PACKET_REMATCH_OFFER, NULL, T) == 0;
    tc_close(&b);
    ok = ok && tc_expect(&a, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.seat == 2 &&
         !p.u.peer.status && p.u.peer.grace_ms > 0;
    TAP_OK(ok, "%s: Ben offers a rematch and drops; Ann is told, with grace", how);
    tc_simple(&a, PACKET_REMATCH_ANSWER, 0);
    memset(&p, 0, sizeof p);
    p.type = PACKET_PING;
    p.u.ping.stamp = 77;
    tc_send(&a, &p);
    TAP_OK(tc_expect(&a, PACKET_PONG, &p, T) == 0 && p.u.ping.stamp == 77,
           "%s: Ann declines it while Ben is away (no error; read before the PONG)", how);
    stop_server(pr, kill, how); /* before Ben is back */
    tc_close(&a);
    port = restart_for_ben(&pr, args, &b, tb, mid, how);
    if (port == 0)
        return;
    ok = tc_expect(&b, PACKET_GAME_OVER, &p, T) == 0 && p.u.game_over.winner == 2 &&
         p.u.game_over.reason == GAME_END_RESIGNATION;
    ok = ok && tc_expect(&b, PACKET_REMATCH_ANSWER, &p, T) == 0 && p.u.answer.accept == 0;
    TAP_OK(ok, "%s: then the result and the decline of its offer", how);
    TAP_OK(tc_expect(&b, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.seat == 1 &&
               p.u.peer.status == 0 && p.u.peer.grace_ms == 0,
           "%s: and that Ann is gone; Ben can leave", how);
    tc_close(&b);
    itest_stop_clean(pr, "%s: a clean stop at the end", how);
}

/* Does the journal at path say (E line) that game 1 of match mid has its
 * record? Waits for the records writer, up to ITEST_RECORD_WAIT_MS. */
static int recorded(const char *path, uint32_t mid)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "E %lu 1 ", (unsigned long)mid);
    for (int waited = 0; waited < ITEST_RECORD_WAIT_MS; waited += 20) {
        if (itest_file_has_line(path, prefix))
            return 1;
        proc_sleep_ms(20);
    }
    return 0;
}

/* Ann resigns; once the game's record is written (its E journaled), Ben
 * offers a rematch and withdraws it, then Ann offers one; the server is
 * killed outright (kill) or stopped cleanly. Started again on its journal,
 * Ben resumes into the finished game and is asked Ann's offer, Ann
 * resumes, Ben accepts and the rematch is played. */
static void test_second_offer_survives_restart(int kill)
{
    char dir[128], journal[192];
    const char *args[] = {"--port", "0",       "--bind", "127.0.0.1", "--records",
                          dir,      "--grace", "60",     NULL};
    const game_move one = {PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0};
    const char *how = kill ? "killed outright" : "stopped cleanly";
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    uint32_t mid = 0, tmp = 0;
    tclient a, b;
    proc *pr;
    packet p;
    uint16_t port;
    int ok;

    itest_records_dir(dir, sizeof dir, kill ? "second-kill" : "second-stop");
    snprintf(journal, sizeof journal, "%s/journal", dir);
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "%s: a server with its journal starts", how))
        return;
    ok = resigned(&a, &b, port, &mid, ta, tb);
    TAP_OK(ok && recorded(journal, mid), "%s: Ann resigns, the game's record is written (E)", how);
    tc_simple(&b, PACKET_REMATCH_OFFER, 1);
    ok = tc_expect(&a, PACKET_REMATCH_OFFER, NULL, T) == 0;
    tc_simple(&b, PACKET_REMATCH_ANSWER, 0);
    ok = ok && tc_expect(&a, PACKET_REMATCH_ANSWER, &p, T) == 0 && p.u.answer.accept == 0;
    TAP_OK(ok, "%s: Ben offers a rematch and withdraws it; Ann hears both", how);
    tc_simple(&a, PACKET_REMATCH_OFFER, 1);
    TAP_OK(tc_expect(&b, PACKET_REMATCH_OFFER, NULL, T) == 0,
           "%s: then Ann offers one: Ben hears it", how);
    stop_server(pr, kill, how);
    tc_close(&a);
    tc_close(&b);
    port = restart_for_ben(&pr, args, &b, tb, mid, how);
    if (port == 0)
        return;
    ok = tc_expect(&b, PACKET_GAME_OVER, &p, T) == 0 && p.u.game_over.winner == 2 &&
         tc_expect(&b, PACKET_REMATCH_OFFER, NULL, T) == 0;
    ok = ok && tc_expect(&b, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.seat == 1 &&
         p.u.peer.status == PACKET_PEER_NOT_BACK && p.u.peer.grace_ms > 0;
    TAP_OK(ok, "%s: then the result, Ann's offer again and that Ann is not back yet, with grace",
           how);
    TAP_OK(tp_resume(&a, port, "Ann", ta, 1, mid, &one, 1) &&
               tc_expect(&a, PACKET_GAME_OVER, NULL, T) == 0,
           "%s: Ann resumes with its token: the finished game", how);
    TAP_OK(tc_expect(&b, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.seat == 1 &&
               p.u.peer.status == 1,
           "%s: Ben hears Ann is back", how);
    tc_simple(&b, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(tp_welcome(&b, 1, &tmp, NULL) && tmp == mid &&
               tc_wait_for(&a, PACKET_WELCOME, &p, T) == 0 && p.u.welcome.seat == 2 &&
               tc_expect(&a, PACKET_START, NULL, T) == 0 &&
               tc_expect(&b, PACKET_START, NULL, T) == 0,
           "%s: Ben accepts: the rematch starts, colours swapped", how);
    tc_stone(&b, 0, 3, 3);
    TAP_OK(tp_got_move(&a, 0, 3, 3) && tp_got_move(&b, 0, 3, 3), "%s: and is played", how);
    tc_close(&a);
    tc_close(&b);
    itest_stop_clean(pr, "%s: a clean stop at the end", how);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_server_rematch_drop SERVER-PROGRAM\n");
        return 2;
    }
    server_exe = argv[1];
    sock_startup();
    test_resume_accept();
    test_grace_ends();
    test_decline_survives_restart(1);
    test_decline_survives_restart(0);
    test_second_offer_survives_restart(1);
    test_second_offer_survives_restart(0);
    sock_cleanup();
    return tap_done();
}
