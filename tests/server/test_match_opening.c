/* test_match_opening.c: Gomoku opening rules in the match logic (no
 * sockets): version-1 clients refused, every step checked by the server
 * with a REJECT reason, colours assigned by the procedure (seats exchange,
 * WELCOME and START again), the clock of whoever must act, OPENING_STATE
 * to players and spectators, the journal's steps restoring a game, and the
 * opening in the SGF record. */
#include <stdlib.h>
#include <string.h>

#include "game_gomoku.h"
#include "gomoku_opening.h"
#include "logic_harness.h"
#include "record_text.h"
#include "tap.h"

static harness H;

/* The journal, kept in memory. */
static journal_entry journaled[256];
static size_t njournaled;

static int j_keep(void *ctx, const journal_entry *e)
{
    (void)ctx;
    if (njournaled < sizeof journaled / sizeof journaled[0])
        journaled[njournaled++] = *e; /* GAME's names and tokens: not kept */
    return 0;
}

static void start(gomoku_opening_rule opening, gomoku_rule rule, uint32_t clock_ms)
{
    h_init(&H, &game_gomoku_ops, (int)rule, clock_ms, 0);
    H.cfg.opening = (uint8_t)opening;
    H.sink.journal = j_keep;
    njournaled = 0;
}

static int pt_x(const char *t)
{
    int x, y;
    return gomoku_point_from_text(t, &x, &y) == 0 ? x : 0xFF;
}

static int pt_y(const char *t)
{
    int x, y;
    return gomoku_point_from_text(t, &x, &y) == 0 ? y : 0xFF;
}

/* An OPENING_ACTION: step, choice, count and a list of points. */
static void act(conn_id c, uint32_t ply, gomoku_opening_step step, int choice, int count,
                const char *points)
{
    packet p;
    char word[8];
    int n, i = 0;
    memset(&p, 0, sizeof p);
    p.type = PACKET_OPENING_ACTION;
    p.u.opening_action.step = (uint8_t)step;
    p.u.opening_action.choice = (uint8_t)choice;
    p.u.opening_action.count = (uint8_t)count;
    p.u.opening_action.ply = ply;
    memset(p.u.opening_action.points, 0xFF, sizeof p.u.opening_action.points);
    while (i < PACKET_OPENING_POINTS && sscanf(points, " %7s%n", word, &n) == 1) {
        p.u.opening_action.points[2 * i] = (uint8_t)pt_x(word);
        p.u.opening_action.points[2 * i + 1] = (uint8_t)pt_y(word);
        points += n;
        i++;
    }
    h_send(&H, c, &p);
}

static void stone(conn_id c, uint32_t ply, const char *t)
{
    h_stone(&H, c, ply, pt_x(t), pt_y(t));
}

/* The reason of the last REJECT to c since mark, 0 if none. */
static int rejected(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_REJECT, mark);
    return p ? p->u.reject.reason : 0;
}

static const packet_opening_state *state_in(const harness *h, conn_id c, size_t mark)
{
    const packet *p = h_last(h, c, PACKET_OPENING_STATE, mark);
    return p ? &p->u.opening : NULL;
}

static const packet_opening_state *state_of(conn_id c, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_OPENING_STATE, mark);
    return p ? &p->u.opening : NULL;
}

static void test_version_one_refused(void)
{
    const packet *p;
    start(GOMOKU_OPENING_SWAP2, GOMOKU_FREESTYLE, 0);
    h_open(&H, 1);
    h_hello_v(&H, 1, "old", PACKET_WANT_PLAY, NULL, 1);
    p = h_last(&H, 1, PACKET_ERROR, 0);
    TAP_OK(p && p->u.error.code == PACKET_CODE_BAD_HELLO && H.closed[1],
           "a version-1 player is refused by a swap2 server");
    TAP_OK(p && strstr(p->u.error.text, "swap2") && strstr(p->u.error.text, "version 2"),
           "with a reason naming the rule and the version: %s", p ? p->u.error.text : "-");
    h_open(&H, 2);
    h_hello_v(&H, 2, "old", PACKET_WANT_WATCH, NULL, 1);
    TAP_OK(H.closed[2], "a version-1 spectator too");
    h_free(&H);

    start(GOMOKU_OPENING_NONE, GOMOKU_FREESTYLE, 0);
    h_open(&H, 1);
    h_hello_v(&H, 1, "old", PACKET_WANT_PLAY, NULL, 1);
    TAP_OK(!H.closed[1] && h_last(&H, 1, PACKET_WELCOME, 0), "opening none: version 1 welcome");
    h_free(&H);
}

