/* match_host_internal.h: private to match_host.c and the match_*.c files
 * it is split into: the matches' state and the functions one of those
 * files calls in another. Not for any other file.
 *
 *   match_host.c    life cycle, finding a connection's match, packets dispatched, drops, queries
 *   match_moves.c   moves and opening steps, checked, journaled, relayed
 *   match_offers.c  draw, rematch and takeback offers, resign
 *   match_clock.c   clocks, flags, the tick and its deadline, stopping
 *   match_game.c    journal entries, a game's start and end, records
 *   match_resume.c  restore from the journal, resume, spectators joining
 */
#ifndef MATCHBOARD_MATCH_HOST_INTERNAL_H
#define MATCHBOARD_MATCH_HOST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "conn_map.h"
#include "gomoku_opening.h"
#include "grow.h"
#include "match_host.h"

typedef struct seat {
    conn_id conn; /* CONN_NONE while away */
    char name[PACKET_NAME_SIZE];
    uint8_t token[PACKET_TOKEN_SIZE];
    uint16_t version;    /* protocol version negotiated with conn (0: away since a restore) */
    uint64_t dropped_ms; /* when it went away */
    uint8_t engine;      /* the server's engine seat (match_seating.engine) */
    uint8_t leaving;     /* said after the game it plays no rematch (REMATCH_ANSWER 0 with no
                          * offer standing): an offer to it is declined at once */
    uint8_t unaware;     /* its rematch offer was accepted and it has sent nothing since the
                          * rematch began: a REMATCH_ANSWER 0 it sent before it heard may still
                          * come (1), or its withdrawal came, too late (2) (match_offers.c) */
} seat;

typedef struct match {
    uint32_t id, game_no;
    /* Its terms (match_terms.h; the rest as the host's): the server's
     * flags when it began, or those journaled with it when restored; its
     * rematches keep them. Read a game's settings here, not in h->cfg. */
    match_config cfg;
    game *g;
    seat seat[2]; /* seat[0] is Player1 of the current game */
    conn_id *watchers;
    size_t nwatch, capwatch;
    int over;                            /* the current game has ended */
    uint64_t over_ms;                    /* when it ended */
    game_result result;                  /* how it ended */
    game_side draw_offer, rematch_offer; /* side with an offer pending */
    game_side declined;                  /* side whose rematch offer was declined while it was
                                          * away: told (REMATCH_ANSWER 0) when it is back */
    game_side withdrawn;                 /* side that withdrew its rematch offer and made none
                                          * since: an acceptance crossing it is told so */
    int clocked;
    int held;                   /* finished with a rematch offer pending and a seat away (restored
                                 * after a restart, or a player dropped), or with a decline its
                                 * away maker has not heard yet: a seat away is held for the grace
                                 * period, as in an unfinished game */
    int paused;                 /* restored after a restart, or a rematch begun with a seat away:
                                 * no clock runs until both are back */
    int64_t unearned_ms;        /* the restart bonus in left_ms while paused: not journaled, so
                                 * that a second restart before both are back adds it once */
    int64_t left_ms[2];         /* time left, as of clock_since */
    uint64_t clock_since;       /* when the running clock last started */
    uint64_t turn_since;        /* when the side that must act began to (--move-time) */
    game_side takeback_offer;   /* side with a takeback request pending */
    uint8_t takeback_plies;     /* how many moves it asks to take back */
    uint8_t takebacks_asked[2]; /* requests this game, per side (rate limit) */
    uint32_t takeback_ply[2];   /* ply of each side's last request + 1 (0: none) */
    uint32_t opening_plies;     /* stones the opening put (they are never taken back) */
    int opening_on;             /* a Gomoku opening rule runs this game (match_opening.h) */
    gomoku_opening open;        /* its state; seat[0] is always who holds black */
} match;

struct match_host {
    const match_config *cfg;
    const logic_sink *sink;
    match **m;
    size_t count, cap;
    conn_map where; /* conn_id -> its match, for every seat and watcher */
    size_t away;    /* seats whose player dropped and is not back */
    size_t timed;   /* matches whose terms have a clock or a move time */
};

