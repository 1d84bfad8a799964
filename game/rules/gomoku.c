/* gomoku.c: the Gomoku rules engine; see gomoku.h.
 *
 * The board is padded: cell (x, y) lives at index (y + 1) * STRIDE + x + 1
 * and every cell around the board holds GOMOKU_WALL, so a walk along a line
 * stops at the edge without a bounds test. A line is one of four steps.
 *
 * Renju forbidden moves (RIF definitions), for a black stone at p:
 *  - a five (exactly five in a row) through p wins, whatever else it makes;
 *  - an overline (six or more) through p is forbidden;
 *  - a four is a line that one more stone turns into exactly five. Any five
 *    made from p's line must contain p's unbroken run, so the only stones
 *    that can complete it are the first empty points on either side of that
 *    run: a line holds two fours when both complete a five (X X X . X . X X X
 *    seen from its middle stone), or one straight four when the run itself
 *    is four long (. X X X X .). Two or more fours is a double-four;
 *  - a three is a line that one more stone turns into a straight four, that
 *    stone being itself allowed to black (checked recursively, with p on the
 *    board). Two or more threes is a double-three. A line that holds a four
 *    is not also counted as a three.
 */
#include "gomoku.h"

#include <string.h>

enum { STRIDE = GOMOKU_STRIDE, NCELLS = GOMOKU_STRIDE * GOMOKU_STRIDE };

static const int line_step[4] = {1, STRIDE, STRIDE + 1, STRIDE - 1};

static int cell_index(int x, int y)
{
    return (y + 1) * STRIDE + x + 1;
}

static int on_board(const gomoku *g, int x, int y)
{
    return x >= 0 && y >= 0 && x < g->size && y < g->size;
}

static gomoku_point index_point(int idx)
{
    gomoku_point pt;
    pt.x = (uint8_t)(idx % STRIDE - 1);
    pt.y = (uint8_t)(idx / STRIDE - 1);
    return pt;
}

/* Stones of `color` next to p along +d, one by one, until another cell. */
static int count_dir(const uint8_t *c, int p, int d, uint8_t color)
{
    int n = 0;
    for (int q = p + d; c[q] == color; q += d)
        n++;
    return n;
}

/* Length of the unbroken run of `color` a stone on p would be part of
 * (p counted whatever it holds). */
static int run_through(const uint8_t *c, int p, int d, uint8_t color)
{
    return 1 + count_dir(c, p, d, color) + count_dir(c, p, -d, color);
}

static int run_wins(gomoku_rule rule, uint8_t color, int len)
{
    if (rule == GOMOKU_STANDARD || (rule == GOMOKU_RENJU && color == GOMOKU_BLACK))
        return len == 5;
    return len >= 5;
}

/* The first cell past p's unbroken black run along d. */
static int past_run(const uint8_t *c, int p, int d)
{
    int q = p + d;
    while (c[q] == GOMOKU_BLACK)
        q += d;
    return q;
}

/* Would a black stone on the empty cell q make exactly five along d? */
static int black_five_point(const uint8_t *c, int q, int d)
{
    return c[q] == GOMOKU_EMPTY && run_through(c, q, d, GOMOKU_BLACK) == 5;
}

/* Fours that the black stone on p is part of along d (0, 1 or 2). */
static int fours_on_line(const uint8_t *c, int p, int d)
{
    int lo = past_run(c, p, -d), hi = past_run(c, p, d);
    int n = black_five_point(c, lo, d) + black_five_point(c, hi, d);
    if (n == 2 && (hi - lo) / d == 5)
        n = 1; /* a straight four: one four with two points */
    return n;
}

/* With a black stone on q: is p's run along d a straight four, that is an
 * unbroken four with a five point at either end? */
static int straight_four(const uint8_t *c, int p, int d)
{
    int lo = past_run(c, p, -d), hi = past_run(c, p, d);
    return (hi - lo) / d == 5 && black_five_point(c, lo, d) && black_five_point(c, hi, d);
}

static gomoku_verdict forbidden_black(uint8_t *c, int p);

/* The empty cell q that, with p's stone on the board, turns p's line
 * along d into a straight four: is it there and allowed to black? */
