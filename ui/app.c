/* app.c: the window and the event loop (see app.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "board_model.h"
#include "computer.h"
#include "config_path.h"
#include "font_find.h"
#include "host_screen.h"
#include "pump.h"
#include "render.h"
#include "screenshot.h"
#include "script.h"
#include "trace.h"

/* NOTICE_MIN_MS: the least time a notice stays up, whatever arrives
 * (a refusal must not be wiped by the next packet before anyone read it).
 * FRAME_MS: a frame of --frames N, so N counts time on every platform. */
enum { CLOCK_TICK_MS = 100, NOTICE_MIN_MS = 1500, FRAME_MS = 16 };

static const game_ops *current_ops(const app *a)
{
    return a->local ? a->local_ops : a->cl ? client_ops(a->cl) : NULL;
}

static const game *current_game(const app *a)
{
    return a->local ? a->local : a->cl ? client_game(a->cl) : NULL;
}

static game_side my_side(const app *a)
{
    return a->local ? GAME_SIDE_NONE : a->cl ? client_side(a->cl) : GAME_SIDE_NONE;
}

int app_board_flipped(const app *a)
{
    /* Chess turns the board so your own side is at the bottom; a Gomoku
     * board reads the same for both players and keeps a1 bottom left. */
    const game_ops *ops = current_ops(a);
    int seat_flip = ops && ops->kind == GAME_KIND_CHESS && my_side(a) == GAME_SIDE_P2;
    return seat_flip != (a->flipped != 0);
}

void app_refresh_view(app *a)
{
    const game_ops *ops = current_ops(a);
    const game *g = current_game(a);
    if (!ops || !g) {
        board_view_clear(&a->view, GAME_KIND_NONE, 1, 1);
        return;
    }
    board_model_fill(&a->view, ops, g, a->sel_x, a->sel_y);
    app_opening_marks(a);
    app_premove_marks(a);
    a->dirty = 1;
}

void app_notice(app *a, int info, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->notice, sizeof a->notice, fmt, ap);
    va_end(ap);
    a->notice_info = info;
    a->notice_at = SDL_GetTicks();
    a->notice_clear_at = 0;
    a->dirty = 1;
}

void app_notice_clear(app *a)
{
    if (!a->notice[0])
        return;
    Uint32 until = a->notice_at + NOTICE_MIN_MS;
    if ((Sint32)(SDL_GetTicks() - until) >= 0) {
        a->notice[0] = 0;
        a->notice_clear_at = 0;
        a->dirty = 1;
    } else if (a->notice_clear_at == 0) {
        a->notice_clear_at = until ? until : 1;
    }
}

/* Clears a notice whose clearing waited for its minimum time. */
static void notice_tick(app *a)
{
    if (a->notice_clear_at && (Sint32)(SDL_GetTicks() - a->notice_clear_at) >= 0)
        app_notice_clear(a);
}

/* Time left on a clock now, counting down the running one locally between
 * the server's CLOCK packets. */
static uint32_t clock_now(const app *a, game_side side)
{
    uint32_t ms = side == GAME_SIDE_P1 ? a->clock.p1_ms : a->clock.p2_ms;
    if (a->clock.running == side && !a->game_over) {
        Uint32 gone = SDL_GetTicks() - a->clock_at;
        ms = gone >= ms ? 0 : ms - gone;
    }
    return ms;
}

