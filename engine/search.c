/* search.c: iterative-deepening principal-variation search.
 *
 * Alpha-beta with a null window for all but the first move, a Zobrist-keyed
 * transposition table, killer moves and a history table for ordering.
 * Tactics are handled before the static evaluation: a five wins, two
 * opposing five points lose, one must be blocked (searched without using
 * depth), a straight four wins in three plies. When the opponent threatens a
 * straight four (it has an open three), only blocks and own fours are tried.
 * Candidates are empty points within two of a stone, ordered by the value
 * of both colours' shapes there; the weakest are cut off below the root.
 */
#include "engine_internal.h"

enum { WIDTH_LIMIT = 16 };

static uint64_t side_key(const engine *e, int c)
{
    return e->b.hash ^ (c == EB_BLACK ? 0 : 0xA5A5A5A55A5A5A5Aull);
}

static int score_to_tt(int s, int ply)
{
    return s > ENG_WIN_BOUND ? s + ply : s < -ENG_WIN_BOUND ? s - ply : s;
}

static int score_from_tt(int s, int ply)
{
    return s > ENG_WIN_BOUND ? s - ply : s < -ENG_WIN_BOUND ? s + ply : s;
}

void eng_sort_moves(scored_move *m, int n)
{
    for (int i = 1; i < n; i++) {
        scored_move v = m[i];
        int j = i;
        while (j > 0 && m[j - 1].score < v.score) {
            m[j] = m[j - 1];
            j--;
        }
        m[j] = v;
    }
}

/* Candidate moves of colour c at ply, best first; with `defend`, only own
 * fours and points on the opponent's threat lines. */
static int generate_moves(engine *e, int c, int ply, int tt_move, scored_move *out, int defend)
{
    eb_board *b = &e->b;
    int me = c - 1, op = 2 - c, n = 0;
    for (int y = 0; y < b->size; y++)
        for (int x = 0; x < b->size; x++) {
            int p = eb_index(x, y), s;
            if (b->cell[p] != EB_EMPTY || !b->near[p])
                continue;
            if (defend && !(b->flags[p][me] & EB_F_FOUR) &&
                !(b->flags[p][op] & (EB_F_FOUR | EB_F_WIN4)))
                continue;
            if (!eng_legal(e, p, c))
                continue;
            s = 2 * b->value[p][me] + b->value[p][op];
            if (p == tt_move)
                s += 1 << 24;
            else if (ply < ENG_MAX_PLY && (p == e->killer[ply][0] || p == e->killer[ply][1]))
                s += 1 << 20;
            s += e->history[p] >> 4 > 1 << 18 ? 1 << 18 : e->history[p] >> 4;
            out[n].move = p;
            out[n].score = s;
            n++;
        }
    eng_sort_moves(out, n);
    return n;
}

/* Candidate moves of colour c at ply, best first. */
static int generate(engine *e, int c, int ply, int tt_move, scored_move *out)
{
    int n = 0;
    if (e->b.nwin4[2 - c] > 0)
        n = generate_moves(e, c, ply, tt_move, out, 1);
    /* no defence among the usual points (or no threat): every candidate */
    return n > 0 ? n : generate_moves(e, c, ply, tt_move, out, 0);
}

