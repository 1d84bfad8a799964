/* bot_play.c: the bot's moves: a scripted game, else seeded random legal
 * moves, both through the game's game_ops only. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bot.h"
#include "game_gomoku.h"
#include "gomoku_opening.h"
#include "grow.h"

void bot_script_free(bot_script *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->moves[i]);
    free(s->moves);
    s->moves = NULL;
    s->count = 0;
}

static int is_sep(char ch)
{
    return ch == ',' || ch == ';' || isspace((unsigned char)ch);
}

int bot_script_parse(const char *text, bot_script *s)
{
    size_t cap = 0;
    s->moves = NULL;
    s->count = 0;
    while (*text) {
        const char *start;
        size_t len;
        char *tok;
        if (*text == '#') {
            while (*text && *text != '\n')
                text++;
            continue;
        }
        if (is_sep(*text)) {
            text++;
            continue;
        }
        start = text;
        while (*text && !is_sep(*text) && *text != '#')
            text++;
        len = (size_t)(text - start);
        if (start[len - 1] == '.')
            continue; /* a move number: "1." or "12..." */
        if (mb_grow(&s->moves, &cap, s->count + 1, sizeof *s->moves, 32) != 0)
            goto nomem;
        tok = malloc(len + 1);
        if (!tok)
            goto nomem;
        memcpy(tok, start, len);
        tok[len] = 0;
        s->moves[s->count++] = tok;
    }
    return 0;
nomem:
    bot_script_free(s);
    return -1;
}

int bot_script_load(const char *path, bot_script *s, char *err, size_t errcap)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0;
    int r;
    if (!f) {
        snprintf(err, errcap, "cannot open %s", path);
        return -1;
    }
    for (;;) {
        size_t got;
        if (mb_grow(&text, &cap, len + 4096, 1, 65536) != 0) {
            free(text);
            fclose(f);
            snprintf(err, errcap, "%s: out of memory", path);
            return -1;
        }
        got = fread(text + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    r = ferror(f);
    fclose(f);
    if (r) {
        free(text);
        snprintf(err, errcap, "cannot read %s", path);
        return -1;
    }
    text[len] = 0;
    r = bot_script_parse(text, s);
    free(text);
    if (r != 0)
        snprintf(err, errcap, "%s: out of memory", path);
    return r;
}

int bot_choose_move(const game_ops *ops, const game *g, const bot_script *script, bot_rng *rng,
                    game_move *out, char *err, size_t errcap)
{
    uint32_t ply = ops->ply(g);
    game_move local[1024], *moves;
    size_t n;
    if (script && ply < script->count) {
        game_error e = ops->move_from_text(g, script->moves[ply], out);
        if (e != GAME_OK) {
            snprintf(err, errcap, "scripted move %lu '%s' is not legal here: %s",
                     (unsigned long)ply + 1, script->moves[ply], game_strerror(e));
            return -1;
        }
        return 0;
    }
    n = ops->legal_moves(g, local, sizeof local / sizeof local[0]);
    if (n == 0) {
        snprintf(err, errcap, "no legal move at ply %lu", (unsigned long)ply);
        return -1;
    }
    moves = local;
    if (n > sizeof local / sizeof local[0]) {
        moves = malloc(n * sizeof *moves);
        if (!moves) {
            snprintf(err, errcap, "out of memory");
            return -1;
        }
        n = ops->legal_moves(g, moves, n);
    }
    *out = moves[bot_rng_below(rng, n)];
    if (moves != local)
        free(moves);
    return 0;
}

/* The points where `side` may put a stone now, inside the central square
 * of half-width `area` (PACKET_OPENING_ANYWHERE: the whole board). */
static size_t open_points(const gomoku *g, gomoku_stone side, int area, gomoku_point *out)
{
    int size = gomoku_size(g), c = size / 2;
    size_t n = 0;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            int inside =
                area == PACKET_OPENING_ANYWHERE || (abs(x - c) <= area && abs(y - c) <= area);
            if (inside && gomoku_judge(g, side, x, y) == GOMOKU_OK) {
                out[n].x = (uint8_t)x;
                out[n].y = (uint8_t)y;
                n++;
            }
        }
    return n;
}

/* Random proposals: distinct legal black points, none equivalent to an
 * earlier one. Returns how many were found (up to want). */
static int pick_proposals(const gomoku *g, int want, bot_rng *rng, gomoku_point *out)
{
    static gomoku_point pts[GOMOKU_MAX_POINTS];
    size_t n = open_points(g, GOMOKU_BLACK, PACKET_OPENING_ANYWHERE, pts);
    int got = 0;
    while (got < want && n > 0) {
        size_t i = (size_t)bot_rng_below(rng, n);
        gomoku_point p = pts[i];
        int ok = 1;
        pts[i] = pts[--n]; /* each point is tried once */
        for (int j = 0; j < got && ok; j++)
            ok = !gomoku_equivalent_points(g, GOMOKU_BLACK, p, out[j]);
        if (ok)
            out[got++] = p;
    }
    return got;
}

int bot_choose_opening(const game *g, const packet_opening_state *st, bot_rng *rng,
                       packet_opening_action *out, char *err, size_t errcap)
{
    static gomoku_point pts[GOMOKU_MAX_POINTS];
    const gomoku *eng = game_gomoku_engine(g);
    gomoku_point prop[PACKET_OPENING_POINTS];
    size_t n = 0;
    memset(out, 0, sizeof *out);
    memset(out->points, PACKET_NO_SQUARE, sizeof out->points);
    out->step = st->step;
    switch (st->step) {
    case GOMOKU_STEP_PLACE:
        n = open_points(eng, gomoku_to_move(eng), st->area, pts);
        if (n == 0)
            break;
        n = (size_t)bot_rng_below(rng, n);
        out->points[0] = pts[n].x;
        out->points[1] = pts[n].y;
        return 0;
    case GOMOKU_STEP_CHOOSE: {
        uint8_t offered[GOMOKU_CHOICE_COUNT];
        for (int i = 0; i < GOMOKU_CHOICE_COUNT; i++)
            if (st->choices & (1u << i))
                offered[n++] = (uint8_t)i;
        if (n == 0)
            break;
        out->choice = offered[bot_rng_below(rng, n)];
        return 0;
    }
    case GOMOKU_STEP_DECLARE:
        if (st->declare_max < st->declare_min || st->declare_min == 0)
            break;
        out->count =
            (uint8_t)(st->declare_min + bot_rng_below(rng, st->declare_max - st->declare_min + 1u));
        return 0;
    case GOMOKU_STEP_PROPOSE:
        if (st->count == 0 || st->count > PACKET_OPENING_POINTS ||
            pick_proposals(eng, st->count, rng, prop) != st->count)
            break;
        out->count = st->count;
        for (int i = 0; i < st->count; i++) {
            out->points[2 * i] = prop[i].x;
            out->points[2 * i + 1] = prop[i].y;
        }
        return 0;
    case GOMOKU_STEP_SELECT:
        if (st->count == 0 || st->count > PACKET_OPENING_POINTS)
            break;
        n = (size_t)bot_rng_below(rng, st->count);
        out->points[0] = st->points[2 * n];
        out->points[1] = st->points[2 * n + 1];
        return 0;
    default:
        break;
    }
    snprintf(err, errcap, "no legal opening step (%s)",
             gomoku_opening_step_name((gomoku_opening_step)st->step));
    return -1;
}
