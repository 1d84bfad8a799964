/* test_client.c: the client state machine against recorded server byte
 * streams, whole, byte by byte and split at every point; intents, REJECT,
 * GAME_OVER, rematch, resume with SYNC, spectators and protocol errors.
 * The streams' frames of HELLO, WELCOME, START, MOVE, REJECT and GAME_OVER
 * are written byte by byte from the protocol's tables, independently of
 * the codec; the other types go through packet_encode. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "client_coord.h"
#include "fake_game.h"
#include "packet.h"
#include "tap.h"

typedef struct bytes {
    uint8_t b[8192];
    size_t n;
} bytes;

static void u8(bytes *s, unsigned v)
{
    s->b[s->n++] = (uint8_t)v;
}
static void u16(bytes *s, unsigned v)
{
    u8(s, v >> 8);
    u8(s, v & 0xFF);
}
static void u32(bytes *s, unsigned long v)
{
    u16(s, (unsigned)(v >> 16));
    u16(s, (unsigned)(v & 0xFFFF));
}
static void header(bytes *s, unsigned size, unsigned type)
{
    u16(s, size);
    u8(s, type);
    u8(s, 0);
}
static void str(bytes *s, const char *text, size_t field)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < field; i++)
        u8(s, i < len ? (uint8_t)text[i] : 0);
}

static const uint8_t TOKEN[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

static void welcome(bytes *s, unsigned seat, unsigned size, unsigned long match, const uint8_t *tok)
{
    header(s, 32, 0x02);
    u16(s, 1);
    u8(s, 1); /* game */
    u8(s, 0); /* rule */
    u8(s, size);
    u8(s, size);
    u8(s, seat);
    u8(s, 0);
    u32(s, match);
    for (int i = 0; i < 16; i++)
        u8(s, tok ? tok[i] : 0);
}
static void start(bytes *s, const char *p1, const char *p2)
{
    header(s, 56, 0x03);
    u32(s, 0);
    str(s, p1, 24);
    str(s, p2, 24);
}
static void move(bytes *s, unsigned long ply, unsigned x, unsigned y)
{
    header(s, 16, 0x10);
    u32(s, ply);
    u8(s, 0xFF);
    u8(s, 0xFF);
    u8(s, x);
    u8(s, y);
    u8(s, 0);
    u8(s, 0);
    u8(s, 0);
    u8(s, 0);
}
static void reject(bytes *s, unsigned long ply, unsigned reason)
{
    header(s, 12, 0x11);
    u32(s, ply);
    u8(s, reason);
    u8(s, 0);
    u8(s, 0);
    u8(s, 0);
}
static void game_over(bytes *s, unsigned winner, unsigned reason, unsigned long plies)
{
    header(s, 12, 0x20);
    u8(s, winner);
    u8(s, reason);
    u8(s, 0);
    u8(s, 0);
    u32(s, plies);
}
static void encoded(bytes *s, const packet *p)
{
    int n = packet_encode(p, s->b + s->n, sizeof s->b - s->n);
    if (n > 0)
        s->n += (size_t)n;
    else
        tap_diag("packet_encode failed: %d", n);
}
static void ply_packet(bytes *s, packet_type type, uint32_t ply)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    p.u.ply.ply = ply;
    encoded(s, &p);
}
static void answer_packet(bytes *s, packet_type type, int accept)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    p.u.answer.accept = (uint8_t)accept;
    encoded(s, &p);
}

static client *new_client(const char *name, int watch)
{
    client_config cfg = {name, watch, fake_lookup};
    client *c = client_create(&cfg);
    client_connected(c);
    client_output_consume(c, (size_t)-1);
    return c;
}

/* All events' lines, joined with '|'. */
static void drain(client *c, char *out, size_t cap)
{
    client_event ev;
    size_t n = 0;
    out[0] = 0;
    while (client_next_event(c, &ev)) {
        char line[256];
        client_event_describe(c, &ev, line, sizeof line);
        n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? "|" : "", line);
    }
}

/* The output as packets; returns how many, first one in *first. */
static int output_packets(client *c, packet *first, packet_type *types, int cap)
{
    size_t len, off = 0;
    const uint8_t *out = client_output(c, &len);
    int count = 0;
    while (off + 4 <= len) {
        size_t size = ((size_t)out[off] << 8) | out[off + 1];
        packet p;
        if (size < 4 || off + size > len || packet_decode(out + off, size, &p) != PACKET_OK)
            return -1;
        if (count == 0 && first)
            *first = p;
        if (count < cap)
            types[count] = p.type;
        count++;
        off += size;
    }
    client_output_consume(c, len);
    return off == len ? count : -1;
}

