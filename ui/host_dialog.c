/* host_dialog.c: see host_dialog.h. */
#include <stdio.h>

#include "host_dialog.h"

static const char *const clocks[] = {"none", "5+3", "10+5", "15+10", "5+0d3"};
enum { N_CLOCKS = (int)(sizeof clocks / sizeof clocks[0]), N_OPENINGS = 8 };
static const gomoku_rule rules[] = {GOMOKU_FREESTYLE, GOMOKU_STANDARD, GOMOKU_RENJU};
static const char *const labels[HOST_FIELD_COUNT] = {"Game", "Rule", "Opening", "Clock",
                                                     "Takebacks"};

void host_dialog_init(host_dialog *d)
{
    d->game = GAME_KIND_GOMOKU;
    d->rule = GOMOKU_FREESTYLE;
    d->opening = GOMOKU_OPENING_NONE;
    d->clock = 0;
    d->takebacks = 1;
}

int host_dialog_openings(gomoku_rule rule, gomoku_opening_rule *out, int cap)
{
    int n = 0;
    /* Every rule of gomoku_opening.h, in the enum's order. */
    for (int r = GOMOKU_OPENING_NONE; r <= GOMOKU_OPENING_TARAGUCHI10; r++)
        if (n < cap && (r == GOMOKU_OPENING_NONE ||
                        !gomoku_opening_unfit((gomoku_opening_rule)r, rule, HOST_DIALOG_BOARD)))
            out[n++] = (gomoku_opening_rule)r;
    return n;
}

int host_dialog_clocks(void)
{
    return N_CLOCKS;
}

const char *host_dialog_clock_name(int i)
{
    return i >= 0 && i < N_CLOCKS ? clocks[i] : NULL;
}

int host_dialog_shown(const host_dialog *d, host_field f)
{
    if (f == HOST_FIELD_RULE || f == HOST_FIELD_OPENING)
        return d->game == GAME_KIND_GOMOKU;
    return f >= 0 && f < HOST_FIELD_COUNT;
}

/* The opening after `from` among those the rule allows (wrapping), or
 * "none" when from is not among them and next is 0. */
static gomoku_opening_rule opening_after(gomoku_rule rule, gomoku_opening_rule from, int next)
{
    gomoku_opening_rule fit[N_OPENINGS];
    int n = host_dialog_openings(rule, fit, N_OPENINGS);
    for (int i = 0; i < n; i++)
        if (fit[i] == from)
            return next ? fit[(i + 1) % n] : from;
    return GOMOKU_OPENING_NONE;
}

void host_dialog_step(host_dialog *d, host_field f)
{
    size_t i;
    switch (f) {
    case HOST_FIELD_GAME:
        d->game = d->game == GAME_KIND_GOMOKU ? GAME_KIND_CHESS : GAME_KIND_GOMOKU;
        break;
    case HOST_FIELD_RULE:
        for (i = 0; i < sizeof rules / sizeof rules[0] && rules[i] != d->rule; i++)
            ;
        d->rule = rules[(i + 1) % (sizeof rules / sizeof rules[0])];
        d->opening = opening_after(d->rule, d->opening, 0);
        break;
    case HOST_FIELD_OPENING:
        d->opening = opening_after(d->rule, d->opening, 1);
        break;
    case HOST_FIELD_CLOCK:
        d->clock = (d->clock + 1) % N_CLOCKS;
        break;
    case HOST_FIELD_TAKEBACKS:
        d->takebacks = !d->takebacks;
        break;
    default:
        break;
    }
}

const char *host_dialog_label(host_field f)
{
    return f >= 0 && f < HOST_FIELD_COUNT ? labels[f] : "";
}

void host_dialog_value(const host_dialog *d, host_field f, char *buf, size_t cap)
{
    const char *v = "";
    switch (f) {
    case HOST_FIELD_GAME:
        v = d->game == GAME_KIND_CHESS ? "Chess" : "Gomoku";
        break;
    case HOST_FIELD_RULE:
        v = gomoku_rule_name(d->rule);
        break;
    case HOST_FIELD_OPENING:
        v = gomoku_opening_rule_name(d->opening);
        break;
    case HOST_FIELD_CLOCK:
        v = host_dialog_clock_name(d->clock);
        break;
    case HOST_FIELD_TAKEBACKS:
        v = d->takebacks ? "allowed" : "refused";
        break;
    default:
        break;
    }
    snprintf(buf, cap, "%s", v ? v : "");
}

void host_dialog_describe(const host_dialog *d, char *buf, size_t cap)
{
    static const char *const prefix[HOST_FIELD_COUNT] = {"", "", "", "clock ", "takebacks "};
    size_t len = 0;
    char v[64];
    if (cap)
        buf[0] = 0;
    for (int f = 0; f < HOST_FIELD_COUNT && len < cap; f++) {
        if (!host_dialog_shown(d, (host_field)f))
            continue;
        host_dialog_value(d, (host_field)f, v, sizeof v);
        len += (size_t)snprintf(buf + len, cap - len, "%s%s%s", len ? ", " : "", prefix[f], v);
    }
}

size_t host_dialog_server_args(const host_dialog *d, const host_listen *l, const char **out,
                               size_t cap)
{
    static const char *const board = "15"; /* HOST_DIALOG_BOARD */
    const char *args[HOST_DIALOG_MAX_ARGS];
    size_t n = 0;
    args[n++] = "--port";
    args[n++] = l->bind || l->any_port ? "0" : "7777"; /* HOST_DIALOG_PORT */
    if (l->bind) {
        args[n++] = "--bind";
        args[n++] = l->bind;
        args[n++] = "--no-discovery";
    }
    if (l->name) {
        args[n++] = "--name";
        args[n++] = l->name;
    }
    if (l->records) {
        args[n++] = "--records";
        args[n++] = l->records;
    }
    args[n++] = "--journal";
    args[n++] = "none";
    args[n++] = "--log-level";
    args[n++] = "warn";
    args[n++] = "--game";
    args[n++] = d->game == GAME_KIND_CHESS ? "chess" : "gomoku";
    if (d->game != GAME_KIND_CHESS) {
        args[n++] = "--rule";
        args[n++] = gomoku_rule_name(d->rule);
        args[n++] = "--size";
        args[n++] = board;
        args[n++] = "--opening";
        args[n++] = gomoku_opening_rule_name(d->opening);
    }
    if (d->clock > 0 && host_dialog_clock_name(d->clock)) {
        args[n++] = "--clock";
        args[n++] = host_dialog_clock_name(d->clock);
    }
    if (!d->takebacks)
        args[n++] = "--no-takeback";
    if (n > cap)
        return 0;
    for (size_t i = 0; i < n; i++)
        out[i] = args[i];
    return n;
}
