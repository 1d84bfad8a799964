/* test_engine_handover.c: the server's engine seat in the lobby and the
 * match host, as pure state machines (docs/server.md, "Engine seat"): the
 * seat key, a human who waits gets the engine's opponent when that one asks
 * for another game, a rematch against the engine when nobody waits, the
 * engine back in the lobby when its opponent leaves or idles. */
#include <string.h>

#include "logic_harness.h"
#include "match_terms.h"
#include "tap.h"

static harness H; /* large: not on the stack */
static const uint8_t KEY[PACKET_TOKEN_SIZE] = {1, 2,  3,  4,  5,  6,  7,  8,
                                               9, 10, 11, 12, 13, 14, 15, 16};

enum { ENGINE = 1 };

static void init(void)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    memcpy(H.cfg.seat_key, KEY, sizeof KEY);
}

/* c arrives and says HELLO as a human. */
static void human(conn_id c, const char *name)
{
    h_open(&H, c);
    h_hello(&H, c, name, PACKET_WANT_PLAY, NULL);
}

static void engine_arrives(void)
{
    h_open(&H, ENGINE);
    h_hello(&H, ENGINE, "Computer", PACKET_WANT_SEAT, KEY);
}

static int started(conn_id c, size_t mark, const char *p1, const char *p2)
{
    const packet *p = h_last(&H, c, PACKET_START, mark);
    return p && strcmp(p->u.start.player1, p1) == 0 && strcmp(p->u.start.player2, p2) == 0;
}

static uint32_t match_of(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_WELCOME, mark);
    return p ? p->u.welcome.match_id : 0;
}

static void test_seat_key(void)
{
    uint8_t wrong[PACKET_TOKEN_SIZE];
    size_t mark;
    const packet *p;
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_open(&H, 1);
    h_hello(&H, 1, "Computer", PACKET_WANT_SEAT, KEY);
    p = h_last(&H, 1, PACKET_ERROR, 0);
    TAP_OK(p && p->u.error.code == PACKET_CODE_BAD_HELLO && H.closed[1],
           "no --engine-seat: a HELLO as the engine seat is refused");
    h_free(&H);

    init();
    memcpy(wrong, KEY, sizeof wrong);
    wrong[15] ^= 1;
    h_open(&H, 2);
    h_hello(&H, 2, "Computer", PACKET_WANT_SEAT, wrong);
    p = h_last(&H, 2, PACKET_ERROR, 0);
    TAP_OK(p && p->u.error.code == PACKET_CODE_BAD_HELLO && H.closed[2] &&
               strstr(p->u.error.text, "engine seat"),
           "a wrong seat key is refused: %s", p ? p->u.error.text : "-");
    engine_arrives();
    p = h_last(&H, ENGINE, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P1, "the right key: the engine waits as Player1");
    TAP_OK(lobby_waiting(H.lobby) == 1 && !lobby_human_waiting(H.lobby) && !H.human_waiting,
           "one player waits, and it is not a human");
    h_open(&H, 3);
    h_hello(&H, 3, "Computer", PACKET_WANT_SEAT, KEY);
    TAP_OK(H.closed[3] && h_last(&H, 3, PACKET_WELCOME, 0) == NULL,
           "a second engine seat is refused while the first waits");
    mark = H.nsent;
    human(4, "Ann");
    TAP_OK(started(4, mark, "Computer", "Ann") && started(ENGINE, mark, "Computer", "Ann"),
           "a visitor who finds the engine waiting plays it at once");
    human(5, "Bob");
    TAP_OK(lobby_human_waiting(H.lobby) && H.human_waiting,
           "a human who arrives while the engine plays waits, and the hosts hear so");
    h_free(&H);
}

