/* test_match_logic.c: the lobby and the match host as pure state machines,
 * fed packets and time by hand: seating, rejects, resign, draw, rematch,
 * spectators, drop and resume, grace, clocks and records. */
#include <stdlib.h>
#include <string.h>

#include "logic_harness.h"
#include "tap.h"

static harness H; /* large: not on the stack */

static int reject_reason(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_REJECT, mark);
    return p ? p->u.reject.reason : -1;
}

static void test_seating(void)
{
    const packet *w;
    uint8_t t1[PACKET_TOKEN_SIZE] = {0};
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_open(&H, 1);
    h_open(&H, 2);
    h_open(&H, 3);
    h_open(&H, 4);
    h_hello(&H, 1, "Alice", PACKET_WANT_PLAY, NULL);
    w = h_last(&H, 1, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.seat == PACKET_SEAT_P1 && w->u.welcome.match_id == 1,
           "first connection: Player1 of match 1");
    TAP_OK(w && !logic_token_is_zero(w->u.welcome.token), "it gets a resume token");
    if (w)
        memcpy(t1, w->u.welcome.token, sizeof t1);
    TAP_OK(w && w->u.welcome.width == 15 && w->u.welcome.game == GAME_KIND_GOMOKU,
           "WELCOME carries the game and board");
    TAP_INT_EQ(h_count(&H, 1, PACKET_START, 0), 0, "no START while alone");
    h_hello(&H, 2, "Bob", PACKET_WANT_PLAY, NULL);
    w = h_last(&H, 2, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.seat == PACKET_SEAT_P2 && w->u.welcome.match_id == 1,
           "second connection: Player2 of match 1");
    TAP_OK(w && memcmp(w->u.welcome.token, t1, sizeof t1) != 0, "tokens differ");
    {
        const packet *s1 = h_last(&H, 1, PACKET_START, 0), *s2 = h_last(&H, 2, PACKET_START, 0);
        TAP_OK(s1 && s2, "both players get START");
        TAP_OK(s1 && strcmp(s1->u.start.player1, "Alice") == 0 &&
                   strcmp(s1->u.start.player2, "Bob") == 0,
               "START names Player1 and Player2");
    }
    h_hello(&H, 4, "Dan", PACKET_WANT_PLAY, NULL);
    h_hello(&H, 3, "Cat", PACKET_WANT_PLAY, NULL);
    w = h_last(&H, 4, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.seat == PACKET_SEAT_P1 && w->u.welcome.match_id == 2,
           "the next pair forms match 2, seated in HELLO order");
    w = h_last(&H, 3, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.seat == PACKET_SEAT_P2 && w->u.welcome.match_id == 2,
           "its second player is Player2");

    /* A waiting Player1 that drops frees the seat. */
    h_open(&H, 5);
    h_hello(&H, 5, "Eve", PACKET_WANT_PLAY, NULL);
    h_close(&H, 5);
    h_open(&H, 6);
    h_hello(&H, 6, "Fay", PACKET_WANT_PLAY, NULL);
    w = h_last(&H, 6, PACKET_WELCOME, 0);
    TAP_OK(w && w->u.welcome.seat == PACKET_SEAT_P1,
           "after a waiting Player1 left, the next is Player1");
    TAP_INT_EQ(h_count(&H, 6, PACKET_START, 0), 0, "and waits: no START with the one who left");
    {
        size_t mark = H.nsent;
        h_stone(&H, 6, 0, 7, 7);
        TAP_INT_EQ(reject_reason(6, mark), PACKET_REJECT_NO_GAME,
                   "a waiting player's MOVE: no game");
    }
    h_free(&H);
}

