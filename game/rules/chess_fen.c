/* chess_fen.c: FEN parsing with strict validation, and FEN writing. */
#include <string.h>

#include "chess_fen.h"
#include "chess_bits.h"

const char *chess_fen_strerror(chess_fen_error e)
{
    switch (e) {
    case CHESS_FEN_OK:
        return "FEN: ok";
    case CHESS_FEN_FIELDS:
        return "FEN: needs 6 fields (or 4 without the clocks) separated by spaces";
    case CHESS_FEN_PLACEMENT_CHAR:
        return "FEN piece placement: a character that is no piece (PNBRQKpnbrqk), digit 1-8 or '/'";
    case CHESS_FEN_PLACEMENT_RANKS:
        return "FEN piece placement: needs 8 ranks separated by '/'";
    case CHESS_FEN_PLACEMENT_FILES:
        return "FEN piece placement: a rank does not describe exactly 8 squares";
    case CHESS_FEN_KINGS:
        return "FEN piece placement: each side needs exactly one king";
    case CHESS_FEN_PAWN_RANK:
        return "FEN piece placement: a pawn on the first or last rank";
    case CHESS_FEN_TOO_MANY:
        return "FEN piece placement: too many pieces for one side (16 at most, 8 pawns, "
               "promoted pieces only in place of pawns)";
    case CHESS_FEN_SIDE:
        return "FEN side to move: must be 'w' or 'b'";
    case CHESS_FEN_NOT_TO_MOVE_IN_CHECK:
        return "FEN side to move: the side not to move is in check";
    case CHESS_FEN_TOO_MANY_CHECKERS:
        return "FEN side to move: in check by more than two pieces";
    case CHESS_FEN_CASTLING_SYNTAX:
        return "FEN castling: must be '-' or each of K, Q, k, q at most once";
    case CHESS_FEN_CASTLING_PIECES:
        return "FEN castling: a right without its king and rook on their home squares";
    case CHESS_FEN_EP_SYNTAX:
        return "FEN en passant: must be '-' or a square on rank 3 or 6";
    case CHESS_FEN_EP_IMPOSSIBLE:
        return "FEN en passant: no double pawn push of the side not to move made this square";
    case CHESS_FEN_HALFMOVE:
        return "FEN half-move clock: must be a number 0-65535, and 0 after a double pawn push";
    case CHESS_FEN_FULLMOVE:
        return "FEN full-move number: must be a number 1-999999";
    }
    return "FEN: unknown error";
}

static int piece_of_char(char ch)
{
    static const char letters[] = "PNBRQK";
    for (int i = 0; i < 6; i++) {
        if (ch == letters[i])
            return CHESS_PIECE(CHESS_WHITE, i + 1);
        if (ch == letters[i] + ('a' - 'A'))
            return CHESS_PIECE(CHESS_BLACK, i + 1);
    }
    return 0;
}

/* Splits s into at most max whitespace-separated fields; returns the count
 * (max + 1 if there are more). Field i is s[start[i]] .. + len[i]. */
static int split_fields(const char *s, size_t *start, size_t *len, int max)
{
    int n = 0;
    size_t i = 0;
    for (;;) {
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            i++;
        if (!s[i])
            return n;
        if (n == max)
            return max + 1;
        start[n] = i;
        while (s[i] && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            i++;
        len[n] = i - start[n];
        n++;
    }
}

static chess_fen_error parse_placement(chess_position *pos, const char *s, size_t len)
{
    int rank = 7, file = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == '/') {
            if (file != 8)
                return CHESS_FEN_PLACEMENT_FILES;
            if (--rank < 0)
                return CHESS_FEN_PLACEMENT_RANKS;
            file = 0;
        } else if (ch >= '1' && ch <= '8') {
            file += ch - '0';
            if (file > 8)
                return CHESS_FEN_PLACEMENT_FILES;
        } else {
            int pc = piece_of_char(ch);
            if (!pc)
                return CHESS_FEN_PLACEMENT_CHAR;
            if (file >= 8)
                return CHESS_FEN_PLACEMENT_FILES;
            chess_position_put(pos, rank * 8 + file, pc);
            file++;
        }
    }
    if (rank != 0)
        return CHESS_FEN_PLACEMENT_RANKS;
    if (file != 8)
        return CHESS_FEN_PLACEMENT_FILES;
    return CHESS_FEN_OK;
}

