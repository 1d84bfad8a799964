/* app_net.c: the GUI's connection: the notifier's notifications, which
 * arrive as SDL user events (see app.h), move bytes between the socket and
 * the session; the session decides what they mean and when to dial again. */
#include <stdio.h>

#include "app_net.h"

enum { CONNECT_TIMEOUT_MS = 5000 };

/* Runs on the notifier's thread (POSIX) or in the message pump (Win32):
 * only queues the notification. */
static void post(void *user, const notifier_event *ne)
{
    app *a = user;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = a->net_event;
    ev.user.code = (Sint32)ne->kind;
    ev.user.data1 = (void *)(uintptr_t)ne->connection;
    ev.user.data2 = (void *)(intptr_t)ne->error;
    SDL_PushEvent(&ev);
}

int app_net_init(app *a)
{
    a->net_event = SDL_RegisterEvents(1);
    if (a->net_event == (Uint32)-1 || sock_startup() != SOCK_OK)
        return -1;
    return notifier_create(post, a, 0, &a->net) == SOCK_OK ? 0 : -1;
}

void app_net_free(app *a)
{
    if (a->net)
        notifier_destroy(a->net);
    a->net = NULL;
}

void app_net_flush(app *a)
{
    size_t len;
    const uint8_t *out = session_output(a->ses, &len);
    if (len == 0)
        return;
    if (notifier_send(a->net, out, len) == SOCK_OK)
        session_output_consume(a->ses, len);
}

/* Dials the session's server: 0, or the error. */
static sock_err dial(app *a)
{
    uint16_t port;
    const char *host = session_host(a->ses, &port);
    sock_err e = notifier_connect(a->net, host, port, CONNECT_TIMEOUT_MS);
    if (e == SOCK_OK)
        a->connecting = 1;
    return e;
}

/* Targets the session at host[:port] and dials it. */
static int target_dial(app *a, const char *hostport, const char *name)
{
    if (session_target(a->ses, hostport, name, a->form_error, sizeof a->form_error) != 0)
        return -1;
    sock_err e = dial(a);
    if (e != SOCK_OK) {
        snprintf(a->form_error, sizeof a->form_error, "cannot reach %s: %s", hostport,
                 sock_strerror(e));
        return -1;
    }
    a->form_error[0] = 0;
    session_dialing(a->ses);
    return 0;
}

int app_net_connect(app *a, const char *hostport, const char *name)
{
    session_set_watch(a->ses, 0, 0);
    return target_dial(a, hostport, name);
}

int app_net_watch(app *a, const char *hostport, const char *name, uint32_t match_id)
{
    session_set_watch(a->ses, 1, match_id);
    return target_dial(a, hostport, name);
}

/* The session gave up on the server: back to the connect screen. */
static void gave_up(app *a)
{
    a->connecting = 0;
    a->screen = APP_SCREEN_CONNECT;
}

static void link_lost(app *a, sock_err why)
{
    notifier_disconnect(a->net);
    if (!session_link_lost(a->ses, why, a->form_error, sizeof a->form_error))
        gave_up(a);
}

void app_net_drop(app *a)
{
    if (session_online(a->ses))
        link_lost(a, SOCK_ERR_RESET);
}

/* The client's events into the session, then what it answers. */
static void drain(app *a)
{
    session_drain(a->ses);
    if (a->screen != APP_SCREEN_GAME && session_seated(a->ses))
        a->screen = APP_SCREEN_GAME;
    app_net_flush(a);
}

static void read_all(app *a)
{
    uint8_t buf[4096];
    for (;;) {
        long n = notifier_recv(a->net, buf, sizeof buf);
        if (n > 0) {
            if (session_feed(a->ses, buf, (size_t)n) != 0) {
                drain(a);
                link_lost(a, SOCK_OK);
                return;
            }
            continue;
        }
        if (n == SOCK_ERR_WOULD_BLOCK)
            break;
        drain(a);
        link_lost(a, n == 0 ? SOCK_OK : (sock_err)n);
        return;
    }
    drain(a);
}

/* Remembers the server in gui.conf, once we reached it. */
static void remember_server(app *a)
{
    uint16_t port;
    const char *host = session_host(a->ses, &port);
    char hp[UI_CONFIG_TEXT];
    if (a->opt.no_config || !a->config_path[0])
        return;
    snprintf(hp, sizeof hp, port == APP_DEFAULT_PORT ? "%s" : "%s:%u", host, port);
    ui_config_remember_host(&a->config, hp);
    ui_config_save(&a->config, a->config_path);
}

void app_net_on_event(app *a, const SDL_Event *ev)
{
    notifier_event ne;
    ne.from = a->net;
    ne.kind = (notifier_kind)ev->user.code;
    ne.connection = (uint32_t)(uintptr_t)ev->user.data1;
    ne.error = (sock_err)(intptr_t)ev->user.data2;
    if (!a->net || !notifier_is_current(a->net, &ne))
        return;
    a->dirty = 1;
    switch (ne.kind) {
    case NOTIFY_CONNECT:
        a->connecting = 0;
        if (ne.error != SOCK_OK) {
            if (!session_dial_failed(a->ses, ne.error, a->form_error, sizeof a->form_error))
                a->screen = APP_SCREEN_CONNECT;
            return;
        }
        a->screen = APP_SCREEN_GAME;
        session_link_up(a->ses);
        remember_server(a);
        app_net_flush(a);
        break;
    case NOTIFY_READ:
        read_all(a);
        break;
    case NOTIFY_WRITE:
        app_net_flush(a);
        break;
    case NOTIFY_CLOSE:
        read_all(a);
        if (session_online(a->ses))
            link_lost(a, ne.error);
        break;
    }
}

void app_net_tick(app *a)
{
    if (!session_reconnect_due(a->ses))
        return;
    sock_err e = dial(a);
    if (e != SOCK_OK)
        session_dial_failed(a->ses, e, a->form_error, sizeof a->form_error);
    a->dirty = 1;
}
