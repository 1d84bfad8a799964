/* engine.c: the engine's game and its move choice; see engine.h.
 *
 * A move is chosen in stages, each with a share of the time: a five; a
 * block of the opponent's five point; a VCF; a VCT; then, if the opponent
 * has a VCF of its own, only the moves that stop it are kept, and the
 * iterative-deepening search picks among them. Under Renju the chosen
 * move is checked with the rules module before it is returned.
 */
#include "engine.h"

#include "mono_clock.h"
#include "engine_internal.h"

#include <stdlib.h>
#include <string.h>

enum {
    DEFAULT_TT_BYTES = 16 << 20,
    MIN_TT_ENTRIES = 1 << 12,
    VCF_DEPTH = 24, /* attacking fours */
    VCT_DEPTH = 8,  /* attacking threats */
    DEFEND_CHECKS = 40,
    MARGIN_PERCENT = 35, /* of timeout_turn, kept back from the search ... */
    MARGIN_MS = 60,      /* ... with this: 590 ms of 1 s, 70 of 200 ms */
};

static size_t tt_entries_for(size_t bytes)
{
    size_t n = MIN_TT_ENTRIES;
    while (n * 2 * sizeof(tt_entry) <= bytes)
        n *= 2;
    return n;
}

engine_error engine_set_memory(engine *e, size_t bytes)
{
    size_t n = tt_entries_for(bytes ? bytes : DEFAULT_TT_BYTES);
    tt_entry *t = calloc(n, sizeof *t);
    if (!t)
        return ENGINE_ERR_MEMORY;
    free(e->tt);
    e->tt = t;
    e->tt_mask = n - 1;
    return ENGINE_OK;
}

engine *engine_new(size_t tt_bytes)
{
    engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    if (engine_set_memory(e, tt_bytes) != ENGINE_OK) {
        free(e);
        return NULL;
    }
    pat_table_build(&e->pat_free, 0);
    pat_table_build(&e->pat_exact, 1);
    return e;
}

void engine_free(engine *e)
{
    if (!e)
        return;
    free(e->tt);
    free(e);
}

engine_error engine_start(engine *e, int width, int height)
{
    if (width != height || width < GOMOKU_MIN_SIZE || width > GOMOKU_MAX_SIZE)
        return ENGINE_ERR_SIZE;
    e->size = width;
    e->started = 1;
    return engine_restart(e);
}

engine_error engine_restart(engine *e)
{
    if (!e->started)
        return ENGINE_ERR_NOT_STARTED;
    e->nhist = 0;
    e->spent_ms = 0;
    memset(e->occupied, 0, sizeof e->occupied);
    memset(e->tt, 0, (e->tt_mask + 1) * sizeof *e->tt);
    memset(e->threat_cache, 0, sizeof e->threat_cache);
    memset(e->history, 0, sizeof e->history);
    memset(e->killer, 0, sizeof e->killer);
    return ENGINE_OK;
}

void engine_set_rule(engine *e, int rule_bits)
{
    e->rule_bits = rule_bits;
    e->renju = (rule_bits & ENGINE_RULE_RENJU) != 0;
}

int engine_board_size(const engine *e)
{
    return e->started ? e->size : 0;
}

int engine_stone_count(const engine *e)
{
    return e->nhist;
}

static engine_error check_point(const engine *e, int x, int y)
{
    if (!e->started)
        return ENGINE_ERR_NOT_STARTED;
    if (x < 0 || y < 0 || x >= e->size || y >= e->size)
        return ENGINE_ERR_OFF_BOARD;
    return ENGINE_OK;
}

engine_error engine_put(engine *e, int x, int y, engine_who who)
{
    engine_error err = check_point(e, x, y);
    int p = eb_index(x, y);
    if (err != ENGINE_OK)
        return err;
    if (e->occupied[p])
        return ENGINE_ERR_OCCUPIED;
    e->occupied[p] = (uint8_t)who;
    e->hist_p[e->nhist] = (uint16_t)p;
    e->hist_who[e->nhist] = (uint8_t)who;
    e->nhist++;
    return ENGINE_OK;
}

