/* bot_engine.c: the engine seat of matchboard-bot (see bot_engine.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bot_engine.h"
#include "child_proc.h"
#include "engine_clock.h"
#include "engine_seat.h"
#include "gomoku_opening.h"

#define ENGINE_STOP_MS 1000 /* after END/quit, before the engine is killed */

struct bot_engine {
    const bot_args *a;
    bot_engine_wake_fn wake;
    void *user;
    child_proc *proc;
    engine_seat *seat;
    char failure[320];
    int failed;
    uint32_t game_no;
    client_clock clock;
    uint64_t clock_at; /* when the last CLOCK came */
    int have_clock;
    /* stones of the engine's SWAP2BOARD answer still to place, one a step */
    game_move pending[3];
    int npending, next_pending;
    uint32_t pending_game;
};

bot_engine *bot_engine_create(const bot_args *a, bot_engine_wake_fn wake, void *user)
{
    bot_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->a = a;
    e->wake = wake;
    e->user = user;
    return e;
}

void bot_engine_destroy(bot_engine *e)
{
    size_t len;
    const char *out;
    if (!e)
        return;
    if (e->proc && e->seat) {
        engine_seat_quit(e->seat);
        out = engine_seat_output(e->seat, &len);
        child_proc_write(e->proc, out, len);
    }
    child_proc_stop(e->proc, ENGINE_STOP_MS);
    engine_seat_destroy(e->seat);
    free(e);
}

static void engine_failed(bot_engine *e, const char *why)
{
    if (e->failed)
        return;
    e->failed = 1;
    snprintf(e->failure, sizeof e->failure, "%s", why);
}

void bot_engine_on_event(bot_engine *e, const client_event *ev, uint64_t now_ms)
{
    switch (ev->type) {
    case CLIENT_EV_START:
        e->game_no++;
        e->have_clock = 0;
        break;
    case CLIENT_EV_CLOCK:
        e->clock = ev->u.clock;
        e->clock_at = now_ms;
        e->have_clock = 1;
        break;
    default:
        break;
    }
}

char **bot_engine_command(const char *spec, char *err, size_t errcap)
{
    char path[1200], dir[1024];
    char **argv;
    if (strcmp(spec, "builtin") != 0)
        return child_proc_split(spec, err, errcap);
    /* installed: beside the bot; in a build folder: engine/ beside net/ */
    if (child_proc_sibling("matchboard-engine", "../../engine", path, sizeof path) != 0) {
        if (child_proc_self_dir(dir, sizeof dir) != 0)
            snprintf(dir, sizeof dir, "this program");
        snprintf(err, errcap, "--engine builtin: no matchboard-engine%s beside %s",
                 child_proc_exe_suffix(), dir);
        return NULL;
    }
    argv = calloc(2, sizeof *argv);
    if (argv && (argv[0] = malloc(strlen(path) + 1)) != NULL) {
        strcpy(argv[0], path);
        return argv;
    }
    free(argv);
    snprintf(err, errcap, "out of memory");
    return NULL;
}

int bot_engine_start(bot_engine *e, char *err, size_t errcap)
{
    char why[256];
    char **argv = bot_engine_command(e->a->engine, err, errcap);
    int r;
    if (!argv)
        return -1;
    r = child_proc_start(&e->proc, (const char *const *)argv, e->wake, e->user, why, sizeof why);
    if (r != 0)
        snprintf(err, errcap, "cannot start the engine: %s", why);
    child_proc_free_argv(argv);
    return r;
}

/* The seat for the game the client plays. */
static void start(bot_engine *e, const game_ops *ops)
{
    engine_seat_config cfg;
    char err[256];
    memset(&cfg, 0, sizeof cfg);
    cfg.protocol = engine_protocol_for_kind(ops->kind);
    for (size_t i = 0; i < e->a->engine_option_count && i < ENGINE_SEAT_MAX_OPTIONS; i++)
        cfg.options[cfg.option_count++] = e->a->engine_options[i];
    cfg.movetime_ms = (uint32_t)e->a->engine_movetime_ms;
    e->seat = engine_seat_create(&cfg, err, sizeof err);
    if (!e->seat)
        engine_failed(e, err);
}

int bot_engine_plays_opening(const client *c)
{
    const packet_opening_state *o = client_in_opening(c) ? client_opening(c) : NULL;
    return o && (o->rule == GOMOKU_OPENING_SWAP || o->rule == GOMOKU_OPENING_SWAP2);
}

/* Is a swap / swap2 decision for SWAP2BOARD due: the first three stones
 * (on an empty board) or the choice on three or five? */
static int swap2_due(const client *c)
{
    const packet_opening_state *o = client_opening(c);
    if (!bot_engine_plays_opening(c) || !client_my_turn(c))
        return 0;
    return (o->step == GOMOKU_STEP_PLACE && o->ply == 0) ||
           (o->step == GOMOKU_STEP_CHOOSE && (o->ply == 3 || o->ply == 5));
}

