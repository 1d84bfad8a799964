/* test_engine_seat.c: the engine seat's state machine driven with a real
 * game and scripted engine lines: UCI and Gomocup handshakes, moves asked
 * with the clocks, a resumed game sent whole, stale answers dropped, and
 * every failure (garbage, an illegal or forbidden move, a refusal, an
 * exit, a hang) reported in one line. */
#include <stdlib.h>
#include <string.h>

#include "engine_seat.h"
#include "tap.h"
#include "uci_codec.h"

static char out[4096];

/* Takes the seat's output as one string. */
static const char *take(engine_seat *s)
{
    size_t len;
    const char *o = engine_seat_output(s, &len);
    if (len >= sizeof out)
        len = sizeof out - 1;
    memcpy(out, o, len);
    out[len] = 0;
    engine_seat_output_consume(s, len);
    return out;
}

static game_move stone(int x, int y)
{
    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, 0};
    return m;
}

static void view_of(engine_seat_view *v, const game_ops *ops, game *g, uint32_t game_no,
                    game_side side)
{
    memset(v, 0, sizeof *v);
    v->ops = ops;
    v->g = g;
    v->game_no = game_no;
    v->side = side;
    v->over = ops->to_move(g) == GAME_SIDE_NONE;
    v->my_turn = !v->over && ops->to_move(g) == side;
}

