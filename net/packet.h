/* packet.h: the matchboard wire protocol (versions 1 to 3), encoded and decoded field by
 * field, big-endian. No struct is ever cast onto the wire; docs/protocol.md
 * is the normative byte-for-byte description and these constants follow it.
 *
 * Frame: size u16 (whole packet, header included) · type u8 · reserved u8 = 0.
 * Each type has exactly one size (docs/protocol.md, "Packet types").
 *
 * The codec checks the shape of a packet: frame, reserved bytes, magic,
 * version, strings and the documented range of every field. Whether a
 * well-formed packet makes sense now (whose turn, which ply, a legal move,
 * a square on this board) is for the server and the rules to decide.
 */
#ifndef MATCHBOARD_PACKET_H
#define MATCHBOARD_PACKET_H

#include <stddef.h>
#include <stdint.h>

#define PACKET_HEADER_SIZE     4
#define PACKET_MAX_SIZE        256 /* bound on every type (largest: CHAT, 136) */
#define PACKET_MAGIC           "MBRD"
#define PACKET_VERSION         4    /* the newest version this build speaks */
#define PACKET_VERSION_MIN     1    /* the oldest version it still speaks */
#define PACKET_NAME_SIZE       24   /* UTF-8, NUL-padded, at least one NUL */
#define PACKET_TOKEN_SIZE      16   /* resume token; all zero = none */
#define PACKET_CHAT_SIZE       128  /* UTF-8, NUL-padded, at least one NUL */
#define PACKET_ERROR_TEXT_SIZE 64   /* UTF-8, NUL-padded, at least one NUL */
#define PACKET_NO_SQUARE       0xFF /* from x/y of a Gomoku move */
#define PACKET_COORD_LIMIT     25   /* every other coordinate is below this */
#define PACKET_BOARD_MIN       5    /* WELCOME width/height, Gomoku */
#define PACKET_BOARD_MAX       25
#define PACKET_CHESS_BOARD     8 /* WELCOME width/height, chess */

typedef enum packet_type {
    PACKET_HELLO = 0x01,          /* c->s */
    PACKET_WELCOME = 0x02,        /* s->c */
    PACKET_START = 0x03,          /* s->c */
    PACKET_MOVE = 0x10,           /* both */
    PACKET_REJECT = 0x11,         /* s->c */
    PACKET_RESIGN = 0x12,         /* c->s */
    PACKET_DRAW_OFFER = 0x13,     /* both: c->s offers, s->c relays the offer */
    PACKET_DRAW_ANSWER = 0x14,    /* both: c->s answers, s->c tells a refusal */
    PACKET_REMATCH_OFFER = 0x15,  /* both */
    PACKET_REMATCH_ANSWER = 0x16, /* both */
    /* version 2, takebacks: OFFER both (c->s asks, s->c relays the request),
     * ANSWER both (c->s answers, s->c tells a refusal), TAKEBACK s->c (done) */
    PACKET_TAKEBACK_OFFER = 0x17,
    PACKET_TAKEBACK_ANSWER = 0x18,
    PACKET_TAKEBACK = 0x19,
    /* version 2: GIVE_TIME c->s adds time to the opponent's clock */
    PACKET_GIVE_TIME = 0x1A,
    PACKET_GAME_OVER = 0x20,      /* s->c */
    PACKET_CLOCK = 0x21,          /* s->c */
    PACKET_SYNC_BEGIN = 0x22,     /* s->c: the game so far follows as MOVEs */
    PACKET_SYNC_END = 0x23,       /* s->c */
    PACKET_PEER_STATUS = 0x24,    /* s->c: opponent dropped / came back */
    PACKET_RESTARTING = 0x25,     /* s->c, version 2: the server restarts; resume after */
    PACKET_CLOCK_DELAY = 0x26,    /* s->c, version 3: a delay clock's delay, before its CLOCK */
    PACKET_CHAT = 0x30,           /* both */
    PACKET_PING = 0x31,           /* both */
    PACKET_PONG = 0x32,           /* both */
    PACKET_ERROR = 0x40,          /* s->c */
    PACKET_OPENING_STATE = 0x50,  /* s->c, version 2: the opening step due */
    PACKET_OPENING_ACTION = 0x51, /* c->s, version 2: a player's opening step */
} packet_type;

