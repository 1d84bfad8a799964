/* engine_seat.c: an engine in a seat (see engine_seat.h). UCI and Gomocup
 * share the shape: one question open at a time (expect), each with a
 * deadline; a question made stale by the game (it ended, a new one began)
 * is still answered by the engine, and that answer is dropped. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "engine_seat.h"
#include "game_gomoku.h"
#include "gomocup_codec.h"
#include "grow.h"
#include "uci_codec.h"

#define NOTE_COUNT 8
#define NOTE_SIZE  160
#define LINE_SIZE  512

typedef enum expect {
    EXPECT_NONE = 0,
    EXPECT_UCIOK,   /* after "uci" */
    EXPECT_READYOK, /* after "isready" */
    EXPECT_OK,      /* after START / RESTART */
    EXPECT_MOVE,    /* after go / BEGIN / TURN / BOARD */
    EXPECT_SWAP2,   /* after SWAP2BOARD ... DONE */
} expect;

static const char *const expect_what[] = {"", "uci", "isready", "START", "a move", "SWAP2BOARD"};

struct engine_seat {
    engine_seat_config cfg;
    char *option_copy[ENGINE_SEAT_MAX_OPTIONS];
    char *out;
    size_t out_len, out_cap;
    int out_nomem;
    expect expect;
    uint64_t deadline;
    uint32_t waited_ms; /* how long the open question had */
    int stale;          /* the open move question no longer matters */
    int failed;
    char failure[256];
    uint32_t engine_game; /* the game_no the engine is set up for, 0: none */
    int started;          /* Gomocup: START was answered once */
    int start_w, start_h;
    uint32_t known;     /* Gomocup: plies on the brain's board */
    uint32_t info_game; /* Gomocup: game_no whose INFOs went out */
    uint32_t ask_game, ask_ply;
    int have_move;
    game_move move;
    int have_swap2; /* a SWAP2BOARD answer for (ask_game, ask_ply) */
    engine_seat_swap2 swap2;
    char notes[NOTE_COUNT][NOTE_SIZE];
    size_t note_head, note_len;
    char name[64];
};

engine_protocol engine_protocol_for_kind(game_kind kind)
{
    switch (kind) {
    case GAME_KIND_CHESS:
        return ENGINE_PROTOCOL_UCI;
    case GAME_KIND_GOMOKU:
        return ENGINE_PROTOCOL_GOMOCUP;
    case GAME_KIND_NONE:
        break;
    }
    return (engine_protocol)0;
}

static void MB_PRINTF(2, 3) emit(engine_seat *s, const char *fmt, ...)
{
    char line[LINE_SIZE];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof line)
        n = (int)sizeof line - 1;
    if (mb_grow(&s->out, &s->out_cap, s->out_len + (size_t)n, 1, 1024) != 0) {
        s->out_nomem = 1;
        return;
    }
    memcpy(s->out + s->out_len, line, (size_t)n);
    s->out_len += (size_t)n;
}

static void MB_PRINTF(2, 3) note(engine_seat *s, const char *fmt, ...)
{
    va_list ap;
    char *slot;
    if (s->note_len == NOTE_COUNT) { /* drop the oldest */
        s->note_head = (s->note_head + 1) % NOTE_COUNT;
        s->note_len--;
    }
    slot = s->notes[(s->note_head + s->note_len) % NOTE_COUNT];
    va_start(ap, fmt);
    vsnprintf(slot, NOTE_SIZE, fmt, ap);
    va_end(ap);
    s->note_len++;
}

static void MB_PRINTF(2, 3) fail(engine_seat *s, const char *fmt, ...)
{
    va_list ap;
    if (s->failed)
        return;
    s->failed = 1;
    s->expect = EXPECT_NONE;
    s->deadline = 0;
    s->have_move = 0;
    va_start(ap, fmt);
    vsnprintf(s->failure, sizeof s->failure, fmt, ap);
    va_end(ap);
}

static void ask(engine_seat *s, expect e, uint32_t ms, uint64_t now)
{
    s->expect = e;
    s->stale = 0;
    s->waited_ms = ms;
    s->deadline = now + ms;
}

static void answered(engine_seat *s)
{
    s->expect = EXPECT_NONE;
    s->stale = 0;
    s->deadline = 0;
}