static void test_uci(void)
{
    engine_seat_config cfg;
    engine_seat_view v;
    engine_seat *s;
    game_options opt = {GAME_KIND_CHESS, 0, 0, 0};
    const game_ops *ops = &game_chess_ops;
    game *g;
    game_move m, theirs;
    char err[160];
    memset(&cfg, 0, sizeof cfg);
    cfg.protocol = ENGINE_PROTOCOL_UCI;
    cfg.options[0] = "Skill Level=3";
    cfg.option_count = 1;
    cfg.movetime_ms = 200;
    s = engine_seat_create(&cfg, err, sizeof err);
    TAP_OK(s != NULL, "a UCI seat");
    TAP_STR_EQ(take(s), "uci\n", "it says uci first");
    ops->normalize_options(&opt);
    g = ops->create(&opt);
    memset(&v, 0, sizeof v);
    engine_seat_update(s, &v, 1000);
    TAP_INT_EQ(engine_seat_deadline(s), 11000, "uci must be answered within 10 s");
    engine_seat_line(s, &v, "Stockfish 15.1 by the Stockfish developers", 1001);
    engine_seat_line(s, &v, "id name Fakefish 1", 1001);
    engine_seat_line(s, &v, "option name Skill Level type spin default 20 min 0 max 20", 1001);
    TAP_STR_EQ(take(s), "", "nothing sent before uciok");
    engine_seat_line(s, &v, "uciok", 1002);
    TAP_STR_EQ(take(s), "setoption name Skill Level value 3\nisready\n", "options, then isready");
    TAP_STR_EQ(engine_seat_name(s), "Fakefish 1", "its name");
    engine_seat_line(s, &v, "readyok", 1003);
    TAP_INT_EQ(engine_seat_deadline(s), 0, "no question open");

    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    engine_seat_update(s, &v, 2000);
    TAP_STR_EQ(take(s), "ucinewgame\nisready\n", "a new game");
    engine_seat_line(s, &v, "readyok", 2001);
    TAP_STR_EQ(take(s), "position startpos\ngo movetime 200\n", "white's first move is asked");
    TAP_INT_EQ(engine_seat_deadline(s), 2001 + 200 + 3000, "deadline: movetime and grace");
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 0, "no move yet");
    engine_seat_line(s, &v, "info depth 1 score cp 20", 2100);
    engine_seat_line(s, &v, "bestmove e2e4 ponder e7e5", 2150);
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 1, "the move is ready");
    TAP_OK(m.from_x == 4 && m.from_y == 1 && m.to_y == 3, "it is e2e4");
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 0, "handed out once");
    ops->apply(g, &m);
    uci_parse_move("e7e5", &theirs);
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    engine_seat_update(s, &v, 2200);
    TAP_STR_EQ(take(s), "", "nothing while the opponent thinks");
    ops->apply(g, &theirs);
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    v.clock = 1;
    v.p1_ms = 59000;
    v.p2_ms = 58000;
    v.increment_ms = 1000;
    engine_seat_update(s, &v, 3000);
    TAP_STR_EQ(
        take(s),
        "position startpos moves e2e4 e7e5\ngo wtime 59000 btime 58000 winc 1000 binc 1000\n",
        "the position and the clocks");
    TAP_INT_EQ(engine_seat_deadline(s), 3000 + 59000 + 3000, "deadline: its clock and grace");

    /* the game ends while it thinks: stop, and the late answer is dropped */
    v.over = 1;
    v.my_turn = 0;
    engine_seat_update(s, &v, 3100);
    TAP_STR_EQ(take(s), "stop\n", "stop when the game ended under it");
    engine_seat_line(s, &v, "bestmove g1f3", 3150);
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 0, "the late move is dropped");
    TAP_OK(engine_seat_failure(s) == NULL, "and that is no failure");

    ops->reset(g);
    view_of(&v, ops, g, 2, GAME_SIDE_P2);
    engine_seat_update(s, &v, 4000);
    TAP_STR_EQ(take(s), "ucinewgame\nisready\n", "the rematch is a new game");
    engine_seat_line(s, &v, "readyok", 4001);
    TAP_STR_EQ(take(s), "", "black waits for white");
    uci_parse_move("d2d4", &theirs);
    ops->apply(g, &theirs);
    view_of(&v, ops, g, 2, GAME_SIDE_P2);
    engine_seat_update(s, &v, 4100);
    TAP_STR_EQ(take(s), "position startpos moves d2d4\ngo movetime 200\n", "black is asked");
    engine_seat_line(s, &v, "bestmove d7d3", 4200);
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 0, "an illegal move is not played");
    TAP_STR_EQ(engine_seat_failure(s), "the engine played an illegal move: d7d3 (illegal move)",
               "it is reported");
    engine_seat_destroy(s);

    /* garbage where a move was expected */
    s = engine_seat_create(&cfg, err, sizeof err);
    memset(&v, 0, sizeof v);
    engine_seat_update(s, &v, 0);
    engine_seat_line(s, &v, "uciok", 1);
    engine_seat_line(s, &v, "readyok", 1);
    ops->reset(g);
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    engine_seat_update(s, &v, 2);
    engine_seat_line(s, &v, "readyok", 3);
    engine_seat_line(s, &v, "bestmove", 4);
    TAP_STR_EQ(engine_seat_failure(s), "the engine answered garbage: bestmove without a move",
               "a bestmove without a move is reported");
    engine_seat_destroy(s);

    /* a hang at the handshake */
    s = engine_seat_create(&cfg, err, sizeof err);
    memset(&v, 0, sizeof v);
    engine_seat_update(s, &v, 500);
    engine_seat_check_time(s, 10499);
    TAP_OK(engine_seat_failure(s) == NULL, "still in time");
    engine_seat_check_time(s, 10500);
    TAP_STR_EQ(engine_seat_failure(s), "the engine did not answer uci within 10000 ms",
               "a silent engine is reported");
    engine_seat_destroy(s);

    /* a chess engine seated at Gomoku */
    s = engine_seat_create(&cfg, err, sizeof err);
    engine_seat_update(s, &v, 0);
    engine_seat_line(s, &v, "uciok", 0);
    engine_seat_line(s, &v, "readyok", 0);
    {
        game_options go = {GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, 15};
        game *gg = game_gomoku_ops.create(&go);
        view_of(&v, &game_gomoku_ops, gg, 1, GAME_SIDE_P1);
        engine_seat_update(s, &v, 1);
        TAP_STR_EQ(engine_seat_failure(s), "a UCI (chess) engine cannot play gomoku",
                   "the wrong game is reported");
        game_gomoku_ops.destroy(gg);
    }
    engine_seat_destroy(s);
    ops->destroy(g);

    cfg.options[0] = "Skill Level";
    TAP_OK(engine_seat_create(&cfg, err, sizeof err) == NULL, "an option without a value");
    TAP_STR_EQ(err, "engine option 'Skill Level' is not NAME=VALUE", "is refused");
}

