/* gomoku_opening.c: the opening rules as a state machine; see
 * gomoku_opening.h and docs/openings.md (the rule texts and what matchboard
 * chose where they leave something open).
 *
 * Each rule is a path through the phases below. A phase says who acts (a
 * fixed seat, or the seat holding a colour) and what they may do; after an
 * accepted action, next_phase() picks the following phase from the rule and
 * the number of stones on the board.
 */
#include "gomoku_opening.h"

#include <stdio.h>
#include <string.h>

enum phase {
    PH_DONE = 0,
    PH_OPEN3,      /* seat 0 places stones 1..3 */
    PH_DECLARE_Y,  /* Yamaguchi: seat 0 declares the number of fifth moves */
    PH_SWAP3,      /* seat 1 decides after three stones */
    PH_SWAP2_TWO,  /* swap2: seat 1 places stones 4 and 5 */
    PH_SWAP2_PICK, /* swap2: seat 0 takes a colour */
    PH_FOURTH,     /* white places stone 4 */
    PH_DECLARE_S,  /* Soosorv: white declares the number of fifth moves */
    PH_SWAP4,      /* Soosorv: black may swap after the declaration */
    PH_PROPOSE,    /* black proposes fifth moves */
    PH_SELECT,     /* white picks one of them */
    PH_T_PLACE,    /* Taraguchi: the colour to move places the next stone */
    PH_T_SWAP,     /* Taraguchi: the colour to move may swap (after 1, 2, 3) */
    PH_T_CHOICE4,  /* Taraguchi: black keeps, swaps, or proposes ten */
    PH_T_SWAP5,    /* Taraguchi: white may swap after a single fifth */
};

enum {
    YAMAGUCHI_MAX = GOMOKU_OPENING_MAX_PROPOSALS,
    SOOSORV_MAX = 8,
    TARAGUCHI_N = 10,
    RIF_PROPOSALS = 2,
    RENJU_MIN_SIZE = 15,
};

#define CHOICE(c) (1u << (c))

static const char *const rule_names[] = {"none",      "swap",     "swap2",      "rif",
                                         "yamaguchi", "soosorv8", "taraguchi10"};
static const char *const choice_names[] = {"stay",  "swap",      "black",
                                           "white", "place-two", "propose"};
static const char *const step_names[] = {"done", "place", "choose", "declare", "propose", "select"};

static int renju_opening(gomoku_opening_rule r)
{
    return r == GOMOKU_OPENING_RIF || r == GOMOKU_OPENING_YAMAGUCHI ||
           r == GOMOKU_OPENING_SOOSORV8 || r == GOMOKU_OPENING_TARAGUCHI10;
}

const char *gomoku_opening_unfit(gomoku_opening_rule r, gomoku_rule game_rule, int size)
{
    if ((unsigned)r > GOMOKU_OPENING_TARAGUCHI10)
        return "unknown opening rule";
    if (r == GOMOKU_OPENING_NONE)
        return NULL;
    if (r == GOMOKU_OPENING_SWAP || r == GOMOKU_OPENING_SWAP2) {
        if (game_rule == GOMOKU_RENJU)
            return "swap and swap2 are opening rules for freestyle and standard Gomoku; "
                   "Renju uses rif, yamaguchi, soosorv8 or taraguchi10";
        return NULL;
    }
    if (game_rule != GOMOKU_RENJU)
        return "rif, yamaguchi, soosorv8 and taraguchi10 are Renju opening rules; "
               "freestyle and standard use swap or swap2";
    if (size < RENJU_MIN_SIZE || size % 2 == 0)
        return "Renju opening rules need an odd board of at least 15x15 (they name central "
               "squares)";
    return NULL;
}