typedef enum packet_error {
    PACKET_OK = 0,
    PACKET_ERR_NEED_MORE = -1, /* not a whole packet yet (reassembly) */
    PACKET_ERR_SHORT = -2,     /* size field below the header size */
    PACKET_ERR_UNKNOWN_TYPE = -3,
    PACKET_ERR_BAD_SIZE = -4, /* size is not the type's size */
    PACKET_ERR_RESERVED = -5, /* a reserved byte is not zero */
    PACKET_ERR_BAD_MAGIC = -6,
    PACKET_ERR_BAD_VERSION = -7,
    PACKET_ERR_BAD_STRING = -8, /* no NUL padding, bytes after the NUL, bad UTF-8 */
    PACKET_ERR_BAD_ENUM = -9,   /* a field out of its documented range */
    PACKET_ERR_BUFFER = -10,    /* output buffer too small */
    PACKET_ERR_OVERFLOW = -11,  /* no room to buffer bytes (for callers: the
                                   stream itself never needs it, see
                                   packet_stream.h) */
} packet_error;

/* Readable text for a packet_error. */
const char *packet_strerror(packet_error e);

/* Values of enum fields. */
/* PACKET_WANT_SEAT: the server's own engine seat (--engine-seat), its key
 * in the token field (docs/server.md, "Engine seat"). */
enum { PACKET_WANT_PLAY = 0, PACKET_WANT_WATCH = 1, PACKET_WANT_SEAT = 2 };
enum { PACKET_SEAT_P1 = 1, PACKET_SEAT_P2 = 2, PACKET_SEAT_SPECTATOR = 3 };
enum { PACKET_ANSWER_DECLINE = 0, PACKET_ANSWER_ACCEPT = 1 };
/* PACKET_PEER_NOT_BACK (version 4): away since the server restored the
 * game (a restart or a crash) and not back yet; sent only to version 4+. */
enum { PACKET_PEER_DROPPED = 0, PACKET_PEER_BACK = 1, PACKET_PEER_NOT_BACK = 2 };
/* CLOCK_DELAY kind: a simple (US) delay holds the clock for the delay; a
 * Bronstein delay gives back the time used, up to the delay, after a move. */
enum { PACKET_DELAY_SIMPLE = 1, PACKET_DELAY_BRONSTEIN = 2 };
/* REJECT reasons */
typedef enum packet_reject_reason {
    PACKET_REJECT_NOT_YOUR_TURN = 1,
    PACKET_REJECT_ILLEGAL = 2,
    PACKET_REJECT_WRONG_PLY = 3,
    PACKET_REJECT_NO_GAME = 4,
    PACKET_REJECT_FORBIDDEN = 5,
    PACKET_REJECT_MALFORMED = 6,
    /* version 2: refusals of opening steps (OPENING_ACTION, or a MOVE
     * during the opening); docs/openings.md */
    PACKET_REJECT_OPENING_STEP = 7,  /* not the step due now */
    PACKET_REJECT_OUTSIDE_AREA = 8,  /* stone outside the allowed central square */
    PACKET_REJECT_BAD_CHOICE = 9,    /* a choice not offered now */
    PACKET_REJECT_BAD_COUNT = 10,    /* declared number or number of proposals */
    PACKET_REJECT_DUPLICATE = 11,    /* the same fifth move proposed twice */
    PACKET_REJECT_SYMMETRIC = 12,    /* two proposals give equivalent positions */
    PACKET_REJECT_NOT_PROPOSED = 13, /* selected point is not a proposal */
} packet_reject_reason;
#define PACKET_REJECT_MAX PACKET_REJECT_NOT_PROPOSED
/* ERROR codes */
typedef enum packet_error_code {
    PACKET_CODE_MALFORMED = 1,   /* a packet that could not be decoded */
    PACKET_CODE_SERVER_FULL = 2, /* --max-clients reached */
    PACKET_CODE_HELLO_TIMEOUT = 3,
    PACKET_CODE_BAD_HELLO = 4, /* bad magic/version, HELLO twice, nothing first */
    PACKET_CODE_BAD_TOKEN = 5, /* resume token unknown or expired */
    PACKET_CODE_IDLE_TIMEOUT = 6,
    PACKET_CODE_SHUTDOWN = 7,    /* server stopping */
    PACKET_CODE_NOT_ALLOWED = 8, /* e.g. a spectator sending a move */
    PACKET_CODE_NO_MATCH = 9,    /* nothing to watch */
    PACKET_CODE_TOO_SLOW = 10,   /* send queue overflowed */
} packet_error_code;
#define PACKET_CODE_MAX PACKET_CODE_TOO_SLOW

