/* test_server_restart_terms.c: a restart under other flags costs a game
 * nothing, through the real server: a game started under --rule standard
 * --size 15 --opening swap2 --clock 5+3 is killed in its opening and the
 * server restarted on its journal with --size 19 --opening none --clock
 * 1+0. Its players resume into the game as it was: told standard on 15x15,
 * the swap2 opening where it stood, the 5+3 clock (the untouched one to
 * the millisecond, plus the bonus); the opening goes on. A new match on
 * the restarted server gets the new flags: freestyle 19x19, no opening,
 * 1+0. A finished chess game whose record was not written yet, in the
 * journal of a Gomoku server, gets its record as chess. argv[1]: the
 * server program. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gomoku_opening.h"
#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#define BONUS_MS 7000 /* --restart-bonus 7 */

static const char *server_exe;

/* Reads c's packets, whatever comes between, until one of type t: 1 and
 * *out, or 0. A packet of type `never` on the way is a failure (0). */
static int wait_for(tclient *c, packet_type t, packet_type never, packet *out)
{
    for (int i = 0; i < 64; i++) {
        if (tc_recv(c, out, TP_WAIT) != 0)
            return 0;
        if (out->type == t)
            return 1;
        if (out->type == never) {
            tap_diag("got %s before %s", packet_type_name((uint8_t)never),
                     packet_type_name((uint8_t)t));
            return 0;
        }
    }
    return 0;
}

/* Connects c and resumes with token: the WELCOME (in *w), START and a SYNC
 * of the one stone at (7, 7). 1 if so. */
static int resume(tclient *c, uint16_t port, const char *name, const uint8_t *token, packet *w)
{
    packet p;
    if (tc_connect(c, port) != 0)
        return 0;
    tc_hello(c, name, PACKET_WANT_PLAY, token);
    return wait_for(c, PACKET_WELCOME, PACKET_ERROR, w) &&
           wait_for(c, PACKET_START, PACKET_ERROR, &p) &&
           wait_for(c, PACKET_SYNC_BEGIN, PACKET_ERROR, &p) && p.u.sync.plies == 1 &&
           tp_got_move(c, 0, 7, 7) && wait_for(c, PACKET_SYNC_END, PACKET_ERROR, &p);
}

/* Seats a and b as Player1 and Player2 of a new match: their tokens, and
 * their WELCOMEs in w; an OPENING_STATE before START fails when
 * no_opening. 1 if so. */
static int seat(tclient *a, tclient *b, uint16_t port, uint8_t *ta, uint8_t *tb, packet *w,
                int no_opening)
{
    packet_type never = no_opening ? PACKET_OPENING_STATE : PACKET_ERROR;
    packet p;
    if (tc_connect(a, port) != 0 || tc_connect(b, port) != 0)
        return 0;
    tc_hello(a, "Ann", PACKET_WANT_PLAY, NULL);
    if (!wait_for(a, PACKET_WELCOME, PACKET_ERROR, &w[0]))
        return 0;
    tc_hello(b, "Ben", PACKET_WANT_PLAY, NULL);
    if (!wait_for(b, PACKET_WELCOME, PACKET_ERROR, &w[1]))
        return 0;
    memcpy(ta, w[0].u.welcome.token, PACKET_TOKEN_SIZE);
    memcpy(tb, w[1].u.welcome.token, PACKET_TOKEN_SIZE);
    return wait_for(a, PACKET_START, never, &p) && wait_for(b, PACKET_START, never, &p);
}

static int welcome_is(const packet *w, int rule, int size)
{
    return w->u.welcome.game == GAME_KIND_GOMOKU && w->u.welcome.rule == rule &&
           w->u.welcome.width == size && w->u.welcome.height == size;
}

