/* pgn.c: PGN export and import for chess games. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pgn.h"
#include "game_chess.h"
#include "chess_notation.h"
#include "grow.h"

enum { PGN_LINE_MAX = 80 };

/* ---- export ---- */

/* An snprintf-style writer: counts everything, stores what fits. */
typedef struct pgn_out {
    char *buf;
    size_t cap, len;
    size_t col; /* column of the movetext line */
} pgn_out;

static void put(pgn_out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, o->len++)
        if (o->len + 1 < o->cap)
            o->buf[o->len] = s[i];
}

static void put_str(pgn_out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_tag(pgn_out *o, const char *name, const char *value)
{
    put_str(o, "[");
    put_str(o, name);
    put_str(o, " \"");
    for (const char *p = value; *p; p++) {
        if (*p == '"' || *p == '\\')
            put(o, "\\", 1);
        put(o, (unsigned char)*p < ' ' ? " " : p, 1);
    }
    put_str(o, "\"]\n");
}

/* A movetext token, wrapped so no line passes 80 columns. */
static void put_token(pgn_out *o, const char *tok)
{
    size_t n = strlen(tok);
    if (o->col > 0 && o->col + 1 + n > PGN_LINE_MAX) {
        put(o, "\n", 1);
        o->col = 0;
    } else if (o->col > 0) {
        put(o, " ", 1);
        o->col++;
    }
    put(o, tok, n);
    o->col += n;
}

static const char *result_token(game_result r)
{
    if (r.reason == GAME_END_NONE)
        return "*";
    if (r.winner == GAME_SIDE_P1)
        return "1-0";
    if (r.winner == GAME_SIDE_P2)
        return "0-1";
    return "1/2-1/2";
}

/* The PGN Termination tag's standard values. */
static const char *termination(game_end_reason r)
{
    switch (r) {
    case GAME_END_NONE:
        return "unterminated";
    case GAME_END_TIME:
        return "time forfeit";
    case GAME_END_OPPONENT_LEFT:
    case GAME_END_ABORTED:
        return "abandoned";
    default:
        return "normal";
    }
}

static const char *or_unknown(const char *s, const char *unknown)
{
    return s && *s ? s : unknown;
}

int pgn_write(const game *g, const game_record_info *info, game_result final, char *buf, size_t cap)
{
    static const game_record_info none = {0};
    pgn_out o = {buf, cap, 0, 0};
    char text[CHESS_FEN_MAX];
    const chess_position *start = game_chess_start_position(g);
    chess_position pos = *start;

    if (!info)
        info = &none;
    if (!buf && cap)
        return GAME_ERR_BUFFER;
    put_tag(&o, "Event", or_unknown(info->event, "?"));
    put_tag(&o, "Site", or_unknown(info->site, "?"));
    put_tag(&o, "Date", or_unknown(info->date, "????.??.??"));
    put_tag(&o, "Round", "-");
    put_tag(&o, "White", or_unknown(info->player1, "?"));
    put_tag(&o, "Black", or_unknown(info->player2, "?"));
    put_tag(&o, "Result", result_token(final));
    chess_fen_write(start, text, sizeof text);
    if (strcmp(text, CHESS_FEN_START) != 0) {
        put_tag(&o, "SetUp", "1");
        put_tag(&o, "FEN", text);
    }
    put_tag(&o, "Termination", termination(final.reason));
    put_str(&o, "\n");

    chess_move m;
    for (uint32_t i = 0; (m = game_chess_history_move(g, i)) != CHESS_MOVE_NONE; i++) {
        char tok[32];
        chess_undo u;
        if (pos.side == CHESS_WHITE || i == 0) {
            snprintf(tok, sizeof tok, "%lu%s", (unsigned long)pos.fullmove,
                     pos.side == CHESS_WHITE ? "." : "...");
            put_token(&o, tok);
        }
        chess_move_to_san(&pos, m, tok);
        put_token(&o, tok);
        chess_make(&pos, m, &u);
    }
    if (final.reason != GAME_END_NONE) {
        /* The reason as a comment, word by word so it wraps too. */
        char words[64];
        snprintf(words, sizeof words, "{%s}", game_end_reason_str(final.reason));
        for (char *w = words, *sp; w; w = sp ? sp + 1 : NULL) {
            if ((sp = strchr(w, ' ')) != NULL)
                *sp = '\0';
            put_token(&o, w);
        }
    }
    put_token(&o, result_token(final));
    put_str(&o, "\n");
    if (cap)
        o.buf[o.len < cap ? o.len : cap - 1] = '\0';
    return (int)o.len;
}

/* ---- import ---- */

void pgn_reader_init(pgn_reader *r, const char *text, size_t len)
{
    r->text = text;
    r->len = len;
    r->pos = 0;
    r->line = 1;
    r->game_number = 0;
}

static int peek(const pgn_reader *r)
{
    return r->pos < r->len ? (unsigned char)r->text[r->pos] : -1;
}

static int next(pgn_reader *r)
{
    int c = peek(r);
    if (c >= 0) {
        r->pos++;
        if (c == '\n')
            r->line++;
    }
    return c;
}

static int at_line_start(const pgn_reader *r)
{
    return r->pos == 0 || r->text[r->pos - 1] == '\n';
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void skip_line(pgn_reader *r)
{
    int c;
    while ((c = next(r)) >= 0 && c != '\n')
        ;
}

/* Skips a {comment}; 0 if it is unterminated. */
static int skip_brace_comment(pgn_reader *r)
{
    int c;
    next(r);
    while ((c = next(r)) >= 0)
        if (c == '}')
            return 1;
    return 0;
}

/* Skips whitespace, ; and % lines, and (outside movetext) brace comments. */
static int skip_blank(pgn_reader *r, int comments)
{
    for (;;) {
        int c = peek(r);
        if (c >= 0 && is_space(c))
            next(r);
        else if (c == ';' || (c == '%' && at_line_start(r)))
            skip_line(r);
        else if (c == '{' && comments) {
            if (!skip_brace_comment(r))
                return 0;
        } else
            return 1;
    }
}

/* Skips a (variation), nested ones and comments inside; 0 if unterminated. */
static int skip_variation(pgn_reader *r)
{
    int depth = 0;
    for (;;) {
        int c = peek(r);
        if (c < 0)
            return 0;
        if (c == '{') {
            if (!skip_brace_comment(r))
                return 0;
            continue;
        }
        if (c == ';') {
            skip_line(r);
            continue;
        }
        next(r);
        if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            return 1;
    }
}

static char *dup_range(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static int set_error(pgn_error *err, const pgn_reader *r, game_error code, const char *what)
{
    err->code = code;
    err->game_number = r->game_number;
    err->line = r->line;
    snprintf(err->message, sizeof err->message, "game %u (line %u): %s", r->game_number, r->line,
             what);
    return code;
}

/* Reads one [Name "value"] tag into pg. */
static int read_tag(pgn_reader *r, pgn_game *pg, pgn_error *err)
{
    char value[1024];
    size_t vlen = 0;
    next(r); /* [ */
    while (peek(r) == ' ' || peek(r) == '\t')
        next(r);
    size_t name_start = r->pos;
    while (peek(r) >= 0 &&
           (peek(r) == '_' || (peek(r) >= 'A' && peek(r) <= 'Z') ||
            (peek(r) >= 'a' && peek(r) <= 'z') || (peek(r) >= '0' && peek(r) <= '9')))
        next(r);
    size_t name_len = r->pos - name_start;
    while (peek(r) == ' ' || peek(r) == '\t')
        next(r);
    if (name_len == 0 || next(r) != '"')
        return set_error(err, r, GAME_ERR_PARSE, "bad tag: expected [Name \"value\"]");
    for (;;) {
        int c = peek(r);
        if (c < 0 || c == '\n')
            return set_error(err, r, GAME_ERR_PARSE, "bad tag: unterminated value");
        next(r);
        if (c == '"')
            break;
        if (c == '\\' && (peek(r) == '"' || peek(r) == '\\'))
            c = next(r);
        if (vlen + 1 < sizeof value)
            value[vlen++] = (char)c;
    }
    while (peek(r) == ' ' || peek(r) == '\t')
        next(r);
    if (next(r) != ']')
        return set_error(err, r, GAME_ERR_PARSE, "bad tag: expected ']'");
    if (mb_resize(&pg->tags, pg->tag_count + 1, sizeof *pg->tags) != 0)
        return set_error(err, r, GAME_ERR_NOMEM, "out of memory");
    pgn_tag *t = &pg->tags[pg->tag_count];
    t->name = dup_range(r->text + name_start, name_len);
    t->value = dup_range(value, vlen);
    if (!t->name || !t->value) {
        free(t->name);
        free(t->value);
        return set_error(err, r, GAME_ERR_NOMEM, "out of memory");
    }
    pg->tag_count++;
    return 0;
}

void pgn_game_free(pgn_game *pg)
{
    for (size_t i = 0; i < pg->tag_count; i++) {
        free(pg->tags[i].name);
        free(pg->tags[i].value);
    }
    free(pg->tags);
    game_chess_ops.destroy(pg->game);
    memset(pg, 0, sizeof *pg);
}

const char *pgn_tag_value(const pgn_game *pg, const char *name)
{
    for (size_t i = 0; i < pg->tag_count; i++)
        if (strcmp(pg->tags[i].name, name) == 0)
            return pg->tags[i].value;
    return NULL;
}

static int is_result(const char *tok)
{
    return !strcmp(tok, "1-0") || !strcmp(tok, "0-1") || !strcmp(tok, "1/2-1/2") ||
           !strcmp(tok, "*");
}

/* Plays one SAN (or UCI) move; fills *err and returns non-zero if bad. */
static int play_token(pgn_reader *r, pgn_game *pg, const char *san, pgn_error *err)
{
    const chess_position *pos = game_chess_position(pg->game);
    char what[96];
    chess_move m;
    game_move gm;
    err->move_number = pos->fullmove;
    err->black = pos->side == CHESS_BLACK;
    chess_notation_error e = chess_move_from_text(pos, san, &m);
    if (e == CHESS_NOTATION_OK) {
        game_chess_move_to_game(m, &gm);
        if (game_chess_ops.apply(pg->game, &gm) == GAME_MOVE_OK)
            return 0;
        /* legal by the rules but refused: the game was already over */
        snprintf(what, sizeof what, "%s: the game is already over", san);
    } else {
        snprintf(what, sizeof what, "%s: %s", san, chess_notation_strerror(e));
    }
    set_error(err, r, e == CHESS_NOTATION_SYNTAX ? GAME_ERR_PARSE : GAME_ERR_ILLEGAL, what);
    snprintf(err->message, sizeof err->message, "game %u, move %lu%s %s (line %u)", r->game_number,
             (unsigned long)err->move_number, err->black ? "..." : ".", what, r->line);
    return 1;
}

/* A movetext token: up to whitespace or a PGN delimiter. */
static size_t read_token(pgn_reader *r, char *tok, size_t cap)
{
    size_t n = 0;
    while (peek(r) >= 0 && !is_space(peek(r)) && !strchr("{}();[]$", peek(r))) {
        int c = next(r);
        if (n + 1 < cap)
            tok[n++] = (char)c;
    }
    tok[n] = '\0';
    return n;
}

/* Reads the movetext of pg's game up to its result, the next game's tags
 * or the end; after a first error, only skips. */
static int read_movetext(pgn_reader *r, pgn_game *pg, pgn_error *err, int failed)
{
    char tok[64];
    for (;;) {
        if (!skip_blank(r, 1))
            return failed ? failed : set_error(err, r, GAME_ERR_PARSE, "unterminated { comment");
        int c = peek(r);
        if (c < 0 || c == '[')
            return failed;
        if (c == '(') {
            if (!skip_variation(r))
                return failed ? failed
                              : set_error(err, r, GAME_ERR_PARSE, "unterminated ( variation");
            continue;
        }
        if (c == ')' || c == ']' || c == '}') {
            next(r);
            if (!failed)
                failed = set_error(err, r, GAME_ERR_PARSE, "unbalanced ')', ']' or '}'");
            continue;
        }
        if (c == '$') {
            next(r);
            while (peek(r) >= '0' && peek(r) <= '9')
                next(r);
            continue;
        }
        if (read_token(r, tok, sizeof tok) == 0) {
            /* A byte no token may hold (NUL): an error, never a stall. */
            next(r);
            if (!failed)
                failed = set_error(err, r, GAME_ERR_PARSE, "unexpected NUL byte in the moves");
            continue;
        }
        if (is_result(tok)) {
            if (!failed)
                memcpy(pg->result, tok, strlen(tok) + 1); /* at most "1/2-1/2" */
            return failed;
        }
        /* A move number "12." or "12..." possibly glued to the move. */
        char *san = tok;
        if (tok[0] >= '1' && tok[0] <= '9') {
            while (*san >= '0' && *san <= '9')
                san++;
            while (*san == '.')
                san++;
        }
        /* Annotation marks alone or glued at the end ("e4!?", "!!"). */
        size_t n = strlen(san);
        while (n && (san[n - 1] == '!' || san[n - 1] == '?'))
            san[--n] = '\0';
        if (n == 0 || failed)
            continue;
        if (play_token(r, pg, san, err))
            failed = err->code;
    }
}

int pgn_read_game(pgn_reader *r, pgn_game *out, pgn_error *err)
{
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    if (!skip_blank(r, 1)) {
        r->game_number++;
        return set_error(err, r, GAME_ERR_PARSE, "unterminated { comment");
    }
    if (peek(r) < 0)
        return 0;
    r->game_number++;

    int rc = 0;
    while (skip_blank(r, 1) && peek(r) == '[') {
        if (rc == 0)
            rc = read_tag(r, out, err);
        if (rc != 0)
            skip_line(r); /* the rest of a bad tag, or a tag after it */
    }
    if (rc == 0) {
        const char *fen = pgn_tag_value(out, "FEN");
        chess_fen_error fe = CHESS_FEN_OK;
        out->game = fen ? game_chess_create_fen(fen, &fe)
                        : game_chess_ops.create(&(game_options){GAME_KIND_CHESS, 0, 8, 8});
        if (!out->game)
            rc = set_error(err, r, fe ? GAME_ERR_PARSE : GAME_ERR_NOMEM,
                           fe ? chess_fen_strerror(fe) : "out of memory");
    }
    rc = read_movetext(r, out, err, rc); /* after an error, only skips the moves */
    if (rc != 0) {
        pgn_game_free(out);
        return rc;
    }
    return 1;
}
