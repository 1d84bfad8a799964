/* engine_seat.h: an engine (Stockfish over UCI, a Gomoku brain over the
 * Gomocup protocol) in a player's seat, as a pure state machine in the
 * manner of client.h: no process, no clock, no I/O.
 *
 * The application (matchboard-bot) tells the seat what the game looks like
 * now (engine_seat_view: the client's game, whose turn, the clocks) after
 * every change, and hands it each line the engine printed. The seat writes
 * the engine's commands into its output (text lines, read with
 * engine_seat_output), keeps the engine in step with the game (new games,
 * the moves played, a resumed game sent whole), and when the engine has
 * answered with a move for the position of the view, that move is ready
 * (engine_seat_take_move), checked against the rules first.
 *
 * An engine that answers garbage, an illegal or (Renju) forbidden move,
 * refuses a command, exits, or does not answer by its deadline puts the
 * seat in its failed state (engine_seat_failure says why in one line); the
 * application then resigns the game. The deadline of each question is
 * engine_seat_deadline; the application calls engine_seat_check_time when
 * it has passed.
 */
#ifndef MATCHBOARD_ENGINE_SEAT_H
#define MATCHBOARD_ENGINE_SEAT_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"

typedef enum engine_protocol {
    ENGINE_PROTOCOL_UCI = 1,     /* chess */
    ENGINE_PROTOCOL_GOMOCUP = 2, /* Gomoku */
} engine_protocol;

/* The protocol that seats an engine for a game kind (0 for none). */
engine_protocol engine_protocol_for_kind(game_kind kind);

#define ENGINE_SEAT_MAX_OPTIONS 16

typedef struct engine_seat_config {
    engine_protocol protocol;
    /* "Name=Value" each: UCI setoption name Name value Value; Gomocup
     * INFO Name Value. Copied. */
    const char *options[ENGINE_SEAT_MAX_OPTIONS];
    size_t option_count;
    uint32_t movetime_ms;  /* time per move when the game has no clock (0: 1000) */
    uint32_t handshake_ms; /* time to answer uci / isready / START (0: 10000) */
    uint32_t grace_ms;     /* past its time before it counts as hung (0: 3000) */
} engine_seat_config;

/* The game as the application sees it now. */
typedef struct engine_seat_view {
    const game_ops *ops; /* NULL before the first game */
    const game *g;
    uint32_t game_no; /* counts the games (STARTs) the connection has had */
    game_side side;   /* the seat's side in this game */
    int my_turn;      /* our move, none pending at the server */
    int over;         /* the game is over */
    int clock;        /* 1: the times below are known */
    /* each side's time before its flag falls (with a simple delay's
     * delay for its move), what each later move gets (the increment plus
     * a delay clock's delay), and this move's share for Gomocup's
     * timeout_turn: engine_clock.h */
    uint32_t p1_ms, p2_ms, increment_ms, turn_ms;
    int in_opening; /* a Gomoku opening rule's steps are due: no move is asked */
    int swap2;      /* Gomocup, with my_turn: a swap / swap2 decision of ours is
                       due on the game's stones (0, 3 or 5): SWAP2BOARD */
} engine_seat_view;

/* The engine's SWAP2BOARD answer. */
typedef struct engine_seat_swap2 {
    int swap; /* 1: SWAP, the engine takes black */
    int n;    /* else the stones it gives, in order: 3 on an empty
                 board; 1 (a white move: it takes white) or, on 3
                 stones, 2 (place two more) */
    game_move stones[3];
} engine_seat_swap2;

typedef struct engine_seat engine_seat;

/* A seat whose output holds the engine's first command (UCI: "uci").
 * NULL without memory or for a config it cannot use (an option without
 * '=', an unknown protocol); then err says why. */
engine_seat *engine_seat_create(const engine_seat_config *cfg, char *err, size_t errcap);
void engine_seat_destroy(engine_seat *s);

/* The game changed (or time passed): the seat sends what the engine needs
 * (a new game, the position and "go"). */
void engine_seat_update(engine_seat *s, const engine_seat_view *v, uint64_t now_ms);

/* One line the engine printed (without the newline). */
void engine_seat_line(engine_seat *s, const engine_seat_view *v, const char *line, uint64_t now_ms);

/* The engine's process ended: how says why ("exited with status 3"). */
void engine_seat_exited(engine_seat *s, const char *how);

/* Queues the engine's goodbye (UCI "quit", Gomocup "END"). */
void engine_seat_quit(engine_seat *s);

/* When the current question must be answered by (ms of the same clock as
 * now_ms), or 0 when none is open. */
uint64_t engine_seat_deadline(const engine_seat *s);
/* Fails the seat if the deadline has passed. */
void engine_seat_check_time(engine_seat *s, uint64_t now_ms);

/* Text for the engine's stdin; consume what was written. */
const char *engine_seat_output(const engine_seat *s, size_t *len);
void engine_seat_output_consume(engine_seat *s, size_t n);

/* 1 and *m when the engine's move for the view's position is ready (then
 * it is handed out once), else 0. */
int engine_seat_take_move(engine_seat *s, const engine_seat_view *v, game_move *m);

/* 1 and *out when the engine's SWAP2BOARD answer for the view's position
 * (view.swap2 set) is ready, checked (points free, on the board, distinct,
 * as many as the position allows); handed out once. */
int engine_seat_take_swap2(engine_seat *s, const engine_seat_view *v, engine_seat_swap2 *out);

/* NULL while all is well; else why the engine failed, in one line. */
const char *engine_seat_failure(const engine_seat *s);

/* Pops one note for the user (the engine's MESSAGE, its name, an ERROR
 * it survived): 1 and the text, or 0 when there is none. */
int engine_seat_next_note(engine_seat *s, char *buf, size_t cap);

/* The engine's name from UCI "id name", or "" when it gave none. */
const char *engine_seat_name(const engine_seat *s);

#endif
