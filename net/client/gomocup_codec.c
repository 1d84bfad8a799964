/* gomocup_codec.c: Gomocup lines parsed and written (see gomocup_codec.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gomocup_codec.h"

/* "12,7" (spaces allowed around the numbers): 0 and the two numbers. */
static int parse_xy(const char *s, int *x, int *y)
{
    char *end;
    long a, b;
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    a = strtol(s, &end, 10);
    while (*end == ' ')
        end++;
    if (*end != ',' || errno)
        return -1;
    s = end + 1;
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    b = strtol(s, &end, 10);
    while (*end == ' ')
        end++;
    if (*end || errno || a > 1000 || b > 1000)
        return -1;
    *x = (int)a;
    *y = (int)b;
    return 0;
}

/* "x,y x,y[ x,y]": two or three stones, written without spaces inside;
 * 0 and out->n, out->xy. */
static int parse_stones(const char *s, gomocup_msg *out)
{
    char tok[24];
    int used, n = 0;
    while (*s) {
        if (n == 3 || sscanf(s, " %23s%n", tok, &used) != 1)
            return -1;
        if (parse_xy(tok, &out->xy[2 * n], &out->xy[2 * n + 1]) != 0)
            return -1;
        n++;
        s += used;
        while (*s == ' ')
            s++;
    }
    if (n < 2)
        return -1;
    out->n = n;
    return 0;
}

/* Does line start with the keyword kw (any case), followed by the end or
 * a space? Then *rest is what follows the space. */
static int keyword(const char *line, const char *kw, const char **rest)
{
    size_t n = strlen(kw);
    for (size_t i = 0; i < n; i++)
        if (toupper((unsigned char)line[i]) != kw[i])
            return 0;
    if (line[n] != 0 && line[n] != ' ')
        return 0;
    *rest = line[n] ? line + n + 1 : line + n;
    return 1;
}

int gomocup_parse_line(const char *line, gomocup_msg *out, char *err, size_t errcap)
{
    static const struct {
        const char *kw;
        gomocup_msg_type type;
    } words[] = {
        {"OK", GOMOCUP_MSG_OK},           {"ERROR", GOMOCUP_MSG_ERROR},
        {"UNKNOWN", GOMOCUP_MSG_UNKNOWN}, {"MESSAGE", GOMOCUP_MSG_MESSAGE},
        {"DEBUG", GOMOCUP_MSG_DEBUG},     {"SUGGEST", GOMOCUP_MSG_SUGGEST},
        {"SWAP", GOMOCUP_MSG_SWAP},
    };
    char clean[1024];
    size_t len;
    const char *rest;
    memset(out, 0, sizeof *out);
    snprintf(clean, sizeof clean, "%s", line);
    len = strlen(clean);
    while (len && (clean[len - 1] == '\r' || clean[len - 1] == '\n' || clean[len - 1] == ' '))
        clean[--len] = 0;
    if (parse_xy(clean, &out->x, &out->y) == 0) {
        out->type = GOMOCUP_MSG_MOVE;
        return 0;
    }
    if (parse_stones(clean, out) == 0) {
        out->type = GOMOCUP_MSG_STONES;
        return 0;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (!keyword(clean, words[i].kw, &rest))
            continue;
        out->type = words[i].type;
        snprintf(out->text, sizeof out->text, "%s", rest);
        if (out->type == GOMOCUP_MSG_SUGGEST && parse_xy(rest, &out->x, &out->y) != 0) {
            snprintf(err, errcap, "SUGGEST '%.40s' is not x,y", rest);
            return -1;
        }
        return 0;
    }
    snprintf(err, errcap, "'%.60s' is not a Gomocup answer", clean);
    return -1;
}

int gomocup_rule_bits(game_rule rule)
{
    switch (rule) {
    case GAME_RULE_STANDARD:
        return 1;
    case GAME_RULE_RENJU:
        return 4;
    case GAME_RULE_FREESTYLE:
        break;
    }
    return 0;
}

void gomocup_from_move(const game_move *m, int height, int *x, int *y)
{
    *x = m->to_x;
    *y = height - 1 - m->to_y;
}

int gomocup_to_move(int x, int y, int width, int height, game_move *out)
{
    if (x < 0 || y < 0 || x >= width || y >= height)
        return -1;
    out->from_x = GAME_NO_SQUARE;
    out->from_y = GAME_NO_SQUARE;
    out->to_x = (uint8_t)x;
    out->to_y = (uint8_t)(height - 1 - y);
    out->promotion = GAME_PROMO_NONE;
    return 0;
}

int gomocup_write_start(char *buf, size_t cap, int width, int height)
{
    if (width == height)
        return snprintf(buf, cap, "START %d\n", width);
    return snprintf(buf, cap, "RECTSTART %d,%d\n", width, height);
}

int gomocup_write_info(char *buf, size_t cap, const char *key, const char *value)
{
    return snprintf(buf, cap, "INFO %s %s\n", key, value);
}

int gomocup_write_turn(char *buf, size_t cap, int x, int y)
{
    return snprintf(buf, cap, "TURN %d,%d\n", x, y);
}

int gomocup_write_board_stone(char *buf, size_t cap, int x, int y, int who)
{
    return snprintf(buf, cap, "%d,%d,%d\n", x, y, who);
}
