/* session_leave.c: leaving the game on purpose (the Leave button, its key,
 * the window's close): the question asked during a game in progress (or
 * when a player would be disconnected from the game we host), and the
 * farewell said to the server before the link closes: RESIGN during a
 * game; then no rematch (our offer withdrawn, or theirs declined, and an
 * offer they make before we close declined by the server); then a PING
 * whose PONG says the server has read it all. So the server does not
 * hold the seat as for a crash, and the opponent is told at once that we
 * left (docs/gui.md, "Leaving a game"). */
#include <stdio.h>

#include "session_internal.h"

void session_set_hosting(session *s, int hosting)
{
    s->hosting = hosting;
}

/* The opponent's name while it is connected to the game we host, else
 * NULL: leaving stops our server, and disconnects them. */
static const char *hosted_opponent(const session *s)
{
    game_side me = s->cl ? client_side(s->cl) : GAME_SIDE_NONE;
    const char *name;
    if (!s->hosting || me == GAME_SIDE_NONE || s->opponent_gone)
        return NULL;
    name = client_player_name(s->cl, game_side_other(me));
    return name && name[0] ? name : NULL;
}

/* A seated player's game is running (not over, not waiting to start). */
static int game_in_progress(const session *s)
{
    client_state st = s->cl ? client_get_state(s->cl) : CLIENT_OFFLINE;
    return !s->local && s->cl && client_side(s->cl) != GAME_SIDE_NONE && !s->game_over &&
           (st == CLIENT_PLAYING || st == CLIENT_SYNCING ||
            (st == CLIENT_OFFLINE && client_game(s->cl) && s->ever_connected));
}

/* The PING that ends the farewell: its PONG says the server has read
 * everything before it (one connection's packets are handled in order). */
static const uint64_t LEAVE_STAMP = 0x6c65617665ull; /* "leave" */

/* The farewell: what the server must hear before the link closes, then a
 * PING; the session has left once its PONG is back (or the link is down). */
static void farewell(session *s, int resign)
{
    s->leaving = 1;
    s->dirty = 1;
    if (!s->cl || s->local || !s->link_up) {
        s->left = 1; /* nobody to tell */
        return;
    }
    if (resign)
        (void)client_resign(s->cl);
    (void)client_no_rematch(s->cl); /* a spectator or a waiting player has none */
    s->rematch_in = s->rematch_out = 0;
    if (client_ping(s->cl, LEAVE_STAMP) != CLIENT_OK)
        s->left = 1;
}

void session_leave_pong(session *s, uint64_t stamp)
{
    if (s->leaving && stamp == LEAVE_STAMP)
        s->left = 1;
}

void session_resign_ask(session *s)
{
    if (s->leave_asked || !game_in_progress(s))
        return;
    snprintf(s->leave_text, sizeof s->leave_text, "%s", PANEL_RESIGN_QUESTION);
    s->leave_asked = s->leave_resigns = s->resign_only = 1;
    s->dirty = 1;
}

session_leave_step session_leave(session *s)
{
    const char *host_opp = hosted_opponent(s);
    int playing = game_in_progress(s);
    if (s->leave_asked && !s->resign_only)
        return SESSION_LEAVE_ASK;
    if (!playing && !host_opp) {
        farewell(s, 0);
        return SESSION_LEAVE_GO;
    }
    if (host_opp)
        snprintf(s->leave_text, sizeof s->leave_text,
                 "%s You host this game: it stops, and %s is disconnected.",
                 playing ? "Resign and leave?" : "Leave?", host_opp);
    else
        snprintf(s->leave_text, sizeof s->leave_text, "Resign and leave?");
    s->leave_asked = 1;
    s->leave_resigns = playing;
    s->resign_only = 0; /* Leave's question replaces Resign's */
    s->dirty = 1;
    return SESSION_LEAVE_ASK;
}

const char *session_leave_question(const session *s)
{
    return s->leave_asked ? s->leave_text : NULL;
}

session_leave_step session_leave_answer(session *s, int yes)
{
    if (!s->leave_asked)
        return SESSION_LEAVE_NONE;
    s->leave_asked = 0;
    s->dirty = 1;
    if (s->resign_only) { /* the game may have ended while we were asked */
        s->resign_only = 0;
        client_error e = yes && game_in_progress(s) ? client_resign(s->cl) : CLIENT_OK;
        if (e != CLIENT_OK)
            session_notice(s, 0, "Not now: %s", client_strerror(e));
        return SESSION_LEAVE_NONE;
    }
    if (!yes)
        return SESSION_LEAVE_NONE;
    /* The game may have ended while we were asked: then no resignation. */
    farewell(s, s->leave_resigns && game_in_progress(s));
    return SESSION_LEAVE_GO;
}

int session_leaving(const session *s)
{
    return s->leaving;
}

int session_left(const session *s)
{
    return s->left;
}
