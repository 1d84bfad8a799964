/* session.h: the GUI's midend, pure C without SDL (in the spirit of the
 * midend of Simon Tatham's puzzles). It owns the client (or a local --view
 * game), the move list, the chat, the notices and their timing, whose turn
 * it is, the flip, the selection, the Gomoku opening's and the chess
 * premove's state, and the board_view and panel_info the window draws.
 *
 * The window (app.c) turns clicks into intents on cells and buttons
 * (session_press, session_button...); app_net.c moves bytes between the
 * notifier and the session (session_feed, session_output); the session
 * turns intents into client calls and client events into view state. No
 * clock of its own: the time comes from the config's callback, so tests
 * run on a fake one.
 */
#ifndef MATCHBOARD_UI_SESSION_H
#define MATCHBOARD_UI_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "board_view.h"
#include "client.h"
#include "panel.h"
#include "sock.h"

enum {
    SESSION_DEFAULT_PORT = 7777,
    SESSION_MAX_CHAT = 64,   /* chat lines kept */
    SESSION_CHAT_LINE = 200, /* bytes of one chat line */
    SESSION_NOTICE_MIN_MS = 1500,
    SESSION_NOTICE_FADE_MS = 5000, /* news (session_notice info 1) goes after this */
};

typedef struct session session;

typedef struct session_config {
    uint32_t (*now_ms)(void *user); /* a monotonic millisecond clock */
    void *user;
} session_config;

/* News for the window, taken with session_take_news. */
enum {
    SESSION_NEWS_WELCOME = 1 << 0, /* seated (or watching): a WELCOME came */
    SESSION_NEWS_START = 1 << 1,   /* a game started: the title changed */
};

/* A session with nothing to show; NULL without memory. */
session *session_create(const session_config *cfg);
void session_destroy(session *s);

/* A local game with no network (--view KIND --moves "..."): 0, or -1 with
 * the reason in err. */
int session_view_local(session *s, const char *kind, const char *moves, char *err, size_t cap);

/* --- the link (app_net.c) ------------------------------------------------ */

/* The server to play on: parses host[:port] and makes the client (named
 * name) on the first call. 0, or -1 with the reason in err. */
int session_target(session *s, const char *hostport, const char *name, char *err, size_t cap);
/* Watch (1) instead of play (0, the default), from the next
 * session_target on: the match with this id, 0 for the most recent match
 * with a game running. The status line says who plays; every player's
 * action is refused (session_watch.c). */
void session_set_watch(session *s, int watch, uint32_t match_id);
int session_watching(const session *s);
/* The host and port session_target parsed. */
const char *session_host(const session *s, uint16_t *port);
/* A connection attempt started. */
void session_dialing(session *s);
/* The connection is up: HELLO (with the resume token) is queued. */
void session_link_up(session *s);
/* A connection attempt failed (why): 1 when a reconnect is scheduled, 0
 * when it gives up (never connected): err says why. */
int session_dial_failed(session *s, sock_err why, char *err, size_t cap);
/* The connection dropped: 1 when a reconnect is scheduled, 0 when it gives
 * up (a fatal error, or never connected): err says why; 0 with err empty
 * after session_leave's farewell (we left). */
int session_link_lost(session *s, sock_err why, char *err, size_t cap);
int session_online(const session *s); /* the link is up */
/* 1 once, when the scheduled reconnect is due: dial then. */
int session_reconnect_due(session *s);

/* Bytes from the server: 0, or -1 when the client failed (drop the link
 * after session_drain). */
int session_feed(session *s, const uint8_t *data, size_t n);
/* Turns the client's events into view state. */
void session_drain(session *s);
/* Bytes to send (none while the link is down), and how many were sent. */
const uint8_t *session_output(const session *s, size_t *len);
void session_output_consume(session *s, size_t n);

/* --- what the window shows ----------------------------------------------- */

/* Fills p from the session (all but the chat line's editing and the hot
 * button, which are the window's); p's strings live in the session until
 * its next call. */
void session_fill_panel(session *s, panel_info *p);
/* The panel's buttons now (panel_buttons over session_fill_panel). */
int session_buttons(session *s, panel_action act[UI_BUTTON_SLOTS], int on[UI_BUTTON_SLOTS]);
/* The slot of the enabled button labelled label, or -1. */
int session_button_slot(session *s, const char *label);
const board_view *session_board(const session *s);
/* The board drawn with Player2 at the bottom: the seat's orientation
 * (chess players see their side below) and the user's flip. */
