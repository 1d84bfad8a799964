/* test_server_chess.c: a full chess game through the real server (both
 * castlings, en passant, promotion, checkmate), with its PGN record; the
 * command line (--help, --version, bad flags exit 2). argv[1]: the server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "packet.h"
#include "proc.h"
#include "tap.h"
#include "tclient.h"

#define T 10000

/* Stockfish-played from a line with en passant (e5f6), promotion (g7h8q),
 * O-O-O (e8c8) and O-O (e1g1); ends in checkmate by White. */
static const char *const game_uci =
    "e2e4 d7d5 e4e5 f7f5 e5f6 b8c6 f6g7 d8d6 g7h8q c8d7 g1f3 e8c8 f1e2 g8f6 d2d4 e7e5 c1g5 "
    "f8e7 h8g7 e5d4 e1g1 f6e4 g5e7 d6e7 g7e7 c6e7 d1d4 d7g4 d4a7 g4f3 e2f3 e4d6 f3g4 e7f5 "
    "b1c3 h7h5 g4h3 d8e8 f1d1 c8d7 c3d5 e8g8 a7c5 c7c6 d5f6 d7c7 f6g8 b7b6 c5f5 d6f5 h3f5 "
    "b6b5 f5e6 c7b6 f2f4 b6c7 d1d7 c7b6 g8e7 c6c5 a1d1 c5c4 e7c8 b6c6 d1d6 c6c5 d7c7 c5b4 "
    "c2c3 b4a5 c7a7";

static size_t parse_game(game_move *out, size_t cap)
{
    size_t n = 0;
    const char *s = game_uci;
    while (*s && n < cap) {
        game_move m;
        m.from_x = (uint8_t)(s[0] - 'a');
        m.from_y = (uint8_t)(s[1] - '1');
        m.to_x = (uint8_t)(s[2] - 'a');
        m.to_y = (uint8_t)(s[3] - '1');
        m.promotion = s[4] == 'q' ? GAME_PROMO_QUEEN : GAME_PROMO_NONE;
        out[n++] = m;
        s += s[4] == 'q' ? 5 : 4;
        while (*s == ' ')
            s++;
    }
    return n;
}

static int same_move(const packet *p, uint32_t ply, const game_move *m)
{
    return p->u.move.ply == ply && p->u.move.from_x == m->from_x && p->u.move.from_y == m->from_y &&
           p->u.move.to_x == m->to_x && p->u.move.to_y == m->to_y &&
           p->u.move.promotion == m->promotion;
}

