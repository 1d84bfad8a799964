/* client_coord.h: a move as plain board coordinates, from the move's shape
 * alone: "h8" for a stone (no from square), "e2e4" / "e7e8q" for a move
 * from one square to another. Columns are letters from 'a' (none skipped),
 * rows numbers from 1, as game.h's coordinates define them. */
#ifndef MATCHBOARD_CLIENT_COORD_H
#define MATCHBOARD_CLIENT_COORD_H

#include <stddef.h>

#include "game.h"

/* Writes the coordinates of m; returns the length (snprintf-style). */
int client_move_coord(const game_move *m, char *buf, size_t cap);

#endif
