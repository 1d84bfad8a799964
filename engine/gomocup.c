/* gomocup.c: the Gomocup protocol codec; see gomocup.h. */
#include "gomocup.h"

#include <stdio.h>
#include <string.h>

typedef struct keyword {
    const char *name;
    gomocup_kind kind;
    int args; /* 0 none, 1 one number, 2 "x,y", 3 "key value" */
} keyword;

static const keyword keywords[] = {
    {"START", GOMOCUP_START, 1},       {"RECTSTART", GOMOCUP_RECTSTART, 2},
    {"RESTART", GOMOCUP_RESTART, 0},   {"BEGIN", GOMOCUP_BEGIN, 0},
    {"TURN", GOMOCUP_TURN, 2},         {"PLAY", GOMOCUP_PLAY, 2},
    {"BOARD", GOMOCUP_BOARD, 0},       {"SWAP2BOARD", GOMOCUP_SWAP2BOARD, 0},
    {"DONE", GOMOCUP_DONE, 0},         {"INFO", GOMOCUP_INFO, 3},
    {"END", GOMOCUP_END, 0},           {"ABOUT", GOMOCUP_ABOUT, 0},
    {"TAKEBACK", GOMOCUP_TAKEBACK, 2},
};

static const struct {
    const char *name;
    gomocup_info_key key;
} info_keys[] = {
    {"timeout_turn", GOMOCUP_INFO_TIMEOUT_TURN}, {"timeout_match", GOMOCUP_INFO_TIMEOUT_MATCH},
    {"time_left", GOMOCUP_INFO_TIME_LEFT},       {"max_memory", GOMOCUP_INFO_MAX_MEMORY},
    {"game_type", GOMOCUP_INFO_GAME_TYPE},       {"rule", GOMOCUP_INFO_RULE},
    {"evaluate", GOMOCUP_INFO_EVALUATE},         {"folder", GOMOCUP_INFO_FOLDER},
};

