/* gomoku_opening.h: Gomoku and Renju opening rules as a pure state machine.
 *
 * An opening rule decides, before ordinary play starts, which stones are put
 * where, by whom, and which player ends up with black. This module knows the
 * procedures (swap, swap2 for freestyle and standard Gomoku; RIF, Yamaguchi,
 * Soosorv-8 and Taraguchi-10 for Renju; see docs/openings.md for the texts)
 * and checks every step like a move: the wrong player, a stone outside the
 * allowed area, a duplicate or symmetric fifth-move proposal, a choice out of
 * turn each get a verdict with a reason. Pure C11: no I/O, no allocation.
 *
 * The two players are seats: seat 0 opens (the "first player", tentative
 * black), seat 1 is the other. Stones go on the caller's `gomoku` game in the
 * real order, alternately black and white (gomoku_play), so the game's move
 * list is the record. Steps are replayable: applying the same actions in the
 * same order to a fresh state and game gives the same result.
 */
#ifndef MATCHBOARD_GOMOKU_OPENING_H
#define MATCHBOARD_GOMOKU_OPENING_H

#include "gomoku.h"

enum {
    GOMOKU_OPENING_MAX_PROPOSALS = 10, /* the most fifth moves a rule asks for */
};

typedef enum gomoku_opening_rule {
    GOMOKU_OPENING_NONE = 0,   /* seat 0 is black, ordinary play from move 1 */
    GOMOKU_OPENING_SWAP,       /* swap1 (freestyle, standard) */
    GOMOKU_OPENING_SWAP2,      /* swap2 (freestyle, standard) */
    GOMOKU_OPENING_RIF,        /* RIF opening rule (Renju) */
    GOMOKU_OPENING_YAMAGUCHI,  /* Yamaguchi (Renju) */
    GOMOKU_OPENING_SOOSORV8,   /* Soosorv-8 (Renju) */
    GOMOKU_OPENING_TARAGUCHI10 /* Taraguchi-10 (Renju) */
} gomoku_opening_rule;

/* What the player to act must do now. */
typedef enum gomoku_opening_step {
    GOMOKU_STEP_DONE = 0, /* the opening is over: ordinary moves */
    GOMOKU_STEP_PLACE,    /* put the next stone (colour to move) inside the area */
    GOMOKU_STEP_CHOOSE,   /* pick one of the offered choices */
    GOMOKU_STEP_DECLARE,  /* declare how many fifth moves will be proposed */
    GOMOKU_STEP_PROPOSE,  /* propose the declared number of fifth moves */
    GOMOKU_STEP_SELECT,   /* pick one of the proposals as the fifth move */
} gomoku_opening_step;

/* Choices; gomoku_opening_choices() returns a mask of (1u << choice). */
typedef enum gomoku_opening_choice {
    GOMOKU_CHOICE_STAY = 0,  /* keep the colours as they are */
    GOMOKU_CHOICE_SWAP,      /* exchange colours with the opponent */
    GOMOKU_CHOICE_BLACK,     /* take black (swap, swap2) */
    GOMOKU_CHOICE_WHITE,     /* take white (swap, swap2) */
    GOMOKU_CHOICE_PLACE_TWO, /* swap2: put two more stones, the opponent chooses */
    GOMOKU_CHOICE_PROPOSE,   /* Taraguchi: propose ten fifth moves instead */
    GOMOKU_CHOICE_COUNT
} gomoku_opening_choice;

typedef enum gomoku_opening_verdict {
    GOMOKU_OPENING_OK = 0,
    GOMOKU_OPENING_OVER,         /* no opening step is due any more */
    GOMOKU_OPENING_NOT_YOURS,    /* the other player must act */
    GOMOKU_OPENING_WRONG_STEP,   /* e.g. a choice when a stone is due */
    GOMOKU_OPENING_OUTSIDE_AREA, /* the stone is outside the allowed square */
    GOMOKU_OPENING_OFF_BOARD,
    GOMOKU_OPENING_OCCUPIED,
    GOMOKU_OPENING_FORBIDDEN,    /* a Renju foul for black */
    GOMOKU_OPENING_BAD_CHOICE,   /* a choice not offered now */
    GOMOKU_OPENING_BAD_COUNT,    /* declared number out of range, or not that many */
    GOMOKU_OPENING_DUPLICATE,    /* the same point proposed twice */
    GOMOKU_OPENING_SYMMETRIC,    /* two proposals give equivalent positions */
    GOMOKU_OPENING_NOT_PROPOSED, /* the selected point is not a proposal */
} gomoku_opening_verdict;

/* One step of a player. Fill the fields the step needs: PLACE pts[0];
 * CHOOSE choice; DECLARE count; PROPOSE count and pts[0..count); SELECT
 * pts[0]. */
typedef struct gomoku_opening_action {
    uint8_t step;   /* gomoku_opening_step answered */
    uint8_t choice; /* gomoku_opening_choice */
    uint8_t count;
    gomoku_point pts[GOMOKU_OPENING_MAX_PROPOSALS];
} gomoku_opening_action;

