/* app_net.c: the GUI's connection: the client state machine fed from the
 * notifier's notifications, which arrive as SDL user events (see app.h).
 * A dropped link is retried with a growing pause; the client resumes the
 * seat with its token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "computer.h"
#include "host_screen.h"
#include "utf8.h"

enum { RECONNECT_FIRST_MS = 300, RECONNECT_MAX_MS = 5000, CONNECT_TIMEOUT_MS = 5000 };

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

static void clear_moves(app *a)
{
    for (int i = 0; i < a->n_moves; i++)
        free(a->moves[i]);
    a->n_moves = 0;
}

void app_net_free(app *a)
{
    if (a->net)
        notifier_destroy(a->net);
    if (a->cl)
        client_destroy(a->cl);
    clear_moves(a);
    free(a->moves);
    a->net = NULL;
    a->cl = NULL;
}

void app_add_move(app *a, const char *text)
{
    if (a->n_moves == a->cap_moves) {
        int cap = a->cap_moves ? 2 * a->cap_moves : 64;
        char **m = realloc(a->moves, (size_t)cap * sizeof *m);
        if (!m)
            return;
        a->moves = m;
        a->cap_moves = cap;
    }
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, text, len + 1);
    a->moves[a->n_moves++] = copy;
}

static void add_chat(app *a, const char *who, const char *text)
{
    if (a->n_chat == APP_MAX_CHAT) {
        memmove(a->chat[0], a->chat[1], sizeof a->chat[0] * (APP_MAX_CHAT - 1));
        a->n_chat--;
    }
    snprintf(a->chat[a->n_chat++], APP_CHAT_LINE, "%s%s%s", who ? who : "", who ? ": " : "", text);
}

/* Sends what the client has queued. */
static void flush(app *a)
{
    size_t len;
    const uint8_t *out = client_output(a->cl, &len);
    if (len == 0 || !a->link_up)
        return;
    if (notifier_send(a->net, out, len) == SOCK_OK)
        client_output_consume(a->cl, len);
}

static void set_conn(app *a, const char *fmt, const char *detail)
{
    /* cppcheck-suppress wrongPrintfScanfArgNum ; fmt may leave detail unused: C ignores it */
    snprintf(a->conn_text, sizeof a->conn_text, fmt, a->host, a->port, detail ? detail : "");
}

static void schedule_reconnect(app *a)
{
    int delay = RECONNECT_FIRST_MS << (a->reconnect_tries < 5 ? a->reconnect_tries : 5);
    if (delay > RECONNECT_MAX_MS)
        delay = RECONNECT_MAX_MS;
    a->reconnect_tries++;
    a->reconnect_at = SDL_GetTicks() + (Uint32)delay;
    if (a->reconnect_at == 0)
        a->reconnect_at = 1;
    if (a->cl && client_restarting(a->cl))
        set_conn(a, "server restarting — your game will resume; reconnecting to %s:%u…",
                 NULL);
    else
        set_conn(a, "reconnecting to %s:%u…", NULL);
}

int app_net_connect(app *a, const char *hostport, const char *name)
{
    if (sock_parse_hostport(hostport, APP_DEFAULT_PORT, a->host, sizeof a->host, &a->port) !=
        SOCK_OK) {
        snprintf(a->form_error, sizeof a->form_error,
                 "\"%s\" is not an address: use host or host:port", hostport);
        return -1;
    }
    if (!a->cl) {
        client_config cfg = {name, 0, game_ops_for_kind};
        a->cl = client_create(&cfg);
        if (!a->cl) {
            snprintf(a->form_error, sizeof a->form_error, "out of memory");
            return -1;
        }
    }
    sock_err e = notifier_connect(a->net, a->host, a->port, CONNECT_TIMEOUT_MS);
    if (e != SOCK_OK) {
        snprintf(a->form_error, sizeof a->form_error, "cannot reach %s: %s", hostport,
                 sock_strerror(e));
        return -1;
    }
    a->connecting = 1;
    a->form_error[0] = 0;
    set_conn(a, "connecting to %s:%u…", NULL);
    return 0;
}

/* The window's title names the players, so two windows on one screen
 * (tools/play) tell apart: "matchboard: ann (Black) v ben". */