engine_error engine_takeback(engine *e, int x, int y)
{
    engine_error err = check_point(e, x, y);
    int p = eb_index(x, y), i;
    if (err != ENGINE_OK)
        return err;
    if (!e->occupied[p])
        return ENGINE_ERR_NO_STONE;
    for (i = e->nhist - 1; i >= 0 && e->hist_p[i] != p; i--)
        ;
    memmove(&e->hist_p[i], &e->hist_p[i + 1], (size_t)(e->nhist - i - 1) * sizeof e->hist_p[0]);
    memmove(&e->hist_who[i], &e->hist_who[i + 1], (size_t)(e->nhist - i - 1));
    e->nhist--;
    e->occupied[p] = 0;
    return ENGINE_OK;
}

/* ---- what search.c and threats.c share ---- */

int eng_make(engine *e, int p, int c)
{
    if (e->renju && gomoku_play(&e->rules, eb_x(p), eb_y(p)) != GOMOKU_OK)
        return 0;
    eb_place(&e->b, p, c);
    return 1;
}

void eng_unmake(engine *e, int p)
{
    if (e->renju)
        gomoku_undo(&e->rules);
    eb_remove(&e->b, p);
}

int eng_legal(engine *e, int p, int c)
{
    if (e->b.cell[p] != EB_EMPTY)
        return 0;
    if (!e->renju || c != EB_BLACK || !(e->b.flags[p][0] & EB_F_RISKY))
        return 1;
    return gomoku_is_forbidden(&e->rules, eb_x(p), eb_y(p)) == GOMOKU_OK;
}

uint64_t eng_now(const engine *e)
{
    return e->clock ? e->clock(e->clock_ctx) : mb_now_ms();
}

void engine_set_clock(engine *e, engine_clock_fn now_ms, void *ctx)
{
    e->clock = now_ms;
    e->clock_ctx = ctx;
}

int eng_out_of_time(engine *e)
{
    if (e->stop)
        return 1;
    e->stop =
        (e->node_limit && e->nodes >= e->node_limit) ||
        (e->deadline_ms && (e->nodes & (ENG_CLOCK_NODES - 1)) == 0 && eng_now(e) >= e->deadline_ms);
    return e->stop;
}

void eng_sync_rules(engine *e, int turn)
{
    if (!e->renju)
        return;
    gomoku_init(&e->rules, e->size, GOMOKU_RENJU);
    for (int y = 0; y < e->size; y++)
        for (int x = 0; x < e->size; x++) {
            int v = e->b.cell[eb_index(x, y)];
            if (v == EB_BLACK || v == EB_WHITE)
                gomoku_setup(&e->rules, x, y, (gomoku_stone)v);
        }
    gomoku_set_turn(&e->rules, (gomoku_stone)turn);
}

/* ---- thinking ---- */

/* The engine's colour: black moved first, so black has as many stones as
 * white when it is to move. */
static int own_colour(const engine *e)
{
    int own = 0, opp = 0;
    for (int i = 0; i < e->nhist; i++) {
        own += e->hist_who[i] == ENGINE_OWN;
        opp += e->hist_who[i] == ENGINE_OPPONENT;
    }
    if (own == opp)
        return EB_BLACK;
    if (opp == own + 1)
        return EB_WHITE;
    for (int i = 0; i < e->nhist; i++)
        if (e->hist_who[i] != ENGINE_DEAD)
            return e->hist_who[i] == ENGINE_OWN ? EB_BLACK : EB_WHITE;
    return EB_BLACK;
}

static void build_board(engine *e, int me)
{
    int exact = (e->rule_bits & ENGINE_RULE_EXACT5) != 0;
    /* Renju: black wins only by exactly five, white by five or more. */
    eb_init(&e->b, e->size, exact || e->renju ? &e->pat_exact : &e->pat_free,
            exact && !e->renju ? &e->pat_exact : &e->pat_free);
    for (int i = 0; i < e->nhist; i++) {
        int who = e->hist_who[i];
        eb_place(&e->b, e->hist_p[i],
                 who == ENGINE_DEAD  ? EB_WALL
                 : who == ENGINE_OWN ? me
                                     : 3 - me);
    }
}

/* The thinking time for this move, in ms: timeout_turn less a margin for
 * what comes after the deadline and is not the search's (the last nodes
 * before the clock is read, the answer's way through the pipes, the
 * manager or bot relaying it, a busy machine's scheduler: on a loaded
 * machine a process can wait a few hundred ms for a CPU). */