static void test_handover_on_rematch(void)
{
    size_t mark;
    uint32_t old;
    init();
    engine_arrives();
    human(2, "Ann");
    old = match_of(2, 0);
    human(3, "Bob"); /* waits while Ann plays the engine */
    h_simple(&H, 2, PACKET_RESIGN, 0);
    TAP_OK(h_last(&H, 2, PACKET_GAME_OVER, 0) != NULL, "Ann's game against the engine is over");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 0);
    TAP_INT_EQ(h_count(&H, ENGINE, PACKET_REMATCH_OFFER, mark), 0,
               "Ann asks for another game: the engine is not asked");
    TAP_OK(match_of(2, mark) != 0 && match_of(2, mark) != old &&
               h_last(&H, 2, PACKET_WELCOME, mark)->u.welcome.seat == PACKET_SEAT_P2,
           "Ann is seated in a new match, as Player2");
    TAP_OK(started(2, mark, "Bob", "Ann") && started(3, mark, "Bob", "Ann"),
           "Bob, who waited, plays Ann");
    TAP_OK(match_of(ENGINE, mark) != 0 && match_of(ENGINE, mark) != old &&
               match_of(ENGINE, mark) != match_of(2, mark) &&
               h_count(&H, ENGINE, PACKET_START, mark) == 0 && lobby_waiting(H.lobby) == 1 &&
               !H.human_waiting,
           "the engine waits again in the lobby");
    TAP_OK(!H.closed[2] && !H.closed[3] && !H.closed[ENGINE] && H.requeued == 2,
           "no connection was closed: two players went back through the lobby");
    mark = H.nsent;
    human(4, "Cid");
    TAP_OK(started(4, mark, "Computer", "Cid"), "the next visitor plays the engine");
    h_free(&H);
}

static void test_rematch_when_nobody_waits(void)
{
    size_t mark;
    uint32_t id;
    const packet *p;
    init();
    engine_arrives();
    human(2, "Ann");
    id = match_of(2, 0);
    h_simple(&H, 2, PACKET_RESIGN, 0);
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_last(&H, ENGINE, PACKET_REMATCH_OFFER, mark) != NULL,
           "nobody waits: Ann's rematch offer goes to the engine");
    h_simple(&H, ENGINE, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 2, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.match_id == id && p->u.welcome.seat == PACKET_SEAT_P1,
           "the engine accepts: the same match, colours swapped");
    TAP_OK(started(2, mark, "Ann", "Computer") && H.requeued == 0, "and the rematch starts");

    /* The engine offers (its bot does as Player1); a human waits; Ann
     * accepts: she gets the human. */
    h_simple(&H, 2, PACKET_RESIGN, 0);
    human(3, "Bob");
    h_simple(&H, ENGINE, PACKET_REMATCH_OFFER, 0);
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    TAP_OK(started(2, mark, "Bob", "Ann") && match_of(ENGINE, mark) != 0 &&
               h_count(&H, ENGINE, PACKET_START, mark) == 0,
           "accepting the engine's offer while Bob waits: Ann plays Bob, the engine waits");
    h_free(&H);
}

static void test_engine_back_when_left_or_idle(void)
{
    size_t mark;
    const packet *p;
    init();
    engine_arrives();
    human(2, "Ann");
    h_simple(&H, 2, PACKET_RESIGN, 0);
    mark = H.nsent;
    h_close(&H, 2);
    TAP_OK(match_of(ENGINE, mark) != 0 && !H.closed[ENGINE] && lobby_waiting(H.lobby) == 1,
           "its opponent left the finished game: the engine waits in the lobby again");
    mark = H.nsent;
    human(3, "Bob");
    TAP_OK(started(3, mark, "Computer", "Bob"), "and the next visitor plays it");

    /* Bob stays on the finished game without asking; Cid waits. */
    h_simple(&H, 3, PACKET_RESIGN, 0);
    human(4, "Cid");
    mark = H.nsent;
    h_tick(&H, MATCH_ENGINE_IDLE_MS - 1);
    TAP_OK(h_count(&H, ENGINE, PACKET_WELCOME, mark) == 0 && H.human_waiting,
           "before the idle time the engine stays with Bob");
    h_tick(&H, 1);
    p = h_last(&H, 3, PACKET_PEER_STATUS, mark);
    TAP_OK(p && p->u.peer.status == PACKET_PEER_DROPPED && !H.closed[3],
           "then Bob hears that the engine left, and keeps his connection");
    TAP_OK(started(4, mark, "Cid", "Computer") && !H.human_waiting,
           "and Cid, who waited, plays the engine");
    mark = H.nsent;
    h_simple(&H, 3, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_last(&H, 3, PACKET_ERROR, mark) != NULL, "Bob's late rematch: the opponent has left");
    h_free(&H);
}

