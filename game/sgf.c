/* sgf.c: Gomoku SGF records; see sgf.h. */
#include "sgf.h"

#include <stdio.h>
#include <string.h>

#include "mb_config.h"

const char *sgf_strerror(sgf_error e)
{
    switch (e) {
    case SGF_OK:
        return "success";
    case SGF_ERR_SYNTAX:
        return "SGF syntax error";
    case SGF_ERR_NOT_GOMOKU:
        return "not a Gomoku record (GM is not 4)";
    case SGF_ERR_SIZE:
        return "board size (SZ) not a square of 5 to 25";
    case SGF_ERR_RULE:
        return "unknown rule (RU): not freestyle, standard or renju";
    case SGF_ERR_POINT:
        return "malformed point";
    case SGF_ERR_ILLEGAL:
        return "move refused by the rules";
    case SGF_ERR_UNSUPPORTED:
        return "unsupported SGF feature";
    case SGF_ERR_BUFFER:
        return "buffer too small";
    }
    return "unknown SGF error";
}

/* ---- writing ---- */

typedef struct out_buf {
    char *buf;
    size_t cap, len;
} out_buf;

static void put_char(out_buf *o, char ch)
{
    if (o->len + 1 < o->cap)
        o->buf[o->len] = ch;
    o->len++;
}

static void put_str(out_buf *o, const char *s)
{
    while (*s)
        put_char(o, *s++);
}

/* A property with a text value, "]" and "\" escaped; nothing if NULL. */
static void put_text_prop(out_buf *o, const char *ident, const char *value, int date)
{
    if (!value || !*value)
        return;
    put_str(o, ident);
    put_char(o, '[');
    for (; *value; value++) {
        if (*value == ']' || *value == '\\')
            put_char(o, '\\');
        put_char(o, date && *value == '.' ? '-' : *value); /* SGF dates: YYYY-MM-DD */
    }
    put_char(o, ']');
}

static void put_point(out_buf *o, int size, gomoku_point pt)
{
    put_char(o, '[');
    put_char(o, (char)('a' + pt.x));
    put_char(o, (char)('a' + (size - 1 - pt.y)));
    put_char(o, ']');
}

const char *sgf_result_text(game_result r, char *buf, size_t cap)
{
    const char *reason = "";
    if (cap < 8 || r.reason == GAME_END_NONE)
        return NULL;
    if (r.reason == GAME_END_ABORTED)
        return strcpy(buf, "Void");
    if (r.winner == GAME_SIDE_NONE)
        return strcpy(buf, "Draw");
    if (r.reason == GAME_END_RESIGNATION)
        reason = "R";
    else if (r.reason == GAME_END_TIME)
        reason = "T";
    else if (r.reason == GAME_END_OPPONENT_LEFT)
        reason = "F";
    snprintf(buf, cap, "%c+%s", r.winner == GAME_SIDE_P1 ? 'B' : 'W', reason);
    return buf;
}

static game_result rules_result(const gomoku *g)
{
    game_result r = {GAME_END_NONE, GAME_SIDE_NONE};
    switch (gomoku_get_status(g)) {
    case GOMOKU_BLACK_WON:
        r.reason = GAME_END_FIVE;
        r.winner = GAME_SIDE_P1;
        break;
    case GOMOKU_WHITE_WON:
        r.reason = GAME_END_FIVE;
        r.winner = GAME_SIDE_P2;
        break;
    case GOMOKU_DRAW:
        r.reason = GAME_END_BOARD_FULL;
        break;
    case GOMOKU_PLAYING:
        break;
    }
    return r;
}

