/* gomoku.h: the Gomoku rules engine (freestyle, standard, Renju).
 *
 * Pure C11: no I/O, no allocation, no global state. A `gomoku` is a plain
 * struct the caller owns (on the stack or inside another struct); every
 * function works on it alone. Points are (x, y) with x the column from the
 * left and y the row from the bottom: a1 is (0, 0). Black moves first.
 *
 * Rules:
 *  - freestyle: five or more in a row wins, for both colours;
 *  - standard: exactly five wins, for both colours;
 *  - renju: white wins with five or more; black wins only with exactly five
 *    and may not play an overline, a double-four or a double-three, as the
 *    RIF defines them (a three counts only if the stone that would make it a
 *    straight four is itself allowed). A move that makes a five always wins.
 * A full board with no winner is a draw; so is a Renju position where black
 * is to move and every empty point is forbidden to black.
 */
#ifndef MATCHBOARD_GOMOKU_H
#define MATCHBOARD_GOMOKU_H

#include <stddef.h>
#include <stdint.h>

enum {
    GOMOKU_MIN_SIZE = 5,
    GOMOKU_MAX_SIZE = 25,
    GOMOKU_DEFAULT_SIZE = 15,
    GOMOKU_MAX_POINTS = GOMOKU_MAX_SIZE * GOMOKU_MAX_SIZE,
    /* Stones of all winning lines of one move: the stone and up to 8 more in
     * each of the 4 directions. */
    GOMOKU_MAX_WIN_STONES = 1 + 4 * 8,
    GOMOKU_STRIDE = GOMOKU_MAX_SIZE + 2, /* padded row length (internal) */
};

typedef enum gomoku_rule {
    GOMOKU_FREESTYLE = 0,
    GOMOKU_STANDARD = 1,
    GOMOKU_RENJU = 2,
} gomoku_rule;

typedef enum gomoku_stone {
    GOMOKU_EMPTY = 0,
    GOMOKU_BLACK = 1,
    GOMOKU_WHITE = 2,
    GOMOKU_WALL = 3, /* internal: the border around the board */
} gomoku_stone;

/* Why a stone may not go on a point. GOMOKU_OK means it may. */
typedef enum gomoku_verdict {
    GOMOKU_OK = 0,
    GOMOKU_OFF_BOARD,
    GOMOKU_OCCUPIED,
    GOMOKU_NOT_YOUR_TURN,
    GOMOKU_GAME_OVER,
    GOMOKU_DOUBLE_THREE, /* Renju, black only */
    GOMOKU_DOUBLE_FOUR,  /* Renju, black only */
    GOMOKU_OVERLINE,     /* Renju, black only */
} gomoku_verdict;

typedef enum gomoku_status {
    GOMOKU_PLAYING = 0,
    GOMOKU_BLACK_WON,
    GOMOKU_WHITE_WON,
    GOMOKU_DRAW,
} gomoku_status;

typedef struct gomoku_point {
    uint8_t x, y;
} gomoku_point;

/* A game. Read it only through the functions below. */
typedef struct gomoku {
    uint8_t size;
    uint8_t rule;   /* gomoku_rule */
    uint8_t status; /* gomoku_status */
    uint8_t turn;   /* gomoku_stone to move */
    uint16_t nmoves, nsetup, nwin;
    uint8_t cell[GOMOKU_STRIDE * GOMOKU_STRIDE]; /* padded, border = WALL */
    uint16_t moves[GOMOKU_MAX_POINTS];           /* cell indexes played */
    uint16_t win[GOMOKU_MAX_WIN_STONES];         /* winning stones */
} gomoku;

/* Starts an empty game. Returns 0, or -1 (game untouched) if size is not in
 * GOMOKU_MIN_SIZE..GOMOKU_MAX_SIZE or rule is unknown. */
int gomoku_init(gomoku *g, int size, gomoku_rule rule);

/* Back to the empty board, same size and rule, black to move. */
void gomoku_reset(gomoku *g);

int gomoku_size(const gomoku *g);
gomoku_rule gomoku_get_rule(const gomoku *g);