static void test_hello_rules(void)
{
    packet p;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_open(&H, 1);
    h_tick(&H, 9999);
    TAP_OK(!H.closed[1], "no drop before the HELLO timeout");
    h_tick(&H, 1);
    TAP_OK(H.closed[1], "dropped at the HELLO timeout");
    TAP_OK(h_last(&H, 1, PACKET_ERROR, 0) &&
               h_last(&H, 1, PACKET_ERROR, 0)->u.error.code == PACKET_CODE_HELLO_TIMEOUT,
           "with ERROR hello timeout");
    h_open(&H, 2);
    memset(&p, 0, sizeof p);
    p.type = PACKET_PING;
    packet_make_move(&p, 0, 0xFF, 0xFF, 1, 1, 0);
    h_send(&H, 2, &p);
    TAP_OK(H.closed[2] && h_last(&H, 2, PACKET_ERROR, 0)->u.error.code == PACKET_CODE_BAD_HELLO,
           "a MOVE before HELLO: ERROR bad hello and closed");
    h_open(&H, 3);
    h_hello(&H, 3, "x", PACKET_WANT_PLAY, NULL);
    h_hello(&H, 3, "x", PACKET_WANT_PLAY, NULL);
    TAP_OK(H.closed[3], "HELLO twice: closed");
    h_open(&H, 4);
    {
        uint8_t tok[PACKET_TOKEN_SIZE];
        memset(tok, 0xAB, sizeof tok);
        h_hello(&H, 4, "thief", PACKET_WANT_PLAY, tok);
    }
    TAP_OK(H.closed[4] && h_last(&H, 4, PACKET_ERROR, 0)->u.error.code == PACKET_CODE_BAD_TOKEN,
           "an unknown resume token: ERROR bad token");
    h_open(&H, 5);
    h_hello(&H, 5, "fan", PACKET_WANT_WATCH, NULL);
    TAP_OK(H.closed[5] && h_last(&H, 5, PACKET_ERROR, 0)->u.error.code == PACKET_CODE_NO_MATCH,
           "watching with no match: ERROR no match");
    h_free(&H);
}

static void test_moves(void)
{
    size_t mark;
    const packet *m;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    mark = H.nsent;
    h_stone(&H, 2, 0, 7, 7);
    TAP_INT_EQ(reject_reason(2, mark), PACKET_REJECT_NOT_YOUR_TURN, "Player2 first: not your turn");
    TAP_INT_EQ(h_count(&H, 1, PACKET_MOVE, mark), 0, "the reject goes to the sender only");
    h_stone(&H, 1, 1, 7, 7);
    TAP_INT_EQ(reject_reason(1, mark), PACKET_REJECT_WRONG_PLY, "wrong ply: REJECT wrong ply");
    h_stone(&H, 1, 0, 15, 7);
    TAP_INT_EQ(reject_reason(1, H.nsent - 1), PACKET_REJECT_ILLEGAL, "off the board: illegal");
    mark = H.nsent;
    h_stone(&H, 1, 0, 7, 7);
    m = h_last(&H, 2, PACKET_MOVE, mark);
    TAP_OK(m && m->u.move.ply == 0 && m->u.move.to_x == 7 && m->u.move.from_x == 0xFF,
           "an accepted move goes to the opponent");
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) != NULL, "and back to the mover");
    mark = H.nsent;
    h_stone(&H, 2, 1, 7, 7);
    TAP_INT_EQ(reject_reason(2, mark), PACKET_REJECT_ILLEGAL, "an occupied point: illegal");
    TAP_INT_EQ(h_count(&H, 1, PACKET_MOVE, mark), 0, "a rejected move is not relayed");
    h_move(&H, 2, 1, 1, 1, 7, 8, 0);
    TAP_INT_EQ(reject_reason(2, mark), PACKET_REJECT_MALFORMED,
               "a chess-shaped move in Gomoku: malformed");
    /* Play on to five: black a row on y=7, white on y=8. */
    for (int i = 1; i < 5; i++) {
        h_stone(&H, 2, (uint32_t)(2 * i - 1), i - 1, 8);
        h_stone(&H, 1, (uint32_t)(2 * i), 7 + i, 7);
    }
    m = h_last(&H, 2, PACKET_GAME_OVER, mark);
    TAP_OK(m && m->u.game_over.winner == 1 && m->u.game_over.reason == GAME_END_FIVE &&
               m->u.game_over.plies == 9,
           "five in a row: GAME_OVER, Player1 wins after 9 plies");
    TAP_INT_EQ(H.nrecords, 1, "the finished game is recorded");
    TAP_STR_EQ(H.record_ext, "sgf", "as SGF");
    TAP_OK(strstr(H.record, "GM[4]") && strstr(H.record, "PB[A]") && strstr(H.record, "PW[B]"),
           "with the game and player names");
    TAP_OK(strstr(H.record, ";B[hh]") || strstr(H.record, ";B[h"), "and the moves");
    TAP_INT_EQ(H.last_status, MATCH_FINISHED, "the directory hears the match finished");
    mark = H.nsent;
    h_stone(&H, 2, 9, 0, 0);
    TAP_INT_EQ(reject_reason(2, mark), PACKET_REJECT_NO_GAME, "a move after the end: no game");
    h_free(&H);
}

