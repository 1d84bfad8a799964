/* app.c: the window, the event loop and drawing (see app.h). */
#include <stdio.h>
#include <string.h>

#include "app_input.h"
#include "app_leave.h"
#include "app_net.h"
#include "computer.h"
#include "config_path.h"
#include "connect_screen.h"
#include "font_find.h"
#include "host_screen.h"
#include "pump.h"
#include "render.h"
#include "screenshot.h"
#include "script.h"
#include "trace.h"

/* FRAME_MS: a frame of --frames N, so N counts time on every platform. */
enum { FRAME_MS = 16 };

static uint32_t ticks(void *user)
{
    (void)user;
    return SDL_GetTicks();
}

/* The panel as the session fills it, with the window's own parts: the
 * chat line being typed and the button under the pointer. */
static void fill_panel(app *a, panel_info *p)
{
    session_fill_panel(a->ses, p);
    p->chat_input = a->chat_input;
    p->chat_compose = a->chat_compose;
    p->chat_focus = a->chat_focus;
    p->hot_slot = a->hot_slot;
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
    int game_over = session_game_over(a->ses);
    if (a->screen == APP_SCREEN_CONNECT) {
        connect_screen_draw(a);
    } else {
        const board_view *v = session_board(a->ses);
        fill_panel(a, &p);
        board_geom g;
        render_board_geom(&g, &a->layout, v, session_flipped(a->ses));
        render_game(a->ren, a->text, &a->layout, &g, v, &p);
    }
    a->frames++;
    int asked = a->shot_now;
    int shoot =
        a->opt.screenshot &&
        (asked || (!a->shot_done &&
                   ((a->opt.screenshot_frames > 0 && a->frames >= a->opt.screenshot_frames) ||
                    (a->opt.screenshot_frames == 0 && game_over))));
    a->shot_now = 0;
    if (shoot) {
        a->shot_done = 1;
        if (ui_screenshot_save(a->ren, a->opt.screenshot) != 0) {
            fprintf(stderr, "matchboard: cannot write %s: %s\n", a->opt.screenshot, SDL_GetError());
            a->exit_code = 1;
        }
        if (!asked && (a->opt.quit_after_game || a->opt.screenshot_frames > 0))
            a->running = 0;
    } else if (!a->opt.screenshot &&
               ((a->opt.quit_after_game && game_over) ||
                (a->opt.screenshot_frames > 0 && a->frames >= a->opt.screenshot_frames))) {
        a->running = 0; /* the game over with --exit-at-end, or --frames N alone */
    }
    /* After the screenshot: a test that sees "game over" finds the file. */
    if (a->opt.trace)
        app_trace(a, a->screen == APP_SCREEN_CONNECT ? NULL : &p);
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

/* --frames N: a frame every FRAME_MS until the screenshot, or until the
 * end when there is none to write. */
static int shooting_frames(const app *a)
{
    return a->opt.screenshot_frames > 0 && !a->shot_done;
}

/* SDL_VIDEODRIVER names the driver: a window may be what the user wants or
 * not (tests, screenshots without a display). */
static int windowless_asked(void)
{
    const char *v = SDL_getenv("SDL_VIDEODRIVER");
    return v && v[0];
}

/* SDL's drivers that open no window on a screen. */
static int windowless_driver(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (strcmp(d, "offscreen") == 0 || strcmp(d, "dummy") == 0);
}

static int wait_timeout(app *a)
{
    int t = session_timeout(a->ses);
    if (a->opt.script) {
        int s = script_step(a);
        if (s >= 0 && (t < 0 || s < t))
            t = s;
    }
    int lan = connect_discovery_timeout(a);
    if (lan >= 0 && (t < 0 || lan < t))
        t = lan;
    int leave = app_leave_timeout(a);
    if (leave >= 0 && (t < 0 || leave < t))
        t = leave;
    int cpu = computer_timeout(a);
    if (cpu >= 0 && (t < 0 || cpu < t))
        t = cpu;
    if (shooting_frames(a) && (t < 0 || t > FRAME_MS))
        t = FRAME_MS;
    return t;
}

/* What the session has for the window after an event: its news, its
 * bytes to send, whether to draw again. */
static void after_session(app *a)
{
    unsigned news = session_take_news(a->ses);
    if (news & SESSION_NEWS_START) {
        SDL_SetWindowTitle(a->win, session_title(a->ses));
        a->shot_done = 0;
    }
    if (news & SESSION_NEWS_WELCOME) {
        computer_on_welcome(a);
        host_on_welcome(a);
    }
    app_net_flush(a);
    if (session_take_dirty(a->ses))
        a->dirty = 1;
}

static void dispatch(app *a, const SDL_Event *ev)
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
        if (ev->window.event == SDL_WINDOWEVENT_CLOSE)
            app_close_window(a); /* a game in progress: ask first */
        return;
    case SDL_KEYDOWN:
        if (ev->key.keysym.sym == SDLK_q && (ev->key.keysym.mod & KMOD_CTRL)) {
            app_close_window(a);
            return;
        }
        break;
    default:
        break;
    }
    if (a->screen == APP_SCREEN_CONNECT)
        connect_screen_input(a, ev);
    else if (!app_leave_input(a, ev))
        app_input_game(a, ev);
}