/* The stone on (x, y); GOMOKU_WALL when off the board. */
gomoku_stone gomoku_at(const gomoku *g, int x, int y);

/* The colour to move; GOMOKU_EMPTY once the game is over. */
gomoku_stone gomoku_to_move(const gomoku *g);

gomoku_status gomoku_get_status(const gomoku *g);

/* Could `side` put a stone on (x, y) in this position, whoever's turn it is
 * and whether or not the game is over? Off the board, occupied, or (Renju,
 * black) forbidden; GOMOKU_OK otherwise, including for every winning move. */
gomoku_verdict gomoku_judge(const gomoku *g, gomoku_stone side, int x, int y);

/* As gomoku_judge, but first GOMOKU_GAME_OVER once the game is over and
 * GOMOKU_NOT_YOUR_TURN if side is not the colour to move. */
gomoku_verdict gomoku_check(const gomoku *g, gomoku_stone side, int x, int y);

/* Under Renju: would a black stone on the empty point (x, y) be an
 * overline, a double-four or a double-three? GOMOKU_OK if not, if it makes
 * a five, if the point is off the board or taken, or under other rules. */
gomoku_verdict gomoku_is_forbidden(const gomoku *g, int x, int y);

/* Would `side` win at once by a stone on the empty point (x, y)? */
int gomoku_wins_at(const gomoku *g, gomoku_stone side, int x, int y);

/* Plays (x, y) for the colour to move after gomoku_check; updates the
 * result. Returns the verdict; the game changes only on GOMOKU_OK. */
gomoku_verdict gomoku_play(gomoku *g, int x, int y);

/* Takes back the last move. Returns 0, or -1 if no move was played. */
int gomoku_undo(gomoku *g);

/* Puts a stone of a given colour on (x, y) as part of the start position
 * (a problem, an SGF AB/AW property): no turn change, not in the history,
 * not undone. Only before the first move. Returns 0, or -1 if off the board,
 * occupied, not a colour, or moves were already played. */
int gomoku_setup(gomoku *g, int x, int y, gomoku_stone stone);

/* Sets the colour to move of a start position (before the first move).
 * Returns 0, or -1. */
int gomoku_set_turn(gomoku *g, gomoku_stone side);

/* Moves played (setup stones excluded). */
int gomoku_move_count(const gomoku *g);
/* The idx-th move (0-based). Returns 0, or -1 if idx is out of range. */
int gomoku_move_at(const gomoku *g, int idx, gomoku_point *out);

/* The stones of the winning line(s) once a side has won: copies up to cap
 * of them and returns how many there are (0 while nobody has won). */
size_t gomoku_win_stones(const gomoku *g, gomoku_point *out, size_t cap);

/* The points forbidden to black in this position (Renju only; empty
 * otherwise or once the game is over), whoever is to move: copies up to cap
 * and returns how many there are. */
size_t gomoku_forbidden_points(const gomoku *g, gomoku_point *out, size_t cap);

/* "allowed", "off-board", "occupied", "not your turn", "game over",
 * "forbidden double-three", "forbidden double-four", "forbidden overline". */
const char *gomoku_verdict_str(gomoku_verdict v);

/* "freestyle", "standard", "renju". */
const char *gomoku_rule_name(gomoku_rule r);
/* The rule of a name (case-insensitive). Returns 0, or -1 if unknown. */
int gomoku_rule_from_name(const char *name, gomoku_rule *out);
/* The name of rule number i, NULL past the last: the list for command
 * lines (cli.h's CLI_ENUM) and messages. */
const char *gomoku_rule_name_at(int i);

/* Writes a point as text ("h8") into buf (>= 4 bytes). Returns the length,
 * or -1 if buf is too small or the point is not on a 25x25 board. */
int gomoku_point_to_text(int x, int y, char *buf, size_t cap);
/* Reads "h8" (case-insensitive column letter, row number from 1): sets *x
 * and *y, which may lie off a given board. Returns 0, or -1 if the text is
 * not of that form. */
int gomoku_point_from_text(const char *text, int *x, int *y);

#endif
