/* chess_position.c: setting up a position, make and unmake, attack queries. */
#include <string.h>

#include "chess.h"
#include "chess_bits.h"
#include "chess_tables.h"

/* Castling rights kept when a move leaves from or arrives on each square:
 * a king or rook leaving home, or a rook captured at home, loses its right. */
#define KEEP_ALL 0xF, 0xF, 0xF, 0xF, 0xF, 0xF, 0xF, 0xF
static const uint8_t castle_keep[64] = {
    0xF & ~CHESS_CASTLE_WQ,
    0xF,
    0xF,
    0xF,
    0xF & ~(CHESS_CASTLE_WK | CHESS_CASTLE_WQ),
    0xF,
    0xF,
    0xF & ~CHESS_CASTLE_WK,
    KEEP_ALL,
    KEEP_ALL,
    KEEP_ALL,
    KEEP_ALL,
    KEEP_ALL,
    KEEP_ALL,
    0xF & ~CHESS_CASTLE_BQ,
    0xF,
    0xF,
    0xF,
    0xF & ~(CHESS_CASTLE_BK | CHESS_CASTLE_BQ),
    0xF,
    0xF,
    0xF & ~CHESS_CASTLE_BK,
};

void chess_position_clear(chess_position *pos)
{
    memset(pos, 0, sizeof *pos);
    pos->ep = CHESS_NO_SQUARE;
    pos->fullmove = 1;
}

void chess_position_put(chess_position *pos, int sq, int piece)
{
    uint64_t b = CHESS_BB(sq);
    pos->board[sq] = (uint8_t)piece;
    pos->by_type[0] |= b;
    pos->by_type[CHESS_PIECE_TYPE(piece)] |= b;
    pos->by_color[CHESS_PIECE_COLOR(piece)] |= b;
    pos->key ^= chess_zobrist_pieces[piece][sq];
}

void chess_position_start(chess_position *pos)
{
    static const uint8_t back[8] = {CHESS_ROOK, CHESS_KNIGHT, CHESS_BISHOP, CHESS_QUEEN,
                                    CHESS_KING, CHESS_BISHOP, CHESS_KNIGHT, CHESS_ROOK};
    chess_position_clear(pos);
    for (int f = 0; f < 8; f++) {
        chess_position_put(pos, f, CHESS_PIECE(CHESS_WHITE, back[f]));
        chess_position_put(pos, 8 + f, CHESS_PIECE(CHESS_WHITE, CHESS_PAWN));
        chess_position_put(pos, 48 + f, CHESS_PIECE(CHESS_BLACK, CHESS_PAWN));
        chess_position_put(pos, 56 + f, CHESS_PIECE(CHESS_BLACK, back[f]));
    }
    pos->castling = 0xF;
    pos->key = chess_position_compute_key(pos);
}

uint64_t chess_position_compute_key(const chess_position *pos)
{
    uint64_t k = 0;
    for (int sq = 0; sq < 64; sq++)
        if (pos->board[sq])
            k ^= chess_zobrist_pieces[pos->board[sq]][sq];
    k ^= chess_zobrist_castling[pos->castling & 0xF];
    if (pos->side == CHESS_BLACK)
        k ^= chess_zobrist_side;
    return k;
}

static inline void add_piece(chess_position *pos, int sq, int pc)
{
    uint64_t b = CHESS_BB(sq);
    pos->board[sq] = (uint8_t)pc;
    pos->by_type[0] |= b;
    pos->by_type[pc & 7] |= b;
    pos->by_color[pc >> 3] |= b;
}

static inline void remove_piece(chess_position *pos, int sq, int pc)
{
    uint64_t b = CHESS_BB(sq);
    pos->board[sq] = 0;
    pos->by_type[0] ^= b;
    pos->by_type[pc & 7] ^= b;
    pos->by_color[pc >> 3] ^= b;
}

static inline void move_piece(chess_position *pos, int from, int to, int pc)
{
    uint64_t b = CHESS_BB(from) | CHESS_BB(to);
    pos->board[from] = 0;
    pos->board[to] = (uint8_t)pc;
    pos->by_type[0] ^= b;
    pos->by_type[pc & 7] ^= b;
    pos->by_color[pc >> 3] ^= b;
}

/* Rook squares of a castling move by the king's destination. */
static inline void castle_rook(int king_to, int *rook_from, int *rook_to)
{
    int kingside = (king_to & 7) == 6;
    *rook_from = kingside ? king_to + 1 : king_to - 2;
    *rook_to = kingside ? king_to - 1 : king_to + 1;
}