static void test_restart_under_other_flags(void)
{
    char dir[128], journal[192];
    const char *before[] = {"--port",          "0",     "--bind",  "127.0.0.1", "--records", dir,
                            "--journal",       journal, "--rule",  "standard",  "--size",    "15",
                            "--opening",       "swap2", "--clock", "5+3",       "--grace",   "120",
                            "--restart-bonus", "7",     NULL};
    const char *after[] = {"--port",    "0",     "--bind",  "127.0.0.1", "--records",       dir,
                           "--journal", journal, "--size",  "19",        "--opening",       "none",
                           "--clock",   "1+0",   "--grace", "120",       "--restart-bonus", "7",
                           NULL};
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    tclient a, b, c, d;
    packet wa, wb, w[2], p;
    proc *pr;
    uint16_t port;
    int ok;

    memset(&p, 0, sizeof p);
    memset(&wa, 0, sizeof wa);
    memset(&wb, 0, sizeof wb);
    memset(w, 0, sizeof w);
    itest_records_dir(dir, sizeof dir, "restart-terms");
    snprintf(journal, sizeof journal, "%s-journal", dir);

    port = proc_start_server(&pr, server_exe, before, NULL);
    if (!TAP_OK(port != 0, "a server of standard 15x15, swap2, 5+3 starts"))
        return;
    ok = seat(&a, &b, port, ta, tb, w, 0) && tc_stone(&a, 0, 7, 7) == 0 &&
         wait_for(&a, PACKET_MOVE, PACKET_REJECT, &p) && p.u.move.to_x == 7 &&
         wait_for(&b, PACKET_MOVE, PACKET_REJECT, &p) && p.u.move.to_x == 7;
    TAP_OK(ok, "Player1 puts the first stone of the swap2 opening");
    TAP_OK(proc_kill(pr) == 0, "the server is killed outright in the opening");
    proc_wait(pr, 15000);
    tc_close(&a);
    tc_close(&b);

    port = proc_start_server(&pr, server_exe, after, NULL);
    if (!TAP_OK(port != 0, "restarted on its journal as freestyle 19x19, no opening, 1+0"))
        return;
    memset(&p, 0, sizeof p);
    ok = tc_connect(&c, port) == 0;
    if (ok) {
        packet h;
        memset(&h, 0, sizeof h);
        h.type = PACKET_HELLO;
        h.u.hello.version = 1;
        h.u.hello.want = PACKET_WANT_PLAY;
        packet_set_string(h.u.hello.name, PACKET_NAME_SIZE, "Old");
        memcpy(h.u.hello.token, ta, PACKET_TOKEN_SIZE);
        ok = tc_send(&c, &h) == 0 && wait_for(&c, PACKET_ERROR, PACKET_WELCOME, &p);
        tc_close(&c);
    }
    TAP_OK(ok && p.u.error.code == PACKET_CODE_BAD_HELLO && strstr(p.u.error.text, "version 2"),
           "a version-1 client resuming into the restored swap2 game is told it needs version 2 "
           "(ERROR %d \"%s\")",
           (int)p.u.error.code, p.u.error.text);
    ok = resume(&a, port, "Ann", ta, &wa) && resume(&b, port, "Ben", tb, &wb);
    TAP_OK(ok, "both players resume the game with its stone");
    TAP_OK(ok && welcome_is(&wa, GAME_RULE_STANDARD, 15) && welcome_is(&wb, GAME_RULE_STANDARD, 15),
           "both are told the game's standard 15x15, not the new flags' 19x19");
    ok = ok && wait_for(&a, PACKET_OPENING_STATE, PACKET_ERROR, &p);
    TAP_OK(ok && p.u.opening.rule == GOMOKU_OPENING_SWAP2 &&
               p.u.opening.step == GOMOKU_STEP_PLACE && p.u.opening.actor == 1 &&
               p.u.opening.ply == 1,
           "its swap2 opening stands where it was: Player1 to place the second stone");
    ok = ok && wait_for(&a, PACKET_CLOCK, PACKET_ERROR, &p);
    while (ok && p.u.clock.running == 0) /* stopped until both are back */
        ok = wait_for(&a, PACKET_CLOCK, PACKET_ERROR, &p);
    TAP_OK(ok && p.u.clock.running == 1 && p.u.clock.increment_ms == 3000 &&
               p.u.clock.p2_ms == 300000 + BONUS_MS && p.u.clock.p1_ms > 240000 + BONUS_MS &&
               p.u.clock.p1_ms <= 303000 + BONUS_MS,
           "its 5+3 clock goes on: Player2's untouched 5 minutes plus the bonus, Player1 with "
           "its increment (%lu %lu, "
           "increment %lu)",
           (unsigned long)p.u.clock.p1_ms, (unsigned long)p.u.clock.p2_ms,
           (unsigned long)p.u.clock.increment_ms);
    ok = ok && tc_stone(&a, 1, 7, 8) == 0 && wait_for(&a, PACKET_MOVE, PACKET_REJECT, &p) &&
         p.u.move.ply == 1 && wait_for(&a, PACKET_OPENING_STATE, PACKET_REJECT, &p) &&
         p.u.opening.step == GOMOKU_STEP_PLACE && p.u.opening.ply == 2;
    TAP_OK(ok, "and the opening goes on: the second stone is taken as its step");

    ok = seat(&c, &d, port, ta, tb, w, 1);
    TAP_OK(ok && welcome_is(&w[0], GAME_RULE_FREESTYLE, 19) &&
               welcome_is(&w[1], GAME_RULE_FREESTYLE, 19),
           "a new pair on the restarted server is told freestyle 19x19, without an opening");
    ok = ok && tc_stone(&c, 0, 9, 9) == 0 && wait_for(&c, PACKET_MOVE, PACKET_REJECT, &p) &&
         p.u.move.ply == 0 && p.u.move.to_x == 9 && wait_for(&c, PACKET_CLOCK, PACKET_REJECT, &p);
    TAP_OK(ok && p.u.clock.increment_ms == 0 && p.u.clock.p1_ms <= 60000 &&
               p.u.clock.p2_ms == 60000 && p.u.clock.running == 2,
           "the new game has no opening (its first stone is an ordinary move) and the new "
           "1+0 clock (%lu %lu, increment %lu)",
           (unsigned long)p.u.clock.p1_ms, (unsigned long)p.u.clock.p2_ms,
           (unsigned long)p.u.clock.increment_ms);
    tc_close(&c);
    tc_close(&d);
    tc_close(&a);
    tc_close(&b);
    itest_stop_clean(pr, "a clean stop");
}