typedef enum role { ROLE_NONE = 0, ROLE_P1 = 1, ROLE_P2 = 2, ROLE_WATCHER = 3 } role;

/* Seats, sides and roles. Seat s (0 or 1) of a match is the current
 * game's Player1 or Player2: its side is GAME_SIDE_FIRST or SECOND, its
 * number (Player%d in logs, the seat byte of WELCOME and PEER_STATUS) 1 or
 * 2, its role ROLE_P1 or ROLE_P2. The per-side arrays of a match (left_ms,
 * takebacks_asked, takeback_ply) are indexed by seat. */
static inline game_side seat_side(int s)
{
    return (game_side)(s + 1);
}
static inline int side_seat(game_side side)
{
    return (int)side - 1;
}
static inline int other_seat(int s)
{
    return 1 - s;
}
static inline uint8_t seat_number(int s)
{
    return (uint8_t)(s + 1);
}
static inline role seat_role(int s)
{
    return (role)(s + 1);
}
/* The seat of a player's role (ROLE_P1 or ROLE_P2). */
static inline int role_seat(role r)
{
    return (int)r - 1;
}

/* ---- match_host.c: small helpers, life cycle ---- */

const game_ops *ops_of(const match *m);
void send_to(match_host *h, conn_id c, const packet *p);
void broadcast(match_host *h, match *m, const packet *p, conn_id skip);
void place(match_host *h, conn_id c, match *m);
match *find_id(match_host *h, uint32_t id);
uint32_t game_ply(const match_host *h, const match *m);
int in_opening(const match *m);
game_side mover(const match_host *h, const match *m);
match *new_match(match_host *h, const match_config *terms);
void keep_match(match_host *h, match *m);

/* ---- match_clock.c: clocks ---- */

int64_t time_left(const match_host *h, const match *m, game_side side, uint64_t now);
int64_t move_cost(const match *m, uint64_t now);
void send_clock(match_host *h, match *m, conn_id only, uint64_t now);
int flag_fell(match_host *h, match *m, uint64_t now);

/* ---- match_game.c: the journal, a game's start and end ---- */

void host_journal(match_host *h, const journal_entry *e);
void set_offer(match_host *h, match *m, journal_offer kind, game_side side);
void journal_clocks(match_host *h, const match *m);
void destroy_match(match_host *h, size_t idx);
void host_collect(match_host *h, match *m);
void requeue_seat(match_host *h, match *m, int s);
int engine_gives_way(match_host *h, match *m, int s);
int engine_wanted(const match_host *h, const match *m, int s);
void end_game(match_host *h, match *m, game_result r, uint64_t now);
void end_with(match_host *h, match *m, game_end_reason reason, game_side winner, uint64_t now);
void send_start(match_host *h, match *m, conn_id only);
void send_welcome(match_host *h, match *m, conn_id c, uint8_t seat_no, uint16_t version);
void send_opening(match_host *h, match *m, conn_id only);
void begin_game(match_host *h, match *m, uint64_t now);

/* ---- match_resume.c: restore, resume, watch ---- */

void peer_status(match_host *h, match *m, int s, int back, uint32_t grace_ms);
/* What is left of the grace period of seat s, away (0: none). */
uint32_t grace_left(const match_host *h, const match *m, int s, uint64_t now);

/* ---- match_moves.c: moves and opening steps ---- */

void on_opening(match_host *h, match *m, int s, conn_id c, const packet_opening_action *pa,
                uint64_t now);
void on_move(match_host *h, match *m, int s, conn_id c, const packet_move *pm, uint64_t now);

/* ---- match_offers.c: offers and answers ---- */

void not_allowed(match_host *h, conn_id c, const char *why);
const char *takeback_refusal(const match *m, game_side side, int plies);
void on_takeback(match_host *h, match *m, int s, conn_id c, const packet *p, uint64_t now);
void on_offer_or_answer(match_host *h, match *m, int s, conn_id c, const packet *p, uint64_t now);
/* Seat s, whose withdrawal came after its offer was accepted (unaware 2),
 * leaves before it did anything in the rematch: the rematch is called off
 * (GAME_OVER aborted) and s plays no other. */
void call_off_rematch(match_host *h, match *m, int s, uint64_t now);

#endif
