/* session_watch.c: a spectator's session (docs/gui.md "Watching a game"):
 * the HELLO asks to watch (a match named by its id, or the most recent
 * running one), a drop or a server restart watches the same match again,
 * the status line says who plays and what happens, every player's action
 * is refused, and a match that is gone (its players left) keeps its final
 * position on the screen. */
#include <stdio.h>
#include <string.h>

#include "session_internal.h"

void session_set_watch(session *s, int watch, uint32_t match_id)
{
    s->watching = watch != 0;
    s->watch_match = watch ? match_id : 0;
}

int session_watching(const session *s)
{
    return s->watching;
}

int session_watch_refuse(session *s)
{
    if (!s->watching)
        return 0;
    session_notice(s, 0, "You are watching: only the players play");
    return 1;
}

/* A player's name for the lines a spectator reads. */
static const char *player(const session *s, uint8_t seat)
{
    game_side side = seat == PACKET_SEAT_P2 ? GAME_SIDE_P2 : GAME_SIDE_P1;
    const char *n = client_player_name(s->cl, side);
    return n && n[0] ? n : side == GAME_SIDE_P1 ? "Player 1" : "Player 2";
}

int session_watch_event(session *s, const client_event *ev)
{
    switch (ev->type) {
    case CLIENT_EV_WELCOME: /* a drop watches this match again, not the newest */
        s->watch_match = ev->u.welcome.match_id;
        client_set_watch_match(s->cl, s->watch_match);
        return 0;
    case CLIENT_EV_SERVER_ERROR:
        if (ev->u.server_error.code != PACKET_CODE_NO_MATCH)
            return 0;
        s->watch_none = 1; /* the server closes the link: session_watch_gone */
        return 1;
    case CLIENT_EV_PEER_STATUS:
        if (ev->u.peer.status == PACKET_PEER_BACK)
            session_notice(s, 1, "%s is back", player(s, ev->u.peer.seat));
        else if (ev->u.peer.grace_ms == 0)
            session_notice(s, 1, "%s left", player(s, ev->u.peer.seat));
        else
            session_notice(s, 1, "%s lost the connection; waiting for them…",
                           player(s, ev->u.peer.seat));
        return 1;
    case CLIENT_EV_RESTARTING:
        session_notice(s, 1, "Server restarting — watching goes on once it is back");
        return 1;
    default:
        return 0;
    }
}

int session_watch_gone(session *s, char *err, size_t cap)
{
    s->watch_none = 0;
    s->reconnect_at = 0;
    if (!client_game(s->cl)) {
        s->ever_connected = 0; /* a later attempt that cannot connect gives up at once */
        snprintf(err, cap, "nothing to watch on %s:%u: no game is running%s", s->host,
                 (unsigned)s->port, s->watch_match ? " in that match" : "");
        s->dirty = 1;
        return 0;
    }
    s->watch_ended = 1; /* the final position stays; Leave goes back */
    snprintf(s->conn_text, sizeof s->conn_text, "the match at %s:%u is over", s->host,
             (unsigned)s->port);
    s->dirty = 1;
    return 1;
}

void session_watch_fill_panel(session *s, panel_info *p)
{
    if (!s->watching)
        return;
    const char *n1 = p->names[GAME_SIDE_P1], *n2 = p->names[GAME_SIDE_P2];
    char *d = s->watch_detail;
    size_t cap = sizeof s->watch_detail;
    if (n1 && n2)
        snprintf(s->watch_line, sizeof s->watch_line, "Watching %s – %s", n1, n2);
    else
        snprintf(s->watch_line, sizeof s->watch_line, "Watching");
    if (!session_game(s) || !n1 || !n2)
        snprintf(d, cap, "Waiting for the game to start");
    else if (s->watch_ended)
        snprintf(d, cap, "The match is over: its players left");
    else if (s->game_over)
        snprintf(d, cap, "The game ended; waiting for the next game");
    else if (p->to_move != GAME_SIDE_NONE)
        snprintf(d, cap, "%s to move (%s)", panel_side_colour(p->kind, p->to_move),
                 p->names[p->to_move]);
    else
        d[0] = 0;
    p->status_line = s->watch_line;
    p->status_detail = d[0] ? d : NULL;
    p->opening = NULL; /* a spectator decides nothing */
    p->opening_step = 0;
}
