/* app_leave.c: see app_leave.h. */
#include "app_leave.h"
#include "app_net.h"
#include "computer.h"
#include "connect_screen.h"
#include "host_screen.h"

/* LEAVE_SEND_MS: the longest wait for the server to read the farewell
 * (session_left), and then, hosting, for it to close the link; POLL_MS:
 * how often to look meanwhile. */
enum { LEAVE_SEND_MS = 2000, POLL_MS = 20 };

/* The farewell is queued in the session: send it, then finish. */
static void go(app *a)
{
    a->leaving = 1;
    a->leave_shut = 0;
    a->leave_deadline = SDL_GetTicks() + LEAVE_SEND_MS;
    app_net_flush(a);
    app_leave_tick(a);
}

static void step(app *a, session_leave_step st)
{
    a->dirty = 1;
    if (st == SESSION_LEAVE_GO)
        go(a);
    else if (st == SESSION_LEAVE_NONE)
        a->quit_after_leave = 0; /* "Stay": the window stays too */
}

void app_leave(app *a)
{
    if (a->leaving || a->screen != APP_SCREEN_GAME)
        return;
    session_set_hosting(a->ses, a->host_server != NULL);
    step(a, session_leave(a->ses));
}

void app_close_window(app *a)
{
    if (a->screen != APP_SCREEN_GAME || !session_client(a->ses)) {
        a->running = 0;
        return;
    }
    a->quit_after_leave = 1;
    if (a->leaving)
        return;
    session_set_hosting(a->ses, a->host_server != NULL);
    step(a, session_leave(a->ses));
}

/* A click at drawable point (x, y) while the question is up. */
static void click_question(app *a, int x, int y)
{
    ui_rect box, yes, no;
    ui_layout_confirm(&a->layout, &box, &yes, &no);
    if (ui_rect_contains(yes, x, y))
        step(a, session_leave_answer(a->ses, 1));
    else if (ui_rect_contains(no, x, y))
        step(a, session_leave_answer(a->ses, 0));
}

int app_leave_input(app *a, const SDL_Event *ev)
{
    int x, y;
    if (a->leaving)
        return 1; /* nothing more is played */
    if (session_leave_question(a->ses)) {
        if (ev->type == SDL_KEYDOWN) {
            SDL_Keycode k = ev->key.keysym.sym;
            if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_y)
                step(a, session_leave_answer(a->ses, 1));
            else if (k == SDLK_ESCAPE || k == SDLK_n)
                step(a, session_leave_answer(a->ses, 0));
        } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
            x = ev->button.x;
            y = ev->button.y;
            ui_scale_point(a->win_w, a->win_h, a->layout.w, a->layout.h, &x, &y);
            click_question(a, x, y);
        }
        return ev->type != SDL_MOUSEMOTION && ev->type != SDL_WINDOWEVENT;
    }
    if (!session_client(a->ses))
        return 0;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_l && !a->chat_focus &&
        !(ev->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))) {
        app_leave(a);
        return 1;
    }
    if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        x = ev->button.x;
        y = ev->button.y;
        ui_scale_point(a->win_w, a->win_h, a->layout.w, a->layout.h, &x, &y);
        if (ui_rect_contains(a->layout.leave, x, y)) {
            app_leave(a);
            return 1;
        }
    }
    return 0;
}

/* The server has read the farewell (or the wait is over): the link closes
 * (what the server sent meanwhile is read first, so the close is a clean
 * one), the computer or the hosted server stops, and a fresh session waits
 * on the connect screen. */
static void finish(app *a)
{
    uint8_t buf[512];
    session *fresh = session_create(&a->ses_cfg);
    while (notifier_recv(a->net, buf, sizeof buf) > 0)
        ;
    notifier_disconnect(a->net);
    computer_stop(a);
    host_stop(a);
    a->leaving = 0;
    a->connecting = 0;
    a->pressed = 0;
    a->chat_focus = 0;
    a->chat_input[0] = a->chat_compose[0] = 0;
    a->hot_slot = -1;
    a->screen = APP_SCREEN_CONNECT;
    a->dirty = 1;
    SDL_SetWindowTitle(a->win, "matchboard");
    if (fresh) {
        session_destroy(a->ses);
        a->ses = fresh;
    } else {
        a->quit_after_leave = 1; /* out of memory: the old session cannot play again */
    }
    if (a->quit_after_leave)
        a->running = 0;
    else
        connect_discovery_start(a);
}

static int before_deadline(const app *a)
{
    return (Sint32)(SDL_GetTicks() - a->leave_deadline) < 0;
}

/* Hosting, the farewell read: 1 while we wait for the hosted server to
 * close our link. Stopped at once, it could say "shutting down" to the
 * opponent before it has read our link's end; so we shut our end and wait
 * for its close, after which it has told the opponent that we left
 * (PEER_STATUS), ahead of its stop's goodbye. */
static int host_telling(app *a)
{
    if (!a->host_server || !session_online(a->ses))
        return 0;
    if (!a->leave_shut) {
        sock_err e = notifier_shutdown_write(a->net);
        if (e == SOCK_ERR_WOULD_BLOCK)
            return before_deadline(a); /* the farewell is still going out */
        if (e != SOCK_OK)
            return 0;
        a->leave_shut = 1;
        a->leave_deadline = SDL_GetTicks() + LEAVE_SEND_MS;
    }
    return before_deadline(a);
}

void app_leave_tick(app *a)
{
    if (!a->leaving)
        return;
    app_net_flush(a);
    if (!session_left(a->ses) && before_deadline(a))
        return;
    if (session_left(a->ses) && host_telling(a))
        return;
    finish(a);
}

int app_leave_timeout(const app *a)
{
    return a->leaving ? POLL_MS : -1;
}
