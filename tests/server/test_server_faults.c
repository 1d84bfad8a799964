/* test_server_faults.c: faults a LAN evening brings, against the real
 * server:
 * - a player process killed with SIGKILL (TerminateProcess on Win32) in the
 *   middle of a game: the opponent is told, the seat is held for the grace
 *   period, the player resumes with its token and the game finishes;
 * - a client whose network stalls (it stops reading while the server has
 *   more and more to send it): the server's queue to it is bounded, the
 *   client is dropped (as a drop: its opponent is told), the server and
 *   another match go on;
 * - the server itself killed mid-game: restarted on the same journal it
 *   restores the unfinished games, the players resume with their tokens and
 *   the games finish with every move intact; a torn last journal record is
 *   ignored; a second server cannot take a journal in use;
 * - the server killed between a game's end and its record (a journal
 *   holding the game's result but not its end): restarted, it writes the
 *   record and does not restore the game, even when a rematch of the same
 *   match was already under way (that one is restored).
 * argv[1]: the server program. Run as "player PORT" it is the helper
 * process that gets killed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

static const char *server_exe;
static char self[1024];

/* ---- the helper process: Player1 that plays plies 0 and 2, then waits ---- */

static int player_main(uint16_t port)
{
    tclient c;
    packet p;
    uint8_t tok[PACKET_TOKEN_SIZE];
    char hex[2 * PACKET_TOKEN_SIZE + 1];
    if (tc_connect(&c, port) != 0)
        return 1;
    tc_hello(&c, "Kid", PACKET_WANT_PLAY, NULL);
    if (!tp_welcome(&c, 1, NULL, tok))
        return 1;
    tp_token_hex(hex, tok);
    printf("token %s\n", hex);
    fflush(stdout);
    if (tc_expect(&c, PACKET_START, NULL, TP_WAIT) != 0 || tc_stone(&c, 0, 0, 0) != 0 ||
        !tp_got_move(&c, 0, 0, 0) || !tp_got_move(&c, 1, 0, 2) || tc_stone(&c, 2, 1, 0) != 0 ||
        !tp_got_move(&c, 2, 1, 0))
        return 1;
    printf("moved\n");
    fflush(stdout);
    for (;;) /* wait to be killed, answering pings */
        if (tc_recv(&c, &p, 60000) != 0 && c.closed)
            return 1;
}

/* ---- helpers ---- */

static int peer_status(tclient *c, int seat, int status, uint32_t *grace)
{
    packet p;
    if (tc_expect(c, PACKET_PEER_STATUS, &p, TP_WAIT) != 0 || p.u.peer.seat != seat ||
        p.u.peer.status != status)
        return 0;
    if (grace)
        *grace = p.u.peer.grace_ms;
    return 1;
}

static int record_holds(const char *dir, uint32_t match_id, const game_move *moves, size_t n,
                        const char *p1, const char *p2, game_result r, time_t t0)
{
    static char rec[8192], want[8192];
    game_options opt = {GAME_KIND_GOMOKU, 0, 15, 15};
    time_t when;
    proc_sleep_ms(300);
    return itest_read_record(dir, match_id, 1, "sgf", t0, time(NULL), rec, sizeof rec, &when) ==
               0 &&
           itest_expected_record(&game_gomoku_ops, &opt, moves, n, match_id, 1, p1, p2, r, when,
                                 want, sizeof want) == 0 &&
           strcmp(rec, want) == 0;
}

static game_move stone(int x, int y)
{
    game_move m = {0xFF, 0xFF, (uint8_t)x, (uint8_t)y, 0};
    return m;
}

/* ---- a player killed ---- */