typedef struct packet_hello {
    uint16_t version;
    uint8_t want;                     /* PACKET_WANT_* */
    char name[PACKET_NAME_SIZE];      /* NUL-terminated after decode */
    uint8_t token[PACKET_TOKEN_SIZE]; /* play: resume token; watch: match id,
                                         see packet_hello_set_watch */
} packet_hello;

typedef struct packet_welcome {
    uint16_t version;
    uint8_t game; /* game_kind: 1 Gomoku, 2 chess */
    uint8_t rule; /* Gomoku: 0 freestyle, 1 standard, 2 renju; chess: 0 */
    uint8_t width, height;
    uint8_t seat;                     /* PACKET_SEAT_* */
    uint32_t match_id;                /* never 0 */
    uint8_t token[PACKET_TOKEN_SIZE]; /* all zero for a spectator */
} packet_welcome;

typedef struct packet_start {
    char player1[PACKET_NAME_SIZE];
    char player2[PACKET_NAME_SIZE];
} packet_start;

typedef struct packet_move {
    uint32_t ply;
    uint8_t from_x, from_y, to_x, to_y; /* from = 0xFF for Gomoku; else < 25 */
    uint8_t promotion;                  /* 0 none, 1 N, 2 B, 3 R, 4 Q */
} packet_move;

typedef struct packet_reject {
    uint32_t ply;
    uint8_t reason; /* packet_reject_reason */
} packet_reject;

typedef struct packet_game_over {
    uint8_t winner; /* 0 draw, 1 Player1, 2 Player2 */
    uint8_t reason; /* game_end_reason, 1..12 */
    uint32_t plies;
} packet_game_over;

/* RESIGN, DRAW_OFFER: the game's ply when sent (moves played so far).
 * REMATCH_OFFER: the plies of the finished game. SYNC_END: the plies sent. */
typedef struct packet_ply {
    uint32_t ply;
} packet_ply;

/* DRAW_ANSWER, REMATCH_ANSWER */
typedef struct packet_answer {
    uint8_t accept; /* 0 decline, 1 accept */
} packet_answer;

/* TAKEBACK_OFFER (version 2): take back the last move (1) or the last two
 * (2: the asker's move and the reply, so it is the asker's turn again). */
typedef struct packet_takeback_offer {
    uint8_t plies; /* 1 or 2 */
} packet_takeback_offer;

/* GIVE_TIME (version 2): add ms (1000..60000) to the opponent's clock. */
typedef struct packet_give_time {
    uint32_t ms;
} packet_give_time;

/* TAKEBACK (version 2): the server took back `plies` moves; `ply` moves
 * stand now. */
typedef struct packet_takeback {
    uint8_t plies; /* 1 or 2 */
    uint32_t ply;
} packet_takeback;

typedef struct packet_clock {
    uint32_t p1_ms, p2_ms; /* time left */
    uint8_t running;       /* seat whose clock runs, 0 none */
    uint32_t increment_ms;
} packet_clock;

/* CLOCK_DELAY (version 3): sent just before each CLOCK of a clock with a
 * delay, it completes that CLOCK; a CLOCK without one has no delay. */
