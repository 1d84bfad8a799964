/* server_logic.h: what the server's pure state machines (lobby.h,
 * match_host.h) share: connection ids, the configuration of a match and the
 * sink through which they act on the world.
 *
 * The state machines never touch a socket, a clock or a file. Input comes
 * as calls (a connection opened or closed, a decoded packet, the time now);
 * output goes out through a logic_sink: packets to send, connections to
 * close, records to write, log lines. The event loop (server.c) feeds them
 * on Win32 and POSIX alike; the unit tests feed them directly.
 */
#ifndef MATCHBOARD_SERVER_LOGIC_H
#define MATCHBOARD_SERVER_LOGIC_H

#include <stddef.h>
#include <stdint.h>

#include "attr.h"
#include "game.h"
#include "packet.h"

/* A connection, numbered by the event loop; never reused in one run. */
typedef uint64_t conn_id;
#define CONN_NONE ((conn_id)0)

typedef enum log_level {
    LOG_ERROR = 0,
    LOG_WARN = 1,
    LOG_INFO = 2,
    LOG_DEBUG = 3,
} log_level;

/* "error", "warn", "info", "debug" for 0..3 (the --log-level names, as
 * the log prints them); NULL for any other value. */
const char *log_level_name(int level);

/* How the matches on this server are played: the server's flags. Each
 * match keeps its own copy of the game's terms (match_terms.h), so that one
 * restored from the journal goes on as it started. */
typedef struct match_config {
    const game_ops *ops;
    game_options options;      /* normalized by ops->normalize_options */
    uint32_t clock_ms;         /* time per player; 0: no clock */
    uint32_t increment_ms;     /* added after each move */
    uint32_t grace_ms;         /* a dropped player's time to come back */
    uint32_t restart_bonus_ms; /* added to both clocks of a game restored after a restart */
    uint32_t hello_timeout_ms;
    uint8_t opening;       /* Gomoku opening rule (gomoku_opening_rule); 0: none */
    uint8_t no_takeback;   /* --no-takeback: takeback requests are refused */
    uint8_t delay_kind;    /* 0 none, 1 simple (US) delay, 2 Bronstein delay */
    uint32_t delay_ms;     /* the delay of each move */
    uint32_t move_time_ms; /* --move-time: the most one move may take; 0: no cap */
    /* --engine-seat: the key its bot sends in HELLO (want = seat); all
     * zero: no engine seat, such a HELLO is refused. */
    uint8_t seat_key[PACKET_TOKEN_SIZE];
} match_config;

/* A new match: its id and its two players, Player1 first. */
typedef struct match_seating {
    uint32_t match_id;
    struct {
        conn_id conn;
        char name[PACKET_NAME_SIZE];
        uint8_t token[PACKET_TOKEN_SIZE];
        uint16_t version; /* protocol version negotiated in its WELCOME */
        uint8_t engine;   /* the server's engine seat (HELLO want = seat) */
    } seat[2];
} match_seating;

/* A finished game's record, ready for the records folder. */
typedef struct match_record {
    uint32_t match_id;
    uint32_t game_no;      /* 1, then 2... after rematches */
    const char *extension; /* ops->record_extension */
    const char *text;
    size_t len;
    game_result result;
} match_record;

/* What the directory of running matches hears about a match. */
typedef enum match_status {
    MATCH_RUNNING = 1,  /* a game is being played */
    MATCH_FINISHED = 2, /* its game is over (a rematch may follow) */
    MATCH_GONE = 3,     /* the match no longer exists */
} match_status;

/* A fact the host makes durable (logic_sink.journal) before anyone hears
 * of it, so that a server killed at any moment can restore its unfinished
 * games (journal.h). */
typedef enum journal_kind {
    JOURNAL_GAME = 1,    /* a game starts (the first or a rematch) */
    JOURNAL_MOVE = 2,    /* a move was checked and is about to be applied */
    JOURNAL_END = 3,     /* the game's record is on the disk: forget the game */
    JOURNAL_RESULT = 4,  /* the game is over (its record may still be pending) */
    JOURNAL_OFFER = 5,   /* an offer is made, or none of its kind is pending any more */
    JOURNAL_STOP = 6,    /* a clean stop: the game's clocks, stopped, to the millisecond */
    JOURNAL_UNDO = 7,    /* moves taken back (ply: how many) */
    JOURNAL_OPENING = 8, /* an opening step was checked and is about to be applied */
    JOURNAL_CLOCK = 9,   /* the clocks changed between moves (time given): as at the last move */
    JOURNAL_GONE = 10,   /* the match is gone: nothing is kept for a rematch (writes no line) */
} journal_kind;