static int three_point(uint8_t *c, int p, int q, int d, int recurse)
{
    int three;
    if (c[q] != GOMOKU_EMPTY)
        return 0;
    c[q] = GOMOKU_BLACK;
    three = straight_four(c, p, d);
    c[q] = GOMOKU_EMPTY;
    if (three && recurse)
        three = forbidden_black(c, q) == GOMOKU_OK;
    return three;
}

/* Is the black stone on p part of a three along d? Without `recurse`, the
 * completing point is not checked for being forbidden (an upper bound). */
static int three_on_line(uint8_t *c, int p, int d, int recurse)
{
    return three_point(c, p, past_run(c, p, -d), d, recurse) ||
           three_point(c, p, past_run(c, p, d), d, recurse);
}

/* Renju: what would a black stone on the empty cell p be? The board is
 * changed during the call and restored before it returns. */
static gomoku_verdict forbidden_black(uint8_t *c, int p)
{
    int fours = 0, over = 0, candidates = 0;
    int has_four[4];
    gomoku_verdict v = GOMOKU_OK;

    c[p] = GOMOKU_BLACK;
    for (int i = 0; i < 4; i++) {
        int len = run_through(c, p, line_step[i], GOMOKU_BLACK);
        if (len == 5)
            goto done; /* a five wins even if it also makes a forbidden shape */
        over |= len > 5;
    }
    if (over) {
        v = GOMOKU_OVERLINE;
        goto done;
    }
    for (int i = 0; i < 4; i++) {
        has_four[i] = fours_on_line(c, p, line_step[i]);
        fours += has_four[i];
    }
    if (fours >= 2) {
        v = GOMOKU_DOUBLE_FOUR;
        goto done;
    }
    /* Cheap pass first: only when two lines could be threes is it worth
     * checking their completing points recursively. */
    for (int i = 0; i < 4; i++)
        candidates += !has_four[i] && three_on_line(c, p, line_step[i], 0);
    if (candidates >= 2) {
        int threes = 0;
        for (int i = 0; i < 4 && threes < 2; i++)
            threes += !has_four[i] && three_on_line(c, p, line_step[i], 1);
        if (threes >= 2)
            v = GOMOKU_DOUBLE_THREE;
    }
done:
    c[p] = GOMOKU_EMPTY;
    return v;
}

/* Fewer than four black stones near p on its four lines (before a white
 * stone or the edge, within the reach of an overline) cannot make any
 * forbidden shape: the common case, answered without copying the board. */
static int surely_allowed(const uint8_t *c, int p)
{
    int near = 0;
    for (int i = 0; i < 4; i++) {
        for (int s = -1; s <= 1; s += 2) {
            int d = s * line_step[i], q = p + d;
            for (int k = 0; k < 5 && (c[q] == GOMOKU_BLACK || c[q] == GOMOKU_EMPTY); k++, q += d)
                near += c[q] == GOMOKU_BLACK;
        }
    }
    return near < 4;
}

int gomoku_init(gomoku *g, int size, gomoku_rule rule)
{
    if (size < GOMOKU_MIN_SIZE || size > GOMOKU_MAX_SIZE ||
        (rule != GOMOKU_FREESTYLE && rule != GOMOKU_STANDARD && rule != GOMOKU_RENJU))
        return -1;
    g->size = (uint8_t)size;
    g->rule = (uint8_t)rule;
    gomoku_reset(g);
    return 0;
}

void gomoku_reset(gomoku *g)
{
    memset(g->cell, GOMOKU_WALL, sizeof g->cell);
    for (int y = 0; y < g->size; y++)
        memset(&g->cell[cell_index(0, y)], GOMOKU_EMPTY, g->size);
    g->status = GOMOKU_PLAYING;
    g->turn = GOMOKU_BLACK;
    g->nmoves = g->nsetup = g->nwin = 0;
}

int gomoku_size(const gomoku *g)
{
    return g->size;
}

gomoku_rule gomoku_get_rule(const gomoku *g)
{
    return (gomoku_rule)g->rule;
}

gomoku_stone gomoku_at(const gomoku *g, int x, int y)
{
    return on_board(g, x, y) ? (gomoku_stone)g->cell[cell_index(x, y)] : GOMOKU_WALL;
}

gomoku_stone gomoku_to_move(const gomoku *g)
{
    return g->status == GOMOKU_PLAYING ? (gomoku_stone)g->turn : GOMOKU_EMPTY;
}

gomoku_status gomoku_get_status(const gomoku *g)
{
    return (gomoku_status)g->status;
}