static int is_space(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static int upper(int ch)
{
    return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static const char *skip_spaces(const char *s)
{
    while (*s && is_space((unsigned char)*s))
        s++;
    return s;
}

static gomocup_error fail(const char **why, const char *text, gomocup_error e)
{
    if (why)
        *why = text;
    return e;
}

/* Reads up to `max` comma-separated non-negative numbers (spaces allowed
 * around them) filling the whole of s. Returns how many, or -1 if malformed,
 * -2 if a number is larger than GOMOCUP_MAX_COORD. */
static int read_numbers(const char *s, int *out, int max)
{
    int n = 0;
    s = skip_spaces(s);
    if (*s == '\0')
        return 0;
    for (;;) {
        long v = 0;
        int digits = 0;
        s = skip_spaces(s);
        while (*s >= '0' && *s <= '9') {
            if (v <= GOMOCUP_MAX_COORD)
                v = v * 10 + (*s - '0');
            digits++;
            s++;
        }
        if (digits == 0 || n == max)
            return -1;
        if (v > GOMOCUP_MAX_COORD)
            return -2;
        out[n++] = (int)v;
        s = skip_spaces(s);
        if (*s == '\0')
            return n;
        if (*s != ',')
            return -1;
        s++;
    }
}

static gomocup_error parse_point_line(const char *s, gomocup_cmd *out, const char **why)
{
    int v[3] = {0, 0, 0};
    int n = read_numbers(s, v, 3);
    if (n == -2)
        return fail(why, "coordinate out of range", GOMOCUP_ERR_RANGE);
    if (n < 2)
        return fail(why, "expected x,y or x,y,field", GOMOCUP_ERR_ARGUMENTS);
    out->x = v[0];
    out->y = v[1];
    if (n == 2) {
        out->kind = GOMOCUP_POINT;
        return GOMOCUP_OK;
    }
    if (v[2] < 1 || v[2] > 3)
        return fail(why, "field must be 1 (own), 2 (opponent) or 3 (winning line)",
                    GOMOCUP_ERR_RANGE);
    out->kind = GOMOCUP_FIELD;
    out->field = v[2];
    return GOMOCUP_OK;
}

static gomocup_error parse_info(const char *s, gomocup_cmd *out, const char **why)
{
    size_t n = 0, len;
    const char *v;
    s = skip_spaces(s);
    while (s[n] && !is_space((unsigned char)s[n])) {
        if (n + 1 >= sizeof out->key)
            return fail(why, "INFO key too long", GOMOCUP_ERR_ARGUMENTS);
        out->key[n] = (char)lower((unsigned char)s[n]);
        n++;
    }
    out->key[n] = '\0';
    if (n == 0)
        return fail(why, "INFO needs a key and a value", GOMOCUP_ERR_ARGUMENTS);
    v = skip_spaces(s + n);
    len = strlen(v);
    if (len >= sizeof out->value)
        len = sizeof out->value - 1;
    memcpy(out->value, v, len);
    out->value[len] = '\0';
    out->info = GOMOCUP_INFO_OTHER;
    for (size_t i = 0; i < sizeof info_keys / sizeof info_keys[0]; i++)
        if (strcmp(out->key, info_keys[i].name) == 0)
            out->info = info_keys[i].key;
    out->number = -1;
    if (len > 0 && len <= 15 && strspn(out->value, "0123456789") == len) {
        out->number = 0;
        for (size_t i = 0; i < len; i++)
            out->number = out->number * 10 + (out->value[i] - '0');
    }
    if (out->info != GOMOCUP_INFO_OTHER && out->info != GOMOCUP_INFO_FOLDER &&
        out->info != GOMOCUP_INFO_EVALUATE && out->number < 0)
        return fail(why, "INFO value must be a non-negative number", GOMOCUP_ERR_ARGUMENTS);
    return GOMOCUP_OK;
}

static gomocup_error parse_args(const keyword *k, const char *s, gomocup_cmd *out, const char **why)
{
    int v[2] = {0, 0};
    int n;
    if (k->args == 3)
        return parse_info(s, out, why);
    n = read_numbers(s, v, 2);
    if (n == -2)
        return fail(why, "number out of range", GOMOCUP_ERR_RANGE);
    if (k->args == 0) {
        if (n != 0)
            return fail(why, "this command takes no arguments", GOMOCUP_ERR_ARGUMENTS);
        return GOMOCUP_OK;
    }
    if (n != k->args)
        return fail(why, k->args == 1 ? "expected one number" : "expected x,y",
                    GOMOCUP_ERR_ARGUMENTS);
    if (k->kind == GOMOCUP_START) {
        out->w = out->h = v[0];
    } else if (k->kind == GOMOCUP_RECTSTART) {
        out->w = v[0];
        out->h = v[1];
    } else {
        out->x = v[0];
        out->y = v[1];
    }
    return GOMOCUP_OK;
}

gomocup_error gomocup_parse(const char *line, gomocup_cmd *out, const char **why)
{
    char word[16];
    size_t n = 0;
    const char *s = skip_spaces(line);
    memset(out, 0, sizeof *out);
    out->number = -1;
    if (*s == '\0')
        return fail(why, "empty line", GOMOCUP_ERR_EMPTY);
    if (*s >= '0' && *s <= '9')
        return parse_point_line(s, out, why);
    while (s[n] && !is_space((unsigned char)s[n])) {
        if (n + 1 >= sizeof word)
            return fail(why, "unknown command", GOMOCUP_ERR_UNKNOWN);
        word[n] = (char)upper((unsigned char)s[n]);
        n++;
    }
    word[n] = '\0';
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (strcmp(word, keywords[i].name) == 0) {
            out->kind = keywords[i].kind;
            return parse_args(&keywords[i], s + n, out, why);
        }
    }
    return fail(why, "unknown command", GOMOCUP_ERR_UNKNOWN);
}

const char *gomocup_strerror(gomocup_error e)
{
    switch (e) {
    case GOMOCUP_OK:
        return "ok";
    case GOMOCUP_ERR_EMPTY:
        return "empty line";
    case GOMOCUP_ERR_UNKNOWN:
        return "unknown command";
    case GOMOCUP_ERR_ARGUMENTS:
        return "bad arguments";
    case GOMOCUP_ERR_RANGE:
        return "number out of range";
    }
    return "unknown error";
}

static int finish(int n, size_t cap)
{
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

int gomocup_format_move(char *buf, size_t cap, int x, int y)
{
    return finish(snprintf(buf, cap, "%d,%d", x, y), cap);
}

int gomocup_format_moves(char *buf, size_t cap, const int *xy, int n)
{
    size_t used = 0;
    if (cap == 0)
        return -1;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        int k = snprintf(buf + used, cap - used, "%s%d,%d", i ? " " : "", xy[2 * i], xy[2 * i + 1]);
        if (k < 0 || (size_t)k >= cap - used)
            return -1;
        used += (size_t)k;
    }
    return (int)used;
}

int gomocup_format_text(char *buf, size_t cap, const char *word, const char *text)
{
    return finish(snprintf(buf, cap, "%s%s%s", word, text && *text ? " " : "", text ? text : ""),
                  cap);
}