static engine_seat *gomocup_seat(void)
{
    engine_seat_config cfg;
    char err[160];
    memset(&cfg, 0, sizeof cfg);
    cfg.protocol = ENGINE_PROTOCOL_GOMOCUP;
    cfg.options[0] = "max_memory=83886080";
    cfg.option_count = 1;
    cfg.movetime_ms = 500;
    return engine_seat_create(&cfg, err, sizeof err);
}

/* A Gomocup seat for v's game whose START was answered OK, its output
 * taken. */
static engine_seat *started(const engine_seat_view *v)
{
    engine_seat *s = gomocup_seat();
    engine_seat_update(s, v, 0);
    engine_seat_line(s, v, "OK", 1);
    take(s);
    return s;
}

/* The failure after one line from a started seat. */
static void after_line(const engine_seat_view *v, const char *line, const char *want,
                       const char *what)
{
    engine_seat *s = started(v);
    engine_seat_line(s, v, line, 2);
    TAP_STR_EQ(engine_seat_failure(s), want, "%s", what);
    engine_seat_destroy(s);
}

static void test_gomocup(void)
{
    game_options opt = {GAME_KIND_GOMOKU, GAME_RULE_RENJU, 15, 15};
    const game_ops *ops = &game_gomoku_ops;
    game *g = ops->create(&opt);
    engine_seat_view v;
    engine_seat *s = gomocup_seat();
    game_move m, w = stone(0, 0);
    TAP_STR_EQ(take(s), "", "a Gomocup seat says nothing before the game");
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    engine_seat_update(s, &v, 100);
    TAP_STR_EQ(take(s), "START 15\n", "START with the board size");
    engine_seat_line(s, &v, "MESSAGE hello", 101);
    engine_seat_line(s, &v, "OK", 102);
    TAP_STR_EQ(take(s),
               "INFO rule 4\nINFO timeout_match 0\nINFO max_memory 83886080\n"
               "INFO timeout_turn 500\nINFO time_left 2147483647\nBEGIN\n",
               "the rule, the times, the options, then BEGIN");
    {
        char note[160];
        TAP_OK(engine_seat_next_note(s, note, sizeof note) && strcmp(note, "engine: hello") == 0,
               "MESSAGE becomes a note");
    }
    engine_seat_line(s, &v, "DEBUG thinking", 110);
    engine_seat_line(s, &v, "7,7", 120);
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 1, "a move");
    TAP_OK(m.to_x == 7 && m.to_y == 7 && m.from_x == GAME_NO_SQUARE, "h8: 7,7 from the top");
    ops->apply(g, &m);
    ops->apply(g, &w);
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    v.clock = 1;
    v.p1_ms = 60000;
    v.p2_ms = 60000;
    v.increment_ms = 1000;
    v.turn_ms = 4000; /* engine_clock_tell's share: test_engine_clock */
    engine_seat_update(s, &v, 200);
    TAP_STR_EQ(take(s), "INFO timeout_turn 4000\nINFO time_left 60000\nTURN 0,14\n",
               "the opponent's move as TURN, with the clock");
    engine_seat_line(s, &v, "ERROR too slow", 210);
    TAP_STR_EQ(engine_seat_failure(s), "the engine refused a move: ERROR too slow",
               "an ERROR for a move is a failure");
    engine_seat_destroy(s);

    /* a resumed game: the seat sends the whole board */
    s = gomocup_seat();
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    engine_seat_update(s, &v, 0);
    take(s);
    engine_seat_line(s, &v, "OK", 1);
    TAP_STR_EQ(take(s),
               "INFO rule 4\nINFO timeout_match 0\nINFO max_memory 83886080\n"
               "INFO timeout_turn 500\nINFO time_left 2147483647\nBOARD\n7,7,1\n0,14,2\nDONE\n",
               "BOARD with own (1) and opponent's (2) stones");
    engine_seat_line(s, &v, "7,7", 2);
    TAP_STR_EQ(engine_seat_failure(s), "the engine played an illegal move: 7,7 (occupied)",
               "an occupied point is reported");
    engine_seat_destroy(s);

    /* Renju: black never plays a forbidden point */
    ops->reset(g);
    {
        static const int xy[][2] = {{7, 5}, {0, 0}, {7, 6}, {0, 2}, {5, 7}, {0, 4}, {6, 7}, {0, 6}};
        for (size_t i = 0; i < sizeof xy / sizeof xy[0]; i++) {
            m = stone(xy[i][0], xy[i][1]);
            ops->apply(g, &m);
        }
    }
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    after_line(&v, "7,7", "the engine played a forbidden move: 7,7 (forbidden double-three)",
               "a forbidden double-three is reported");

    /* garbage, off the board, refusing START, exiting */
    after_line(&v, "I resign", "the engine answered garbage: 'I resign' is not a Gomocup answer",
               "garbage is reported");
    after_line(&v, "15,3", "the engine played 15,3, off the board", "off the board");
    s = gomocup_seat();
    engine_seat_update(s, &v, 0);
    engine_seat_line(s, &v, "ERROR unsupported size", 1);
    TAP_STR_EQ(engine_seat_failure(s), "the engine refused START: ERROR unsupported size",
               "a refused START");
    engine_seat_destroy(s);
    s = started(&v);
    engine_seat_exited(s, "exited with status 3");
    TAP_STR_EQ(engine_seat_failure(s), "the engine exited with status 3", "an exit");
    TAP_INT_EQ(engine_seat_deadline(s), 0, "a failed seat has no deadline");
    engine_seat_destroy(s);

    /* a move nobody asked for */
    s = gomocup_seat();
    ops->reset(g);
    view_of(&v, ops, g, 1, GAME_SIDE_P2);
    engine_seat_update(s, &v, 0);
    engine_seat_line(s, &v, "OK", 1);
    TAP_STR_EQ(take(s), "START 15\n", "white waits after START");
    engine_seat_line(s, &v, "3,3", 2);
    TAP_STR_EQ(engine_seat_failure(s), "the engine played 3,3 when no move was asked",
               "an unasked move is reported");
    engine_seat_destroy(s);

    /* the rematch restarts the brain; out of step it restarts too */
    s = gomocup_seat();
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    engine_seat_update(s, &v, 0);
    engine_seat_line(s, &v, "OK", 1);
    take(s);
    engine_seat_line(s, &v, "7,7", 2);
    engine_seat_take_move(s, &v, &m);
    ops->reset(g);
    view_of(&v, ops, g, 2, GAME_SIDE_P2);
    engine_seat_update(s, &v, 10);
    TAP_STR_EQ(take(s), "RESTART\n", "RESTART for the next game");
    engine_seat_line(s, &v, "OK", 11);
    m = stone(7, 7);
    ops->apply(g, &m);
    m = stone(8, 8);
    ops->apply(g, &m); /* played while we were away */
    m = stone(9, 9);
    ops->apply(g, &m);
    view_of(&v, ops, g, 2, GAME_SIDE_P2);
    engine_seat_update(s, &v, 12);
    TAP_STR_EQ(take(s),
               "INFO rule 4\nINFO timeout_match 0\nINFO max_memory 83886080\n"
               "INFO timeout_turn 500\nINFO time_left 2147483647\nBOARD\n7,7,2\n8,6,1\n9,5,2\n"
               "DONE\n",
               "a brain that knows nothing gets BOARD");
    engine_seat_line(s, &v, "5,5", 13);
    TAP_INT_EQ(engine_seat_take_move(s, &v, &m), 1, "its move");
    ops->apply(g, &m);
    m = stone(0, 0);
    ops->apply(g, &m);
    m = stone(1, 1); /* our move, made elsewhere: the brain is out of step */
    ops->apply(g, &m);
    m = stone(2, 2);
    ops->apply(g, &m);
    view_of(&v, ops, g, 2, GAME_SIDE_P2);
    engine_seat_update(s, &v, 20);
    TAP_STR_EQ(take(s), "RESTART\n", "out of step: RESTART first");
    engine_seat_line(s, &v, "OK", 21);
    TAP_OK(strstr(take(s), "BOARD\n7,7,2\n8,6,1\n9,5,2\n5,5,1\n0,14,2\n1,13,1\n2,12,2\nDONE\n") !=
               NULL,
           "then the whole board");
    engine_seat_check_time(s, 21 + 500 + 3000);
    TAP_STR_EQ(engine_seat_failure(s), "the engine did not answer a move within 3500 ms",
               "a hung brain is reported");
    engine_seat_destroy(s);
    ops->destroy(g);
}

