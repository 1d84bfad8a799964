/* uci_codec.h: the lines of the Universal Chess Interface, the protocol a
 * chess GUI speaks with an engine (Stockfish and every other) over its
 * stdin/stdout. Pure: lines in, lines out, no I/O.
 *
 * The GUI (here the bot) writes: uci, setoption name N value V, isready,
 * ucinewgame, position startpos moves ..., go wtime .. btime .. winc ..
 * binc .. (or go movetime N), stop, quit. The engine answers: id ...,
 * option ..., uciok, readyok, info ..., bestmove MOVE [ponder MOVE].
 * Lines the protocol does not know are ignored, as UCI asks (engines print
 * a banner first); a known line of the wrong shape is an error.
 */
#ifndef MATCHBOARD_UCI_CODEC_H
#define MATCHBOARD_UCI_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"

typedef enum uci_msg_type {
    UCI_MSG_IGNORED = 0, /* a banner, an empty line, a word UCI does not know */
    UCI_MSG_ID,          /* id name ... / id author ...: text */
    UCI_MSG_OPTION,      /* option name ...: text is the rest */
    UCI_MSG_UCIOK,
    UCI_MSG_READYOK,
    UCI_MSG_INFO,     /* info ...: text is the rest */
    UCI_MSG_BESTMOVE, /* bestmove: move (and ponder, when given) */
} uci_msg_type;

#define UCI_TEXT_SIZE 256

typedef struct uci_msg {
    uci_msg_type type;
    game_move move; /* UCI_MSG_BESTMOVE */
    char move_text[32];
    char text[UCI_TEXT_SIZE];
} uci_msg;

/* Parses one line from the engine (without its newline; a trailing '\r' is
 * ignored). 0 and *out, or -1 with a one-line reason in err ("bestmove
 * without a move", "bestmove 'z9' is not a move"). */
int uci_parse_line(const char *line, uci_msg *out, char *err, size_t errcap);

/* Reads a move in UCI's long algebraic notation ("e2e4", "e7e8q") into the
 * coordinates of game.h. 0, or -1 when it is not one. */
int uci_parse_move(const char *text, game_move *out);

/* The commands, each written as one line with its '\n' into buf;
 * snprintf-style: the length needed, or -1 for bad arguments. */
int uci_write_setoption(char *buf, size_t cap, const char *name, const char *value);
/* position startpos [moves m1 m2 ...] */
int uci_write_position(char *buf, size_t cap, const game_move *moves, size_t count);

/* What go says: with a clock, each side's time left and increment;
 * without, a fixed time per move. */
typedef struct uci_go {
    int clock;             /* 1: the four times below; 0: movetime */
    uint32_t wtime, btime; /* ms left for white and black */
    uint32_t winc, binc;   /* ms added per move */
    uint32_t movetime;     /* ms for this move when clock is 0 */
} uci_go;
int uci_write_go(char *buf, size_t cap, const uci_go *go);

#endif