static void build_game_stream(bytes *s)
{
    welcome(s, 1, 9, 7, TOKEN);
    start(s, "alice", "bob");
    move(s, 0, 2, 2);
    move(s, 1, 3, 3);
    reject(s, 2, 1);
    move(s, 2, 4, 4);
    game_over(s, 1, 1, 3);
}

static const char *GAME_LINES =
    "seated as Player1 (red) in match 7: stones 9x9 freestyle"
    "|game starts: alice (red) vs bob (blue), you are red"
    "|you moved c3|opponent moved d4|your move was rejected: not your turn|you moved e5"
    "|game over: red wins by five in a row (you win)";

static void test_hello(void)
{
    client_config cfg = {"alice", 0, fake_lookup};
    client *c = client_create(&cfg);
    size_t len;
    const uint8_t *out;
    static const uint8_t head[] = {0x00,           0x34, 0x01, 0x00, 'M', 'B', 'R', 'D', 0x00,
                                   PACKET_VERSION, 0x00, 0x00, 'a',  'l', 'i', 'c', 'e', 0};
    TAP_INT_EQ(client_get_state(c), CLIENT_OFFLINE, "a new client is offline");
    client_connected(c);
    out = client_output(c, &len);
    TAP_INT_EQ(len, 52, "HELLO is 52 bytes");
    TAP_OK(memcmp(out, head, sizeof head) == 0, "HELLO: header, magic, this version, play, name");
    TAP_OK(out[36] == 0 && out[51] == 0, "HELLO: no resume token on a first connection");
    TAP_INT_EQ(client_get_state(c), CLIENT_HELLO_SENT, "waiting for WELCOME");
    client_destroy(c);
}

static void test_splits(void)
{
    bytes s = {{0}, 0};
    char lines[2048];
    int all_same = 1;
    build_game_stream(&s);

    /* The client's own move intents interleave with the server's bytes, so
     * replay the stream with the intents between them: whole first. */
    client *c = new_client("alice", 0);
    client_feed(c, s.b, 32 + 56);
    TAP_INT_EQ(client_get_state(c), CLIENT_PLAYING, "WELCOME + START: playing");
    TAP_OK(client_my_turn(c), "Player1 moves first");
    {
        game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, 2, 2, 0};
        packet p;
        packet_type t[4] = {0};
        TAP_INT_EQ(client_send_move(c, &m), CLIENT_OK, "a move intent is accepted");
        TAP_INT_EQ(client_send_move(c, &m), CLIENT_ERR_PENDING, "a second one waits for the first");
        TAP_OK(!client_my_turn(c), "not our turn while the move is pending");
        TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 0, "the intent does not change the game");
        TAP_INT_EQ(output_packets(c, &p, t, 4), 1, "one packet out");
        TAP_OK(p.type == PACKET_MOVE && p.u.move.ply == 0 && p.u.move.to_x == 2 &&
                   p.u.move.from_x == 0xFF,
               "it is MOVE ply 0 to c3");
    }
    client_feed(c, s.b + 88, 16);
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 1, "the confirmed move is played");
    TAP_OK(!client_move_pending(c), "confirmation clears the pending move");
    client_feed(c, s.b + 104, 16 + 12);
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 2, "a REJECT changes nothing");
    client_feed(c, s.b + 132, s.n - 132);
    TAP_INT_EQ(client_get_state(c), CLIENT_GAME_OVER, "GAME_OVER ends the game");
    TAP_STR_EQ(client_score_str(client_last_result(c)), "1-0", "score 1-0");
    TAP_STR_EQ(client_reason_word(client_last_result(c).reason), "five", "reason word five");
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(lines, GAME_LINES, "the events, as lines");
    client_destroy(c);

    /* Byte by byte, and cut in two at every point: the same events. */
    c = new_client("alice", 0);
    for (size_t i = 0; i < s.n; i++)
        client_feed(c, s.b + i, 1);
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(lines, GAME_LINES, "fed one byte at a time: the same events");
    client_destroy(c);
    for (size_t cut = 0; cut <= s.n; cut++) {
        c = new_client("alice", 0);
        client_feed(c, s.b, cut);
        client_feed(c, s.b + cut, s.n - cut);
        drain(c, lines, sizeof lines);
        if (strcmp(lines, GAME_LINES) != 0) {
            tap_diag("cut at %zu: %s", cut, lines);
            all_same = 0;
        }
        client_destroy(c);
    }
    TAP_OK(all_same, "cut in two at each of %zu points: the same events", s.n + 1);
}

