/* client.h: the client side of the matchboard protocol as a pure state
 * machine. No sockets, no clock, no I/O: raw bytes from the server go in
 * with client_feed, events for the application come out of
 * client_next_event, and bytes to send come out of client_output. The
 * application's intents (a move, resign, a draw offer...) only produce
 * bytes: the game is changed by the MOVEs the server confirms, replayed
 * through the game's game_ops, never by the intent itself.
 *
 * Life of a connection: client_connected (sends HELLO) -> WELCOME (seat,
 * game) -> START -> MOVEs -> GAME_OVER -> rematch (START again) ... After a
 * dropped connection, client_connection_lost keeps the seat's resume token
 * and the game; the next client_connected sends HELLO with the token and the
 * server's SYNC_BEGIN, MOVEs, SYNC_END rebuild the game.
 */
#ifndef MATCHBOARD_CLIENT_H
#define MATCHBOARD_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "client_clock.h"
#include "game.h"
#include "packet.h"

typedef enum client_state {
    CLIENT_OFFLINE = 0, /* not connected (yet, or again after a drop) */
    CLIENT_HELLO_SENT,  /* connected, HELLO sent, waiting for WELCOME */
    CLIENT_WAITING,     /* seated, waiting for an opponent (START) */
    CLIENT_PLAYING,     /* a game is running */
    CLIENT_SYNCING,     /* between SYNC_BEGIN and SYNC_END */
    CLIENT_GAME_OVER,   /* the game ended; a rematch may follow */
    CLIENT_FAILED,      /* a protocol error or a fatal server ERROR */
} client_state;

/* Errors of the intent calls. */
typedef enum client_error {
    CLIENT_OK = 0,
    CLIENT_ERR_STATE = -1,     /* not possible in this state (no game, over...) */
    CLIENT_ERR_SPECTATOR = -2, /* a spectator cannot play */
    CLIENT_ERR_PENDING = -3,   /* a move is already waiting for the server */
    CLIENT_ERR_OUTPUT = -4,    /* the output buffer is full: flush it first */
    CLIENT_ERR_ARG = -5,       /* a bad argument (text too long, bad move) */
    CLIENT_ERR_NOMEM = -6,
} client_error;

const char *client_strerror(client_error e);

typedef enum client_event_type {
    CLIENT_EV_WELCOME = 1, /* seated (or watching): seat, options, match */
    CLIENT_EV_START,       /* a game starts: names */
    CLIENT_EV_MOVE,        /* the server confirmed a move (mine or theirs) */
    CLIENT_EV_REJECT,      /* my move was refused: reason */
    CLIENT_EV_GAME_OVER,   /* result */
    CLIENT_EV_DRAW_OFFERED,
    CLIENT_EV_DRAW_DECLINED,
    CLIENT_EV_REMATCH_OFFERED,
    CLIENT_EV_REMATCH_DECLINED,
    CLIENT_EV_CHAT,
    CLIENT_EV_CLOCK,       /* the clocks (CLOCK, with its CLOCK_DELAY on a delay clock) */
    CLIENT_EV_PEER_STATUS, /* the opponent dropped or came back */
    CLIENT_EV_SYNCED,      /* the game was rebuilt after a resume */
    CLIENT_EV_PONG,
    CLIENT_EV_SERVER_ERROR,      /* an ERROR packet: code and text */
    CLIENT_EV_PROTOCOL_ERROR,    /* bad bytes or a move the rules refuse */
    CLIENT_EV_RESTARTING,        /* the server restarts; the game will resume (protocol 2) */
    CLIENT_EV_OPENING,           /* version 2: the opening step due now (OPENING_STATE) */
    CLIENT_EV_TAKEBACK_OFFERED,  /* version 2: the opponent asks to take back moves */
    CLIENT_EV_TAKEBACK_DECLINED, /* version 2: our takeback request was declined */
    CLIENT_EV_TAKEN_BACK,        /* version 2: the server took back moves (game undone) */
    CLIENT_EV_REMATCH_WITHDRAWN, /* the opponent withdrew its rematch offer (REMATCH_ANSWER 0) */
} client_event_type;

#define CLIENT_MOVE_TEXT_SIZE 16