static void test_swap2(void)
{
    size_t mark;
    const packet *p;
    const packet_opening_state *st;
    start(GOMOKU_OPENING_SWAP2, GOMOKU_FREESTYLE, 60000);
    h_pair(&H, 1, "Ann", 2, "Bob");
    h_open(&H, 3);
    h_hello(&H, 3, "fan", PACKET_WANT_WATCH, NULL);
    st = state_of(1, 0);
    TAP_OK(st && st->rule == GOMOKU_OPENING_SWAP2 && st->step == GOMOKU_STEP_PLACE &&
               st->actor == 1 && st->area == PACKET_OPENING_ANYWHERE,
           "START is followed by OPENING_STATE: Player1 places anywhere");
    TAP_OK(state_of(3, 0) != NULL, "the spectator is shown the opening");
    p = h_last(&H, 2, PACKET_CLOCK, 0);
    TAP_OK(p && p->u.clock.running == 1, "Player1's clock runs");

    mark = H.nsent;
    stone(2, 0, "h8");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_NOT_YOUR_TURN, "Player2 may not open");
    act(1, 0, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_BLACK, 0, "");
    TAP_INT_EQ(rejected(1, mark), PACKET_REJECT_OPENING_STEP, "a choice when a stone is due");
    mark = H.nsent;
    stone(1, 0, "h8");
    TAP_OK(h_count(&H, 2, PACKET_MOVE, mark) == 1 && h_count(&H, 3, PACKET_MOVE, mark) == 1,
           "stone 1 relayed to the opponent and the spectator");
    act(1, 1, GOMOKU_STEP_PLACE, 0, 0, "h9");
    stone(1, 2, "j10");
    st = state_of(2, mark);
    TAP_OK(st && st->step == GOMOKU_STEP_CHOOSE && st->actor == 2 &&
               st->choices == ((1u << GOMOKU_CHOICE_BLACK) | (1u << GOMOKU_CHOICE_WHITE) |
                               (1u << GOMOKU_CHOICE_PLACE_TWO)),
           "after three stones Player2 chooses among black, white, place two");
    p = h_last(&H, 1, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.running == 2, "Player2's clock runs for the choice, white to move");
    mark = H.nsent;
    stone(1, 3, "a1");
    TAP_INT_EQ(rejected(1, mark), PACKET_REJECT_NOT_YOUR_TURN, "Player1 may not play on");
    act(2, 3, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_STAY, 0, "");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_BAD_CHOICE, "stay is not a swap2 choice");
    act(2, 2, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_BLACK, 0, "");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_WRONG_PLY, "a stale step");
    mark = H.nsent;
    act(2, 3, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_BLACK, 0, "");
    TAP_INT_EQ(rejected(2, mark), 0, "Player2 takes black");
    p = h_last(&H, 2, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P1, "Bob is Player1 (black) now");
    p = h_last(&H, 1, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P2, "Ann is Player2 (white) now");
    p = h_last(&H, 3, PACKET_START, mark);
    TAP_OK(p && strcmp(p->u.start.player1, "Bob") == 0, "spectators see Bob as black");
    st = state_of(3, mark);
    TAP_OK(st && st->step == GOMOKU_STEP_DONE && st->actor == 0 && st->swaps == 1,
           "the opening is over, one exchange");
    mark = H.nsent;
    stone(2, 3, "g7");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_NOT_YOUR_TURN, "black (Bob) waits for white");
    stone(1, 3, "g7");
    TAP_OK(rejected(1, mark) == 0 && h_count(&H, 2, PACKET_MOVE, mark) == 1,
           "white (Ann) plays move 4 as an ordinary move");
    h_free(&H);
}

