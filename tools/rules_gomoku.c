/* rules_gomoku.c: matchboard-rules gomoku check | play | sgf. */
#include "rules_gomoku.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gomoku.h"
#include "cli.h"
#include "gomoku_opening.h"
#include "rules_cli.h"
#include "sgf.h"

enum { SGF_FILE_MAX = 1 << 20 };

static void append(char *buf, size_t cap, size_t *len, const char *fmt, va_list ap)
{
    int n;
    if (*len >= cap)
        return;
    n = vsnprintf(buf + *len, cap - *len, fmt, ap);
    if (n > 0)
        *len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

static void say(rules_output *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append(o->out, sizeof o->out, &o->out_len, fmt, ap);
    va_end(ap);
}

static void say_err(rules_output *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append(o->err, sizeof o->err, &o->err_len, fmt, ap);
    va_end(ap);
}

/* An error message on stderr; returns the exit status 2. */
static int fail(rules_output *o, const char *fmt, ...)
{
    va_list ap;
    say_err(o, "matchboard-rules gomoku: ");
    va_start(ap, fmt);
    append(o->err, sizeof o->err, &o->err_len, fmt, ap);
    va_end(ap);
    say_err(o, "\n");
    return 2;
}

typedef struct options {
    int rule; /* gomoku_rule_name_at; -1: not given (freestyle) */
    int size; /* 0: not given (GOMOKU_DEFAULT_SIZE) */
    int side; /* side_name: 0 black, 1 white; -1: not given (black) */
    const char *black, *white;
    int opening;                             /* play: gomoku_opening_rule_name_at, or -1 */
    const char *command;                     /* check, play or sgf */
    const char *args[GOMOKU_MAX_POINTS + 8]; /* the command's words */
    int nargs;
} options;

static const char *side_name(int i)
{
    static const char *const names[] = {"black", "white"};
    return i >= 0 && i < 2 ? names[i] : NULL;
}

static int add_word(void *target, const char *arg, char *why, size_t cap)
{
    options *opt = target;
    if (!opt->command) {
        opt->command = arg;
        return 0;
    }
    if (opt->nargs == (int)(sizeof opt->args / sizeof opt->args[0])) {
        snprintf(why, cap, "too many arguments");
        return -1;
    }
    opt->args[opt->nargs++] = arg;
    return 0;
}

static const cli_option cli_options[] = {
    {CLI_ENUM, "rule", 0, CLI_FIELD(options, rule), .name_of = gomoku_rule_name_at, .arg = "R",
     .help = "check, play: the rule, {names} (default freestyle)"},
    {CLI_INT, "size", 0, CLI_FIELD(options, size), .min = GOMOKU_MIN_SIZE, .max = GOMOKU_MAX_SIZE,
     .arg = "N", .help = "check, play: the board size, 5 to 25 (default 15)"},
    {CLI_ENUM, "side", 0, CLI_FIELD(options, side), .name_of = side_name, .arg = "SIDE",
     .help = "check: the side playing POINT, {names} (default black)"},
    {CLI_STRING, "black", 0, CLI_FIELD(options, black), .arg = "P,P...",
     .help = "check: black stones on the board before"},
    {CLI_STRING, "white", 0, CLI_FIELD(options, white), .arg = "P,P...",
     .help = "check: white stones on the board before"},
    {CLI_ENUM, "opening", 0, CLI_FIELD(options, opening), .name_of = gomoku_opening_rule_name_at,
     .arg = "O", .help = "play: the opening rule, {names} (docs/openings.md)"},
    CLI_OPTION_HELP,
};

static const cli_program program = {
    "matchboard-rules gomoku",
    "matchboard-rules gomoku check [--rule R] [--size N] [--side black|white]\n"
    "                                     [--black P,P...] [--white P,P...] POINT\n"
    "       matchboard-rules gomoku play [--rule R] [--size N] [--opening O] MOVE...\n"
    "       matchboard-rules gomoku sgf FILE",
    "Points are a column letter and a row number, a1 at the bottom-left\n"
    "(o15 is the top-right of the default 15x15 board).\n",
    CLI_OPTIONS(cli_options),
    "check  prints what the side (black by default) playing POINT would be:\n"
    "       win, allowed, forbidden double-three, forbidden double-four,\n"
    "       forbidden overline, occupied or off-board.\n"
    "play   replays MOVEs (separate words or comma lists) from black and prints\n"
    "       black wins five, white wins five, draw or in progress, or the\n"
    "       first refused move as: move N POINT refused: REASON.\n"
    "       With --opening O the words first take the opening's steps in turn:\n"
    "       a POINT for a stone or a selection, stay, swap, black, white,\n"
    "       place-two or propose for a choice, a number for a declaration, and\n"
    "       as many POINTs as are due for proposals. It prints who holds black\n"
    "       once the opening is over, or the step still due, or the first\n"
    "       refused step as: step N WORD refused: REASON.\n"
    "sgf    replays an SGF record (GM[4]) the same way, after a line naming\n"
    "       its opening (ON) when it has one.\n"
    "\n"
    "Exit status: 0 with an answer, 2 on bad usage or unreadable input.\n",
    add_word};

const cli_program *rules_gomoku_cli(void)
{
    return &program;
}

/* The flag of opt a command does not take, or NULL. */
static const char *foreign_flag(const char *command, const options *opt)
{
    int check = strcmp(command, "check") == 0, play = strcmp(command, "play") == 0;
    if (!check && (opt->side >= 0 || opt->black || opt->white))
        return opt->side >= 0 ? "--side" : opt->black ? "--black" : "--white";
    if (!play && opt->opening >= 0)
        return "--opening";
    if (!check && !play && (opt->rule >= 0 || opt->size))
        return opt->rule >= 0 ? "--rule" : "--size";
    return NULL;
}

/* Reads the command line (argv[0] is "gomoku"). Returns 0, 2 on bad usage,
 * or -1 after writing the help. */
static int parse_options(int argc, char **argv, options *opt, rules_output *o)
{
    char err[256];
    const char *foreign;
    memset(opt, 0, sizeof *opt);
    opt->rule = opt->side = opt->opening = -1;
    switch (cli_parse(&program, argc, argv, 1, opt, err, sizeof err)) {
    case CLI_OK:
        break;
    case CLI_HELP_ASKED:
        o->out_len = cli_help(&program, o->out, sizeof o->out);
        if (o->out_len >= sizeof o->out)
            o->out_len = sizeof o->out - 1;
        return -1;
    default:
        return fail(o, "%s (see --help)", err);
    }
    if (!opt->command)
        return fail(o, "missing command: check, play or sgf (see --help)");
    foreign = foreign_flag(opt->command, opt);
    if (foreign && (!strcmp(opt->command, "check") || !strcmp(opt->command, "play") ||
                    !strcmp(opt->command, "sgf")))
        return fail(o, "%s is not an option of %s (see --help)", foreign, opt->command);
    if (opt->rule < 0)
        opt->rule = GOMOKU_FREESTYLE;
    if (!opt->size)
        opt->size = GOMOKU_DEFAULT_SIZE;
    if (!opt->black)
        opt->black = "";
    if (!opt->white)
        opt->white = "";
    return 0;
}

/* Calls fn on each point of a comma list ("h8,i9"; empty items skipped).
 * Returns 0, 2 on a word that is not a point, or fn's nonzero result. */
static int each_point(const char *list, int (*fn)(void *ctx, const char *word, int x, int y),
                      void *ctx, rules_output *o)
{
    char word[16];
    while (*list) {
        size_t n = strcspn(list, ",");
        int x, y, r;
        if (n > 0) {
            if (n >= sizeof word)
                return fail(o, "'%.*s' is not a point", (int)n, list);
            memcpy(word, list, n);
            word[n] = '\0';
            if (gomoku_point_from_text(word, &x, &y) != 0)
                return fail(o, "'%s' is not a point (like h8)", word);
            r = fn(ctx, word, x, y);
            if (r != 0)
                return r;
        }
        list += n + (list[n] == ',');
    }
    return 0;
}

typedef struct setup_ctx {
    gomoku *g;
    gomoku_stone colour;
    rules_output *o;
} setup_ctx;

static int setup_stone(void *ctx, const char *word, int x, int y)
{
    setup_ctx *s = ctx;
    gomoku_verdict v = gomoku_judge(s->g, GOMOKU_WHITE, x, y);
    if (v == GOMOKU_OFF_BOARD)
        return fail(s->o, "stone %s is off the %dx%d board", word, gomoku_size(s->g),
                    gomoku_size(s->g));
    if (v == GOMOKU_OCCUPIED)
        return fail(s->o, "point %s is given twice", word);
    gomoku_setup(s->g, x, y, s->colour);
    return 0;
}

static int cmd_check(const options *opt, rules_output *o)
{
    gomoku g;
    setup_ctx ctx = {&g, GOMOKU_BLACK, o};
    gomoku_stone side = opt->side == 1 ? GOMOKU_WHITE : GOMOKU_BLACK;
    gomoku_verdict v;
    int x, y, r;
    if (opt->nargs != 1)
        return fail(o, "check takes one POINT (see --help)");
    if (gomoku_point_from_text(opt->args[0], &x, &y) != 0)
        return fail(o, "'%s' is not a point (like h8)", opt->args[0]);
    gomoku_init(&g, opt->size, (gomoku_rule)opt->rule);
    if ((r = each_point(opt->black, setup_stone, &ctx, o)) != 0)
        return r;
    ctx.colour = GOMOKU_WHITE;
    if ((r = each_point(opt->white, setup_stone, &ctx, o)) != 0)
        return r;
    v = gomoku_judge(&g, side, x, y);
    if (v == GOMOKU_OK && gomoku_wins_at(&g, side, x, y))
        say(o, "win\n");
    else
        say(o, "%s\n", gomoku_verdict_str(v));
    return 0;
}

static void say_status(const gomoku *g, rules_output *o)
{
    static const char *const words[] = {"in progress", "black wins five", "white wins five",
                                        "draw"};
    say(o, "%s\n", words[gomoku_get_status(g)]);
}

typedef struct play_ctx {
    gomoku *g;
    int number;
    int refused;
    rules_output *o;
} play_ctx;

static int play_move(void *ctx, const char *word, int x, int y)
{
    play_ctx *p = ctx;
    gomoku_verdict v = gomoku_play(p->g, x, y);
    p->number++;
    if (v == GOMOKU_OK)
        return 0;
    say(p->o, "move %d %s refused: %s\n", p->number, word, gomoku_verdict_str(v));
    p->refused = 1;
    return -1; /* stop: an answer, not an error */
}

/* play --opening: the words of the opening's steps, then moves. */
typedef struct opening_ctx {
    play_ctx play;
    gomoku_opening open;
    gomoku_opening_action action; /* proposals gathered so far */
    int steps;
} opening_ctx;

/* Applies the gathered action; 0, or -1 after printing a refusal. */
static int opening_apply(opening_ctx *c, const char *word)
{
    gomoku_opening_verdict v;
    int seat = gomoku_opening_actor(&c->open, c->play.g);
    c->steps++;
    v = gomoku_opening_apply(&c->open, c->play.g, seat, &c->action);
    memset(&c->action, 0, sizeof c->action);
    if (v == GOMOKU_OPENING_OK)
        return 0;
    say(c->play.o, "step %d %s refused: %s\n", c->steps, word, gomoku_opening_strerror(v));
    c->play.refused = 1;
    return -1;
}

static int opening_word(opening_ctx *c, const char *word)
{
    gomoku_opening_step step = gomoku_opening_next(&c->open);
    gomoku_opening_choice choice;
    int x, y;
    char *end;
    long n;
    if (step == GOMOKU_STEP_DONE) {
        if (gomoku_point_from_text(word, &x, &y) != 0)
            return fail(c->play.o, "'%s' is not a point (like h8)", word);
        c->play.number = gomoku_move_count(c->play.g);
        return play_move(&c->play, word, x, y);
    }
    c->action.step = (uint8_t)step;
    switch (step) {
    case GOMOKU_STEP_CHOOSE:
        if (gomoku_opening_choice_from_name(word, &choice) != 0)
            return fail(c->play.o,
                        "'%s' is not a choice (stay, swap, black, white, place-two, "
                        "propose)",
                        word);
        c->action.choice = (uint8_t)choice;
        return opening_apply(c, word);
    case GOMOKU_STEP_DECLARE:
        n = strtol(word, &end, 10);
        if (*word == '\0' || *end != '\0' || n < 0 || n > 255)
            return fail(c->play.o, "'%s' is not a number of fifth moves", word);
        c->action.count = (uint8_t)n;
        return opening_apply(c, word);
    default: /* a point: a stone, a proposal or a selection */
        if (gomoku_point_from_text(word, &x, &y) != 0 || x > 255 || y > 255)
            return fail(c->play.o, "'%s' is not a point (like h8)", word);
        c->action.pts[c->action.count].x = (uint8_t)x;
        c->action.pts[c->action.count].y = (uint8_t)y;
        if (step != GOMOKU_STEP_PROPOSE)
            return opening_apply(c, word);
        c->action.count++;
        return c->action.count < gomoku_opening_proposal_count(&c->open) ? 0
                                                                         : opening_apply(c, word);
    }
}

static int play_with_opening(const options *opt, gomoku *g, rules_output *o)
{
    opening_ctx c;
    gomoku_opening_rule rule = (gomoku_opening_rule)opt->opening;
    const char *unfit;
    char what[128];
    memset(&c, 0, sizeof c);
    c.play.g = g;
    c.play.o = o;
    if ((unfit = gomoku_opening_unfit(rule, (gomoku_rule)opt->rule, opt->size)) != NULL)
        return fail(o, "--opening %s: %s", gomoku_opening_rule_name(rule), unfit);
    gomoku_opening_init(&c.open, rule, g);
    for (int i = 0; i < opt->nargs && !c.play.refused; i++) {
        const char *list = opt->args[i];
        while (*list && !c.play.refused) {
            size_t n = strcspn(list, ",");
            char word[16];
            if (n >= sizeof word)
                return fail(o, "'%.*s' is not a step or a point", (int)n, list);
            memcpy(word, list, n);
            word[n] = '\0';
            if (n > 0) {
                int r = opening_word(&c, word);
                if (r > 0)
                    return r;
            }
            list += n + (list[n] == ',');
        }
    }
    if (c.play.refused)
        return 0;
    if (gomoku_opening_next(&c.open) != GOMOKU_STEP_DONE) {
        gomoku_opening_describe(&c.open, g, what, sizeof what);
        say(o, "opening: %s\n", what);
        return 0;
    }
    say(o, "black: the %s player\n", gomoku_opening_black_seat(&c.open) == 0 ? "first" : "second");
    say_status(g, o);
    return 0;
}

static int cmd_play(const options *opt, rules_output *o)
{
    gomoku g;
    play_ctx ctx = {&g, 0, 0, o};
    gomoku_init(&g, opt->size, (gomoku_rule)opt->rule);
    if (opt->opening >= 0)
        return play_with_opening(opt, &g, o);
    for (int i = 0; i < opt->nargs && !ctx.refused; i++) {
        int r = each_point(opt->args[i], play_move, &ctx, o);
        if (r > 0)
            return r;
    }
    if (!ctx.refused)
        say_status(&g, o);
    return 0;
}

/* Reads a whole file (at most SGF_FILE_MAX bytes) into a malloc'd buffer. */
static char *read_file(const char *path, size_t *len, rules_output *o)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    if (!f) {
        fail(o, "cannot open '%s'", path);
        return NULL;
    }
    buf = malloc(SGF_FILE_MAX + 1);
    if (!buf) {
        fclose(f);
        fail(o, "out of memory");
        return NULL;
    }
    *len = fread(buf, 1, SGF_FILE_MAX + 1, f);
    if (ferror(f) || *len > SGF_FILE_MAX) {
        fail(o, ferror(f) ? "cannot read '%s'" : "'%s' is larger than 1 MiB", path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int cmd_sgf(const options *opt, rules_output *o)
{
    size_t len;
    char *text, point[8];
    const char *path = opt->args[0];
    sgf_record *rec;
    sgf_error e;
    if (opt->nargs != 1)
        return fail(o, "sgf takes one FILE (see --help)");
    text = read_file(path, &len, o);
    if (!text)
        return 2;
    rec = malloc(sizeof *rec);
    if (!rec) {
        free(text);
        return fail(o, "out of memory");
    }
    e = sgf_read(text, len, rec);
    if (rec->opening[0] && (e == SGF_OK || e == SGF_ERR_ILLEGAL))
        say(o, "opening: %s\n", rec->opening);
    if (e == SGF_OK) {
        say_status(&rec->game, o);
    } else if (e == SGF_ERR_ILLEGAL && rec->bad_move > 0) {
        if (gomoku_point_to_text(rec->point.x, rec->point.y, point, sizeof point) < 0)
            strcpy(point, "?");
        say(o, "move %d %s refused: %s\n", rec->bad_move, point, gomoku_verdict_str(rec->verdict));
        e = SGF_OK;
    } else if (rec->bad_move > 0) {
        fail(o, "%s: move %d: %s", path, rec->bad_move, sgf_strerror(e));
    } else {
        fail(o, "%s: %s (at byte %zu)", path, sgf_strerror(e), rec->offset);
    }
    free(rec);
    free(text);
    return e == SGF_OK ? 0 : 2;
}

int rules_gomoku_run(int argc, char **argv, rules_output *o)
{
    options opt;
    int r;
    o->out[0] = o->err[0] = '\0';
    o->out_len = o->err_len = 0;
    r = parse_options(argc, argv, &opt, o);
    if (r != 0)
        return r < 0 ? 0 : r;
    if (strcmp(opt.command, "check") == 0)
        return cmd_check(&opt, o);
    if (strcmp(opt.command, "play") == 0)
        return cmd_play(&opt, o);
    if (strcmp(opt.command, "sgf") == 0)
        return cmd_sgf(&opt, o);
    return fail(o, "unknown command '%s': check, play or sgf (see --help)", opt.command);
}

int rules_gomoku_main(int argc, char **argv)
{
    rules_output *o = malloc(sizeof *o);
    int status;
    if (!o) {
        fputs("matchboard-rules gomoku: out of memory\n", stderr);
        return 2;
    }
    status = rules_gomoku_run(argc, argv, o);
    fputs(o->out, stdout);
    fputs(o->err, stderr);
    free(o);
    return status;
}
