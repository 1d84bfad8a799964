/* gomocup_codec.h: the lines of the Gomocup ("pbrain") protocol, the one
 * Gomoku managers (Piskvork, Yixin-Board) speak with an engine (a "brain")
 * over its stdin/stdout. Pure: lines in, lines out, no I/O.
 *
 * The manager (here the bot) writes: START size / RECTSTART w,h (answer OK
 * or ERROR), RESTART (OK), INFO key value (no answer), BEGIN (the brain
 * plays first), TURN x,y (the opponent's move; answer a move), BOARD then
 * one "x,y,who" line per stone and DONE (a whole position; answer a move),
 * END; SWAP2BOARD, one "x,y" line per stone of a swap2 opening and DONE
 * (answer SWAP, a move, or two or three stones "x,y x,y [x,y]"). The brain
 * answers: x,y (a move), OK, ERROR text, UNKNOWN text, MESSAGE text, DEBUG
 * text, SUGGEST x,y, SWAP, x,y x,y [x,y]. Anything else is garbage.
 *
 * Coordinates: Gomocup counts x (column) from 0 at the left and y (row)
 * from 0 at the top; game.h counts rows from Player1's side (the bottom).
 */
#ifndef MATCHBOARD_GOMOCUP_CODEC_H
#define MATCHBOARD_GOMOCUP_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"

typedef enum gomocup_msg_type {
    GOMOCUP_MSG_MOVE = 1, /* x,y */
    GOMOCUP_MSG_OK,
    GOMOCUP_MSG_ERROR,   /* ERROR text */
    GOMOCUP_MSG_UNKNOWN, /* UNKNOWN text: a command it does not know */
    GOMOCUP_MSG_MESSAGE, /* MESSAGE text: for the user */
    GOMOCUP_MSG_DEBUG,   /* DEBUG text */
    GOMOCUP_MSG_SUGGEST, /* SUGGEST x,y: a proposal the manager may ignore */
    GOMOCUP_MSG_SWAP,    /* SWAP: a SWAP2BOARD answer, the brain takes black */
    GOMOCUP_MSG_STONES,  /* x,y x,y [x,y]: a SWAP2BOARD answer of 2 or 3 stones */
} gomocup_msg_type;

#define GOMOCUP_TEXT_SIZE 256

typedef struct gomocup_msg {
    gomocup_msg_type type;
    int x, y;     /* GOMOCUP_MSG_MOVE, GOMOCUP_MSG_SUGGEST: Gomocup coordinates */
    int n, xy[6]; /* GOMOCUP_MSG_STONES: n stones, x and y each */
    char text[GOMOCUP_TEXT_SIZE];
} gomocup_msg;

/* Parses one line from the brain (without its newline; a trailing '\r' is
 * ignored). 0 and *out, or -1 with a one-line reason in err ("'hello' is
 * not a Gomocup answer"). Keywords are read in any case. */
int gomocup_parse_line(const char *line, gomocup_msg *out, char *err, size_t errcap);

/* Gomocup's "rule" INFO value for a game_rule: 0 freestyle, 1 exactly
 * five (standard), 4 Renju. */
int gomocup_rule_bits(game_rule rule);

/* Between Gomocup's x,y and game.h's move on a board `height` rows high.
 * gomocup_to_move fails (-1) off a width x height board. */
void gomocup_from_move(const game_move *m, int height, int *x, int *y);
int gomocup_to_move(int x, int y, int width, int height, game_move *out);

/* The commands, each written as one line with its '\n' into buf;
 * snprintf-style: the length needed. */
/* START size for a square board, RECTSTART w,h for another. */
int gomocup_write_start(char *buf, size_t cap, int width, int height);
/* INFO key value: value as text ("1000", a folder). */
int gomocup_write_info(char *buf, size_t cap, const char *key, const char *value);
/* TURN x,y; and one "x,y,who" line of BOARD (who 1: the brain's own
 * stone, 2: the opponent's). */
int gomocup_write_turn(char *buf, size_t cap, int x, int y);
int gomocup_write_board_stone(char *buf, size_t cap, int x, int y, int who);

#endif
