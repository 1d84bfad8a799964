/* patterns.c: the line-shape tables; see patterns.h. */
#include "patterns.h"

enum { CELL_EMPTY = 0, CELL_OWN = 1, CELL_BLOCKED = 2, LEN = 11, MID = 5 };

int pat_side_code(int open, unsigned own_bits)
{
    return (1 << open) - 1 + (int)(own_bits & ((1u << open) - 1));
}

/* Is there a five through the middle point? */
static int five_through_mid(const uint8_t *a, int exact)
{
    for (int s = 1; s <= MID; s++) {
        int all = 1;
        for (int i = s; i < s + 5 && all; i++)
            all = a[i] == CELL_OWN;
        if (all && (!exact || (a[s - 1] != CELL_OWN && a[s + 5] != CELL_OWN)))
            return 1;
    }
    return 0;
}

static int overline_through_mid(const uint8_t *a)
{
    int n = 1;
    for (int i = MID - 1; i >= 0 && a[i] == CELL_OWN; i--)
        n++;
    for (int i = MID + 1; i < LEN && a[i] == CELL_OWN; i++)
        n++;
    return n >= 6;
}

/* The shape of the line a[] (middle point own), looking `levels` stones ahead. */
static int classify(uint8_t *a, int exact, int levels)
{
    int fives = 0, best = PAT_NONE;
    if (five_through_mid(a, exact))
        return PAT_FIVE;
    for (int e = 1; e < LEN - 1; e++) {
        if (a[e] != CELL_EMPTY)
            continue;
        a[e] = CELL_OWN;
        fives += five_through_mid(a, exact);
        a[e] = CELL_EMPTY;
    }
    if (fives >= 2)
        return PAT_OPEN4;
    if (fives == 1)
        return PAT_FOUR;
    if (levels == 0)
        return PAT_NONE;
    for (int e = 1; e < LEN - 1; e++) {
        int r;
        if (a[e] != CELL_EMPTY)
            continue;
        a[e] = CELL_OWN;
        r = classify(a, exact, levels - 1);
        a[e] = CELL_EMPTY;
        /* one stone further: open four -> open three, four -> three, ... */
        r = r == PAT_OPEN4   ? PAT_OPEN3
            : r == PAT_FOUR  ? PAT_THREE
            : r == PAT_OPEN3 ? PAT_OPEN2
            : r == PAT_THREE ? PAT_TWO
                             : PAT_NONE;
        if (r > best)
            best = r;
    }
    return best;
}

static void decode_side(int code, uint8_t *a, int dir)
{
    int open = 0;
    while ((1 << (open + 1)) - 1 <= code)
        open++;
    int bits = code - ((1 << open) - 1);
    for (int i = 0; i < PAT_SIDE_REACH; i++)
        a[MID + dir * (i + 1)] = i >= open           ? CELL_BLOCKED
                                 : ((bits >> i) & 1) ? CELL_OWN
                                                     : CELL_EMPTY;
}

void pat_table_build(pat_table *t, int exact)
{
    uint8_t a[LEN];
    for (int l = 0; l < PAT_SIDE_CODES; l++) {
        for (int r = 0; r < PAT_SIDE_CODES; r++) {
            int s;
            decode_side(l, a, -1);
            decode_side(r, a, 1);
            a[MID] = CELL_OWN;
            s = classify(a, exact, 2);
            if (overline_through_mid(a))
                s |= PAT_OVERLINE_BIT;
            t->shape[l * PAT_SIDE_CODES + r] = (uint8_t)s;
        }
    }
}
