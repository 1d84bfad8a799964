/* test_server_gomoku.c: the real matchboard-server on 127.0.0.1 with
 * --port 0, played through with a test client: seating order, REJECTs, a
 * full game with a spectator and its record, one byte at a time, drop and
 * resume, malformed packets, Renju, --max-clients and a clean stop.
 * argv[1]: the server program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#define T 10000 /* ms to wait for any expected packet */

static const char *server_exe;

static int got_reject(tclient *c, int reason)
{
    packet p;
    return tc_expect(c, PACKET_REJECT, &p, T) == 0 && p.u.reject.reason == reason;
}

static void test_main_server(void)
{
    char dir[128], rec[8192], want[8192];
    /* No journal: a clean stop then ends the running games as aborted
     * (with one, they are kept for the restart: test_server_restart.c). */
    const char *args[] = {"--port",  "0",   "--bind",    "127.0.0.1", "--records", dir,
                          "--grace", "1.5", "--journal", "none",      NULL};
    tclient a, b, c, d, s, e;
    proc *pr;
    uint32_t m1 = 0, m2 = 0, tmp;
    uint8_t tok_d[PACKET_TOKEN_SIZE];
    packet p;
    uint16_t port;
    game_move played[16];
    size_t nplayed = 0;
    time_t t0, t1, when;

    itest_records_dir(dir, sizeof dir, "gomoku");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "the server starts and says where it listens"))
        return;

    /* Seating: connection order. */
    tc_connect(&a, port);
    tc_connect(&b, port);
    tc_connect(&c, port);
    tc_connect(&d, port);
    tc_hello(&a, "Alice", PACKET_WANT_PLAY, NULL);
    TAP_OK(tp_welcome(&a, 1, &m1, NULL), "1st connection: Player1");
    tc_hello(&b, "Bob", PACKET_WANT_PLAY, NULL);
    TAP_OK(tp_welcome(&b, 2, &tmp, NULL) && tmp == m1, "2nd connection: Player2 of the same match");
    tc_hello(&c, "Cat", PACKET_WANT_PLAY, NULL);
    TAP_OK(tp_welcome(&c, 1, &m2, NULL) && m2 != m1, "3rd connection: Player1 of a new match");
    tc_hello(&d, "Dan", PACKET_WANT_PLAY, NULL);
    TAP_OK(tp_welcome(&d, 2, NULL, tok_d), "4th connection: its Player2");
    TAP_OK(tc_expect(&a, PACKET_START, &p, T) == 0 && strcmp(p.u.start.player2, "Bob") == 0,
           "START reaches Player1 with the names");
    TAP_OK(tc_expect(&b, PACKET_START, NULL, T) == 0, "START reaches Player2");
    TAP_OK(tc_expect(&c, PACKET_START, NULL, T) == 0 && tc_expect(&d, PACKET_START, NULL, T) == 0,
           "START reaches the second match");

    /* REJECTs. */
    tc_stone(&b, 0, 7, 7);
    TAP_OK(got_reject(&b, PACKET_REJECT_NOT_YOUR_TURN), "out of turn: REJECT not your turn");
    tc_stone(&a, 5, 7, 7);
    TAP_OK(got_reject(&a, PACKET_REJECT_WRONG_PLY), "wrong ply: REJECT wrong ply");
    tc_stone(&a, 0, 7, 7);
    TAP_OK(tp_got_move(&a, 0, 7, 7) && tp_got_move(&b, 0, 7, 7),
           "a legal move goes to both players");
    played[nplayed++] = (game_move){0xFF, 0xFF, 7, 7, 0};
    tc_stone(&b, 1, 7, 7);
    TAP_OK(got_reject(&b, PACKET_REJECT_ILLEGAL), "an occupied point: REJECT illegal");

    /* A spectator of match 1, named by id. */
    tc_connect(&s, port);
    {
        uint8_t tok[PACKET_TOKEN_SIZE] = {0};
        tok[0] = (uint8_t)(m1 >> 24);
        tok[1] = (uint8_t)(m1 >> 16);
        tok[2] = (uint8_t)(m1 >> 8);
        tok[3] = (uint8_t)m1;
        tc_hello(&s, "fan", PACKET_WANT_WATCH, tok);
    }
    TAP_OK(tp_welcome(&s, PACKET_SEAT_SPECTATOR, &tmp, NULL) && tmp == m1,
           "a spectator is seated as such");
    TAP_OK(tc_expect(&s, PACKET_START, NULL, T) == 0 &&
               tc_expect(&s, PACKET_SYNC_BEGIN, &p, T) == 0 && p.u.sync.plies == 1 &&
               tp_got_move(&s, 0, 7, 7) && tc_expect(&s, PACKET_SYNC_END, NULL, T) == 0,
           "and gets the game so far");

    /* The rest of the game: black along y = 7, white along y = 8. */
    t0 = time(NULL);
    for (int i = 1; i < 5; i++) {
        uint32_t ply = (uint32_t)(2 * i - 1);
        tc_stone(&b, ply, i - 1, 8);
        tp_got_move(&a, ply, i - 1, 8);
        tp_got_move(&b, ply, i - 1, 8);
        tp_got_move(&s, ply, i - 1, 8);
        played[nplayed++] = (game_move){0xFF, 0xFF, (uint8_t)(i - 1), 8, 0};
        tc_stone(&a, ply + 1, 7 + i, 7);
        tp_got_move(&a, ply + 1, 7 + i, 7);
        tp_got_move(&b, ply + 1, 7 + i, 7);
        TAP_OK(tp_got_move(&s, ply + 1, 7 + i, 7), "the spectator sees ply %lu",
               (unsigned long)ply + 1);
        played[nplayed++] = (game_move){0xFF, 0xFF, (uint8_t)(7 + i), 7, 0};
    }
    TAP_OK(tc_expect(&a, PACKET_GAME_OVER, &p, T) == 0 && p.u.game_over.winner == 1 &&
               p.u.game_over.reason == GAME_END_FIVE && p.u.game_over.plies == 9,
           "five in a row: GAME_OVER to Player1");
    TAP_OK(tc_expect(&b, PACKET_GAME_OVER, NULL, T) == 0 &&
               tc_expect(&s, PACKET_GAME_OVER, NULL, T) == 0,
           "and to Player2 and the spectator");
    proc_sleep_ms(200);
    t1 = time(NULL);
    {
        game_options opt = {GAME_KIND_GOMOKU, 0, 15, 15};
        game_result r = {GAME_END_FIVE, GAME_SIDE_P1};
        int found = itest_read_record(dir, m1, 1, "sgf", t0, t1, rec, sizeof rec, &when) == 0;
        TAP_OK(found, "the record is in the records folder");
        TAP_OK(found &&
                   itest_expected_record(&game_gomoku_ops, &opt, played, nplayed, m1, 1, "Alice",
                                         "Bob", r, when, want, sizeof want) == 0 &&
                   strcmp(rec, want) == 0,
               "the SGF record holds exactly the moves played");
    }

    /* Match 2: one byte at a time, then drop and resume. */
    {
        uint8_t raw[PACKET_MAX_SIZE];
        int n;
        packet_make_move(&p, 0, 0xFF, 0xFF, 3, 3, 0);
        n = packet_encode(&p, raw, sizeof raw);
        for (int i = 0; i < n; i++) {
            tc_send_raw(&c, raw + i, 1);
            proc_sleep_ms(5);
        }
        TAP_OK(tp_got_move(&d, 0, 3, 3) && tp_got_move(&c, 0, 3, 3),
               "a MOVE sent one byte at a time");
    }
    tc_stone(&d, 1, 4, 4);
    tp_got_move(&c, 1, 4, 4);
    tp_got_move(&d, 1, 4, 4);
    tc_close(&d);
    TAP_OK(tc_expect(&c, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.status == 0 &&
               p.u.peer.seat == 2,
           "a dropped player: the opponent is told at once");
    tc_connect(&d, port);
    tc_hello(&d, "Dan", PACKET_WANT_PLAY, tok_d);
    TAP_OK(tp_welcome(&d, 2, &tmp, NULL) && tmp == m2, "resume with the token: the seat is back");
    TAP_OK(tc_expect(&d, PACKET_START, NULL, T) == 0 &&
               tc_expect(&d, PACKET_SYNC_BEGIN, &p, T) == 0 && p.u.sync.plies == 2 &&
               tp_got_move(&d, 0, 3, 3) && tp_got_move(&d, 1, 4, 4) &&
               tc_expect(&d, PACKET_SYNC_END, NULL, T) == 0,
           "with the game so far");
    TAP_OK(tc_expect(&c, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.status == 1,
           "the opponent hears it is back");
    tc_stone(&c, 2, 5, 5);
    TAP_OK(tp_got_move(&d, 2, 5, 5) && tp_got_move(&c, 2, 5, 5), "the game goes on");

    /* Malformed: a packet of unknown type from a player. */
    {
        const uint8_t junk[8] = {0, 8, 0x7F, 0, 1, 2, 3, 4};
        int code = 0;
        tc_send_raw(&d, junk, sizeof junk);
        TAP_OK(tc_wait_closed(&d, T, &code) && code == PACKET_CODE_MALFORMED,
               "a malformed packet: ERROR malformed, then the server closes");
        TAP_OK(tc_expect(&c, PACKET_PEER_STATUS, &p, T) == 0 && p.u.peer.status == 0,
               "its opponent sees it drop");
        TAP_OK(tc_expect(&c, PACKET_GAME_OVER, &p, T) == 0 &&
                   p.u.game_over.reason == GAME_END_OPPONENT_LEFT && p.u.game_over.winner == 1,
               "after the grace period: opponent left");
    }
    tc_connect(&e, port);
    {
        const uint8_t junk[4] = {0, 2, 1, 0};
        int code = 0;
        tc_send_raw(&e, junk, sizeof junk);
        TAP_OK(tc_wait_closed(&e, T, &code) && code == PACKET_CODE_MALFORMED,
               "a size below the header before HELLO: ERROR and close");
    }
    tc_close(&e);

    /* A clean stop with a game on, without a journal. */
    {
        tclient f, g;
        int code = 0, gotover = 0, rc;
        tc_connect(&f, port);
        tc_connect(&g, port);
        tc_hello(&f, "Fred", PACKET_WANT_PLAY, NULL);
        tp_welcome(&f, 1, &tmp, NULL);
        tc_hello(&g, "Gina", PACKET_WANT_PLAY, NULL);
        tp_welcome(&g, 2, NULL, NULL);
        tc_expect(&f, PACKET_START, NULL, T);
        tc_stone(&f, 0, 1, 1);
        tp_got_move(&f, 0, 1, 1);
        t0 = time(NULL);
        if (proc_interrupt(pr) != 0) {
            tap_diag("cannot interrupt the server here; the clean stop is not tested");
            proc_wait(pr, 0);
            pr = NULL;
        } else {
            gotover = tc_expect(&f, PACKET_GAME_OVER, &p, T) == 0 &&
                      p.u.game_over.reason == GAME_END_ABORTED;
            TAP_OK(gotover, "stopping: GAME_OVER aborted");
            TAP_OK(tc_wait_closed(&f, T, &code) && code == PACKET_CODE_SHUTDOWN,
                   "then ERROR shutdown and a close");
            tc_close(&f);
            tc_close(&g);
            tc_close(&a);
            tc_close(&b);
            tc_close(&c);
            tc_close(&s);
            rc = proc_wait(pr, 15000);
            pr = NULL;
            TAP_INT_EQ(rc, 0, "the server exits 0");
            t1 = time(NULL);
            TAP_OK(itest_read_record(dir, tmp, 1, "sgf", t0, t1, rec, sizeof rec, &when) == 0 &&
                       strstr(rec, "RE[Void]") != NULL,
                   "the unfinished game is recorded as aborted");
        }
        tc_close(&f);
        tc_close(&g);
    }
    if (pr)
        proc_wait(pr, 0);
}

static void test_renju_and_limits(void)
{
    char dir[128];
    const char *args[] = {"--port", "0",     "--bind",        "127.0.0.1", "--records", dir,
                          "--rule", "renju", "--max-clients", "3",         NULL};
    tclient a, b, x, y;
    proc *pr;
    uint16_t port;
    int code = 0;
    static const int black[][2] = {{5, 7}, {6, 7}, {7, 8}, {7, 9}};
    static const int white[][2] = {{0, 0}, {0, 2}, {0, 4}, {14, 14}};

    itest_records_dir(dir, sizeof dir, "renju");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "a Renju server starts"))
        return;
    tc_connect(&a, port);
    tc_hello(&a, "A", PACKET_WANT_PLAY, NULL);
    tp_welcome(&a, 1, NULL, NULL);
    tc_connect(&b, port);
    tc_hello(&b, "B", PACKET_WANT_PLAY, NULL);
    tp_welcome(&b, 2, NULL, NULL);
    tc_expect(&a, PACKET_START, NULL, T);
    tc_expect(&b, PACKET_START, NULL, T);
    for (int i = 0; i < 4; i++) {
        tc_stone(&a, (uint32_t)(2 * i), black[i][0], black[i][1]);
        tp_got_move(&a, (uint32_t)(2 * i), black[i][0], black[i][1]);
        tp_got_move(&b, (uint32_t)(2 * i), black[i][0], black[i][1]);
        tc_stone(&b, (uint32_t)(2 * i + 1), white[i][0], white[i][1]);
        tp_got_move(&a, (uint32_t)(2 * i + 1), white[i][0], white[i][1]);
        tp_got_move(&b, (uint32_t)(2 * i + 1), white[i][0], white[i][1]);
    }
    tc_stone(&a, 8, 7, 7);
    TAP_OK(got_reject(&a, PACKET_REJECT_FORBIDDEN), "Renju double three: REJECT forbidden (5)");

    /* --max-clients 3: a third is fine, a fourth is refused. */
    tc_connect(&x, port);
    tc_hello(&x, "X", PACKET_WANT_PLAY, NULL);
    TAP_OK(tp_welcome(&x, 1, NULL, NULL), "the third client is let in");
    tc_connect(&y, port);
    TAP_OK(tc_wait_closed(&y, T, &code) && code == PACKET_CODE_SERVER_FULL,
           "the fourth gets ERROR server full and a close");
    tc_close(&y);
    tc_close(&x);
    proc_sleep_ms(300);
    tc_connect(&y, port);
    tc_hello(&y, "Y", PACKET_WANT_PLAY, NULL);
    TAP_OK(tp_welcome(&y, 1, NULL, NULL), "once one leaves, a new client is let in again");
    tc_close(&y);
    tc_close(&a);
    tc_close(&b);
    itest_stop_clean(pr, "the server stops cleanly");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_server_gomoku SERVER-PROGRAM\n");
        return 2;
    }
    server_exe = argv[1];
    sock_startup();
    test_main_server();
    test_renju_and_limits();
    sock_cleanup();
    return tap_done();
}