static void test_protocol_errors(void)
{
    bytes s = {{0}, 0};
    char lines[1024];
    client *c = new_client("x", 0);
    welcome(&s, 2, 9, 1, TOKEN);
    start(&s, "a", "b");
    move(&s, 1, 0, 0); /* ply 1 where ply 0 is due */
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "a move for the wrong ply fails the client");
    TAP_INT_EQ(client_get_state(c), CLIENT_FAILED, "state failed");
    drain(c, lines, sizeof lines);
    TAP_OK(strstr(lines, "protocol error: server sent the move of ply 1, expected ply 0") != NULL,
           "says which ply: %s", lines);
    client_destroy(c);

    c = new_client("x", 0);
    s.n = 0;
    welcome(&s, 2, 9, 1, TOKEN);
    start(&s, "a", "b");
    move(&s, 0, 0, 0);
    move(&s, 1, 0, 0); /* occupied */
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "a move the rules refuse fails the client");
    drain(c, lines, sizeof lines);
    TAP_OK(strstr(lines, "a1") && strstr(lines, "occupied"), "names the move and why: %s", lines);
    client_destroy(c);

    c = new_client("x", 0);
    s.n = 0;
    header(&s, 8, 0x7E); /* unknown type */
    u32(&s, 0);
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "an unknown packet type fails the client");
    {
        client_event ev;
        TAP_OK(client_next_event(c, &ev) && ev.type == CLIENT_EV_PROTOCOL_ERROR &&
                   ev.u.protocol_error.packet_error == PACKET_ERR_UNKNOWN_TYPE,
               "with the codec's error");
    }
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "and stays failed");
    client_destroy(c);

    c = new_client("x", 0);
    s.n = 0;
    welcome(&s, 1, 9, 1, NULL);
    s.b[5] = PACKET_VERSION + 1; /* a version it does not speak */
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "a WELCOME of a version it does not speak fails");
    client_destroy(c);

    /* A version-1 server (the fake's WELCOME says 1), a version-2 and a
     * version-3 one. */
    for (uint8_t v = 1; v <= 3; v++) {
        c = new_client("x", 0);
        TAP_INT_EQ(client_protocol_version(c), 0, "no protocol version before WELCOME");
        s.n = 0;
        welcome(&s, 1, 9, 1, NULL);
        s.b[5] = v;
        TAP_INT_EQ(client_feed(c, s.b, s.n), 0, "a version-%u WELCOME is taken", v);
        TAP_INT_EQ(client_protocol_version(c), v, "the connection speaks version %u", v);
        client_destroy(c);
    }

    c = new_client("x", 0);
    s.n = 0;
    welcome(&s, 1, 30, 1, NULL); /* 30x30: this game cannot */
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "a game the client cannot play fails");
    client_destroy(c);

    c = new_client("x", 0);
    s.n = 0;
    move(&s, 0, 0, 0);
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "a MOVE before WELCOME fails");
    client_destroy(c);
}

static void test_resume(void)
{
    bytes s = {{0}, 0};
    char lines[1024];
    size_t len;
    const uint8_t *out;
    client *c = new_client("bob", 0);
    welcome(&s, 2, 9, 42, TOKEN);
    start(&s, "alice", "bob");
    move(&s, 0, 1, 1);
    move(&s, 1, 2, 1);
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_OK(client_has_token(c), "the seat's token is kept");
    TAP_INT_EQ(client_connection_lost(c), 1, "a dropped game can be resumed");
    TAP_INT_EQ(client_get_state(c), CLIENT_OFFLINE, "offline after the drop");
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 2, "the game is kept");

    client_connected(c);
    out = client_output(c, &len);
    TAP_OK(len == 52 && memcmp(out + 36, TOKEN, 16) == 0, "the new HELLO carries the token");
    client_output_consume(c, len);

    s.n = 0;
    welcome(&s, 2, 9, 42, TOKEN);
    ply_packet(&s, PACKET_SYNC_BEGIN, 3);
    move(&s, 0, 1, 1);
    move(&s, 1, 2, 1);
    move(&s, 2, 5, 5); /* played while we were away */
    ply_packet(&s, PACKET_SYNC_END, 3);
    move(&s, 3, 6, 6);
    for (size_t i = 0; i < s.n; i += 5)
        client_feed(c, s.b + i, s.n - i < 5 ? s.n - i : 5);
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(lines,
               "resumed as Player2 (blue) in match 42: stones 9x9 freestyle|game restored: 3 "
               "moves|you moved g7",
               "WELCOME, one SYNCED for the replayed moves, then live moves");
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 4, "the game is rebuilt and goes on");
    TAP_INT_EQ(client_get_state(c), CLIENT_PLAYING, "playing again");

    /* A SYNC whose count disagrees with its moves is an error. */
    client_connection_lost(c);
    client_connected(c);
    client_output_consume(c, 1000);
    s.n = 0;
    welcome(&s, 2, 9, 42, TOKEN);
    ply_packet(&s, PACKET_SYNC_BEGIN, 2);
    move(&s, 0, 1, 1);
    ply_packet(&s, PACKET_SYNC_END, 1);
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "SYNC_END after fewer moves than announced fails");
    client_destroy(c);

    /* A refused token: the client forgets it. */
    c = new_client("bob", 0);
    s.n = 0;
    welcome(&s, 2, 9, 42, TOKEN);
    client_feed(c, s.b, s.n);
    {
        packet p;
        memset(&p, 0, sizeof p);
        packet_make_error(&p, PACKET_CODE_BAD_TOKEN, "unknown token");
        s.n = 0;
        encoded(&s, &p);
    }
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_OK(strstr(lines, "server error 5: unknown token") != NULL, "ERROR is surfaced: %s", lines);
    TAP_OK(!client_has_token(c), "a refused token is forgotten");
    client_destroy(c);
}