void chess_make(chess_position *pos, chess_move m, chess_undo *undo)
{
    int from = chess_move_from(m), to = chess_move_to(m), kind = chess_move_kind(m);
    int us = pos->side;
    int pc = pos->board[from];
    uint64_t key = pos->key;

    undo->key = key;
    undo->halfmove = pos->halfmove;
    undo->castling = pos->castling;
    undo->ep = pos->ep;
    undo->captured = 0;

    pos->halfmove++;
    pos->ep = CHESS_NO_SQUARE;

    if (kind == CHESS_MOVE_CASTLING) {
        int rf, rt, rook = CHESS_PIECE(us, CHESS_ROOK);
        castle_rook(to, &rf, &rt);
        move_piece(pos, from, to, pc);
        move_piece(pos, rf, rt, rook);
        key ^= chess_zobrist_pieces[pc][from] ^ chess_zobrist_pieces[pc][to] ^
               chess_zobrist_pieces[rook][rf] ^ chess_zobrist_pieces[rook][rt];
    } else {
        int capsq = kind == CHESS_MOVE_EN_PASSANT ? to ^ 8 : to;
        int cap = pos->board[capsq];
        if (cap) {
            remove_piece(pos, capsq, cap);
            key ^= chess_zobrist_pieces[cap][capsq];
            undo->captured = (uint8_t)cap;
            pos->halfmove = 0;
        }
        move_piece(pos, from, to, pc);
        key ^= chess_zobrist_pieces[pc][from] ^ chess_zobrist_pieces[pc][to];
        if ((pc & 7) == CHESS_PAWN) {
            pos->halfmove = 0;
            if ((from ^ to) == 16)
                pos->ep = (uint8_t)((from + to) / 2);
            else if (kind == CHESS_MOVE_PROMOTION) {
                int np = CHESS_PIECE(us, chess_move_promotion(m));
                remove_piece(pos, to, pc);
                add_piece(pos, to, np);
                key ^= chess_zobrist_pieces[pc][to] ^ chess_zobrist_pieces[np][to];
            }
        }
    }
    int rights = pos->castling & castle_keep[from] & castle_keep[to];
    key ^= chess_zobrist_castling[pos->castling] ^ chess_zobrist_castling[rights];
    pos->castling = (uint8_t)rights;
    pos->fullmove += (uint32_t)us;
    pos->side = (uint8_t)(us ^ 1);
    pos->key = key ^ chess_zobrist_side;
}

void chess_unmake(chess_position *pos, chess_move m, const chess_undo *undo)
{
    int from = chess_move_from(m), to = chess_move_to(m), kind = chess_move_kind(m);
    int us = pos->side ^ 1;
    int pc = pos->board[to];

    pos->side = (uint8_t)us;
    pos->fullmove -= (uint32_t)us;
    if (kind == CHESS_MOVE_CASTLING) {
        int rf, rt;
        castle_rook(to, &rf, &rt);
        move_piece(pos, to, from, pc);
        move_piece(pos, rt, rf, CHESS_PIECE(us, CHESS_ROOK));
    } else {
        if (kind == CHESS_MOVE_PROMOTION) {
            remove_piece(pos, to, pc);
            pc = CHESS_PIECE(us, CHESS_PAWN);
            add_piece(pos, to, pc);
        }
        move_piece(pos, to, from, pc);
        if (undo->captured)
            add_piece(pos, kind == CHESS_MOVE_EN_PASSANT ? to ^ 8 : to, undo->captured);
    }
    pos->key = undo->key;
    pos->halfmove = undo->halfmove;
    pos->castling = undo->castling;
    pos->ep = undo->ep;
}

uint64_t chess_attackers_to(const chess_position *pos, int sq, uint64_t occ)
{
    const uint64_t *t = pos->by_type;
    return (chess_pawn_attacks[CHESS_WHITE][sq] & t[CHESS_PAWN] & pos->by_color[CHESS_BLACK]) |
           (chess_pawn_attacks[CHESS_BLACK][sq] & t[CHESS_PAWN] & pos->by_color[CHESS_WHITE]) |
           (chess_knight_attacks[sq] & t[CHESS_KNIGHT]) | (chess_king_attacks[sq] & t[CHESS_KING]) |
           (chess_bishop_attacks(sq, occ) & (t[CHESS_BISHOP] | t[CHESS_QUEEN])) |
           (chess_rook_attacks(sq, occ) & (t[CHESS_ROOK] | t[CHESS_QUEEN]));
}

int chess_king_square(const chess_position *pos, int c)
{
    uint64_t k = pos->by_type[CHESS_KING] & pos->by_color[c];
    return k ? chess_lsb(k) : CHESS_NO_SQUARE;
}

uint64_t chess_checkers(const chess_position *pos)
{
    int ksq = chess_king_square(pos, pos->side);
    if (ksq == CHESS_NO_SQUARE)
        return 0;
    return chess_attackers_to(pos, ksq, pos->by_type[0]) & pos->by_color[pos->side ^ 1];
}

int chess_in_check(const chess_position *pos)
{
    return chess_checkers(pos) != 0;
}
