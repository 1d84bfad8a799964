/* fake_game.c: see fake_game.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_game.h"

#define SIDE 25

struct game {
    game_options opt;
    uint8_t board[SIDE][SIDE];
    game_move hist[SIDE * SIDE];
    uint32_t ply;
};

static game_error normalize(game_options *o)
{
    if (o->width == 0)
        o->width = o->height = 9;
    if (o->width < 3 || o->width > SIDE || o->height != o->width)
        return GAME_ERR_OPTIONS;
    return GAME_OK;
}

static game *create(const game_options *o)
{
    game_options opt = *o;
    game *g;
    if (normalize(&opt) != GAME_OK)
        return NULL;
    g = calloc(1, sizeof *g);
    if (g)
        g->opt = opt;
    return g;
}

static void destroy(game *g)
{
    free(g);
}

static void reset(game *g)
{
    game_options o = g->opt;
    memset(g, 0, sizeof *g);
    g->opt = o;
}

static const game_options *options(const game *g)
{
    return &g->opt;
}

static game_side to_move(const game *g)
{
    return g->ply % 2 ? GAME_SIDE_P2 : GAME_SIDE_P1;
}

static uint32_t ply(const game *g)
{
    return g->ply;
}

static game_move_error check(const game *g, game_side side, const game_move *m)
{
    if (side != to_move(g))
        return GAME_MOVE_NOT_YOUR_TURN;
    if (m->from_x != GAME_NO_SQUARE || m->from_y != GAME_NO_SQUARE)
        return GAME_MOVE_MALFORMED;
    if (m->to_x >= g->opt.width || m->to_y >= g->opt.height)
        return GAME_MOVE_OFF_BOARD;
    if (g->board[m->to_y][m->to_x])
        return GAME_MOVE_OCCUPIED;
    return GAME_MOVE_OK;
}

static game_move_error apply(game *g, const game_move *m)
{
    game_move_error e = check(g, to_move(g), m);
    if (e != GAME_MOVE_OK)
        return e;
    g->board[m->to_y][m->to_x] = (uint8_t)to_move(g);
    g->hist[g->ply++] = *m;
    return GAME_MOVE_OK;
}

static game_error undo(game *g)
{
    if (!g->ply)
        return GAME_ERR_NOTHING;
    g->ply--;
    g->board[g->hist[g->ply].to_y][g->hist[g->ply].to_x] = 0;
    return GAME_OK;
}

static game_result result(const game *g)
{
    game_result r = {GAME_END_NONE, GAME_SIDE_NONE};
    (void)g;
    return r;
}

static size_t legal(const game *g, game_move *out, size_t cap)
{
    size_t n = 0;
    for (uint8_t y = 0; y < g->opt.height; y++)
        for (uint8_t x = 0; x < g->opt.width; x++)
            if (!g->board[y][x]) {
                if (n < cap) {
                    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, x, y, 0};
                    out[n] = m;
                }
                n++;
            }
    return n;
}

static int history(const game *g, uint32_t idx, game_move *out)
{
    if (idx >= g->ply)
        return 0;
    *out = g->hist[idx];
    return 1;
}

static int to_text(const game *g, const game_move *m, char *buf, size_t cap)
{
    (void)g;
    return snprintf(buf, cap, "%c%u", 'a' + m->to_x, (unsigned)m->to_y + 1);
}

static game_error from_text(const game *g, const char *text, game_move *out)
{
    unsigned row;
    char tail;
    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, 0, 0, 0};
    if (text[0] < 'a' || text[0] > 'y' || sscanf(text + 1, "%u%c", &row, &tail) != 1 || row < 1 ||
        row > 25)
        return GAME_ERR_PARSE;
    m.to_x = (uint8_t)(text[0] - 'a');
    m.to_y = (uint8_t)(row - 1);
    if (check(g, to_move(g), &m) != GAME_MOVE_OK)
        return GAME_ERR_PARSE;
    *out = m;
    return GAME_OK;
}

static int write_record(const game *g, const game_record_info *info, game_result final,
                        char *buf, size_t cap)
{
    (void)info;
    (void)final;
    return snprintf(buf, cap, "%lu moves", (unsigned long)g->ply);
}

const game_ops fake_game_ops = {
    .name = "stones",
    .kind = GAME_KIND_GOMOKU,
    .record_extension = "txt",
    .normalize_options = normalize,
    .create = create,
    .destroy = destroy,
    .reset = reset,
    .options = options,
    .to_move = to_move,
    .ply = ply,
    .check_move = check,
    .apply = apply,
    .undo = undo,
    .result = result,
    .legal_moves = legal,
    .history = history,
    .move_to_text = to_text,
    .move_from_text = from_text,
    .write_record = write_record,
    .side_names = {"red", "blue"},
};

const game_ops *fake_lookup(game_kind kind)
{
    return kind == GAME_KIND_GOMOKU ? &fake_game_ops : NULL;
}