static void test_player_killed(void)
{
    char dir[128], line[128], portstr[16];
    const char *args[] = {"--port", "0",       "--bind", "127.0.0.1", "--records",
                          dir,      "--grace", "5",      NULL};
    const char *kid_args[] = {"player", portstr, NULL};
    proc *pr, *kid;
    tclient b, r;
    uint8_t tok[PACKET_TOKEN_SIZE];
    uint32_t grace = 0, match_id = 0;
    game_move moves[9] = {{0}};
    game_result res = {GAME_END_FIVE, GAME_SIDE_P1};
    uint16_t port;
    time_t t0;
    int ok;

    itest_records_dir(dir, sizeof dir, "kill-client");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "the server starts"))
        return;
    snprintf(portstr, sizeof portstr, "%u", (unsigned)port);
    if (!TAP_OK(proc_start(&kid, self, kid_args, NULL) == 0 &&
                    proc_read_line(kid, line, sizeof line, 20000) == 0 &&
                    strncmp(line, "token ", 6) == 0 && tp_token_parse(line + 6, tok) == 0,
                "a player process is seated and shows its token")) {
        proc_wait(pr, 0);
        return;
    }
    tc_connect(&b, port);
    tc_hello(&b, "Bob", PACKET_WANT_PLAY, NULL);
    ok = tp_welcome(&b, 2, &match_id, NULL) && tc_expect(&b, PACKET_START, NULL, TP_WAIT) == 0 &&
         tp_got_move(&b, 0, 0, 0) && tc_stone(&b, 1, 0, 2) == 0 && tp_got_move(&b, 1, 0, 2) &&
         tp_got_move(&b, 2, 1, 0) && proc_read_line(kid, line, sizeof line, TP_WAIT) == 0 &&
         strcmp(line, "moved") == 0;
    TAP_OK(ok, "three plies played with it");
    moves[0] = stone(0, 0);
    moves[1] = stone(0, 2);
    moves[2] = stone(1, 0);
    t0 = time(NULL);
    TAP_OK(proc_kill(kid) == 0, "the player process is killed outright");
    proc_wait(kid, 5000);
    ok = peer_status(&b, 1, 0, &grace);
    TAP_OK(ok && grace > 0 && grace <= 5000,
           "its opponent is told at once, with the grace period (%lu ms)", (unsigned long)grace);
    TAP_OK(tc_stone(&b, 3, 1, 2) == 0 && tp_got_move(&b, 3, 1, 2),
           "the seat is held: the game goes on meanwhile");
    moves[3] = stone(1, 2);
    TAP_OK(tp_resume(&r, port, "Kid", tok, 1, match_id, moves, 4),
           "the player comes back with its token: same seat, same match, every move");
    TAP_OK(peer_status(&b, 1, 1, NULL), "its opponent hears it is back");
    for (int i = 2; i < 5; i++) {
        moves[2 * i] = stone(i, 0);
        tp_stone_round_trip(&r, &b, (uint32_t)(2 * i), i, 0);
        if (i < 4) {
            moves[2 * i + 1] = stone(i, 2);
            tp_stone_round_trip(&b, &r, (uint32_t)(2 * i + 1), i, 2);
        }
    }
    {
        packet p;
        TAP_OK(tc_expect(&r, PACKET_GAME_OVER, &p, TP_WAIT) == 0 && p.u.game_over.winner == 1 &&
                   p.u.game_over.plies == 9,
               "the game finishes: five in a row for the player who was killed");
    }
    TAP_OK(record_holds(dir, match_id, moves, 9, "Kid", "Bob", res, t0),
           "its record holds all nine moves");
    tc_close(&r);
    tc_close(&b);
    itest_stop_clean(pr, "the restarted server stops cleanly");
}

/* ---- a client that stops reading ---- */

static void test_stalled_client(void)
{
    char dir[128];
    const char *args[] = {"--port", "0",           "--bind", "127.0.0.1", "--records",
                          dir,      "--log-level", "warn",   NULL};
    proc *pr;
    tclient s1, s2, o1, o2;
    uint8_t batch[12 * 100];
    size_t n = 0;
    unsigned long long pushed = 0;
    uint16_t port;
    int code = 0;

    itest_records_dir(dir, sizeof dir, "stall");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "the server starts"))
        return;
    TAP_OK(tp_seat_pair(&s1, &s2, port, "Stay", "Stall", NULL, NULL, NULL) &&
               tp_seat_pair(&o1, &o2, port, "Other", "Match", NULL, NULL, NULL),
           "two matches");
    for (int i = 0; i < 100; i++) {
        packet p;
        memset(&p, 0, sizeof p);
        p.type = PACKET_PING;
        p.u.ping.stamp = (uint64_t)i;
        n += (size_t)packet_encode(&p, batch + n, sizeof batch - n);
    }
    /* "Stall" reads nothing more, but keeps asking (PING) for answers. */
    while (pushed < 512ull * 1024 * 1024 && tc_send_raw(&s2, batch, n) == 0)
        pushed += n;
    tap_diag("the stalled client got %llu KiB of PINGs in before the server let go", pushed / 1024);
    TAP_OK(pushed < 512ull * 1024 * 1024, "the server stops taking its data: it was dropped");
    TAP_OK(peer_status(&s1, 2, 0, NULL), "as a drop: its opponent is told, the seat is held");
    TAP_OK(tp_stone_round_trip(&o1, &o2, 0, 7, 7) >= 0, "another match goes on");
    TAP_OK(tc_wait_closed(&s2, TP_WAIT, &code), "the stalled client finds its connection closed");
    tc_close(&s1);
    tc_close(&s2);
    tc_close(&o1);
    tc_close(&o2);
    itest_stop_clean(pr, "the server itself lives on and stops cleanly");
}