/* Setup stones of one colour: on the board but not among the moves. */
static void put_setup(out_buf *o, const gomoku *g, gomoku_stone colour, const char *ident)
{
    uint8_t played[GOMOKU_MAX_SIZE][GOMOKU_MAX_SIZE] = {{0}};
    int size = gomoku_size(g), n = 0;
    gomoku_point pt;
    for (int i = 0; gomoku_move_at(g, i, &pt) == 0; i++)
        played[pt.y][pt.x] = 1;
    for (int y = size - 1; y >= 0; y--) {
        for (int x = 0; x < size; x++) {
            if (gomoku_at(g, x, y) != colour || played[y][x])
                continue;
            if (n++ == 0)
                put_str(o, ident);
            pt.x = (uint8_t)x;
            pt.y = (uint8_t)y;
            put_point(o, size, pt);
        }
    }
}

int sgf_write(const gomoku *g, const game_record_info *info, game_result final, char *buf,
              size_t cap)
{
    out_buf o = {buf, cap, 0};
    char num[16], re[16];
    int size = gomoku_size(g), nmoves = gomoku_move_count(g);
    gomoku_point pt;

    put_str(&o, "(;FF[4]GM[4]CA[UTF-8]AP[matchboard:" MATCHBOARD_VERSION "]");
    snprintf(num, sizeof num, "SZ[%d]", size);
    put_str(&o, num);
    put_text_prop(&o, "RU", gomoku_rule_name(gomoku_get_rule(g)), 0);
    if (info) {
        put_text_prop(&o, "EV", info->event, 0);
        put_text_prop(&o, "PC", info->site, 0);
        put_text_prop(&o, "DT", info->date, 1);
        put_text_prop(&o, "PB", info->player1, 0);
        put_text_prop(&o, "PW", info->player2, 0);
        put_text_prop(&o, "ON", info->opening, 0);
    }
    if (final.reason == GAME_END_NONE)
        final = rules_result(g);
    put_text_prop(&o, "RE", sgf_result_text(final, re, sizeof re), 0);
    put_setup(&o, g, GOMOKU_BLACK, "AB");
    put_setup(&o, g, GOMOKU_WHITE, "AW");
    /* White first (a setup position): the first move's stone is white, or
     * with no move yet, white is to move. */
    if (nmoves > 0 ? gomoku_move_at(g, 0, &pt) == 0 && gomoku_at(g, pt.x, pt.y) == GOMOKU_WHITE
                   : gomoku_to_move(g) == GOMOKU_WHITE)
        put_str(&o, "PL[W]");
    for (int i = 0; i < nmoves; i++) {
        gomoku_move_at(g, i, &pt);
        put_str(&o, gomoku_at(g, pt.x, pt.y) == GOMOKU_BLACK ? "\n;B" : "\n;W");
        put_point(&o, size, pt);
    }
    put_str(&o, ")\n");
    if (cap > 0)
        buf[o.len < cap ? o.len : cap - 1] = '\0';
    return (int)o.len;
}

/* ---- reading ---- */

typedef struct reader {
    const char *s;
    size_t len, pos;
} reader;

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

static int at_end(const reader *r)
{
    return r->pos >= r->len;
}

static char peek(reader *r)
{
    while (!at_end(r) && is_space(r->s[r->pos]))
        r->pos++;
    return at_end(r) ? '\0' : r->s[r->pos];
}

/* A value: the bytes between '[' (at pos) and the first unescaped ']'.
 * Sets the raw span [*start, *end); pos moves past the ']'. */
static sgf_error read_value(reader *r, size_t *start, size_t *end)
{
    r->pos++; /* '[' */
    *start = r->pos;
    while (!at_end(r) && r->s[r->pos] != ']') {
        if (r->s[r->pos] == '\\' && r->pos + 1 < r->len)
            r->pos++; /* the escaped byte; a backslash at the very end is unterminated */
        r->pos++;
    }
    if (at_end(r))
        return SGF_ERR_SYNTAX;
    *end = r->pos++;
    return SGF_OK;
}