static void set_title(app *a, const client_event *ev)
{
    const game_ops *ops = client_ops(a->cl);
    game_side me = client_side(a->cl);
    char title[160];
    if (me == GAME_SIDE_NONE || !ops) {
        snprintf(title, sizeof title, "matchboard: %s v %s", ev->u.start.player1,
                 ev->u.start.player2);
    } else {
        const char *mine = me == GAME_SIDE_P1 ? ev->u.start.player1 : ev->u.start.player2;
        const char *theirs = me == GAME_SIDE_P1 ? ev->u.start.player2 : ev->u.start.player1;
        snprintf(title, sizeof title, "matchboard: %s (%s) v %s", mine,
                 panel_side_colour(ops->kind, me), theirs);
    }
    SDL_SetWindowTitle(a->win, title);
}

/* The server refused our last move: its reason, made precise by our own
 * rules where the wire code is general ("illegal move" -> "occupied"). */
static void reject_notice(app *a, uint8_t reason)
{
    const game_ops *ops = client_ops(a->cl);
    const game *g = client_game(a->cl);
    game_move_error e = GAME_MOVE_OK;
    if ((reason == PACKET_REJECT_ILLEGAL || reason == PACKET_REJECT_FORBIDDEN) && ops && g)
        e = ops->check_move(g, client_side(a->cl), &a->sent_move);
    if (e != GAME_MOVE_OK)
        app_notice(a, 0, "Move refused: %s", game_move_strerror(e));
    else
        app_notice(a, 0, "Move refused: %s", client_reject_reason_str(reason));
}

/* Rebuilds the move list from the client's game (after a resume, or
 * moves taken back). */
static void rebuild_moves(app *a)
{
    clear_moves(a);
    /* Rebuild the move list from the resynchronised game. */
    if (client_game(a->cl)) {
        const game_ops *ops = client_ops(a->cl);
        const game *g = client_game(a->cl);
        uint32_t n = ops->ply(g);
        game *replay = ops->create(ops->options(g));
        for (uint32_t i = 0; replay && i < n; i++) {
            game_move m;
            char text[32] = "?";
            if (!ops->history(g, i, &m))
                break;
            ops->move_to_text(replay, &m, text, sizeof text);
            app_add_move(a, text);
            ops->apply(replay, &m);
        }
        if (replay)
            ops->destroy(replay);
    }
}

