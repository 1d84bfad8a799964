/* gomocup.h: the Gomocup ("pbrain") protocol codec, sans I/O.
 *
 * A manager (Piskvork, the Gomocup judge, matchboard-bot's engine seat)
 * sends one command a line; the brain answers with lines. This module turns
 * one received line into a `gomocup_cmd` and writes the brain's answers; it
 * knows nothing of the game or the engine. Coordinates are the protocol's:
 * x the column and y the row, both from 0 at the top left.
 *
 * Commands: START n, RECTSTART w,h, RESTART, BEGIN, TURN x,y, PLAY x,y,
 * BOARD, SWAP2BOARD, DONE, INFO key value, END, ABOUT, TAKEBACK x,y; inside
 * BOARD the lines "x,y,field" and inside SWAP2BOARD the lines "x,y".
 */
#ifndef MATCHBOARD_GOMOCUP_H
#define MATCHBOARD_GOMOCUP_H

#include <stddef.h>

enum {
    GOMOCUP_MAX_LINE = 1024, /* longer lines are cut (the spec allows it) */
    GOMOCUP_MAX_COORD = 999,
};

typedef enum gomocup_kind {
    GOMOCUP_START,     /* n in w (== h) */
    GOMOCUP_RECTSTART, /* w, h */
    GOMOCUP_RESTART,
    GOMOCUP_BEGIN,
    GOMOCUP_TURN,       /* x, y: the opponent's move */
    GOMOCUP_PLAY,       /* x, y: the brain must play this move */
    GOMOCUP_BOARD,      /* then GOMOCUP_FIELD lines, then DONE */
    GOMOCUP_SWAP2BOARD, /* then GOMOCUP_POINT lines, then DONE */
    GOMOCUP_DONE,
    GOMOCUP_INFO, /* key, value */
    GOMOCUP_END,
    GOMOCUP_ABOUT,
    GOMOCUP_TAKEBACK, /* x, y */
    GOMOCUP_FIELD,    /* "x,y,field": x, y, field (1 own, 2 opponent, 3 winning line) */
    GOMOCUP_POINT,    /* "x,y" alone on a line */
} gomocup_kind;

typedef enum gomocup_error {
    GOMOCUP_OK = 0,
    GOMOCUP_ERR_EMPTY,     /* nothing but spaces: managers ignore those */
    GOMOCUP_ERR_UNKNOWN,   /* not a command of the protocol: answer UNKNOWN */
    GOMOCUP_ERR_ARGUMENTS, /* missing, extra or malformed arguments */
    GOMOCUP_ERR_RANGE,     /* a number out of range */
} gomocup_error;

/* The INFO keys the brain acts on; others are GOMOCUP_INFO_OTHER. */
typedef enum gomocup_info_key {
    GOMOCUP_INFO_OTHER,
    GOMOCUP_INFO_TIMEOUT_TURN,  /* ms, 0 = play as fast as possible */
    GOMOCUP_INFO_TIMEOUT_MATCH, /* ms, 0 = no limit */
    GOMOCUP_INFO_TIME_LEFT,     /* ms left of the match */
    GOMOCUP_INFO_MAX_MEMORY,    /* bytes, 0 = no limit */
    GOMOCUP_INFO_GAME_TYPE,
    GOMOCUP_INFO_RULE, /* bitmask, see GOMOCUP_RULE_* */
    GOMOCUP_INFO_EVALUATE,
    GOMOCUP_INFO_FOLDER,
} gomocup_info_key;

/* Bits of INFO rule. */
enum {
    GOMOCUP_RULE_EXACT5 = 1,
    GOMOCUP_RULE_CONTINUOUS = 2,
    GOMOCUP_RULE_RENJU = 4,
    GOMOCUP_RULE_CARO = 8,
};

typedef struct gomocup_cmd {
    gomocup_kind kind;
    int x, y, field;       /* TURN, PLAY, TAKEBACK, FIELD, POINT */
    int w, h;              /* START (w == h), RECTSTART */
    gomocup_info_key info; /* INFO */
    long long number;      /* INFO value when it is a number, else -1 */
    char key[32];          /* INFO key as sent (lower case) */
    char value[256];       /* INFO value as sent */
} gomocup_cmd;

/* Parses one line (without or with its CR/LF). On an error fills *why (a
 * message for the ERROR / UNKNOWN answer, if why != NULL) and returns it. */
gomocup_error gomocup_parse(const char *line, gomocup_cmd *out, const char **why);

/* "ok", "empty line", "unknown command", "bad arguments", "number out of range". */
const char *gomocup_strerror(gomocup_error e);

/* Answers, written into buf without a line end. Each returns the length or
 * -1 when buf is too small. */
int gomocup_format_move(char *buf, size_t cap, int x, int y);          /* "x,y" */
int gomocup_format_moves(char *buf, size_t cap, const int *xy, int n); /* "x,y x,y ..." */
int gomocup_format_text(char *buf, size_t cap, const char *word,
                        const char *text); /* "WORD text" */

#endif