typedef struct packet_clock_delay {
    uint8_t kind;      /* PACKET_DELAY_SIMPLE or PACKET_DELAY_BRONSTEIN */
    uint32_t delay_ms; /* the delay of every move, 1 or more */
    uint32_t left_ms;  /* what the running side has not used of its delay
                          (0..delay_ms); no clock running: delay_ms */
} packet_clock_delay;

typedef struct packet_sync_begin {
    uint32_t plies; /* MOVE packets (plies 0..plies-1) before SYNC_END */
} packet_sync_begin;

typedef struct packet_peer_status {
    uint8_t seat;      /* 1 or 2 */
    uint8_t status;    /* PACKET_PEER_DROPPED / _BACK / _NOT_BACK */
    uint32_t grace_ms; /* time left to return, when dropped; 0 when back */
} packet_peer_status;

/* RESTARTING (version 2): the server is stopping to restart; the game is
 * kept, its clocks stopped. Reconnect with the resume token. */
typedef struct packet_restarting {
    uint32_t bonus_ms; /* added to both clocks once both players are back */
    uint32_t grace_ms; /* how long after the restart each player's seat is held */
} packet_restarting;

typedef struct packet_chat {
    uint8_t seat; /* sender's seat as the server saw it (1..3); clients send 0 */
    char text[PACKET_CHAT_SIZE];
} packet_chat;

typedef struct packet_ping {
    uint64_t stamp; /* sender's clock, echoed by PONG */
} packet_ping;

/* Opening points: x, y pairs; (0xFF, 0xFF) fills the unused ones. */
#define PACKET_OPENING_POINTS   10
#define PACKET_OPENING_ANYWHERE 0xFF /* OPENING_STATE area: no area limit */

/* OPENING_STATE (version 2): what the opening rule asks for now. */
typedef struct packet_opening_state {
    uint8_t rule;        /* 1 swap .. 6 taraguchi10 (gomoku_opening_rule) */
    uint8_t step;        /* 0 done, 1 place, 2 choose, 3 declare, 4 propose, 5 select */
    uint8_t actor;       /* seat that must act: 1 Player1, 2 Player2; 0 when done */
    uint8_t choices;     /* step choose: mask of 1 << choice (0 stay .. 5 propose) */
    uint8_t area;        /* step place: half-width of the central square, or 0xFF */
    uint8_t declare_min; /* step declare: the range */
    uint8_t declare_max;
    uint8_t count; /* step propose: proposals due; select: proposals on the table */
    uint32_t ply;  /* stones on the board */
    uint8_t swaps; /* colour exchanges so far */
    uint8_t points[2 * PACKET_OPENING_POINTS]; /* step select: the proposals */
} packet_opening_state;

/* OPENING_ACTION (version 2): a player's step. */
typedef struct packet_opening_action {
    uint8_t step;   /* 1 place, 2 choose, 3 declare, 4 propose, 5 select */
    uint8_t choice; /* choose: 0 stay, 1 swap, 2 black, 3 white, 4 place-two, 5 propose */
    uint8_t count;  /* declare: the number; propose: the points given */
    uint32_t ply;   /* stones on the board when sent */
    uint8_t points[2 * PACKET_OPENING_POINTS]; /* place, select: points[0..1] */
} packet_opening_action;

typedef struct packet_errmsg {
    uint16_t code; /* packet_error_code */
    char text[PACKET_ERROR_TEXT_SIZE];
} packet_errmsg;

typedef struct packet {
    packet_type type;
    union {
        packet_hello hello;
        packet_welcome welcome;
        packet_start start;
        packet_move move;
        packet_reject reject;
        packet_game_over game_over;
        packet_ply ply;       /* RESIGN, DRAW_OFFER, REMATCH_OFFER, SYNC_END */
        packet_answer answer; /* DRAW_ANSWER, REMATCH_ANSWER, TAKEBACK_ANSWER */
        packet_takeback_offer takeback_offer;
        packet_takeback takeback;
        packet_give_time give_time;
        packet_clock clock;
        packet_clock_delay clock_delay;
        packet_sync_begin sync;
        packet_peer_status peer;
        packet_restarting restarting;
        packet_chat chat;
        packet_ping ping; /* PING, PONG */
        packet_errmsg error;
        packet_opening_state opening;         /* OPENING_STATE */
        packet_opening_action opening_action; /* OPENING_ACTION */
    } u;
} packet;

