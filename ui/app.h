/* app.h: the GUI program: its options and the SDL-facing state of its one
 * window. app.c owns the window and the event loop and draws; the game's
 * state is the session's (session.h); app_net.c moves the connection's
 * bytes between the notifier and the session; app_input.c turns mouse and
 * keyboard into the session's intents; connect_screen.c is the form shown
 * before a game.
 *
 * One thread owns everything. Socket notifications come from the client
 * notifier as SDL user events into the same SDL_WaitEvent loop as mouse
 * clicks, so nothing ever blocks on the network.
 */
#ifndef MATCHBOARD_UI_APP_H
#define MATCHBOARD_UI_APP_H

#include <stdint.h>

#include <SDL.h>

#include "config.h"
#include "discovery_browse.h"
#include "host_dialog.h"
#include "layout.h"
#include "notifier.h"
#include "session.h"
#include "text.h"

#define APP_DEFAULT_PORT SESSION_DEFAULT_PORT

typedef struct app_options {
    const char *connect;     /* --connect HOST[:PORT]: skip the connect screen */
    const char *name;        /* --name NAME */
    int watch;               /* --watch: watch a game on the --connect server */
    uint32_t watch_match;    /* --match ID: the match to watch, 0: the most recent */
    const char *font;        /* --font PATH */
    const char *screenshot;  /* --screenshot FILE.bmp */
    int screenshot_frames;   /* --frames N: shoot after N frames of 16 ms (0: at game over) */
    const char *script;      /* --script FILE: timed input for tests */
    int width, height;       /* --size WxH */
    char place;              /* --place left|right: 'l' or 'r', 0: centred */
    int no_config;           /* --no-config: neither read nor write gui.conf */
    int quit_after_game;     /* --exit-at-end (tests): quit after the game-over frame */
    int trace;               /* --trace: print what the window shows as it changes */
    const char *view_game;   /* --view KIND: show a local game, no network */
    const char *view_moves;  /* --moves "e4 e5 ...": its moves */
    int no_discovery;        /* --no-discovery: no LAN server list */
    const char *discover_to; /* --discover-to HOST[:PORT]: probe that host only */

    /* --computer: play an engine (computer.h) */
    int computer;
    const char *computer_game; /* --game gomoku|chess of the local server */
    int computer_level;        /* --level, computer_levels.h */
    const char *engine;        /* --engine CMD for the computer, NULL: the default */
} app_options;

typedef enum app_screen { APP_SCREEN_CONNECT = 0, APP_SCREEN_GAME = 1 } app_screen;

typedef struct app {
    app_options opt;
    SDL_Window *win;
    SDL_Renderer *ren;
    ui_text *text;
    Uint32 net_event; /* SDL user event type of notifier notifications */
    int running, exit_code, dirty, frames;
    int win_w, win_h;
    ui_layout layout;
    app_screen screen;

    /* connect screen */
    ui_config config;
    char config_path[1024];
    char form_host[UI_CONFIG_TEXT], form_name[UI_CONFIG_TEXT];
    int form_focus; /* 0 host, 1 name */
    char form_error[600];
    int connecting;
    discovery_browser *lan; /* the servers heard on the LAN (connect_discovery.c) */
    Uint32 lan_probe_at;    /* tick of the next probe */

    /* the connection and the game (session.h) */
    notifier *net;
    session *ses;
    session_config ses_cfg; /* a fresh session after leaving a game */

    /* leaving a game on purpose (app_leave.c) */
    int leaving;          /* the farewell is queued: the link closes once it is read */
    int quit_after_leave; /* the window closes then (its close button, Ctrl+Q) */
    int leave_shut;       /* hosting: our end of the link is shut; the hosted server's close
                           * of it says it told the opponent we left */
    Uint32 leave_deadline;

    /* the chat line being typed, the pointer */
    char chat_input[PACKET_CHAT_SIZE], chat_compose[64];
    int chat_focus;
    int hot_slot;                  /* button slot under the pointer, -1 none */
    int press_x, press_y, pressed; /* where the button went down on a piece */
    int shot_done;
    int shot_now; /* the script asks for a screenshot at the next frame */

    /* Play the computer (computer.c) */
    int computer_level;
    gomoku_opening_rule computer_opening;  /* Gomoku: computer_opening_next's */
    int computer_due;                      /* seat the engine at the next WELCOME */
    char computer_addr[SOCK_HOST_MAX + 8]; /* where its bot connects */
    struct child_proc *computer_server, *computer_bot;
    int computer_bot_ended; /* computer_tick told the player */

    /* Host a game (host_screen.c) */
    host_dialog host_dlg;
    int host_ready, host_open, host_lan, host_notice_due;
    unsigned host_port;
    struct child_proc *host_server;
} app;

/* Runs the program; returns the exit status. */
int app_run(const app_options *o);

#endif