int gomoku_opening_init(gomoku_opening *o, gomoku_opening_rule r, const gomoku *g)
{
    if (gomoku_opening_unfit(r, gomoku_get_rule(g), gomoku_size(g)) != NULL)
        return -1;
    if (g->nmoves != 0 || g->nsetup != 0 || gomoku_get_status(g) != GOMOKU_PLAYING)
        return -1;
    memset(o, 0, sizeof *o);
    o->rule = (uint8_t)r;
    switch (r) {
    case GOMOKU_OPENING_NONE:
        o->phase = PH_DONE;
        break;
    case GOMOKU_OPENING_TARAGUCHI10:
        o->phase = PH_T_PLACE;
        break;
    default:
        o->phase = PH_OPEN3;
        break;
    }
    return 0;
}

gomoku_opening_rule gomoku_opening_get_rule(const gomoku_opening *o)
{
    return (gomoku_opening_rule)o->rule;
}

gomoku_opening_step gomoku_opening_next(const gomoku_opening *o)
{
    switch (o->phase) {
    case PH_OPEN3:
    case PH_SWAP2_TWO:
    case PH_FOURTH:
    case PH_T_PLACE:
        return GOMOKU_STEP_PLACE;
    case PH_DECLARE_Y:
    case PH_DECLARE_S:
        return GOMOKU_STEP_DECLARE;
    case PH_SWAP3:
    case PH_SWAP2_PICK:
    case PH_SWAP4:
    case PH_T_SWAP:
    case PH_T_CHOICE4:
    case PH_T_SWAP5:
        return GOMOKU_STEP_CHOOSE;
    case PH_PROPOSE:
        return GOMOKU_STEP_PROPOSE;
    case PH_SELECT:
        return GOMOKU_STEP_SELECT;
    default:
        return GOMOKU_STEP_DONE;
    }
}

static int seat_of(const gomoku_opening *o, gomoku_stone colour)
{
    return colour == GOMOKU_BLACK ? o->black_seat : 1 - o->black_seat;
}

int gomoku_opening_actor(const gomoku_opening *o, const gomoku *g)
{
    switch (o->phase) {
    case PH_OPEN3:
    case PH_DECLARE_Y:
    case PH_SWAP2_PICK:
        return 0;
    case PH_SWAP3:
    case PH_SWAP2_TWO:
        return 1;
    case PH_FOURTH:
    case PH_DECLARE_S:
    case PH_SELECT:
    case PH_T_SWAP5:
        return seat_of(o, GOMOKU_WHITE);
    case PH_SWAP4:
    case PH_PROPOSE:
    case PH_T_CHOICE4:
        return seat_of(o, GOMOKU_BLACK);
    default: /* PH_T_PLACE, PH_T_SWAP, PH_DONE: whoever holds the colour to move */
        if (gomoku_to_move(g) == GOMOKU_EMPTY)
            return -1;
        return seat_of(o, gomoku_to_move(g));
    }
}

int gomoku_opening_swaps(const gomoku_opening *o)
{
    return o->swaps;
}

int gomoku_opening_black_seat(const gomoku_opening *o)
{
    return o->black_seat;
}

unsigned gomoku_opening_choices(const gomoku_opening *o)
{
    switch (o->phase) {
    case PH_SWAP3:
        if (o->rule == GOMOKU_OPENING_SWAP)
            return CHOICE(GOMOKU_CHOICE_BLACK) | CHOICE(GOMOKU_CHOICE_WHITE);
        if (o->rule == GOMOKU_OPENING_SWAP2)
            return CHOICE(GOMOKU_CHOICE_BLACK) | CHOICE(GOMOKU_CHOICE_WHITE) |
                   CHOICE(GOMOKU_CHOICE_PLACE_TWO);
        return CHOICE(GOMOKU_CHOICE_STAY) | CHOICE(GOMOKU_CHOICE_SWAP);
    case PH_SWAP2_PICK:
        return CHOICE(GOMOKU_CHOICE_BLACK) | CHOICE(GOMOKU_CHOICE_WHITE);
    case PH_SWAP4:
    case PH_T_SWAP:
    case PH_T_SWAP5:
        return CHOICE(GOMOKU_CHOICE_STAY) | CHOICE(GOMOKU_CHOICE_SWAP);
    case PH_T_CHOICE4:
        return CHOICE(GOMOKU_CHOICE_STAY) | CHOICE(GOMOKU_CHOICE_SWAP) |
               CHOICE(GOMOKU_CHOICE_PROPOSE);
    default:
        return 0;
    }
}

