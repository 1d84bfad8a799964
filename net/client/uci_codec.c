/* uci_codec.c: UCI lines parsed and written (see uci_codec.h). */
#include <stdio.h>
#include <string.h>

#include "client_coord.h"
#include "uci_codec.h"

/* The next word of *p (spaces and tabs skipped), copied into buf; 0 when
 * there is none. */
static size_t next_word(const char **p, char *buf, size_t cap)
{
    const char *s = *p;
    size_t n = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    while (*s && *s != ' ' && *s != '\t') {
        if (n + 1 < cap)
            buf[n++] = *s;
        s++;
    }
    if (cap)
        buf[n] = 0;
    *p = s;
    return n;
}

static void copy_rest(const char *p, char *buf, size_t cap)
{
    while (*p == ' ' || *p == '\t')
        p++;
    snprintf(buf, cap, "%s", p);
}

int uci_parse_move(const char *t, game_move *out)
{
    static const char promos[] = "nbrq";
    size_t len = strlen(t);
    game_move m;
    if (len != 4 && len != 5)
        return -1;
    if (t[0] < 'a' || t[0] > 'h' || t[1] < '1' || t[1] > '8' || t[2] < 'a' || t[2] > 'h' ||
        t[3] < '1' || t[3] > '8')
        return -1;
    m.from_x = (uint8_t)(t[0] - 'a');
    m.from_y = (uint8_t)(t[1] - '1');
    m.to_x = (uint8_t)(t[2] - 'a');
    m.to_y = (uint8_t)(t[3] - '1');
    m.promotion = GAME_PROMO_NONE;
    if (len == 5) {
        const char *q = t[4] ? strchr(promos, t[4]) : NULL;
        if (!q)
            return -1;
        m.promotion = (uint8_t)(GAME_PROMO_KNIGHT + (q - promos));
    }
    *out = m;
    return 0;
}

int uci_parse_line(const char *line, uci_msg *out, char *err, size_t errcap)
{
    char word[32], clean[1024];
    const char *p = clean;
    size_t len;
    memset(out, 0, sizeof *out);
    snprintf(clean, sizeof clean, "%s", line);
    len = strlen(clean);
    while (len && (clean[len - 1] == '\r' || clean[len - 1] == '\n'))
        clean[--len] = 0;
    if (!next_word(&p, word, sizeof word))
        return 0; /* an empty line */
    if (strcmp(word, "uciok") == 0) {
        out->type = UCI_MSG_UCIOK;
    } else if (strcmp(word, "readyok") == 0) {
        out->type = UCI_MSG_READYOK;
    } else if (strcmp(word, "id") == 0) {
        out->type = UCI_MSG_ID;
        copy_rest(p, out->text, sizeof out->text);
    } else if (strcmp(word, "option") == 0) {
        out->type = UCI_MSG_OPTION;
        copy_rest(p, out->text, sizeof out->text);
    } else if (strcmp(word, "info") == 0) {
        out->type = UCI_MSG_INFO;
        copy_rest(p, out->text, sizeof out->text);
    } else if (strcmp(word, "bestmove") == 0) {
        char mv[32];
        out->type = UCI_MSG_BESTMOVE;
        if (!next_word(&p, mv, sizeof mv)) {
            snprintf(err, errcap, "bestmove without a move");
            return -1;
        }
        if (uci_parse_move(mv, &out->move) != 0) {
            snprintf(err, errcap, "bestmove '%.20s' is not a move", mv);
            return -1;
        }
        snprintf(out->move_text, sizeof out->move_text, "%s", mv);
    }
    return 0;
}

int uci_write_setoption(char *buf, size_t cap, const char *name, const char *value)
{
    if (!name || !*name || strchr(name, '\n') || (value && strchr(value, '\n')))
        return -1;
    if (value && *value)
        return snprintf(buf, cap, "setoption name %s value %s\n", name, value);
    return snprintf(buf, cap, "setoption name %s\n", name);
}

/* Appends text at buf[*len] while it fits (cap counts the NUL); *len
 * counts every byte, written or not. */
static void put(char *buf, size_t cap, size_t *len, const char *text)
{
    size_t n = strlen(text);
    if (buf && *len + n < cap) {
        memcpy(buf + *len, text, n + 1);
    } else if (buf && cap && *len < cap) {
        buf[*len] = 0; /* cut: the caller sees the length needed */
    }
    *len += n;
}

int uci_write_position(char *buf, size_t cap, const game_move *moves, size_t count)
{
    size_t len = 0;
    if (buf && cap)
        buf[0] = 0;
    put(buf, cap, &len, count ? "position startpos moves" : "position startpos");
    for (size_t i = 0; i < count; i++) {
        char mv[16];
        mv[0] = ' ';
        client_move_coord(&moves[i], mv + 1, sizeof mv - 1);
        put(buf, cap, &len, mv);
    }
    put(buf, cap, &len, "\n");
    return (int)len;
}

int uci_write_go(char *buf, size_t cap, const uci_go *go)
{
    if (go->clock)
        return snprintf(buf, cap, "go wtime %lu btime %lu winc %lu binc %lu\n",
                        (unsigned long)go->wtime, (unsigned long)go->btime, (unsigned long)go->winc,
                        (unsigned long)go->binc);
    return snprintf(buf, cap, "go movetime %lu\n", (unsigned long)go->movetime);
}