/* The engine's rematch offer pends when its opponent drops: with a human
 * waiting, the engine does not wait for the dropped one; with nobody
 * waiting, the seat is held, until a human comes. */
static void test_engine_not_held_for_a_dropped_opponent(void)
{
    size_t mark;
    init();
    engine_arrives();
    human(2, "Ann");
    h_simple(&H, 2, PACKET_RESIGN, 0);
    h_simple(&H, ENGINE, PACKET_REMATCH_OFFER, 0);
    human(3, "Bob");
    mark = H.nsent;
    h_close(&H, 2);
    TAP_OK(started(3, mark, "Bob", "Computer"),
           "Ann drops with the engine's offer pending while Bob waits: Bob plays the engine");

    h_simple(&H, 3, PACKET_RESIGN, 0);
    h_simple(&H, ENGINE, PACKET_REMATCH_OFFER, 0);
    mark = H.nsent;
    h_close(&H, 3);
    TAP_INT_EQ(h_count(&H, ENGINE, PACKET_WELCOME, mark), 0,
               "Bob drops with the offer pending and nobody waits: the engine waits for him");
    human(4, "Cid");
    h_tick(&H, 1);
    TAP_OK(started(4, mark, "Cid", "Computer"),
           "Cid comes to wait: the engine stops waiting for Bob and plays Cid");
    h_free(&H);
}

/* Ann offers a rematch and drops just as the engine accepts it: the
 * engine starts no game she is away from. It leaves the held match for a
 * human who comes to wait; or, nobody waiting, it is asked again when Ann
 * is back, and the rematch starts with both there. */
static void test_engine_accepts_when_maker_away(void)
{
    uint8_t token[PACKET_TOKEN_SIZE];
    size_t mark;
    for (int someone_waits = 1; someone_waits >= 0; someone_waits--) {
        init();
        engine_arrives();
        human(2, "Ann");
        memcpy(token, h_last(&H, 2, PACKET_WELCOME, 0)->u.welcome.token, sizeof token);
        h_simple(&H, 2, PACKET_RESIGN, 0);
        h_simple(&H, 2, PACKET_REMATCH_OFFER, 0);
        h_close(&H, 2);
        mark = H.nsent;
        h_simple(&H, ENGINE, PACKET_REMATCH_ANSWER, 1);
        TAP_OK(h_count(&H, ENGINE, PACKET_START, mark) == 0 && H.closed[ENGINE] == 0,
               "Ann drops as the engine accepts her offer: no game starts without her");
        if (someone_waits) {
            human(3, "Bob");
            h_tick(&H, 1);
            TAP_OK(started(3, mark, "Bob", "Computer"),
                   "Bob comes to wait: the engine stops waiting for Ann and plays Bob");
        } else {
            h_tick(&H, 1);
            h_open(&H, 4);
            h_hello(&H, 4, "Ann", PACKET_WANT_PLAY, token);
            TAP_OK(h_count(&H, ENGINE, PACKET_REMATCH_OFFER, mark) == 1,
                   "nobody waits: Ann comes back and the engine is asked again");
            h_simple(&H, ENGINE, PACKET_REMATCH_ANSWER, 1);
            TAP_OK(started(4, mark, "Ann", "Computer") && started(ENGINE, mark, "Ann", "Computer"),
                   "it accepts: the rematch starts with both there, colours swapped");
        }
        h_free(&H);
    }
}

/* Whether every byte of t came from the harness's random source, whose
 * bytes step by 38 (logic_harness.c): nothing of it is derived. */
static int drawn(const uint8_t *t)
{
    for (int k = 1; k < PACKET_TOKEN_SIZE; k++)
        if ((uint8_t)(t[k] - t[k - 1]) != 38)
            return 0;
    return 1;
}