static void test_spectator(void)
{
    bytes s = {{0}, 0};
    char lines[1024];
    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, 0, 0, 0};
    client *c = new_client("eve", 1);
    welcome(&s, 3, 9, 5, NULL);
    start(&s, "alice", "bob");
    ply_packet(&s, PACKET_SYNC_BEGIN, 1);
    move(&s, 0, 4, 4);
    ply_packet(&s, PACKET_SYNC_END, 1);
    move(&s, 1, 4, 5);
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(lines,
               "watching match 5: stones 9x9 freestyle|game starts: alice (red) vs bob (blue), "
               "you are spectator|game restored: 1 moves|blue moved e6",
               "a spectator sees the game so far and every move after");
    TAP_INT_EQ(client_send_move(c, &m), CLIENT_ERR_SPECTATOR, "a spectator cannot move");
    TAP_INT_EQ(client_resign(c), CLIENT_ERR_SPECTATOR, "nor resign");
    client_destroy(c);
}

static void opening_state(bytes *s, unsigned step, unsigned actor, unsigned long ply)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_OPENING_STATE;
    p.u.opening.rule = 2; /* swap2 */
    p.u.opening.step = (uint8_t)step;
    p.u.opening.actor = (uint8_t)actor;
    p.u.opening.area = PACKET_OPENING_ANYWHERE;
    p.u.opening.ply = (uint32_t)ply;
    if (step == 2)
        p.u.opening.choices = 0x1C; /* black, white, place two */
    memset(p.u.opening.points, 0xFF, sizeof p.u.opening.points);
    encoded(s, &p);
}

/* A game with an opening rule (protocol version 2): OPENING_STATE before
 * START, steps only from the seat named, stale states never acted on, a
 * WELCOME that exchanges the seats mid-game. */
static void test_opening(void)
{
    bytes s = {{0}, 0};
    char lines[1024];
    packet first;
    packet_type types[4];
    packet_opening_action a;
    client *c = new_client("alice", 0);
    welcome(&s, 1, 9, 7, TOKEN);
    s.b[5] = 2; /* WELCOME version 2 */
    opening_state(&s, 1, 1, 0);
    start(&s, "alice", "bob");
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(
        lines,
        "seated as Player1 (red) in match 7: stones 9x9 freestyle|opening swap2: Player1 (you) "
        "must place|game starts: alice (red) vs bob (blue), you are red",
        "the opening is told before the game starts");
    TAP_OK(client_in_opening(c) && client_my_turn(c), "Player1 opens");
    memset(&a, 0, sizeof a);
    a.step = 1;
    memset(a.points, 0xFF, sizeof a.points);
    a.points[0] = a.points[1] = 4;
    TAP_INT_EQ(client_send_opening(c, &a), CLIENT_OK, "a step is sent");
    TAP_OK(output_packets(c, &first, types, 4) == 1 && first.type == PACKET_OPENING_ACTION &&
               first.u.opening_action.ply == 0 && first.u.opening_action.points[0] == 4,
           "as OPENING_ACTION with the ply");
    TAP_INT_EQ(client_send_opening(c, &a), CLIENT_ERR_PENDING, "one step at a time");
    s.n = 0;
    move(&s, 0, 4, 4);
    client_feed(c, s.b, s.n);
    TAP_OK(!client_my_turn(c), "the stone is confirmed, but the state is older than the board");
    s.n = 0;
    opening_state(&s, 2, 2, 1);
    client_feed(c, s.b, s.n);
    TAP_OK(client_in_opening(c) && !client_my_turn(c), "the opponent's choice now");
    s.n = 0;
    welcome(&s, 2, 9, 7, TOKEN);
    s.b[5] = 2;
    start(&s, "bob", "alice");
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_INT_EQ(client_get_state(c), CLIENT_PLAYING, "a WELCOME mid-game is an exchange of seats");
    TAP_INT_EQ(client_seat(c), PACKET_SEAT_P2, "alice is Player2 now");
    TAP_OK(!client_my_turn(c), "the old state (actor Player2) is not acted on");
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 1, "the game stands");
    s.n = 0;
    opening_state(&s, 0, 0, 1);
    client_feed(c, s.b, s.n);
    TAP_OK(!client_in_opening(c) && client_my_turn(c), "the opening is over: white (alice) moves");
    TAP_INT_EQ(client_send_opening(c, &a), CLIENT_ERR_STATE, "no opening step any more");
    client_destroy(c);
}