/* Length of the UTF-8 character whose lead byte is b (1 for others). */
static size_t utf8_len(unsigned char b)
{
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

/* A SimpleText value, unescaped: soft line breaks removed, other line
 * breaks and tabs made spaces, cut at a UTF-8 character boundary. */
static void copy_text(const char *s, size_t start, size_t end, char *out)
{
    size_t n = 0, i;
    for (i = start; i < end && n + 1 < SGF_TEXT_MAX; i++) {
        char ch = s[i];
        if (ch == '\\' && i + 1 < end) {
            ch = s[++i];
            if (ch == '\n' || ch == '\r') {
                if (i + 1 < end && (s[i + 1] == '\n' || s[i + 1] == '\r') && s[i + 1] != ch)
                    i++;
                continue;
            }
        }
        out[n++] = is_space(ch) ? ' ' : ch;
    }
    if (i < end && n > 0) { /* cut short: do not end inside a character */
        size_t k = n - 1;
        while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
            k--;
        if (k + utf8_len((unsigned char)out[k]) > n)
            n = k;
    }
    out[n] = '\0';
}

static int value_is(const char *s, size_t start, size_t end, const char *word)
{
    size_t n = strlen(word);
    return end - start == n && memcmp(s + start, word, n) == 0;
}

/* A point value "hh": sets *x, *y (y from the bottom). Off-board letters
 * are still points (the rules then refuse them). */
static sgf_error parse_point(const reader *r, size_t start, size_t end, int size, int *x, int *y)
{
    const char *v = r->s + start;
    if (end - start != 2 || v[0] < 'a' || v[0] > 'z' || v[1] < 'a' || v[1] > 'z')
        return SGF_ERR_POINT;
    *x = v[0] - 'a';
    *y = size - 1 - (v[1] - 'a');
    return SGF_OK;
}

static sgf_error parse_size(const char *s, size_t start, size_t end, int *size)
{
    int w = 0, h = -1, *cur = &w, digits = 0;
    for (size_t i = start; i < end; i++) {
        if (s[i] == ':' && cur == &w && digits > 0) {
            cur = &h;
            *cur = 0;
            digits = 0;
        } else if (s[i] >= '0' && s[i] <= '9' && digits < 3) {
            *cur = *cur * 10 + (s[i] - '0');
            digits++;
        } else {
            return SGF_ERR_SIZE;
        }
    }
    if (digits == 0 || (h >= 0 && h != w) || w < GOMOKU_MIN_SIZE || w > GOMOKU_MAX_SIZE)
        return SGF_ERR_SIZE;
    *size = w;
    return SGF_OK;
}

static void parse_result(const char *s, size_t start, size_t end, sgf_record *out)
{
    const char *v = s + start;
    size_t n = end - start;
    copy_text(s, start, end, out->result_text);
    out->result.reason = GAME_END_NONE;
    out->result.winner = GAME_SIDE_NONE;
    if (value_is(s, start, end, "0") || value_is(s, start, end, "Draw")) {
        out->result.reason = GAME_END_DRAW_AGREED;
    } else if (value_is(s, start, end, "Void")) {
        out->result.reason = GAME_END_ABORTED;
    } else if (n >= 2 && (v[0] == 'B' || v[0] == 'W') && v[1] == '+') {
        char why = n > 2 ? v[2] : '\0';
        out->result.winner = v[0] == 'B' ? GAME_SIDE_P1 : GAME_SIDE_P2;
        out->result.reason = why == 'R'   ? GAME_END_RESIGNATION
                             : why == 'T' ? GAME_END_TIME
                             : why == 'F' ? GAME_END_OPPONENT_LEFT
                                          : GAME_END_FIVE;
    }
}

typedef struct parse_state {
    reader r;
    sgf_record *out;
    int started; /* the game is set up (after the root's first pass) */
    int size;    /* from SZ */
    gomoku_rule rule;
    int nmoves; /* moves read so far */
} parse_state;

/* An identifier: its capital letters (lower-case ones are FF[3] noise). */
static sgf_error read_ident(reader *r, char ident[4])
{
    int n = 0, any = 0;
    while (!at_end(r) && ((r->s[r->pos] >= 'A' && r->s[r->pos] <= 'Z') ||
                          (r->s[r->pos] >= 'a' && r->s[r->pos] <= 'z'))) {
        char ch = r->s[r->pos++];
        any = 1;
        if (ch >= 'A' && ch <= 'Z') {
            if (n < 3)
                ident[n] = ch;
            n++;
        }
    }
    if (!any)
        return SGF_ERR_SYNTAX;
    ident[n < 4 ? n : 3] = '\0';
    if (n > 3)
        ident[0] = '\0'; /* long identifiers are all unknown here */
    return SGF_OK;
}

/* Root information: SZ, RU, GM, PB, PW, RE. Only before the game starts. */
static sgf_error info_prop(parse_state *ps, const char *id, size_t vs, size_t ve)
{
    const char *s = ps->r.s;
    char word[16];
    if (strcmp(id, "GM") == 0 && !value_is(s, vs, ve, "4"))
        return SGF_ERR_NOT_GOMOKU;
    if (strcmp(id, "SZ") == 0)
        return parse_size(s, vs, ve, &ps->size);
    if (strcmp(id, "RU") == 0) {
        if (ve - vs >= sizeof word)
            return SGF_ERR_RULE;
        memcpy(word, s + vs, ve - vs);
        word[ve - vs] = '\0';
        return gomoku_rule_from_name(word, &ps->rule) == 0 ? SGF_OK : SGF_ERR_RULE;
    }
    if (strcmp(id, "PB") == 0)
        copy_text(s, vs, ve, ps->out->black);
    else if (strcmp(id, "PW") == 0)
        copy_text(s, vs, ve, ps->out->white);
    else if (strcmp(id, "RE") == 0)
        parse_result(s, vs, ve, ps->out);
    else if (strcmp(id, "ON") == 0)
        copy_text(s, vs, ve, ps->out->opening);
    return SGF_OK;
}

/* Setup and moves: AB, AW, PL, B, W. */
static sgf_error play_prop(parse_state *ps, const char *id, size_t vs, size_t ve, int nvalues)
{
    sgf_record *out = ps->out;
    gomoku *g = &out->game;
    int x, y;
    int is_move = strcmp(id, "B") == 0 || strcmp(id, "W") == 0;
    int is_setup = strcmp(id, "AB") == 0 || strcmp(id, "AW") == 0;
    sgf_error e;

    if (strcmp(id, "PL") == 0) {
        if (gomoku_move_count(g) > 0 || ps->nmoves > 0)
            return SGF_ERR_UNSUPPORTED;
        if (!value_is(ps->r.s, vs, ve, "B") && !value_is(ps->r.s, vs, ve, "W"))
            return SGF_ERR_SYNTAX;
        gomoku_set_turn(g, ps->r.s[vs] == 'B' ? GOMOKU_BLACK : GOMOKU_WHITE);
        return SGF_OK;
    }
    if (!is_move && !is_setup)
        return SGF_OK;
    if (is_move && nvalues > 1) {
        out->bad_move = ps->nmoves; /* B[hh][ii]: one move, two points */
        return SGF_ERR_SYNTAX;
    }
    if (is_move)
        ps->nmoves++;
    e = parse_point(&ps->r, vs, ve, ps->size, &x, &y);
    if (e != SGF_OK) {
        out->bad_move = is_move ? ps->nmoves : 0;
        return is_setup && memchr(ps->r.s + vs, ':', ve - vs) ? SGF_ERR_UNSUPPORTED : e;
    }
    if (is_setup) {
        if (ps->nmoves > 0)
            return SGF_ERR_UNSUPPORTED;
        return gomoku_setup(g, x, y, id[1] == 'B' ? GOMOKU_BLACK : GOMOKU_WHITE) == 0
                   ? SGF_OK
                   : SGF_ERR_ILLEGAL;
    }
    out->verdict = gomoku_check(g, id[0] == 'B' ? GOMOKU_BLACK : GOMOKU_WHITE, x, y);
    if (out->verdict == GOMOKU_OK)
        out->verdict = gomoku_play(g, x, y);
    if (out->verdict != GOMOKU_OK) {
        out->bad_move = ps->nmoves;
        out->point.x = (uint8_t)(x < 0 || x > 255 ? 255 : x);
        out->point.y = (uint8_t)(y < 0 || y > 255 ? 255 : y);
        return SGF_ERR_ILLEGAL;
    }
    return SGF_OK;
}

/* One node (at ';'), read twice: the first pass takes the root's game
 * information and starts the game, the second setup stones and moves. */
static sgf_error read_node(parse_state *ps)
{
    size_t node_start = ++ps->r.pos, moves_before = (size_t)ps->nmoves;
    for (int pass = ps->started ? 1 : 0; pass < 2; pass++) {
        ps->r.pos = node_start;
        ps->nmoves = (int)moves_before;
        while (peek(&ps->r) != '\0' && ps->r.s[ps->r.pos] != ';' && ps->r.s[ps->r.pos] != '(' &&
               ps->r.s[ps->r.pos] != ')') {
            char id[4];
            int nvalues = 0;
            sgf_error e = read_ident(&ps->r, id);
            while (e == SGF_OK && peek(&ps->r) == '[') {
                size_t vs, ve;
                e = read_value(&ps->r, &vs, &ve);
                nvalues++;
                if (e == SGF_OK && pass == 0)
                    e = info_prop(ps, id, vs, ve);
                else if (e == SGF_OK)
                    e = play_prop(ps, id, vs, ve, nvalues);
            }
            if (e == SGF_OK && nvalues == 0)
                e = SGF_ERR_SYNTAX; /* a property without a value */
            if (e != SGF_OK)
                return e;
        }
        if (pass == 0) {
            if (gomoku_init(&ps->out->game, ps->size, ps->rule) != 0)
                return SGF_ERR_SIZE;
            ps->started = 1;
        }
    }
    return SGF_OK;
}

/* Past the main line: the other variations and closing parentheses. */
static sgf_error skip_rest(reader *r, int depth)
{
    while (depth > 0) {
        char ch = peek(r);
        size_t vs, ve;
        if (ch == '\0')
            return SGF_ERR_SYNTAX;
        if (ch == '[') {
            if (read_value(r, &vs, &ve) != SGF_OK)
                return SGF_ERR_SYNTAX;
            continue;
        }
        depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
        r->pos++;
    }
    return SGF_OK;
}

sgf_error sgf_read(const char *text, size_t len, sgf_record *out)
{
    parse_state ps;
    int depth = 0;
    sgf_error e = SGF_OK;

    memset(out, 0, sizeof *out);
    memset(&ps, 0, sizeof ps);
    ps.r.s = text;
    ps.r.len = text ? len : 0;
    ps.out = out;
    ps.size = GOMOKU_DEFAULT_SIZE;
    ps.rule = GOMOKU_FREESTYLE;
    gomoku_init(&out->game, ps.size, ps.rule);

    if (peek(&ps.r) != '(')
        e = SGF_ERR_SYNTAX;
    while (e == SGF_OK) {
        char ch = peek(&ps.r);
        if (ch == '(') {
            depth++; /* into the first variation */
            ps.r.pos++;
        } else if (ch == ';') {
            e = read_node(&ps);
        } else if (ch == ')' && ps.started) {
            ps.r.pos++;
            e = skip_rest(&ps.r, depth - 1);
            break;
        } else {
            e = SGF_ERR_SYNTAX; /* end of text, a stray byte, or a tree without nodes */
        }
    }
    out->offset = ps.r.pos;
    if (out->result.reason == GAME_END_DRAW_AGREED && gomoku_get_status(&out->game) == GOMOKU_DRAW)
        out->result.reason = GAME_END_BOARD_FULL;
    return e;
}
