/* game_gomoku.c: Gomoku behind the game-agnostic game_ops table. */
#include "game_gomoku.h"

#include <stdlib.h>
#include <string.h>

struct game {
    game_options opt;
    gomoku rules;
};

static game_error gomoku_normalize(game_options *opt)
{
    if (opt->kind != GAME_KIND_GOMOKU || opt->rule > GAME_RULE_RENJU)
        return GAME_ERR_OPTIONS;
    if (opt->width == 0 && opt->height == 0)
        opt->width = opt->height = GOMOKU_DEFAULT_SIZE;
    else if (opt->width == 0)
        opt->width = opt->height;
    else if (opt->height == 0)
        opt->height = opt->width;
    if (opt->width != opt->height || opt->width < GOMOKU_MIN_SIZE || opt->width > GOMOKU_MAX_SIZE)
        return GAME_ERR_OPTIONS;
    return GAME_OK;
}

static game *gomoku_create(const game_options *opt)
{
    game_options o = *opt;
    game *g;
    if (gomoku_normalize(&o) != GAME_OK)
        return NULL;
    g = malloc(sizeof *g);
    if (!g)
        return NULL;
    g->opt = o;
    gomoku_init(&g->rules, o.width, (gomoku_rule)o.rule);
    return g;
}

static void gomoku_destroy(game *g)
{
    free(g);
}

static void gomoku_reset_game(game *g)
{
    gomoku_reset(&g->rules);
}

static const game_options *gomoku_options(const game *g)
{
    return &g->opt;
}

static game_side side_of(gomoku_stone s)
{
    return s == GOMOKU_BLACK ? GAME_SIDE_P1 : s == GOMOKU_WHITE ? GAME_SIDE_P2 : GAME_SIDE_NONE;
}

static game_side gomoku_side_to_move(const game *g)
{
    return side_of(gomoku_to_move(&g->rules));
}

static uint32_t gomoku_ply(const game *g)
{
    return (uint32_t)gomoku_move_count(&g->rules);
}

static game_move_error move_error(gomoku_verdict v)
{
    switch (v) {
    case GOMOKU_OK:
        return GAME_MOVE_OK;
    case GOMOKU_OFF_BOARD:
        return GAME_MOVE_OFF_BOARD;
    case GOMOKU_OCCUPIED:
        return GAME_MOVE_OCCUPIED;
    case GOMOKU_NOT_YOUR_TURN:
        return GAME_MOVE_NOT_YOUR_TURN;
    case GOMOKU_GAME_OVER:
        return GAME_MOVE_GAME_OVER;
    case GOMOKU_DOUBLE_THREE:
        return GAME_MOVE_FORBIDDEN_DOUBLE_THREE;
    case GOMOKU_DOUBLE_FOUR:
        return GAME_MOVE_FORBIDDEN_DOUBLE_FOUR;
    case GOMOKU_OVERLINE:
        return GAME_MOVE_FORBIDDEN_OVERLINE;
    }
    return GAME_MOVE_ILLEGAL;
}

static game_move_error gomoku_check_move(const game *g, game_side side, const game_move *m)
{
    gomoku_stone colour = side == GAME_SIDE_P1   ? GOMOKU_BLACK
                          : side == GAME_SIDE_P2 ? GOMOKU_WHITE
                                                 : GOMOKU_EMPTY;
    if (m->from_x != GAME_NO_SQUARE || m->from_y != GAME_NO_SQUARE ||
        m->promotion != GAME_PROMO_NONE)
        return GAME_MOVE_MALFORMED;
    return move_error(gomoku_check(&g->rules, colour, m->to_x, m->to_y));
}

static game_move_error gomoku_apply(game *g, const game_move *m)
{
    game_move_error e = gomoku_check_move(g, gomoku_side_to_move(g), m);
    if (e != GAME_MOVE_OK)
        return e;
    return move_error(gomoku_play(&g->rules, m->to_x, m->to_y));
}

static game_error gomoku_undo_move(game *g)
{
    return gomoku_undo(&g->rules) == 0 ? GAME_OK : GAME_ERR_NOTHING;
}

static game_result gomoku_result(const game *g)
{
    game_result r = {GAME_END_NONE, GAME_SIDE_NONE};
    switch (gomoku_get_status(&g->rules)) {
    case GOMOKU_BLACK_WON:
    case GOMOKU_WHITE_WON:
        r.reason = GAME_END_FIVE;
        r.winner = gomoku_get_status(&g->rules) == GOMOKU_BLACK_WON ? GAME_SIDE_P1 : GAME_SIDE_P2;
        break;
    case GOMOKU_DRAW:
        r.reason = GAME_END_BOARD_FULL; /* also: Renju black with no allowed point */
        break;
    case GOMOKU_PLAYING:
        break;
    }
    return r;
}

