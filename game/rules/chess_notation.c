/* chess_notation.c: SAN and UCI move text, out and in. */
#include <string.h>

#include "chess_notation.h"
#include "chess_bits.h"

static const char piece_letters[] = "  NBRQK";

const char *chess_notation_strerror(chess_notation_error e)
{
    switch (e) {
    case CHESS_NOTATION_OK:
        return "ok";
    case CHESS_NOTATION_SYNTAX:
        return "not a move in SAN or UCI notation";
    case CHESS_NOTATION_ILLEGAL:
        return "illegal move";
    case CHESS_NOTATION_AMBIGUOUS:
        return "ambiguous move";
    }
    return "unknown notation error";
}

void chess_square_name(int sq, char *buf)
{
    buf[0] = (char)('a' + sq % 8);
    buf[1] = (char)('1' + sq / 8);
    buf[2] = '\0';
}

int chess_move_to_uci(chess_move m, char *buf)
{
    int n = 4;
    chess_square_name(chess_move_from(m), buf);
    chess_square_name(chess_move_to(m), buf + 2);
    if (chess_move_promotion(m))
        buf[n++] = "  nbrq"[chess_move_promotion(m)];
    buf[n] = '\0';
    return n;
}

int chess_move_to_san(const chess_position *pos, chess_move m, char *buf)
{
    int from = chess_move_from(m), to = chess_move_to(m);
    int type = CHESS_PIECE_TYPE(pos->board[from]);
    int n = 0;
    chess_move moves[CHESS_MAX_MOVES];

    if (chess_move_kind(m) == CHESS_MOVE_CASTLING) {
        const char *s = (to & 7) == 6 ? "O-O" : "O-O-O";
        n = (int)strlen(s);
        memcpy(buf, s, (size_t)n);
    } else {
        int capture = pos->board[to] || chess_move_kind(m) == CHESS_MOVE_EN_PASSANT;
        if (type == CHESS_PAWN) {
            if (capture)
                buf[n++] = (char)('a' + from % 8);
        } else {
            buf[n++] = piece_letters[type];
            /* Disambiguate against the same piece type reaching `to`. */
            size_t count = chess_legal_moves(pos, moves);
            int others = 0, same_file = 0, same_rank = 0;
            for (size_t i = 0; i < count; i++) {
                int f = chess_move_from(moves[i]);
                if (f == from || chess_move_to(moves[i]) != to ||
                    CHESS_PIECE_TYPE(pos->board[f]) != type ||
                    chess_move_kind(moves[i]) == CHESS_MOVE_CASTLING)
                    continue;
                others++;
                same_file += f % 8 == from % 8;
                same_rank += f / 8 == from / 8;
            }
            if (others && (!same_file || same_rank))
                buf[n++] = (char)('a' + from % 8);
            if (others && same_file)
                buf[n++] = (char)('1' + from / 8);
        }
        if (capture)
            buf[n++] = 'x';
        chess_square_name(to, buf + n);
        n += 2;
        if (chess_move_promotion(m)) {
            buf[n++] = '=';
            buf[n++] = piece_letters[chess_move_promotion(m)];
        }
    }

    chess_position after = *pos;
    chess_undo u;
    chess_make(&after, m, &u);
    if (chess_in_check(&after))
        buf[n++] = chess_legal_moves(&after, moves) ? '+' : '#';
    buf[n] = '\0';
    return n;
}

static int is_file(char c)
{
    return c >= 'a' && c <= 'h';
}

static int is_rank(char c)
{
    return c >= '1' && c <= '8';
}

static int promo_of_letter(char c)
{
    switch (c) {
    case 'N':
    case 'n':
        return CHESS_KNIGHT;
    case 'B':
    case 'b':
        return CHESS_BISHOP;
    case 'R':
    case 'r':
        return CHESS_ROOK;
    case 'Q':
    case 'q':
        return CHESS_QUEEN;
    }
    return 0;
}

chess_notation_error chess_move_from_uci(const chess_position *pos, const char *text,
                                         chess_move *out)
{
    size_t len = strlen(text);
    if ((len != 4 && len != 5) || !is_file(text[0]) || !is_rank(text[1]) || !is_file(text[2]) ||
        !is_rank(text[3]))
        return CHESS_NOTATION_SYNTAX;
    int promo = 0;
    if (len == 5 && !(promo = promo_of_letter(text[4])))
        return CHESS_NOTATION_SYNTAX;
    int from = (text[1] - '1') * 8 + (text[0] - 'a');
    int to = (text[3] - '1') * 8 + (text[2] - 'a');
    chess_move m = chess_find_move(pos, from, to, promo);
    if (m == CHESS_MOVE_NONE)
        return CHESS_NOTATION_ILLEGAL;
    *out = m;
    return CHESS_NOTATION_OK;
}