static void handle(app *a, const SDL_Event *ev)
{
    dispatch(a, ev);
    after_session(a);
}

int app_run(const app_options *o)
{
    static app a; /* one window per process; too big for the stack */
    session_config sc = {ticks, NULL};
    memset(&a, 0, sizeof a);
    a.ses_cfg = sc;
    a.opt = *o;
    a.running = 1;
    a.hot_slot = -1;
    a.computer_level = o->computer_level;
    char err[1400] = "";
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    /* The close button is SDL_WINDOWEVENT_CLOSE alone, so that a game in
     * progress can ask first (app_leave.c); SDL_QUIT is then a signal or
     * the session ending, which closes at once. */
    SDL_SetHint("SDL_QUIT_ON_LAST_WINDOW_CLOSE", "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        fprintf(stderr, "matchboard: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    if (!windowless_asked() && windowless_driver()) {
        /* SDL falls back to a driver without a window: a player would
         * wait for a window that never opens. */
        fprintf(stderr, "matchboard: no display to open a window on (is DISPLAY or "
                        "WAYLAND_DISPLAY set?); on a machine without one, run it under "
                        "xvfb-run, or set SDL_VIDEODRIVER=offscreen to run it without a "
                        "window\n");
        SDL_Quit();
        return 1;
    }
    int rc = open_window(&a, err, sizeof err);
    if (rc == 0 && !(a.ses = session_create(&sc))) {
        snprintf(err, sizeof err, "out of memory");
        rc = -1;
    }
    if (rc == 0 && app_net_init(&a) != 0) {
        snprintf(err, sizeof err, "cannot start networking");
        rc = -1;
    }
    if (rc == 0) {
        load_config(&a);
        if (o->view_game) {
            rc = session_view_local(a.ses, o->view_game, o->view_moves, err, sizeof err);
            a.screen = APP_SCREEN_GAME;
        } else if (o->script && script_load(&a, o->script, err, sizeof err) != 0)
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
        } else if (o->connect &&
                   (o->watch ? app_net_watch(&a, o->connect, a.form_name, o->watch_match)
                             : app_net_connect(&a, o->connect, a.form_name)) != 0) {
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
        app_leave_tick(&a);
        computer_tick(&a);
        connect_discovery_tick(&a);
        session_tick(a.ses);
        after_session(&a);
        if (shooting_frames(&a))
            a.dirty = 1;
    }
    connect_discovery_stop(&a);
    app_net_free(&a);
    computer_stop(&a);
    host_stop(&a);
    session_destroy(a.ses);
    ui_text_destroy(a.text);
    if (a.ren)
        SDL_DestroyRenderer(a.ren);
    if (a.win)
        SDL_DestroyWindow(a.win);
    SDL_Quit();
    return a.exit_code;
}
