/* computer.h: "Play the computer" (the connect screen's buttons, --computer):
 * a local matchboard-server when no server was chosen, and an engine seated
 * as the opponent through matchboard-bot --engine once the GUI has its seat
 * (so the player takes the first seat). Both are child processes of the
 * GUI, found beside its executable (or in a build folder's net/), and
 * stopped when the GUI exits. */
#ifndef MATCHBOARD_UI_COMPUTER_H
#define MATCHBOARD_UI_COMPUTER_H

#include "app.h"

/* Starts a game against the computer: with a server address in hostport
 * (NULL or "": none), connects there; else starts a local server of this
 * game first. The bot follows at the WELCOME. 0, or -1 with
 * a->form_error set. */
int computer_play(app *a, game_kind kind, const char *hostport);

/* The GUI has its seat (a WELCOME): seats the engine when one is due. */
void computer_on_welcome(app *a);

/* Stops the bot and the local server (at exit). */
void computer_stop(app *a);

/* A bot that ended by itself (its engine missing: no Stockfish) is told
 * in the panel, once; computer_timeout is when to look again (ms, -1:
 * no bot to watch). */
void computer_tick(app *a);
int computer_timeout(const app *a);

#endif