/* Castling text ("O-O", "0-0-0"): 1 king side, 2 queen side, 0 neither. */
static int castling_side(const char *s, size_t len)
{
    if (len != 3 && len != 5)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int want_dash = i % 2 == 1;
        if (want_dash ? s[i] != '-' : (s[i] != 'O' && s[i] != '0' && s[i] != 'o'))
            return 0;
    }
    return len == 3 ? 1 : 2;
}

chess_notation_error chess_move_from_san(const chess_position *pos, const char *text,
                                         chess_move *out)
{
    char s[16];
    size_t len = strlen(text);
    chess_move moves[CHESS_MAX_MOVES];
    size_t count = chess_legal_moves(pos, moves);

    while (len && strchr("+#!?", text[len - 1]))
        len--;
    if (len == 0 || len >= sizeof s)
        return CHESS_NOTATION_SYNTAX;
    memcpy(s, text, len);
    s[len] = '\0';

    int castle = castling_side(s, len);
    if (castle) {
        for (size_t i = 0; i < count; i++)
            if (chess_move_kind(moves[i]) == CHESS_MOVE_CASTLING &&
                (chess_move_to(moves[i]) & 7) == (castle == 1 ? 6 : 2)) {
                *out = moves[i];
                return CHESS_NOTATION_OK;
            }
        return CHESS_NOTATION_ILLEGAL;
    }

    size_t i = 0;
    int type = CHESS_PAWN;
    if (strchr("NBRQK", s[0])) {
        type = (int)(strchr(piece_letters, s[0]) - piece_letters);
        i++;
    } else if (s[0] == 'P') {
        i++;
    }

    /* Promotion at the end: "=Q", "Q", "=(Q)", "(Q)", lowercase too. */
    int promo = 0;
    if (type == CHESS_PAWN && len >= 2) {
        size_t end = len;
        if (s[end - 1] == ')' && end >= 3 && s[end - 3] == '(') {
            promo = promo_of_letter(s[end - 2]);
            end -= 3;
        } else if (promo_of_letter(s[end - 1]) && end >= 2 &&
                   (is_rank(s[end - 2]) || s[end - 2] == '=')) {
            promo = promo_of_letter(s[end - 1]);
            end -= 1;
        }
        if (promo && end > 0 && s[end - 1] == '=')
            end--;
        if (promo)
            len = end;
    }

    /* What is left: [file][rank][x]file rank. */
    if (len < i + 2 || !is_file(s[len - 2]) || !is_rank(s[len - 1]))
        return CHESS_NOTATION_SYNTAX;
    int to = (s[len - 1] - '1') * 8 + (s[len - 2] - 'a');
    size_t end = len - 2;
    if (end > i && (s[end - 1] == 'x' || s[end - 1] == ':'))
        end--;
    int dfile = -1, drank = -1;
    if (end > i && is_file(s[i]))
        dfile = s[i++] - 'a';
    if (end > i && is_rank(s[i]))
        drank = s[i++] - '1';
    if (i != end)
        return CHESS_NOTATION_SYNTAX;

    int found = 0;
    for (size_t k = 0; k < count; k++) {
        chess_move m = moves[k];
        int from = chess_move_from(m);
        if (chess_move_to(m) != to || CHESS_PIECE_TYPE(pos->board[from]) != type ||
            chess_move_kind(m) == CHESS_MOVE_CASTLING || chess_move_promotion(m) != promo ||
            (dfile >= 0 && from % 8 != dfile) || (drank >= 0 && from / 8 != drank))
            continue;
        *out = m;
        found++;
    }
    if (found == 0)
        return CHESS_NOTATION_ILLEGAL;
    return found == 1 ? CHESS_NOTATION_OK : CHESS_NOTATION_AMBIGUOUS;
}

chess_notation_error chess_move_from_text(const chess_position *pos, const char *text,
                                          chess_move *out)
{
    chess_notation_error e = chess_move_from_uci(pos, text, out);
    if (e != CHESS_NOTATION_SYNTAX)
        return e;
    return chess_move_from_san(pos, text, out);
}
