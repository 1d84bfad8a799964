/* match_terms.c: see match_terms.h. */
#include "match_terms.h"

#include <stdio.h>

#include "gomoku_opening.h"

int match_terms_check(match_config *c, char *why, size_t cap)
{
    game_options opt = c->options;
    const char *unfit;
    c->ops = game_ops_for_kind(c->options.kind);
    if (!c->ops) {
        snprintf(why, cap, "unknown game kind %d", (int)c->options.kind);
        return -1;
    }
    if (c->ops->normalize_options(&opt) != GAME_OK || opt.rule != c->options.rule ||
        opt.width != c->options.width || opt.height != c->options.height) {
        snprintf(why, cap, "rule %d on a %dx%d board is not a game of %s", c->options.rule,
                 c->options.width, c->options.height, c->ops->name);
    } else if (c->opening != 0 && c->ops->kind != GAME_KIND_GOMOKU) {
        snprintf(why, cap, "opening rule %d in a game of %s", c->opening, c->ops->name);
    } else if (c->opening != 0 &&
               (unfit = gomoku_opening_unfit((gomoku_opening_rule)c->opening,
                                             (gomoku_rule)c->options.rule, c->options.width))) {
        snprintf(why, cap, "opening rule %d with rule %d on %dx%d: %s", c->opening, c->options.rule,
                 c->options.width, c->options.height, unfit);
    } else if (c->clock_ms > MATCH_TERMS_CLOCK_MAX_MS ||
               c->increment_ms > MATCH_TERMS_INCREMENT_MAX_MS ||
               c->delay_ms > MATCH_TERMS_INCREMENT_MAX_MS || c->delay_kind > 2 ||
               (c->delay_kind == 0 && c->delay_ms != 0) ||
               (c->clock_ms == 0 && (c->increment_ms != 0 || c->delay_kind != 0))) {
        snprintf(why, cap, "clock %lu ms + %lu ms, delay kind %d of %lu ms is not a clock",
                 (unsigned long)c->clock_ms, (unsigned long)c->increment_ms, c->delay_kind,
                 (unsigned long)c->delay_ms);
    } else if (c->move_time_ms > MATCH_TERMS_MOVE_TIME_MAX_MS) {
        snprintf(why, cap, "move time %lu ms is over a day", (unsigned long)c->move_time_ms);
    } else if (c->no_takeback > 1) {
        snprintf(why, cap, "takeback setting %d is neither 0 nor 1", c->no_takeback);
    } else {
        return 0;
    }
    c->ops = NULL;
    return -1;
}

void match_terms_copy(match_config *to, const match_config *from)
{
    to->ops = from->ops;
    to->options = from->options;
    to->clock_ms = from->clock_ms;
    to->increment_ms = from->increment_ms;
    to->delay_kind = from->delay_kind;
    to->delay_ms = from->delay_ms;
    to->move_time_ms = from->move_time_ms;
    to->opening = from->opening;
    to->no_takeback = from->no_takeback;
}

int match_terms_equal(const match_config *a, const match_config *b)
{
    return a->ops == b->ops && a->options.kind == b->options.kind &&
           a->options.rule == b->options.rule && a->options.width == b->options.width &&
           a->options.height == b->options.height && a->clock_ms == b->clock_ms &&
           a->increment_ms == b->increment_ms && a->delay_kind == b->delay_kind &&
           a->delay_ms == b->delay_ms && a->move_time_ms == b->move_time_ms &&
           a->opening == b->opening && a->no_takeback == b->no_takeback;
}
