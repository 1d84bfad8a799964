/* game.h: the game-agnostic interface every game fills in.
 *
 * The server, the client, the bot and the UI talk to a game only through a
 * `const game_ops *` and an opaque state made by its create(); they never
 * switch on the game's name. In the spirit of the `struct game` of Simon
 * Tatham's puzzle collection: one table of function pointers per game
 * (game_gomoku.c, game_chess.c), each wrapping its pure rules engine in
 * game/rules/.
 *
 * The numeric values of game_kind, game_side, game_end_reason and the
 * promotion codes are the ones the wire protocol carries (docs/protocol.md).
 */
#ifndef MATCHBOARD_GAME_H
#define MATCHBOARD_GAME_H

#include <stddef.h>
#include <stdint.h>

typedef enum game_kind {
    GAME_KIND_NONE = 0,
    GAME_KIND_GOMOKU = 1,
    GAME_KIND_CHESS = 2,
} game_kind;

/* A seat. Player1 is Gomoku black / chess white and moves first. */
typedef enum game_side {
    GAME_SIDE_NONE = 0, /* no side: a draw, or nobody to move */
    GAME_SIDE_P1 = 1,
    GAME_SIDE_P2 = 2,
} game_side;

/* The other seat of P1/P2 (NONE stays NONE). */
game_side game_side_other(game_side s);

/* Gomoku rules (protocol "rule" byte). Chess has a single rule, 0. */
typedef enum game_rule {
    GAME_RULE_FREESTYLE = 0,
    GAME_RULE_STANDARD = 1,
    GAME_RULE_RENJU = 2,
} game_rule;

enum {
    GAME_NO_SQUARE = 0xFF, /* from_x/from_y of a Gomoku move */
};

typedef enum game_promotion {
    GAME_PROMO_NONE = 0,
    GAME_PROMO_KNIGHT = 1,
    GAME_PROMO_BISHOP = 2,
    GAME_PROMO_ROOK = 3,
    GAME_PROMO_QUEEN = 4,
} game_promotion;

/* A move in board coordinates. x is the column counted from Player1's left
 * (chess file a = 0), y the row counted from Player1's side (chess rank 1 =
 * 0; Gomoku a1 is x = 0, y = 0). A Gomoku move has from_x = from_y =
 * GAME_NO_SQUARE and the stone at (to_x, to_y). */
typedef struct game_move {
    uint8_t from_x, from_y;
    uint8_t to_x, to_y;
    uint8_t promotion; /* game_promotion */
} game_move;

/* Why a move is refused. GAME_MOVE_OK means it is legal. */
typedef enum game_move_error {
    GAME_MOVE_OK = 0,
    GAME_MOVE_OFF_BOARD,
    GAME_MOVE_OCCUPIED,
    GAME_MOVE_NOT_YOUR_TURN,
    GAME_MOVE_GAME_OVER,
    GAME_MOVE_ILLEGAL,                /* against the rules (chess: any illegal move) */
    GAME_MOVE_BAD_PROMOTION,          /* missing, needless or unknown promotion piece */
    GAME_MOVE_FORBIDDEN_DOUBLE_THREE, /* Renju, black only */
    GAME_MOVE_FORBIDDEN_DOUBLE_FOUR,
    GAME_MOVE_FORBIDDEN_OVERLINE,
    GAME_MOVE_MALFORMED, /* coordinates of the wrong shape for this game */
} game_move_error;

/* Readable text for a game_move_error ("occupied", "forbidden double-three"). */
const char *game_move_strerror(game_move_error e);

/* True for the three Renju forbidden-move errors. */
int game_move_error_is_forbidden(game_move_error e);

/* Why a game ended; values are the protocol's GAME_OVER reasons. */
typedef enum game_end_reason {
    GAME_END_NONE = 0, /* still in progress */
    GAME_END_FIVE = 1,
    GAME_END_CHECKMATE = 2,
    GAME_END_STALEMATE = 3,
    GAME_END_RESIGNATION = 4,
    GAME_END_TIME = 5,
    GAME_END_OPPONENT_LEFT = 6,
    GAME_END_DRAW_AGREED = 7,
    GAME_END_BOARD_FULL = 8,
    GAME_END_THREEFOLD = 9,
    GAME_END_FIFTY_MOVES = 10,
    GAME_END_INSUFFICIENT = 11,
    GAME_END_ABORTED = 12,
} game_end_reason;

#define GAME_END_REASON_MAX GAME_END_ABORTED

/* Readable text: "five in a row", "checkmate", "threefold repetition". */
const char *game_end_reason_str(game_end_reason r);