/* Takebacks (protocol version 2): a request is an event, TAKEBACK undoes
 * the game, and the intents need a version-2 server. */
static void test_takeback(void)
{
    bytes s = {{0}, 0};
    char lines[1024];
    packet p;
    client *c = new_client("alice", 0);
    welcome(&s, 1, 9, 7, TOKEN);
    s.b[5] = 2;
    start(&s, "alice", "bob");
    move(&s, 0, 4, 4);
    move(&s, 1, 4, 5);
    memset(&p, 0, sizeof p);
    p.type = PACKET_TAKEBACK_OFFER;
    p.u.takeback_offer.plies = 1;
    encoded(&s, &p);
    memset(&p, 0, sizeof p);
    p.type = PACKET_TAKEBACK;
    p.u.takeback.plies = 2;
    p.u.takeback.ply = 0;
    encoded(&s, &p);
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_OK(strstr(lines, "opponent asks to take back 1 move|2 moves taken back: 0 moves stand") !=
               NULL,
           "a request and a takeback are events: %s", lines);
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 0, "the game is undone to ply 0");
    TAP_INT_EQ(client_offer_takeback(c, 3), CLIENT_ERR_ARG, "1 or 2 moves only");
    TAP_INT_EQ(client_offer_takeback(c, 1), CLIENT_OK, "a request is queued");
    client_destroy(c);
    c = new_client("alice", 0);
    s.n = 0;
    welcome(&s, 1, 9, 7, TOKEN);
    start(&s, "alice", "bob");
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_offer_takeback(c, 1), CLIENT_ERR_STATE, "not with a version-1 server");
    client_destroy(c);
}

static void test_rematch_and_extras(void)
{
    bytes s = {{0}, 0};
    char lines[2048];
    packet p = {0};
    packet_type t[4] = {0};
    client *c = new_client("alice", 0);
    welcome(&s, 1, 9, 3, TOKEN);
    start(&s, "alice", "bob");
    ply_packet(&s, PACKET_DRAW_OFFER, 0);
    answer_packet(&s, PACKET_DRAW_ANSWER, 0);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_offer_rematch(c), CLIENT_ERR_STATE, "no rematch while playing");
    TAP_INT_EQ(client_answer_draw(c, 0), CLIENT_OK, "a draw offer can be answered");
    TAP_INT_EQ(client_chat(c, "hello there"), CLIENT_OK, "chat");
    TAP_INT_EQ(output_packets(c, &p, t, 4), 2, "two packets out");
    TAP_OK(t[0] == PACKET_DRAW_ANSWER && p.u.answer.accept == 0 && t[1] == PACKET_CHAT,
           "DRAW_ANSWER decline, then CHAT");
    {
        char big[200];
        memset(big, 'x', sizeof big - 1);
        big[sizeof big - 1] = 0;
        TAP_INT_EQ(client_chat(c, big), CLIENT_ERR_ARG, "a chat text too long is refused");
    }
    TAP_INT_EQ(client_resign(c), CLIENT_OK, "resign");
    TAP_INT_EQ(output_packets(c, &p, t, 4), 1, "one packet");
    TAP_OK(p.type == PACKET_RESIGN && p.u.ply.ply == 0, "RESIGN at ply 0");

    s.n = 0;
    game_over(&s, 2, 4, 0);
    ply_packet(&s, PACKET_REMATCH_OFFER, 0);
    {
        packet q;
        memset(&q, 0, sizeof q);
        q.type = PACKET_PING;
        q.u.ping.stamp = UINT64_C(0x0102030405060708);
        encoded(&s, &q);
        memset(&q, 0, sizeof q);
        q.type = PACKET_PEER_STATUS;
        q.u.peer.seat = 2;
        q.u.peer.status = 0;
        q.u.peer.grace_ms = 60000;
        encoded(&s, &q);
        q.u.peer.status = PACKET_PEER_NOT_BACK;
        q.u.peer.grace_ms = 40000;
        encoded(&s, &q);
        memset(&q, 0, sizeof q);
        q.type = PACKET_CHAT;
        q.u.chat.seat = 2;
        packet_set_string(q.u.chat.text, sizeof q.u.chat.text, "gg \xec\x95\x88\xeb\x85\x95");
        encoded(&s, &q);
    }
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(lines,
               "seated as Player1 (red) in match 3: stones 9x9 freestyle|"
               "game starts: alice (red) vs bob (blue), you are red|opponent offers a draw|draw "
               "declined|game over: blue wins by resignation (you lose)|opponent offers a "
               "rematch|blue dropped (60 s to return)|the server restarted; blue has not "
               "reconnected yet (40 s to return)|chat from blue: gg \xec\x95\x88\xeb\x85\x95",
               "draw, resignation, rematch offer, peer statuses and UTF-8 chat events");
    TAP_STR_EQ(client_score_str(client_last_result(c)), "0-1", "score 0-1");
    TAP_INT_EQ(output_packets(c, &p, t, 4), 1, "PING is answered at once");
    TAP_OK(p.type == PACKET_PONG && p.u.ping.stamp == UINT64_C(0x0102030405060708),
           "PONG echoes the stamp");
    TAP_INT_EQ(client_answer_rematch(c, 1), CLIENT_OK, "accept the rematch");
    TAP_INT_EQ(output_packets(c, &p, t, 4), 1, "one packet");
    TAP_OK(p.type == PACKET_REMATCH_ANSWER && p.u.answer.accept == 1, "REMATCH_ANSWER accept");

    s.n = 0;
    start(&s, "bob", "alice");
    move(&s, 0, 0, 0);
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_STR_EQ(lines, "game starts: bob (red) vs alice (blue), you are blue|opponent moved a1",
               "the rematch swaps the seats");
    TAP_INT_EQ(client_side(c), GAME_SIDE_P2, "now Player2");
    TAP_OK(client_my_turn(c), "and to move after Player1's first move");

    /* Rematch with a WELCOME that names the seat: the WELCOME wins. */
    s.n = 0;
    game_over(&s, 0, 7, 1);
    welcome(&s, 2, 9, 3, TOKEN);
    start(&s, "bob", "alice");
    client_feed(c, s.b, s.n);
    drain(c, lines, sizeof lines);
    TAP_INT_EQ(client_side(c), GAME_SIDE_P2, "a WELCOME before START sets the seat");
    TAP_OK(strstr(lines, "game over: draw by draw agreed") != NULL, "a draw: %s", lines);
    TAP_INT_EQ(client_ops(c)->ply(client_game(c)), 0, "the new game starts empty");
    client_destroy(c);
}