static void test_renju(void)
{
    size_t mark;
    h_init(&H, &game_gomoku_ops, GAME_RULE_RENJU, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    /* Black f8 g8 h9 h10, white far away; then h8 is a double three. */
    h_stone(&H, 1, 0, 5, 7);
    h_stone(&H, 2, 1, 0, 0);
    h_stone(&H, 1, 2, 6, 7);
    h_stone(&H, 2, 3, 0, 2);
    h_stone(&H, 1, 4, 7, 8);
    h_stone(&H, 2, 5, 0, 4);
    h_stone(&H, 1, 6, 7, 9);
    h_stone(&H, 2, 7, 14, 14);
    mark = H.nsent;
    h_stone(&H, 1, 8, 7, 7);
    TAP_INT_EQ(reject_reason(1, mark), PACKET_REJECT_FORBIDDEN,
               "Renju double three: REJECT forbidden (5)");
    TAP_INT_EQ(h_count(&H, 2, PACKET_MOVE, mark), 0, "and nothing relayed");
    h_stone(&H, 1, 8, 10, 10);
    TAP_OK(h_last(&H, 2, PACKET_MOVE, mark) != NULL, "the same ply with a legal point is accepted");
    h_free(&H);
}

static void test_resign_draw_rematch(void)
{
    size_t mark;
    const packet *p;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    h_stone(&H, 1, 0, 7, 7);
    mark = H.nsent;
    h_simple(&H, 2, PACKET_DRAW_OFFER, 1);
    TAP_OK(h_last(&H, 1, PACKET_DRAW_OFFER, mark) != NULL, "a draw offer reaches the opponent");
    h_simple(&H, 1, PACKET_DRAW_ANSWER, 0);
    p = h_last(&H, 2, PACKET_DRAW_ANSWER, mark);
    TAP_OK(p && p->u.answer.accept == 0, "a declined draw is told to the offerer");
    h_simple(&H, 1, PACKET_DRAW_ANSWER, 1);
    TAP_OK(h_last(&H, 1, PACKET_ERROR, mark) != NULL, "answering no offer: ERROR not allowed");
    TAP_INT_EQ(h_count(&H, 1, PACKET_GAME_OVER, mark), 0, "and the game goes on");
    h_simple(&H, 1, PACKET_DRAW_OFFER, 1);
    h_simple(&H, 2, PACKET_DRAW_ANSWER, 1);
    p = h_last(&H, 1, PACKET_GAME_OVER, mark);
    TAP_OK(p && p->u.game_over.winner == 0 && p->u.game_over.reason == GAME_END_DRAW_AGREED,
           "an accepted draw ends the game, drawn");
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_DRAW_AGREED,
           "recorded as agreed draw");

    /* Rematch: colours swap. */
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 2, PACKET_REMATCH_OFFER, mark) != NULL,
           "a rematch offer reaches the opponent");
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 1, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P2, "rematch: the old Player1 is now Player2");
    p = h_last(&H, 2, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P1, "and the old Player2 is Player1");
    p = h_last(&H, 1, PACKET_START, mark);
    TAP_OK(p && strcmp(p->u.start.player1, "B") == 0, "START names the new Player1");
    mark = H.nsent;
    h_stone(&H, 1, 0, 7, 7);
    TAP_INT_EQ(reject_reason(1, mark), PACKET_REJECT_NOT_YOUR_TURN,
               "the old Player1 no longer moves first");
    h_stone(&H, 2, 0, 7, 7);
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) != NULL, "the new Player1 does, at ply 0");
    mark = H.nsent;
    h_simple(&H, 1, PACKET_RESIGN, 1);
    p = h_last(&H, 2, PACKET_GAME_OVER, mark);
    TAP_OK(p && p->u.game_over.winner == 1 && p->u.game_over.reason == GAME_END_RESIGNATION,
           "resigning: the other seat wins by resignation");
    TAP_INT_EQ(H.nrecords, 2, "the second game is recorded too");
    h_free(&H);
}