/* The one size of a type, or 0 for an unknown type. */
size_t packet_size_of_type(uint8_t type);

/* The protocol version that introduced a type (1, 2, ...), or 0 for an
 * unknown type. A packet is sent only to a peer whose negotiated version is
 * at least this: a version-1 peer never sees a version-2 type. */
unsigned packet_type_since(uint8_t type);

/* The version two peers speak when one of them offers `offered` in its
 * HELLO: min(offered, PACKET_VERSION), or 0 when `offered` is below
 * PACKET_VERSION_MIN (refused). The WELCOME carries the result. */
uint16_t packet_negotiate_version(uint16_t offered);

/* Readable name of a type ("MOVE"), or "UNKNOWN". */
const char *packet_type_name(uint8_t type);

/* Encodes p into out. Returns the number of bytes written (the type's size)
 * or a negative packet_error, checking what decode checks: UNKNOWN_TYPE,
 * BUFFER (cap below the size), BAD_VERSION (HELLO/WELCOME version outside
 * PACKET_VERSION_MIN..PACKET_VERSION),
 * BAD_STRING (no NUL inside the field, bad UTF-8 or a control character
 * before it), BAD_ENUM (a field out of range), RESERVED (a watching HELLO
 * whose token has more than a match id). Bytes after a string's NUL are
 * written as zeros whatever the struct holds. On error out is untouched. */
int packet_encode(const packet *p, uint8_t *out, size_t cap);

/* Decodes one packet from buf[0..len): PACKET_OK and *out, or the error of
 * the first fault (header, then fields in offset order, then the cross-field
 * checks of docs/protocol.md). PACKET_ERR_NEED_MORE when len is below the
 * header or below the packet's size; PACKET_ERR_BAD_SIZE when len exceeds
 * it. *out is zeroed first and holds nothing useful on error. */
packet_error packet_decode(const uint8_t *buf, size_t len, packet *out);

/* Checks a header alone (buf holds at least PACKET_HEADER_SIZE bytes):
 * PACKET_OK when it starts a valid frame, else the error (SHORT,
 * UNKNOWN_TYPE, BAD_SIZE, RESERVED, checked in that order). *size gets the
 * size field either way. */
packet_error packet_peek_header(const uint8_t *buf, size_t *size);

/* Copies a C string (NULL: empty) into a fixed NUL-padded field, cutting it
 * at a UTF-8 character boundary so that at least one NUL remains. It does
 * not check the text itself: packet_encode refuses bad UTF-8 and control
 * characters. */
void packet_set_string(char *field, size_t field_size, const char *s);

/* Is field[0..size) a well-formed text[size] (docs/protocol.md, section 2):
 * a NUL, only NULs after the first one, and valid UTF-8 without control
 * characters before it? 1 or 0. For other formats that carry such texts
 * (LAN discovery). */
int packet_text_field_ok(const uint8_t *field, size_t size);

/* A watching HELLO names the match to watch in its token: bytes 0..3 the
 * match id, big-endian (0: the most recent running match), the rest zero. */
void packet_hello_set_watch(packet_hello *h, uint32_t match_id);
uint32_t packet_hello_watch_id(const packet_hello *h);

/* Convenience constructors: zero the whole packet, then fill it in. */
void packet_make_hello(packet *p, uint8_t want, const char *name,
                       const uint8_t token[PACKET_TOKEN_SIZE]); /* token NULL: none */
void packet_make_move(packet *p, uint32_t ply, uint8_t fx, uint8_t fy, uint8_t tx, uint8_t ty,
                      uint8_t promotion);
void packet_make_error(packet *p, packet_error_code code, const char *text);

#endif