typedef struct game_result {
    game_end_reason reason; /* GAME_END_NONE while the game goes on */
    game_side winner;       /* GAME_SIDE_NONE for a draw */
} game_result;

/* What a game is played with. width/height: Gomoku 5..25 (square), chess 8. */
typedef struct game_options {
    game_kind kind;
    uint8_t rule; /* game_rule for Gomoku, 0 for chess */
    uint8_t width, height;
} game_options;

/* Errors of the non-move operations (create, records, text). */
typedef enum game_error {
    GAME_OK = 0,
    GAME_ERR_OPTIONS = -1, /* unknown game, rule or board size */
    GAME_ERR_NOMEM = -2,
    GAME_ERR_PARSE = -3,   /* a record or move text that cannot be read */
    GAME_ERR_ILLEGAL = -4, /* a record whose move breaks the rules */
    GAME_ERR_NOTHING = -5, /* undo with no move to take back */
    GAME_ERR_BUFFER = -6,  /* output buffer too small */
} game_error;

const char *game_strerror(game_error e);

/* Who played, for the game record. Strings are UTF-8; NULL means unknown. */
typedef struct game_record_info {
    const char *event, *site, *date; /* date "YYYY.MM.DD" */
    const char *player1, *player2;   /* Player1 = Gomoku black / chess white */
    const char *opening;             /* Gomoku opening rule and how it went (SGF ON); NULL */
} game_record_info;

typedef struct game game; /* opaque per-game state, made by ops->create */

typedef struct game_ops {
    const char *name; /* "gomoku", "chess" */
    game_kind kind;
    const char *record_extension; /* "sgf", "pgn" */

    /* Checks options (returns GAME_OK or GAME_ERR_OPTIONS) and fills in the
     * defaults of a zeroed width/height. */
    game_error (*normalize_options)(game_options *opt);
    /* A new game at its start position; NULL on bad options or no memory. */
    game *(*create)(const game_options *opt);
    void (*destroy)(game *g);
    /* Back to the start position, same options. */
    void (*reset)(game *g);

    const game_options *(*options)(const game *g);
    game_side (*to_move)(const game *g); /* NONE once the game is over */
    uint32_t (*ply)(const game *g);      /* moves played so far */

    /* Would `side` playing `m` now be legal? Says why not. Pure. */
    game_move_error (*check_move)(const game *g, game_side side, const game_move *m);
    /* Checks as check_move for the side to move, then plays it. */
    game_move_error (*apply)(game *g, const game_move *m);
    /* Takes back the last move (game_error). */
    game_error (*undo)(game *g);

    /* The result as the rules see it (five, checkmate, draws...). Endings
     * the rules cannot see (resignation, time, agreement) are the caller's. */
    game_result (*result)(const game *g);

    /* Fills up to cap legal moves for the side to move; returns how many
     * there are in all (may exceed cap). */
    size_t (*legal_moves)(const game *g, game_move *out, size_t cap);
    /* The idx-th move played (0-based); returns 0 if idx >= ply. */
    int (*history)(const game *g, uint32_t idx, game_move *out);

    /* Move text in the game's own notation for the position before the
     * move: SAN for chess ("Nf3", "exd8=Q+"), a point for Gomoku ("h8").
     * Returns the length written or a negative game_error. */
    int (*move_to_text)(const game *g, const game_move *m, char *buf, size_t cap);
    /* Parses move text (chess: SAN or UCI; Gomoku: "h8") for the side to
     * move. GAME_ERR_PARSE if it names no legal move. */
    game_error (*move_from_text)(const game *g, const char *text, game_move *out);

    /* The game so far as a record (SGF for Gomoku, PGN for chess), with a
     * final result that may come from outside the rules (resignation...).
     * snprintf-style: returns the length needed, excluding the NUL, or a
     * negative game_error. */
    int (*write_record)(const game *g, const game_record_info *info, game_result final, char *buf,
                        size_t cap);

    /* The colours of Player1 and Player2 ("black", "white" for Gomoku;
     * "white", "black" for chess), for messages. NULL: say "Player1". */
    const char *side_names[2];
} game_ops;

extern const game_ops game_gomoku_ops;
extern const game_ops game_chess_ops;

/* The ops of a game kind, or NULL. */
const game_ops *game_ops_for_kind(game_kind kind);
/* The ops of a game by name ("gomoku", "chess"), or NULL. */
const game_ops *game_ops_by_name(const char *name);
/* The name of game number i ("gomoku", "chess"), NULL past the last: the
 * list for command lines (cli.h's CLI_ENUM) and messages. */
const char *game_name_at(int i);

#endif