/* One thing that happened, for the application. Strings are copies. */
typedef struct client_event {
    client_event_type type;
    union {
        struct {
            uint8_t seat; /* PACKET_SEAT_* */
            game_options options;
            uint32_t match_id;
            int resumed; /* 1: the server took our resume token */
        } welcome;
        struct {
            char player1[PACKET_NAME_SIZE], player2[PACKET_NAME_SIZE];
            uint8_t seat; /* ours for this game (seats swap on a rematch) */
            int new_game; /* 1: a game begins; 0: the same game (a resume, an opening's swap) */
        } start;
        struct {
            uint32_t ply;
            game_side side; /* who played it */
            int mine;       /* 1 when it was our seat's move */
            game_move move;
            char text[CLIENT_MOVE_TEXT_SIZE];  /* game notation: "Nf3", "h8" */
            char coord[CLIENT_MOVE_TEXT_SIZE]; /* coordinates: "g1f3", "h8" */
        } move;
        struct {
            uint32_t ply;
            uint8_t reason; /* packet_reject_reason */
        } reject;
        struct {
            game_result result;
            uint32_t plies;
            int rematch_offered; /* 1: our own rematch offer stands (a resumed finished
                                  * game: the server does not send it back) */
        } game_over;
        struct {
            uint8_t seat;
            char text[PACKET_CHAT_SIZE];
        } chat;
        client_clock clock; /* as of now: count the running one from here
                             * (client_clock_time) */
        packet_peer_status peer;
        packet_restarting restarting;
        struct {
            uint32_t plies;
        } synced;
        struct {
            uint64_t stamp;
        } pong;
        struct {
            uint16_t code; /* packet_error_code */
            char text[PACKET_ERROR_TEXT_SIZE];
        } server_error;
        struct {
            int packet_error; /* packet_error, or 0 for a game mismatch */
            char text[96];
        } protocol_error;
        packet_opening_state opening; /* actor is a seat, as client_seat() */
        packet_takeback takeback;     /* TAKEBACK_OFFERED (plies), TAKEN_BACK */
    } u;
} client_event;

/* Finds a game's ops for the kind a WELCOME names (game_ops_for_kind). */
typedef const game_ops *(*client_ops_lookup)(game_kind kind);

typedef struct client_config {
    const char *name; /* player name, UTF-8; cut to fit the field */
    int watch;        /* 1: ask to watch instead of play */
    client_ops_lookup ops_for_kind;
} client_config;

typedef struct client client;

/* A new client in CLIENT_OFFLINE; NULL without memory or lookup. */
client *client_create(const client_config *cfg);
void client_destroy(client *c);

/* The transport connected: HELLO (with the resume token when there is one)
 * is queued in the output. Resets the receive stream. */
void client_connected(client *c);
/* The transport dropped: back to CLIENT_OFFLINE, unread output discarded,
 * seat, token and game kept for a resume. Returns 1 if there is a game to
 * resume (a token and a game not over, or a finished one whose rematch
 * offer, ours or the opponent's, waits for its answer: the server keeps
 * that across a restart), else 0. */
int client_connection_lost(client *c);
/* The server said RESTARTING on this connection or the last one, and no
 * WELCOME has come since: reconnect (with backoff while it is down), and
 * the game resumes. A spectator then watches the same match again. */
int client_restarting(const client *c);
/* A spectator (client_config.watch): the match its HELLO asks to watch, 0
 * (the default) for the most recent match with a game running. After a
 * restart the match watched before is asked for again whatever this says. */
void client_set_watch_match(client *c, uint32_t match_id);
/* Forgets the resume token, so the next HELLO asks for a fresh seat. */
void client_forget_token(client *c);
/* Makes this client the server's engine seat (matchboard-bot --seat): a
 * HELLO without a resume token asks for the seat with this key. */
void client_set_seat_key(client *c, const uint8_t key[PACKET_TOKEN_SIZE]);

/* Raw bytes from the server, in any pieces. Events become available from
 * client_next_event. Returns 0, or -1 once the client is CLIENT_FAILED (a
 * protocol error event says why; close the connection). */
int client_feed(client *c, const uint8_t *data, size_t n);

/* Pops the next event: 1 and *ev, or 0 when there is none. */
int client_next_event(client *c, client_event *ev);

/* Bytes waiting to be sent: *len bytes at the result. After sending some,
 * client_output_consume(n) drops them. */