static long long budget_ms(const engine *e, const engine_limits *lim)
{
    long long t, left = -1;
    if (lim->timeout_turn > 0)
        t = lim->timeout_turn - (lim->timeout_turn * MARGIN_PERCENT / 100 + MARGIN_MS);
    else
        t = 10; /* 0: as fast as possible */
    if (lim->time_left >= 0)
        left = lim->time_left;
    else if (lim->timeout_match > 0)
        left = lim->timeout_match - e->spent_ms;
    if (left >= 0) {
        long long share = left / 25 - 20;
        if (share < t)
            t = share;
    }
    return t < 1 ? 1 : t;
}

static void phase(engine *e, uint64_t start, long long budget, int percent, long long nodes)
{
    e->stats.nodes += e->nodes;
    e->stop = 0;
    e->nodes = 0;
    e->deadline_ms = start + (uint64_t)(budget * percent / 100);
    e->node_limit = nodes;
}

static int any_legal(engine *e, int c)
{
    for (int y = 0; y < e->size; y++)
        for (int x = 0; x < e->size; x++)
            if (eng_legal(e, eb_index(x, y), c))
                return eb_index(x, y);
    return -1;
}

/* Moves that leave the opponent without a VCF, among the best by value;
 * writes them to out and returns how many (0: none found, or no threat). */
static int vcf_defences(engine *e, int me, uint64_t start, long long budget, long long nodes,
                        int *out)
{
    int op = 3 - me, m, n = 0, cand[DEFEND_CHECKS], ncand = 0;
    scored_move *list = e->moves[0];
    eng_sync_rules(e, op);
    phase(e, start, budget, 30, nodes);
    if (!eng_threat_search(e, op, VCF_DEPTH, 1, &m)) {
        eng_sync_rules(e, me);
        return 0;
    }
    eng_sync_rules(e, me);
    /* candidates: the best-valued legal points near stones */
    for (int y = 0; y < e->size; y++)
        for (int x = 0; x < e->size; x++) {
            int p = eb_index(x, y);
            if (!e->b.near[p] || !eng_legal(e, p, me))
                continue;
            list[ncand].move = p;
            list[ncand].score = e->b.value[p][me - 1] + 2 * e->b.value[p][op - 1];
            ncand++;
        }
    for (int i = 0; i < DEFEND_CHECKS && i < ncand; i++) {
        int bi = i;
        for (int j = i + 1; j < ncand; j++)
            if (list[j].score > list[bi].score)
                bi = j;
        scored_move t = list[i];
        list[i] = list[bi];
        list[bi] = t;
        cand[i] = list[i].move;
    }
    ncand = ncand < DEFEND_CHECKS ? ncand : DEFEND_CHECKS;
    phase(e, start, budget, 40, nodes);
    for (int i = 0; i < ncand; i++) {
        int r, dummy;
        if (!eng_make(e, cand[i], me))
            continue;
        r = eng_threat_search(e, op, VCF_DEPTH, 1, &dummy);
        eng_unmake(e, cand[i]);
        if (e->stop)
            break;
        if (!r)
            out[n++] = cand[i];
    }
    return n;
}