static chess_fen_error check_material(const chess_position *pos)
{
    const uint64_t *t = pos->by_type;
    for (int c = 0; c < 2; c++) {
        uint64_t own = pos->by_color[c];
        if (chess_popcount(t[CHESS_KING] & own) != 1)
            return CHESS_FEN_KINGS;
    }
    if (t[CHESS_PAWN] & (CHESS_RANK_1 | CHESS_RANK_8))
        return CHESS_FEN_PAWN_RANK;
    for (int c = 0; c < 2; c++) {
        uint64_t own = pos->by_color[c];
        int pawns = chess_popcount(t[CHESS_PAWN] & own);
        static const int start_count[7] = {0, 8, 2, 2, 2, 1, 1};
        int promoted = 0;
        for (int ty = CHESS_KNIGHT; ty <= CHESS_QUEEN; ty++) {
            int extra = chess_popcount(t[ty] & own) - start_count[ty];
            promoted += extra > 0 ? extra : 0;
        }
        if (chess_popcount(own) > 16 || pawns > 8 || promoted > 8 - pawns)
            return CHESS_FEN_TOO_MANY;
    }
    return CHESS_FEN_OK;
}

static chess_fen_error parse_castling(chess_position *pos, const char *s, size_t len)
{
    static const char letters[] = "KQkq";
    static const int king_sq[4] = {4, 4, 60, 60}, rook_sq[4] = {7, 0, 63, 56};
    if (len == 1 && s[0] == '-')
        return CHESS_FEN_OK;
    if (len == 0 || len > 4)
        return CHESS_FEN_CASTLING_SYNTAX;
    for (size_t i = 0; i < len; i++) {
        const char *p = strchr(letters, s[i]);
        if (!p || !s[i])
            return CHESS_FEN_CASTLING_SYNTAX;
        int r = (int)(p - letters), c = r / 2;
        if (pos->castling & (1 << r))
            return CHESS_FEN_CASTLING_SYNTAX;
        if (pos->board[king_sq[r]] != CHESS_PIECE(c, CHESS_KING) ||
            pos->board[rook_sq[r]] != CHESS_PIECE(c, CHESS_ROOK))
            return CHESS_FEN_CASTLING_PIECES;
        pos->castling |= (uint8_t)(1 << r);
    }
    return CHESS_FEN_OK;
}

static chess_fen_error parse_ep(chess_position *pos, const char *s, size_t len)
{
    if (len == 1 && s[0] == '-')
        return CHESS_FEN_OK;
    if (len != 2 || s[0] < 'a' || s[0] > 'h' || (s[1] != '3' && s[1] != '6'))
        return CHESS_FEN_EP_SYNTAX;
    int sq = (s[1] - '1') * 8 + (s[0] - 'a');
    int them = pos->side ^ 1;
    /* White to move: black just played x7-x5 past sq on rank 6. */
    int expected_rank = pos->side == CHESS_WHITE ? 5 : 2;
    int pawn_sq = pos->side == CHESS_WHITE ? sq - 8 : sq + 8;
    int origin = pos->side == CHESS_WHITE ? sq + 8 : sq - 8;
    if (sq / 8 != expected_rank || pos->board[pawn_sq] != CHESS_PIECE(them, CHESS_PAWN) ||
        pos->board[sq] || pos->board[origin])
        return CHESS_FEN_EP_IMPOSSIBLE;
    pos->ep = (uint8_t)sq;
    return CHESS_FEN_OK;
}

/* Reads a decimal number in lo..hi; -1 if it is none. */
static long parse_number(const char *s, size_t len, long lo, long hi)
{
    long v = 0;
    if (len == 0 || len > 7)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v < lo || v > hi ? -1 : v;
}