gomoku_verdict gomoku_is_forbidden(const gomoku *g, int x, int y)
{
    uint8_t scratch[NCELLS];
    int p;
    if (g->rule != GOMOKU_RENJU || !on_board(g, x, y))
        return GOMOKU_OK;
    p = cell_index(x, y);
    if (g->cell[p] != GOMOKU_EMPTY || surely_allowed(g->cell, p))
        return GOMOKU_OK;
    memcpy(scratch, g->cell, sizeof scratch);
    return forbidden_black(scratch, p);
}

gomoku_verdict gomoku_judge(const gomoku *g, gomoku_stone side, int x, int y)
{
    if (!on_board(g, x, y))
        return GOMOKU_OFF_BOARD;
    if (g->cell[cell_index(x, y)] != GOMOKU_EMPTY)
        return GOMOKU_OCCUPIED;
    return side == GOMOKU_BLACK ? gomoku_is_forbidden(g, x, y) : GOMOKU_OK;
}

gomoku_verdict gomoku_check(const gomoku *g, gomoku_stone side, int x, int y)
{
    if (g->status != GOMOKU_PLAYING)
        return GOMOKU_GAME_OVER;
    if (side != g->turn)
        return GOMOKU_NOT_YOUR_TURN;
    return gomoku_judge(g, side, x, y);
}

int gomoku_wins_at(const gomoku *g, gomoku_stone side, int x, int y)
{
    int p;
    if (!on_board(g, x, y) || (side != GOMOKU_BLACK && side != GOMOKU_WHITE))
        return 0;
    p = cell_index(x, y);
    if (g->cell[p] != GOMOKU_EMPTY)
        return 0;
    for (int i = 0; i < 4; i++)
        if (run_wins((gomoku_rule)g->rule, (uint8_t)side,
                     run_through(g->cell, p, line_step[i], (uint8_t)side)))
            return 1;
    return 0;
}

/* After the stone on p: records the winning lines through it, if any. */
static void find_win(gomoku *g, int p)
{
    uint8_t color = g->cell[p];
    g->nwin = 0;
    for (int i = 0; i < 4; i++) {
        int d = line_step[i];
        if (!run_wins((gomoku_rule)g->rule, color, run_through(g->cell, p, d, color)))
            continue;
        if (g->nwin == 0)
            g->win[g->nwin++] = (uint16_t)p;
        for (int s = -1; s <= 1; s += 2)
            for (int q = p + s * d; g->cell[q] == color && g->nwin < GOMOKU_MAX_WIN_STONES;
                 q += s * d)
                g->win[g->nwin++] = (uint16_t)q;
    }
}

/* Renju, black to move: is there a point black may play? */
static int black_can_move(const gomoku *g)
{
    for (int y = 0; y < g->size; y++)
        for (int x = 0; x < g->size; x++)
            if (g->cell[cell_index(x, y)] == GOMOKU_EMPTY &&
                gomoku_is_forbidden(g, x, y) == GOMOKU_OK)
                return 1;
    return 0;
}

gomoku_verdict gomoku_play(gomoku *g, int x, int y)
{
    gomoku_verdict v = gomoku_check(g, (gomoku_stone)g->turn, x, y);
    int p;
    if (v != GOMOKU_OK)
        return v;
    p = cell_index(x, y);
    g->cell[p] = g->turn;
    g->moves[g->nmoves++] = (uint16_t)p;
    find_win(g, p);
    if (g->nwin > 0)
        g->status = g->turn == GOMOKU_BLACK ? GOMOKU_BLACK_WON : GOMOKU_WHITE_WON;
    g->turn = g->turn == GOMOKU_BLACK ? GOMOKU_WHITE : GOMOKU_BLACK;
    if (g->status == GOMOKU_PLAYING &&
        (g->nmoves + g->nsetup == g->size * g->size ||
         (g->rule == GOMOKU_RENJU && g->turn == GOMOKU_BLACK && !black_can_move(g))))
        g->status = GOMOKU_DRAW;
    return GOMOKU_OK;
}

int gomoku_undo(gomoku *g)
{
    if (g->nmoves == 0)
        return -1;
    int p = g->moves[--g->nmoves];
    g->turn = g->cell[p];
    g->cell[p] = GOMOKU_EMPTY;
    g->status = GOMOKU_PLAYING;
    g->nwin = 0;
    return 0;
}