/* What an offer (JOURNAL_OFFER) is for; the index into match_restore.offer. */
typedef enum journal_offer {
    JOURNAL_OFFER_DRAW = 1,
    JOURNAL_OFFER_REMATCH = 2,
    JOURNAL_OFFER_TAKEBACK = 3, /* a takeback request; how many moves follows from the position */
    JOURNAL_OFFER_DECLINED = 4, /* not an offer: side's rematch offer was declined while it was
                                 * away, and it has not been told yet (its game is kept for it) */
    JOURNAL_OFFER_KINDS = 5     /* one past the last */
} journal_offer;

/* One step of a Gomoku opening rule (gomoku_opening.h), as journaled:
 * the seat that took it (0: the first player of the game, 1: the other)
 * and the step as OPENING_ACTION carries it. */
typedef struct match_opening_step {
    uint8_t seat;
    uint8_t step, choice, count;
    uint8_t points[2 * PACKET_OPENING_POINTS];
} match_opening_step;

typedef struct journal_entry {
    journal_kind kind;
    uint32_t match_id;
    uint32_t game_no;        /* GAME, RESULT, END, OFFER, STOP, CLOCK (END: 0 = the current game) */
    game_result result;      /* RESULT */
    const char *name[2];     /* GAME: Player1, Player2 of this game */
    const uint8_t *token[2]; /* GAME: their resume tokens */
    uint8_t engine[2];       /* GAME: seat k is the server's engine seat (journaled with terms) */
    uint32_t ply;            /* MOVE; UNDO: the number of moves taken back */
    game_move move;          /* MOVE */
    match_opening_step step; /* OPENING */
    int64_t left_ms[2];      /* GAME, MOVE, OPENING, STOP, CLOCK: clocks (0 without) */
    journal_offer offer;     /* OFFER: its kind */
    game_side side;          /* OFFER: who offers (DECLINED: whose offer); NONE: none pending */
    /* GAME: the game's terms (match_terms.h), journaled with it; NULL: a
     * line without them, as version 4 wrote (the flags of the server that
     * reads it apply). */
    const match_config *terms;
} journal_entry;

/* A game read back from the journal after a restart: an unfinished one,
 * or a finished one (over) whose rematch offer was pending. */
typedef struct match_restore {
    uint32_t match_id, game_no;
    char name[2][PACKET_NAME_SIZE];
    uint8_t token[2][PACKET_TOKEN_SIZE];
    /* Seat k (of name[k], token[k]) is the server's engine seat: its G's
     * ENGINE field, or for a G without it (an older journal) its token's
     * old mark (docs/server.md, "The journal"). */
    uint8_t engine[2];
    game_move *moves; /* every accepted move, ply 0 first (after the opening's stones) */
    size_t nmoves, capmoves;
    match_opening_step *steps; /* the opening's steps, first first */
    size_t nsteps, capsteps;
    size_t opening_stones;                /* stones the steps put on the board */
    int64_t left_ms[2];                   /* clocks after the last move, or at a clean stop */
    int stopped;                          /* left_ms are those of a clean stop (JOURNAL_STOP) */
    game_side offer[JOURNAL_OFFER_KINDS]; /* pending offers by kind: who offers */
    int over; /* finished, kept for offer[JOURNAL_OFFER_REMATCH] or [JOURNAL_OFFER_DECLINED] */
    game_result result; /* how it ended, when over */
    /* The terms journaled with its G (match_terms.h), under which it goes
     * on; terms.ops NULL: none were (an older journal), the server's apply. */
    match_config terms;
} match_restore;

/* The world as the state machines see it. Every member may be called from
 * inside any state machine call; send and close never call back in. */
