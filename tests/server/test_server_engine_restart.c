/* test_server_engine_restart.c: a restart costs nothing to whoever plays
 * the server's engine seat. The real matchboard-server with --engine-seat
 * (its bot, matchboard-bot --seat, with a Gomocup engine) and a journal;
 * a human played by a test client plays the engine, the server is killed
 * outright (kill -9) and later stopped cleanly, each time in the middle of
 * the game, and started again on its journal: the human resumes with its
 * token, the engine's new bot takes its seat back and moves again, and the
 * game goes on to its end. Then the engine waits in the lobby for the
 * next visitor, as always; killed again with the engine's rematch offer
 * pending, the finished match comes back with the engine, and the
 * rematch is played. And a bot whose seat is gone by the time it comes
 * (its engine crashed, it resigned) waits in the lobby. A journal of a
 * server of before, whose engine seat is known by its token's mark, still
 * gives the engine its seat back, in the game of its own kind.
 * argv[1]: the server program; argv[2]: a Gomocup engine. */
#include <stdio.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tclient.h"

#define T    20000 /* ms to wait for any expected packet */
#define SIZE 9
#define MAXP 81

typedef struct human {
    tclient c;
    uint8_t token[PACKET_TOKEN_SIZE];
    uint8_t seat;              /* PACKET_SEAT_P1 or P2 */
    uint32_t ply;              /* moves in the game */
    uint8_t board[SIZE][SIZE]; /* 1: a stone */
} human;

/* Black (Player1) moves at even plies. */
static int humans_turn(const human *h)
{
    return (h->ply % 2 == 0) == (h->seat == PACKET_SEAT_P1);
}

static void mark(human *h, const packet_move *m)
{
    if (m->to_x < SIZE && m->to_y < SIZE)
        h->board[m->to_x][m->to_y] = 1;
    h->ply = m->ply + 1;
}

/* The engine's next move (ply h->ply): 1 if it came. */
static int engine_moves(human *h)
{
    packet p;
    if (tc_wait_for(&h->c, PACKET_MOVE, &p, T) != 0 || p.u.move.ply != h->ply)
        return 0;
    mark(h, &p.u.move);
    return 1;
}

/* The human's stone on the first free point of every other column from
 * the board's far corner (never five in a row), confirmed: 1 if so. */
static int human_moves(human *h)
{
    packet p;
    for (int y = SIZE - 1; y >= 0; y--)
        for (int x = SIZE - 1; x >= 0; x -= 2)
            if (!h->board[x][y]) {
                if (tc_stone(&h->c, h->ply, x, y) != 0 ||
                    tc_wait_for(&h->c, PACKET_MOVE, &p, T) != 0 || p.u.move.ply != h->ply ||
                    p.u.move.to_x != x || p.u.move.to_y != y)
                    return 0;
                mark(h, &p.u.move);
                return 1;
            }
    return 0;
}

/* n moves of each side, from whoever is to move. */
static int play(human *h, int n)
{
    for (int i = 0; i < 2 * n; i++)
        if (!(humans_turn(h) ? human_moves(h) : engine_moves(h)))
            return 0;
    return 1;
}

/* The human sits down against the engine: 1 when its game started. */
static int sit_down(human *h, uint16_t port, const char *name)
{
    packet w, s;
    memset(h, 0, sizeof *h);
    if (tc_connect(&h->c, port) != 0)
        return 0;
    tc_hello(&h->c, name, PACKET_WANT_PLAY, NULL);
    if (tc_wait_for(&h->c, PACKET_WELCOME, &w, T) != 0 ||
        tc_wait_for(&h->c, PACKET_START, &s, T) != 0)
        return 0;
    memcpy(h->token, w.u.welcome.token, PACKET_TOKEN_SIZE);
    h->seat = w.u.welcome.seat;
    return strcmp(h->seat == PACKET_SEAT_P1 ? s.u.start.player2 : s.u.start.player1, "Computer") ==
           0;
}

/* The human comes back with its token: its seat, and the game as the
 * journal kept it (at least the moves it had seen). 1 if so. */
