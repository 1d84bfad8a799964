/* computer_levels.h: the strength levels of "Play the computer" and the
 * matchboard-bot flags each means for each game (pure, no SDL). */
#ifndef MATCHBOARD_UI_COMPUTER_LEVELS_H
#define MATCHBOARD_UI_COMPUTER_LEVELS_H

#include <stddef.h>

#include "game.h"
#include "gomoku_opening.h"

enum { COMPUTER_LEVELS = 4, COMPUTER_DEFAULT_LEVEL = 1 };

/* "Beginner", "Casual", "Strong", "Max"; NULL out of range. */
const char *computer_level_name(int level);
/* The level named (any case), or -1. */
int computer_level_parse(const char *name);

/* The Gomoku opening rules the computer plays properly, after r in turn
 * (wrapping): none, swap, swap2. Under these the engine takes the
 * opening's decisions itself (the Gomocup SWAP2BOARD question: three
 * stones, SWAP, a white move, two more stones); the Renju openings have no
 * such question, and the bot would take their steps at random. */
gomoku_opening_rule computer_opening_next(gomoku_opening_rule r);

/* The engine for a game when none is given: "builtin" (matchboard-engine)
 * for Gomoku, "stockfish" for chess. */
const char *computer_default_engine(game_kind kind);

/* The bot's engine flags for level in this game, engine the command:
 * --engine CMD --movetime MS [--engine-option 'Skill Level=N']. Fills out
 * with at most cap - 1 strings and a NULL; returns how many. Chess sets
 * Stockfish's Skill Level (0, 5, 12, 20) and 0.1, 0.3, 1 and 3 s a move;
 * Gomoku gives the engine 0.05, 0.25, 1 and 3 s a move (its only knob).
 * With a clock on the server the engine plays by the clocks instead. */
size_t computer_bot_flags(game_kind kind, int level, const char *engine, const char **out,
                          size_t cap);

#endif
