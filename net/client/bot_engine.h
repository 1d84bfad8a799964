/* bot_engine.h: matchboard-bot's engine seat (--engine): the engine's
 * process (child_proc) and its protocol (engine_seat), fed from the bot's
 * event loop. The process starts first; the conversation once the
 * server's WELCOME names the game (the game decides the protocol: UCI for
 * chess, Gomocup for Gomoku). */
#ifndef MATCHBOARD_BOT_ENGINE_H
#define MATCHBOARD_BOT_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "bot.h"
#include "client.h"

typedef struct bot_engine bot_engine;

/* Called from the engine's reader thread when it printed something. */
typedef void (*bot_engine_wake_fn)(void *user);

/* An engine seat for a's --engine options; NULL without memory. */
bot_engine *bot_engine_create(const bot_args *a, bot_engine_wake_fn wake, void *user);
/* Starts the engine's process (before connecting, so that a wrong
 * command is said at once): 0, or -1 and err. */
int bot_engine_start(bot_engine *e, char *err, size_t errcap);
/* Says goodbye to the engine, gives it a moment, then kills it. */
void bot_engine_destroy(bot_engine *e);

/* Each client event, for the game count and the clocks. */
void bot_engine_on_event(bot_engine *e, const client_event *ev, uint64_t now_ms);

/* Brings the engine in step with the client's game: starts it, reads
 * what it printed, sends what it needs, checks its time. Then a move may
 * be ready (bot_engine_take_move) or the engine failed (bot_engine_failure).
 * Notes for the user (its name, its MESSAGEs) go to say(user, text). */
void bot_engine_step(bot_engine *e, client *c, uint64_t now_ms,
                     void (*say)(void *user, const char *text), void *say_user);

/* 1 and *m when the engine's move for the current position is ready. */
int bot_engine_take_move(bot_engine *e, client *c, game_move *m);

/* Does the engine take this game's opening decisions (a swap or swap2
 * rule, through the Gomocup SWAP2BOARD question)? Other rules' steps are
 * the bot's own. */
int bot_engine_plays_opening(const client *c);

/* 1 and *out when the engine's next opening step is ready: a stone of its
 * first three (or of the two it places more), or its choice (SWAP: black;
 * a move: white, the move then asked as a move; two stones: place two). */
int bot_engine_take_opening(bot_engine *e, client *c, packet_opening_action *out);

/* NULL while the engine is well, else why it failed. */
const char *bot_engine_failure(const bot_engine *e);

/* How long the loop may wait before the engine's deadline (ms), or -1. */
int bot_engine_wait_ms(const bot_engine *e, uint64_t now_ms);

/* The program --engine names, as a command line split into words:
 * "builtin" is matchboard-engine beside this program. NULL and err when it
 * cannot be found or split. */
char **bot_engine_command(const char *spec, char *err, size_t errcap);

#endif
