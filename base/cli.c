/* cli.c: the one command-line parser and --help writer (cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { HELP_WIDTH = 79, HELP_COLUMN_MAX = 26 };

const char *cli_strerror(cli_status s)
{
    switch (s) {
    case CLI_OK:
        return "ok";
    case CLI_HELP_ASKED:
        return "help asked";
    case CLI_VERSION_ASKED:
        return "version asked";
    case CLI_ERR_UNKNOWN:
        return "unknown option";
    case CLI_ERR_MISSING:
        return "option needs a value";
    case CLI_ERR_EXTRA:
        return "option takes no value";
    case CLI_ERR_NUMBER:
        return "not a number in range";
    case CLI_ERR_NAME:
        return "not one of the names";
    case CLI_ERR_EMPTY:
        return "empty value";
    case CLI_ERR_VALUE:
        return "bad value";
    case CLI_ERR_ARGUMENT:
        return "unexpected argument";
    }
    return "unknown status";
}

/* ---- reading values -------------------------------------------------- */

static int takes_value(const cli_option *o)
{
    return o->kind != CLI_FLAG && o->kind != CLI_HELP && o->kind != CLI_VERSION &&
           o->kind != CLI_SECTION;
}

/* Stores v in a field of 1, 2, 4 or 8 bytes (two's complement for
 * negative numbers in signed fields). */
static void store(void *field, size_t size, unsigned long long v)
{
    uint8_t b1 = (uint8_t)v;
    uint16_t b2 = (uint16_t)v;
    uint32_t b4 = (uint32_t)v;
    uint64_t b8 = (uint64_t)v;
    switch (size) {
    case 1:
        memcpy(field, &b1, 1);
        break;
    case 2:
        memcpy(field, &b2, 2);
        break;
    case 4:
        memcpy(field, &b4, 4);
        break;
    default:
        memcpy(field, &b8, sizeof b8 < size ? sizeof b8 : size);
        break;
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Decimal digits only, no sign and no spaces. */
static int read_unsigned(const char *s, unsigned long long *out)
{
    char *end;
    if (!is_digit(*s))
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno != 0 || *end != '\0' ? -1 : 0;
}

static int read_signed(const char *s, long long *out)
{
    char *end;
    if (!is_digit(*s) && !(*s == '-' && is_digit(s[1])))
        return -1;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return errno != 0 || *end != '\0' ? -1 : 0;
}

/* A decimal number as strtod reads it, from a digit, '-' or '.' on (no
 * spaces, no inf or nan). */
static int read_double(const char *s, double *out)
{
    char *end;
    if (!is_digit(*s) && !((*s == '-' || *s == '.') && s[1] != '\0'))
        return -1;
    errno = 0;
    *out = strtod(s, &end);
    return *end != '\0' || errno == ERANGE ? -1 : 0;
}

int cli_read_decimal(const char *s, unsigned long long scale, unsigned long long *out)
{
    unsigned long long whole = 0, frac = 0, div = 1;
    if (!is_digit(*s) || scale == 0 || scale > 1000000)
        return -1;
    while (is_digit(*s)) {
        whole = whole * 10 + (unsigned long long)(*s++ - '0');
        if (whole > 1000000000000ULL)
            return -1;
    }
    if (*s == '.') {
        s++;
        if (!is_digit(*s))
            return -1;
        for (; is_digit(*s); s++)
            if (div < 1000) {
                frac = frac * 10 + (unsigned long long)(*s - '0');
                div *= 10;
            }
    }
    if (*s != '\0')
        return -1;
    *out = whole * scale + frac * scale / div;
    return 0;
}

/* "2", "0.1", "86400": milliseconds as seconds, for messages. */
static void seconds_text(unsigned long long ms, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%llu.%03llu", ms / 1000, ms % 1000);
    while (n > 0 && (size_t)n < cap && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && (size_t)n < cap && buf[n - 1] == '.')
        buf[n - 1] = '\0';
}

static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

size_t cli_enum_list(cli_name_fn name_of, char *buf, size_t cap)
{
    size_t len = 0;
    int n = 0;
    while (name_of(n))
        n++;
    if (cap)
        buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
        int w = snprintf(len < cap ? buf + len : NULL, len < cap ? cap - len : 0, "%s%s", sep,
                         name_of(i));
        len += w > 0 ? (size_t)w : 0;
    }
    return len;
}

/* Reads value into the option's field; on an error writes the message. */
static cli_status apply_value(const cli_option *o, const char *value, void *target, char *err,
                              size_t cap)
{
    char *field = (char *)target + o->offset;
    unsigned long long u;
    long long v;
    char lo[32], hi[32], why[256];
    switch (o->kind) {
    case CLI_STRING:
        if (o->umin > 0 && !*value) {
            snprintf(err, cap, "--%s: %s may not be empty", o->name, o->arg ? o->arg : "the value");
            return CLI_ERR_EMPTY;
        }
        memcpy(field, &value, sizeof value);
        return CLI_OK;
    case CLI_INT:
        if (read_signed(value, &v) != 0 || v < o->min || v > o->max) {
            snprintf(err, cap, "--%s: '%s' is not a number from %lld to %lld", o->name, value,
                     o->min, o->max);
            return CLI_ERR_NUMBER;
        }
        store(field, o->size, (unsigned long long)v);
        return CLI_OK;
    case CLI_UINT:
        if (read_unsigned(value, &u) != 0 || u < o->umin || u > o->umax) {
            snprintf(err, cap, "--%s: '%s' is not a number from %llu to %llu", o->name, value,
                     o->umin, o->umax);
            return CLI_ERR_NUMBER;
        }
        store(field, o->size, o->scale ? u * o->scale : u);
        return CLI_OK;
    case CLI_SECONDS:
        if (cli_read_decimal(value, 1000, &u) != 0 || u < o->umin || u > o->umax) {
            seconds_text(o->umin, lo, sizeof lo);
            seconds_text(o->umax, hi, sizeof hi);
            snprintf(err, cap, "--%s: '%s' is not a number of seconds from %s to %s", o->name,
                     value, lo, hi);
            return CLI_ERR_NUMBER;
        }
        store(field, o->size, u);
        return CLI_OK;
    case CLI_DOUBLE: {
        double d = 0;
        if (read_double(value, &d) != 0 || !(d >= o->dmin && d <= o->dmax)) {
            snprintf(err, cap, "--%s: '%s' is not a number from %g to %g", o->name, value, o->dmin,
                     o->dmax);
            return CLI_ERR_NUMBER;
        }
        memcpy(field, &d, sizeof d < o->size ? sizeof d : o->size);
        return CLI_OK;
    }
    case CLI_ENUM:
        for (int i = 0; o->name_of(i); i++)
            if (same_name(value, o->name_of(i))) {
                store(field, o->size, (unsigned long long)i);
                return CLI_OK;
            }
        cli_enum_list(o->name_of, why, sizeof why);
        snprintf(err, cap, "--%s: '%s' is not %s", o->name, value, why);
        return CLI_ERR_NAME;
    case CLI_CUSTOM:
        why[0] = '\0';
        if (o->parse(target, value, why, sizeof why) != 0) {
            snprintf(err, cap, "--%s: %s", o->name, why[0] ? why : "bad value");
            return CLI_ERR_VALUE;
        }
        return CLI_OK;
    default:
        return CLI_OK;
    }
}

/* The option named by word (after its dashes, up to '=' or its end). */
static const cli_option *find_long(const cli_program *p, const char *name, size_t n)
{
    for (size_t i = 0; i < p->count; i++) {
        const cli_option *o = &p->options[i];
        if (o->kind != CLI_SECTION && o->name && strlen(o->name) == n &&
            strncmp(o->name, name, n) == 0)
            return o;
    }
    return NULL;
}

static const cli_option *find_short(const cli_program *p, char c)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->options[i].kind != CLI_SECTION && c && p->options[i].short_name == c)
            return &p->options[i];
    return NULL;
}