chess_fen_error chess_fen_parse(chess_position *pos, const char *fen)
{
    size_t start[6], len[6];
    chess_fen_error err;
    int n = fen ? split_fields(fen, start, len, 6) : 0;
    if (n != 4 && n != 6)
        return CHESS_FEN_FIELDS;

    chess_position_clear(pos);
    if ((err = parse_placement(pos, fen + start[0], len[0])) != CHESS_FEN_OK)
        return err;
    if ((err = check_material(pos)) != CHESS_FEN_OK)
        return err;

    const char *side = fen + start[1];
    if (len[1] != 1 || (side[0] != 'w' && side[0] != 'b'))
        return CHESS_FEN_SIDE;
    pos->side = side[0] == 'w' ? CHESS_WHITE : CHESS_BLACK;
    int their_king = chess_king_square(pos, pos->side ^ 1);
    if (chess_attackers_to(pos, their_king, pos->by_type[0]) & pos->by_color[pos->side])
        return CHESS_FEN_NOT_TO_MOVE_IN_CHECK;
    if (chess_popcount(chess_checkers(pos)) > 2)
        return CHESS_FEN_TOO_MANY_CHECKERS;

    if ((err = parse_castling(pos, fen + start[2], len[2])) != CHESS_FEN_OK)
        return err;
    if ((err = parse_ep(pos, fen + start[3], len[3])) != CHESS_FEN_OK)
        return err;

    if (n == 6) {
        long half = parse_number(fen + start[4], len[4], 0, 65535);
        if (half < 0 || (half != 0 && pos->ep != CHESS_NO_SQUARE))
            return CHESS_FEN_HALFMOVE;
        long full = parse_number(fen + start[5], len[5], 1, 999999);
        if (full < 0)
            return CHESS_FEN_FULLMOVE;
        pos->halfmove = (uint16_t)half;
        pos->fullmove = (uint32_t)full;
    }
    pos->key = chess_position_compute_key(pos);
    return CHESS_FEN_OK;
}

int chess_fen_write(const chess_position *pos, char *buf, size_t cap)
{
    static const char letters[] = " PNBRQK  pnbrqk";
    char tmp[CHESS_FEN_MAX + 16];
    size_t n = 0;
    for (int rank = 7; rank >= 0; rank--) {
        int empty = 0;
        for (int file = 0; file < 8; file++) {
            int pc = pos->board[rank * 8 + file];
            if (!pc) {
                empty++;
                continue;
            }
            if (empty)
                tmp[n++] = (char)('0' + empty);
            empty = 0;
            tmp[n++] = letters[pc];
        }
        if (empty)
            tmp[n++] = (char)('0' + empty);
        if (rank)
            tmp[n++] = '/';
    }
    tmp[n++] = ' ';
    tmp[n++] = pos->side == CHESS_WHITE ? 'w' : 'b';
    tmp[n++] = ' ';
    if (!pos->castling)
        tmp[n++] = '-';
    for (int r = 0; r < 4; r++)
        if (pos->castling & (1 << r))
            tmp[n++] = "KQkq"[r];
    tmp[n++] = ' ';
    if (pos->ep == CHESS_NO_SQUARE) {
        tmp[n++] = '-';
    } else {
        tmp[n++] = (char)('a' + pos->ep % 8);
        tmp[n++] = (char)('1' + pos->ep / 8);
    }
    tmp[n++] = ' ';
    /* Clocks: at most 5 and 6 digits (the parser's limits; make keeps
     * the half-move clock within 65535 and games end long before). */
    char digits[12];
    unsigned long vals[2] = {pos->halfmove, pos->fullmove};
    for (int v = 0; v < 2; v++) {
        int d = 0;
        unsigned long x = vals[v];
        do {
            digits[d++] = (char)('0' + x % 10);
            x /= 10;
        } while (x && d < 11);
        while (d)
            tmp[n++] = digits[--d];
        if (v == 0)
            tmp[n++] = ' ';
    }
    if (n + 1 > cap)
        return -1;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return (int)n;
}