/* RIF through the journal: refusals, then a restore from the steps. */
static void test_rif_and_restore(void)
{
    size_t mark;
    const packet *p;
    const packet_opening_state *st;
    match_restore r;
    static harness again;
    start(GOMOKU_OPENING_RIF, GOMOKU_RENJU, 0);
    h_pair(&H, 1, "Ann", 2, "Bob");
    mark = H.nsent;
    stone(1, 0, "h9");
    TAP_INT_EQ(rejected(1, mark), PACKET_REJECT_OUTSIDE_AREA, "stone 1 must be on the centre");
    stone(1, 0, "h8");
    st = state_of(1, mark);
    TAP_OK(st && st->area == 1, "stone 2 in the 3x3 square");
    stone(1, 1, "h9");
    stone(1, 2, "h10");
    act(2, 3, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_SWAP, 0, "");
    /* Bob is black (Player1), Ann white (Player2) and puts the 4th */
    mark = H.nsent;
    stone(1, 3, "h6");
    TAP_INT_EQ(rejected(1, mark), 0, "white (Ann) puts the 4th");
    st = state_of(2, mark);
    TAP_OK(st && st->step == GOMOKU_STEP_PROPOSE && st->count == 2 && st->actor == 1,
           "black (Bob, Player1) proposes two");
    act(2, 4, GOMOKU_STEP_PROPOSE, 0, 2, "g8 i8");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_SYMMETRIC, "mirror-image proposals refused");
    act(2, 4, GOMOKU_STEP_PROPOSE, 0, 2, "g8 g8");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_DUPLICATE, "the same point twice refused");
    act(2, 4, GOMOKU_STEP_PROPOSE, 0, 3, "g8 g7 g6");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_BAD_COUNT, "three proposals refused");
    mark = H.nsent;
    act(2, 4, GOMOKU_STEP_PROPOSE, 0, 2, "g8 g7");
    st = state_of(1, mark);
    TAP_OK(rejected(2, mark) == 0 && st && st->step == GOMOKU_STEP_SELECT && st->count == 2 &&
               st->points[0] == pt_x("g8") && st->points[3] == pt_y("g7"),
           "the proposals are shown to white");
    act(1, 4, GOMOKU_STEP_SELECT, 0, 0, "i8");
    TAP_INT_EQ(rejected(1, mark), PACKET_REJECT_NOT_PROPOSED, "a point not proposed refused");

    /* a restart here: the journal's steps rebuild the game */
    memset(&r, 0, sizeof r);
    r.match_id = journaled[0].match_id;
    r.game_no = 1;
    strcpy(r.name[0], "Ann");
    strcpy(r.name[1], "Bob");
    r.token[0][0] = 1;
    r.token[1][0] = 2;
    r.steps = calloc(16, sizeof *r.steps);
    for (size_t i = 0; i < njournaled && r.steps; i++)
        if (journaled[i].kind == JOURNAL_OPENING)
            r.steps[r.nsteps++] = journaled[i].step;
    TAP_INT_EQ(r.nsteps, 6, "six steps journaled (refused ones are not)");
    h_init(&again, &game_gomoku_ops, GOMOKU_RENJU, 0, 0);
    again.cfg.opening = GOMOKU_OPENING_RIF;
    TAP_INT_EQ(match_host_restore(again.host, &r, again.now), 0, "restored");
    {
        match_view v;
        TAP_OK(match_host_view(again.host, 0, &v) && game_gomoku_ops.ply(v.game) == 4,
               "four stones on the restored board");
    }
    h_open(&again, 7);
    {
        uint8_t tok[PACKET_TOKEN_SIZE] = {2};
        h_hello(&again, 7, "Bob", PACKET_WANT_PLAY, tok);
    }
    p = h_last(&again, 7, PACKET_WELCOME, 0);
    TAP_OK(p && p->u.welcome.seat == PACKET_SEAT_P1, "Bob resumes as Player1 (black)");
    st = state_in(&again, 7, 0);
    TAP_OK(st && st->step == GOMOKU_STEP_SELECT && st->actor == 2 && st->count == 2,
           "the resumed player is told white is selecting");
    h_free(&again);
    free(r.steps);

    mark = H.nsent;
    act(1, 4, GOMOKU_STEP_SELECT, 0, 0, "g7");
    TAP_OK(rejected(1, mark) == 0 && h_count(&H, 2, PACKET_MOVE, mark) == 1,
           "white selects g7: it is relayed as move 5");
    stone(1, 5, "a1");
    stone(2, 6, "b1");
    h_simple(&H, 2, PACKET_RESIGN, 7);
    TAP_OK(H.nrecords == 1 && strstr(H.record, "ON[rif; colours exchanged once; fifth move g7 "
                                               "chosen from g8 g7]") != NULL,
           "the record names the opening");
    TAP_OK(strstr(H.record, "PB[Bob]") && strstr(H.record, "PW[Ann]"),
           "the record has the final colours");
    TAP_OK(strstr(H.record, ";B[hh]\n;W[hg]\n;B[hf]\n;W[hj]\n;B[gi]") != NULL,
           "the stones in their real order");
    h_free(&H);
}

/* Taraguchi-10 swaps with clocks: the clock is the actor's, each player's
 * time follows them across exchanges. */
