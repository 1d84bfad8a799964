/* test_server_load.c: 100 matches at once (200 connections: several match
 * threads, past the 64 handles of one WSAWaitForMultipleEvents) played to
 * the end through the real server; every record checked against the moves
 * played. argv[1]: the server program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tclient.h"

#define MATCHES 100
#define T       20000

static tclient cl[2 * MATCHES];
static uint32_t match_id[MATCHES];
static game_move played[MATCHES][9];

/* Match k's ply i: black along row y from x0, white on the row above. */
static game_move move_of(int k, int ply)
{
    int x0 = k % 10, y = (k / 10) % 13, i = ply / 2;
    game_move m = {0xFF, 0xFF, (uint8_t)(x0 + i), (uint8_t)(ply % 2 ? y + 1 : y), 0};
    return m;
}

int main(int argc, char **argv)
{
    char dir[128], rec[8192], want[8192];
    const char *args[] = {"--port", "0",           "--bind", "127.0.0.1", "--records",
                          dir,      "--log-level", "warn",   NULL};
    proc *pr;
    uint16_t port;
    int seated = 0, started = 0, relayed = 0, over = 0, records = 0, exact = 0;
    time_t t0, t1;

    if (argc < 2) {
        printf("usage: test_server_load SERVER-PROGRAM\n");
        return 2;
    }
    sock_startup();
    itest_records_dir(dir, sizeof dir, "load");
    /* 16 sockets per match thread: many threads even natively. */
    port = proc_start_server(&pr, argv[1], args, "MATCHBOARD_LOOP_SOCKETS=16");
    if (!TAP_OK(port != 0, "the server starts"))
        return tap_done();
    for (int i = 0; i < 2 * MATCHES; i++) {
        char name[24];
        packet p;
        if (tc_connect(&cl[i], port) != 0)
            break;
        snprintf(name, sizeof name, "p%d", i);
        tc_hello(&cl[i], name, PACKET_WANT_PLAY, NULL);
        if (tc_expect(&cl[i], PACKET_WELCOME, &p, T) == 0 && p.u.welcome.seat == 1 + i % 2) {
            seated++;
            match_id[i / 2] = p.u.welcome.match_id;
        }
    }
    TAP_INT_EQ(seated, 2 * MATCHES, "200 connections open at once, seated in order");
    for (int i = 0; i < 2 * MATCHES; i++)
        started += tc_expect(&cl[i], PACKET_START, NULL, T) == 0;
    TAP_INT_EQ(started, 2 * MATCHES, "every player gets START");

    t0 = time(NULL);
    for (int ply = 0; ply < 9; ply++) {
        for (int k = 0; k < MATCHES; k++) {
            game_move m = move_of(k, ply);
            played[k][ply] = m;
            tc_stone(&cl[2 * k + ply % 2], (uint32_t)ply, m.to_x, m.to_y);
        }
        for (int k = 0; k < MATCHES; k++)
            for (int s = 0; s < 2; s++) {
                packet p;
                game_move m = move_of(k, ply);
                relayed += tc_expect(&cl[2 * k + s], PACKET_MOVE, &p, T) == 0 &&
                           p.u.move.ply == (uint32_t)ply && p.u.move.to_x == m.to_x &&
                           p.u.move.to_y == m.to_y;
            }
    }
    TAP_INT_EQ(relayed, 2 * 9 * MATCHES, "every move of every match relayed to both players");
    for (int i = 0; i < 2 * MATCHES; i++) {
        packet p;
        over += tc_expect(&cl[i], PACKET_GAME_OVER, &p, T) == 0 && p.u.game_over.winner == 1 &&
                p.u.game_over.reason == GAME_END_FIVE;
    }
    TAP_INT_EQ(over, 2 * MATCHES, "every match ends with five in a row");
    proc_sleep_ms(500);
    t1 = time(NULL);
    for (int k = 0; k < MATCHES; k++) {
        game_options opt = {GAME_KIND_GOMOKU, 0, 15, 15};
        game_result r = {GAME_END_FIVE, GAME_SIDE_P1};
        char n1[24], n2[24];
        time_t when;
        if (itest_read_record(dir, match_id[k], 1, "sgf", t0, t1, rec, sizeof rec, &when) != 0)
            continue;
        records++;
        snprintf(n1, sizeof n1, "p%d", 2 * k);
        snprintf(n2, sizeof n2, "p%d", 2 * k + 1);
        if (itest_expected_record(&game_gomoku_ops, &opt, played[k], 9, match_id[k], 1, n1, n2, r,
                                  when, want, sizeof want) == 0 &&
            strcmp(rec, want) == 0)
            exact++;
    }
    TAP_INT_EQ(records, MATCHES, "100 records written");
    TAP_INT_EQ(exact, MATCHES, "each record holds exactly its match's moves and players");
    for (int i = 0; i < 2 * MATCHES; i++)
        tc_close(&cl[i]);
    itest_stop_clean(pr, "the server stops cleanly");
    sock_cleanup();
    return tap_done();
}
