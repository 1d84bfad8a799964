/* test_server_restart.c: what a restart keeps, checked through the real
 * server with test clients that resume by their tokens.
 *
 * - 200 unfinished games with clocks restored at once (far past the match
 *   directory's first 16 entries, while the first restored matches already
 *   announce themselves from their threads: the ThreadSanitizer build runs
 *   this too): the first, a middle and the last game resume, their clocks
 *   stay stopped until both players are back and then go on with each
 *   one's time plus --restart-bonus, and play goes on.
 * - kill -9 with a draw offer pending: after the restart the offered
 *   player hears the offer again and can accept it; the clocks resume at
 *   those of the last move plus the bonus.
 * argv[1]: the server program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#define GAMES    200
#define CLOCK_MS 300000 /* --clock 5+0 */
#define BONUS_MS 7000   /* --restart-bonus 7 */

static const char *server_exe;

static game_move stone(int x, int y)
{
    game_move m = {0xFF, 0xFF, (uint8_t)x, (uint8_t)y, 0};
    return m;
}

/* Reads c's packets until a CLOCK whose running side is `running`; 1 and
 * *out, or 0. */
static int clock_running(tclient *c, int running, packet *out)
{
    for (int i = 0; i < 50; i++) {
        if (tc_recv(c, out, TP_WAIT) != 0)
            return 0;
        if (out->type == PACKET_CLOCK && out->u.clock.running == running)
            return 1;
    }
    return 0;
}

static void token_of(int game, int seat, uint8_t *t, char *hex)
{
    memset(t, 0, PACKET_TOKEN_SIZE);
    t[0] = (uint8_t)(seat + 1);
    t[1] = (uint8_t)(game >> 8);
    t[2] = (uint8_t)game;
    t[15] = 0x5A;
    tp_token_hex(hex, t);
}

/* Match id i (1..GAMES) has one stone, at (i % 15, i / 15 % 15), and clocks
 * that differ from game to game. */
static int64_t left_of(int game, int seat)
{
    return CLOCK_MS - 1000 * (game % 50) - 17 * seat;
}

static void test_many_restored(void)
{
    char dir[128], journal[192], body[256], hex[2][40];
    const char *args[] = {"--port",  "0",         "--bind",          "127.0.0.1", "--records",
                          dir,       "--journal", journal,           "--clock",   "5+0",
                          "--grace", "120",       "--restart-bonus", "7",         NULL};
    static const int pick[] = {1, GAMES / 2, GAMES};
    uint8_t tok[2][PACKET_TOKEN_SIZE];
    proc *pr;
    uint16_t port;
    int all_ok = 1, clocks_ok = 1;

    itest_records_dir(dir, sizeof dir, "restart-many");
    snprintf(journal, sizeof journal, "%s-journal", dir);
    /* The header: Gomoku, its default rule and board, 5+0. */
    snprintf(body, sizeof body, "MBJ 2 1 0 15 15 %d 0 1", CLOCK_MS);
    itest_journal_line(journal, body);
    for (int i = 1; i <= GAMES; i++) {
        token_of(i, 0, tok[0], hex[0]);
        token_of(i, 1, tok[1], hex[1]);
        snprintf(body, sizeof body, "G %d 1 %s %s 416e6e 42656e %d %d", i, hex[0], hex[1], CLOCK_MS,
                 CLOCK_MS);
        itest_journal_line(journal, body);
        snprintf(body, sizeof body, "M %d 0 255 255 %d %d 0 %lld %lld", i, i % 15, i / 15 % 15,
                 (long long)left_of(i, 0), (long long)left_of(i, 1));
        itest_journal_line(journal, body);
    }
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "the server starts on a journal of %d unfinished games", GAMES))
        return;
    for (size_t k = 0; k < sizeof pick / sizeof pick[0]; k++) {
        int g = pick[k];
        game_move first = stone(g % 15, g / 15 % 15);
        tclient a, b;
        packet p = {0};
        token_of(g, 0, tok[0], hex[0]);
        token_of(g, 1, tok[1], hex[1]);
        if (!tp_resume(&a, port, "Ann", tok[0], 1, (uint32_t)g, &first, 1) ||
            !clock_running(&a, 0, &p) ||
            !tp_resume(&b, port, "Ben", tok[1], 2, (uint32_t)g, &first, 1)) {
            all_ok = 0;
            tap_diag("game %d did not resume", g);
        } else if (!clock_running(&a, 2, &p) || p.u.clock.p1_ms != left_of(g, 0) + BONUS_MS ||
                   p.u.clock.p2_ms != left_of(g, 1) + BONUS_MS) {
            clocks_ok = 0;
            tap_diag("game %d: clocks %lu %lu running %d, want %lld %lld", g,
                     (unsigned long)p.u.clock.p1_ms, (unsigned long)p.u.clock.p2_ms,
                     p.u.clock.running, (long long)left_of(g, 0) + BONUS_MS,
                     (long long)left_of(g, 1) + BONUS_MS);
        } else if (tp_stone_round_trip(&b, &a, 1, 14 - g % 15, 14) < 0) {
            all_ok = 0;
            tap_diag("game %d: Player2's move after the restore did not go through", g);
        }
        tc_close(&a);
        tc_close(&b);
    }
    TAP_OK(all_ok, "the first, a middle and the last of %d restored games resume and play on",
           GAMES);
    TAP_OK(clocks_ok,
           "their clocks stay stopped until both are back, then go on at the time of the "
           "stop plus the bonus");
    if (itest_stop_clean(pr, "a clean stop with %d games kept", GAMES) >= 0)
        TAP_OK(itest_file_has_line(journal, "S 1 1 ") && itest_file_has_line(journal, "S 200 1 "),
               "it journals the stopped clocks (S) of the games it keeps");
}

