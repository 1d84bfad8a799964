/* script.h: a test hook (--script FILE): scripted input pushed as real SDL
 * mouse events, so a headless test drives the same code a player does.
 * One command a line, run in order:
 *   move TEXT   when it is our turn, click the move's cells ("h8", "e2e4")
 *   drop        cut the connection (the client must reconnect and resume)
 *   key NAME    press a key (SDL key name, e.g. "Escape", "F")
 *   # comment
 */
#ifndef MATCHBOARD_UI_SCRIPT_H
#define MATCHBOARD_UI_SCRIPT_H

#include "app.h"

/* Loads the script; 0, or -1 with a message in err. */
int script_load(app *a, const char *path, char *err, size_t cap);
/* Runs the next command if its time has come; returns the milliseconds
 * until it wants to look again, or -1 when the script is done. */
int script_step(app *a);

#endif
