/* chess_movegen.c: legal move generation (pins and check evasion) and perft. */
#include "chess.h"
#include "chess_bits.h"
#include "chess_tables.h"

/* Everything the generator derives once per position. */
typedef struct gen_ctx {
    const chess_position *pos;
    int us, them, ksq;
    uint64_t occ, own, enemy;
    uint64_t their_diag, their_orth; /* enemy bishops+queens, rooks+queens */
    uint64_t checkers, pinned;
    uint64_t target; /* squares a non-king move may go to */
} gen_ctx;

static inline uint64_t attacked_by_them(const gen_ctx *c, int sq, uint64_t occ)
{
    const uint64_t *t = c->pos->by_type;
    return (((chess_pawn_attacks[c->us][sq] & t[CHESS_PAWN]) |
             (chess_knight_attacks[sq] & t[CHESS_KNIGHT]) |
             (chess_king_attacks[sq] & t[CHESS_KING])) &
            c->enemy) |
           (chess_bishop_attacks(sq, occ) & c->their_diag) |
           (chess_rook_attacks(sq, occ) & c->their_orth);
}

static inline chess_move *add_targets(chess_move *list, int from, uint64_t targets)
{
    while (targets)
        *list++ = (chess_move)(from | chess_pop_lsb(&targets) << 6);
    return list;
}

static inline chess_move *add_promotions(chess_move *list, int from, int to)
{
    for (int p = CHESS_KNIGHT; p <= CHESS_QUEEN; p++)
        *list++ = chess_move_make(from, to, CHESS_MOVE_PROMOTION, p);
    return list;
}

/* Moves of pawns shifted by `delta` onto `to_set`. */
static inline chess_move *add_pawn_set(chess_move *list, uint64_t to_set, int delta, int promote)
{
    while (to_set) {
        int to = chess_pop_lsb(&to_set);
        if (promote)
            list = add_promotions(list, to - delta, to);
        else
            *list++ = (chess_move)((to - delta) | to << 6);
    }
    return list;
}

static chess_move *gen_pawns(const gen_ctx *c, chess_move *list)
{
    const int white = c->us == CHESS_WHITE;
    const int up = white ? 8 : -8;
    const uint64_t rank7 = white ? CHESS_RANK_7 : CHESS_RANK_2;
    const uint64_t rank3 = white ? CHESS_RANK_3 : CHESS_RANK_6;
    const uint64_t empty = ~c->occ, enemy = c->enemy & c->target, target = c->target;
    const uint64_t pawns = c->pos->by_type[CHESS_PAWN] & c->own;
    const uint64_t free_pawns = pawns & ~c->pinned;

    for (int promote = 0; promote <= 1; promote++) {
        uint64_t p = free_pawns & (promote ? rank7 : ~rank7);
        if (!p)
            continue;
        uint64_t single, left, right;
        if (white) {
            single = (p << 8) & empty;
            left = ((p & ~CHESS_FILE_A) << 7) & enemy;
            right = ((p & ~CHESS_FILE_H) << 9) & enemy;
        } else {
            single = (p >> 8) & empty;
            left = ((p & ~CHESS_FILE_A) >> 9) & enemy;
            right = ((p & ~CHESS_FILE_H) >> 7) & enemy;
        }
        if (!promote) {
            uint64_t dbl = single & rank3;
            dbl = (white ? dbl << 8 : dbl >> 8) & empty & target;
            list = add_pawn_set(list, dbl, 2 * up, 0);
        }
        list = add_pawn_set(list, single & target, up, promote);
        list = add_pawn_set(list, left, white ? 7 : -9, promote);
        list = add_pawn_set(list, right, white ? 9 : -7, promote);
    }

    /* Pinned pawns move only along the line through their king. */
    uint64_t pp = pawns & c->pinned;
    while (pp) {
        int from = chess_pop_lsb(&pp);
        uint64_t single = CHESS_BB(from + up) & empty;
        uint64_t dbl = (white ? (single & rank3) << 8 : (single & rank3) >> 8) & empty;
        uint64_t to_set = ((single | dbl) & target) | (chess_pawn_attacks[c->us][from] & enemy);
        to_set &= chess_line[c->ksq][from];
        while (to_set) {
            int to = chess_pop_lsb(&to_set);
            if (CHESS_BB(from) & rank7)
                list = add_promotions(list, from, to);
            else
                *list++ = (chess_move)(from | to << 6);
        }
    }

    /* En passant: test the position after the capture in full, which
     * covers pins along the rank and discovered checks. */
    int ep = c->pos->ep;
    if (ep != CHESS_NO_SQUARE) {
        int capsq = ep ^ 8;
        uint64_t cands = chess_pawn_attacks[c->them][ep] & pawns;
        uint64_t contact = c->checkers & ~(c->their_diag | c->their_orth) & ~CHESS_BB(capsq);
        while (cands && !contact) {
            int from = chess_pop_lsb(&cands);
            uint64_t occ = c->occ ^ CHESS_BB(from) ^ CHESS_BB(capsq) ^ CHESS_BB(ep);
            if (!(chess_rook_attacks(c->ksq, occ) & c->their_orth) &&
                !(chess_bishop_attacks(c->ksq, occ) & c->their_diag))
                *list++ = chess_move_make(from, ep, CHESS_MOVE_EN_PASSANT, 0);
        }
    }
    return list;
}