cli_status cli_parse(const cli_program *p, int argc, char **argv, int first, void *target,
                     char *err, size_t cap)
{
    int flags_done = 0;
    if (cap)
        err[0] = '\0';
    for (int i = first; i < argc; i++) {
        const char *a = argv[i], *value = NULL, *eq = NULL;
        const cli_option *o;
        cli_status s;
        if (!flags_done && strcmp(a, "--") == 0) {
            flags_done = 1;
            continue;
        }
        if (flags_done || a[0] != '-' || a[1] == '\0') {
            char why[256] = "";
            if (!p->positional) {
                snprintf(err, cap, "unexpected argument '%s'", a);
                return CLI_ERR_ARGUMENT;
            }
            if (p->positional(target, a, why, sizeof why) != 0) {
                snprintf(err, cap, "%s", why[0] ? why : "unexpected argument");
                return CLI_ERR_ARGUMENT;
            }
            continue;
        }
        if (a[1] == '-') {
            eq = strchr(a + 2, '=');
            o = find_long(p, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
        } else {
            o = a[2] == '\0' ? find_short(p, a[1]) : NULL;
        }
        if (!o) {
            snprintf(err, cap, "unknown option '%.*s'", eq ? (int)(eq - a) : (int)strlen(a), a);
            return CLI_ERR_UNKNOWN;
        }
        if (!takes_value(o)) {
            if (eq) {
                snprintf(err, cap, "--%s takes no value", o->name);
                return CLI_ERR_EXTRA;
            }
            if (o->kind == CLI_HELP)
                return CLI_HELP_ASKED;
            if (o->kind == CLI_VERSION)
                return CLI_VERSION_ASKED;
            store((char *)target + o->offset, o->size, 1);
            continue;
        }
        if (eq)
            value = eq + 1;
        else if (i + 1 < argc)
            value = argv[++i];
        else {
            snprintf(err, cap, "--%s needs a value", o->name);
            return CLI_ERR_MISSING;
        }
        s = apply_value(o, value, target, err, cap);
        if (s != CLI_OK)
            return s;
    }
    return CLI_OK;
}

/* ---- --help ---------------------------------------------------------- */

typedef struct sink {
    char *buf;
    size_t cap, len;
    FILE *f;
    int failed;
    size_t column; /* of the line being written */
} sink;

static void put(sink *s, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s->column = text[i] == '\n' ? 0 : s->column + 1;
    if (s->f) {
        if (n && fwrite(text, 1, n, s->f) != n)
            s->failed = 1;
    } else if (s->len < s->cap) {
        size_t room = s->cap - s->len - 1;
        memcpy(s->buf + s->len, text, n < room ? n : room);
        s->buf[s->len + (n < room ? n : room)] = '\0';
    }
    s->len += n;
}

static void puts_(sink *s, const char *text)
{
    put(s, text, strlen(text));
}

static void pad_to(sink *s, size_t column)
{
    while (s->column < column)
        put(s, " ", 1);
}

/* The flag's left column: "  --port N", "  -h, --help". */
static size_t left_text(const cli_option *o, char *buf, size_t cap)
{
    int n;
    if (o->short_name)
        n = snprintf(buf, cap, "  -%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
    else
        n = snprintf(buf, cap, "  --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    return n > 0 ? (size_t)n : 0;
}

/* Writes text word by word, wrapping at HELP_WIDTH and indenting the
 * following lines to column; a '\n' in text starts a new line. */
static void wrap(sink *s, const char *text, size_t column)
{
    while (*text) {
        size_t n = strcspn(text, " \n");
        if (s->column > column && s->column + 1 + n > HELP_WIDTH) {
            put(s, "\n", 1);
            pad_to(s, column);
        } else if (s->column > column) {
            put(s, " ", 1);
        }
        pad_to(s, column);
        put(s, text, n);
        text += n;
        if (*text == '\n') {
            put(s, "\n", 1);
            pad_to(s, column);
        }
        while (*text == ' ' || *text == '\n')
            text++;
    }
}

/* The option's help with "{names}" replaced by an enum's names. */
static const char *help_text(const cli_option *o, char *buf, size_t cap)
{
    const char *at = o->kind == CLI_ENUM ? strstr(o->help, "{names}") : NULL;
    size_t n;
    if (!at)
        return o->help;
    n = (size_t)snprintf(buf, cap, "%.*s", (int)(at - o->help), o->help);
    if (n < cap)
        n += cli_enum_list(o->name_of, buf + n, cap - n);
    if (n < cap)
        snprintf(buf + n, cap - n, "%s", at + 7);
    return buf;
}

static void write_help(const cli_program *p, sink *s)
{
    char left[128], text[2048];
    size_t column = 0;
    for (size_t i = 0; i < p->count; i++) {
        size_t n =
            p->options[i].kind == CLI_SECTION ? 0 : left_text(&p->options[i], left, sizeof left);
        if (n <= HELP_COLUMN_MAX && n > column)
            column = n;
    }
    column += 2;
    puts_(s, "usage: ");
    puts_(s, p->synopsis ? p->synopsis : p->name);
    puts_(s, "\n");
    if (p->about) {
        puts_(s, "\n");
        puts_(s, p->about);
    }
    for (size_t i = 0; i < p->count; i++) {
        const cli_option *o = &p->options[i];
        if (o->kind == CLI_SECTION) {
            puts_(s, "\n");
            puts_(s, o->help);
            puts_(s, "\n");
            continue;
        }
        if (i == 0)
            puts_(s, "\n");
        left_text(o, left, sizeof left);
        puts_(s, left);
        if (o->help)
            wrap(s, help_text(o, text, sizeof text), column);
        puts_(s, "\n");
    }
    if (p->epilog) {
        puts_(s, "\n");
        puts_(s, p->epilog);
    }
}

size_t cli_help(const cli_program *p, char *buf, size_t cap)
{
    sink s = {buf, cap, 0, NULL, 0, 0};
    if (cap)
        buf[0] = '\0';
    write_help(p, &s);
    return s.len;
}

int cli_print_help(const cli_program *p, FILE *f)
{
    sink s = {NULL, 0, 0, f, 0, 0};
    write_help(p, &s);
    return s.failed || fflush(f) != 0 ? -1 : 0;
}

int cli_usage_error(const cli_program *p, FILE *f, const char *message)
{
    fprintf(f, "%s: %s (see --help)\n", p->name, message);
    fflush(f);
    return 2;
}

const char *cli_duplicate(const cli_program *p)
{
    for (size_t i = 0; i < p->count; i++) {
        const cli_option *a = &p->options[i];
        if (a->kind == CLI_SECTION)
            continue;
        for (size_t j = 0; j < i; j++) {
            const cli_option *b = &p->options[j];
            if (b->kind == CLI_SECTION)
                continue;
            if (strcmp(a->name, b->name) == 0 || (a->short_name && a->short_name == b->short_name))
                return a->name;
        }
    }
    return NULL;
}