static int pvs(engine *e, int c, int depth, int alpha, int beta, int ply)
{
    eb_board *b = &e->b;
    int me = c - 1, op = 2 - c, best = -ENG_INF, best_move = -1, n, tt_move = -1;
    int alpha0 = alpha;
    uint64_t key;
    tt_entry *t;
    scored_move *list;

    e->nodes++;
    if (eng_out_of_time(e))
        return 0;
    if (b->nfive[me])
        return ENG_WIN - ply;
    if (b->nfive[op] >= 2)
        return -(ENG_WIN - ply - 1);
    if (b->nfive[op] == 1) {
        int f = eb_find_five(b, 3 - c), s;
        if (ply >= ENG_MAX_PLY - 1 || !eng_legal(e, f, c) || !eng_make(e, f, c))
            return -(ENG_WIN - ply - 1);
        s = -pvs(e, 3 - c, depth, -beta, -alpha, ply + 1);
        eng_unmake(e, f);
        return s;
    }
    if (b->nwin4[me]) {
        for (int y = 0; y < b->size; y++)
            for (int x = 0; x < b->size; x++) {
                int p = eb_index(x, y);
                if (b->cell[p] == EB_EMPTY && (b->flags[p][me] & EB_F_WIN4) && eng_legal(e, p, c))
                    return ENG_WIN - ply - 2;
            }
    }
    if (depth <= 0 || ply >= ENG_MAX_PLY - 1)
        return eb_evaluate(b, c);

    key = side_key(e, c);
    t = &e->tt[key & e->tt_mask];
    if (t->key == key && t->flag != TT_NONE) {
        tt_move = t->move;
        if (t->depth >= depth) {
            int s = score_from_tt(t->score, ply);
            if (t->flag == TT_EXACT || (t->flag == TT_LOWER && s >= beta) ||
                (t->flag == TT_UPPER && s <= alpha))
                return s;
        }
    }

    list = e->moves[ply];
    n = generate(e, c, ply, tt_move, list);
    if (n == 0)
        return 0; /* no legal point: a draw */
    if (n > WIDTH_LIMIT)
        n = WIDTH_LIMIT;
    for (int i = 0; i < n; i++) {
        int p = list[i].move, s;
        if (!eng_make(e, p, c))
            continue;
        if (best_move < 0) {
            s = -pvs(e, 3 - c, depth - 1, -beta, -alpha, ply + 1);
        } else {
            s = -pvs(e, 3 - c, depth - 1, -alpha - 1, -alpha, ply + 1);
            if (s > alpha && s < beta)
                s = -pvs(e, 3 - c, depth - 1, -beta, -alpha, ply + 1);
        }
        eng_unmake(e, p);
        if (e->stop)
            return 0;
        if (s > best) {
            best = s;
            best_move = p;
        }
        if (s > alpha)
            alpha = s;
        if (alpha >= beta) {
            if (p != e->killer[ply][0]) {
                e->killer[ply][1] = e->killer[ply][0];
                e->killer[ply][0] = (uint16_t)p;
            }
            e->history[p] += depth * depth;
            break;
        }
    }
    if (best_move < 0)
        return 0;
    t->key = key;
    t->score = (int16_t)score_to_tt(best, ply);
    t->depth = (int8_t)depth;
    t->move = (uint16_t)best_move;
    t->flag = best >= beta ? TT_LOWER : best > alpha0 ? TT_EXACT : TT_UPPER;
    return best;
}

int eng_best_static(engine *e, int c)
{
    scored_move *list = e->moves[0];
    int n = generate(e, c, 0, -1, list);
    if (n > 0)
        return list[0].move;
    for (int y = 0; y < e->b.size; y++)
        for (int x = 0; x < e->b.size; x++)
            if (eng_legal(e, eb_index(x, y), c))
                return eb_index(x, y);
    return -1;
}

int eng_search(engine *e, int c, int max_depth, const int *root_only, int nroot, int *move)
{
    scored_move root[ENG_MAX_MOVES];
    int n, best_score = 0, best_move = -1;
    if (nroot > 0) {
        n = 0;
        for (int i = 0; i < nroot && n < ENG_MAX_MOVES; i++) {
            root[n].move = root_only[i];
            root[n].score = 2 * e->b.value[root_only[i]][c - 1] + e->b.value[root_only[i]][2 - c];
            n++;
        }
        eng_sort_moves(root, n);
    } else {
        n = generate(e, c, 0, -1, root);
    }
    if (n == 0) {
        *move = -1;
        return 0;
    }
    best_move = root[0].move;
    e->stats.depth = 0;
    for (int depth = 1; depth <= max_depth; depth++) {
        int alpha = -ENG_INF, beta = ENG_INF, iter_best = -1, iter_score = -ENG_INF;
        for (int i = 0; i < n; i++) {
            int p = root[i].move, s;
            if (!eng_make(e, p, c)) {
                root[i].score = -ENG_INF;
                continue;
            }
            if (iter_best < 0) {
                s = -pvs(e, 3 - c, depth - 1, -beta, -alpha, 1);
            } else {
                s = -pvs(e, 3 - c, depth - 1, -alpha - 1, -alpha, 1);
                if (s > alpha && !e->stop)
                    s = -pvs(e, 3 - c, depth - 1, -beta, -alpha, 1);
            }
            eng_unmake(e, p);
            if (e->stop)
                break;
            root[i].score = s > alpha ? s : -ENG_INF + depth; /* keep the order of the rest */
            if (s > iter_score) {
                iter_score = s;
                iter_best = p;
            }
            if (s > alpha)
                alpha = s;
        }
        /* A move the interrupted iteration found better than the last
         * completed one is trusted: it was searched with the full window. */
        if (iter_best >= 0 && (!e->stop || iter_score > best_score)) {
            best_move = iter_best;
            best_score = iter_score;
        }
        if (e->stop)
            break;
        e->stats.depth = depth;
        eng_sort_moves(root, n);
        if (best_score > ENG_WIN_BOUND || best_score < -ENG_WIN_BOUND)
            break; /* proven */
        if (e->soft_deadline_ms && eng_now(e) >= e->soft_deadline_ms)
            break;
    }
    *move = best_move;
    return best_score;
}