/* ---- the server killed ---- */

static void append_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "ab");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* sync: the --journal-sync mode. Either way a move relayed is in the
 * journal, so a kill right after it loses nothing. */
static void test_server_killed(const char *sync)
{
    char dir[128], journal[192];
    const char *args[] = {"--port",    "0",     "--bind",  "127.0.0.1", "--records",      dir,
                          "--journal", journal, "--grace", "10",        "--journal-sync", sync,
                          NULL};
    proc *pr, *second;
    tclient a1, a2, b1, b2, n1, n2, x;
    uint8_t ta1[PACKET_TOKEN_SIZE], ta2[PACKET_TOKEN_SIZE], tb1[PACKET_TOKEN_SIZE],
        tb2[PACKET_TOKEN_SIZE];
    uint32_t ma = 0, mb = 0, mn = 0;
    game_move am[9] = {{0}}, bm[2] = {{0}};
    game_result res = {GAME_END_FIVE, GAME_SIDE_P1};
    uint16_t port;
    time_t t0;
    int ok = 1, priv;

    itest_records_dir(dir, sizeof dir, "kill-server");
    snprintf(journal, sizeof journal, "%s-journal", dir);
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "a server with --journal --journal-sync %s starts", sync))
        return;
    ok = tp_seat_pair(&a1, &a2, port, "Ann", "Ben", &ma, ta1, ta2) &&
         tp_seat_pair(&b1, &b2, port, "Cid", "Dot", &mb, tb1, tb2);
    for (int i = 0; ok && i < 5; i++) {
        am[i] = stone(i / 2 + 3, i % 2 ? 9 : 7);
        ok = tp_stone_round_trip(i % 2 ? &a2 : &a1, i % 2 ? &a1 : &a2, (uint32_t)i, am[i].to_x,
                                 am[i].to_y) >= 0;
    }
    for (int i = 0; ok && i < 2; i++) {
        bm[i] = stone(10 + i, 10);
        ok = tp_stone_round_trip(i ? &b2 : &b1, i ? &b1 : &b2, (uint32_t)i, 10 + i, 10) >= 0;
    }
    TAP_OK(ok, "two matches under way: five plies and two");
    /* A second server on the same journal must not start. */
    if (proc_start(&second, server_exe, args, NULL) == 0)
        TAP_INT_EQ(proc_wait(second, 20000), 1,
                   "a second server on the same journal refuses to start");
    /* The last move was relayed, so it is in the journal: kill now. */
    TAP_OK(proc_kill(pr) == 0, "the server is killed outright, mid-game");
    proc_wait(pr, 5000);
    priv = proc_file_is_private(journal);
    if (priv >= 0)
        TAP_OK(priv == 1, "the journal (it holds the tokens) is readable by its owner only");
    /* A crash in the middle of writing a record leaves half a line. */
    append_text(journal, "M 1 5 4 9 4 9 0 0 0 *0bad");
    tc_close(&a1);
    tc_close(&a2);
    tc_close(&b1);
    tc_close(&b2);

    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "restarted on the same journal (its torn last record ignored)"))
        return;
    TAP_OK(tp_resume(&a1, port, "Ann", ta1, 1, ma, am, 5),
           "Player1 resumes with its token: same seat and match, all five moves");
    TAP_OK(peer_status(&a1, 2, PACKET_PEER_NOT_BACK, NULL),
           "and hears that its opponent is not back yet since the restart (not a drop)");
    TAP_OK(tp_resume(&a2, port, "Ben", ta2, 2, ma, am, 5), "Player2 resumes too");
    TAP_OK(peer_status(&a1, 2, 1, NULL), "Player1 hears it is back");
    TAP_OK(tp_resume(&b1, port, "Cid", tb1, 1, mb, bm, 2) &&
               tp_resume(&b2, port, "Dot", tb2, 2, mb, bm, 2),
           "the other match is back as well, with its two moves");
    ok = 1;
    t0 = time(NULL);
    for (int i = 5; ok && i < 9; i++) {
        am[i] = stone(i / 2 + 3, i % 2 ? 9 : 7);
        ok = tp_stone_round_trip(i % 2 ? &a2 : &a1, i % 2 ? &a1 : &a2, (uint32_t)i, am[i].to_x,
                                 am[i].to_y) >= 0;
    }
    {
        packet p;
        TAP_OK(ok && tc_expect(&a2, PACKET_GAME_OVER, &p, TP_WAIT) == 0 &&
                   p.u.game_over.winner == 1 && p.u.game_over.plies == 9,
               "the restored game is played to its end");
    }
    TAP_OK(record_holds(dir, ma, am, 9, "Ann", "Ben", res, t0),
           "its record holds every move, from before and after the crash");
    ok = tp_seat_pair(&n1, &n2, port, "New", "Pair", &mn, NULL, NULL);
    TAP_OK(ok && mn > ma && mn > mb, "a new match after the restart gets a new id (%lu)",
           (unsigned long)mn);
    tc_close(&a1);
    tc_close(&a2);
    tc_close(&n1);
    tc_close(&n2);
    tc_close(&b1);
    tc_close(&b2);
    if (itest_stop_clean(pr, "a clean stop") >= 0) {
        /* A clean stop keeps the unfinished game for the restart; the
         * ended one is gone. */
        port = proc_start_server(&pr, server_exe, args, NULL);
        TAP_OK(port && tp_resume(&x, port, "Cid", tb1, 1, mb, bm, 2),
               "after a clean stop the unfinished game is restored: its token resumes it");
        tc_close(&x);
        tc_connect(&x, port);
        tc_hello(&x, "Ann", PACKET_WANT_PLAY, ta1);
        {
            int code = 0;
            TAP_OK(port && tc_wait_closed(&x, TP_WAIT, &code) && code == PACKET_CODE_BAD_TOKEN,
                   "and the game that ended is not: its token gets ERROR bad token");
        }
        tc_close(&x);
        if (port)
            itest_stop_clean(pr, "the server restarted after a clean stop stops cleanly too");
    }
}

