/* brain.c: the Gomocup protocol session; see brain.h. */
#include "brain.h"

#include "engine.h"
#include "gomocup.h"
#include "mb_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_BLOCK = 25 * 25,
    DEFAULT_TIMEOUT_TURN = 5000, /* ms, until the manager says otherwise */
    ENGINE_OVERHEAD = 4 << 20,   /* bytes the engine needs beside its table */
};

typedef enum block_mode { BLOCK_NONE, BLOCK_BOARD, BLOCK_SWAP2 } block_mode;

struct brain {
    engine *eng;
    engine_limits lim;
    int messages;
    block_mode mode;
    int nblock, block_x[MAX_BLOCK], block_y[MAX_BLOCK], block_field[MAX_BLOCK];
    char block_error[128];
};

typedef struct out {
    brain_write_fn write;
    void *ctx;
} out;

static void say(out *o, const char *word, const char *text)
{
    char line[GOMOCUP_MAX_LINE];
    if (gomocup_format_text(line, sizeof line, word, text) >= 0)
        o->write(o->ctx, line);
}

static void say_error(out *o, const char *what, const char *why)
{
    char text[256];
    snprintf(text, sizeof text, "%s: %s", what, why);
    say(o, "ERROR", text);
}

brain *brain_new(int messages)
{
    brain *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->eng = engine_new(0);
    if (!b->eng) {
        free(b);
        return NULL;
    }
    b->messages = messages;
    b->lim.timeout_turn = DEFAULT_TIMEOUT_TURN;
    b->lim.time_left = -1;
    return b;
}

void brain_free(brain *b)
{
    if (!b)
        return;
    engine_free(b->eng);
    free(b);
}

const char *brain_about(void)
{
    return "name=\"matchboard-engine\", version=\"" MATCHBOARD_VERSION
           "\", author=\"the matchboard project\"";
}

/* Thinks, plays and answers the move. */
static void answer_move(brain *b, out *o)
{
    int x, y;
    char line[64];
    engine_error err = engine_play(b->eng, &b->lim, &x, &y);
    if (err != ENGINE_OK) {
        say(o, "ERROR", engine_strerror(err));
        return;
    }
    if (b->messages) {
        const engine_stats *s = engine_last_stats(b->eng);
        char text[160];
        snprintf(text, sizeof text, "%s depth %d score %d nodes %lld time %lld ms", s->how,
                 s->depth, s->score, s->nodes, s->ms);
        say(o, "MESSAGE", text);
    }
    gomocup_format_move(line, sizeof line, x, y);
    o->write(o->ctx, line);
}

static void on_info(brain *b, const gomocup_cmd *c, out *o)
{
    switch (c->info) {
    case GOMOCUP_INFO_TIMEOUT_TURN:
        b->lim.timeout_turn = c->number;
        break;
    case GOMOCUP_INFO_TIMEOUT_MATCH:
        b->lim.timeout_match = c->number;
        break;
    case GOMOCUP_INFO_TIME_LEFT:
        b->lim.time_left = c->number;
        break;
    case GOMOCUP_INFO_MAX_MEMORY: {
        long long m = c->number;
        size_t tt = m == 0 ? 0 : m > ENGINE_OVERHEAD * 2LL ? (size_t)(m - ENGINE_OVERHEAD) : 1;
        if (engine_set_memory(b->eng, tt) != ENGINE_OK)
            say(o, "ERROR", "max_memory: out of memory");
        break;
    }
    case GOMOCUP_INFO_RULE:
        engine_set_rule(b->eng, (int)(c->number & 7));
        if (c->number & GOMOCUP_RULE_CARO)
            say(o, "MESSAGE", "rule 8 (caro) is not supported: playing without it");
        break;
    default:
        break; /* other keys are ignored, as the protocol asks */
    }
}

static void on_block_line(brain *b, const gomocup_cmd *c, out *o)
{
    int want = b->mode == BLOCK_BOARD ? GOMOCUP_FIELD : GOMOCUP_POINT;
    (void)o;
    if ((int)c->kind != want) {
        if (!b->block_error[0])
            snprintf(b->block_error, sizeof b->block_error, "%s",
                     b->mode == BLOCK_BOARD ? "BOARD: expected x,y,field or DONE"
                                            : "SWAP2BOARD: expected x,y or DONE");
        return;
    }
    if (b->nblock == MAX_BLOCK) {
        if (!b->block_error[0])
            snprintf(b->block_error, sizeof b->block_error, "too many stones");
        return;
    }
    b->block_x[b->nblock] = c->x;
    b->block_y[b->nblock] = c->y;
    b->block_field[b->nblock] = c->field;
    b->nblock++;
}

static void finish_board(brain *b, out *o)
{
    engine_error err = engine_restart(b->eng);
    for (int i = 0; i < b->nblock && err == ENGINE_OK; i++)
        err = engine_put(b->eng, b->block_x[i], b->block_y[i], (engine_who)b->block_field[i]);
    if (err != ENGINE_OK) {
        engine_restart(b->eng);
        say_error(o, "BOARD", engine_strerror(err));
        return;
    }
    answer_move(b, o);
}