static int resume(human *h, uint16_t port, const char *name)
{
    packet p;
    uint32_t seen = h->ply;
    tc_close(&h->c);
    if (tc_connect(&h->c, port) != 0)
        return 0;
    tc_hello(&h->c, name, PACKET_WANT_PLAY, h->token);
    if (tc_wait_for(&h->c, PACKET_WELCOME, &p, T) != 0 || p.u.welcome.seat != h->seat ||
        tc_wait_for(&h->c, PACKET_START, NULL, T) != 0 ||
        tc_wait_for(&h->c, PACKET_SYNC_BEGIN, &p, T) != 0)
        return 0;
    memset(h->board, 0, sizeof h->board);
    h->ply = 0;
    while (tc_recv(&h->c, &p, T) == 0) {
        if (p.type == PACKET_MOVE)
            mark(h, &p.u.move);
        else if (p.type == PACKET_SYNC_END)
            return h->ply >= seen && h->ply <= seen + 1;
    }
    return 0;
}

/* The engine moves on: once it is its turn, its move comes (also while
 * the human waited for it to be back). */
static int engine_back(human *h)
{
    if (humans_turn(h) && !human_moves(h))
        return 0;
    return engine_moves(h);
}

/* The engine's bot ends in the middle of a game (its engine crashes: it
 * resigns) and Ann stays on the finished game: the next bot finds the
 * engine's seat there no longer to be had and waits in the lobby, where
 * Bob plays it. */
static void seat_gone(const char *server, const char *engine)
{
    char dir[128], crashing[600];
    const char *args[] = {
        "--port",      "0",      "--bind",        "127.0.0.1", "--records", dir,       "--journal",
        "none",        "--game", "gomoku",        "--size",    "9",         "--grace", "60",
        "--log-level", "error",  "--engine-seat", crashing,    NULL};
    human ann, bob;
    packet p;
    proc *pr;
    uint16_t port;
    int over = 0;
    snprintf(crashing, sizeof crashing, "%s --fail crash --after 2", engine);
    itest_records_dir(dir, sizeof dir, "engine-gone");
    port = proc_start_server(&pr, server, args, NULL);
    if (!TAP_OK(port != 0, "a server whose engine crashes after two moves"))
        return;
    TAP_OK(sit_down(&ann, port, "Ann"), "Ann plays it");
    while (!over && ann.ply < 8) {
        if (humans_turn(&ann)) {
            if (!human_moves(&ann))
                break;
        } else if (tc_recv(&ann.c, &p, T) != 0) {
            break;
        } else if (p.type == PACKET_MOVE) {
            mark(&ann, &p.u.move);
        } else {
            over = p.type == PACKET_GAME_OVER && p.u.game_over.reason == GAME_END_RESIGNATION;
        }
    }
    TAP_OK(over, "its engine crashes: its bot resigns, and Ann stays on the finished game");
    TAP_OK(sit_down(&bob, port, "Bob"), "the next bot waits in the lobby: Bob plays it");
    tc_close(&bob.c);
    tc_close(&ann.c);
    itest_stop_clean(pr, "the server stops cleanly");
}

/* The ENGINE field of the G line of game 1 of match id in the journal
 * (the last before its CRC), or -1 when there is none. */
static int journaled_engine(const char *journal, unsigned id)
{
    char line[600], prefix[32];
    int engine = -1;
    FILE *f = fopen(journal, "rb");
    snprintf(prefix, sizeof prefix, "G %u 1 ", id);
    while (f && fgets(line, sizeof line, f)) {
        char *star = strstr(line, " *"), *last;
        int fields = 1;
        if (strncmp(line, prefix, strlen(prefix)) != 0 || !star)
            continue;
        *star = '\0';
        for (char *c = line; *c; c++)
            fields += *c == ' ';
        last = strrchr(line, ' ');
        if (fields == 21 && last && last[1] >= '0' && last[1] <= '3' && !last[2])
            engine = last[1] - '0';
    }
    if (f)
        fclose(f);
    return engine;
}

/* A journal of a server of before (version 5): the engine seat known by
 * the mark in its token. Two restored games hold it: a chess game first
 * (of another kind than this Gomoku server's engine plays) and Ann's
 * Gomoku game: the engine's bot takes back its seat in Ann's. */