static chess_move *gen_castling(const gen_ctx *c, chess_move *list)
{
    int rights = c->pos->castling >> (2 * c->us);
    int base = c->us == CHESS_WHITE ? 0 : 56;
    if ((rights & 1) && !(c->occ & (CHESS_BB(base + 5) | CHESS_BB(base + 6))) &&
        !attacked_by_them(c, base + 5, c->occ) && !attacked_by_them(c, base + 6, c->occ))
        *list++ = chess_move_make(base + 4, base + 6, CHESS_MOVE_CASTLING, 0);
    if ((rights & 2) &&
        !(c->occ & (CHESS_BB(base + 1) | CHESS_BB(base + 2) | CHESS_BB(base + 3))) &&
        !attacked_by_them(c, base + 3, c->occ) && !attacked_by_them(c, base + 2, c->occ))
        *list++ = chess_move_make(base + 4, base + 2, CHESS_MOVE_CASTLING, 0);
    return list;
}

size_t chess_legal_moves(const chess_position *pos, chess_move *out)
{
    const uint64_t *t = pos->by_type;
    gen_ctx c;
    chess_move *list = out;

    c.pos = pos;
    c.us = pos->side;
    c.them = c.us ^ 1;
    c.occ = t[0];
    c.own = pos->by_color[c.us];
    c.enemy = pos->by_color[c.them];
    uint64_t kbb = t[CHESS_KING] & c.own;
    if (!kbb)
        return 0;
    c.ksq = chess_lsb(kbb);
    c.their_diag = (t[CHESS_BISHOP] | t[CHESS_QUEEN]) & c.enemy;
    c.their_orth = (t[CHESS_ROOK] | t[CHESS_QUEEN]) & c.enemy;
    c.checkers = attacked_by_them(&c, c.ksq, c.occ);

    /* King moves: the destination must be safe with the king off its square. */
    uint64_t occ_no_king = c.occ ^ kbb;
    uint64_t kt = chess_king_attacks[c.ksq] & ~c.own;
    while (kt) {
        int to = chess_pop_lsb(&kt);
        if (!attacked_by_them(&c, to, occ_no_king))
            *list++ = (chess_move)(c.ksq | to << 6);
    }
    if (c.checkers & (c.checkers - 1))
        return (size_t)(list - out); /* double check: only the king moves */

    c.target = c.checkers ? chess_between[c.ksq][chess_lsb(c.checkers)] | c.checkers : ~c.own;

    c.pinned = 0;
    uint64_t snipers = (chess_rook_attacks(c.ksq, c.enemy) & c.their_orth) |
                       (chess_bishop_attacks(c.ksq, c.enemy) & c.their_diag);
    while (snipers) {
        uint64_t b = chess_between[c.ksq][chess_pop_lsb(&snipers)] & c.occ;
        if (b && !(b & (b - 1)))
            c.pinned |= b & c.own;
    }

    uint64_t b = t[CHESS_KNIGHT] & c.own & ~c.pinned;
    while (b) {
        int from = chess_pop_lsb(&b);
        list = add_targets(list, from, chess_knight_attacks[from] & c.target);
    }
    b = (t[CHESS_BISHOP] | t[CHESS_QUEEN]) & c.own;
    while (b) {
        int from = chess_pop_lsb(&b);
        uint64_t a = chess_bishop_attacks(from, c.occ) & c.target;
        if (c.pinned & CHESS_BB(from))
            a &= chess_line[c.ksq][from];
        list = add_targets(list, from, a);
    }
    b = (t[CHESS_ROOK] | t[CHESS_QUEEN]) & c.own;
    while (b) {
        int from = chess_pop_lsb(&b);
        uint64_t a = chess_rook_attacks(from, c.occ) & c.target;
        if (c.pinned & CHESS_BB(from))
            a &= chess_line[c.ksq][from];
        list = add_targets(list, from, a);
    }
    list = gen_pawns(&c, list);
    if (!c.checkers && (pos->castling >> (2 * c.us)) & 3)
        list = gen_castling(&c, list);
    return (size_t)(list - out);
}

chess_move chess_find_move(const chess_position *pos, int from, int to, int promo)
{
    chess_move moves[CHESS_MAX_MOVES];
    size_t n = chess_legal_moves(pos, moves);
    for (size_t i = 0; i < n; i++)
        if (chess_move_from(moves[i]) == from && chess_move_to(moves[i]) == to &&
            chess_move_promotion(moves[i]) == promo)
            return moves[i];
    return CHESS_MOVE_NONE;
}

uint64_t chess_perft(chess_position *pos, int depth)
{
    chess_move moves[CHESS_MAX_MOVES];
    chess_undo u;
    if (depth <= 0)
        return 1;
    size_t n = chess_legal_moves(pos, moves);
    if (depth == 1)
        return n;
    uint64_t nodes = 0;
    for (size_t i = 0; i < n; i++) {
        chess_make(pos, moves[i], &u);
        nodes += chess_perft(pos, depth - 1);
        chess_unmake(pos, moves[i], &u);
    }
    return nodes;
}
