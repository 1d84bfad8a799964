/* board.c: the engine's board and its incremental shapes; see board.h. */
#include "board.h"

#include <string.h>

const int eb_step[4] = {1, EB_STRIDE, EB_STRIDE + 1, EB_STRIDE - 1};

/* What one line's shape is worth, per shape (patterns.h order). */
static const int16_t shape_value[8] = {0, 2, 6, 8, 30, 35, 400, 10000};

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void eb_init(eb_board *b, int size, const pat_table *black_table, const pat_table *white_table)
{
    uint64_t seed = 0x6d61746368626f61ull; /* fixed: the same keys in every run */
    memset(b, 0, sizeof *b);
    b->size = size;
    b->table[0] = black_table;
    b->table[1] = white_table;
    memset(b->cell, EB_WALL, sizeof b->cell);
    for (int y = 0; y < size; y++)
        memset(&b->cell[eb_index(0, y)], EB_EMPTY, (size_t)size);
    for (int p = 0; p < EB_CELLS; p++) {
        b->zobrist[p][0] = splitmix64(&seed);
        b->zobrist[p][1] = splitmix64(&seed);
    }
    /* Empty board: every shape is that of a lone stone, values are 0. */
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            int p = eb_index(x, y);
            for (int li = 0; li < 4; li++) {
                for (int c = 0; c < 2; c++) {
                    int d = eb_step[li], open_l = 0, open_r = 0;
                    while (open_l < PAT_SIDE_REACH && b->cell[p - (open_l + 1) * d] == EB_EMPTY)
                        open_l++;
                    while (open_r < PAT_SIDE_REACH && b->cell[p + (open_r + 1) * d] == EB_EMPTY)
                        open_r++;
                    b->shape[p][li][c] =
                        b->table[c]->shape[pat_side_code(open_l, 0) * PAT_SIDE_CODES +
                                           pat_side_code(open_r, 0)];
                }
            }
        }
}

static int side_code(const uint8_t *cell, int q, int d, int color)
{
    int open = 0;
    unsigned bits = 0;
    for (int i = 1; i <= PAT_SIDE_REACH; i++) {
        int v = cell[q + i * d];
        if (v == color)
            bits |= 1u << (i - 1);
        else if (v != EB_EMPTY)
            break;
        open++;
    }
    return pat_side_code(open, bits);
}

/* Recomputes q's shapes on line li; returns whether one changed. */
static int refresh_line(eb_board *b, int q, int li)
{
    int d = eb_step[li], changed = 0;
    for (int c = 0; c < 2; c++) {
        int l = side_code(b->cell, q, -d, c + 1), r = side_code(b->cell, q, d, c + 1);
        uint8_t s = b->table[c]->shape[l * PAT_SIDE_CODES + r];
        changed |= s != b->shape[q][li][c];
        b->shape[q][li][c] = s;
    }
    return changed;
}

/* Value and flags of the empty point q for colour index c, from its shapes. */
static void point_eval(const eb_board *b, int q, int c, int16_t *value, uint8_t *flags)
{
    int v = 0, fives = 0, open4 = 0, fours = 0, open3 = 0, over = 0;
    for (int li = 0; li < 4; li++) {
        int s = b->shape[q][li][c];
        over |= s & PAT_OVERLINE_BIT;
        s &= PAT_SHAPE_MASK;
        v += shape_value[s];
        fives += s == PAT_FIVE;
        open4 += s == PAT_OPEN4;
        fours += s == PAT_FOUR || s == PAT_OPEN4;
        open3 += s == PAT_OPEN3;
    }
    uint8_t f = 0;
    if (fives)
        f |= EB_F_FIVE;
    if (open4 || fours >= 2) {
        f |= EB_F_WIN4;
        v += 600;
    }
    if (fours)
        f |= EB_F_FOUR;
    if (fours && open3) {
        f |= EB_F_43;
        v += 300;
    }
    if (open3)
        f |= EB_F_OPEN3;
    if (open3 >= 2) {
        f |= EB_F_33;
        v += 150;
    }
    /* An exact-five table for black is Renju's or standard's; under Renju
     * the caller treats RISKY points as "ask the rules". */
    if (!fives && (over || fours >= 2 || open4 || open3 >= 2))
        f |= EB_F_RISKY;
    *value = (int16_t)(v > 30000 ? 30000 : v);
    *flags = f;
}