static void fill_view(const bot_engine *e, client *c, uint64_t now, engine_seat_view *v)
{
    client_state st = client_get_state(c);
    memset(v, 0, sizeof *v);
    v->ops = client_ops(c);
    v->g = client_game(c);
    v->game_no = e->game_no;
    v->side = client_side(c);
    v->my_turn = client_my_turn(c);
    v->over = st == CLIENT_GAME_OVER || (v->ops && v->g && v->ops->to_move(v->g) == 0);
    v->in_opening = client_in_opening(c);
    v->swap2 = swap2_due(c);
    if (e->have_clock) {
        uint64_t spent = now - e->clock_at;
        engine_clock t;
        v->clock = 1;
        /* the running clock has run since the packet came; each move's
         * delay is counted once (engine_clock.h) */
        engine_clock_tell(&e->clock, v->side, spent > UINT32_MAX ? UINT32_MAX : (uint32_t)spent,
                          &t);
        v->p1_ms = t.p1_ms;
        v->p2_ms = t.p2_ms;
        v->increment_ms = t.increment_ms;
        v->turn_ms = t.turn_ms;
    }
}

static void flush_to_engine(bot_engine *e)
{
    size_t len;
    const char *out = engine_seat_output(e->seat, &len);
    if (len == 0)
        return;
    if (child_proc_write(e->proc, out, len) != 0) {
        char how[128];
        child_proc_exit_status(e->proc, 1000, how, sizeof how);
        engine_seat_exited(e->seat, how);
    }
    engine_seat_output_consume(e->seat, len);
}

void bot_engine_step(bot_engine *e, client *c, uint64_t now,
                     void (*say)(void *user, const char *text), void *say_user)
{
    engine_seat_view v;
    char line[1024];
    int r;
    if (e->failed || !e->proc)
        return;
    if (!e->seat) {
        if (!client_ops(c))
            return;
        start(e, client_ops(c));
        if (e->failed)
            return;
    }
    fill_view(e, c, now, &v);
    engine_seat_update(e->seat, &v, now);
    while ((r = child_proc_read_line(e->proc, line, sizeof line)) > 0) {
        engine_seat_line(e->seat, &v, line, now);
        flush_to_engine(e);
    }
    if (r < 0) {
        char how[128];
        child_proc_exit_status(e->proc, 1000, how, sizeof how);
        engine_seat_exited(e->seat, how);
    }
    engine_seat_check_time(e->seat, now);
    flush_to_engine(e);
    while (engine_seat_next_note(e->seat, line, sizeof line))
        say(say_user, line);
    if (engine_seat_failure(e->seat))
        engine_failed(e, engine_seat_failure(e->seat));
}

int bot_engine_take_move(bot_engine *e, client *c, game_move *m)
{
    engine_seat_view v;
    if (e->failed || !e->seat)
        return 0;
    fill_view(e, c, 0, &v);
    v.clock = 0;
    return engine_seat_take_move(e->seat, &v, m);
}

/* A PLACE step of the stone m. */
static void place_step(const game_move *m, packet_opening_action *out)
{
    out->step = GOMOKU_STEP_PLACE;
    out->points[0] = m->to_x;
    out->points[1] = m->to_y;
}

int bot_engine_take_opening(bot_engine *e, client *c, packet_opening_action *out)
{
    const packet_opening_state *o = client_opening(c);
    engine_seat_view v;
    engine_seat_swap2 r;
    if (e->failed || !e->seat || !bot_engine_plays_opening(c) || !client_my_turn(c))
        return 0;
    memset(out, 0, sizeof *out);
    memset(out->points, PACKET_NO_SQUARE, sizeof out->points);
    if (o->step == GOMOKU_STEP_PLACE && e->pending_game == e->game_no &&
        e->next_pending < e->npending) {
        place_step(&e->pending[e->next_pending++], out);
        return 1;
    }
    fill_view(e, c, 0, &v);
    v.clock = 0;
    if (!engine_seat_take_swap2(e->seat, &v, &r))
        return 0;
    e->npending = e->next_pending = 0;
    e->pending_game = e->game_no;
    if (o->step == GOMOKU_STEP_PLACE) { /* the first three: the first now */
        memcpy(e->pending, r.stones, sizeof e->pending);
        e->npending = r.n;
        place_step(&e->pending[e->next_pending++], out);
        return 1;
    }
    out->step = GOMOKU_STEP_CHOOSE;
    if (r.swap) {
        out->choice = GOMOKU_CHOICE_BLACK;
    } else if (r.n == 2 && (o->choices & (1u << GOMOKU_CHOICE_PLACE_TWO))) {
        out->choice = GOMOKU_CHOICE_PLACE_TWO; /* the two stones follow */
        memcpy(e->pending, r.stones, sizeof e->pending);
        e->npending = 2;
    } else {
        /* a white move: we take white and move (asked again as a move) */
        out->choice = GOMOKU_CHOICE_WHITE;
    }
    return 1;
}

const char *bot_engine_failure(const bot_engine *e)
{
    return e->failed ? e->failure : NULL;
}

int bot_engine_wait_ms(const bot_engine *e, uint64_t now)
{
    uint64_t d = e->seat && !e->failed ? engine_seat_deadline(e->seat) : 0;
    if (!d)
        return -1;
    if (d <= now)
        return 0;
    return d - now > 60000 ? 60000 : (int)(d - now);
}