/* Splits "Name=Value" of an option. */
static void split_option(const char *opt, char *name, size_t ncap, const char **value)
{
    const char *eq = strchr(opt, '=');
    size_t n = (size_t)(eq - opt);
    if (n >= ncap)
        n = ncap - 1;
    memcpy(name, opt, n);
    name[n] = 0;
    *value = eq + 1;
}

engine_seat *engine_seat_create(const engine_seat_config *cfg, char *err, size_t errcap)
{
    engine_seat *s;
    if (cfg->protocol != ENGINE_PROTOCOL_UCI && cfg->protocol != ENGINE_PROTOCOL_GOMOCUP) {
        snprintf(err, errcap, "unknown engine protocol");
        return NULL;
    }
    if (cfg->option_count > ENGINE_SEAT_MAX_OPTIONS) {
        snprintf(err, errcap, "at most %d engine options", ENGINE_SEAT_MAX_OPTIONS);
        return NULL;
    }
    for (size_t i = 0; i < cfg->option_count; i++) {
        const char *eq = strchr(cfg->options[i], '=');
        if (!eq || eq == cfg->options[i] || strchr(cfg->options[i], '\n')) {
            snprintf(err, errcap, "engine option '%.60s' is not NAME=VALUE", cfg->options[i]);
            return NULL;
        }
    }
    s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    for (size_t i = 0; i < cfg->option_count; i++) {
        size_t n = strlen(cfg->options[i]) + 1;
        s->option_copy[i] = malloc(n);
        if (!s->option_copy[i]) {
            engine_seat_destroy(s);
            snprintf(err, errcap, "out of memory");
            return NULL;
        }
        memcpy(s->option_copy[i], cfg->options[i], n);
        s->cfg.options[i] = s->option_copy[i];
    }
    if (!s->cfg.movetime_ms)
        s->cfg.movetime_ms = 1000;
    if (!s->cfg.handshake_ms)
        s->cfg.handshake_ms = 10000;
    if (!s->cfg.grace_ms)
        s->cfg.grace_ms = 3000;
    if (s->cfg.protocol == ENGINE_PROTOCOL_UCI) {
        emit(s, "uci\n");
        ask(s, EXPECT_UCIOK, s->cfg.handshake_ms, 0);
        s->deadline = 0; /* set by the first update, which knows the time */
    }
    return s;
}

void engine_seat_destroy(engine_seat *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < ENGINE_SEAT_MAX_OPTIONS; i++)
        free(s->option_copy[i]);
    free(s->out);
    free(s);
}

static uint32_t my_ms(const engine_seat_view *v)
{
    return v->side == GAME_SIDE_P1 ? v->p1_ms : v->p2_ms;
}

/* The time the engine has for this move: its clock, or movetime. */
static uint32_t move_budget(const engine_seat *s, const engine_seat_view *v)
{
    return v->clock ? my_ms(v) : s->cfg.movetime_ms;
}

static void new_game(engine_seat *s, const engine_seat_view *v, uint64_t now)
{
    const game_options *o = v->ops->options(v->g);
    s->engine_game = v->game_no;
    s->have_move = 0;
    if (s->cfg.protocol == ENGINE_PROTOCOL_UCI) {
        emit(s, "ucinewgame\nisready\n");
        ask(s, EXPECT_READYOK, s->cfg.handshake_ms, now);
        return;
    }
    if (s->started && s->start_w == o->width && s->start_h == o->height) {
        emit(s, "RESTART\n");
    } else {
        char line[64];
        gomocup_write_start(line, sizeof line, o->width, o->height);
        emit(s, "%s", line);
        s->start_w = o->width;
        s->start_h = o->height;
    }
    s->known = 0;
    ask(s, EXPECT_OK, s->cfg.handshake_ms, now);
}

static game_side side_of_ply(uint32_t ply)
{
    return ply % 2 == 0 ? GAME_SIDE_P1 : GAME_SIDE_P2;
}

