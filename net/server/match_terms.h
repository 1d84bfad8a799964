/* match_terms.h: a game's terms, the part of a match_config each match
 * keeps as its own (docs/server.md, "The journal"): the game, rule and
 * board, the opening rule, the clock (time, increment, delay) and the move
 * time cap, and whether takebacks are allowed. A match starts under the
 * server's flags; one restored from the journal goes on under the terms it
 * was journaled with, whatever the flags of the restarted server. */
#ifndef MATCHBOARD_MATCH_TERMS_H
#define MATCHBOARD_MATCH_TERMS_H

#include <stddef.h>

#include "server_logic.h"

/* The bounds the command line puts on the terms (server_options.c). */
#define MATCH_TERMS_CLOCK_MAX_MS     (24u * 60 * 60000) /* --clock M: 24 h */
#define MATCH_TERMS_INCREMENT_MAX_MS 3600000u           /* --clock +S and its delay: 1 h */
#define MATCH_TERMS_MOVE_TIME_MAX_MS 86400000u          /* --move-time: a day */

/* Checks the terms of c as the command line checks its flags and sets
 * c->ops from c->options.kind. 0, or -1 with why (a sentence naming the
 * value) in why[cap]; c->ops is then NULL. */
int match_terms_check(match_config *c, char *why, size_t cap);

/* Copies the terms of from into to; the rest of to (grace period, restart
 * bonus, timeouts, the engine seat's key) stays as it was. */
void match_terms_copy(match_config *to, const match_config *from);

/* Do a and b have the same terms? */
int match_terms_equal(const match_config *a, const match_config *b);

#endif