const uint8_t *client_output(const client *c, size_t *len);
void client_output_consume(client *c, size_t n);

/* Intents. Each queues one packet; the game changes only when the server
 * confirms. */
client_error client_send_move(client *c, const game_move *m);
client_error client_resign(client *c);
client_error client_offer_draw(client *c);
client_error client_answer_draw(client *c, int accept);
client_error client_offer_rematch(client *c);
client_error client_answer_rematch(client *c, int accept);
/* Withdraws our own rematch offer (REMATCH_ANSWER 0 from the offerer, as a
 * player leaving the finished game does first): CLIENT_ERR_STATE when no
 * offer of ours stands. A server older than this answers ERROR 8 and keeps
 * the offer. */
client_error client_withdraw_rematch(client *c);
/* We are leaving the game we just resigned, or the finished game: no
 * rematch. REMATCH_ANSWER 0 for an offer (ours or theirs) that stands,
 * then REMATCH_ANSWER 0 with none standing, which tells the server we play
 * no rematch of this game: an offer the opponent makes before our
 * connection closes is declined at once and our seat is not held for it
 * (docs/protocol.md "Rematch"). A server older than this answers ERROR 8.
 * CLIENT_ERR_STATE unless seated in a game or after it. */
client_error client_no_rematch(client *c);
client_error client_chat(client *c, const char *text);
/* An opening step (docs/openings.md): OPENING_ACTION, its ply filled in.
 * CLIENT_ERR_STATE when no opening step is due or the server speaks
 * version 1; CLIENT_ERR_PENDING while a step or move awaits the server. A
 * stone of the opening may also go as client_send_move. */
client_error client_send_opening(client *c, const packet_opening_action *a);
/* Takebacks (version 2; CLIENT_ERR_STATE with a version-1 server): ask to
 * take back our last move (plies 1, the opponent to move) or our last move
 * and the reply (2, our turn); answer the opponent's request. */
client_error client_offer_takeback(client *c, int plies);
client_error client_answer_takeback(client *c, int accept);
/* Adds ms (1000..60000; lichess gives 15 s) to the opponent's clock
 * (version 2; the server's CLOCK shows it). */
client_error client_give_time(client *c, uint32_t ms);
client_error client_ping(client *c, uint64_t stamp);

/* What the client knows. */
client_state client_get_state(const client *c);
uint8_t client_seat(const client *c); /* PACKET_SEAT_*, 0 before WELCOME */
/* The protocol version the server's WELCOME chose (PACKET_VERSION_MIN ..
 * PACKET_VERSION), 0 before WELCOME. Packets of a later version (see
 * packet_type_since) must not be sent to this server. */
uint16_t client_protocol_version(const client *c);
game_side client_side(const client *c);      /* our side, NONE for a spectator */
const game_ops *client_ops(const client *c); /* NULL before WELCOME */
const game *client_game(const client *c);    /* the confirmed game, or NULL */
int client_my_turn(const client *c);         /* playing, our move or opening step, none pending */
/* The opening as the server last told it (OPENING_STATE) in this game;
 * NULL when it runs no opening rule. */
const packet_opening_state *client_opening(const client *c);
/* An opening step is due (the opening is not over). */
int client_in_opening(const client *c);
int client_move_pending(const client *c); /* a move intent awaits the server */
game_result client_last_result(const client *c);
uint32_t client_match_id(const client *c);
int client_has_token(const client *c);
const char *client_player_name(const client *c, game_side side); /* from START */

/* Readable names. */
const char *client_state_name(client_state s);
const char *client_reject_reason_str(uint8_t reason); /* "not your turn" */
const char *client_reason_word(game_end_reason r);    /* "checkmate", "five" */
/* "1-0", "0-1", "1/2-1/2" */
const char *client_score_str(game_result r);
/* Player1's or Player2's colour for this game ("white"), or "Player1". */
const char *client_side_name(const game_ops *ops, game_side side);

/* One line describing an event, as the bot prints it: "seated as Player1
 * (white)", "opponent moved e7e5 (e5)", "your move was rejected: not your
 * turn", "game over: white wins by checkmate". Returns the length. */
int client_event_describe(const client *c, const client_event *ev, char *buf, size_t cap);

#endif
