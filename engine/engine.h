/* engine.h: the Gomoku/Renju engine behind matchboard-engine.
 *
 * The engine holds the game as the protocol describes it (stones of "own"
 * and "opponent", in the order played) and thinks of a move within time
 * limits. Black is the side that moved first: the one with as many stones
 * as the other when it is to move. The rule is the Gomocup bitmask (exact
 * five, continuous game, Renju). Under Renju every move black plays is
 * checked with the rules module (game/rules/gomoku.h), and white's threat
 * search counts a black four whose blocking point is forbidden as a win.
 *
 * One engine_new allocates the engine and its transposition table; thinking
 * allocates nothing. Errors are returned as engine_error values.
 */
#ifndef MATCHBOARD_ENGINE_H
#define MATCHBOARD_ENGINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct engine engine;

typedef enum engine_error {
    ENGINE_OK = 0,
    ENGINE_ERR_MEMORY, /* out of memory */
    ENGINE_ERR_SIZE,   /* board size not in 5..25, or not square */
    ENGINE_ERR_NOT_STARTED,
    ENGINE_ERR_OFF_BOARD, /* a point outside the board */
    ENGINE_ERR_OCCUPIED,  /* a point already taken */
    ENGINE_ERR_NO_STONE,  /* TAKEBACK of a point that holds no stone */
    ENGINE_ERR_FORBIDDEN, /* Renju: a black stone on a forbidden point */
    ENGINE_ERR_GAME_OVER, /* no move left to play */
} engine_error;

/* Bits of the rule (the Gomocup INFO rule bitmask). */
enum {
    ENGINE_RULE_EXACT5 = 1,     /* exactly five wins; an overline does not */
    ENGINE_RULE_CONTINUOUS = 2, /* the game goes on after a five */
    ENGINE_RULE_RENJU = 4,      /* Renju: black exact five and forbidden points */
};

typedef enum engine_who {
    ENGINE_OWN = 1,
    ENGINE_OPPONENT = 2,
    ENGINE_DEAD = 3, /* a winning-line stone of a continuous game: nobody's */
} engine_who;

/* Time limits in milliseconds, as the manager's INFO gives them. */
typedef struct engine_limits {
    long long timeout_turn;  /* per move; 0 = as fast as possible */
    long long timeout_match; /* whole game; 0 = no limit */
    long long time_left;     /* of the match; < 0 when not given */
    int max_depth;           /* 0 = no limit (tests use it) */
    long long max_nodes;     /* 0 = no limit (tests use it) */
} engine_limits;

/* What the last engine_think found, for DEBUG lines and the benchmark. */
typedef struct engine_stats {
    long long nodes;
    int depth;        /* last completed alpha-beta depth (0: decided before) */
    int score;        /* for the engine */
    long long ms;     /* time spent */
    long long budget; /* the time it was given (ms): timeout_turn less the margin */
    const char *how;  /* "five", "block", "vcf", "vct", "search", "opening", ... */
} engine_stats;

/* A new engine with a transposition table of at most tt_bytes (0: the
 * default, 16 MiB). Returns NULL when out of memory. */
engine *engine_new(size_t tt_bytes);
void engine_free(engine *e);
/* Resizes the transposition table to at most `bytes` (max_memory). */
engine_error engine_set_memory(engine *e, size_t bytes);

/* A new empty board of width x height (only square boards, 5..25). */
engine_error engine_start(engine *e, int width, int height);
/* Back to the empty board of the same size (RESTART). */
engine_error engine_restart(engine *e);
/* The Gomocup rule bitmask (1 exact five, 2 continuous, 4 renju). */
void engine_set_rule(engine *e, int rule_bits);
int engine_board_size(const engine *e);

/* Adds a stone in order (TURN, BOARD). Checks the point (on the board,
 * empty) and, under Renju, that a black stone is not forbidden. */
engine_error engine_put(engine *e, int x, int y, engine_who who);
/* Removes the stone on (x, y) (TAKEBACK). */
engine_error engine_takeback(engine *e, int x, int y);
/* Stones on the board. */
int engine_stone_count(const engine *e);

/* Chooses the engine's move, without playing it. Returns ENGINE_OK with
 * (*x, *y), or ENGINE_ERR_GAME_OVER if no legal point is left. */
engine_error engine_think(engine *e, const engine_limits *lim, int *x, int *y);
/* engine_think, then engine_put of its move as the engine's own. */
engine_error engine_play(engine *e, const engine_limits *lim, int *x, int *y);
const engine_stats *engine_last_stats(const engine *e);

/* The clock engine_think reads, in ms: a test hook, so that a test can
 * check the time management on a clock of its own, whatever the machine's
 * load. NULL restores the default, the monotonic clock (mono_clock.h). */
typedef uint64_t (*engine_clock_fn)(void *ctx);
void engine_set_clock(engine *e, engine_clock_fn now_ms, void *ctx);

/* Swap2 (SWAP2BOARD): with 0 stones placed, writes 3 opening stones
 * (black, white, black) into xy[6] and returns 3; with 3 or 5, returns 0
 * to mean "SWAP" (the engine takes black) or writes one white move into
 * xy[2] and returns 1. The stones are given in order, black first. */
int engine_swap2(engine *e, const int *stones_xy, int nstones, const engine_limits *lim, int *xy);

const char *engine_strerror(engine_error err);

#endif