void app_fill_panel(app *a, panel_info *p, const char **moves_out, const char **chat_out)
{
    memset(p, 0, sizeof *p);
    const game_ops *ops = current_ops(a);
    const game *g = current_game(a);
    p->kind = ops ? ops->kind : GAME_KIND_NONE;
    p->my_side = my_side(a);
    p->bottom_side = app_board_flipped(a) ? GAME_SIDE_P2 : GAME_SIDE_P1;
    if (a->cl && !a->local) {
        for (int s = 1; s <= 2; s++) {
            const char *n = client_player_name(a->cl, (game_side)s);
            p->names[s] = n && n[0] ? n : NULL;
        }
    } else {
        p->names[1] = "Player 1";
        p->names[2] = "Player 2";
    }
    p->to_move = g && ops && !a->game_over ? ops->to_move(g) : GAME_SIDE_NONE;
    if (a->cl && !a->local && client_get_state(a->cl) == CLIENT_WAITING)
        p->to_move = GAME_SIDE_NONE;
    p->connection = a->local ? "local game (no network)" : a->conn_text;
    p->connection_ok = a->local || (a->link_up && a->reconnect_at == 0);
    p->notice = a->notice[0] ? a->notice : NULL;
    p->notice_info = a->notice_info;
    p->clocks = a->have_clock;
    p->clock_ms[1] = clock_now(a, GAME_SIDE_P1);
    p->clock_ms[2] = clock_now(a, GAME_SIDE_P2);
    p->clock_running = (game_side)a->clock.running;
    for (int i = 0; i < a->n_moves; i++)
        moves_out[i] = a->moves[i];
    p->moves = moves_out;
    p->n_moves = a->n_moves;
    p->draw_offer_in = a->draw_in;
    p->draw_offer_out = a->draw_out;
    p->takeback_offer_in = a->takeback_in;
    p->rematch_offer_in = a->rematch_in;
    p->rematch_offer_out = a->rematch_out;
    p->opponent_gone = a->opponent_gone;
    p->game_over = a->game_over;
    p->result = a->result;
    for (int i = 0; i < a->n_chat; i++)
        chat_out[i] = a->chat[i];
    p->chat = chat_out;
    p->n_chat = a->n_chat;
    p->chat_input = a->chat_input;
    p->chat_compose = a->chat_compose;
    p->chat_focus = a->chat_focus;
    p->hot_slot = a->hot_slot;
    app_opening_fill_panel(a, p);
}

static void update_layout(app *a)
{
    int dw, dh;
    SDL_GetWindowSize(a->win, &a->win_w, &a->win_h);
    SDL_GetRendererOutputSize(a->ren, &dw, &dh);
    float dpi = a->win_w > 0 ? (float)dw / (float)a->win_w : 1.0f;
    ui_layout_compute(&a->layout, dw, dh, dpi);
}

void app_redraw(app *a)
{
    update_layout(a);
    panel_info p;
    const char **moves = NULL;
    const char *chat[APP_MAX_CHAT];
    if (a->screen == APP_SCREEN_CONNECT) {
        connect_screen_draw(a);
    } else {
        moves = a->n_moves ? SDL_malloc(sizeof *moves * (size_t)a->n_moves) : NULL;
        app_fill_panel(a, &p, moves, chat);
        board_geom g;
        render_board_geom(&g, &a->layout, &a->view, app_board_flipped(a));
        render_game(a->ren, a->text, &a->layout, &g, &a->view, &p);
    }
    a->frames++;
    int asked = a->shot_now;
    int shoot =
        a->opt.screenshot &&
        (asked || (!a->shot_done &&
                   ((a->opt.screenshot_frames > 0 && a->frames >= a->opt.screenshot_frames) ||
                    (a->opt.screenshot_frames == 0 && a->game_over))));
    a->shot_now = 0;
    if (shoot) {
        a->shot_done = 1;
        if (ui_screenshot_save(a->ren, a->opt.screenshot) != 0) {
            fprintf(stderr, "matchboard: cannot write %s: %s\n", a->opt.screenshot, SDL_GetError());
            a->exit_code = 1;
        }
        if (!asked && (a->opt.quit_after_game || a->opt.screenshot_frames > 0))
            a->running = 0;
    } else if (a->opt.quit_after_game && a->game_over && !a->opt.screenshot) {
        a->running = 0;
    }
    /* After the screenshot: a test that sees "game over" finds the file. */
    if (a->opt.trace)
        app_trace(a, a->screen == APP_SCREEN_CONNECT ? NULL : &p);
    SDL_free(moves);
    SDL_RenderPresent(a->ren);
    a->dirty = 0;
}