static void ask_uci(engine_seat *s, const engine_seat_view *v, uint32_t ply, uint64_t now)
{
    game_move local[256] = {{0}}, *moves = local;
    char line[64];
    uci_go go;
    int need;
    char *text;
    if (ply > sizeof local / sizeof local[0]) {
        moves = malloc(ply * sizeof *moves);
        if (!moves) {
            fail(s, "out of memory");
            return;
        }
    }
    for (uint32_t i = 0; i < ply; i++)
        v->ops->history(v->g, i, &moves[i]);
    need = uci_write_position(NULL, 0, moves, ply);
    text = need > 0 ? malloc((size_t)need + 1) : NULL;
    if (!text) {
        if (moves != local)
            free(moves);
        fail(s, "out of memory");
        return;
    }
    uci_write_position(text, (size_t)need + 1, moves, ply);
    if (moves != local)
        free(moves);
    /* emit() cuts lines at LINE_SIZE: a long game goes in whole */
    if (mb_grow(&s->out, &s->out_cap, s->out_len + (size_t)need, 1, 1024) != 0) {
        free(text);
        fail(s, "out of memory");
        return;
    }
    memcpy(s->out + s->out_len, text, (size_t)need);
    s->out_len += (size_t)need;
    free(text);
    memset(&go, 0, sizeof go);
    go.clock = v->clock;
    go.wtime = v->p1_ms;
    go.btime = v->p2_ms;
    go.winc = go.binc = v->increment_ms;
    go.movetime = s->cfg.movetime_ms;
    uci_write_go(line, sizeof line, &go);
    emit(s, "%s", line);
    ask(s, EXPECT_MOVE, move_budget(s, v) + s->cfg.grace_ms, now);
}

static void gomocup_infos(engine_seat *s, const engine_seat_view *v)
{
    char num[24];
    uint32_t left = my_ms(v);
    if (s->info_game != v->game_no) {
        const game_options *o = v->ops->options(v->g);
        s->info_game = v->game_no;
        snprintf(num, sizeof num, "%d", gomocup_rule_bits((game_rule)o->rule));
        emit(s, "INFO rule %s\n", num);
        snprintf(num, sizeof num, "%lu", v->clock ? (unsigned long)left : 0UL);
        emit(s, "INFO timeout_match %s\n", num);
        for (size_t i = 0; i < s->cfg.option_count; i++) {
            char name[64];
            const char *value;
            split_option(s->cfg.options[i], name, sizeof name, &value);
            emit(s, "INFO %s %s\n", name, value);
        }
    }
    /* a clock's time spread over the moves to come, plus what a move gets
     * (engine_clock.h) */
    snprintf(num, sizeof num, "%lu",
             v->clock ? (unsigned long)v->turn_ms : (unsigned long)s->cfg.movetime_ms);
    emit(s, "INFO timeout_turn %s\n", num);
    snprintf(num, sizeof num, "%lu", v->clock ? (unsigned long)left : 2147483647UL);
    emit(s, "INFO time_left %s\n", num);
}

static void ask_gomocup(engine_seat *s, const engine_seat_view *v, uint32_t ply, uint64_t now)
{
    int h = v->ops->options(v->g)->height;
    game_move m;
    int x, y;
    if (s->known > 0 && s->known + 1 != ply) {
        /* out of step (a resumed game): start over, then send it whole */
        emit(s, "RESTART\n");
        s->known = 0;
        ask(s, EXPECT_OK, s->cfg.handshake_ms, now);
        return;
    }
    gomocup_infos(s, v);
    if (ply == 0) {
        emit(s, "BEGIN\n");
    } else if (s->known + 1 == ply) {
        v->ops->history(v->g, ply - 1, &m);
        gomocup_from_move(&m, h, &x, &y);
        emit(s, "TURN %d,%d\n", x, y);
    } else {
        emit(s, "BOARD\n");
        for (uint32_t i = 0; i < ply; i++) {
            v->ops->history(v->g, i, &m);
            gomocup_from_move(&m, h, &x, &y);
            emit(s, "%d,%d,%d\n", x, y, side_of_ply(i) == v->side ? 1 : 2);
        }
        emit(s, "DONE\n");
    }
    s->known = ply;
    ask(s, EXPECT_MOVE, move_budget(s, v) + s->cfg.grace_ms, now);
}

/* SWAP2BOARD with the opening's stones; the brain's board is then its
 * own, so the next move question sends the position whole (known 0). */
static void ask_swap2(engine_seat *s, const engine_seat_view *v, uint32_t ply, uint64_t now)
{
    int h = v->ops->options(v->g)->height;
    game_move m;
    int x, y;
    gomocup_infos(s, v);
    emit(s, "SWAP2BOARD\n");
    for (uint32_t i = 0; i < ply; i++) {
        v->ops->history(v->g, i, &m);
        gomocup_from_move(&m, h, &x, &y);
        emit(s, "%d,%d\n", x, y);
    }
    emit(s, "DONE\n");
    s->known = 0;
    ask(s, EXPECT_SWAP2, move_budget(s, v) + s->cfg.grace_ms, now);
}