static void test_spectator_and_chat(void)
{
    size_t mark;
    const packet *p;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    h_pair(&H, 3, "C", 4, "D");
    h_stone(&H, 1, 0, 7, 7);
    h_stone(&H, 2, 1, 8, 8);
    mark = H.nsent;
    h_open(&H, 9);
    {
        uint8_t tok[PACKET_TOKEN_SIZE] = {0, 0, 0, 1};
        h_hello(&H, 9, "fan", PACKET_WANT_WATCH, tok);
    }
    p = h_last(&H, 9, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_SPECTATOR && p->u.welcome.match_id == 1,
           "a named match (id in the token) is watched");
    p = h_last(&H, 9, PACKET_SYNC_BEGIN, mark);
    TAP_OK(p && p->u.sync.plies == 2, "SYNC_BEGIN announces the moves so far");
    TAP_INT_EQ(h_count(&H, 9, PACKET_MOVE, mark), 2, "the moves so far follow");
    TAP_OK(h_last(&H, 9, PACKET_SYNC_END, mark) != NULL, "then SYNC_END");
    mark = H.nsent;
    h_stone(&H, 1, 2, 6, 6);
    TAP_OK(h_last(&H, 9, PACKET_MOVE, mark) != NULL, "the spectator gets every new move");
    h_stone(&H, 9, 3, 1, 1);
    p = h_last(&H, 9, PACKET_ERROR, mark);
    TAP_OK(p && p->u.error.code == PACKET_CODE_NOT_ALLOWED, "a spectator cannot move");
    TAP_OK(!H.closed[9], "but stays");
    {
        packet c;
        memset(&c, 0, sizeof c);
        c.type = PACKET_CHAT;
        packet_set_string(c.u.chat.text, PACKET_CHAT_SIZE, "hello");
        h_send(&H, 2, &c);
    }
    p = h_last(&H, 9, PACKET_CHAT, mark);
    TAP_OK(p && p->u.chat.seat == 2 && strcmp(p->u.chat.text, "hello") == 0,
           "chat is relayed to the match with the sender's seat");
    TAP_INT_EQ(h_count(&H, 3, PACKET_CHAT, mark), 0, "and not to another match");
    mark = H.nsent;
    h_open(&H, 10);
    h_hello(&H, 10, "fan2", PACKET_WANT_WATCH, NULL);
    p = h_last(&H, 10, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.match_id == 2, "no name: the most recent running match");
    h_close(&H, 9);
    mark = H.nsent;
    h_stone(&H, 2, 3, 1, 1);
    TAP_INT_EQ(h_count(&H, 9, PACKET_MOVE, mark), 0, "a spectator that left gets nothing");
    h_free(&H);
}