static void finish_swap2(brain *b, out *o)
{
    int xy[2 * MAX_BLOCK], res[6], n;
    char line[96];
    if (b->nblock != 0 && b->nblock != 3 && b->nblock != 5) {
        say(o, "ERROR", "SWAP2BOARD: expected 0, 3 or 5 stones");
        return;
    }
    for (int i = 0; i < b->nblock; i++) {
        int s = engine_board_size(b->eng);
        if (s == 0 || b->block_x[i] >= s || b->block_y[i] >= s) {
            say_error(o, "SWAP2BOARD",
                      engine_strerror(s ? ENGINE_ERR_OFF_BOARD : ENGINE_ERR_NOT_STARTED));
            return;
        }
        xy[2 * i] = b->block_x[i];
        xy[2 * i + 1] = b->block_y[i];
    }
    if (engine_board_size(b->eng) == 0) {
        say_error(o, "SWAP2BOARD", engine_strerror(ENGINE_ERR_NOT_STARTED));
        return;
    }
    n = engine_swap2(b->eng, xy, b->nblock, &b->lim, res);
    if (n == 0) {
        o->write(o->ctx, "SWAP");
        return;
    }
    gomocup_format_moves(line, sizeof line, res, n);
    o->write(o->ctx, line);
}

static void on_done(brain *b, out *o)
{
    block_mode mode = b->mode;
    b->mode = BLOCK_NONE;
    if (b->block_error[0]) {
        say(o, "ERROR", b->block_error);
        return;
    }
    if (mode == BLOCK_BOARD)
        finish_board(b, o);
    else
        finish_swap2(b, o);
}

static void start_block(brain *b, block_mode mode)
{
    b->mode = mode;
    b->nblock = 0;
    b->block_error[0] = '\0';
}

static void on_command(brain *b, const gomocup_cmd *c, out *o)
{
    engine_error err;
    switch (c->kind) {
    case GOMOCUP_START:
    case GOMOCUP_RECTSTART:
        err = engine_start(b->eng, c->w, c->h);
        if (err == ENGINE_OK)
            o->write(o->ctx, "OK");
        else
            say(o, "ERROR", engine_strerror(err));
        break;
    case GOMOCUP_RESTART:
        err = engine_restart(b->eng);
        if (err == ENGINE_OK)
            o->write(o->ctx, "OK");
        else
            say(o, "ERROR", engine_strerror(err));
        break;
    case GOMOCUP_BEGIN:
        answer_move(b, o);
        break;
    case GOMOCUP_TURN:
        err = engine_put(b->eng, c->x, c->y, ENGINE_OPPONENT);
        if (err != ENGINE_OK)
            say_error(o, "TURN", engine_strerror(err));
        else
            answer_move(b, o);
        break;
    case GOMOCUP_PLAY:
        err = engine_put(b->eng, c->x, c->y, ENGINE_OWN);
        if (err != ENGINE_OK) {
            say_error(o, "PLAY", engine_strerror(err));
        } else {
            char line[64];
            gomocup_format_move(line, sizeof line, c->x, c->y);
            o->write(o->ctx, line);
        }
        break;
    case GOMOCUP_TAKEBACK:
        err = engine_takeback(b->eng, c->x, c->y);
        if (err != ENGINE_OK)
            say_error(o, "TAKEBACK", engine_strerror(err));
        else
            o->write(o->ctx, "OK");
        break;
    case GOMOCUP_BOARD:
        start_block(b, BLOCK_BOARD);
        break;
    case GOMOCUP_SWAP2BOARD:
        start_block(b, BLOCK_SWAP2);
        break;
    case GOMOCUP_INFO:
        on_info(b, c, o);
        break;
    case GOMOCUP_ABOUT:
        o->write(o->ctx, brain_about());
        break;
    case GOMOCUP_DONE:
        say(o, "ERROR", "DONE without BOARD or SWAP2BOARD");
        break;
    case GOMOCUP_FIELD:
    case GOMOCUP_POINT:
        say(o, "ERROR", "a coordinate line outside BOARD or SWAP2BOARD");
        break;
    case GOMOCUP_END:
        break;
    }
}

int brain_line(brain *b, const char *line, brain_write_fn write, void *ctx)
{
    gomocup_cmd c;
    const char *why = NULL;
    out o = {write, ctx};
    gomocup_error err = gomocup_parse(line, &c, &why);
    if (err == GOMOCUP_ERR_EMPTY)
        return 0;
    if (b->mode != BLOCK_NONE) {
        if (err == GOMOCUP_OK && c.kind == GOMOCUP_DONE)
            on_done(b, &o);
        else if (err == GOMOCUP_OK)
            on_block_line(b, &c, &o);
        else if (!b->block_error[0])
            snprintf(b->block_error, sizeof b->block_error, "%s", why);
        return 0;
    }
    if (err == GOMOCUP_ERR_UNKNOWN) {
        say(&o, "UNKNOWN", why);
        return 0;
    }
    if (err != GOMOCUP_OK) {
        say(&o, "ERROR", why);
        return 0;
    }
    on_command(b, &c, &o);
    return c.kind == GOMOCUP_END;
}
