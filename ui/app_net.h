/* app_net.h: the GUI's connection (app_net.c): the notifier's
 * notifications, which arrive as SDL user events, turned into bytes for the
 * session and the session's bytes sent. It calls only the session. */
#ifndef MATCHBOARD_UI_APP_NET_H
#define MATCHBOARD_UI_APP_NET_H

#include "app.h"

int app_net_init(app *a);
void app_net_free(app *a);
/* Starts connecting to host[:port]; 0, or -1 with a->form_error set. */
int app_net_connect(app *a, const char *hostport, const char *name);
/* The same, to watch a game there (match_id 0: the most recent running). */
int app_net_watch(app *a, const char *hostport, const char *name, uint32_t match_id);
void app_net_on_event(app *a, const SDL_Event *ev);
void app_net_tick(app *a);  /* dials again when the session's reconnect is due */
void app_net_flush(app *a); /* sends what the session queued */
/* Cuts the connection as a network failure would (test hook). */
void app_net_drop(app *a);

#endif