static void test_drop_resume_grace(void)
{
    size_t mark;
    const packet *p;
    uint8_t tok[PACKET_TOKEN_SIZE];
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    memcpy(tok, h_last(&H, 2, PACKET_WELCOME, 0)->u.welcome.token, sizeof tok);
    h_stone(&H, 1, 0, 7, 7);
    h_stone(&H, 2, 1, 8, 8);
    h_stone(&H, 1, 2, 6, 6);
    mark = H.nsent;
    h_close(&H, 2);
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.seat == 2 && p->u.peer.status == 0 && p->u.peer.grace_ms == 60000,
           "the opponent is told at once, with the grace period");
    h_tick(&H, 30000);
    TAP_INT_EQ(h_count(&H, 1, PACKET_GAME_OVER, mark), 0, "the game waits within the grace period");
    h_open(&H, 3);
    h_hello(&H, 3, "B again", PACKET_WANT_PLAY, tok);
    p = h_last(&H, 3, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == 2 && p->u.welcome.match_id == 1 &&
               memcmp(p->u.welcome.token, tok, sizeof tok) == 0,
           "resume: the seat comes back");
    p = h_last(&H, 3, PACKET_SYNC_BEGIN, mark);
    TAP_OK(p && p->u.sync.plies == 3, "with the game so far");
    TAP_INT_EQ(h_count(&H, 3, PACKET_MOVE, mark), 3, "three moves replayed");
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.status == 1, "the opponent hears it is back");
    mark = H.nsent;
    h_stone(&H, 3, 3, 9, 9);
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) != NULL, "the resumed player moves on");

    /* Grace expiry. */
    mark = H.nsent;
    h_close(&H, 3);
    h_tick(&H, 59999);
    TAP_INT_EQ(h_count(&H, 1, PACKET_GAME_OVER, mark), 0, "not over a millisecond early");
    h_tick(&H, 1);
    p = h_last(&H, 1, PACKET_GAME_OVER, mark);
    TAP_OK(p && p->u.game_over.reason == GAME_END_OPPONENT_LEFT && p->u.game_over.winner == 1,
           "after the grace period: opponent left, the one who stayed wins");
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_OPPONENT_LEFT,
           "and it is recorded");
    h_open(&H, 4);
    h_hello(&H, 4, "late", PACKET_WANT_PLAY, tok);
    TAP_OK(H.closed[4] == 1,
           "a resume after the grace period is refused (the token expired with it)");
    h_close(&H, 1);
    h_close(&H, 4);
    TAP_INT_EQ(match_host_matches(H.host), 0, "a finished match with nobody left is gone");
    h_free(&H);
}

static void test_clock(void)
{
    size_t mark;
    const packet *p;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 60000, 2000);
    h_pair(&H, 1, "A", 2, "B");
    p = h_last(&H, 1, PACKET_CLOCK, 0);
    TAP_OK(p && p->u.clock.p1_ms == 60000 && p->u.clock.running == 1 &&
               p->u.clock.increment_ms == 2000,
           "START comes with the clock, Player1's running");
    H.now += 500;
    mark = H.nsent;
    h_stone(&H, 1, 0, 7, 7);
    p = h_last(&H, 2, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.p1_ms == 61500 && p->u.clock.p2_ms == 60000 && p->u.clock.running == 2,
           "after a move: time used, increment added, the other clock runs");
    TAP_INT_EQ(match_host_deadline(H.host), H.now + 60000, "the deadline is Player2's flag");
    mark = H.nsent;
    h_tick(&H, 59999);
    TAP_INT_EQ(h_count(&H, 1, PACKET_GAME_OVER, mark), 0, "no flag fall early");
    h_tick(&H, 1);
    p = h_last(&H, 1, PACKET_GAME_OVER, mark);
    TAP_OK(p && p->u.game_over.reason == GAME_END_TIME && p->u.game_over.winner == 1,
           "Player2's flag falls: Player1 wins on time");
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_TIME, "recorded as a time win");
    h_free(&H);
}

static void test_shutdown(void)
{
    const packet *p;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    h_stone(&H, 1, 0, 7, 7);
    h_open(&H, 3);
    h_hello(&H, 3, "waiting", PACKET_WANT_PLAY, NULL);
    lobby_shutdown(H.lobby);
    match_host_shutdown(H.host, H.now);
    p = h_last(&H, 1, PACKET_GAME_OVER, 0);
    TAP_OK(p && p->u.game_over.reason == GAME_END_ABORTED && p->u.game_over.winner == 0,
           "shutdown: GAME_OVER aborted");
    p = h_last(&H, 2, PACKET_ERROR, 0);
    TAP_OK(p && p->u.error.code == PACKET_CODE_SHUTDOWN && H.closed[2],
           "then ERROR shutdown and close");
    TAP_OK(H.closed[3] && h_last(&H, 3, PACKET_ERROR, 0)->u.error.code == PACKET_CODE_SHUTDOWN,
           "a waiting player is told too");
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_ABORTED,
           "the unfinished game is recorded as aborted");
    h_free(&H);
}

/* Each connection speaks the lower of its HELLO's version and the server's,
 * and its WELCOMEs (seating, resume, spectating, rematch) say so. */