/* Is the open question (a move, a SWAP2BOARD) no longer the one due? */
static int question_stale(const engine_seat *s, const engine_seat_view *v, uint32_t ply)
{
    return v->game_no != s->ask_game || v->over || !v->my_turn || ply != s->ask_ply ||
           (s->expect == EXPECT_SWAP2) != (v->swap2 != 0);
}

void engine_seat_update(engine_seat *s, const engine_seat_view *v, uint64_t now)
{
    uint32_t ply;
    if (s->failed)
        return;
    if (s->expect != EXPECT_NONE && s->deadline == 0)
        s->deadline = now + s->waited_ms; /* the first question, asked at create */
    if (!v->ops || !v->g || v->game_no == 0) {
        return;
    }
    ply = v->ops->ply(v->g);
    if ((s->expect == EXPECT_MOVE || s->expect == EXPECT_SWAP2) && !s->stale &&
        question_stale(s, v, ply)) {
        s->stale = 1;
        if (s->cfg.protocol == ENGINE_PROTOCOL_UCI)
            emit(s, "stop\n");
    }
    if (s->expect != EXPECT_NONE || v->over)
        return;
    if (engine_protocol_for_kind(v->ops->kind) != s->cfg.protocol) {
        fail(s, "a %s engine cannot play %s",
             s->cfg.protocol == ENGINE_PROTOCOL_UCI ? "UCI (chess)" : "Gomocup (Gomoku)",
             v->ops->name);
        return;
    }
    if (s->engine_game != v->game_no) {
        new_game(s, v, now);
        return;
    }
    if ((s->have_move || s->have_swap2) && (s->ask_game != v->game_no || s->ask_ply != ply))
        s->have_move = s->have_swap2 = 0;
    if (!v->my_turn || s->have_move || s->have_swap2 ||
        (v->in_opening && (!v->swap2 || s->cfg.protocol != ENGINE_PROTOCOL_GOMOCUP)))
        return;
    s->ask_game = v->game_no;
    s->ask_ply = ply;
    if (v->in_opening) {
        ask_swap2(s, v, ply, now);
        return;
    }
    if (s->cfg.protocol == ENGINE_PROTOCOL_UCI)
        ask_uci(s, v, ply, now);
    else
        ask_gomocup(s, v, ply, now);
}

/* The engine's move for the question asked: kept if the rules allow it. */
static void got_move(engine_seat *s, const engine_seat_view *v, const game_move *m,
                     const char *text, uint64_t now)
{
    game_move_error e;
    int current;
    answered(s);
    current = v->ops && v->g && v->game_no == s->ask_game && !v->over && v->my_turn &&
              v->ops->ply(v->g) == s->ask_ply;
    if (!current) { /* the game moved on without update(): drop it */
        engine_seat_update(s, v, now);
        return;
    }
    e = v->ops->check_move(v->g, v->side, m);
    if (e != GAME_MOVE_OK) {
        fail(s, "the engine played %s %s: %s", game_move_error_is_forbidden(e) ? "a" : "an",
             game_move_error_is_forbidden(e) ? "forbidden move" : "illegal move", text);
        snprintf(s->failure + strlen(s->failure), sizeof s->failure - strlen(s->failure), " (%s)",
                 game_move_strerror(e));
        return;
    }
    if (s->cfg.protocol == ENGINE_PROTOCOL_GOMOCUP)
        s->known = s->ask_ply + 1;
    s->move = *m;
    s->have_move = 1;
}