static void test_taraguchi_clocks(void)
{
    size_t mark;
    const packet *p;
    start(GOMOKU_OPENING_TARAGUCHI10, GOMOKU_RENJU, 60000);
    h_pair(&H, 1, "Ann", 2, "Bob");
    h_tick(&H, 5000); /* Ann thinks 5 s */
    stone(1, 0, "h8");
    mark = H.nsent;
    h_tick(&H, 2000); /* Bob 2 s, then swaps */
    act(2, 1, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_SWAP, 0, "");
    p = h_last(&H, 2, PACKET_CLOCK, mark);
    TAP_OK(p && p->u.clock.p1_ms == 58000 && p->u.clock.p2_ms == 55000 && p->u.clock.running == 2,
           "after the swap Bob (black, 58 s) waits, Ann (white, 55 s) must place stone 2");
    mark = H.nsent;
    stone(2, 1, "h9");
    TAP_INT_EQ(rejected(2, mark), PACKET_REJECT_NOT_YOUR_TURN, "Bob is black now");
    stone(1, 1, "h10");
    TAP_INT_EQ(rejected(1, mark), PACKET_REJECT_OUTSIDE_AREA, "stone 2 outside 3x3");
    h_tick(&H, 61000);
    TAP_OK(H.nrecords == 1 && H.record_result.reason == GAME_END_TIME &&
               H.record_result.winner == GAME_SIDE_P1,
           "Ann's flag falls during the opening: black (Bob) wins on time");
    h_free(&H);
}

static void test_record_replay(void)
{
    match_restore r;
    match_config cfg;
    char *text = NULL;
    size_t len = 0;
    game_result res = {GAME_END_RESIGNATION, GAME_SIDE_P2};
    static const char *const steps[][2] = {{"1", "h8"}, {"1", "h9"}, {"1", "j10"}};
    memset(&r, 0, sizeof r);
    memset(&cfg, 0, sizeof cfg);
    cfg.ops = &game_gomoku_ops;
    cfg.options.kind = GAME_KIND_GOMOKU;
    game_gomoku_ops.normalize_options(&cfg.options);
    cfg.opening = GOMOKU_OPENING_SWAP;
    r.match_id = 9;
    r.game_no = 1;
    strcpy(r.name[0], "First");
    strcpy(r.name[1], "Second");
    r.steps = calloc(4, sizeof *r.steps);
    if (!r.steps)
        return;
    for (int i = 0; i < 3; i++) {
        memset(r.steps[i].points, 0xFF, sizeof r.steps[i].points);
        r.steps[i].step = GOMOKU_STEP_PLACE;
        r.steps[i].points[0] = (uint8_t)pt_x(steps[i][1]);
        r.steps[i].points[1] = (uint8_t)pt_y(steps[i][1]);
        r.nsteps++;
    }
    memset(r.steps[3].points, 0xFF, sizeof r.steps[3].points);
    r.steps[3].seat = 1;
    r.steps[3].step = GOMOKU_STEP_CHOOSE;
    r.steps[3].choice = GOMOKU_CHOICE_BLACK;
    r.nsteps++;
    TAP_INT_EQ(record_text_replay(&cfg, &r, res, "2026.12.06", &text, &len), GAME_OK,
               "an unrecorded game's steps replay into a record");
    TAP_OK(text && strstr(text, "PB[Second]") && strstr(text, "PW[First]") &&
               strstr(text, "ON[swap; colours exchanged once]"),
           "the second player took black: the record says so");
    free(text);
    r.steps[3].seat = 0; /* not the first player's choice */
    TAP_INT_EQ(record_text_replay(&cfg, &r, res, "2026.12.06", &text, &len), GAME_ERR_ILLEGAL,
               "a step the rules refuse is not recorded");
    free(r.steps);
}

/* A draw offer pending when the opening exchanges colours lapses, and the
 * journal says so: restored, it would name the other player. */
static void test_exchange_ends_draw_offer(void)
{
    long step = -1, lapse = -1;
    start(GOMOKU_OPENING_SWAP, GOMOKU_FREESTYLE, 0);
    h_pair(&H, 1, "Ann", 2, "Bob");
    stone(1, 0, "h8");
    stone(1, 1, "h9");
    stone(1, 2, "j10");
    h_simple(&H, 1, PACKET_DRAW_OFFER, 3);
    act(2, 3, GOMOKU_STEP_CHOOSE, GOMOKU_CHOICE_BLACK, 0, "");
    for (size_t i = 0; i < njournaled; i++) {
        if (journaled[i].kind == JOURNAL_OFFER && journaled[i].offer == JOURNAL_OFFER_DRAW)
            lapse = journaled[i].side == GAME_SIDE_NONE ? (long)i : -1;
        if (journaled[i].kind == JOURNAL_OPENING)
            step = (long)i;
    }
    TAP_OK(H.sent[H.nsent - 1].p.type != PACKET_REJECT && step >= 0 && lapse > step,
           "an exchange of colours ends a pending draw offer in the journal (O 1 0)");
    h_free(&H);
}

int main(void)
{
    test_version_one_refused();
    test_swap2();
    test_rif_and_restore();
    test_taraguchi_clocks();
    test_record_replay();
    test_exchange_ends_draw_offer();
    return tap_done();
}