static void test_versions(void)
{
    const packet *p;
    uint8_t tok[PACKET_TOKEN_SIZE];
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_open(&H, 1);
    h_open(&H, 2);
    h_hello_v(&H, 1, "old", PACKET_WANT_PLAY, NULL, 1);
    h_hello_v(&H, 2, "new", PACKET_WANT_PLAY, NULL, PACKET_VERSION);
    p = h_last(&H, 1, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.version == 1, "a version-1 player is welcomed in version 1");
    p = h_last(&H, 2, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.version == PACKET_VERSION, "a version-%d player in version %d",
           PACKET_VERSION, PACKET_VERSION);
    memcpy(tok, h_last(&H, 1, PACKET_WELCOME, 0)->u.welcome.token, sizeof tok);
    h_open(&H, 3);
    h_hello_v(&H, 3, "watcher", PACKET_WANT_WATCH, NULL, 1);
    p = h_last(&H, 3, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.version == 1 && p->u.welcome.seat == PACKET_SEAT_SPECTATOR,
           "a version-1 spectator is welcomed in version 1");
    h_close(&H, 1);
    h_open(&H, 4);
    h_hello_v(&H, 4, "old", PACKET_WANT_PLAY, tok, PACKET_VERSION);
    p = h_last(&H, 4, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.seat == 1 && p->u.welcome.version == PACKET_VERSION,
           "a seat resumed by a newer client speaks the newer version");
    h_simple(&H, 4, PACKET_RESIGN, 0);
    h_simple(&H, 4, PACKET_REMATCH_OFFER, 0);
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 2, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.seat == 1 && p->u.welcome.version == PACKET_VERSION,
           "a rematch's WELCOME keeps each seat's version");
    h_open(&H, 5);
    h_hello_v(&H, 5, "ancient", PACKET_WANT_PLAY, NULL, 0);
    TAP_OK(H.closed[5] == 1, "version 0 is refused");
    h_open(&H, 6);
    h_hello_v(&H, 6, "future", PACKET_WANT_WATCH, NULL, PACKET_VERSION + 1);
    p = h_last(&H, 6, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.version == PACKET_VERSION && H.closed[6] == 0,
           "a client of a newer version is welcomed in this one, not refused");
    h_free(&H);
}

/* A game restored after a restart: no clock runs until both players are
 * back (a move meanwhile costs nothing and earns no increment), then each
 * has its time plus the bonus; a pending draw offer comes back; a stop
 * with a game on tells everyone RESTARTING and keeps the game (no result,
 * no record). */