/* The area of the next stone, from the number of stones already played. */
static int place_area(const gomoku_opening *o, int played)
{
    switch (o->phase) {
    case PH_OPEN3:
        return renju_opening((gomoku_opening_rule)o->rule) ? played : -1;
    case PH_T_PLACE:
        return played; /* stone k inside the (2k-1)x(2k-1) square */
    default:
        return -1;
    }
}

int gomoku_opening_area(const gomoku_opening *o, const gomoku *g)
{
    if (gomoku_opening_next(o) != GOMOKU_STEP_PLACE)
        return -1;
    return place_area(o, gomoku_move_count(g));
}

void gomoku_opening_declare_range(const gomoku_opening *o, int *min, int *max)
{
    *min = 1;
    *max = o->phase == PH_DECLARE_S ? SOOSORV_MAX : YAMAGUCHI_MAX;
    if (o->phase != PH_DECLARE_S && o->phase != PH_DECLARE_Y)
        *min = *max = 0;
}

int gomoku_opening_proposal_count(const gomoku_opening *o)
{
    if (o->rule == GOMOKU_OPENING_RIF)
        return RIF_PROPOSALS;
    return o->declared;
}

int gomoku_opening_proposals(const gomoku_opening *o, gomoku_point *out, int cap)
{
    if (o->phase != PH_SELECT && o->phase != PH_DONE)
        return 0;
    for (int i = 0; i < o->nprop && i < cap; i++)
        out[i] = o->prop[i];
    return o->nprop;
}

/* ---- equivalence of positions -------------------------------------- */

/* The 8 linear isometries of the square lattice: x' = a x + b y,
 * y' = c x + d y. */
static const int iso[8][4] = {{1, 0, 0, 1},  {0, -1, 1, 0}, {-1, 0, 0, -1}, {0, 1, -1, 0},
                              {-1, 0, 0, 1}, {1, 0, 0, -1}, {0, 1, 1, 0},   {0, -1, -1, 0}};

typedef struct stone_list {
    int n;
    int x[GOMOKU_MAX_POINTS + 1], y[GOMOKU_MAX_POINTS + 1];
    uint8_t c[GOMOKU_MAX_POINTS + 1];
} stone_list;

/* The stones of g plus one of `side` on p. */
static void collect(const gomoku *g, gomoku_stone side, gomoku_point p, stone_list *s)
{
    int size = gomoku_size(g);
    s->n = 0;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            gomoku_stone st = gomoku_at(g, x, y);
            if (st == GOMOKU_BLACK || st == GOMOKU_WHITE) {
                s->x[s->n] = x;
                s->y[s->n] = y;
                s->c[s->n++] = (uint8_t)st;
            }
        }
    s->x[s->n] = p.x;
    s->y[s->n] = p.y;
    s->c[s->n++] = (uint8_t)side;
}

/* The stone at (x, y) of g with one of `side` added on p. */
static gomoku_stone stone_with(const gomoku *g, gomoku_stone side, gomoku_point p, int x, int y)
{
    if (x == p.x && y == p.y)
        return side;
    return gomoku_at(g, x, y);
}

/* The lowest stone of colour c (by y, then x) of s after transform t. */
static void lowest(const stone_list *s, int t, uint8_t c, int *lx, int *ly)
{
    int found = 0;
    for (int i = 0; i < s->n; i++) {
        int x = iso[t][0] * s->x[i] + iso[t][1] * s->y[i];
        int y = iso[t][2] * s->x[i] + iso[t][3] * s->y[i];
        if (s->c[i] != c)
            continue;
        if (!found || y < *ly || (y == *ly && x < *lx)) {
            *lx = x;
            *ly = y;
            found = 1;
        }
    }
}

