/* threats.c: threat-space search, VCF and VCT.
 *
 * The attacker moves only threats: fours (VCF), or fours and open threes
 * (VCT). After a four the defender has one answer, its five point; after
 * an open three it has the points of the three's lines and its own fours.
 * A win is proven when every defence loses. Under Renju a defending black
 * stone may not go on a forbidden point: a white four whose five point is
 * forbidden to black wins at once, and so does a three whose defences are
 * all forbidden. Results of both node kinds are cached by position.
 * Move lists: the attacker at depth d uses e->moves[2d], the defender
 * e->moves[2d + 1]; depth only falls along a line, so they never clash.
 */
#include "engine_internal.h"

static int att_node(engine *e, int att, int depth, int fours_only, int *move);

static uint64_t cache_key(const engine *e, int att, int fours_only, int defender)
{
    return e->b.hash ^
           (0x9E3779B97F4A7C15ull * (uint64_t)(att * 4 + fours_only * 2 + defender + 1));
}

static int cache_get(engine *e, uint64_t key, int depth, int *move)
{
    threat_entry *t = &e->threat_cache[key & (ENG_THREAT_CACHE - 1)];
    if (t->key != key)
        return -1;
    if (t->result == 1) {
        if (move)
            *move = t->move;
        return 1;
    }
    return t->depth >= depth ? 0 : -1;
}

static void cache_put(engine *e, uint64_t key, int depth, int result, int move)
{
    threat_entry *t = &e->threat_cache[key & (ENG_THREAT_CACHE - 1)];
    t->key = key;
    t->depth = (int8_t)(depth > 127 ? 127 : depth);
    t->result = (uint8_t)(result ? 1 : 2);
    t->move = (int16_t)move;
}

/* A legal point where colour c makes a straight four (or 4-4), or -1. */
static int find_win4(engine *e, int c)
{
    eb_board *b = &e->b;
    if (b->nwin4[c - 1] == 0)
        return -1;
    for (int y = 0; y < b->size; y++)
        for (int x = 0; x < b->size; x++) {
            int p = eb_index(x, y);
            if (b->cell[p] == EB_EMPTY && (b->flags[p][c - 1] & EB_F_WIN4) && eng_legal(e, p, c))
                return p;
        }
    return -1;
}

/* Points carrying any of `mask` for colour c, best first, legal to c. */
static int collect(engine *e, int c, int mask, scored_move *out)
{
    eb_board *b = &e->b;
    int n = 0;
    for (int y = 0; y < b->size; y++)
        for (int x = 0; x < b->size; x++) {
            int p = eb_index(x, y);
            if (b->cell[p] != EB_EMPTY || !b->near[p] || !(b->flags[p][c - 1] & mask))
                continue;
            out[n].move = p;
            out[n].score = b->value[p][c - 1] + b->value[p][2 - c];
            n++;
        }
    eng_sort_moves(out, n);
    return n;
}

/* The defender (3 - att) to move against the attacker's threat. */
static int def_node(engine *e, int att, int depth, int fours_only)
{
    eb_board *b = &e->b;
    int def = 3 - att, n, win = 1, ply = 2 * depth + 1;
    uint64_t key;
    scored_move *list;
    e->nodes++;
    if (eng_out_of_time(e) || b->nfive[def - 1])
        return 0;
    if (b->nfive[att - 1] >= 2)
        return 1;
    if (b->nfive[att - 1] == 1) {
        int f = eb_find_five(b, att), r;
        if (!eng_legal(e, f, def) || !eng_make(e, f, def))
            return 1; /* Renju: black cannot block on a forbidden point */
        r = att_node(e, att, depth, fours_only, NULL);
        eng_unmake(e, f);
        return r;
    }
    if (fours_only || find_win4(e, att) < 0)
        return 0;
    key = cache_key(e, att, fours_only, 1);
    if (cache_get(e, key, depth, NULL) == 1)
        return 1;
    list = e->moves[ply];
    n = collect(e, att, EB_F_FOUR | EB_F_WIN4 | EB_F_FIVE, list);
    /* the defender's own fours, which gain a tempo */
    n += collect(e, def, EB_F_FOUR, list + n);
    for (int i = 0; i < n && win; i++) {
        int p = list[i].move, dup = 0;
        for (int j = 0; j < i; j++)
            dup |= list[j].move == p;
        if (dup || !eng_legal(e, p, def) || !eng_make(e, p, def))
            continue;
        win = att_node(e, att, depth, fours_only, NULL);
        eng_unmake(e, p);
    }
    if (e->stop)
        return 0;
    if (win)
        cache_put(e, key, depth, 1, -1);
    return win;
}

/* The attacker to move: a threat that wins, within depth threats? */
static int att_node(engine *e, int att, int depth, int fours_only, int *move)
{
    eb_board *b = &e->b;
    int def = 3 - att, n, p, ply = 2 * depth, dummy;
    uint64_t key;
    scored_move *list;
    if (!move)
        move = &dummy;
    e->nodes++;
    if (eng_out_of_time(e))
        return 0;
    if (b->nfive[att - 1]) {
        *move = eb_find_five(b, att);
        return 1;
    }
    if (b->nfive[def - 1]) {
        /* The defender's four must be blocked; the block must keep a threat. */
        int f = eb_find_five(b, def), r = 0;
        if (b->nfive[def - 1] >= 2 || !eng_legal(e, f, att))
            return 0;
        if (fours_only && !(b->flags[f][att - 1] & EB_F_FOUR))
            return 0;
        if (!eng_make(e, f, att))
            return 0;
        if (depth > 0)
            r = def_node(e, att, depth - 1, fours_only);
        eng_unmake(e, f);
        if (r)
            *move = f;
        return r;
    }
    p = find_win4(e, att);
    if (p >= 0) {
        *move = p;
        return 1;
    }
    if (depth <= 0)
        return 0;
    key = cache_key(e, att, fours_only, 0);
    {
        int r = cache_get(e, key, depth, move);
        if (r >= 0)
            return r;
    }
    list = e->moves[ply];
    n = collect(e, att, fours_only ? EB_F_FOUR : EB_F_FOUR | EB_F_OPEN3, list);
    for (int i = 0; i < n; i++) {
        int m = list[i].move, r;
        if (!eng_legal(e, m, att) || !eng_make(e, m, att))
            continue;
        r = def_node(e, att, depth - 1, fours_only);
        eng_unmake(e, m);
        if (r) {
            *move = m;
            cache_put(e, key, depth, 1, m);
            return 1;
        }
        if (e->stop)
            return 0;
    }
    if (!e->stop)
        cache_put(e, key, depth, 0, -1);
    return 0;
}

int eng_threat_search(engine *e, int att, int depth, int fours_only, int *move)
{
    int m = -1;
    if (depth > ENG_MAX_PLY / 2 - 1)
        depth = ENG_MAX_PLY / 2 - 1; /* lists 2 * depth (+1) fit in e->moves */
    if (!att_node(e, att, depth, fours_only, &m) || m < 0)
        return 0;
    *move = m;
    return 1;
}
