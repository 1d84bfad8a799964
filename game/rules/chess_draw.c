/* chess_draw.c: checkmate, stalemate, dead positions, repetition and the
 * move-count rules. */
#include "chess_draw.h"
#include "chess_bits.h"
#include "chess_tables.h"

const char *chess_status_str(chess_status s)
{
    switch (s) {
    case CHESS_STATUS_ONGOING:
        return "in progress";
    case CHESS_STATUS_CHECKMATE:
        return "checkmate";
    case CHESS_STATUS_STALEMATE:
        return "stalemate";
    case CHESS_STATUS_INSUFFICIENT:
        return "draw by insufficient material";
    case CHESS_STATUS_FIVEFOLD:
        return "draw by fivefold repetition";
    case CHESS_STATUS_SEVENTYFIVE:
        return "draw by seventy-five-move rule";
    case CHESS_STATUS_THREEFOLD:
        return "draw by threefold repetition";
    case CHESS_STATUS_FIFTY:
        return "draw by fifty-move rule";
    }
    return "unknown status";
}

int chess_insufficient_material(const chess_position *pos)
{
    const uint64_t *t = pos->by_type;
    if (t[CHESS_PAWN] | t[CHESS_ROOK] | t[CHESS_QUEEN])
        return 0;
    uint64_t minors = t[CHESS_KNIGHT] | t[CHESS_BISHOP];
    if (chess_popcount(minors) <= 1)
        return 1;
    if (t[CHESS_KNIGHT])
        return 0;
    uint64_t b = t[CHESS_BISHOP];
    return (b & CHESS_DARK_SQUARES) == 0 || (b & ~CHESS_DARK_SQUARES) == 0;
}

uint64_t chess_repetition_key(const chess_position *pos)
{
    if (pos->ep == CHESS_NO_SQUARE)
        return pos->key;
    uint64_t pawns = pos->by_type[CHESS_PAWN] & pos->by_color[pos->side];
    if (!(chess_pawn_attacks[pos->side ^ 1][pos->ep] & pawns))
        return pos->key;
    chess_move moves[CHESS_MAX_MOVES];
    size_t n = chess_legal_moves(pos, moves);
    for (size_t i = 0; i < n; i++)
        if (chess_move_kind(moves[i]) == CHESS_MOVE_EN_PASSANT)
            return pos->key ^ chess_zobrist_ep_file[pos->ep % 8];
    return pos->key;
}

int chess_repetition_count(const uint64_t *keys, size_t n, unsigned halfmove)
{
    if (n == 0)
        return 0;
    uint64_t k = keys[n - 1];
    size_t back = halfmove < n - 1 ? halfmove : n - 1;
    int count = 1;
    for (size_t i = 2; i <= back; i += 2)
        if (keys[n - 1 - i] == k)
            count++;
    return count;
}

chess_status chess_position_status(const chess_position *pos, const uint64_t *keys, size_t n)
{
    chess_move moves[CHESS_MAX_MOVES];
    if (chess_legal_moves(pos, moves) == 0)
        return chess_in_check(pos) ? CHESS_STATUS_CHECKMATE : CHESS_STATUS_STALEMATE;
    if (chess_insufficient_material(pos))
        return CHESS_STATUS_INSUFFICIENT;
    int reps = chess_repetition_count(keys, n, pos->halfmove);
    if (reps >= 5)
        return CHESS_STATUS_FIVEFOLD;
    if (pos->halfmove >= 150)
        return CHESS_STATUS_SEVENTYFIVE;
    if (reps >= 3)
        return CHESS_STATUS_THREEFOLD;
    if (pos->halfmove >= 100)
        return CHESS_STATUS_FIFTY;
    return CHESS_STATUS_ONGOING;
}