static void refresh_point(eb_board *b, int q)
{
    for (int c = 0; c < 2; c++) {
        int16_t v;
        uint8_t f;
        point_eval(b, q, c, &v, &f);
        b->sum[c] += v - b->value[q][c];
        b->nfive[c] += (f & EB_F_FIVE) - (b->flags[q][c] & EB_F_FIVE);
        b->nwin4[c] += ((f & EB_F_WIN4) - (b->flags[q][c] & EB_F_WIN4)) / EB_F_WIN4;
        b->value[q][c] = v;
        b->flags[q][c] = f;
    }
}

static void refresh_around(eb_board *b, int p)
{
    for (int li = 0; li < 4; li++) {
        int d = eb_step[li];
        for (int k = 1; k <= PAT_SIDE_REACH; k++) {
            int q = p - k * d, r = p + k * d;
            /* a point whose shapes did not change keeps its value */
            if (b->cell[q] == EB_EMPTY && refresh_line(b, q, li))
                refresh_point(b, q);
            if (b->cell[r] == EB_EMPTY && refresh_line(b, r, li))
                refresh_point(b, r);
        }
    }
}

static void add_near(eb_board *b, int p, int delta)
{
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
            b->near[p + dy * EB_STRIDE + dx] = (uint8_t)(b->near[p + dy * EB_STRIDE + dx] + delta);
}

void eb_place(eb_board *b, int p, int color)
{
    for (int c = 0; c < 2; c++) {
        b->sum[c] -= b->value[p][c];
        b->nfive[c] -= b->flags[p][c] & EB_F_FIVE;
        b->nwin4[c] -= (b->flags[p][c] & EB_F_WIN4) / EB_F_WIN4;
        b->value[p][c] = 0;
        b->flags[p][c] = 0;
    }
    b->cell[p] = (uint8_t)color;
    if (color != EB_WALL) {
        b->hash ^= b->zobrist[p][color - 1];
        add_near(b, p, 1);
    }
    b->nstones++;
    refresh_around(b, p);
}

void eb_remove(eb_board *b, int p)
{
    int color = b->cell[p];
    b->cell[p] = EB_EMPTY;
    if (color != EB_WALL) {
        b->hash ^= b->zobrist[p][color - 1];
        add_near(b, p, -1);
    }
    b->nstones--;
    for (int li = 0; li < 4; li++)
        refresh_line(b, p, li);
    refresh_point(b, p);
    refresh_around(b, p);
}

int eb_find_five(const eb_board *b, int color)
{
    if (b->nfive[color - 1] == 0)
        return -1;
    for (int y = 0; y < b->size; y++)
        for (int x = 0; x < b->size; x++) {
            int p = eb_index(x, y);
            if (b->cell[p] == EB_EMPTY && (b->flags[p][color - 1] & EB_F_FIVE))
                return p;
        }
    return -1;
}

int eb_fives_near(const eb_board *b, int p, int color, int *out)
{
    int n = 0;
    for (int li = 0; li < 4; li++) {
        int d = eb_step[li];
        for (int k = -4; k <= 4; k++) {
            int q = p + k * d;
            if (k != 0 && b->cell[q] == EB_EMPTY && (b->flags[q][color - 1] & EB_F_FIVE)) {
                int seen = 0;
                for (int i = 0; i < n; i++)
                    seen |= out[i] == q;
                if (!seen) {
                    out[n++] = q;
                    if (n == 2)
                        return n;
                }
            }
        }
    }
    return n;
}

int eb_evaluate(const eb_board *b, int color)
{
    int me = color - 1, op = 2 - color;
    return b->sum[me] - b->sum[op];
}