/* A swap2 opening's decisions through SWAP2BOARD: the first three stones
 * on an empty board, SWAP, a white move, two more stones; answers that do
 * not fit the position fail the seat; no move is asked during the opening. */
static void test_swap2(void)
{
    game_options opt = {GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, 15};
    const game_ops *ops = &game_gomoku_ops;
    game *g = ops->create(&opt);
    engine_seat_view v;
    engine_seat_swap2 r;
    engine_seat *s;
    game_move h8 = stone(7, 7), i9 = stone(8, 8), j8 = stone(9, 7);
    view_of(&v, ops, g, 1, GAME_SIDE_P1);
    v.in_opening = 1;
    s = started(&v);
    TAP_STR_EQ(take(s), "", "in an opening, without a swap2 decision due, nothing is asked");
    v.swap2 = 1;
    engine_seat_update(s, &v, 10);
    TAP_STR_EQ(take(s),
               "INFO rule 0\nINFO timeout_match 0\nINFO max_memory 83886080\n"
               "INFO timeout_turn 500\nINFO time_left 2147483647\nSWAP2BOARD\nDONE\n",
               "an empty board: SWAP2BOARD with no stone");
    engine_seat_line(s, &v, "7,7 8,6 8,8", 20);
    TAP_OK(engine_seat_take_swap2(s, &v, &r) && !r.swap && r.n == 3 && r.stones[0].to_x == 7 &&
               r.stones[0].to_y == 7 && r.stones[1].to_x == 8 && r.stones[1].to_y == 8 &&
               r.stones[2].to_y == 6,
           "three stones, rows counted from the bottom");
    TAP_OK(!engine_seat_take_swap2(s, &v, &r), "handed out once");
    engine_seat_destroy(s);

    ops->apply(g, &h8);
    ops->apply(g, &i9);
    ops->apply(g, &j8);
    view_of(&v, ops, g, 1, GAME_SIDE_P2);
    v.in_opening = 1;
    v.my_turn = 1; /* the second player chooses */
    v.swap2 = 1;
    s = started(&v);
    TAP_STR_EQ(strstr(out, "SWAP2BOARD"), "SWAP2BOARD\n7,7\n8,6\n9,7\nDONE\n",
               "three stones: sent in order, from the top");
    engine_seat_line(s, &v, "SWAP", 20);
    TAP_OK(engine_seat_take_swap2(s, &v, &r) && r.swap, "SWAP: the engine takes black");
    engine_seat_destroy(s);
    s = started(&v);
    engine_seat_line(s, &v, "9,9", 20);
    TAP_OK(engine_seat_take_swap2(s, &v, &r) && !r.swap && r.n == 1 && r.stones[0].to_x == 9,
           "a move: the engine takes white");
    v.in_opening = v.swap2 = 0; /* it chose white: a move is asked, the board whole */
    engine_seat_update(s, &v, 30);
    TAP_OK(strstr(take(s), "BOARD\n7,7,2\n8,6,1\n9,7,2\nDONE\n") != NULL,
           "after the opening the position goes whole");
    engine_seat_destroy(s);
    v.in_opening = v.swap2 = 1;
    s = started(&v);
    engine_seat_line(s, &v, "1,1 2,2", 20);
    TAP_OK(engine_seat_take_swap2(s, &v, &r) && r.n == 2, "two stones: place two more");
    engine_seat_destroy(s);
    after_line(&v, "7,7", "the engine answered SWAP2BOARD with 7,7: off the board or taken",
               "a taken point fails the seat");
    after_line(&v, "1,1 2,2 3,3", "the engine answered SWAP2BOARD on 3 stones with three stones",
               "three stones on three fail the seat");
    after_line(&v, "1,1 1,1", "the engine answered SWAP2BOARD with 1,1 twice",
               "a point twice fails the seat");
    v.swap2 = 0;
    after_line(&v, "SWAP", "the engine answered SWAP when no SWAP2BOARD was asked",
               "SWAP unasked fails the seat");
    ops->destroy(g);
}

int main(void)
{
    test_uci();
    test_gomocup();
    test_swap2();
    return tap_done();
}
