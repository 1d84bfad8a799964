/* fake_game.h: a tiny game behind game_ops for the client tests: stones on
 * a square board, no captures, no winner. It lets the state machine be
 * tested without any real rules, and shows it never looks at the game's
 * name. Moves are points ("c2"); a stone on an occupied point is illegal. */
#ifndef MATCHBOARD_FAKE_GAME_H
#define MATCHBOARD_FAKE_GAME_H

#include "game.h"

extern const game_ops fake_game_ops;

/* Finds fake_game_ops for any kind (a client_ops_lookup). */
const game_ops *fake_lookup(game_kind kind);

#endif