static void test_chess_game(const char *exe)
{
    char dir[128], rec[16384], want[16384];
    const char *args[] = {"--port",    "0", "--bind",  "127.0.0.1", "--game", "chess",
                          "--records", dir, "--clock", "10+1",      NULL};
    game_move moves[128];
    size_t n = parse_game(moves, 128), relayed = 0;
    tclient w, b;
    proc *pr;
    packet p;
    uint32_t match_id = 0;
    uint16_t port;
    time_t t0, t1, when;
    int illegal_ok;

    itest_records_dir(dir, sizeof dir, "chess");
    port = proc_start_server(&pr, exe, args, NULL);
    if (!TAP_OK(port != 0, "a chess server starts"))
        return;
    tc_connect(&w, port);
    tc_hello(&w, "White", PACKET_WANT_PLAY, NULL);
    TAP_OK(tc_expect(&w, PACKET_WELCOME, &p, T) == 0 && p.u.welcome.game == GAME_KIND_CHESS &&
               p.u.welcome.seat == 1 && p.u.welcome.width == 8,
           "first connection: White");
    match_id = p.u.welcome.match_id;
    tc_connect(&b, port);
    tc_hello(&b, "Black", PACKET_WANT_PLAY, NULL);
    TAP_OK(tc_expect(&b, PACKET_WELCOME, &p, T) == 0 && p.u.welcome.seat == 2, "second: Black");
    tc_expect(&w, PACKET_START, NULL, T);
    tc_expect(&b, PACKET_START, NULL, T);
    TAP_OK(tc_recv(&w, &p, T) == 0 && p.type == PACKET_CLOCK && p.u.clock.p1_ms == 600000 &&
               p.u.clock.running == 1 && p.u.clock.increment_ms == 1000,
           "--clock 10+1: the clock is shown, White's running");

    /* An illegal move first: e2e5. */
    tc_move(&w, 0, 4, 1, 4, 4, 0);
    illegal_ok =
        tc_expect(&w, PACKET_REJECT, &p, T) == 0 && p.u.reject.reason == PACKET_REJECT_ILLEGAL;
    TAP_OK(illegal_ok, "e2e5: REJECT illegal");

    t0 = time(NULL);
    for (size_t i = 0; i < n; i++) {
        tclient *mover = i % 2 ? &b : &w;
        packet pw, pb;
        tc_move(mover, (uint32_t)i, moves[i].from_x, moves[i].from_y, moves[i].to_x, moves[i].to_y,
                moves[i].promotion);
        if (tc_expect(&w, PACKET_MOVE, &pw, T) != 0 || tc_expect(&b, PACKET_MOVE, &pb, T) != 0 ||
            !same_move(&pw, (uint32_t)i, &moves[i]) || !same_move(&pb, (uint32_t)i, &moves[i])) {
            tap_diag("ply %lu not relayed", (unsigned long)i);
            break;
        }
        relayed++;
    }
    TAP_INT_EQ(relayed, n, "all %lu plies relayed to both (en passant, promotion, both castlings)",
               (unsigned long)n);
    TAP_OK(tc_expect(&w, PACKET_GAME_OVER, &p, T) == 0 &&
               p.u.game_over.reason == GAME_END_CHECKMATE && p.u.game_over.winner == 1 &&
               p.u.game_over.plies == n,
           "checkmate: GAME_OVER, White wins");
    TAP_OK(tc_expect(&b, PACKET_GAME_OVER, NULL, T) == 0, "Black is told too");
    proc_sleep_ms(200);
    t1 = time(NULL);
    {
        game_options opt = {GAME_KIND_CHESS, 0, 8, 8};
        game_result r = {GAME_END_CHECKMATE, GAME_SIDE_P1};
        int found = itest_read_record(dir, match_id, 1, "pgn", t0, t1, rec, sizeof rec, &when) == 0;
        TAP_OK(found, "the PGN record is written");
        TAP_OK(found && strstr(rec, "[White \"White\"]") && strstr(rec, "[Result \"1-0\"]") &&
                   strstr(rec, "O-O-O") && strstr(rec, "=Q") && strstr(rec, "#"),
               "with players, result, castling, promotion and mate");
        TAP_OK(found &&
                   itest_expected_record(&game_chess_ops, &opt, moves, n, match_id, 1, "White",
                                         "Black", r, when, want, sizeof want) == 0 &&
                   strcmp(rec, want) == 0,
               "and exactly the moves played");
    }

    /* Rematch: colours swap. */
    tc_simple(&w, PACKET_REMATCH_OFFER, (uint32_t)n);
    TAP_OK(tc_expect(&b, PACKET_REMATCH_OFFER, NULL, T) == 0, "a rematch offer is relayed");
    tc_simple(&b, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(tc_expect(&b, PACKET_WELCOME, &p, T) == 0 && p.u.welcome.seat == 1,
           "rematch: Black plays White now");
    TAP_OK(tc_expect(&w, PACKET_WELCOME, &p, T) == 0 && p.u.welcome.seat == 2,
           "and White plays Black");
    tc_close(&w);
    tc_close(&b);
    itest_stop_clean(pr, "the server stops cleanly");
}

static int run_exit_code(const char *exe, const char *const *args, char *line, size_t cap)
{
    proc *p;
    if (proc_start(&p, exe, args, NULL) != 0)
        return -1;
    line[0] = '\0';
    proc_read_line(p, line, cap, 10000);
    return proc_wait(p, 10000);
}

static void test_command_line(const char *exe)
{
    char line[256];
    const char *help[] = {"--help", NULL};
    const char *version[] = {"--version", NULL};
    const char *bad[][4] = {
        {"--port", "70000", NULL, NULL},    {"--game", "go", NULL, NULL},
        {"--clock", "5", NULL, NULL},       {"--size", "4", NULL, NULL},
        {"--frobnicate", NULL, NULL, NULL}, {"--game", "chess", "--rule", "renju"},
        {"--max-clients", "0", NULL, NULL}, {"--log-level", "loud", NULL, NULL}};
    TAP_INT_EQ(run_exit_code(exe, help, line, sizeof line), 0, "--help exits 0");
    TAP_OK(strncmp(line, "usage: matchboard-server", 24) == 0, "and prints the usage");
    TAP_INT_EQ(run_exit_code(exe, version, line, sizeof line), 0, "--version exits 0");
    TAP_OK(strncmp(line, "matchboard-server ", 18) == 0, "and names the program");
    {
        char want[64];
        snprintf(want, sizeof want, "(protocol %d to %d)", PACKET_VERSION_MIN, PACKET_VERSION);
        TAP_OK(strstr(line, want) != NULL, "and the protocol versions it speaks: %s", want);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        TAP_INT_EQ(run_exit_code(exe, bad[i], line, sizeof line), 2, "bad flags %s %s: exit 2",
                   bad[i][0], bad[i][1] ? bad[i][1] : "");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_server_chess SERVER-PROGRAM\n");
        return 2;
    }
    sock_startup();
    test_chess_game(argv[1]);
    test_command_line(argv[1]);
    sock_cleanup();
    return tap_done();
}
