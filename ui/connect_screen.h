/* connect_screen.h: the form shown before a game (connect_screen.c) and its
 * list of servers on the LAN (connect_discovery.c). */
#ifndef MATCHBOARD_UI_CONNECT_SCREEN_H
#define MATCHBOARD_UI_CONNECT_SCREEN_H

#include "app.h"

/* connect_discovery.c: the connect screen's list of LAN servers */
enum { APP_LAN_ROWS = 3 };
void connect_discovery_start(app *a);
void connect_discovery_stop(app *a);
/* Probes, reads replies and forgets silent servers while the connect
 * screen shows; marks the screen dirty when the list changed. */
void connect_discovery_tick(app *a);
/* Milliseconds until connect_discovery_tick wants the loop, -1: never. */
int connect_discovery_timeout(const app *a);
/* The servers to list now, one per server, at most APP_LAN_ROWS. */
size_t connect_discovery_rows(const app *a, const discovery_server **rows);

/* connect_screen.c */
void connect_screen_draw(app *a);
void connect_screen_input(app *a, const SDL_Event *ev);
/* The centre of LAN row i in window points: 0, or -1 when no server is
 * listed there (test hook: --script's "lan N"). */
int connect_screen_lan_row(app *a, int i, int *x, int *y);
/* The centre of a "Play the computer" button ("gomoku", "chess", "level",
 * "opening") in window points: 0, or -1 off the connect screen (test hook:
 * --script's "computer WHICH"). */
int connect_screen_computer_button(app *a, const char *which, int *x, int *y);
/* The centre of the "Host a game" button in window points: 0, or -1 off the
 * connect screen (test hook: --script's "host open"). */
int connect_screen_host_button(app *a, int *x, int *y);
/* The centre of the Watch button (beside Connect) in window points: 0, or -1
 * off the connect screen or while connecting (test hook: --script's
 * "watch"). */
int connect_screen_watch_button(app *a, int *x, int *y);

#endif