static void old_journal(const char *server, const char *engine)
{
    /* Tokens as a version 5 server wrote them: the engine's marked (bytes
     * 8..15 the splitmix64 mix of bytes 0..7), the humans' random. */
    static const uint8_t ann_token[PACKET_TOKEN_SIZE] = {0x74, 0xe2, 0x99, 0x65, 0xc8, 0x87,
                                                         0x9b, 0x2d, 0xfb, 0x8b, 0x8a, 0x14,
                                                         0x41, 0x45, 0xb0, 0x68};
    char dir[128], journal[192];
    const char *args[] = {"--port",        "0",     "--bind",  "127.0.0.1", "--records",   dir,
                          "--journal",     journal, "--game",  "gomoku",    "--size",      "9",
                          "--clock",       "10+0",  "--grace", "60",        "--log-level", "warn",
                          "--engine-seat", engine,  NULL};
    human ann;
    proc *pr;
    uint16_t port;
    itest_records_dir(dir, sizeof dir, "engine-v5");
    snprintf(journal, sizeof journal, "%s-journal", dir);
    (void)proc_remove_tree(journal);
    itest_journal_line(journal, "MBJ 5 1 0 9 9 600000 0 3");
    itest_journal_line(journal, "G 1 1 20212223242526276b79e7102f874bf8 "
                                "d9ffd990e9e212d3e1df6b00fd7670d3 436f6d7075746572 426f62 "
                                "600000 600000 2 0 8 8 600000 0 0 0 0 0 0");
    itest_journal_line(journal, "M 1 0 4 1 4 3 0 600000 600000"); /* e2e4 */
    itest_journal_line(journal, "G 2 1 74e29965c8879b2dfb8b8a144145b068 "
                                "404142434445464718dcb77530c094bb 416e6e 436f6d7075746572 "
                                "600000 600000 1 0 9 9 600000 0 0 0 0 0 0");
    itest_journal_line(journal, "M 2 0 255 255 8 8 0 600000 600000");
    port = proc_start_server(&pr, server, args, NULL);
    if (!TAP_OK(port != 0, "a Gomoku server with an engine seat starts on a version 5 journal "
                           "whose chess game and Gomoku game both hold the engine seat"))
        return;
    memset(&ann, 0, sizeof ann);
    ann.c.s = SOCK_INVALID;
    memcpy(ann.token, ann_token, PACKET_TOKEN_SIZE);
    ann.seat = PACKET_SEAT_P1;
    ann.ply = 1;
    TAP_OK(resume(&ann, port, "Ann"), "Ann resumes her Gomoku game with her token");
    TAP_OK(engine_back(&ann) && play(&ann, 1),
           "the engine seat found by its old mark: the engine's bot takes it back in her game, "
           "not in the chess game, and moves");
    tc_close(&ann.c);
    proc_interrupt(pr);
    TAP_INT_EQ(proc_wait(pr, 15000), 0, "the server stops cleanly");
    (void)proc_remove_tree(journal);
}

