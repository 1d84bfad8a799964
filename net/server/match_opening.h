/* match_opening.h: a Gomoku opening rule (gomoku_opening.h) inside a
 * server match: its wire form (OPENING_STATE, OPENING_ACTION, REJECT
 * reasons), its journal form, the replay of journaled steps after a
 * restart, and its line in the SGF record. Pure, like match_host.c.
 *
 * Seats: the opening counts seats from the game's first player (0) while
 * a match keeps black as its Player1; the host exchanges its two seats
 * whenever the opening exchanges colours, so the opening seat k is match
 * seat k ^ black_seat (gomoku_opening_black_seat).
 */
#ifndef MATCHBOARD_MATCH_OPENING_H
#define MATCHBOARD_MATCH_OPENING_H

#include <stddef.h>

#include "gomoku_opening.h"
#include "server_logic.h"

/* The step a journal record or an OPENING_ACTION of opening seat `seat`
 * carries, and back. */
void match_opening_step_of(const packet_opening_action *pa, int seat, match_opening_step *out);
void match_opening_action_of(const match_opening_step *st, gomoku_opening_action *out);

/* OPENING_STATE for the opening o on g (actor as a match seat, 1 or 2). */
void match_opening_state(const gomoku_opening *o, const gomoku *g, packet *out);

/* The REJECT reason of a refused step. */
packet_reject_reason match_opening_reject(gomoku_opening_verdict v);

/* Starts rule r on the fresh game g and replays the journaled steps of r
 * on it. 0, or -1 when a step is refused (g and o are then unusable). */
int match_opening_replay(gomoku_opening_rule rule, game *g, gomoku_opening *o,
                         const match_restore *r);

/* The SGF ON text of an opening: the rule, the colour exchanges and the
 * proposed fifth moves ("rif; colours exchanged once; fifth move chosen
 * from g7 g8"). */
void match_opening_record(const gomoku_opening *o, const gomoku *g, char *buf, size_t cap);

#endif