static void on_client_event(app *a, const client_event *ev)
{
    char line[200];
    switch (ev->type) {
    case CLIENT_EV_WELCOME:
        set_conn(a, "connected to %s:%u%s", ev->u.welcome.resumed ? " (resumed)" : "");
        if (!ev->u.welcome.resumed)
            app_notice_clear(a);
        computer_on_welcome(a);
        host_on_welcome(a);
        break;
    case CLIENT_EV_START:
        /* A START in the middle of a game (an opening rule exchanged the
         * colours) keeps the moves. */
        if (client_ops(a->cl)->ply(client_game(a->cl)) == 0)
            clear_moves(a);
        a->opponent_gone = 0;
        a->game_over = a->draw_in = a->draw_out = a->rematch_in = a->rematch_out = 0;
        a->shot_done = 0;
        a->have_clock = 0;
        app_notice_clear(a);
        a->sel_x = a->sel_y = -1;
        a->view.promo_open = 0;
        set_title(a, ev);
        break;
    case CLIENT_EV_MOVE:
        a->takeback_in = 0; /* a request is about the moves before this one */
        app_add_move(a, ev->u.move.text[0] ? ev->u.move.text : ev->u.move.coord);
        if (!ev->u.move.mine)
            app_premove_play(a);
        a->draw_out = a->draw_in = 0;
        if (ev->u.move.mine)
            app_notice_clear(a);
        break;
    case CLIENT_EV_REJECT:
        reject_notice(a, ev->u.reject.reason);
        a->sel_x = a->sel_y = -1;
        break;
    case CLIENT_EV_GAME_OVER:
        a->game_over = 1;
        a->result = ev->u.game_over.result;
        a->draw_in = a->draw_out = 0;
        a->sel_x = a->sel_y = -1;
        a->view.promo_open = 0;
        break;
    case CLIENT_EV_DRAW_OFFERED:
        a->draw_in = 1;
        break;
    case CLIENT_EV_DRAW_DECLINED:
        a->draw_out = 0;
        app_notice(a, 1, "Draw declined");
        break;
    case CLIENT_EV_REMATCH_OFFERED:
        a->rematch_in = 1;
        break;
    case CLIENT_EV_REMATCH_DECLINED:
        a->rematch_out = 0;
        app_notice(a, 1, "Rematch declined");
        break;
    case CLIENT_EV_CHAT: {
        game_side s = ev->u.chat.seat == PACKET_SEAT_P1   ? GAME_SIDE_P1
                      : ev->u.chat.seat == PACKET_SEAT_P2 ? GAME_SIDE_P2
                                                          : GAME_SIDE_NONE;
        const char *who = s != GAME_SIDE_NONE ? client_player_name(a->cl, s) : "server";
        add_chat(a, who && who[0] ? who : "?", ev->u.chat.text);
        break;
    }
    case CLIENT_EV_CLOCK:
        a->clock = ev->u.clock;
        a->clock_at = SDL_GetTicks();
        a->have_clock = 1;
        break;
    case CLIENT_EV_PEER_STATUS:
        a->opponent_gone = ev->u.peer.status == PACKET_PEER_DROPPED;
        if (!a->opponent_gone)
            app_notice(a, 1, "Your opponent is back");
        else if (a->game_over) /* after the end a bot or a player leaving is news, not trouble */
            app_notice(a, 1, "Your opponent left");
        else
            app_notice(a, 0, "Your opponent lost the connection; waiting for them…");
        if (a->opponent_gone)
            a->rematch_in = a->rematch_out = 0;
        break;
    case CLIENT_EV_SYNCED:
        rebuild_moves(a);
        break;
    case CLIENT_EV_SERVER_ERROR:
    case CLIENT_EV_PROTOCOL_ERROR:
        client_event_describe(a->cl, ev, line, sizeof line);
        app_notice(a, 0, "%s", line);
        break;
    case CLIENT_EV_PONG:
        break;
    case CLIENT_EV_RESTARTING: /* it reconnects by itself once the link drops */
        app_notice(a, 1, "Server restarting — your game will resume");
        break;
    case CLIENT_EV_OPENING: /* the panel's status line says whose decision it is */
        app_opening_event(a);
        break;
    case CLIENT_EV_TAKEBACK_OFFERED:
        a->takeback_in = ev->u.takeback.plies;
        app_notice(a, 1, "Your opponent asks to take back %d move%s", ev->u.takeback.plies,
                   ev->u.takeback.plies == 1 ? "" : "s");
        break;
    case CLIENT_EV_TAKEBACK_DECLINED:
        app_notice(a, 1, "Takeback declined");
        break;
    case CLIENT_EV_TAKEN_BACK:
        a->takeback_in = 0;
        rebuild_moves(a);
        app_notice(a, 1, "%d move%s taken back", ev->u.takeback.plies,
                   ev->u.takeback.plies == 1 ? "" : "s");
        break;
    }
    a->dirty = 1;
}

static void drain_events(app *a)
{
    client_event ev;
    while (client_next_event(a->cl, &ev))
        on_client_event(a, &ev);
    if (client_get_state(a->cl) != CLIENT_OFFLINE && a->screen != APP_SCREEN_GAME &&
        client_seat(a->cl) != 0)
        a->screen = APP_SCREEN_GAME;
    app_refresh_view(a);
    flush(a);
}

static void link_lost(app *a, sock_err why)
{
    a->link_up = 0;
    notifier_disconnect(a->net);
    client_connection_lost(a->cl);
    if (client_get_state(a->cl) == CLIENT_FAILED || !a->ever_connected) {
        a->connecting = 0;
        a->screen = APP_SCREEN_CONNECT;
        snprintf(a->form_error, sizeof a->form_error, "cannot reach %s:%u: %s", a->host, a->port,
                 sock_strerror(why));
        return;
    }
    schedule_reconnect(a);
}

void app_net_drop(app *a)
{
    if (a->link_up)
        link_lost(a, SOCK_ERR_RESET);
}