static game_move stone_move(int x, int y)
{
    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, GAME_PROMO_NONE};
    return m;
}

static size_t gomoku_legal_moves(const game *g, game_move *out, size_t cap)
{
    gomoku_stone side = gomoku_to_move(&g->rules);
    int size = gomoku_size(&g->rules);
    size_t n = 0;
    if (side == GOMOKU_EMPTY)
        return 0;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
            if (gomoku_judge(&g->rules, side, x, y) == GOMOKU_OK) {
                if (n < cap)
                    out[n] = stone_move(x, y);
                n++;
            }
    return n;
}

static int gomoku_history(const game *g, uint32_t idx, game_move *out)
{
    gomoku_point pt;
    if (idx > (uint32_t)GOMOKU_MAX_POINTS || gomoku_move_at(&g->rules, (int)idx, &pt) != 0)
        return 0;
    *out = stone_move(pt.x, pt.y);
    return 1;
}

static int gomoku_move_to_text(const game *g, const game_move *m, char *buf, size_t cap)
{
    char text[8];
    int n;
    if (m->from_x != GAME_NO_SQUARE || m->from_y != GAME_NO_SQUARE ||
        m->to_x >= gomoku_size(&g->rules) || m->to_y >= gomoku_size(&g->rules))
        return GAME_ERR_ILLEGAL;
    n = gomoku_point_to_text(m->to_x, m->to_y, text, sizeof text);
    if ((size_t)n >= cap)
        return GAME_ERR_BUFFER;
    memcpy(buf, text, (size_t)n + 1);
    return n;
}

static game_error gomoku_move_from_text(const game *g, const char *text, game_move *out)
{
    int x, y;
    game_move m;
    if (!text || gomoku_point_from_text(text, &x, &y) != 0 || x < 0 || y < 0 ||
        x >= gomoku_size(&g->rules) || y >= gomoku_size(&g->rules))
        return GAME_ERR_PARSE;
    m = stone_move(x, y);
    if (gomoku_check_move(g, gomoku_side_to_move(g), &m) != GAME_MOVE_OK)
        return GAME_ERR_PARSE;
    *out = m;
    return GAME_OK;
}

static int gomoku_write_record(const game *g, const game_record_info *info, game_result final,
                               char *buf, size_t cap)
{
    return sgf_write(&g->rules, info, final, buf, cap);
}

const game_ops game_gomoku_ops = {
    .name = "gomoku",
    .kind = GAME_KIND_GOMOKU,
    .record_extension = "sgf",
    .side_names = {"black", "white"},
    .normalize_options = gomoku_normalize,
    .create = gomoku_create,
    .destroy = gomoku_destroy,
    .reset = gomoku_reset_game,
    .options = gomoku_options,
    .to_move = gomoku_side_to_move,
    .ply = gomoku_ply,
    .check_move = gomoku_check_move,
    .apply = gomoku_apply,
    .undo = gomoku_undo_move,
    .result = gomoku_result,
    .legal_moves = gomoku_legal_moves,
    .history = gomoku_history,
    .move_to_text = gomoku_move_to_text,
    .move_from_text = gomoku_move_from_text,
    .write_record = gomoku_write_record,
};

gomoku *game_gomoku_engine_rw(game *g)
{
    return &g->rules;
}

const gomoku *game_gomoku_engine(const game *g)
{
    return &g->rules;
}

gomoku_stone game_gomoku_at(const game *g, int x, int y)
{
    return gomoku_at(&g->rules, x, y);
}

size_t game_gomoku_win_stones(const game *g, gomoku_point *out, size_t cap)
{
    return gomoku_win_stones(&g->rules, out, cap);
}

size_t game_gomoku_forbidden_points(const game *g, gomoku_point *out, size_t cap)
{
    return gomoku_forbidden_points(&g->rules, out, cap);
}

sgf_error game_gomoku_load_sgf(game *g, const char *text, size_t len, sgf_record *rec)
{
    sgf_record local;
    /* cppcheck-suppress uninitvar ; sgf_read writes *r, it does not read it */
    sgf_record *r = rec ? rec : &local;
    sgf_error e = sgf_read(text, len, r);
    if (e == SGF_OK) {
        g->rules = r->game;
        g->opt.rule = (uint8_t)gomoku_get_rule(&r->game);
        g->opt.width = g->opt.height = (uint8_t)gomoku_size(&r->game);
    }
    return e;
}
