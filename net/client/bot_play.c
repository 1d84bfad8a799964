/* bot_play.c: the bot's moves: a scripted game, else seeded random legal
 * moves, both through the game's game_ops only. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bot.h"

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
        if (s->count == cap) {
            char **m = realloc(s->moves, (cap ? 2 * cap : 32) * sizeof *m);
            if (!m)
                goto nomem;
            s->moves = m;
            cap = cap ? 2 * cap : 32;
        }
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
        if (cap - len < 4096) {
            char *t = realloc(text, cap + 65536);
            if (!t) {
                free(text);
                fclose(f);
                snprintf(err, errcap, "%s: out of memory", path);
                return -1;
            }
            text = t;
            cap += 65536;
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