int main(int argc, char **argv)
{
    char dir[128], journal[192];
    const char *args[] = {"--port",          "0",      "--bind",      "127.0.0.1",
                          "--records",       dir,      "--journal",   journal,
                          "--game",          "gomoku", "--size",      "9",
                          "--clock",         "10+0",   "--grace",     "60",
                          "--restart-bonus", "5",      "--log-level", "warn",
                          "--engine-seat",   NULL,     NULL};
    human ann, bob;
    packet p;
    proc *pr;
    uint16_t port;
    if (argc < 3) {
        printf("usage: test_server_engine_restart SERVER-PROGRAM ENGINE\n");
        return 2;
    }
    args[21] = argv[2];
    sock_startup();
    itest_records_dir(dir, sizeof dir, "engine-restart");
    snprintf(journal, sizeof journal, "%s-journal", dir);
    (void)proc_remove_tree(journal);
    port = proc_start_server(&pr, argv[1], args, NULL);
    if (!TAP_OK(port != 0, "the server starts with an engine seat and a journal"))
        return tap_done();
    TAP_OK(sit_down(&ann, port, "Ann"), "Ann plays the engine");
    TAP_OK(play(&ann, 3), "three moves each");
    TAP_INT_EQ(journaled_engine(journal, 1), ann.seat == PACKET_SEAT_P1 ? 2 : 1,
               "the journal's G flags the engine's seat (ENGINE), not Ann's");

    /* Killed outright, in the middle of the game. */
    TAP_OK(proc_kill(pr) == 0, "the server is killed outright (kill -9)");
    proc_wait(pr, 15000);
    port = proc_start_server(&pr, argv[1], args, NULL);
    if (!TAP_OK(port != 0, "and started again on its journal"))
        return tap_done();
    TAP_OK(resume(&ann, port, "Ann"), "Ann resumes with her token: the game as she left it");
    TAP_OK(engine_back(&ann), "the engine is back and moves again");
    TAP_OK(play(&ann, 2), "two more moves each");

    /* Stopped cleanly (Ctrl-C): the game is kept, the bot stopped. */
    proc_interrupt(pr);
    TAP_OK(tc_wait_for(&ann.c, PACKET_RESTARTING, NULL, T) == 0,
           "a clean stop: Ann hears RESTARTING");
    TAP_INT_EQ(proc_wait(pr, 15000), 0, "the server stops cleanly");
    port = proc_start_server(&pr, argv[1], args, NULL);
    if (!TAP_OK(port != 0, "and starts again on its journal"))
        return tap_done();
    TAP_OK(resume(&ann, port, "Ann"), "Ann resumes again");
    TAP_OK(engine_back(&ann), "the engine is back again and moves");
    /* Both are back: the clocks go on (the side to move runs). */
    TAP_OK(human_moves(&ann) && tc_wait_for(&ann.c, PACKET_CLOCK, &p, T) == 0 &&
               p.u.clock.running == (ann.seat == PACKET_SEAT_P1 ? 2 : 1) && engine_moves(&ann),
           "both are back: the clocks run again, and the engine answers");
    tc_simple(&ann.c, PACKET_RESIGN, 0);
    TAP_OK(tc_wait_for(&ann.c, PACKET_GAME_OVER, &p, T) == 0 &&
               p.u.game_over.reason == GAME_END_RESIGNATION,
           "Ann resigns: the game ends as any other");
    tc_close(&ann.c);

    /* The engine goes back to the lobby for the next visitor. */
    TAP_OK(sit_down(&bob, port, "Bob") && play(&bob, 1), "Bob plays the engine next");

    /* Killed with the engine's rematch offer pending: the finished match
     * comes back with it, the engine too, and the rematch is played. The
     * engine offers when it was Player1: Bob may have come before it was
     * back in the lobby, then a rematch makes it so. */
    {
        int ok = 1;
        if (bob.seat == PACKET_SEAT_P1) {
            tc_simple(&bob.c, PACKET_RESIGN, 0);
            tc_simple(&bob.c, PACKET_REMATCH_OFFER, 0);
            ok = tc_wait_for(&bob.c, PACKET_WELCOME, &p, T) == 0 &&
                 p.u.welcome.seat == PACKET_SEAT_P2 &&
                 tc_wait_for(&bob.c, PACKET_START, NULL, T) == 0;
            bob.seat = PACKET_SEAT_P2;
            bob.ply = 0;
            memset(bob.board, 0, sizeof bob.board);
            ok = ok && play(&bob, 1);
        }
        TAP_OK(ok, "the engine is Player1 (after a rematch if Bob came before it)");
    }
    tc_simple(&bob.c, PACKET_RESIGN, 0);
    TAP_OK(tc_wait_for(&bob.c, PACKET_GAME_OVER, NULL, T) == 0 &&
               tc_wait_for(&bob.c, PACKET_REMATCH_OFFER, NULL, T) == 0,
           "Bob resigns; the engine offers a rematch");
    TAP_OK(proc_kill(pr) == 0, "the server is killed outright, the offer pending");
    proc_wait(pr, 15000);
    port = proc_start_server(&pr, argv[1], args, NULL);
    if (!TAP_OK(port != 0, "and started again on its journal"))
        return tap_done();
    TAP_OK(resume(&bob, port, "Bob") && tc_wait_for(&bob.c, PACKET_REMATCH_OFFER, NULL, T) == 0,
           "Bob resumes the finished game and is offered the rematch again");
    tc_simple(&bob.c, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(tc_wait_for(&bob.c, PACKET_WELCOME, &p, T) == 0 && p.u.welcome.seat == PACKET_SEAT_P1 &&
               tc_wait_for(&bob.c, PACKET_START, NULL, T) == 0,
           "he accepts: the rematch starts, colours swapped");
    bob.seat = PACKET_SEAT_P1;
    bob.ply = 0;
    memset(bob.board, 0, sizeof bob.board);
    TAP_OK(play(&bob, 2), "and the engine plays it");
    tc_close(&bob.c);
    itest_stop_clean(pr, "the server stops cleanly");
    (void)proc_remove_tree(journal);
    seat_gone(argv[1], argv[2]);
    old_journal(argv[1], argv[2]);
    sock_cleanup();
    return tap_done();
}
