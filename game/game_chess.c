/* game_chess.c: chess through the game-agnostic game_ops interface. */
#include <stdlib.h>
#include <string.h>

#include "game_chess.h"
#include "chess_notation.h"
#include "grow.h"
#include "pgn.h"

struct game {
    game_options opt;
    chess_position start, pos;
    size_t count, cap; /* plies played, room in the arrays */
    chess_move *moves; /* [cap] */
    chess_undo *undos; /* [cap] */
    uint64_t *keys;    /* [cap + 1]: repetition keys, keys[0] the start */
};

static game_error chess_normalize_options(game_options *opt)
{
    if (opt->kind != GAME_KIND_CHESS || opt->rule != 0)
        return GAME_ERR_OPTIONS;
    if (opt->width == 0 && opt->height == 0)
        opt->width = opt->height = 8;
    return opt->width == 8 && opt->height == 8 ? GAME_OK : GAME_ERR_OPTIONS;
}

static game *new_game(const chess_position *start)
{
    game *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->opt.kind = GAME_KIND_CHESS;
    g->opt.width = g->opt.height = 8;
    g->cap = 64;
    g->moves = malloc(g->cap * sizeof *g->moves);
    g->undos = malloc(g->cap * sizeof *g->undos);
    g->keys = malloc((g->cap + 1) * sizeof *g->keys);
    if (!g->moves || !g->undos || !g->keys) {
        free(g->moves);
        free(g->undos);
        free(g->keys);
        free(g);
        return NULL;
    }
    g->start = g->pos = *start;
    g->keys[0] = chess_repetition_key(start);
    return g;
}

static game *chess_create(const game_options *opt)
{
    game_options o = *opt;
    chess_position start;
    if (chess_normalize_options(&o) != GAME_OK)
        return NULL;
    chess_position_start(&start);
    return new_game(&start);
}

game *game_chess_create_fen(const char *fen, chess_fen_error *err)
{
    chess_position start;
    chess_fen_error e = chess_fen_parse(&start, fen);
    if (err)
        *err = e;
    return e == CHESS_FEN_OK ? new_game(&start) : NULL;
}

static void chess_destroy(game *g)
{
    if (!g)
        return;
    free(g->moves);
    free(g->undos);
    free(g->keys);
    free(g);
}

static void chess_reset(game *g)
{
    g->pos = g->start;
    g->count = 0;
}

static const game_options *chess_options(const game *g)
{
    return &g->opt;
}

chess_status game_chess_status(const game *g)
{
    return chess_position_status(&g->pos, g->keys, g->count + 1);
}

static game_side side_of(int color)
{
    return color == CHESS_WHITE ? GAME_SIDE_P1 : GAME_SIDE_P2;
}

static game_result chess_result(const game *g)
{
    game_result r = {GAME_END_NONE, GAME_SIDE_NONE};
    switch (game_chess_status(g)) {
    case CHESS_STATUS_ONGOING:
        break;
    case CHESS_STATUS_CHECKMATE:
        r.reason = GAME_END_CHECKMATE;
        r.winner = side_of(g->pos.side ^ 1);
        break;
    case CHESS_STATUS_STALEMATE:
        r.reason = GAME_END_STALEMATE;
        break;
    case CHESS_STATUS_INSUFFICIENT:
        r.reason = GAME_END_INSUFFICIENT;
        break;
    case CHESS_STATUS_FIVEFOLD:
    case CHESS_STATUS_THREEFOLD:
        r.reason = GAME_END_THREEFOLD;
        break;
    case CHESS_STATUS_SEVENTYFIVE:
    case CHESS_STATUS_FIFTY:
        r.reason = GAME_END_FIFTY_MOVES;
        break;
    }
    return r;
}

static game_side chess_to_move(const game *g)
{
    return chess_result(g).reason == GAME_END_NONE ? side_of(g->pos.side) : GAME_SIDE_NONE;
}

static uint32_t chess_ply(const game *g)
{
    return (uint32_t)g->count;
}

void game_chess_move_to_game(chess_move m, game_move *out)
{
    int from = chess_move_from(m), to = chess_move_to(m), promo = chess_move_promotion(m);
    out->from_x = (uint8_t)(from % 8);
    out->from_y = (uint8_t)(from / 8);
    out->to_x = (uint8_t)(to % 8);
    out->to_y = (uint8_t)(to / 8);
    out->promotion = (uint8_t)(promo ? promo - CHESS_KNIGHT + GAME_PROMO_KNIGHT : GAME_PROMO_NONE);
}

/* The legal move m names in the current position, or why there is none. */
static game_move_error find_move(const game *g, const game_move *m, chess_move *out)
{
    if (m->from_x == GAME_NO_SQUARE || m->from_y == GAME_NO_SQUARE)
        return GAME_MOVE_MALFORMED;
    if (m->from_x > 7 || m->from_y > 7 || m->to_x > 7 || m->to_y > 7)
        return GAME_MOVE_OFF_BOARD;
    if (m->promotion > GAME_PROMO_QUEEN)
        return GAME_MOVE_BAD_PROMOTION;
    int from = m->from_y * 8 + m->from_x, to = m->to_y * 8 + m->to_x;
    chess_move moves[CHESS_MAX_MOVES];
    size_t n = chess_legal_moves(&g->pos, moves);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (chess_move_from(moves[i]) != from || chess_move_to(moves[i]) != to)
            continue;
        int promo = chess_move_promotion(moves[i]);
        found = 1;
        if (promo == (m->promotion ? m->promotion - GAME_PROMO_KNIGHT + CHESS_KNIGHT : 0)) {
            *out = moves[i];
            return GAME_MOVE_OK;
        }
    }
    return found ? GAME_MOVE_BAD_PROMOTION : GAME_MOVE_ILLEGAL;
}