static void test_offer_survives_kill(void)
{
    char dir[128];
    const char *args[] = {"--port",  "0",       "--bind", "127.0.0.1",       "--records",
                          dir,       "--clock", "5+2",    "--restart-bonus", "7",
                          "--grace", "120",     NULL};
    tclient a, b;
    uint8_t ta[PACKET_TOKEN_SIZE], tb[PACKET_TOKEN_SIZE];
    uint32_t id = 0;
    game_move moves[2] = {stone(7, 7), stone(8, 8)};
    packet clk, p;
    proc *pr;
    uint16_t port;
    int ok;

    memset(&clk, 0, sizeof clk);
    memset(&p, 0, sizeof p);
    itest_records_dir(dir, sizeof dir, "restart-offer");
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "a server with a clock starts"))
        return;
    ok = tp_seat_pair(&a, &b, port, "Ann", "Ben", &id, ta, tb) &&
         tp_stone_round_trip(&a, &b, 0, 7, 7) >= 0 && tp_stone_round_trip(&b, &a, 1, 8, 8) >= 0 &&
         clock_running(&a, 1, &clk);
    tc_simple(&a, PACKET_DRAW_OFFER, 2);
    ok = ok && tc_expect(&b, PACKET_DRAW_OFFER, NULL, TP_WAIT) == 0;
    TAP_OK(ok, "two moves, then Player1 offers a draw and Player2 hears it");
    TAP_OK(proc_kill(pr) == 0, "the server is killed outright (the offer pending)");
    proc_wait(pr, 15000);
    tc_close(&a);
    tc_close(&b);
    port = proc_start_server(&pr, server_exe, args, NULL);
    if (!TAP_OK(port != 0, "restarted on its journal"))
        return;
    ok = tp_resume(&a, port, "Ann", ta, 1, id, moves, 2) &&
         tp_resume(&b, port, "Ben", tb, 2, id, moves, 2);
    TAP_OK(ok, "both players resume with their tokens and both moves");
    {
        int offered = 0;
        for (int i = 0; i < 10 && !offered && tc_recv(&b, &p, TP_WAIT) == 0; i++)
            offered = p.type == PACKET_DRAW_OFFER;
        TAP_OK(offered, "the offered player hears the pending draw offer again");
    }
    ok = clock_running(&a, 1, &p);
    TAP_OK(ok && p.u.clock.p1_ms == clk.u.clock.p1_ms + BONUS_MS &&
               p.u.clock.p2_ms == clk.u.clock.p2_ms + BONUS_MS,
           "the clocks go on at those of the last move plus the bonus (%lu %lu, were %lu %lu)",
           (unsigned long)p.u.clock.p1_ms, (unsigned long)p.u.clock.p2_ms,
           (unsigned long)clk.u.clock.p1_ms, (unsigned long)clk.u.clock.p2_ms);
    tc_simple(&b, PACKET_DRAW_ANSWER, 1);
    TAP_OK(tc_expect(&a, PACKET_GAME_OVER, &p, TP_WAIT) == 0 &&
               p.u.game_over.reason == GAME_END_DRAW_AGREED,
           "accepting it ends the game: a draw by agreement");
    tc_close(&a);
    tc_close(&b);
    itest_stop_clean(pr, "a clean stop");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_server_restart SERVER-PROGRAM\n");
        return 2;
    }
    server_exe = argv[1];
    sock_startup();
    test_many_restored();
    test_offer_survives_kill();
    sock_cleanup();
    return tap_done();
}