static void test_restore_and_suspend(void)
{
    match_restore r;
    game_move first;
    const packet *p;
    size_t mark;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 60000, 2000);
    H.cfg.restart_bonus_ms = 10000;
    h_restore_fill(&r, &first);
    r.offer[JOURNAL_OFFER_DRAW] = GAME_SIDE_P1;
    TAP_INT_EQ(match_host_restore(H.host, &r, H.now), 0, "a game restored from the journal");
    h_tick(&H, 30000); /* within the grace period, with both away */
    h_open(&H, 2);
    h_hello(&H, 2, "B", PACKET_WANT_PLAY, r.token[1]);
    p = h_last(&H, 2, PACKET_CLOCK, 0);
    TAP_OK(p && p->u.clock.running == 0 && p->u.clock.p1_ms == 51000 && p->u.clock.p2_ms == 62000,
           "Player2 back first, 30 s on: the clocks show the times plus the bonus, stopped");
    TAP_OK(h_last(&H, 2, PACKET_DRAW_OFFER, 0) != NULL, "and the pending draw offer comes back");
    h_tick(&H, 20000);
    h_stone(&H, 2, 1, 8, 8);
    p = h_last(&H, 2, PACKET_CLOCK, 0);
    TAP_OK(p && p->u.clock.running == 0 && p->u.clock.p2_ms == 62000,
           "a move while stopped costs no time and earns no increment");
    TAP_OK(H.journaled.kind == JOURNAL_MOVE && H.journaled.left_ms[0] == 41000 &&
               H.journaled.left_ms[1] == 52000,
           "it is journaled without the bonus, not earned yet (a crash now adds it once)");
    mark = H.nsent;
    h_tick(&H, 5000);
    h_open(&H, 1);
    h_hello(&H, 1, "A", PACKET_WANT_PLAY, r.token[0]);
    p = h_last(&H, 2, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.running == 1 && p->u.clock.p1_ms == 51000 && p->u.clock.p2_ms == 62000,
           "both back: the clocks go on from there");
    h_tick(&H, 3000);
    mark = H.nsent;
    match_host_suspend(H.host, H.now);
    p = h_last(&H, 2, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.running == 0 && p->u.clock.p1_ms == 48000,
           "a stop: the clocks stop where they are");
    TAP_OK(H.journaled.kind == JOURNAL_STOP && H.journaled.left_ms[0] == 48000 &&
               H.journaled.left_ms[1] == 62000,
           "and are journaled so (S), the bonus now earned");
    p = h_last(&H, 1, PACKET_RESTARTING, mark);
    TAP_OK(p && p->u.restarting.bonus_ms == 10000 && p->u.restarting.grace_ms == 60000,
           "RESTARTING with the bonus and the grace period");
    TAP_OK(h_last(&H, 2, PACKET_ERROR, mark) && H.closed[1] && H.closed[2],
           "then ERROR shutdown and a close");
    TAP_INT_EQ(h_count(&H, 1, PACKET_GAME_OVER, mark) + (long)H.nrecords, 0,
               "no result and no record: the game is kept");
    TAP_INT_EQ(match_host_matches(H.host), 0, "and gone from the host");
    h_free(&H);
    /* Stopped again before anyone came back: the bonus is not doubled. */
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 60000, 2000);
    H.cfg.restart_bonus_ms = 10000;
    match_host_restore(H.host, &r, H.now);
    h_tick(&H, 1000);
    match_host_suspend(H.host, H.now);
    TAP_OK(H.journaled.kind == JOURNAL_STOP && H.journaled.left_ms[0] == 41000 &&
               H.journaled.left_ms[1] == 52000,
           "a restored game stopped again before both are back keeps its times without the bonus");
    h_free(&H);
}

/* A move's INFO line is formatted only where the sink logs INFO (log_on);
 * the move itself is the same either way. */
static void test_log_gate(void)
{
    size_t mark, n;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    mark = H.nsent;
    n = H.nlog;
    h_stone(&H, 1, 0, 7, 7);
    TAP_OK(H.nlog > n && strstr(H.last_log, "ply 0 Player1 h8") != NULL,
           "a move is logged at INFO with its text: %s", H.last_log);
    TAP_OK(h_last(&H, 2, PACKET_MOVE, mark) && h_last(&H, 1, PACKET_MOVE, mark),
           "and relayed to both");
    H.quiet = 1;
    mark = H.nsent;
    n = H.nlog;
    h_stone(&H, 2, 1, 8, 8);
    TAP_INT_EQ(H.nlog, n, "a sink that drops INFO gets no line for a move");
    TAP_OK(h_last(&H, 1, PACKET_MOVE, mark) && h_last(&H, 2, PACKET_MOVE, mark),
           "the move is relayed to both all the same");
    TAP_OK(H.journaled.kind == JOURNAL_MOVE && H.journaled.ply == 1 && H.journaled.move.to_x == 8,
           "and journaled");
    n = H.nlog;
    logic_logf(&H.sink, LOG_INFO, "not %s", "logged");
    TAP_INT_EQ(H.nlog, n, "logic_logf honours log_on");
    logic_logf(&H.sink, LOG_WARN, "a %s", "warning");
    TAP_OK(H.nlog == n + 1 && strcmp(H.last_log, "a warning") == 0,
           "and logs what it lets through");
    TAP_OK(!logic_log_on(&H.sink, LOG_INFO) && logic_log_on(&H.sink, LOG_ERROR),
           "logic_log_on says what log_on says");
    H.sink.log_on = NULL;
    TAP_OK(logic_log_on(&H.sink, LOG_DEBUG), "without log_on every level is logged");
    h_free(&H);
}

int main(void)
{
    test_seating();
    test_hello_rules();
    test_moves();
    test_renju();
    test_resign_draw_rematch();
    test_spectator_and_chat();
    test_drop_resume_grace();
    test_clock();
    test_shutdown();
    test_versions();
    test_restore_and_suspend();
    test_log_gate();
    return tap_done();
}