int gomoku_equivalent_points(const gomoku *g, gomoku_stone side, gomoku_point a, gomoku_point b)
{
    stone_list sa, sb;
    int bx = 0, by = 0;
    if (a.x == b.x && a.y == b.y)
        return 1;
    collect(g, side, a, &sa);
    collect(g, side, b, &sb);
    lowest(&sb, 0, (uint8_t)side, &bx, &by);
    for (int t = 0; t < 8; t++) {
        int ax = 0, ay = 0, same = 1;
        lowest(&sa, t, (uint8_t)side, &ax, &ay);
        /* The shift that makes the lowest stones of `side` meet; then every
         * stone of the one position must land on a stone of its colour in
         * the other (both have the same number of stones). */
        for (int i = 0; i < sa.n && same; i++) {
            int x = iso[t][0] * sa.x[i] + iso[t][1] * sa.y[i] + bx - ax;
            int y = iso[t][2] * sa.x[i] + iso[t][3] * sa.y[i] + by - ay;
            same = stone_with(g, side, b, x, y) == (gomoku_stone)sa.c[i];
        }
        if (same)
            return 1;
    }
    return 0;
}

/* ---- checking ------------------------------------------------------- */

static gomoku_opening_verdict stone_verdict(gomoku_verdict v)
{
    switch (v) {
    case GOMOKU_OK:
        return GOMOKU_OPENING_OK;
    case GOMOKU_OFF_BOARD:
        return GOMOKU_OPENING_OFF_BOARD;
    case GOMOKU_OCCUPIED:
        return GOMOKU_OPENING_OCCUPIED;
    default:
        return GOMOKU_OPENING_FORBIDDEN;
    }
}

static int in_area(const gomoku *g, gomoku_point p, int half)
{
    int c = gomoku_size(g) / 2;
    int dx = p.x - c, dy = p.y - c;
    if (half < 0)
        return 1;
    return dx >= -half && dx <= half && dy >= -half && dy <= half;
}

static gomoku_opening_verdict check_place(const gomoku_opening *o, const gomoku *g, gomoku_point p)
{
    gomoku_verdict v = gomoku_check(g, gomoku_to_move(g), p.x, p.y);
    if (v == GOMOKU_OFF_BOARD)
        return GOMOKU_OPENING_OFF_BOARD;
    if (!in_area(g, p, place_area(o, gomoku_move_count(g))))
        return GOMOKU_OPENING_OUTSIDE_AREA;
    return stone_verdict(v);
}

static gomoku_opening_verdict check_proposals(const gomoku_opening *o, const gomoku *g,
                                              const gomoku_opening_action *a)
{
    if (a->count != gomoku_opening_proposal_count(o))
        return GOMOKU_OPENING_BAD_COUNT;
    for (int i = 0; i < a->count; i++) {
        gomoku_verdict v = gomoku_judge(g, GOMOKU_BLACK, a->pts[i].x, a->pts[i].y);
        if (v != GOMOKU_OK)
            return stone_verdict(v);
        for (int j = 0; j < i; j++) {
            if (a->pts[i].x == a->pts[j].x && a->pts[i].y == a->pts[j].y)
                return GOMOKU_OPENING_DUPLICATE;
            if (gomoku_equivalent_points(g, GOMOKU_BLACK, a->pts[i], a->pts[j]))
                return GOMOKU_OPENING_SYMMETRIC;
        }
    }
    return GOMOKU_OPENING_OK;
}