static void uci_line(engine_seat *s, const engine_seat_view *v, const char *line, uint64_t now)
{
    uci_msg msg;
    char err[160];
    if (uci_parse_line(line, &msg, err, sizeof err) != 0) {
        fail(s, "the engine answered garbage: %s", err);
        return;
    }
    switch (msg.type) {
    case UCI_MSG_ID:
        if (strncmp(msg.text, "name ", 5) == 0) {
            snprintf(s->name, sizeof s->name, "%.63s", msg.text + 5);
            note(s, "engine: %s", s->name);
        }
        break;
    case UCI_MSG_UCIOK:
        if (s->expect != EXPECT_UCIOK)
            break;
        for (size_t i = 0; i < s->cfg.option_count; i++) {
            char name[64], buf[LINE_SIZE];
            const char *value;
            split_option(s->cfg.options[i], name, sizeof name, &value);
            if (uci_write_setoption(buf, sizeof buf, name, value) > 0)
                emit(s, "%s", buf);
        }
        emit(s, "isready\n");
        ask(s, EXPECT_READYOK, s->cfg.handshake_ms, now);
        break;
    case UCI_MSG_READYOK:
        if (s->expect != EXPECT_READYOK)
            break;
        answered(s);
        engine_seat_update(s, v, now);
        break;
    case UCI_MSG_BESTMOVE:
        if (s->expect != EXPECT_MOVE)
            break; /* an answer to a stop nobody waits for */
        if (s->stale) {
            answered(s);
            engine_seat_update(s, v, now);
            break;
        }
        got_move(s, v, &msg.move, msg.move_text, now);
        break;
    case UCI_MSG_OPTION:
    case UCI_MSG_INFO:
    case UCI_MSG_IGNORED:
        break;
    }
}

/* The engine's SWAP2BOARD answer (n stones from xy, or swap): kept if it
 * fits the position. */
static void got_swap2(engine_seat *s, const engine_seat_view *v, int swap, int n, const int *xy,
                      uint64_t now)
{
    engine_seat_swap2 r;
    const game_options *o;
    uint32_t ply;
    answered(s);
    if (!v->ops || !v->g || v->game_no != s->ask_game || v->over || !v->my_turn || !v->swap2 ||
        v->ops->ply(v->g) != s->ask_ply) {
        engine_seat_update(s, v, now); /* the game moved on: drop it */
        return;
    }
    o = v->ops->options(v->g);
    ply = s->ask_ply;
    memset(&r, 0, sizeof r);
    r.swap = swap;
    r.n = n;
    if (swap ? ply == 0 : !(ply == 0 ? n == 3 : n == 1 || (n == 2 && ply == 3))) {
        fail(s, "the engine answered SWAP2BOARD on %lu stones with %s", (unsigned long)ply,
             swap     ? "SWAP"
             : n == 1 ? "a move"
             : n == 2 ? "two stones"
                      : "three stones");
        return;
    }
    for (int i = 0; i < n; i++) {
        if (gomocup_to_move(xy[2 * i], xy[2 * i + 1], o->width, o->height, &r.stones[i]) != 0 ||
            gomoku_at(game_gomoku_engine(v->g), r.stones[i].to_x, r.stones[i].to_y) !=
                GOMOKU_EMPTY) {
            fail(s, "the engine answered SWAP2BOARD with %d,%d: off the board or taken", xy[2 * i],
                 xy[2 * i + 1]);
            return;
        }
        for (int j = 0; j < i; j++)
            if (r.stones[j].to_x == r.stones[i].to_x && r.stones[j].to_y == r.stones[i].to_y) {
                fail(s, "the engine answered SWAP2BOARD with %d,%d twice", xy[2 * i],
                     xy[2 * i + 1]);
                return;
            }
    }
    s->swap2 = r;
    s->have_swap2 = 1;
}