/* The engine seat is known by a flag journaled with its game; its token is
 * as random as anyone's. */
static void test_engine_seat_flag(void)
{
    const journal_entry *e;
    const packet *p;
    init();
    engine_arrives();
    human(2, "Ann");
    p = h_last(&H, ENGINE, PACKET_WELCOME, 0);
    TAP_OK(p && drawn(p->u.welcome.token),
           "the engine seat's token is 16 random bytes, none of them a mark");
    e = h_journaled(&H, JOURNAL_GAME, 0);
    TAP_OK(e && e->engine[0] && !e->engine[1],
           "its game is journaled with the engine's seat (Player1) flagged, Ann's not");
    h_free(&H);
}

/* sink.engine_back as the server's: a resume with the token of the
 * restored match's engine seat (restored_engine); refused, non-zero. */
static uint8_t restored_engine[PACKET_TOKEN_SIZE];
static int engine_back_calls;

static int engine_back(void *ctx, conn_id c, const packet_hello *hello)
{
    packet_hello as_resume = *hello;
    harness *h = ctx;
    engine_back_calls++;
    memcpy(as_resume.token, restored_engine, PACKET_TOKEN_SIZE);
    if (match_host_join(h->host, c, &as_resume, 0, h->now) != 0)
        return -1;
    h->in_host[c] = 1;
    return 0;
}

/* A game against the engine restored from the journal: the engine's new
 * bot takes its seat back, and the seat is the engine's as before the
 * restart (it goes back to the lobby when its opponent leaves). */
static void test_engine_back_after_restart(void)
{
    match_restore r;
    game_move first = {PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0};
    const packet *p;
    size_t mark;
    init();
    H.sink.engine_back = engine_back;
    memset(&r, 0, sizeof r);
    r.match_id = 5;
    r.game_no = 1;
    strcpy(r.name[0], "Computer");
    strcpy(r.name[1], "Ann");
    for (int k = 0; k < PACKET_TOKEN_SIZE; k++) {
        r.token[0][k] = (uint8_t)(0x40 + k);
        r.token[1][k] = (uint8_t)(0x90 + k);
    }
    r.engine[0] = 1; /* journaled as the engine's seat */
    memcpy(restored_engine, r.token[0], PACKET_TOKEN_SIZE);
    r.moves = &first;
    r.nmoves = 1;
    TAP_INT_EQ(match_host_restore(H.host, &r, H.now), 0, "a game against the engine restored");
    engine_arrives();
    p = h_last(&H, ENGINE, PACKET_WELCOME, 0);
    TAP_OK(engine_back_calls == 1 && p && p->u.welcome.match_id == 5 &&
               p->u.welcome.seat == PACKET_SEAT_P1 && lobby_waiting(H.lobby) == 0,
           "the engine's new bot takes its seat back, not one in the lobby");
    TAP_OK(h_last(&H, ENGINE, PACKET_SYNC_END, 0) != NULL &&
               h_last(&H, ENGINE, PACKET_SYNC_END, 0)->u.ply.ply == 1,
           "with the game so far");
    h_open(&H, 2);
    mark = H.nsent;
    h_hello(&H, 2, "Ann", PACKET_WANT_PLAY, r.token[1]);
    TAP_OK(h_last(&H, 2, PACKET_SYNC_END, mark) != NULL &&
               h_count(&H, 2, PACKET_PEER_STATUS, mark) == 0,
           "Ann resumes and finds the engine there");
    mark = H.nsent;
    h_stone(&H, 2, 1, 8, 8);
    h_stone(&H, ENGINE, 2, 6, 6);
    TAP_OK(h_last(&H, 2, PACKET_MOVE, mark) && h_last(&H, 2, PACKET_MOVE, mark)->u.move.ply == 2,
           "and the game goes on");
    h_simple(&H, 2, PACKET_RESIGN, 0);
    mark = H.nsent;
    h_close(&H, 2);
    TAP_OK(H.requeued == 1 && lobby_waiting(H.lobby) == 1 && !lobby_human_waiting(H.lobby) &&
               match_of(ENGINE, mark) != 0,
           "it ends as any game against the engine: Ann leaves, the engine waits in the lobby");
    mark = H.nsent;
    h_open(&H, 3);
    h_hello(&H, 3, "Bob", PACKET_WANT_PLAY, NULL);
    TAP_OK(started(3, mark, "Computer", "Bob"), "for the next visitor");
    h_free(&H);

    /* No such match any more: the bot is seated in the lobby. */
    init();
    H.sink.engine_back = engine_back;
    engine_back_calls = 0;
    engine_arrives();
    TAP_OK(engine_back_calls == 1 && lobby_waiting(H.lobby) == 1 && !H.closed[ENGINE],
           "no seat to take back: the engine waits in the lobby");
    h_free(&H);
}