gomoku_opening_verdict gomoku_opening_check(const gomoku_opening *o, const gomoku *g, int seat,
                                            const gomoku_opening_action *a)
{
    gomoku_opening_step due = gomoku_opening_next(o);
    int lo, hi;
    if (due == GOMOKU_STEP_DONE || gomoku_get_status(g) != GOMOKU_PLAYING)
        return GOMOKU_OPENING_OVER;
    if (seat != gomoku_opening_actor(o, g))
        return GOMOKU_OPENING_NOT_YOURS;
    if (a->step != due)
        return GOMOKU_OPENING_WRONG_STEP;
    switch (due) {
    case GOMOKU_STEP_PLACE:
        return check_place(o, g, a->pts[0]);
    case GOMOKU_STEP_CHOOSE:
        if (a->choice >= GOMOKU_CHOICE_COUNT || !(gomoku_opening_choices(o) & CHOICE(a->choice)))
            return GOMOKU_OPENING_BAD_CHOICE;
        return GOMOKU_OPENING_OK;
    case GOMOKU_STEP_DECLARE:
        gomoku_opening_declare_range(o, &lo, &hi);
        return a->count >= lo && a->count <= hi ? GOMOKU_OPENING_OK : GOMOKU_OPENING_BAD_COUNT;
    case GOMOKU_STEP_PROPOSE:
        return check_proposals(o, g, a);
    case GOMOKU_STEP_SELECT:
        for (int i = 0; i < o->nprop; i++)
            if (o->prop[i].x == a->pts[0].x && o->prop[i].y == a->pts[0].y)
                return GOMOKU_OPENING_OK;
        return GOMOKU_OPENING_NOT_PROPOSED;
    default:
        return GOMOKU_OPENING_OVER;
    }
}

/* ---- applying -------------------------------------------------------- */

/* The phase after a stone was placed; `played` stones are on the board. */
static enum phase after_stone(const gomoku_opening *o, int played)
{
    switch (o->phase) {
    case PH_OPEN3:
        if (played < 3)
            return PH_OPEN3;
        return o->rule == GOMOKU_OPENING_YAMAGUCHI ? PH_DECLARE_Y : PH_SWAP3;
    case PH_SWAP2_TWO:
        return played < 5 ? PH_SWAP2_TWO : PH_SWAP2_PICK;
    case PH_FOURTH:
        return o->rule == GOMOKU_OPENING_SOOSORV8 ? PH_DECLARE_S : PH_PROPOSE;
    case PH_T_PLACE:
        if (played <= 3)
            return PH_T_SWAP;
        return played == 4 ? PH_T_CHOICE4 : PH_T_SWAP5;
    default:
        return PH_DONE;
    }
}

/* The phase after a choice `c` (colours already exchanged if asked). */
static enum phase after_choice(const gomoku_opening *o, gomoku_opening_choice c, int played)
{
    switch (o->phase) {
    case PH_SWAP3:
        if (c == GOMOKU_CHOICE_PLACE_TWO)
            return PH_SWAP2_TWO;
        if (o->rule == GOMOKU_OPENING_SWAP || o->rule == GOMOKU_OPENING_SWAP2)
            return PH_DONE;
        return PH_FOURTH;
    case PH_SWAP4:
        return PH_PROPOSE;
    case PH_T_SWAP:
        return PH_T_PLACE;
    case PH_T_CHOICE4:
        return c == GOMOKU_CHOICE_PROPOSE ? PH_PROPOSE : PH_T_PLACE;
    default: /* PH_SWAP2_PICK, PH_T_SWAP5 */
        (void)played;
        return PH_DONE;
    }
}

static void apply_choice(gomoku_opening *o, const gomoku *g, int seat, gomoku_opening_choice c)
{
    int black = o->black_seat;
    switch (c) {
    case GOMOKU_CHOICE_SWAP:
        black = 1 - black;
        break;
    case GOMOKU_CHOICE_BLACK:
        black = seat;
        break;
    case GOMOKU_CHOICE_WHITE:
        black = 1 - seat;
        break;
    case GOMOKU_CHOICE_PROPOSE:
        o->declared = TARAGUCHI_N;
        break;
    default:
        break;
    }
    if (black != o->black_seat)
        o->swaps++;
    o->black_seat = (uint8_t)black;
    o->phase = (uint8_t)after_choice(o, c, gomoku_move_count(g));
}