static void gomocup_line(engine_seat *s, const engine_seat_view *v, const char *line, uint64_t now)
{
    gomocup_msg msg;
    char err[160], text[24];
    game_move m;
    if (gomocup_parse_line(line, &msg, err, sizeof err) != 0) {
        fail(s, "the engine answered garbage: %s", err);
        return;
    }
    switch (msg.type) {
    case GOMOCUP_MSG_OK:
        if (s->expect != EXPECT_OK)
            break;
        s->started = 1;
        answered(s);
        engine_seat_update(s, v, now);
        break;
    case GOMOCUP_MSG_ERROR:
    case GOMOCUP_MSG_UNKNOWN:
        if (s->expect == EXPECT_OK || s->expect == EXPECT_MOVE)
            fail(s, "the engine refused %s: %s %.100s", expect_what[s->expect],
                 msg.type == GOMOCUP_MSG_ERROR ? "ERROR" : "UNKNOWN", msg.text);
        else
            note(s, "engine: %s %s", msg.type == GOMOCUP_MSG_ERROR ? "ERROR" : "UNKNOWN", msg.text);
        break;
    case GOMOCUP_MSG_MESSAGE:
        note(s, "engine: %s", msg.text);
        break;
    case GOMOCUP_MSG_DEBUG:
    case GOMOCUP_MSG_SUGGEST:
        break;
    case GOMOCUP_MSG_SWAP:
    case GOMOCUP_MSG_STONES:
        if (s->expect != EXPECT_SWAP2) {
            fail(s, "the engine answered %.60s when no SWAP2BOARD was asked", line);
            break;
        }
        if (s->stale) {
            answered(s);
            engine_seat_update(s, v, now);
            break;
        }
        got_swap2(s, v, msg.type == GOMOCUP_MSG_SWAP, msg.n, msg.xy, now);
        break;
    case GOMOCUP_MSG_MOVE:
        if (s->expect == EXPECT_SWAP2 && !s->stale) {
            int xy[2] = {msg.x, msg.y};
            got_swap2(s, v, 0, 1, xy, now);
            break;
        }
        if (s->expect != EXPECT_MOVE && s->expect != EXPECT_SWAP2) {
            fail(s, "the engine played %d,%d when no move was asked", msg.x, msg.y);
            break;
        }
        if (s->stale) {
            answered(s);
            engine_seat_update(s, v, now);
            break;
        }
        snprintf(text, sizeof text, "%d,%d", msg.x, msg.y);
        if (!v->ops || !v->g ||
            gomocup_to_move(msg.x, msg.y, v->ops->options(v->g)->width,
                            v->ops->options(v->g)->height, &m) != 0) {
            fail(s, "the engine played %s, off the board", text);
            break;
        }
        got_move(s, v, &m, text, now);
        break;
    }
}

void engine_seat_line(engine_seat *s, const engine_seat_view *v, const char *line, uint64_t now)
{
    if (s->failed)
        return;
    if (s->cfg.protocol == ENGINE_PROTOCOL_UCI)
        uci_line(s, v, line, now);
    else
        gomocup_line(s, v, line, now);
    if (s->out_nomem)
        fail(s, "out of memory");
}

void engine_seat_exited(engine_seat *s, const char *how)
{
    fail(s, "the engine %s", how);
}

void engine_seat_quit(engine_seat *s)
{
    emit(s, s->cfg.protocol == ENGINE_PROTOCOL_UCI ? "quit\n" : "END\n");
}

uint64_t engine_seat_deadline(const engine_seat *s)
{
    return s->failed ? 0 : s->deadline;
}

void engine_seat_check_time(engine_seat *s, uint64_t now)
{
    if (s->failed || !s->deadline || now < s->deadline)
        return;
    fail(s, "the engine did not answer %s within %lu ms", expect_what[s->expect],
         (unsigned long)s->waited_ms);
}

const char *engine_seat_output(const engine_seat *s, size_t *len)
{
    *len = s->out_len;
    return s->out ? s->out : "";
}

void engine_seat_output_consume(engine_seat *s, size_t n)
{
    if (n >= s->out_len) {
        s->out_len = 0;
        return;
    }
    memmove(s->out, s->out + n, s->out_len - n);
    s->out_len -= n;
}

int engine_seat_take_move(engine_seat *s, const engine_seat_view *v, game_move *m)
{
    if (s->failed || !s->have_move || !v->ops || !v->g || v->over || !v->my_turn ||
        v->game_no != s->ask_game || v->ops->ply(v->g) != s->ask_ply)
        return 0;
    s->have_move = 0;
    *m = s->move;
    return 1;
}

int engine_seat_take_swap2(engine_seat *s, const engine_seat_view *v, engine_seat_swap2 *out)
{
    if (s->failed || !s->have_swap2 || !v->ops || !v->g || v->over || !v->my_turn || !v->swap2 ||
        v->game_no != s->ask_game || v->ops->ply(v->g) != s->ask_ply)
        return 0;
    s->have_swap2 = 0;
    *out = s->swap2;
    return 1;
}

const char *engine_seat_failure(const engine_seat *s)
{
    return s->failed ? s->failure : NULL;
}

int engine_seat_next_note(engine_seat *s, char *buf, size_t cap)
{
    if (!s->note_len)
        return 0;
    snprintf(buf, cap, "%s", s->notes[s->note_head]);
    s->note_head = (s->note_head + 1) % NOTE_COUNT;
    s->note_len--;
    return 1;
}

const char *engine_seat_name(const engine_seat *s)
{
    return s->name;
}