static game_move_error chess_check_move(const game *g, game_side side, const game_move *m)
{
    chess_move cm;
    if (chess_result(g).reason != GAME_END_NONE)
        return GAME_MOVE_GAME_OVER;
    if (side != side_of(g->pos.side))
        return GAME_MOVE_NOT_YOUR_TURN;
    return find_move(g, m, &cm);
}

static int grow(game *g)
{
    size_t cap = g->cap * 2;
    if (cap < g->cap || mb_resize(&g->moves, cap, sizeof *g->moves) != 0 ||
        mb_resize(&g->undos, cap, sizeof *g->undos) != 0 ||
        mb_resize(&g->keys, cap + 1, sizeof *g->keys) != 0)
        return -1;
    g->cap = cap;
    return 0;
}

static game_move_error chess_apply(game *g, const game_move *m)
{
    chess_move cm;
    game_move_error e = chess_check_move(g, side_of(g->pos.side), m);
    if (e != GAME_MOVE_OK)
        return e;
    find_move(g, m, &cm);
    if (g->count == g->cap && grow(g) != 0)
        return GAME_MOVE_ILLEGAL; /* out of memory: the move is refused, nothing lost */
    chess_make(&g->pos, cm, &g->undos[g->count]);
    g->moves[g->count++] = cm;
    g->keys[g->count] = chess_repetition_key(&g->pos);
    return GAME_MOVE_OK;
}

static game_error chess_undo_move(game *g)
{
    if (g->count == 0)
        return GAME_ERR_NOTHING;
    g->count--;
    chess_unmake(&g->pos, g->moves[g->count], &g->undos[g->count]);
    return GAME_OK;
}

static size_t chess_legal(const game *g, game_move *out, size_t cap)
{
    chess_move moves[CHESS_MAX_MOVES];
    size_t n = chess_legal_moves(&g->pos, moves);
    for (size_t i = 0; i < n && i < cap; i++)
        game_chess_move_to_game(moves[i], &out[i]);
    return n;
}

static int chess_history(const game *g, uint32_t idx, game_move *out)
{
    if (idx >= g->count)
        return 0;
    game_chess_move_to_game(g->moves[idx], out);
    return 1;
}

static int chess_move_to_text(const game *g, const game_move *m, char *buf, size_t cap)
{
    chess_move cm;
    char san[CHESS_MOVE_TEXT_MAX];
    if (find_move(g, m, &cm) != GAME_MOVE_OK)
        return GAME_ERR_ILLEGAL;
    int n = chess_move_to_san(&g->pos, cm, san);
    if ((size_t)n + 1 > cap)
        return GAME_ERR_BUFFER;
    memcpy(buf, san, (size_t)n + 1);
    return n;
}

static game_error chess_move_from_text_op(const game *g, const char *text, game_move *out)
{
    chess_move cm;
    if (chess_move_from_text(&g->pos, text, &cm) != CHESS_NOTATION_OK)
        return GAME_ERR_PARSE;
    game_chess_move_to_game(cm, out);
    return GAME_OK;
}

char game_chess_piece_at(const game *g, int x, int y)
{
    if (x < 0 || x > 7 || y < 0 || y > 7)
        return 0;
    int pc = g->pos.board[y * 8 + x];
    return pc ? " PNBRQK  pnbrqk"[pc] : 0;
}

int game_chess_check_square(const game *g, int *x, int *y)
{
    if (!chess_in_check(&g->pos))
        return 0;
    int k = chess_king_square(&g->pos, g->pos.side);
    *x = k % 8;
    *y = k / 8;
    return 1;
}

int game_chess_fen(const game *g, char *buf, size_t cap)
{
    return chess_fen_write(&g->pos, buf, cap);
}

int game_chess_start_fen(const game *g, char *buf, size_t cap)
{
    return chess_fen_write(&g->start, buf, cap);
}

const chess_position *game_chess_position(const game *g)
{
    return &g->pos;
}

const chess_position *game_chess_start_position(const game *g)
{
    return &g->start;
}

chess_move game_chess_history_move(const game *g, uint32_t idx)
{
    return idx < g->count ? g->moves[idx] : CHESS_MOVE_NONE;
}

const game_ops game_chess_ops = {
    .name = "chess",
    .kind = GAME_KIND_CHESS,
    .record_extension = "pgn",
    .side_names = {"white", "black"},
    .normalize_options = chess_normalize_options,
    .create = chess_create,
    .destroy = chess_destroy,
    .reset = chess_reset,
    .options = chess_options,
    .to_move = chess_to_move,
    .ply = chess_ply,
    .check_move = chess_check_move,
    .apply = chess_apply,
    .undo = chess_undo_move,
    .result = chess_result,
    .legal_moves = chess_legal,
    .history = chess_history,
    .move_to_text = chess_move_to_text,
    .move_from_text = chess_move_from_text_op,
    .write_record = pgn_write,
};