static void read_all(app *a)
{
    uint8_t buf[4096];
    for (;;) {
        long n = notifier_recv(a->net, buf, sizeof buf);
        if (n > 0) {
            if (client_feed(a->cl, buf, (size_t)n) != 0) {
                drain_events(a);
                link_lost(a, SOCK_OK);
                return;
            }
            continue;
        }
        if (n == SOCK_ERR_WOULD_BLOCK)
            break;
        drain_events(a);
        link_lost(a, n == 0 ? SOCK_OK : (sock_err)n);
        return;
    }
    drain_events(a);
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
            if (a->ever_connected) {
                schedule_reconnect(a);
            } else {
                snprintf(a->form_error, sizeof a->form_error, "cannot reach %s:%u: %s", a->host,
                         a->port, sock_strerror(ne.error));
                a->screen = APP_SCREEN_CONNECT;
            }
            return;
        }
        a->link_up = 1;
        a->ever_connected = 1;
        a->reconnect_tries = 0;
        a->screen = APP_SCREEN_GAME;
        set_conn(a, "connected to %s:%u, waiting for the server…", NULL);
        if (!a->opt.no_config && a->config_path[0]) {
            char hp[UI_CONFIG_TEXT];
            snprintf(hp, sizeof hp, a->port == APP_DEFAULT_PORT ? "%s" : "%s:%u", a->host, a->port);
            ui_config_remember_host(&a->config, hp);
            ui_config_save(&a->config, a->config_path);
        }
        client_connected(a->cl);
        flush(a);
        break;
    case NOTIFY_READ:
        read_all(a);
        break;
    case NOTIFY_WRITE:
        flush(a);
        break;
    case NOTIFY_CLOSE:
        read_all(a);
        if (a->link_up)
            link_lost(a, ne.error);
        break;
    }
}

void app_net_tick(app *a)
{
    if (a->reconnect_at == 0 || (Sint32)(SDL_GetTicks() - a->reconnect_at) < 0)
        return;
    a->reconnect_at = 0;
    if (notifier_connect(a->net, a->host, a->port, CONNECT_TIMEOUT_MS) != SOCK_OK)
        schedule_reconnect(a);
    else
        a->connecting = 1;
    a->dirty = 1;
}

int app_net_timeout(const app *a)
{
    if (a->reconnect_at == 0)
        return -1;
    Sint32 left = (Sint32)(a->reconnect_at - SDL_GetTicks());
    return left < 0 ? 0 : left;
}

void app_net_send_move(app *a, const game_move *m)
{
    a->sent_move = *m;
    client_error e = client_send_move(a->cl, m);
    if (e != CLIENT_OK)
        app_notice(a, 0, "Cannot move now: %s", client_strerror(e));
    flush(a);
    a->dirty = 1;
}

void app_net_flush(app *a)
{
    flush(a);
    a->dirty = 1;
}

void app_net_send_opening(app *a, const packet_opening_action *s)
{
    client_error e = client_send_opening(a->cl, s);
    if (e != CLIENT_OK)
        app_notice(a, 0, "Cannot do that now: %s", client_strerror(e));
    flush(a);
    a->dirty = 1;
}

void app_net_action(app *a, panel_action act)
{
    client_error e = CLIENT_OK;
    switch (act) {
    case PANEL_RESIGN:
        e = client_resign(a->cl);
        break;
    case PANEL_OFFER_DRAW:
        e = client_offer_draw(a->cl);
        a->draw_out = e == CLIENT_OK;
        break;
    case PANEL_ACCEPT_DRAW:
    case PANEL_DECLINE_DRAW:
        e = client_answer_draw(a->cl, act == PANEL_ACCEPT_DRAW);
        a->draw_in = 0;
        break;
    case PANEL_REMATCH:
        e = client_offer_rematch(a->cl);
        a->rematch_out = e == CLIENT_OK;
        break;
    case PANEL_ACCEPT_REMATCH:
    case PANEL_DECLINE_REMATCH:
        e = client_answer_rematch(a->cl, act == PANEL_ACCEPT_REMATCH);
        a->rematch_in = 0;
        break;
    case PANEL_FLIP:
        a->flipped = !a->flipped;
        break;
    case PANEL_NONE:
        break;
    case PANEL_ACCEPT_TAKEBACK:
    case PANEL_DECLINE_TAKEBACK:
        e = client_answer_takeback(a->cl, act == PANEL_ACCEPT_TAKEBACK);
        a->takeback_in = 0;
        break;
    default: /* the opening's decisions */
        app_opening_action(a, act);
        break;
    }
    if (e != CLIENT_OK)
        app_notice(a, 0, "Not now: %s", client_strerror(e));
    flush(a);
    a->dirty = 1;
}

void app_net_chat(app *a, const char *text)
{
    if (!*text)
        return;
    /* The server echoes the line to everyone, us included. */
    client_error e = client_chat(a->cl, text);
    if (e != CLIENT_OK)
        app_notice(a, 0, "Chat not sent: %s", client_strerror(e));
    flush(a);
}
