/* trace.h: --trace, a plain-text account on standard output of what the
 * window shows, one line per change, for tests and bug reports:
 *   seat: Black (Player1), opponent bot
 *   connection: connected to 127.0.0.1:7777
 *   notice: Not there: occupied          (a refusal or an error, in red;
 *                                         "notice: none" once it is cleared)
 *   news: Your opponent left             (news, painted dim)
 *   selected: e2                         (selected: none)
 *   move 3: Nf3
 *   game over: You win; ann (Black) by five in a row
 *   leave: Resign and leave?             (the question before leaving;
 *                                         "leave: none" once answered)
 * Back on the connect screen after a game, "connect screen: ready" again,
 * and the next game is told from its start.
 */
#ifndef MATCHBOARD_UI_TRACE_H
#define MATCHBOARD_UI_TRACE_H

#include "app.h"

/* Prints what changed since the last call in the frame described by p and
 * the session (the game screen), or p NULL: the connect screen's error. */
void app_trace(const app *a, const panel_info *p);

#endif
