/* session_internal.h: private to ui/session*.c: the session's state and
 * what its files share. session.c: life, link, the client's events,
 * notices; session_moves.c: the move list and the local game;
 * session_input.c: intents; session_panel.c: the panel's contents;
 * session_opening.c: a Gomoku opening rule; session_premove.c: one chess
 * premove; session_leave.c: leaving on purpose. */
#ifndef MATCHBOARD_UI_SESSION_INTERNAL_H
#define MATCHBOARD_UI_SESSION_INTERNAL_H

#include "gomoku.h"
#include "session.h"

struct session {
    session_config cfg;
    client *cl;

    /* --view: a local game instead of the client's */
    const game_ops *local_ops;
    game *local;

    /* the link */
    char host[SOCK_HOST_MAX];
    uint16_t port;
    char my_name[PACKET_NAME_SIZE]; /* ours, shown on our card before START names us */
    int ever_connected;             /* reached the server at least once */
    int link_up;
    uint32_t reconnect_at; /* time of the next attempt, 0: none */
    int reconnect_tries;
    char conn_text[600];

    /* what the panel shows */
    char **moves;
    int n_moves, cap_moves;
    char chat[SESSION_MAX_CHAT][SESSION_CHAT_LINE];
    const char *chat_lines[SESSION_MAX_CHAT];
    int n_chat;
    char notice[256];
    int notice_info;          /* the notice is news, not a refusal or an error */
    uint32_t notice_at;       /* time it was set */
    uint32_t notice_clear_at; /* time to clear it at, 0: none */
    int opponent_gone;        /* the opponent's connection is down (PEER_STATUS) */
    int opponent_left;        /* ... for good, after the game (grace 0) */
    int server_stopped;       /* then the server said it stops (ERROR shutdown, no restart):
                               * nothing to dial again (a host left and stopped its server) */
    int draw_in, draw_out, rematch_in, rematch_out;
    int takeback_in;    /* the opponent asks to take back this many moves, 0: no */
    client_clock clock; /* the last CLOCK (with its delay) */
    uint32_t clock_at;  /* time of the last CLOCK */
    int have_clock;
    int clock_frozen;      /* the link dropped: the clocks show the last CLOCK until the next one */
    char time_control[64]; /* its label: "delay 3 s" (client_clock_label) */
    game_result result;
    int game_over;
    char title[160];
    unsigned news;
    int dirty;

    /* the board */
    board_view view;
    int flipped;      /* the user's flip, on top of the seat's orientation */
    int sel_x, sel_y; /* selected piece, -1 none */
    game_move promo_move;
    game_move sent_move; /* our last move sent, to explain a refusal */

    /* a Gomoku opening rule (session_opening.c) */
    gomoku_point opening_prop[PACKET_OPENING_POINTS]; /* fifth moves we marked */
    int opening_nprop, opening_declare;
    char opening_line[128]; /* the status line */

    /* leaving on purpose (session_leave.c) */
    int hosting;          /* this GUI runs the server (Host a game, Play the computer) */
    int leave_asked;      /* the question is up */
    int leave_resigns;    /* and a yes resigns the game in progress */
    int resign_only;      /* the question is Resign's: a yes resigns and stays */
    int leaving;          /* the farewell is queued */
    int left;             /* and the server has read it (its PONG came): close the link */
    char leave_text[160]; /* the question */

    /* watching a game (session_watch.c) */
    int watching;           /* a spectator: the HELLO asks to watch */
    int cl_watch;           /* the client was made to watch */
    uint32_t watch_match;   /* the match it names (0: the most recent), then the one watched */
    int watch_none;         /* the server said there is no such match (ERROR 9) */
    int watch_ended;        /* the match watched is gone: the final position stays */
    char watch_line[160];   /* the status line: "Watching ann – ben" */
    char watch_detail[160]; /* what happens: "White to move (ben)" */

    /* chess: our move for when our turn comes (session_premove.c) */
    game_move premove;
    int has_premove;
};

uint32_t session_now(const session *s);
/* Rebuilds the board_view from the game, the selection, the opening's
 * and the premove's marks. */
void session_refresh_view(session *s);
/* Drops the notice at once (a step that supersedes it). */
void session_notice_drop(session *s);

/* session_moves.c: the move list, built here only */
void session_moves_add(session *s, const char *text);
void session_moves_clear(session *s);
/* Replays the game shown into the move list (after a resume, a takeback,
 * for a local game). */
void session_moves_rebuild(session *s);
void session_moves_free(session *s);

/* session_opening.c */
void session_opening_event(session *s); /* a new OPENING_STATE arrived */
void session_opening_fill_panel(session *s, panel_info *p);
void session_opening_marks(session *s);
/* A click on cell (x, y): 1 when the opening took it (or refused it). */
int session_opening_press(session *s, int x, int y);
/* A panel action of the opening: 1 when taken. */
int session_opening_action(session *s, panel_action act);

/* session_premove.c */
int session_premove_press(session *s, int x, int y); /* off our turn: 1 when taken */
void session_premove_play(session *s);               /* our turn came: send it if legal */
void session_premove_marks(session *s);

/* session_leave.c: the Resign button asks first (PANEL_RESIGN_QUESTION,
 * answered with session_leave_answer) */
void session_resign_ask(session *s);
/* session_leave.c: a PONG came (the farewell's, when stamp is its PING's) */
void session_leave_pong(session *s, uint64_t stamp);

/* session_watch.c: an event for a spectator: 1 when taken whole (the
 * usual handling skipped); the link closed after ERROR 9: 1 when the final
 * position stays (the match watched is gone), 0 with err when nothing was
 * watched; the status line; 1 (and a notice) when a player's action is
 * refused because we watch. */
int session_watch_event(session *s, const client_event *ev);
int session_watch_gone(session *s, char *err, size_t cap);
void session_watch_fill_panel(session *s, panel_info *p);
int session_watch_refuse(session *s);

/* session_input.c */
void session_deselect(session *s);

#endif
