/* engine_internal.h: the engine's state, shared by engine.c (the game and
 * the protocol-facing API), search.c (alpha-beta) and threats.c (VCF/VCT).
 * Private to engine/. */
#ifndef MATCHBOARD_ENGINE_INTERNAL_H
#define MATCHBOARD_ENGINE_INTERNAL_H

#include "board.h"
#include "engine.h"
#include "gomoku.h"

#include <stdint.h>

enum {
    ENG_MAX_PLY = 96,
    ENG_MAX_MOVES = 2 * GOMOKU_MAX_POINTS, /* a list of one colour's points and the other's */
    ENG_WIN = 30000,                       /* a win at ply 0; a win at ply n scores WIN - n */
    ENG_WIN_BOUND = 29000,                 /* scores beyond this are proven wins / losses */
    ENG_INF = 32000,
    ENG_THREAT_CACHE = 1 << 16,
    ENG_CLOCK_NODES = 16, /* nodes between two readings of the clock (a power of 2) */
};

typedef struct tt_entry {
    uint64_t key;
    int16_t score;
    int8_t depth;
    uint8_t flag; /* TT_EXACT, TT_LOWER, TT_UPPER */
    uint16_t move;
    uint16_t pad;
} tt_entry;

enum { TT_NONE = 0, TT_EXACT = 1, TT_LOWER = 2, TT_UPPER = 3 };

typedef struct threat_entry {
    uint64_t key;
    int16_t move; /* the winning move, or -1 */
    int8_t depth;
    uint8_t result; /* 1 win, 2 no win found at this depth */
} threat_entry;

typedef struct scored_move {
    int move, score;
} scored_move;

struct engine {
    int size, started, rule_bits;
    int renju;
    pat_table pat_free, pat_exact;
    eb_board b;
    gomoku rules; /* Renju: the position mirrored for forbidden-point checks */
    /* The game as the manager gave it, in order. */
    int nhist;
    uint16_t hist_p[GOMOKU_MAX_POINTS];
    uint8_t hist_who[GOMOKU_MAX_POINTS];
    uint8_t occupied[EB_CELLS]; /* engine_who of each point, 0 if empty */
    long long spent_ms;         /* thinking time used this game (timeout_match) */
    /* Search. */
    tt_entry *tt;
    size_t tt_mask;
    threat_entry threat_cache[ENG_THREAT_CACHE];
    uint16_t killer[ENG_MAX_PLY][2];
    int32_t history[EB_CELLS];
    scored_move moves[ENG_MAX_PLY][ENG_MAX_MOVES];
    long long nodes, node_limit;
    uint64_t deadline_ms;      /* hard: the search stops (0: none) */
    uint64_t soft_deadline_ms; /* no new iteration starts after it (0: none) */
    int stop;
    engine_clock_fn clock; /* NULL: mb_now_ms */
    void *clock_ctx;
    engine_stats stats;
};

/* A stone of colour c on p in the board and the Renju mirror; returns 0
 * if the rules refused it (nothing changed). eng_unmake takes it back. */
int eng_make(engine *e, int p, int c);
void eng_unmake(engine *e, int p);
/* May colour c play on p (empty, and not forbidden to black under Renju)? */
int eng_legal(engine *e, int p, int c);
/* The engine's clock, in ms (mb_now_ms unless a test set its own). */
uint64_t eng_now(const engine *e);
/* Time or node budget used up? Sets e->stop; reads the clock every
 * ENG_CLOCK_NODES nodes. Every node of every search calls it. */
int eng_out_of_time(engine *e);
/* Renju: rebuilds the mirror from the board with `turn` to move. */
void eng_sync_rules(engine *e, int turn);

/* Threat-space search for colour att, to move: a win by continuous fours
 * (fours_only) or by fours and threes, within `depth` attacking moves.
 * Returns 1 and *move when found. */
int eng_threat_search(engine *e, int att, int depth, int fours_only, int *move);

/* Iterative-deepening PVS for colour c until the deadline; *move is the
 * best move found (-1 if none is legal). Returns its score. */
int eng_search(engine *e, int c, int max_depth, const int *root_only, int nroot, int *move);

/* Sorts a move list, best score first (short lists: insertion sort). */
void eng_sort_moves(scored_move *m, int n);

/* A legal point of colour c with the best static value, or -1. */
int eng_best_static(engine *e, int c);

#endif