static int open_window(app *a, char *err, size_t cap)
{
    int w = a->opt.width > 0 ? a->opt.width : 1100, h = a->opt.height > 0 ? a->opt.height : 760;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    SDL_Rect r;
    if (a->opt.place && SDL_GetDisplayUsableBounds(0, &r) == 0 && r.w >= 2 * 480) {
        /* --place left|right: that half of the screen, e.g. two players
         * side by side (tools/play); the title bar needs some room too. */
        int half = r.w / 2, room = r.h - 40;
        if (a->opt.width <= 0 || w > half)
            w = half - 8;
        if (h > room)
            h = room;
        x = r.x + (a->opt.place == 'l' ? 0 : half) + (half - w) / 2;
        y = r.y + 32 + (room - h) / 2;
    }
    a->win =
        SDL_CreateWindow("matchboard", x, y, w, h, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!a->win) {
        snprintf(err, cap, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    SDL_SetWindowMinimumSize(a->win, 480, 360);
    a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren) {
        snprintf(err, cap, "cannot draw in the window: %s", SDL_GetError());
        return -1;
    }
    SDL_SetRenderDrawBlendMode(a->ren, SDL_BLENDMODE_BLEND);
    char font[1024];
    if (a->opt.font)
        snprintf(font, sizeof font, "%s", a->opt.font);
    else if (ui_font_find(font, sizeof font) != 0) {
        snprintf(err, cap, "%s", font);
        return -1;
    }
    a->text = ui_text_create(a->ren, font, err, cap);
    if (!a->text)
        return -1;
    if (!ui_text_has_glyph(a->text, 0x265A)) {
        snprintf(err, cap, "the font %s has no chess figurines (U+2654..U+265F); try --font", font);
        return -1;
    }
    return 0;
}

static int start_local(app *a, char *err, size_t cap)
{
    a->local_ops = game_ops_by_name(a->opt.view_game);
    if (!a->local_ops) {
        snprintf(err, cap, "--view: unknown game \"%s\" (gomoku or chess)", a->opt.view_game);
        return -1;
    }
    game_options o = {a->local_ops->kind, 0, 0, 0};
    if (a->local_ops->kind == GAME_KIND_GOMOKU)
        o.rule = GAME_RULE_RENJU;
    a->local_ops->normalize_options(&o);
    a->local = a->local_ops->create(&o);
    if (!a->local) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", a->opt.view_moves ? a->opt.view_moves : "");
    for (char *tok = strtok(buf, " ,\n"); tok; tok = strtok(NULL, " ,\n")) {
        game_move m;
        char text[32];
        if (a->local_ops->move_from_text(a->local, tok, &m) != GAME_OK ||
            a->local_ops->move_to_text(a->local, &m, text, sizeof text) < 0 ||
            a->local_ops->apply(a->local, &m) != GAME_MOVE_OK) {
            snprintf(err, cap, "--moves: \"%s\" is not a legal move here", tok);
            return -1;
        }
        app_add_move(a, text);
    }
    game_result r = a->local_ops->result(a->local);
    if (r.reason != GAME_END_NONE) {
        a->game_over = 1;
        a->result = r;
    }
    a->screen = APP_SCREEN_GAME;
    app_refresh_view(a);
    return 0;
}

static void load_config(app *a)
{
    if (a->opt.no_config || ui_config_path(a->config_path, sizeof a->config_path) != 0)
        a->config_path[0] = 0;
    else
        ui_config_load(&a->config, a->config_path);
    snprintf(a->form_host, sizeof a->form_host, "%s",
             a->config.n_hosts ? a->config.hosts[0] : "localhost");
    snprintf(a->form_name, sizeof a->form_name, "%s",
             a->opt.name         ? a->opt.name
             : a->config.name[0] ? a->config.name
                                 : "player");
}

/* --frames N: a frame every FRAME_MS until the screenshot. */
static int shooting_frames(const app *a)
{
    return a->opt.screenshot && a->opt.screenshot_frames > 0 && !a->shot_done;
}

static int wait_timeout(app *a)
{
    int t = app_net_timeout(a);
    if (a->opt.script) {
        int s = script_step(a);
        if (s >= 0 && (t < 0 || s < t))
            t = s;
    }
    int lan = connect_discovery_timeout(a);
    if (lan >= 0 && (t < 0 || lan < t))
        t = lan;
    int clock_runs = a->have_clock && a->clock.running && !a->game_over;
    if (clock_runs && (t < 0 || t > CLOCK_TICK_MS))
        t = CLOCK_TICK_MS;
    if (a->notice_clear_at) {
        Sint32 left = (Sint32)(a->notice_clear_at - SDL_GetTicks());
        int n = left < 0 ? 0 : (int)left;
        if (t < 0 || n < t)
            t = n;
    }
    if (shooting_frames(a) && (t < 0 || t > FRAME_MS))
        t = FRAME_MS;
    return t;
}

static void handle(app *a, const SDL_Event *ev)
{
    if (ev->type == a->net_event) {
        app_net_on_event(a, ev);
        return;
    }
    switch (ev->type) {
    case SDL_QUIT:
        a->running = 0;
        return;
    case SDL_WINDOWEVENT:
        a->dirty = 1;
        return;
    case SDL_KEYDOWN:
        if (ev->key.keysym.sym == SDLK_q && (ev->key.keysym.mod & KMOD_CTRL)) {
            a->running = 0;
            return;
        }
        break;
    default:
        break;
    }
    if (a->screen == APP_SCREEN_CONNECT)
        connect_screen_input(a, ev);
    else
        app_input_game(a, ev);
}

int app_run(const app_options *o)
{
    static app a; /* one window per process; too big for the stack */
    memset(&a, 0, sizeof a);
    a.opt = *o;
    a.running = 1;
    a.sel_x = a.sel_y = -1;
    a.hot_slot = -1;
    a.computer_level = o->computer_level;
    board_view_clear(&a.view, GAME_KIND_NONE, 1, 1);
    char err[1400] = "";
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        fprintf(stderr, "matchboard: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    int rc = open_window(&a, err, sizeof err);
    if (rc == 0 && app_net_init(&a) != 0) {
        snprintf(err, sizeof err, "cannot start networking");
        rc = -1;
    }
    if (rc == 0) {
        load_config(&a);
        if (o->view_game)
            rc = start_local(&a, err, sizeof err);
        else if (o->script && script_load(&a, o->script, err, sizeof err) != 0)
            rc = -1;
        else if (o->computer) {
            if (computer_play(&a,
                              o->computer_game && strcmp(o->computer_game, "chess") == 0
                                  ? GAME_KIND_CHESS
                                  : GAME_KIND_GOMOKU,
                              o->connect) != 0) {
                snprintf(err, sizeof err, "%s", a.form_error);
                rc = -1;
            }
        } else if (o->connect && app_net_connect(&a, o->connect, a.form_name) != 0) {
            snprintf(err, sizeof err, "%s", a.form_error);
            rc = -1;
        }
    }
    if (rc != 0) {
        fprintf(stderr, "matchboard: %s\n", err);
        a.exit_code = 2;
        a.running = 0;
    }
    if (a.running && !o->view_game && !o->connect && !o->computer)
        connect_discovery_start(&a);
    SDL_StartTextInput();
    a.dirty = 1;
    while (a.running) {
        if (a.dirty)
            app_redraw(&a);
        if (!a.running)
            break;
        SDL_Event ev;
        int t = wait_timeout(&a);
        if (ui_pump_wait(&ev, t))
            handle(&a, &ev);
        while (a.running && SDL_PollEvent(&ev))
            handle(&a, &ev);
        app_net_tick(&a);
        connect_discovery_tick(&a);
        notice_tick(&a);
        if ((a.have_clock && a.clock.running && !a.game_over) || shooting_frames(&a))
            a.dirty = 1;
    }
    connect_discovery_stop(&a);
    app_net_free(&a);
    computer_stop(&a);
    host_stop(&a);
    if (a.local)
        a.local_ops->destroy(a.local);
    ui_text_destroy(a.text);
    if (a.ren)
        SDL_DestroyRenderer(a.ren);
    if (a.win)
        SDL_DestroyWindow(a.win);
    SDL_Quit();
    return a.exit_code;
}