typedef struct logic_sink {
    void *ctx;
    /* Queue a packet for a connection. */
    void (*send)(void *ctx, conn_id c, const packet *p);
    /* Close a connection once what was queued for it has gone out. The
     * state machine forgets it at once: no *_closed call follows. */
    void (*close)(void *ctx, conn_id c);
    /* One log line, without newline. */
    void (*log)(void *ctx, log_level level, const char *line);
    /* Whether a line of this level is logged at all (may be NULL: every
     * line is). logic_logf asks first and formats nothing for a line that
     * would be dropped (a move's INFO line, flat out). */
    int (*log_on)(void *ctx, log_level level);
    /* lobby: fill buf with n bytes from the system's secure random source. */
    void (*random)(void *ctx, uint8_t *buf, size_t n);
    /* lobby: both seats of a match are taken; hand the two connections to
     * a match host (they are no longer the lobby's). */
    void (*start_match)(void *ctx, const match_seating *m);
    /* lobby: a HELLO that resumes (token) or watches (want = watch): hand
     * the connection to the host of its match and return 0 (it is no longer
     * the lobby's), or return the packet_error_code to refuse it with. */
    int (*join)(void *ctx, conn_id c, const packet_hello *hello);
    /* host: a game is over: write its record, then journal its END (the
     * host journals END itself when there is no record sink). */
    void (*record)(void *ctx, const match_record *r);
    /* host: a match started, finished a game, or is gone. */
    void (*match_event)(void *ctx, uint32_t match_id, match_status status);
    /* host: today's date "YYYY.MM.DD" for records (may be NULL). */
    void (*date)(void *ctx, char *buf, size_t cap);
    /* host: make e durable before going on (may be NULL: no journal).
     * Returns 0 when it is on the disk. */
    int (*journal)(void *ctx, const journal_entry *e);
    /* host: is a human player seated in the lobby, waiting for an opponent?
     * (May be NULL: never.) The engine seat gives way to one. */
    int (*human_waiting)(void *ctx);
    /* lobby: the engine seat's bot says HELLO (hello, its key checked):
     * when a match has the engine seat (a game restored after a restart,
     * or one whose bot ended), hand the connection to it to take that seat
     * back and return 0; the match sends it back (requeue) when it cannot.
     * Non-zero (or NULL): seat it in the lobby. */
    int (*engine_back)(void *ctx, conn_id c, const packet_hello *hello);
    /* lobby: whether the player now waiting for an opponent is a human;
     * called when that changes, before the WELCOME that seats one goes
     * out (may be NULL). What human_waiting answers. */
    void (*waiting)(void *ctx, int human);
    /* host: the player of seat s of m leaves its finished match for the
     * lobby, to be seated again as if its HELLO came now (lobby_requeue);
     * the connection is no longer the host's. May be NULL: then the engine
     * seat never hands over (it stays until its opponent leaves). */
    void (*requeue)(void *ctx, const match_seating *m, int s);
} logic_sink;

/* A spectator's HELLO names the match it wants to watch in its token
 * field: bytes 0..3 the match id, big-endian, bytes 4..15 zero. An all-zero
 * token means the most recent running match. Returns that id, 0 for "most
 * recent". */
uint32_t logic_watch_target(const packet_hello *hello);

/* Is a resume token all zero (none)? */
int logic_token_is_zero(const uint8_t token[PACKET_TOKEN_SIZE]);
/* Are two tokens equal? In constant time: how long it takes says nothing
 * about how much of a guess was right. An all-zero token equals nothing. */
int logic_token_equal(const uint8_t a[PACKET_TOKEN_SIZE], const uint8_t b[PACKET_TOKEN_SIZE]);
/* Logs through the sink with printf formatting. */
void logic_logf(const logic_sink *s, log_level level, const char *fmt, ...) MB_PRINTF(3, 4);
/* Whether logic_logf would log a line of this level (the sink has a log and
 * its log_on, if any, says yes): a caller skips the work of the line's
 * arguments otherwise. */
int logic_log_on(const logic_sink *s, log_level level);

/* The WELCOME of a seat (PACKET_SEAT_*) of match match_id on this server's
 * game, for a peer speaking version; token NULL: none (a spectator). */
void logic_welcome(packet *out, const match_config *cfg, uint8_t seat, uint32_t match_id,
                   const uint8_t *token, uint16_t version);

/* Sends an ERROR packet. */
void logic_send_error(const logic_sink *s, conn_id c, packet_error_code code, const char *text);

#endif