/* The state. Read it only through the functions below. */
typedef struct gomoku_opening {
    uint8_t rule;       /* gomoku_opening_rule */
    uint8_t phase;      /* internal */
    uint8_t black_seat; /* seat holding black now (tentative during the opening) */
    uint8_t declared;   /* number of fifth moves declared (0: none yet) */
    uint8_t nprop;      /* proposals on the table */
    uint8_t swaps;      /* colour exchanges so far */
    gomoku_point prop[GOMOKU_OPENING_MAX_PROPOSALS];
} gomoku_opening;

/* Can this opening rule be played on this game? NULL if so, else a
 * sentence saying why not (swap rules are for freestyle and standard, the
 * Renju rules for Renju on an odd board of at least 15x15). */
const char *gomoku_opening_unfit(gomoku_opening_rule r, gomoku_rule game_rule, int size);

/* Starts the opening on an empty game `g` (no moves, no setup stones).
 * Returns 0, or -1 (o untouched) when gomoku_opening_unfit() says no or
 * the board is not empty. */
int gomoku_opening_init(gomoku_opening *o, gomoku_opening_rule r, const gomoku *g);

gomoku_opening_rule gomoku_opening_get_rule(const gomoku_opening *o);

/* The step due now; GOMOKU_STEP_DONE once ordinary play has begun. */
gomoku_opening_step gomoku_opening_next(const gomoku_opening *o);

/* The seat (0 or 1) that must act now: during the opening, the one whose
 * decision it is; afterwards the one holding the colour to move in g (-1
 * once the game is over). Clocks run for this seat. */
int gomoku_opening_actor(const gomoku_opening *o, const gomoku *g);

/* How many times the colours changed hands so far. */
int gomoku_opening_swaps(const gomoku_opening *o);

/* The seat holding black (final once the step is GOMOKU_STEP_DONE). */
int gomoku_opening_black_seat(const gomoku_opening *o);

/* For GOMOKU_STEP_CHOOSE: the offered choices as a mask of
 * (1u << gomoku_opening_choice); 0 otherwise. */
unsigned gomoku_opening_choices(const gomoku_opening *o);

/* For GOMOKU_STEP_PLACE: the half-width of the central square the stone
 * must be in (0: the centre point, 1: the 3x3 square ...), or -1 for
 * anywhere on the board. For other steps -1. */
int gomoku_opening_area(const gomoku_opening *o, const gomoku *g);

/* For GOMOKU_STEP_DECLARE: the range of numbers that may be declared. */
void gomoku_opening_declare_range(const gomoku_opening *o, int *min, int *max);

/* How many fifth moves must be / were proposed (0 when none is due). */
int gomoku_opening_proposal_count(const gomoku_opening *o);

/* The proposals on the table during GOMOKU_STEP_SELECT, and after the
 * opening the ones white chose the fifth move from: copies up to cap and
 * returns how many there are (0 at other steps, or none were made). */
int gomoku_opening_proposals(const gomoku_opening *o, gomoku_point *out, int cap);

/* Checks an action of `seat` against the state and the game; nothing
 * changes. */
gomoku_opening_verdict gomoku_opening_check(const gomoku_opening *o, const gomoku *g, int seat,
                                            const gomoku_opening_action *a);

/* Checks, then applies the action: stones are played on g, colours change
 * hands. Returns the verdict; nothing changes unless GOMOKU_OPENING_OK. */
gomoku_opening_verdict gomoku_opening_apply(gomoku_opening *o, gomoku *g, int seat,
                                            const gomoku_opening_action *a);

/* Would a stone of `side` on a and one on b give equivalent positions on
 * g: one the image of the other under a rotation or reflection of the
 * lattice (with a shift; the board's edge is not considered)? 1 if so. */
int gomoku_equivalent_points(const gomoku *g, gomoku_stone side, gomoku_point a, gomoku_point b);

/* "none", "swap", "swap2", "rif", "yamaguchi", "soosorv8", "taraguchi10". */
const char *gomoku_opening_rule_name(gomoku_opening_rule r);
/* The rule of a name (case-insensitive). Returns 0, or -1 if unknown. */
int gomoku_opening_rule_from_name(const char *name, gomoku_opening_rule *out);
/* The name of opening rule number i, NULL past the last: the list for
 * command lines (cli.h's CLI_ENUM) and messages. */
const char *gomoku_opening_rule_name_at(int i);

/* "stay", "swap", "black", "white", "place-two", "propose". */
const char *gomoku_opening_choice_name(gomoku_opening_choice c);
/* The choice of a name (case-insensitive). Returns 0, or -1 if unknown. */
int gomoku_opening_choice_from_name(const char *name, gomoku_opening_choice *out);

/* "place", "choose", "declare", "propose", "select", "done". */
const char *gomoku_opening_step_name(gomoku_opening_step s);

/* A sentence for a verdict ("the other player must decide", ...). */
const char *gomoku_opening_strerror(gomoku_opening_verdict v);

/* A short description of what is due, for a player's screen or a
 * spectator ("black places stone 2 in the central 3x3 square"): writes at
 * most cap bytes (NUL included) to buf and returns the length, or -1. */
int gomoku_opening_describe(const gomoku_opening *o, const gomoku *g, char *buf, size_t cap);

#endif