engine_error engine_think(engine *e, const engine_limits *lim, int *x, int *y)
{
    uint64_t start = eng_now(e);
    long long budget = budget_ms(e, lim), nodes = lim->max_nodes;
    int me, op, move = -1, defences[DEFEND_CHECKS], ndef;
    if (!e->started)
        return ENGINE_ERR_NOT_STARTED;
    me = own_colour(e);
    op = 3 - me;
    build_board(e, me);
    eng_sync_rules(e, me);
    memset(&e->stats, 0, sizeof e->stats);
    e->stats.budget = budget;
    e->nodes = 0;
    e->stats.how = "search";
    if (any_legal(e, me) < 0)
        return ENGINE_ERR_GAME_OVER;

    if (e->b.nstones == 0) {
        move = eb_index(e->size / 2, e->size / 2);
        e->stats.how = "opening";
    } else if (e->b.nfive[me - 1]) {
        move = eb_find_five(&e->b, me);
        e->stats.how = "five";
    } else if (e->b.nfive[op - 1]) {
        move = eb_find_five(&e->b, op);
        e->stats.how = "block";
        if (!eng_legal(e, move, me))
            move = -1; /* lost anyway: fall through to the search */
    }
    /* a VCF with 10% of the time, then a VCT until 25% */
    for (int stage = 0; stage < 2 && move < 0; stage++) {
        phase(e, start, budget, stage ? 25 : 10, nodes ? nodes / 4 : 0);
        if (eng_threat_search(e, me, stage ? VCT_DEPTH : VCF_DEPTH, !stage, &move))
            e->stats.how = stage ? "vct" : "vcf";
        else
            move = -1;
    }
    if (move < 0) {
        ndef = vcf_defences(e, me, start, budget, nodes ? nodes / 4 : 0, defences);
        phase(e, start, budget, 100, nodes);
        /* no new iteration once half of what is left is spent */
        e->soft_deadline_ms = eng_now(e) / 2 + (start + (uint64_t)budget) / 2;
        e->stats.score = eng_search(e, me, lim->max_depth > 0 ? lim->max_depth : ENG_MAX_PLY - 8,
                                    defences, ndef, &move);
        e->soft_deadline_ms = 0;
        e->stats.how = ndef ? "defend" : "search";
    }
    if (move < 0 || !eng_legal(e, move, me)) {
        move = eng_best_static(e, me);
        e->stats.how = "fallback";
    }
    if (move < 0)
        move = any_legal(e, me);
    if (move < 0)
        return ENGINE_ERR_GAME_OVER;
    /* Renju: the rules module has the last word on every black move. */
    if (e->renju && me == EB_BLACK &&
        gomoku_judge(&e->rules, GOMOKU_BLACK, eb_x(move), eb_y(move)) != GOMOKU_OK) {
        move = -1;
        for (int i = 0; i < e->size * e->size && move < 0; i++)
            if (gomoku_judge(&e->rules, GOMOKU_BLACK, i % e->size, i / e->size) == GOMOKU_OK)
                move = eb_index(i % e->size, i / e->size);
        if (move < 0)
            return ENGINE_ERR_GAME_OVER;
    }
    e->stats.ms = (long long)(eng_now(e) - start);
    e->stats.nodes += e->nodes;
    e->spent_ms += e->stats.ms;
    *x = eb_x(move);
    *y = eb_y(move);
    return ENGINE_OK;
}

engine_error engine_play(engine *e, const engine_limits *lim, int *x, int *y)
{
    engine_error err = engine_think(e, lim, x, y);
    return err != ENGINE_OK ? err : engine_put(e, *x, *y, ENGINE_OWN);
}

const engine_stats *engine_last_stats(const engine *e)
{
    return &e->stats;
}

/* The Swap2 stones on an empty board, white's being `white`'s. */
static void swap2_position(engine *e, const int *stones_xy, int nstones, engine_who white)
{
    engine_restart(e);
    for (int i = 0; i < nstones; i++)
        engine_put(e, stones_xy[2 * i], stones_xy[2 * i + 1],
                   i % 2 ? white : (engine_who)(3 - white));
}

int engine_swap2(engine *e, const int *stones_xy, int nstones, const engine_limits *lim, int *xy)
{
    int c = e->size / 2, x, y;
    if (nstones == 0) {
        const int opening[6] = {c, c, c + 1, c - 1, c + 1, c + 1};
        memcpy(xy, opening, sizeof opening);
        return 3;
    }
    /* Black, white, black(, white, black): the stones as they were placed. */
    swap2_position(e, stones_xy, nstones, ENGINE_OWN);
    if (engine_think(e, lim, &x, &y) != ENGINE_OK)
        return 0;
    if (e->stats.score < -150) {
        /* White looks worse: swap and take black. */
        swap2_position(e, stones_xy, nstones, ENGINE_OPPONENT);
        return 0;
    }
    engine_put(e, x, y, ENGINE_OWN);
    xy[0] = x;
    xy[1] = y;
    return 1;
}

const char *engine_strerror(engine_error err)
{
    switch (err) {
    case ENGINE_OK:
        return "ok";
    case ENGINE_ERR_MEMORY:
        return "out of memory";
    case ENGINE_ERR_SIZE:
        return "unsupported board size (square boards of 5 to 25 only)";
    case ENGINE_ERR_NOT_STARTED:
        return "no game started (START first)";
    case ENGINE_ERR_OFF_BOARD:
        return "point outside the board";
    case ENGINE_ERR_OCCUPIED:
        return "point already taken";
    case ENGINE_ERR_NO_STONE:
        return "no stone on that point";
    case ENGINE_ERR_FORBIDDEN:
        return "forbidden point for black";
    case ENGINE_ERR_GAME_OVER:
        return "no legal point left";
    }
    return "unknown error";
}