/* A chess game that ended (R) before its record was written, in the
 * journal of a Gomoku server: the record is rebuilt under the game's own
 * terms, a PGN of its moves. */
static void test_unrecorded_under_own_terms(void)
{
    char dir[128], journal[192], body[300], rec[4096], want[4096];
    const char *args[] = {"--port", "0",         "--bind", "127.0.0.1", "--records",
                          dir,      "--journal", journal,  NULL};
    game_move e4 = {4, 1, 4, 3, 0};
    game_options chess = {.kind = GAME_KIND_CHESS, .width = 8, .height = 8};
    game_result r = {.winner = GAME_SIDE_P2, .reason = GAME_END_RESIGNATION};
    time_t t0 = time(NULL), when = 0;
    proc *pr;
    itest_records_dir(dir, sizeof dir, "restart-terms-record");
    snprintf(journal, sizeof journal, "%s-journal", dir);
    itest_journal_line(journal, "MBJ 5 1 0 15 15 0 0 1");
    itest_journal_line(journal, "G 1 1 d9ffd990e9e212d3e1df6b00fd7670d3 "
                                "74e29965c8879b2dfb8b8a144145b068 416e6e 42656e 60000 60000 2 0 8 "
                                "8 60000 0 0 0 0 0 0");
    itest_journal_line(journal, "M 1 0 4 1 4 3 0 59000 60000");
    snprintf(body, sizeof body, "R 1 1 2 %d", (int)GAME_END_RESIGNATION);
    itest_journal_line(journal, body);
    if (!TAP_OK(proc_start_server(&pr, server_exe, args, NULL) != 0,
                "a Gomoku server starts on a journal with an unrecorded chess game"))
        return;
    TAP_OK(itest_read_record(dir, 1, 1, "pgn", t0, time(NULL) + 1, rec, sizeof rec, &when) == 0 &&
               itest_expected_record(&game_chess_ops, &chess, &e4, 1, 1, 1, "Ann", "Ben", r, when,
                                     want, sizeof want) == 0 &&
               strcmp(rec, want) == 0,
           "it writes the game's record as chess (PGN), under the game's own terms");
    itest_stop_clean(pr, "a clean stop");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_server_restart_terms SERVER-PROGRAM\n");
        return 2;
    }
    server_exe = argv[1];
    sock_startup();
    test_restart_under_other_flags();
    test_unrecorded_under_own_terms();
    sock_cleanup();
    return tap_done();
}