gomoku_opening_verdict gomoku_opening_apply(gomoku_opening *o, gomoku *g, int seat,
                                            const gomoku_opening_action *a)
{
    gomoku_opening_verdict v = gomoku_opening_check(o, g, seat, a);
    if (v != GOMOKU_OPENING_OK)
        return v;
    switch ((gomoku_opening_step)a->step) {
    case GOMOKU_STEP_PLACE:
        gomoku_play(g, a->pts[0].x, a->pts[0].y);
        o->phase = (uint8_t)after_stone(o, gomoku_move_count(g));
        break;
    case GOMOKU_STEP_CHOOSE:
        apply_choice(o, g, seat, (gomoku_opening_choice)a->choice);
        break;
    case GOMOKU_STEP_DECLARE:
        o->declared = a->count;
        o->phase = o->phase == PH_DECLARE_Y ? PH_SWAP3 : PH_SWAP4;
        break;
    case GOMOKU_STEP_PROPOSE:
        if (a->count == 1) { /* nothing to choose from: it is the fifth move */
            gomoku_play(g, a->pts[0].x, a->pts[0].y);
            o->phase = PH_DONE;
            break;
        }
        o->nprop = a->count;
        memcpy(o->prop, a->pts, sizeof o->prop[0] * a->count);
        o->phase = PH_SELECT;
        break;
    case GOMOKU_STEP_SELECT:
        gomoku_play(g, a->pts[0].x, a->pts[0].y);
        o->phase = PH_DONE;
        break;
    default:
        break;
    }
    return GOMOKU_OPENING_OK;
}

/* ---- names ----------------------------------------------------------- */

static int name_index(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        const char *p = names[i], *q = name;
        while (*p && *q && (*p | 0x20) == (*q | 0x20))
            p++, q++;
        if (*p == '\0' && *q == '\0')
            return i;
    }
    return -1;
}

const char *gomoku_opening_rule_name(gomoku_opening_rule r)
{
    return (unsigned)r <= GOMOKU_OPENING_TARAGUCHI10 ? rule_names[r] : "?";
}

const char *gomoku_opening_rule_name_at(int i)
{
    return i >= 0 && i < (int)(sizeof rule_names / sizeof rule_names[0]) ? rule_names[i] : NULL;
}

int gomoku_opening_rule_from_name(const char *name, gomoku_opening_rule *out)
{
    int i = name_index(rule_names, (int)(sizeof rule_names / sizeof rule_names[0]), name);
    if (i < 0)
        return -1;
    *out = (gomoku_opening_rule)i;
    return 0;
}

const char *gomoku_opening_choice_name(gomoku_opening_choice c)
{
    return (unsigned)c < GOMOKU_CHOICE_COUNT ? choice_names[c] : "?";
}

int gomoku_opening_choice_from_name(const char *name, gomoku_opening_choice *out)
{
    int i = name_index(choice_names, GOMOKU_CHOICE_COUNT, name);
    if (i < 0)
        return -1;
    *out = (gomoku_opening_choice)i;
    return 0;
}

const char *gomoku_opening_step_name(gomoku_opening_step s)
{
    return (unsigned)s <= GOMOKU_STEP_SELECT ? step_names[s] : "?";
}

