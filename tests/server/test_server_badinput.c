/* test_server_badinput.c: the bad-input matrix against the real server:
 * garbage bytes, a huge size field, sizes below the header, a packet before
 * HELLO, a header followed by silence (slowloris, before HELLO and in a
 * match), moves before START, moves from a spectator, unknown and stale
 * resume tokens, and a flood of valid packets from one client. Throughout,
 * another match ("Y") keeps playing, and every one of its moves must come
 * back within RT_BOUND ms: what one connection does must not hold up
 * another match (a correctness bound, not a benchmark).
 *
 * argv[1]: the server program. Run with "flood PORT MS" it is instead the
 * flooding client, a helper process started by the test itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"
#include "mono_clock.h"
#include "proc.h"
#include "tap.h"
#include "tplay.h"

#define RT_BOUND 2000 /* ms: a move's round trip in match Y, whatever else goes on */
#define FLOOD_MS 5000

static tclient ya, yb; /* match Y: Player1, Player2 */
static uint32_t y_id;
static uint32_t y_ply;
static long y_worst;
static int y_bad;

/* Plays match Y's next ply: stones four to a row, rows two apart, so no
 * five ever forms. */
static void y_step(void)
{
    uint32_t i = y_ply / 2;
    int x = (int)(i % 4) * 3 + (int)(y_ply % 2), y = (int)(i / 4) * 2;
    long rt = y_ply % 2 ? tp_stone_round_trip(&yb, &ya, y_ply, x, y)
                        : tp_stone_round_trip(&ya, &yb, y_ply, x, y);
    if (rt < 0)
        y_bad++;
    else if (rt > y_worst)
        y_worst = rt;
    y_ply++;
}

static int closed_with(tclient *c, int code)
{
    int got = 0;
    int closed = tc_wait_closed(c, TP_WAIT, &got);
    if (!closed || got != code)
        tap_diag("closed %d, last error %d (wanted %d)", closed, got, code);
    return closed && got == code;
}

static void raw_case(uint16_t port, const void *bytes, size_t n, int code, const char *what)
{
    tclient c;
    uint64_t t0 = mb_now_ms();
    int ok = tc_connect(&c, port) == 0 && tc_send_raw(&c, bytes, n) == 0 && closed_with(&c, code);
    TAP_OK(ok && mb_now_ms() - t0 < 900, "%s: ERROR %d and a close at once", what, code);
    tc_close(&c);
}

static void token_of_match(uint8_t *tok, uint32_t id)
{
    memset(tok, 0, PACKET_TOKEN_SIZE);
    tok[0] = (uint8_t)(id >> 24);
    tok[1] = (uint8_t)(id >> 16);
    tok[2] = (uint8_t)(id >> 8);
    tok[3] = (uint8_t)id;
}

/* ---- the flooding helper process ---- */

static int flood_main(uint16_t port, int ms)
{
    tclient a, b;
    packet p;
    uint8_t batch[64 * 16];
    size_t n = 0;
    unsigned long sent = 0, got = 0;
    uint64_t end;
    if (!tp_seat_pair(&a, &b, port, "Flood", "Victim", NULL, NULL, NULL)) {
        printf("cannot seat\n");
        return 1;
    }
    /* One batch: wrong-ply MOVEs (REJECT), PINGs (PONG), CHATs (relayed to
     * both, up to the rate limit), DRAW_OFFERs (the first is passed on). */
    for (int i = 0; i < 16; i++) {
        int k;
        memset(&p, 0, sizeof p);
        switch (i % 4) {
        case 0:
            packet_make_move(&p, 999, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0);
            break;
        case 1:
            p.type = PACKET_PING;
            p.u.ping.stamp = (uint64_t)i;
            break;
        case 2:
            p.type = PACKET_CHAT;
            packet_set_string(p.u.chat.text, sizeof p.u.chat.text, "flood");
            break;
        default:
            p.type = PACKET_DRAW_OFFER;
            break;
        }
        k = packet_encode(&p, batch + n, sizeof batch - n);
        if (k > 0)
            n += (size_t)k;
    }
    printf("flooding\n");
    fflush(stdout);
    end = mb_now_ms() + (uint64_t)ms;
    while (mb_now_ms() < end) {
        if (tc_send_raw(&a, batch, n) != 0)
            break;
        sent += 16;
        while (tc_recv(&a, &p, 0) == 0)
            got++;
        while (tc_recv(&b, &p, 0) == 0) {
        }
        if (a.closed || b.closed)
            break;
    }
    printf("sent %lu got %lu closed %d\n", sent, got, a.closed || b.closed);
    fflush(stdout);
    tc_close(&a);
    tc_close(&b);
    return 0;
}