int session_flipped(const session *s);
const char *session_title(const session *s); /* "matchboard: ann (Black) v ben" */
unsigned session_take_news(session *s);      /* SESSION_NEWS_* since the last call */
int session_take_dirty(session *s);          /* something shown changed since the last call */
/* Milliseconds until session_tick has work (a notice to clear, a clock to
 * count down, a reconnect), or -1. */
int session_timeout(const session *s);
void session_tick(session *s);
int session_game_over(const session *s);
int session_seated(const session *s);  /* connected with a seat */
int session_my_turn(const session *s); /* a seated game, ours to move */
int session_selected(const session *s, int *x, int *y);
int session_premove(const session *s, game_move *m); /* 1: a chess premove waits */
/* The client, to read (NULL before session_target). */
const client *session_client(const session *s);
/* The game shown (the client's or the local one) and its ops, or NULL. */
const game_ops *session_ops(const session *s);
const game *session_game(const session *s);

/* --- intents (the window's input, --script) ------------------------------ */

/* A click on cell (x, y): places a stone, picks up or moves a chess piece,
 * an opening step, a premove... Returns 1 when a chess piece was picked up
 * (a drag may start from it). */
int session_press(session *s, int x, int y);
/* The selected chess piece follows the pointer (drawable pixels px, py). */
void session_drag(session *s, int px, int py);
/* A dragged piece let go over cell (x, y) (-1: off the board). */
void session_drop(session *s, int x, int y);
/* The promotion chooser's answer (NONE: closed without a choice). */
void session_promote(session *s, game_promotion p);
/* The pointer over cell (x, y), -1 off the board (the hovered stone). */
void session_hover(session *s, int x, int y);
/* Esc: closes the chooser and drops the selection. */
void session_cancel(session *s);
/* A right click: drops a premove and the selection. */
void session_cancel_premove(session *s);
/* A panel button. */
void session_action(session *s, panel_action act);
/* The enabled button in slot (a click on it). */
void session_button(session *s, int slot);
void session_flip(session *s);
void session_chat(session *s, const char *text);
void session_give_time(session *s); /* 15 seconds to the opponent */
void session_takeback(session *s);  /* our last move, or ours and the reply */
/* Sends m as it is (no check of ours: --script's "send"). */
void session_send_move(session *s, const game_move *m);

/* --- leaving the game on purpose (session_leave.c) ------------------------ */

typedef enum session_leave_step {
    SESSION_LEAVE_NONE = 0, /* nothing to do: the game goes on (the question was answered no) */
    SESSION_LEAVE_ASK,      /* a question is up (session_leave_question): answer it */
    SESSION_LEAVE_GO,       /* the farewell is queued: close the link once session_left */
} session_leave_step;

/* This GUI runs the server the session plays on: leaving stops it, so a
 * connected opponent is disconnected (the question says so). */
void session_set_hosting(session *s, int hosting);
/* Leave asked for (the Leave button or key, the window's close): a seated
 * player whose game is in progress is asked "Resign and leave?", and so is
 * a host whose opponent is connected; else the farewell is queued at once
 * (after the game our rematch offer withdrawn, or theirs declined) and
 * SESSION_LEAVE_GO. A spectator just leaves. */
session_leave_step session_leave(session *s);
/* The question while it is up, else NULL. */
const char *session_leave_question(const session *s);
/* Its answer: yes queues the farewell (RESIGN for a game in progress, then
 * a PING) and gives SESSION_LEAVE_GO; no gives SESSION_LEAVE_NONE and the
 * game goes on. */
session_leave_step session_leave_answer(session *s, int yes);
/* The farewell was queued: nothing more is played on this session. */
int session_leaving(const session *s);
/* And the server has read it (the PONG of the PING that ends it came, or
 * there was no link to say it on): close the link now. */
int session_left(const session *s);

/* Sets the panel's notice line (info 1: news, painted dim, gone after
 * SESSION_NOTICE_FADE_MS of the session's clock (session_tick) unless it
 * asks a question still open (a takeback request); 2: news that stays, a
 * state ("Your opponent left", the hosted port to give); 0: a refusal or an
 * error, painted red, that stays). A newer notice replaces it. */
void session_notice(session *s, int info, const char *fmt, ...);
/* Clears the notice, at once or, when it has not been up for
 * SESSION_NOTICE_MIN_MS yet, once it has (session_tick): a player can read
 * it whatever arrives meanwhile. */
void session_notice_clear(session *s);

#endif