const char *gomoku_opening_strerror(gomoku_opening_verdict v)
{
    switch (v) {
    case GOMOKU_OPENING_OK:
        return "allowed";
    case GOMOKU_OPENING_OVER:
        return "the opening is over";
    case GOMOKU_OPENING_NOT_YOURS:
        return "it is the other player's decision";
    case GOMOKU_OPENING_WRONG_STEP:
        return "that is not the step due now";
    case GOMOKU_OPENING_OUTSIDE_AREA:
        return "the stone is outside the area the opening rule allows";
    case GOMOKU_OPENING_OFF_BOARD:
        return "off-board";
    case GOMOKU_OPENING_OCCUPIED:
        return "occupied";
    case GOMOKU_OPENING_FORBIDDEN:
        return "forbidden to black";
    case GOMOKU_OPENING_BAD_CHOICE:
        return "that choice is not offered now";
    case GOMOKU_OPENING_BAD_COUNT:
        return "wrong number of fifth moves";
    case GOMOKU_OPENING_DUPLICATE:
        return "the same fifth move is proposed twice";
    case GOMOKU_OPENING_SYMMETRIC:
        return "two proposed fifth moves are symmetric (equivalent positions)";
    case GOMOKU_OPENING_NOT_PROPOSED:
        return "that point is not one of the proposals";
    }
    return "?";
}

/* ---- description ------------------------------------------------------ */

static const char *colour_name(gomoku_stone s)
{
    return s == GOMOKU_BLACK ? "black" : "white";
}

int gomoku_opening_describe(const gomoku_opening *o, const gomoku *g, char *buf, size_t cap)
{
    int played = gomoku_move_count(g);
    int seat = gomoku_opening_actor(o, g);
    int lo, hi, n;
    const char *who = seat == o->black_seat ? "black" : "white";
    char what[96];
    switch (o->phase) {
    case PH_DONE:
        n = snprintf(buf, cap, "opening over: %s to move", colour_name(gomoku_to_move(g)));
        return n < 0 || (size_t)n >= cap ? -1 : n;
    case PH_OPEN3:
    case PH_SWAP2_TWO:
    case PH_FOURTH:
    case PH_T_PLACE: {
        int half = place_area(o, played);
        if (half < 0)
            snprintf(what, sizeof what, "places %s stone %d anywhere",
                     colour_name(gomoku_to_move(g)), played + 1);
        else if (half == 0)
            snprintf(what, sizeof what, "places %s stone %d on the centre",
                     colour_name(gomoku_to_move(g)), played + 1);
        else
            snprintf(what, sizeof what, "places %s stone %d in the central %dx%d square",
                     colour_name(gomoku_to_move(g)), played + 1, 2 * half + 1, 2 * half + 1);
        break;
    }
    case PH_DECLARE_Y:
    case PH_DECLARE_S:
        gomoku_opening_declare_range(o, &lo, &hi);
        snprintf(what, sizeof what, "declares how many fifth moves black proposes (%d-%d)", lo, hi);
        break;
    case PH_SWAP3:
        if (o->rule == GOMOKU_OPENING_SWAP2)
            snprintf(what, sizeof what, "takes black, takes white, or places two more stones");
        else if (o->rule == GOMOKU_OPENING_SWAP)
            snprintf(what, sizeof what, "takes black or white");
        else
            snprintf(what, sizeof what, "may swap colours");
        break;
    case PH_SWAP2_PICK:
        snprintf(what, sizeof what, "takes black or white");
        break;
    case PH_T_CHOICE4:
        snprintf(what, sizeof what, "keeps black, swaps, or proposes %d fifth moves", TARAGUCHI_N);
        break;
    case PH_PROPOSE:
        snprintf(what, sizeof what, "proposes %d fifth move%s", gomoku_opening_proposal_count(o),
                 gomoku_opening_proposal_count(o) == 1 ? "" : "s");
        break;
    case PH_SELECT:
        snprintf(what, sizeof what, "picks one of the %d proposed fifth moves", o->nprop);
        break;
    default: /* PH_SWAP4, PH_T_SWAP, PH_T_SWAP5 */
        snprintf(what, sizeof what, "may swap colours");
        break;
    }
    if (o->phase == PH_OPEN3 || o->phase == PH_SWAP3 || o->phase == PH_SWAP2_TWO ||
        o->phase == PH_SWAP2_PICK || o->phase == PH_DECLARE_Y)
        who = seat == 0 ? "the first player" : "the second player";
    n = snprintf(buf, cap, "%s %s", who, what);
    return n < 0 || (size_t)n >= cap ? -1 : n;
}
