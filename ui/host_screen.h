/* host_screen.h: "Host a game" for two players: the connect screen's
 * dialog (host_dialog.h is its model), the matchboard-server it starts on
 * this machine as a child process (local_server.h), the GUI seated there
 * as Player1, and the notice while it waits for an opponent. The server
 * listens on every interface, port 7777 (or a free one when 7777 is
 * taken), and answers LAN discovery; with MATCHBOARD_HOST_BIND=ADDR in the
 * environment (tests) it listens on ADDR only, on a free port, without
 * discovery. It stops when the window closes or another game is started
 * from the connect screen. */
#ifndef MATCHBOARD_UI_HOST_SCREEN_H
#define MATCHBOARD_UI_HOST_SCREEN_H

#include "app.h"

/* Opens the dialog over the connect screen. */
void host_screen_open(app *a);

/* The dialog over the connect screen, when open. */
void host_screen_draw(app *a);
/* An event while the dialog is open: 1 when the dialog took it. */
int host_screen_input(app *a, const SDL_Event *ev);

/* --script's "host WHAT" (test hook; "host open", the connect screen's
 * button, is script.c's): "start" and "cancel" are the dialog's buttons, a
 * field's name ("game", "rule", "opening", "clock", "takebacks") its value, and
 * "FIELD=VALUE" that field until it shows VALUE. -1: nothing to click yet;
 * 0: done (the value is shown, or WHAT names nothing); 1: click the window
 * point (x, y), then done; 2: click it, then ask again. */
int host_screen_script(app *a, const char *what, int *x, int *y);

/* The GUI has its seat (a WELCOME): the waiting notice, when hosting. */
void host_on_welcome(app *a);

/* Stops the hosted server, if any. */
void host_stop(app *a);

#endif
