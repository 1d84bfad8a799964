/* test_server_engine_seat.c: the real matchboard-server with
 * --engine-seat (its bot, matchboard-bot --seat, with a Gomocup engine),
 * visitors played by test clients: the engine gives its seat to a human
 * who waits when its opponent asks for another game, a rematch against it
 * when nobody waits keeps the connection and swaps the colours, and it
 * comes back for the next visitor when its opponent leaves.
 * argv[1]: the server program; argv[2]: a Gomocup engine. */
#include <stdio.h>
#include <string.h>

#include "itest.h"
#include "proc.h"
#include "tap.h"
#include "tclient.h"

#define T 20000 /* ms to wait for any expected packet */

static int names(const packet *p, const char *p1, const char *p2)
{
    return strcmp(p->u.start.player1, p1) == 0 && strcmp(p->u.start.player2, p2) == 0;
}

/* c says HELLO as name and gets its seat and the game's START; returns
 * the match id (0 on failure) and the START in *start. */
static uint32_t join(tclient *c, uint16_t port, const char *name, packet *start)
{
    packet w;
    if (tc_connect(c, port) != 0)
        return 0;
    tc_hello(c, name, PACKET_WANT_PLAY, NULL);
    if (tc_wait_for(c, PACKET_WELCOME, &w, T) != 0 || tc_wait_for(c, PACKET_START, start, T) != 0)
        return 0;
    return w.u.welcome.match_id;
}

int main(int argc, char **argv)
{
    char dir[128];
    const char *args[] = {"--port",    "0",    "--bind",      "127.0.0.1", "--records",     dir,
                          "--journal", "none", "--game",      "gomoku",    "--size",        "9",
                          "--grace",   "1",    "--log-level", "warn",      "--engine-seat", NULL,
                          NULL};
    tclient a, b, c, d;
    packet p, w;
    proc *pr;
    uint16_t port;
    uint32_t m1, m2;
    if (argc < 3) {
        printf("usage: test_server_engine_seat SERVER-PROGRAM ENGINE\n");
        return 2;
    }
    memset(&p, 0, sizeof p);
    memset(&w, 0, sizeof w);
    args[17] = argv[2];
    sock_startup();
    itest_records_dir(dir, sizeof dir, "engine-seat");
    port = proc_start_server(&pr, argv[1], args, NULL);
    if (!TAP_OK(port != 0, "the server starts with an engine seat"))
        return tap_done();

    /* Ann plays the engine; Bob arrives meanwhile and waits. */
    m1 = join(&a, port, "Ann", &p);
    TAP_OK(m1 != 0 && (names(&p, "Computer", "Ann") || names(&p, "Ann", "Computer")),
           "a visitor plays the seated engine");
    TAP_OK(tc_connect(&b, port) == 0, "a second visitor connects");
    tc_hello(&b, "Bob", PACKET_WANT_PLAY, NULL);
    TAP_OK(tc_wait_for(&b, PACKET_WELCOME, &w, T) == 0 && w.u.welcome.seat == PACKET_SEAT_P1,
           "and waits, as Player1 of a new match");
    tc_simple(&a, PACKET_RESIGN, 0);
    TAP_OK(tc_wait_for(&a, PACKET_GAME_OVER, NULL, T) == 0, "Ann resigns: her game is over");
    tc_simple(&a, PACKET_REMATCH_OFFER, 0);
    TAP_OK(tc_wait_for(&a, PACKET_WELCOME, &w, T) == 0 && w.u.welcome.match_id != m1 &&
               w.u.welcome.seat == PACKET_SEAT_P2,
           "Ann asks for another game: she is seated in a new match");
    m2 = w.u.welcome.match_id;
    TAP_OK(tc_wait_for(&a, PACKET_START, &p, T) == 0 && names(&p, "Bob", "Ann"),
           "against Bob, who waited, without reconnecting");
    TAP_OK(tc_wait_for(&b, PACKET_START, &p, T) == 0 && names(&p, "Bob", "Ann") &&
               w.u.welcome.match_id == m2,
           "Bob's game starts too");

    /* The engine waits again: Cid plays it, and a rematch keeps it. */
    m1 = join(&c, port, "Cid", &p);
    TAP_OK(m1 != 0 && names(&p, "Computer", "Cid"), "the engine went back to wait: Cid plays it");
    tc_simple(&c, PACKET_RESIGN, 0);
    TAP_OK(tc_wait_for(&c, PACKET_GAME_OVER, NULL, T) == 0, "Cid resigns");
    tc_simple(&c, PACKET_REMATCH_OFFER, 0);
    TAP_OK(tc_wait_for(&c, PACKET_WELCOME, &w, T) == 0 && w.u.welcome.match_id == m1 &&
               w.u.welcome.seat == PACKET_SEAT_P1,
           "nobody waits: the rematch against the engine, same match, colours swapped");
    TAP_OK(tc_wait_for(&c, PACKET_START, &p, T) == 0 && names(&p, "Cid", "Computer"),
           "and its game starts");

    /* Cid leaves in the middle of a game: once his grace period is over
     * the engine comes back for the next visitor (who may arrive first). */
    tc_close(&c);
    m2 = join(&d, port, "Dan", &p);
    TAP_OK(m2 != 0 && m2 != m1 && (names(&p, "Computer", "Dan") || names(&p, "Dan", "Computer")),
           "Cid left: the engine plays the next visitor");
    tc_close(&d);
    tc_close(&a);
    tc_close(&b);
    itest_stop_clean(pr, "the server stops cleanly, with its engine seat");
    sock_cleanup();
    return tap_done();
}