int gomoku_setup(gomoku *g, int x, int y, gomoku_stone stone)
{
    if (g->nmoves > 0 || !on_board(g, x, y) || (stone != GOMOKU_BLACK && stone != GOMOKU_WHITE) ||
        g->cell[cell_index(x, y)] != GOMOKU_EMPTY)
        return -1;
    g->cell[cell_index(x, y)] = (uint8_t)stone;
    g->nsetup++;
    return 0;
}

int gomoku_set_turn(gomoku *g, gomoku_stone side)
{
    if (g->nmoves > 0 || (side != GOMOKU_BLACK && side != GOMOKU_WHITE))
        return -1;
    g->turn = (uint8_t)side;
    return 0;
}

int gomoku_move_count(const gomoku *g)
{
    return g->nmoves;
}

int gomoku_move_at(const gomoku *g, int idx, gomoku_point *out)
{
    if (idx < 0 || idx >= g->nmoves)
        return -1;
    *out = index_point(g->moves[idx]);
    return 0;
}

size_t gomoku_win_stones(const gomoku *g, gomoku_point *out, size_t cap)
{
    for (size_t i = 0; i < g->nwin && i < cap; i++)
        out[i] = index_point(g->win[i]);
    return g->nwin;
}

size_t gomoku_forbidden_points(const gomoku *g, gomoku_point *out, size_t cap)
{
    size_t n = 0;
    if (g->rule != GOMOKU_RENJU || g->status != GOMOKU_PLAYING)
        return 0;
    for (int y = 0; y < g->size; y++)
        for (int x = 0; x < g->size; x++)
            if (gomoku_is_forbidden(g, x, y) != GOMOKU_OK) {
                if (n < cap) {
                    out[n].x = (uint8_t)x;
                    out[n].y = (uint8_t)y;
                }
                n++;
            }
    return n;
}

const char *gomoku_verdict_str(gomoku_verdict v)
{
    switch (v) {
    case GOMOKU_OK:
        return "allowed";
    case GOMOKU_OFF_BOARD:
        return "off-board";
    case GOMOKU_OCCUPIED:
        return "occupied";
    case GOMOKU_NOT_YOUR_TURN:
        return "not your turn";
    case GOMOKU_GAME_OVER:
        return "game over";
    case GOMOKU_DOUBLE_THREE:
        return "forbidden double-three";
    case GOMOKU_DOUBLE_FOUR:
        return "forbidden double-four";
    case GOMOKU_OVERLINE:
        return "forbidden overline";
    }
    return "unknown";
}

static const char *const rule_names[] = {"freestyle", "standard", "renju"};

const char *gomoku_rule_name(gomoku_rule r)
{
    return (unsigned)r < 3 ? rule_names[r] : "unknown";
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

const char *gomoku_rule_name_at(int i)
{
    return i >= 0 && i < 3 ? rule_names[i] : NULL;
}

int gomoku_rule_from_name(const char *name, gomoku_rule *out)
{
    for (int r = 0; r < 3 && name; r++) {
        const char *a = name, *b = rule_names[r];
        while (*a && lower((unsigned char)*a) == *b)
            a++, b++;
        if (*a == '\0' && *b == '\0') {
            *out = (gomoku_rule)r;
            return 0;
        }
    }
    return -1;
}

int gomoku_point_to_text(int x, int y, char *buf, size_t cap)
{
    int n = 0, row = y + 1;
    if (x < 0 || y < 0 || x >= GOMOKU_MAX_SIZE || y >= GOMOKU_MAX_SIZE || cap < 4)
        return -1;
    buf[n++] = (char)('a' + x);
    if (row >= 10)
        buf[n++] = (char)('0' + row / 10);
    buf[n++] = (char)('0' + row % 10);
    buf[n] = '\0';
    return n;
}

int gomoku_point_from_text(const char *text, int *x, int *y)
{
    int col = lower((unsigned char)text[0]), row = 0, digits = 0;
    if (col < 'a' || col > 'z')
        return -1;
    for (const char *s = text + 1; *s; s++) {
        if (*s < '0' || *s > '9' || ++digits > 3)
            return -1;
        row = row * 10 + (*s - '0');
    }
    if (digits == 0)
        return -1;
    *x = col - 'a';
    *y = row - 1;
    return 0;
}
