/* app_leave.h: leaving a game on purpose (app_leave.c): the game screen's
 * Leave button and its key (L), the window's close button and Ctrl+Q. The
 * session decides whether to ask first (session_leave) and queues the
 * farewell; here the question's answer is taken (a click on its buttons,
 * Enter or Y, Esc or N), the farewell is sent, then the link is closed,
 * the computer or the hosted server stopped, and the window goes back to
 * the connect screen, or closes. */
#ifndef MATCHBOARD_UI_APP_LEAVE_H
#define MATCHBOARD_UI_APP_LEAVE_H

#include "app.h"

/* The Leave button or key: asks, or leaves at once (back to the connect
 * screen). */
void app_leave(app *a);

/* The window's close button or Ctrl+Q: on the game screen as app_leave,
 * then the window closes; elsewhere it closes at once. */
void app_close_window(app *a);

/* An event of the game screen: 1 when leaving took it (the question is
 * modal; the L key; a click on Leave). */
int app_leave_input(app *a, const SDL_Event *ev);

/* Finishes leaving once the farewell is sent (or after a short wait):
 * called from the loop. */
void app_leave_tick(app *a);

/* Milliseconds until app_leave_tick has work, or -1. */
int app_leave_timeout(const app *a);

#endif