/* ---- the server killed before a game's record was written ---- */

/* Waits up to about 10 s for a journal line starting with prefix (the
 * records writer journals a game's end just after its record). */
static int journal_ends(const char *path, const char *prefix)
{
    for (int i = 0; i < 100; i++) {
        if (itest_file_has_line(path, prefix))
            return 1;
        proc_sleep_ms(100);
    }
    return 0;
}

/* Waits up to about 10 s for match match_id's game 1 record. */
static int record_appears(const char *dir, uint32_t match_id, time_t t0)
{
    static char rec[8192];
    time_t when;
    for (int i = 0; i < 100; i++) {
        if (itest_read_record(dir, match_id, 1, "sgf", t0, time(NULL), rec, sizeof rec, &when) == 0)
            return 1;
        proc_sleep_ms(100);
    }
    return 0;
}

/* A journal written by hand as a server killed at the wrong moment leaves
 * it: match 3's game 1 ended (R) and game 2 began (the rematch window);
 * match 4's only game ended; neither record was written (no E). */
static void test_unrecorded_game(void)
{
    char dir[128], journal[192], body[256];
    const char *args[] = {"--port",    "0",     "--bind",  "127.0.0.1", "--records", dir,
                          "--journal", journal, "--grace", "10",        NULL};
    static const char tok3[] = "33333333333333333333333333333333",
                      tok3b[] = "3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b",
                      tok3c[] = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c",
                      tok4[] = "44444444444444444444444444444444";
    game_move m3[9], m4[2], rematch = stone(7, 7);
    game_result r3 = {GAME_END_FIVE, GAME_SIDE_P1}, r4 = {GAME_END_RESIGNATION, GAME_SIDE_P2};
    uint8_t t3b[PACKET_TOKEN_SIZE], t4[PACKET_TOKEN_SIZE];
    proc *pr;
    tclient c, x;
    uint16_t port;
    time_t t0;
    int code = 0;

    itest_records_dir(dir, sizeof dir, "unrecorded");
    snprintf(journal, sizeof journal, "%s-journal", dir);
    /* The header: Gomoku, its default rule and board, no clock. */
    itest_journal_line(journal, "MBJ 2 1 0 15 15 0 0 1");
    snprintf(body, sizeof body, "G 3 1 %s %s 416e6e 42656e 0 0", tok3, tok3);
    itest_journal_line(journal, body);
    for (int i = 0; i < 9; i++) {
        m3[i] = stone(i / 2 + 3, i % 2 ? 9 : 7); /* Player1's five at y 7 */
        snprintf(body, sizeof body, "M 3 %d 255 255 %d %d 0 0 0", i, m3[i].to_x, m3[i].to_y);
        itest_journal_line(journal, body);
    }
    snprintf(body, sizeof body, "G 4 1 %s %s 436964 446f74 0 0", tok4, tok4);
    itest_journal_line(journal, body);
    for (int i = 0; i < 2; i++) {
        m4[i] = stone(10 + i, 10);
        snprintf(body, sizeof body, "M 4 %d 255 255 %d 10 0 0 0", i, 10 + i);
        itest_journal_line(journal, body);
    }
    itest_journal_line(journal, "R 3 1 1 1"); /* Player1 wins with five */
    itest_journal_line(journal, "R 4 1 2 4"); /* Player1 resigned */
    snprintf(body, sizeof body, "G 3 2 %s %s 42656e 416e6e 0 0", tok3b, tok3c);
    itest_journal_line(journal, body);
    itest_journal_line(journal, "M 3 0 255 255 7 7 0 0 0");
    memset(t3b, 0x3b, sizeof t3b);
    memset(t4, 0x44, sizeof t4);

    t0 = time(NULL);
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "restarted on a journal with two ended but unrecorded games"))
        return;
    TAP_OK(record_appears(dir, 3, t0) && record_holds(dir, 3, m3, 9, "Ann", "Ben", r3, t0),
           "match 3's game 1 record is written at start, with its moves and result");
    TAP_OK(record_appears(dir, 4, t0) && record_holds(dir, 4, m4, 2, "Cid", "Dot", r4, t0),
           "so is match 4's (Player1 resigned)");
    tc_connect(&x, port);
    tc_hello(&x, "Cid", PACKET_WANT_PLAY, t4);
    TAP_OK(tc_wait_closed(&x, TP_WAIT, &code) && code == PACKET_CODE_BAD_TOKEN,
           "the ended game is not restored: its token gets ERROR bad token");
    tc_close(&x);
    TAP_OK(tp_resume(&c, port, "Ben", t3b, 1, 3, &rematch, 1),
           "the rematch begun before the crash is restored with its move");
    tc_close(&c);
    TAP_OK(journal_ends(journal, "E 3 1 ") && journal_ends(journal, "E 4 1 "),
           "the journal ends both games once their records are written");
    /* Killed now, the server loses nothing more: restarted, it restores
     * the rematch again and nothing of the ended games. */
    TAP_OK(proc_kill(pr) == 0, "the server is killed outright again");
    proc_wait(pr, 15000);
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "restarted after that kill"))
        return;
    TAP_OK(!itest_file_has_line(journal, "R 3 1 ") && !itest_file_has_line(journal, "G 4 "),
           "its journal keeps nothing of the recorded games");
    tc_connect(&x, port);
    tc_hello(&x, "Cid", PACKET_WANT_PLAY, t4);
    TAP_OK(tc_wait_closed(&x, TP_WAIT, &code) && code == PACKET_CODE_BAD_TOKEN,
           "the recorded game is still not restored");
    tc_close(&x);
    TAP_OK(tp_resume(&c, port, "Ben", t3b, 1, 3, &rematch, 1),
           "the rematch is restored again, with its move");
    tc_close(&c);
    /* Where the server can be interrupted (not under Wine, which cannot
     * deliver CTRL_BREAK), a clean stop keeps the rematch for the restart. */
    if (itest_stop_clean(pr, "a clean stop") >= 0) {
        TAP_OK(itest_file_has_line(journal, "S 3 2 ") && !itest_file_has_line(journal, "R 3 2 "),
               "the rematch is kept by the stop: its clocks journaled, no result");
        port = proc_start_server(&pr, server_exe, args, NULL);
        if (!TAP_OK(port != 0, "restarted after the clean stop"))
            return;
        TAP_OK(tp_resume(&c, port, "Ben", t3b, 1, 3, &rematch, 1),
               "and restored once more, with its move");
        tc_close(&c);
        itest_stop_clean(pr, "and it stops cleanly once more");
    }
}

int main(int argc, char **argv)
{
    sock_startup();
    if (argc == 3 && strcmp(argv[1], "player") == 0)
        return player_main((uint16_t)atoi(argv[2]));
    if (argc < 2) {
        printf("usage: test_server_faults SERVER-PROGRAM\n");
        return 2;
    }
    server_exe = argv[1];
    proc_self_path(self, sizeof self, argv[0]);
    test_player_killed();
    test_stalled_client();
    test_server_killed("second"); /* the default */
    test_server_killed("move");
    test_unrecorded_game();
    sock_cleanup();
    return tap_done();
}
