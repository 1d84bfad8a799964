/* app.h: the GUI program: options, the state of one window, and the parts
 * of its event loop (app.c: window and loop; app_net.c: the connection;
 * app_input.c: mouse and keyboard on the game screen; connect_screen.c).
 *
 * One thread owns everything. Socket notifications come from the client
 * notifier as SDL user events into the same SDL_WaitEvent loop as mouse
 * clicks, so nothing ever blocks on the network.
 */
#ifndef MATCHBOARD_UI_APP_H
#define MATCHBOARD_UI_APP_H

#include <stdint.h>

#include <SDL.h>

#include "board_view.h"
#include "client.h"
#include "config.h"
#include "discovery_browse.h"
#include "gomoku.h"
#include "host_dialog.h"
#include "layout.h"
#include "notifier.h"
#include "panel.h"
#include "sock.h"
#include "text.h"

#define APP_DEFAULT_PORT 7777

typedef struct app_options {
    const char *connect;     /* --connect HOST[:PORT]: skip the connect screen */
    const char *name;        /* --name NAME */
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

enum { APP_MAX_CHAT = 64, APP_CHAT_LINE = 200 };

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

    /* the connection */
    char host[SOCK_HOST_MAX];
    uint16_t port;
    notifier *net;
    client *cl;
    int ever_connected; /* reached the server at least once this session */
    int link_up;
    Uint32 reconnect_at; /* SDL tick of the next attempt, 0: none */
    int reconnect_tries;

    /* what the panel shows */
    char **moves;
    int n_moves, cap_moves;
    char chat[APP_MAX_CHAT][APP_CHAT_LINE];
    int n_chat;
    char chat_input[PACKET_CHAT_SIZE], chat_compose[64];
    int chat_focus;
    char notice[256];
    int notice_info;   /* the notice is news, not a refusal or an error */
    int opponent_gone; /* the opponent's connection is down (PEER_STATUS) */
    char conn_text[600];
    int draw_in, draw_out, rematch_in, rematch_out;
    packet_clock clock;
    Uint32 clock_at; /* tick of the last CLOCK */
    int have_clock;
    game_result result;
    int game_over, shot_done;
    int shot_now; /* the script asks for a screenshot at the next frame */

    /* Play the computer (computer.c) */
    int computer_level;
    gomoku_opening_rule computer_opening; /* Gomoku: computer_opening_next's */
    int computer_due;                      /* seat the engine at the next WELCOME */
    char computer_addr[SOCK_HOST_MAX + 8]; /* where its bot connects */
    struct child_proc *computer_server, *computer_bot;

    /* Host a game (host_screen.c) */
    host_dialog host_dlg;
    int host_ready, host_open, host_lan, host_notice_due;
    unsigned host_port;
    struct child_proc *host_server;

    /* --view: a local game instead of the client's */
    const game_ops *local_ops;
    game *local;

    /* the board */
    board_view view;
    int flipped;                   /* the user's flip, on top of the seat's orientation */
    int sel_x, sel_y;              /* selected piece, -1 none */
    int press_x, press_y, pressed; /* where the button went down on a piece */
    game_move promo_move;
    game_move sent_move; /* our last move sent, to explain a refusal */
    int hot_slot;

    /* a Gomoku opening rule (app_opening.c) */
    gomoku_point opening_prop[PACKET_OPENING_POINTS]; /* fifth moves we marked */
    int opening_nprop, opening_declare;
    char opening_line[128]; /* the status line */
    /* the notice's minimum time on screen (app_notice_clear) */
    Uint32 notice_at;       /* tick it was set */
    Uint32 notice_clear_at; /* tick to clear it at, 0: none */
    int takeback_in;        /* the opponent asks to take back this many moves, 0: no */
    game_move premove;      /* chess: our move for when our turn comes (app_premove.c) */
    int has_premove;
} app;

/* Runs the program; returns the exit status. */
int app_run(const app_options *o);

/* app.c */
void app_redraw(app *a);
int app_board_flipped(const app *a);
void app_fill_panel(app *a, panel_info *p, const char **moves_out, const char **chat_out);
void app_refresh_view(app *a);
/* Sets the panel's notice line (info 1: news, painted dim; 0: a refusal or
 * an error, painted red). */
void app_notice(app *a, int info, const char *fmt, ...);
/* Clears the notice, at once or, when it has not been up for 1.5 s yet,
 * once it has: a player can read it whatever arrives meanwhile. */
void app_notice_clear(app *a);

/* app_net.c */
int app_net_init(app *a);
void app_add_move(app *a, const char *text);
void app_net_free(app *a);
/* Starts connecting to host[:port]; 0, or -1 with a->form_error set. */
int app_net_connect(app *a, const char *hostport, const char *name);
void app_net_on_event(app *a, const SDL_Event *ev);
void app_net_tick(app *a); /* reconnect timer */
void app_net_send_move(app *a, const game_move *m);
void app_net_send_opening(app *a, const packet_opening_action *s);
void app_net_flush(app *a); /* sends what the client queued */
void app_net_action(app *a, panel_action act);
void app_net_chat(app *a, const char *text);
/* Cuts the connection as a network failure would (test hook). */
void app_net_drop(app *a);
/* Milliseconds until the network needs the loop again, or -1 for never. */
int app_net_timeout(const app *a);

/* app_opening.c: a Gomoku opening rule on the game screen */
void app_opening_event(app *a); /* a new OPENING_STATE arrived */
void app_opening_fill_panel(app *a, panel_info *p);
void app_opening_marks(app *a); /* proposals onto a->view */
/* A click on cell (x, y): 1 when the opening took it (or refused it). */
int app_opening_press(app *a, int x, int y);
/* A panel action of the opening: 1 when taken. */
int app_opening_action(app *a, panel_action act);

/* app_premove.c: one chess premove */
int app_premove_press(app *a, int x, int y); /* a click off our turn: 1 when taken */
void app_premove_cancel(app *a);             /* right click */
void app_premove_play(app *a);               /* our turn came: send it if legal */
void app_premove_marks(app *a);              /* its squares onto a->view */

/* app_input.c */
void app_input_game(app *a, const SDL_Event *ev);

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
 * "opening")
 * in window points: 0, or -1 off the connect screen (test hook: --script's
 * "computer WHICH"). */
int connect_screen_computer_button(app *a, const char *which, int *x, int *y);

#endif