/* ---- the matrix ---- */

int main(int argc, char **argv)
{
    char dir[128], self[1024], portstr[16], line[128];
    const char *args[] = {
        "--port",         "0", "--bind",  "127.0.0.1", "--records", dir, "--hello-timeout", "1",
        "--idle-timeout", "3", "--grace", "1",         NULL};
    proc *pr, *flooder;
    uint16_t port;

    sock_startup();
    if (argc == 4 && strcmp(argv[1], "flood") == 0)
        return flood_main((uint16_t)atoi(argv[2]), atoi(argv[3]));
    if (argc < 2) {
        printf("usage: test_server_badinput SERVER-PROGRAM\n");
        return 2;
    }
    itest_records_dir(dir, sizeof dir, "badinput");
    port = proc_start_server(&pr, argv[1], args, NULL);
    if (!TAP_OK(port != 0, "the server starts"))
        return tap_done();
    TAP_OK(tp_seat_pair(&ya, &yb, port, "Yann", "Yves", &y_id, NULL, NULL),
           "match Y starts; it plays on through everything below");
    y_step();

    /* Garbage, sizes, order. */
    {
        static const char http[] = "GET / HTTP/1.1\r\nHost: matchboard\r\n\r\n";
        static const uint8_t huge[] = {0xFF, 0xFF, 0x30, 0x00};
        static const uint8_t zero[] = {0, 0, 0, 0};
        static const uint8_t three[] = {0x00, 0x03, 0x10, 0x00};
        static const uint8_t two[] = {0x00, 0x02, 0x01, 0x00};
        uint8_t move[PACKET_MAX_SIZE], rnd[200];
        packet p;
        int n;
        unsigned seed = 12345;
        raw_case(port, http, sizeof http - 1, PACKET_CODE_MALFORMED, "an HTTP request");
        for (size_t i = 0; i < sizeof rnd; i++) {
            seed = seed * 1103515245u + 12345u;
            rnd[i] = (uint8_t)(seed >> 16);
        }
        rnd[2] = 0x7E; /* an unknown type whatever the seed gives */
        raw_case(port, rnd, sizeof rnd, PACKET_CODE_MALFORMED, "200 random bytes");
        raw_case(port, huge, sizeof huge, PACKET_CODE_MALFORMED,
                 "a size field of 65535 (nobody waits for the body)");
        raw_case(port, zero, sizeof zero, PACKET_CODE_MALFORMED, "a size of 0");
        raw_case(port, three, sizeof three, PACKET_CODE_MALFORMED, "a size of 3, below the header");
        raw_case(port, two, sizeof two, PACKET_CODE_MALFORMED, "a size of 2 with the HELLO type");
        packet_make_move(&p, 0, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 1, 1, 0);
        n = packet_encode(&p, move, sizeof move);
        raw_case(port, move, (size_t)n, PACKET_CODE_BAD_HELLO, "a MOVE before HELLO");
    }
    y_step();

    /* Slowloris before HELLO: a HELLO header, then nothing. */
    {
        static const uint8_t header[] = {0x00, 0x34, 0x01, 0x00};
        tclient s;
        int code = 0, closed;
        uint64_t t0 = mb_now_ms(), took;
        tc_connect(&s, port);
        tc_send_raw(&s, header, sizeof header);
        y_step();
        y_step();
        closed = tc_wait_closed(&s, TP_WAIT, &code);
        took = mb_now_ms() - t0;
        TAP_OK(closed && (code == PACKET_CODE_HELLO_TIMEOUT || code == PACKET_CODE_IDLE_TIMEOUT) &&
                   took >= 900 && took < 6000,
               "a HELLO header then silence: dropped after the 1 s timeout (%lu ms, code %d)",
               (unsigned long)took, code);
        tc_close(&s);
    }

    /* Slowloris in a match: half a MOVE, then nothing; then its token is
     * stale once the grace period has ended the game. */
    {
        static const uint8_t half[] = {0x00, 0x10, 0x10, 0x00, 0x00, 0x00};
        tclient c, d, r;
        packet p;
        uint8_t tok_c[PACKET_TOKEN_SIZE];
        uint64_t t0;
        int code = 0, closed;
        TAP_OK(tp_seat_pair(&c, &d, port, "Slow", "Steady", NULL, tok_c, NULL),
               "a second match starts");
        t0 = mb_now_ms();
        tc_send_raw(&c, half, sizeof half);
        y_step();
        y_step();
        closed = tc_wait_closed(&c, TP_WAIT, &code);
        TAP_OK(closed && code == PACKET_CODE_IDLE_TIMEOUT && mb_now_ms() - t0 >= 900,
               "half a MOVE then silence: the player is dropped after the timeout");
        TAP_OK(tc_expect(&d, PACKET_PEER_STATUS, &p, TP_WAIT) == 0 && p.u.peer.status == 0 &&
                   p.u.peer.grace_ms > 0,
               "its opponent is told, with the grace period");
        TAP_OK(tc_expect(&d, PACKET_GAME_OVER, &p, TP_WAIT) == 0 &&
                   p.u.game_over.reason == GAME_END_OPPONENT_LEFT && p.u.game_over.winner == 2,
               "the grace period ends: the opponent wins");
        tc_connect(&r, port);
        tc_hello(&r, "Slow", PACKET_WANT_PLAY, tok_c);
        TAP_OK(closed_with(&r, PACKET_CODE_BAD_TOKEN),
               "resuming with the token after the grace period: ERROR bad token");
        tc_close(&r);
        tc_close(&c);
        tc_close(&d);
    }

    /* Unknown tokens. */
    {
        tclient r;
        uint8_t tok[PACKET_TOKEN_SIZE];
        for (int i = 0; i < PACKET_TOKEN_SIZE; i++)
            tok[i] = (uint8_t)(0xA5 ^ (i * 37));
        tc_connect(&r, port);
        tc_hello(&r, "Mallory", PACKET_WANT_PLAY, tok);
        TAP_OK(closed_with(&r, PACKET_CODE_BAD_TOKEN), "a made-up token: ERROR bad token, closed");
        tc_close(&r);
    }
    y_step();

    /* Moves before START. */
    {
        tclient w, x;
        packet p;
        tc_connect(&w, port);
        tc_hello(&w, "Early", PACKET_WANT_PLAY, NULL);
        TAP_OK(tp_welcome(&w, 1, NULL, NULL), "a waiting Player1");
        tc_stone(&w, 0, 7, 7);
        TAP_OK(tc_expect(&w, PACKET_REJECT, &p, TP_WAIT) == 0 &&
                   p.u.reject.reason == PACKET_REJECT_NO_GAME,
               "a move before START: REJECT no game");
        tc_simple(&w, PACKET_RESIGN, 0);
        TAP_OK(tc_expect(&w, PACKET_ERROR, &p, TP_WAIT) == 0 &&
                   p.u.error.code == PACKET_CODE_NOT_ALLOWED,
               "a resignation before START: ERROR not allowed");
        tc_connect(&x, port);
        tc_hello(&x, "Late", PACKET_WANT_PLAY, NULL);
        TAP_OK(tp_welcome(&x, 2, NULL, NULL) && tc_expect(&w, PACKET_START, NULL, TP_WAIT) == 0,
               "the connection stayed; its opponent comes and START follows");
        tc_stone(&w, 0, 7, 7);
        TAP_OK(tp_got_move(&w, 0, 7, 7), "and now the same move is accepted at ply 0");
        tc_close(&w);
        tc_close(&x);
    }

    /* A spectator's moves. */
    {
        tclient s;
        packet p;
        uint8_t tok[PACKET_TOKEN_SIZE];
        uint32_t before = y_ply;
        token_of_match(tok, y_id);
        tc_connect(&s, port);
        tc_hello(&s, "Fan", PACKET_WANT_WATCH, tok);
        TAP_OK(tp_welcome(&s, PACKET_SEAT_SPECTATOR, NULL, NULL) &&
                   tc_expect(&s, PACKET_START, NULL, TP_WAIT) == 0 &&
                   tc_expect(&s, PACKET_SYNC_BEGIN, &p, TP_WAIT) == 0 && p.u.sync.plies == y_ply,
               "a spectator of match Y");
        for (uint32_t i = 0; i < y_ply; i++)
            tc_expect(&s, PACKET_MOVE, NULL, TP_WAIT);
        tc_expect(&s, PACKET_SYNC_END, NULL, TP_WAIT);
        tc_stone(&s, y_ply, 14, 14);
        TAP_OK(tc_expect(&s, PACKET_ERROR, &p, TP_WAIT) == 0 &&
                   p.u.error.code == PACKET_CODE_NOT_ALLOWED,
               "a spectator's MOVE: ERROR not allowed");
        tc_simple(&s, PACKET_RESIGN, y_ply);
        tc_simple(&s, PACKET_DRAW_OFFER, y_ply);
        TAP_OK(tc_expect(&s, PACKET_ERROR, &p, TP_WAIT) == 0 &&
                   p.u.error.code == PACKET_CODE_NOT_ALLOWED &&
                   tc_expect(&s, PACKET_ERROR, &p, TP_WAIT) == 0 &&
                   p.u.error.code == PACKET_CODE_NOT_ALLOWED,
               "its RESIGN and DRAW_OFFER: ERROR not allowed each");
        y_step();
        TAP_OK(y_bad == 0 && tc_expect(&s, PACKET_MOVE, &p, TP_WAIT) == 0 && p.u.move.ply == before,
               "the match went on untouched, and the spectator is still served");
        tc_close(&s);
    }

    /* A flood of valid packets from a helper process, while Y plays. */
    proc_self_path(self, sizeof self, argv[0]);
    snprintf(portstr, sizeof portstr, "%u", (unsigned)port);
    {
        char ms[16];
        const char *fargs[] = {"flood", portstr, ms, NULL};
        unsigned long sent = 0, got = 0;
        int fclosed = 1, still = 0;
        long worst_before = y_worst;
        snprintf(ms, sizeof ms, "%d", FLOOD_MS);
        y_worst = 0;
        if (proc_start(&flooder, self, fargs, NULL) != 0 ||
            proc_read_line(flooder, line, sizeof line, 20000) != 0 ||
            strcmp(line, "flooding") != 0) {
            TAP_OK(0, "the flooding client starts");
        } else {
            for (int i = 0; i < 16; i++) {
                y_step();
                proc_sleep_ms(100);
            }
            still = proc_read_line(flooder, line, sizeof line, 0) != 0;
            TAP_OK(still, "the flood was still on when match Y's 16th move came back");
            if (proc_read_line(flooder, line, sizeof line, FLOOD_MS + 20000) == 0)
                sscanf(line, "sent %lu got %lu closed %d", &sent, &got, &fclosed);
            proc_wait(flooder, 10000);
            tap_diag("flood: %lu packets sent, %lu answers read; match Y's worst round trip %ld ms",
                     sent, got, y_worst);
            TAP_OK(sent >= 2000 && got > 0 && !fclosed,
                   "the flooder was served, without being dropped (its answers it read)");
        }
        TAP_OK(y_bad == 0, "every move of match Y came back to both players");
        TAP_OK(y_worst < RT_BOUND,
               "during the flood match Y's moves still came back within %d ms (worst %ld)",
               RT_BOUND, y_worst);
        TAP_OK(worst_before < RT_BOUND,
               "and during the slowloris and the rest within %d ms (worst %ld)", RT_BOUND,
               worst_before);
    }

    tc_close(&ya);
    tc_close(&yb);
    itest_stop_clean(pr, "the server stops cleanly after all that");
    sock_cleanup();
    return tap_done();
}
