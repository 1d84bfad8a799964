/* script.h: a test hook (--script FILE): scripted input pushed into the SDL
 * event queue as real mouse and key events, so a headless test drives the
 * same code a player does. One command a line, run in order:
 *   move TEXT   when it is our turn, click the move's cells: "h8", "e2e4",
 *               "e7e8q" (the promotion chooser is clicked too), or SAN
 *   drag TEXT   when it is our turn, drag and drop a chess piece ("e2e4")
 *   click CELL  click a cell now, whoever's turn it is ("h8")
 *   send TEXT   send the move to the server as it is, skipping the GUI's
 *               own rules check (as a client with other rules would), once
 *               no move of ours awaits the server
 *   drop        cut the connection (the client must reconnect and resume)
 *   key NAME    press a key (SDL key name, e.g. "Escape", "F")
 *   sleep MS    wait
 *   shot        write the window to the --screenshot file at the next frame
 *   chat TEXT   once seated, click the chat line, type TEXT (the rest of
 *               the line) and press Enter
 *   wait-file PATH  wait until the file PATH exists (a test's signal)
 *   host WHAT   the connect screen's Host a game dialog: open, start,
 *               cancel, a field ("opening") or FIELD=VALUE (host_screen.h)
 *   quit        close the window
 *   # comment
 * Cells are written as in the game: column letter from 'a', row from 1.
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
