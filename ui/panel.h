/* panel.h: the side panel: both players (name, colour, clock), whose turn
 * it is, the connection state, the move list, the buttons, the chat, and
 * the game's result above the move list.
 *
 * The panel draws a panel_info, plain data the app fills from the client
 * state; panel_buttons() and the text helpers are pure and tested alone.
 */
#ifndef MATCHBOARD_UI_PANEL_H
#define MATCHBOARD_UI_PANEL_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"
#include "layout.h"

typedef enum panel_action {
    PANEL_NONE = 0,
    PANEL_RESIGN,
    PANEL_OFFER_DRAW,
    PANEL_ACCEPT_DRAW,
    PANEL_DECLINE_DRAW,
    PANEL_REMATCH,
    PANEL_ACCEPT_REMATCH,
    PANEL_DECLINE_REMATCH,
    PANEL_FLIP,
    /* a Gomoku opening rule's decisions (panel_opening.c) */
    PANEL_CHOOSE_STAY, /* ... one per gomoku_opening_choice, in its order */
    PANEL_CHOOSE_SWAP,
    PANEL_CHOOSE_BLACK,
    PANEL_CHOOSE_WHITE,
    PANEL_CHOOSE_PLACE_TWO,
    PANEL_CHOOSE_PROPOSE,
    PANEL_DECLARE_FEWER,
    PANEL_DECLARE,
    PANEL_DECLARE_MORE,
    PANEL_PROPOSE,
    PANEL_CLEAR_PROPOSALS,
    PANEL_ACCEPT_TAKEBACK, /* the opponent's takeback request */
    PANEL_DECLINE_TAKEBACK,
} panel_action;

typedef struct panel_info {
    game_kind kind;
    game_side my_side;      /* GAME_SIDE_NONE: watching */
    const char *names[3];   /* [GAME_SIDE_P1], [GAME_SIDE_P2]; NULL: nobody yet */
    game_side to_move;      /* NONE before the start and after the end */
    game_side bottom_side;  /* the seat shown at the bottom, as on the board */
    const char *connection; /* "connected", "reconnecting…" */
    int connection_ok;      /* 0 paints the connection line as a warning */
    int reconnecting;       /* the link is down during a game: nobody moves until it is back */
    const char *notice;     /* the last refusal or error, or NULL */
    int notice_info;        /* 1: the notice is news (painted dim), not a refusal */
    int clocks;             /* the server runs clocks */
    uint32_t clock_ms[3];   /* [GAME_SIDE_P1], [GAME_SIDE_P2] */
    game_side clock_running;
    /* A delay clock: the running side's delay left, shown beside its clock
     * counting down (a simple delay holds its time meanwhile; a Bronstein
     * one gives back what was used of it after the move). */
    uint32_t delay_ms;        /* the delay of each move, 0: none */
    uint32_t delay_left_ms;   /* of the running side's, now */
    int delay_bronstein;      /* 1: a Bronstein delay, 0: simple */
    const char *time_control; /* "+2 s, delay 3 s"; NULL: none to name */
    const char *const *moves; /* move texts in order (SAN, points) */
    int n_moves;
    int draw_offer_in, draw_offer_out; /* an offer from / to the opponent */
    int takeback_offer_in;             /* the opponent asks to take back moves */
    int rematch_offer_in, rematch_offer_out;
    int opponent_gone; /* the opponent's connection is down: no rematch */
    int game_over;
    game_result result;
    const char *const *chat; /* chat lines, oldest first */
    int n_chat;
    const char *chat_input;   /* typed, not yet sent */
    const char *chat_compose; /* IME composition in progress */
    int chat_focus;
    int hot_slot; /* button slot under the pointer, -1 none */
    /* A Gomoku opening rule (docs/openings.md): the status line says whose
     * decision it is; when it is ours, the buttons offer it. */
    const char *opening;      /* the status line during the opening, else NULL */
    int opening_step;         /* our step due (gomoku_opening_step), 0: none */
    unsigned opening_choices; /* step choose: mask of 1 << gomoku_opening_choice */
    int declare_n;            /* step declare: the number shown */
    int declare_min, declare_max;
    int proposals_k, proposals_n; /* step propose: points marked, points due */
    const char *status_line;      /* the status line as it is (a spectator's), else NULL */
    const char *status_detail;    /* and what happens, on the notice's line when free */
    int leave_on;                 /* the Leave button is shown (a game on a server) */
    const char *leave_question;   /* asked before leaving ("Resign and leave?"), or NULL */
} panel_info;

/* The buttons to show in the layout's slots, and whether each is enabled.
 * Returns how many slots are used (the rest are PANEL_NONE). */
int panel_buttons(const panel_info *p, panel_action act[UI_BUTTON_SLOTS],
                  int enabled[UI_BUTTON_SLOTS]);

/* A button's label ("Offer draw"; "Draw offered" when waiting). */
const char *panel_action_label(panel_action a, const panel_info *p);

/* panel_opening.c: the buttons of our opening decision (choices; fewer,
 * declare, more; propose, clear) then Resign, when p->opening_step says one
 * is ours: 1 with act/enabled filled and *n set, else 0. */
int panel_opening_buttons(const panel_info *p, panel_action act[UI_BUTTON_SLOTS],
                          int enabled[UI_BUTTON_SLOTS], int *n);
/* The label of an opening action ("Take black", "Declare 3", "Propose
 * 1/2"), or NULL for other actions. */
const char *panel_opening_label(panel_action a, const panel_info *p);

/* The Leave button's label, "Leave (L)", and its panel_info.hot_slot
 * value when the pointer is over it. */
#define PANEL_LEAVE_LABEL "Leave (L)"
enum { PANEL_HOT_LEAVE = UI_BUTTON_SLOTS };

/* The question the Resign button asks first (on the leave question's box). */
#define PANEL_RESIGN_QUESTION "Resign this game?"

/* The leave question's two buttons: yes is its first sentence without the
 * question mark ("Resign and leave", "Leave"), into buf; no is "Stay".
 * PANEL_RESIGN_QUESTION's are "Yes, resign" and "No". */
void panel_leave_answers(const char *question, char *yes, size_t cap, const char **no);

/* How panel_status_text's line is painted. */
typedef enum panel_tone {
    PANEL_TONE_TEXT,
    PANEL_TONE_DIM,
    PANEL_TONE_GOOD,
    PANEL_TONE_WARN
} panel_tone;

/* The status line under the opponent's card: the opening's step, "Game
 * over", "Reconnecting…" while the link is down, "Your move", "White to
 * move (ann)"... into buf; returns its tone. */
panel_tone panel_status_text(const panel_info *p, char *buf, size_t cap);

/* The colour of a seat in this game: "Black"/"White". */
const char *panel_side_colour(game_kind kind, game_side side);

/* "5:07", "0:09.4" under ten seconds, "1:02:03" past an hour. */
void panel_format_clock(uint32_t ms, char *buf, size_t cap);

/* The delay readout beside the running clock: "+2.5", tenths rounded up
 * (a delay starts at "+3.0" and shows "+0.1" until it is over); "" when
 * the side's clock does not run or has no delay left. */
void panel_format_delay(const panel_info *p, game_side side, char *buf, size_t cap);

/* Whether side's time is held by a simple delay now (its clock does not
 * run yet): the clock is painted dim while the delay counts down. */
int panel_clock_held(const panel_info *p, game_side side);

/* The banner's headline and reason: "Black wins" / "by five in a row";
 * "Draw" / "draw agreed"; "You win"/"You lose" when you played. */
void panel_result_text(const panel_info *p, char *head, size_t head_cap, char *why, size_t why_cap);

#endif