static void clock_packet(bytes *s, uint32_t p1, uint32_t p2, uint8_t running)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK;
    p.u.clock.p1_ms = p1;
    p.u.clock.p2_ms = p2;
    p.u.clock.running = running;
    p.u.clock.increment_ms = 2000;
    encoded(s, &p);
}

static void delay_packet(bytes *s, uint8_t kind, uint32_t delay, uint32_t left)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK_DELAY;
    p.u.clock_delay.kind = kind;
    p.u.clock_delay.delay_ms = delay;
    p.u.clock_delay.left_ms = left;
    encoded(s, &p);
}

/* The next CLOCK event's clock (zeroed when there is none). */
static client_clock next_clock(client *c)
{
    client_event ev;
    client_clock none;
    while (client_next_event(c, &ev))
        if (ev.type == CLIENT_EV_CLOCK)
            return ev.u.clock;
    memset(&none, 0, sizeof none);
    return none;
}

/* A delay clock (version 3): the CLOCK_DELAY before a CLOCK completes it,
 * a CLOCK alone has no delay; a CLOCK_DELAY of a bad kind fails the client
 * as any bad packet, with the game kept for a resume. */
static void test_clock_delay(void)
{
    bytes s = {{0}, 0};
    char line[160];
    client_event ev;
    client_clock k;
    client *c = new_client("alice", 0);
    welcome(&s, 1, 9, 3, TOKEN);
    s.b[5] = 3; /* a version-3 server */
    start(&s, "alice", "bob");
    delay_packet(&s, PACKET_DELAY_SIMPLE, 3000, 1750);
    clock_packet(&s, 60000, 59000, 1);
    TAP_INT_EQ(client_feed(c, s.b, s.n), 0, "CLOCK_DELAY and CLOCK are taken");
    k = next_clock(c);
    TAP_OK(k.p1_ms == 60000 && k.p2_ms == 59000 && k.running == 1 && k.increment_ms == 2000 &&
               k.delay_kind == PACKET_DELAY_SIMPLE && k.delay_ms == 3000 && k.delay_left_ms == 1750,
           "one CLOCK event with the times and the delay");
    memset(&ev, 0, sizeof ev);
    ev.type = CLIENT_EV_CLOCK;
    ev.u.clock = k;
    client_event_describe(c, &ev, line, sizeof line);
    TAP_STR_EQ(line, "clock: red 1:00.000, blue 0:59.000; +2 s, delay 3 s, 1.75 s left",
               "the bot's line names the delay and what is left");
    s.n = 0;
    clock_packet(&s, 60000, 59000, 2);
    client_feed(c, s.b, s.n);
    k = next_clock(c);
    TAP_OK(k.running == 2 && k.delay_kind == 0 && k.delay_ms == 0 && k.delay_left_ms == 0,
           "a CLOCK alone: no delay");
    ev.u.clock = k;
    client_event_describe(c, &ev, line, sizeof line);
    TAP_STR_EQ(line, "clock: red 1:00.000, blue 0:59.000", "and the line as before");
    s.n = 0;
    delay_packet(&s, PACKET_DELAY_BRONSTEIN, 5000, 5000);
    clock_packet(&s, 60000, 59000, 1);
    client_feed(c, s.b, s.n);
    k = next_clock(c);
    TAP_OK(k.delay_kind == PACKET_DELAY_BRONSTEIN && k.delay_ms == 5000 && k.delay_left_ms == 5000,
           "a Bronstein delay");

    s.n = 0;
    delay_packet(&s, PACKET_DELAY_SIMPLE, 3000, 3000);
    s.b[4] = 3; /* kind 3 */
    clock_packet(&s, 60000, 59000, 1);
    TAP_INT_EQ(client_feed(c, s.b, s.n), -1, "a CLOCK_DELAY of kind 3 fails the client");
    TAP_OK(client_next_event(c, &ev) && ev.type == CLIENT_EV_PROTOCOL_ERROR &&
               ev.u.protocol_error.packet_error == PACKET_ERR_BAD_ENUM &&
               strstr(ev.u.protocol_error.text, "CLOCK_DELAY") &&
               strstr(ev.u.protocol_error.text, "out of range"),
           "with a clear error: %s", ev.u.protocol_error.text);
    TAP_OK(client_game(c) != NULL && client_has_token(c), "the game and the token are kept");
    client_destroy(c);
}

