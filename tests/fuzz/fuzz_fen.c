/* fuzz_fen.c: libFuzzer target for FEN, SAN and UCI.
 *
 * Input: a FEN on the first line, then move texts separated by white
 * space. For every position reached it checks that:
 *  - a FEN that parses is written back, and that text parses to the same
 *    position (and writes the same text again); the Zobrist key is the one
 *    computed from scratch;
 *  - every legal move's SAN parses back (as SAN and as text) to that move,
 *    and so does its UCI; chess_find_move finds it from its squares;
 *  - make then unmake of every legal move gives the position back, and
 *    no legal move leaves its own king in check;
 *  - a move text that parses names one of the legal moves.
 * Each move text that parses is played, and the checks go on from there.
 */
#include <string.h>

#include "chess.h"
#include "chess_fen.h"
#include "chess_notation.h"
#include "fuzz_check.h"

#define MAX_INPUT 4096
#define MAX_MOVES 48
#define MAX_TOKEN 32

static int same_position(const chess_position *a, const chess_position *b)
{
    return memcmp(a->by_type, b->by_type, sizeof a->by_type) == 0 &&
           memcmp(a->by_color, b->by_color, sizeof a->by_color) == 0 &&
           memcmp(a->board, b->board, sizeof a->board) == 0 && a->side == b->side &&
           a->castling == b->castling && a->ep == b->ep && a->halfmove == b->halfmove &&
           a->fullmove == b->fullmove && a->key == b->key;
}

/* Is the side that just moved in check (its king attacked by the side to
 * move)? */
static int mover_in_check(const chess_position *pos)
{
    int mover = pos->side ^ 1;
    int k = chess_king_square(pos, mover);
    return k != CHESS_NO_SQUARE &&
           (chess_attackers_to(pos, k, pos->by_type[0]) & pos->by_color[pos->side]) != 0;
}

/* The FEN round trip. Only positions a FEN can hold: the clocks in range. */
static void check_fen_round_trip(const chess_position *pos)
{
    char fen[CHESS_FEN_MAX], again[CHESS_FEN_MAX];
    chess_position back;
    int n = chess_fen_write(pos, fen, sizeof fen);
    CHECK(n > 0 && (size_t)n < sizeof fen && strlen(fen) == (size_t)n);
    CHECK(chess_fen_write(pos, fen, (size_t)n) == -1); /* no room for the NUL */
    n = chess_fen_write(pos, fen, sizeof fen);
    if (pos->fullmove > 999999)
        return;
    CHECK(chess_fen_parse(&back, fen) == CHESS_FEN_OK);
    CHECK(same_position(pos, &back));
    CHECK(chess_fen_write(&back, again, sizeof again) == n && strcmp(fen, again) == 0);
}

static void check_moves(const chess_position *pos, const chess_move *moves, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char san[CHESS_MOVE_TEXT_MAX], uci[CHESS_MOVE_TEXT_MAX];
        chess_move m = moves[i], back = CHESS_MOVE_NONE;
        int len = chess_move_to_san(pos, m, san);
        CHECK(len > 0 && len < CHESS_MOVE_TEXT_MAX && strlen(san) == (size_t)len);
        CHECK(chess_move_from_san(pos, san, &back) == CHESS_NOTATION_OK && back == m);
        CHECK(chess_move_from_text(pos, san, &back) == CHESS_NOTATION_OK && back == m);
        len = chess_move_to_uci(m, uci);
        CHECK(len > 0 && len < CHESS_MOVE_TEXT_MAX && strlen(uci) == (size_t)len);
        CHECK(chess_move_from_uci(pos, uci, &back) == CHESS_NOTATION_OK && back == m);
        CHECK(chess_move_from_text(pos, uci, &back) == CHESS_NOTATION_OK && back == m);
        CHECK(chess_find_move(pos, chess_move_from(m), chess_move_to(m), chess_move_promotion(m)) ==
              m);
        {
            chess_position copy = *pos;
            chess_undo undo;
            chess_make(&copy, m, &undo);
            CHECK(copy.key == chess_position_compute_key(&copy));
            CHECK(!mover_in_check(&copy));
            chess_unmake(&copy, m, &undo);
            CHECK(same_position(pos, &copy));
        }
    }
}

static int is_legal(chess_move m, const chess_move *moves, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (moves[i] == m)
            return 1;
    return 0;
}

/* A move text of the input: SAN, UCI or either. */
static void check_text(const chess_position *pos, const char *tok, const chess_move *moves,
                       size_t n)
{
    chess_move m = CHESS_MOVE_NONE;
    if (chess_move_from_san(pos, tok, &m) == CHESS_NOTATION_OK)
        CHECK(is_legal(m, moves, n));
    if (chess_move_from_uci(pos, tok, &m) == CHESS_NOTATION_OK)
        CHECK(is_legal(m, moves, n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char text[MAX_INPUT + 1];
    chess_position pos;
    chess_move moves[CHESS_MAX_MOVES];
    size_t nmoves, at, played = 0;
    char *nl;

    if (size > MAX_INPUT)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    nl = strchr(text, '\n');
    if (nl)
        *nl = '\0';
    if (chess_fen_parse(&pos, text) != CHESS_FEN_OK)
        return 0;
    at = nl ? (size_t)(nl - text) + 1 : size;

    for (;;) {
        char tok[MAX_TOKEN];
        size_t len = 0;
        chess_move m = CHESS_MOVE_NONE;
        chess_undo undo;

        CHECK(pos.key == chess_position_compute_key(&pos));
        check_fen_round_trip(&pos);
        nmoves = chess_legal_moves(&pos, moves);
        CHECK(nmoves <= CHESS_MAX_MOVES);
        check_moves(&pos, moves, nmoves);

        /* The next move text: up to white space (or a NUL in the input). */
        while (at < size && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t'))
            at++;
        if (at >= size || played >= MAX_MOVES)
            break;
        while (at < size && text[at] && text[at] != ' ' && text[at] != '\n' && text[at] != '\t') {
            if (len < sizeof tok - 1)
                tok[len++] = text[at];
            at++;
        }
        if (at < size && !text[at])
            at++;
        tok[len] = '\0';
        check_text(&pos, tok, moves, nmoves);
        if (chess_move_from_text(&pos, tok, &m) != CHESS_NOTATION_OK)
            continue;
        CHECK(is_legal(m, moves, nmoves));
        chess_make(&pos, m, &undo);
        played++;
    }
    return 0;
}