/* A restart under another game (docs/server.md, "Engine seat"): the
 * engine seat's bot plays the server's game, so its new bot is not sent
 * to a restored game of another kind (its engine could not play it, the
 * bot would resign it at once and the match be gone before its human is
 * back); it waits in the lobby, and the human resumes into the game. */
static void test_engine_back_not_to_other_game(void)
{
    match_restore r;
    game_move first = {6, 1, 6, 3, 0}; /* g2g4 */
    char why[160];
    init();
    H.sink.engine_back = engine_back;
    engine_back_calls = 0;
    memset(&r, 0, sizeof r);
    r.match_id = 6;
    r.game_no = 1;
    strcpy(r.name[0], "Computer");
    strcpy(r.name[1], "Ann");
    for (int k = 0; k < PACKET_TOKEN_SIZE; k++) {
        r.token[0][k] = (uint8_t)(0x20 + k);
        r.token[1][k] = (uint8_t)(0xa0 + k);
    }
    r.engine[0] = 1; /* journaled as the engine's seat */
    memcpy(restored_engine, r.token[0], PACKET_TOKEN_SIZE);
    r.terms = H.cfg;
    r.terms.options.kind = GAME_KIND_CHESS;
    r.terms.options.rule = 0;
    r.terms.options.width = r.terms.options.height = 8;
    if (match_terms_check(&r.terms, why, sizeof why) != 0)
        tap_diag("%s", why);
    r.moves = &first;
    r.nmoves = 1;
    TAP_INT_EQ(match_host_restore(H.host, &r, H.now), 0,
               "a chess game against the engine restored on a Gomoku server");
    engine_arrives();
    TAP_OK(engine_back_calls == 1 && lobby_waiting(H.lobby) == 1 &&
               h_last(&H, ENGINE, PACKET_SYNC_END, 0) == NULL,
           "the Gomoku engine's new bot waits in the lobby, not in the chess game");
    h_open(&H, 2);
    h_hello(&H, 2, "Ann", PACKET_WANT_PLAY, r.token[1]);
    TAP_OK(h_last(&H, 2, PACKET_SYNC_END, 0) != NULL && h_last(&H, 2, PACKET_GAME_OVER, 0) == NULL,
           "Ann resumes into her chess game");
    h_free(&H);
}

static void test_humans_alone(void)
{
    size_t mark;
    init();
    human(1, "Ann");
    human(2, "Bob");
    h_simple(&H, 1, PACKET_RESIGN, 0);
    human(3, "Cid");
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 0);
    TAP_OK(h_last(&H, 2, PACKET_REMATCH_OFFER, mark) != NULL && H.requeued == 0,
           "two humans: a rematch offer is a rematch offer, whoever waits");
    h_free(&H);
}

int main(void)
{
    test_seat_key();
    test_handover_on_rematch();
    test_rematch_when_nobody_waits();
    test_engine_back_when_left_or_idle();
    test_engine_not_held_for_a_dropped_opponent();
    test_humans_alone();
    test_engine_seat_flag();
    test_engine_accepts_when_maker_away();
    test_engine_back_after_restart();
    test_engine_back_not_to_other_game();
    return tap_done();
}