/* Match 3 as alice (Player1) saw it, resigned at ply 0; resumed: with
 * an empty SYNC. */
static void finished_game(bytes *s, int resumed)
{
    welcome(s, 1, 9, 3, TOKEN);
    start(s, "alice", "bob");
    if (resumed) {
        ply_packet(s, PACKET_SYNC_BEGIN, 0);
        ply_packet(s, PACKET_SYNC_END, 0);
    }
    game_over(s, 2, 4, 0);
}

/* A finished game whose rematch offer waits for its answer is resumable
 * (the server keeps it across a crash); without an offer, or once the
 * opponent left for good, it is not. */
static void test_rematch_resume(void)
{
    bytes s = {{0}, 0};
    char lines[2048];
    packet p = {0};
    packet_type t[4] = {0};
    client *c = new_client("alice", 0);
    finished_game(&s, 0);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_connection_lost(c), 0, "a finished game without an offer: nothing to resume");
    client_destroy(c);

    c = new_client("alice", 0);
    client_feed(c, s.b, s.n);
    s.n = 0;
    ply_packet(&s, PACKET_REMATCH_OFFER, 0);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_connection_lost(c), 1, "the opponent's rematch offer pending: resumable");
    client_connected(c);
    client_output_consume(c, 1000);
    s.n = 0;
    finished_game(&s, 1);
    ply_packet(&s, PACKET_REMATCH_OFFER, 0);
    TAP_INT_EQ(client_feed(c, s.b, s.n), 0, "the resume of a finished game is read");
    drain(c, lines, sizeof lines);
    TAP_OK(strstr(lines, "opponent offers a rematch") != NULL &&
               client_get_state(c) == CLIENT_GAME_OVER,
           "it is over again, with the offer: %s", lines);
    TAP_INT_EQ(client_answer_rematch(c, 1), CLIENT_OK, "and the offer can be accepted");
    TAP_INT_EQ(output_packets(c, &p, t, 4), 1, "one packet");
    TAP_OK(p.type == PACKET_REMATCH_ANSWER && p.u.answer.accept == 1, "REMATCH_ANSWER accept");
    s.n = 0;
    welcome(&s, 2, 9, 3, TOKEN);
    start(&s, "bob", "alice");
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_side(c), GAME_SIDE_P2, "the rematch starts: alice is Player2");
    TAP_INT_EQ(client_connection_lost(c), 1, "and resumable as any game");
    client_destroy(c);

    /* Our own offer; then the opponent leaves for good (grace 0). */
    c = new_client("alice", 0);
    s.n = 0;
    finished_game(&s, 0);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_offer_rematch(c), CLIENT_OK, "we offer a rematch");
    output_packets(c, &p, t, 4);
    TAP_INT_EQ(client_connection_lost(c), 1, "our offer pending: resumable");
    client_connected(c);
    client_output_consume(c, 1000);
    s.n = 0;
    finished_game(&s, 1); /* the server holds our offer: it does not send it back */
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_connection_lost(c), 1, "resumed with our offer pending: resumable again");
    client_connected(c);
    client_output_consume(c, 1000);
    s.n = 0;
    finished_game(&s, 1);
    memset(&p, 0, sizeof p);
    p.type = PACKET_PEER_STATUS;
    p.u.peer.seat = 2;
    p.u.peer.grace_ms = 60000;
    encoded(&s, &p);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_connection_lost(c), 1,
               "the opponent dropped with grace left: the offer stands, resumable");
    client_connected(c);
    client_output_consume(c, 1000);
    s.n = 0;
    finished_game(&s, 1);
    p.u.peer.grace_ms = 0;
    encoded(&s, &p);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_connection_lost(c), 0, "the opponent gone for good: nothing to resume");
    client_destroy(c);
}

