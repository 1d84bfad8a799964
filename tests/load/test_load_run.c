/* test_load_run.c: a small load run through the real server, as a check of
 * correctness (not of speed): M matches (2M connections; 150 unless
 * argv[2] says) played flat out by the load generator's engine
 * (bench/loadgen.c), two whole games each with a rematch between them,
 * every move checked as it comes back; then every record the server wrote
 * is compared with the game played. argv[1]: the server program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itest.h"
#include "loadgen.h"
#include "proc.h"
#include "sock.h"
#include "tap.h"

#define MAX_MATCHES 150
#define GAMES       2
#define BOARD       7

typedef struct seen {
    lg_game g;
    time_t when;
} seen;

static seen games[MAX_MATCHES * GAMES + 16];
static int ngames, misplayed;

static void on_game(void *ctx, const lg_game *g)
{
    (void)ctx;
    if (g->reason != GAME_END_BOARD_FULL || g->winner != 0 || g->plies != BOARD * BOARD)
        misplayed++;
    if (ngames < (int)(sizeof games / sizeof games[0])) {
        games[ngames].g = *g;
        games[ngames].when = time(NULL);
        ngames++;
    }
}

int main(int argc, char **argv)
{
    char dir[128], size[8], rec[16384], want[16384];
    const char *args[] = {"--port", "0",  "--bind",      "127.0.0.1", "--records", dir,
                          "--size", size, "--log-level", "warn",      NULL};
    game_move moves[BOARD * BOARD];
    int bad_sizes = 0, records = 0, exact = 0;
    lg_config cfg;
    lg_result r;
    proc *pr;
    uint16_t port;
    int matches = argc > 2 ? atoi(argv[2]) : MAX_MATCHES;

    if (argc < 2 || matches < 1 || matches > MAX_MATCHES) {
        printf("usage: test_load_run SERVER-PROGRAM [MATCHES]\n");
        return 2;
    }
    for (int n = 5; n <= LG_MAX_SIZE; n++)
        bad_sizes += lg_check_pattern(n) != 0;
    TAP_INT_EQ(bad_sizes, 0, "the scripted game fills every board from 5x5 to 25x25 without five");
    TAP_INT_EQ(lg_draw_pattern(BOARD, moves), BOARD * BOARD, "a 7x7 game has 49 plies");

    sock_startup();
    itest_records_dir(dir, sizeof dir, "loadrun");
    snprintf(size, sizeof size, "%d", BOARD);
    /* 64 sockets per match thread: several threads even natively. */
    port = proc_start_server(&pr, argv[1], args, "MATCHBOARD_LOOP_SOCKETS=64");
    if (!TAP_OK(port != 0, "the server starts"))
        return tap_done();

    memset(&cfg, 0, sizeof cfg);
    cfg.target = LG_SERVER;
    cfg.host = "127.0.0.1";
    cfg.port = port;
    cfg.matches = matches;
    cfg.games = GAMES;
    cfg.connect_window = 32;
    cfg.timeout = 90;
    cfg.on_game = on_game;
    TAP_INT_EQ(lg_run(&cfg, &r), 0, "the load run runs");
    if (r.errors)
        tap_diag("%llu errors, the first: %s", (unsigned long long)r.errors, r.first_error);
    TAP_INT_EQ((long)r.errors, 0, "no reject, error, drop or changed move");
    TAP_INT_EQ((long)r.conns_held, 2 * matches, "%d connections held at once", 2 * matches);
    TAP_INT_EQ((long)r.games_done, matches * GAMES, "every match plays both games to the end");
    TAP_INT_EQ(misplayed, 0, "every game ends in a draw by a full board after 49 plies");

    /* The records writer writes the records shortly after their games'
     * ends (a thousand ending within a second queue up): wait up to 30 s
     * for the last one. */
    for (int waited = 0, found = 0; found < ngames && waited < 30000; waited += 200) {
        time_t when;
        while (found < ngames &&
               itest_find_record(dir, games[found].g.match_id, games[found].g.game_no, "sgf",
                                 games[found].when - 2, games[found].when + 1, rec, sizeof rec,
                                 &when) == 0)
            found++;
        if (found < ngames)
            proc_sleep_ms(200);
    }
    for (int i = 0; i < ngames; i++) {
        const lg_game *g = &games[i].g;
        game_options opt = {GAME_KIND_GOMOKU, 0, BOARD, BOARD};
        game_result res = {GAME_END_BOARD_FULL, GAME_SIDE_NONE};
        time_t when;
        if (itest_find_record(dir, g->match_id, g->game_no, "sgf", games[i].when - 2,
                              games[i].when + 1, rec, sizeof rec, &when) != 0) {
            if (records == i)
                tap_diag("no record of match %lu game %lu", (unsigned long)g->match_id,
                         (unsigned long)g->game_no);
            continue;
        }
        records++;
        if (itest_expected_record(&game_gomoku_ops, &opt, moves, BOARD * BOARD, g->match_id,
                                  g->game_no, g->player1, g->player2, res, when, want,
                                  sizeof want) == 0 &&
            strcmp(rec, want) == 0)
            exact++;
        else if (exact + 1 == records)
            tap_diag("record of match %lu game %lu differs:\n%s\n-- expected --\n%s",
                     (unsigned long)g->match_id, (unsigned long)g->game_no, rec, want);
    }
    TAP_INT_EQ(records, matches * GAMES, "a record for every game");
    TAP_INT_EQ(exact, matches * GAMES, "every record holds its game's moves, players and result");
    itest_stop_clean(pr, "the server stops cleanly after the load");
    sock_cleanup();
    return tap_done();
}