static void test_names(void)
{
    game_result r = {GAME_END_STALEMATE, GAME_SIDE_NONE};
    game_move promo = {4, 6, 4, 7, GAME_PROMO_QUEEN};
    game_move point = {GAME_NO_SQUARE, GAME_NO_SQUARE, 7, 7, 0};
    client_event ev;
    char buf[64];
    client *c = new_client("a", 0);
    TAP_STR_EQ(client_score_str(r), "1/2-1/2", "a draw scores 1/2-1/2");
    TAP_STR_EQ(client_reason_word(GAME_END_CHECKMATE), "checkmate", "reason word checkmate");
    TAP_STR_EQ(client_side_name(NULL, GAME_SIDE_P1), "Player1", "no colours: Player1");
    memset(&ev, 0, sizeof ev);
    ev.type = CLIENT_EV_MOVE;
    ev.u.move.move = promo;
    ev.u.move.mine = 0;
    ev.u.move.side = GAME_SIDE_P1;
    strcpy(ev.u.move.text, "e8=Q");
    strcpy(ev.u.move.coord, "e7e8q");
    client_event_describe(c, &ev, buf, sizeof buf);
    TAP_STR_EQ(buf, "Player1 moved e7e8q (e8=Q)", "a move with its notation");
    ev.type = CLIENT_EV_REJECT;
    ev.u.reject.reason = PACKET_REJECT_NOT_YOUR_TURN;
    client_event_describe(c, &ev, buf, sizeof buf);
    TAP_STR_EQ(buf, "your move was rejected: not your turn", "reject line");
    client_move_coord(&promo, buf, sizeof buf);
    TAP_STR_EQ(buf, "e7e8q", "coordinates of a promotion");
    client_move_coord(&point, buf, sizeof buf);
    TAP_STR_EQ(buf, "h8", "coordinates of a stone");
    client_destroy(c);
}

/* Leaving: no rematch (client_no_rematch): after our RESIGN one
 * REMATCH_ANSWER 0; after the game with their offer standing, one that
 * declines it and one with none standing; nothing for a spectator or a
 * player still waiting. */
static void test_no_rematch(void)
{
    bytes s = {{0}, 0};
    packet p = {0};
    packet_type t[4] = {0};
    client *c = new_client("alice", 0);
    welcome(&s, 1, 9, 3, TOKEN);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_no_rematch(c), CLIENT_ERR_STATE, "no rematch: nothing while waiting");
    s.n = 0;
    start(&s, "alice", "bob");
    client_feed(c, s.b, s.n);
    output_packets(c, NULL, t, 4);
    TAP_OK(client_resign(c) == CLIENT_OK && client_no_rematch(c) == CLIENT_OK,
           "no rematch: after our RESIGN");
    TAP_OK(output_packets(c, &p, t, 4) == 2 && t[0] == PACKET_RESIGN &&
               t[1] == PACKET_REMATCH_ANSWER,
           "no rematch: RESIGN, then one REMATCH_ANSWER 0");
    s.n = 0;
    game_over(&s, 2, 4, 0);
    ply_packet(&s, PACKET_REMATCH_OFFER, 0);
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_no_rematch(c), CLIENT_OK, "no rematch: after the game, their offer stands");
    TAP_OK(output_packets(c, &p, t, 4) == 2 && t[0] == PACKET_REMATCH_ANSWER &&
               p.u.answer.accept == 0 && t[1] == PACKET_REMATCH_ANSWER,
           "no rematch: their offer declined, then a second REMATCH_ANSWER 0 (none stands)");
    TAP_INT_EQ(client_connection_lost(c), 0, "no rematch: nothing left to resume");
    client_destroy(c);

    c = new_client("eve", 1);
    s.n = 0;
    welcome(&s, 3, 9, 3, NULL);
    start(&s, "alice", "bob");
    client_feed(c, s.b, s.n);
    TAP_INT_EQ(client_no_rematch(c), CLIENT_ERR_SPECTATOR, "no rematch: not for a spectator");
    client_destroy(c);
}

int main(void)
{
    test_hello();
    test_splits();
    test_protocol_errors();
    test_resume();
    test_spectator();
    test_rematch_and_extras();
    test_clock_delay();
    test_rematch_resume();
    test_names();
    test_opening();
    test_takeback();
    test_no_rematch();
    return tap_done();
}
