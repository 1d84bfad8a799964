/* session.c: the session's life, its link to the server, the client's
 * events turned into view state, and the notices (see session.h). A
 * dropped link is retried with a growing pause; the client resumes the
 * seat with its token. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_model.h"
#include "session_internal.h"

/* CLOCK_TICK_MS: how often a running clock is redrawn. */
enum { RECONNECT_FIRST_MS = 300, RECONNECT_MAX_MS = 5000, CLOCK_TICK_MS = 100 };

uint32_t session_now(const session *s)
{
    return s->cfg.now_ms(s->cfg.user);
}

/* Time from now until t (0 when it has come). */
static int ms_until(const session *s, uint32_t t)
{
    int32_t left = (int32_t)(t - session_now(s));
    return left < 0 ? 0 : (int)left;
}

session *session_create(const session_config *cfg)
{
    session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = *cfg;
    s->sel_x = s->sel_y = -1;
    board_view_clear(&s->view, GAME_KIND_NONE, 1, 1);
    return s;
}

void session_destroy(session *s)
{
    if (!s)
        return;
    if (s->cl)
        client_destroy(s->cl);
    if (s->local)
        s->local_ops->destroy(s->local);
    session_moves_free(s);
    free(s);
}

const game_ops *session_ops(const session *s)
{
    return s->local ? s->local_ops : s->cl ? client_ops(s->cl) : NULL;
}

const game *session_game(const session *s)
{
    return s->local ? s->local : s->cl ? client_game(s->cl) : NULL;
}

const client *session_client(const session *s)
{
    return s->cl;
}

static game_side my_side(const session *s)
{
    return s->local ? GAME_SIDE_NONE : s->cl ? client_side(s->cl) : GAME_SIDE_NONE;
}

int session_flipped(const session *s)
{
    /* Chess turns the board so your own side is at the bottom; a Gomoku
     * board reads the same for both players and keeps a1 bottom left. */
    const game_ops *ops = session_ops(s);
    int seat_flip = ops && ops->kind == GAME_KIND_CHESS && my_side(s) == GAME_SIDE_P2;
    return seat_flip != (s->flipped != 0);
}

void session_refresh_view(session *s)
{
    const game_ops *ops = session_ops(s);
    const game *g = session_game(s);
    if (!ops || !g) {
        board_view_clear(&s->view, GAME_KIND_NONE, 1, 1);
        return;
    }
    board_model_fill(&s->view, ops, g, s->sel_x, s->sel_y);
    session_opening_marks(s);
    session_premove_marks(s);
    s->dirty = 1;
}

const board_view *session_board(const session *s)
{
    return &s->view;
}

void session_notice(session *s, int info, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->notice, sizeof s->notice, fmt, ap);
    va_end(ap);
    s->notice_info = info;
    s->notice_at = session_now(s);
    s->notice_clear_at = 0;
    s->dirty = 1;
}

void session_notice_drop(session *s)
{
    s->notice[0] = 0;
}

void session_notice_clear(session *s)
{
    if (!s->notice[0])
        return;
    uint32_t until = s->notice_at + SESSION_NOTICE_MIN_MS;
    if ((int32_t)(session_now(s) - until) >= 0) {
        s->notice[0] = 0;
        s->notice_clear_at = 0;
        s->dirty = 1;
    } else if (s->notice_clear_at == 0) {
        s->notice_clear_at = until ? until : 1;
    }
}

/* When news fades (session_notice), 0: it stays. A question the notice
 * asks stays while it is open. */
static uint32_t notice_fade_at(const session *s)
{
    if (!s->notice[0] || s->notice_info != 1 || s->takeback_in)
        return 0;
    uint32_t t = s->notice_at + SESSION_NOTICE_FADE_MS;
    return t ? t : 1;
}

static int clock_runs(const session *s)
{
    return s->have_clock && s->clock.running && !s->game_over && !s->clock_frozen;
}

int session_timeout(const session *s)
{
    int t = s->reconnect_at ? ms_until(s, s->reconnect_at) : -1;
    if (clock_runs(s) && (t < 0 || t > CLOCK_TICK_MS))
        t = CLOCK_TICK_MS;
    uint32_t at[2] = {s->notice_clear_at, notice_fade_at(s)};
    for (int i = 0; i < 2; i++)
        if (at[i]) {
            int n = ms_until(s, at[i]);
            if (t < 0 || n < t)
                t = n;
        }
    return t;
}

void session_tick(session *s)
{
    /* a notice whose clearing waited for its minimum time */
    if (s->notice_clear_at && (int32_t)(session_now(s) - s->notice_clear_at) >= 0)
        session_notice_clear(s);
    /* news read long enough */
    uint32_t fade = notice_fade_at(s);
    if (fade && (int32_t)(session_now(s) - fade) >= 0) {
        session_notice_drop(s);
        s->dirty = 1;
    }
    if (clock_runs(s))
        s->dirty = 1;
}

int session_take_dirty(session *s)
{
    int d = s->dirty;
    s->dirty = 0;
    return d;
}

unsigned session_take_news(session *s)
{
    unsigned n = s->news;
    s->news = 0;
    return n;
}

const char *session_title(const session *s)
{
    return s->title;
}

int session_game_over(const session *s)
{
    return s->game_over;
}

int session_seated(const session *s)
{
    return s->cl && client_get_state(s->cl) != CLIENT_OFFLINE && client_seat(s->cl) != 0;
}

int session_my_turn(const session *s)
{
    return !s->local && s->cl && client_my_turn(s->cl) && !s->game_over;
}

int session_selected(const session *s, int *x, int *y)
{
    *x = s->sel_x;
    *y = s->sel_y;
    return s->sel_x >= 0;
}

int session_premove(const session *s, game_move *m)
{
    if (s->has_premove)
        *m = s->premove;
    return s->has_premove;
}

/* --- the link ------------------------------------------------------------- */

static void set_conn(session *s, const char *fmt, const char *detail)
{
    /* cppcheck-suppress wrongPrintfScanfArgNum ; fmt may leave detail unused: C ignores it */
    snprintf(s->conn_text, sizeof s->conn_text, fmt, s->host, s->port, detail ? detail : "");
    s->dirty = 1;
}

static void schedule_reconnect(session *s)
{
    int delay = RECONNECT_FIRST_MS << (s->reconnect_tries < 5 ? s->reconnect_tries : 5);
    if (delay > RECONNECT_MAX_MS)
        delay = RECONNECT_MAX_MS;
    s->reconnect_tries++;
    s->reconnect_at = session_now(s) + (uint32_t)delay;
    if (s->reconnect_at == 0)
        s->reconnect_at = 1;
    if (s->cl && client_restarting(s->cl))
        set_conn(s, "server restarting — your game will resume; reconnecting to %s:%u…", NULL);
    else
        set_conn(s, "reconnecting to %s:%u…", NULL);
}

int session_target(session *s, const char *hostport, const char *name, char *err, size_t cap)
{
    if (sock_parse_hostport(hostport, SESSION_DEFAULT_PORT, s->host, sizeof s->host, &s->port) !=
            SOCK_OK ||
        s->port == 0) {
        snprintf(err, cap, "\"%s\" is not host or host:port (port 1 to 65535)", hostport);
        return -1;
    }
    snprintf(s->my_name, sizeof s->my_name, "%s", name ? name : "");
    if (s->cl && s->cl_watch != s->watching) { /* Watch after Connect failed, or the reverse */
        client_destroy(s->cl);
        s->cl = NULL;
    }
    if (!s->cl) {
        client_config cfg = {name, s->watching, game_ops_for_kind};
        s->cl_watch = s->watching;
        s->cl = client_create(&cfg);
        if (!s->cl) {
            snprintf(err, cap, "out of memory");
            return -1;
        }
        client_set_watch_match(s->cl, s->watch_match);
    }
    return 0;
}

const char *session_host(const session *s, uint16_t *port)
{
    *port = s->port;
    return s->host;
}

void session_dialing(session *s)
{
    set_conn(s, "connecting to %s:%u…", NULL);
}

void session_link_up(session *s)
{
    s->link_up = 1;
    s->ever_connected = 1;
    s->reconnect_tries = 0;
    set_conn(s, "connected to %s:%u, waiting for the server…", NULL);
    client_connected(s->cl);
}

int session_online(const session *s)
{
    return s->link_up;
}

static int give_up(session *s, sock_err why, char *err, size_t cap)
{
    snprintf(err, cap, "cannot reach %s:%u: %s", s->host, s->port, sock_strerror(why));
    s->dirty = 1;
    return 0;
}

int session_dial_failed(session *s, sock_err why, char *err, size_t cap)
{
    if (!s->ever_connected)
        return give_up(s, why, err, cap);
    schedule_reconnect(s);
    return 1;
}

int session_link_lost(session *s, sock_err why, char *err, size_t cap)
{
    s->link_up = 0;
    if (s->leaving) { /* we closed it on purpose: no reconnect */
        s->left = 1;
        s->reconnect_at = 0;
        if (cap)
            err[0] = 0;
        return 0;
    }
    client_connection_lost(s->cl);
    s->clock_frozen = 1; /* no server to time the game: the clocks wait for its next CLOCK */
    if (s->watch_none)   /* nothing (more) to watch there */
        return session_watch_gone(s, err, cap);
    if (s->server_stopped) { /* the final position stays; Leave goes back */
        s->reconnect_at = 0;
        set_conn(s, "the server at %s:%u has stopped", NULL);
        return 1;
    }
    if (client_get_state(s->cl) == CLIENT_FAILED || !s->ever_connected)
        return give_up(s, why, err, cap);
    schedule_reconnect(s);
    return 1;
}

int session_reconnect_due(session *s)
{
    if (s->reconnect_at == 0 || (int32_t)(session_now(s) - s->reconnect_at) < 0)
        return 0;
    s->reconnect_at = 0;
    s->dirty = 1;
    return 1;
}

int session_feed(session *s, const uint8_t *data, size_t n)
{
    return client_feed(s->cl, data, n);
}

const uint8_t *session_output(const session *s, size_t *len)
{
    *len = 0;
    if (!s->cl || !s->link_up)
        return NULL;
    return client_output(s->cl, len);
}

void session_output_consume(session *s, size_t n)
{
    client_output_consume(s->cl, n);
}

/* --- the client's events -------------------------------------------------- */

/* The window's title names the players, so two windows on one screen
 * (tools/play) tell apart: "matchboard: ann (Black) v ben". */
static void set_title(session *s, const client_event *ev)
{
    const game_ops *ops = client_ops(s->cl);
    game_side me = client_side(s->cl);
    if (me == GAME_SIDE_NONE || !ops) {
        snprintf(s->title, sizeof s->title, "matchboard: %s v %s", ev->u.start.player1,
                 ev->u.start.player2);
    } else {
        const char *mine = me == GAME_SIDE_P1 ? ev->u.start.player1 : ev->u.start.player2;
        const char *theirs = me == GAME_SIDE_P1 ? ev->u.start.player2 : ev->u.start.player1;
        snprintf(s->title, sizeof s->title, "matchboard: %s (%s) v %s", mine,
                 panel_side_colour(ops->kind, me), theirs);
    }
}

/* The server refused our last move: its reason, made precise by our own
 * rules where the wire code is general ("illegal move" -> "occupied"). */
static void reject_notice(session *s, uint8_t reason)
{
    const game_ops *ops = client_ops(s->cl);
    const game *g = client_game(s->cl);
    game_move_error e = GAME_MOVE_OK;
    if ((reason == PACKET_REJECT_ILLEGAL || reason == PACKET_REJECT_FORBIDDEN) && ops && g)
        e = ops->check_move(g, client_side(s->cl), &s->sent_move);
    if (e != GAME_MOVE_OK)
        session_notice(s, 0, "Move refused: %s", game_move_strerror(e));
    else
        session_notice(s, 0, "Move refused: %s", client_reject_reason_str(reason));
}

static void add_chat(session *s, const client_event *ev)
{
    game_side side = ev->u.chat.seat == PACKET_SEAT_P1   ? GAME_SIDE_P1
                     : ev->u.chat.seat == PACKET_SEAT_P2 ? GAME_SIDE_P2
                                                         : GAME_SIDE_NONE;
    const char *who = side != GAME_SIDE_NONE ? client_player_name(s->cl, side) : "server";
    if (s->n_chat == SESSION_MAX_CHAT) {
        memmove(s->chat[0], s->chat[1], sizeof s->chat[0] * (SESSION_MAX_CHAT - 1));
        s->n_chat--;
    }
    snprintf(s->chat[s->n_chat++], SESSION_CHAT_LINE, "%s: %s", who && who[0] ? who : "?",
             ev->u.chat.text);
}

/* Not back since a restart: a calm wait. Dropped with grace left: the seat is held (a game on, or a
 * rematch offer that waits, docs/server.md) and the offers stand; without: gone for good. */
static void on_peer_status(session *s, const client_event *ev)
{
    int for_good = ev->u.peer.grace_ms == 0;
    s->opponent_gone = ev->u.peer.status != PACKET_PEER_BACK;
    s->opponent_left = s->opponent_gone && s->game_over && for_good;
    if (!s->opponent_gone)
        session_notice(s, 1, "Your opponent is back");
    else if (ev->u.peer.status == PACKET_PEER_NOT_BACK) /* both are reconnecting: no trouble */
        session_notice(s, 1, "The server restarted; waiting for your opponent to reconnect…");
    else if (s->game_over && for_good) /* after the end a player leaving is news, not trouble */
        session_notice(s, 2, "Your opponent left");
    else
        session_notice(s, 0, "Your opponent lost the connection; waiting for them…");
    if (s->opponent_gone && for_good)
        s->rematch_in = s->rematch_out = 0;
}

/* An ERROR from the server. A stop (no restart) after the game, its
 * opponent gone for good, is news, not trouble: a player who hosted the
 * game left it and stopped its server. */
static void on_server_error(session *s, const client_event *ev)
{
    char line[200];
    if (ev->type == CLIENT_EV_SERVER_ERROR && ev->u.server_error.code == PACKET_CODE_SHUTDOWN &&
        s->game_over && s->opponent_left) {
        s->server_stopped = 1;
        session_notice(s, 2, "Your opponent left, and the server has stopped");
        return;
    }
    client_event_describe(s->cl, ev, line, sizeof line);
    session_notice(s, 0, "%s", line);
}

static void on_start(session *s, const client_event *ev)
{
    /* A START in the middle of a game (an opening rule exchanged the
     * colours, a resume) keeps the moves. The client's game may already
     * hold the new game's first moves, read with the START: the event says
     * whether a game begins. */
    if (ev->u.start.new_game)
        session_moves_clear(s);
    s->opponent_gone = s->opponent_left = 0;
    s->game_over = s->draw_in = s->draw_out = s->rematch_in = s->rematch_out = 0;
    s->have_clock = 0;
    session_notice_clear(s);
    s->sel_x = s->sel_y = -1;
    s->view.promo_open = 0;
    set_title(s, ev);
    s->news |= SESSION_NEWS_START;
}

static void on_event(session *s, const client_event *ev)
{
    if (s->watching && session_watch_event(s, ev)) {
        s->dirty = 1;
        return;
    }
    switch (ev->type) {
    case CLIENT_EV_WELCOME:
        set_conn(s, "connected to %s:%u%s", ev->u.welcome.resumed ? " (resumed)" : "");
        if (!ev->u.welcome.resumed)
            session_notice_clear(s);
        s->news |= SESSION_NEWS_WELCOME;
        break;
    case CLIENT_EV_START:
        on_start(s, ev);
        break;
    case CLIENT_EV_MOVE:
        s->takeback_in = 0; /* a request is about the moves before this one */
        session_moves_add(s, ev->u.move.text[0] ? ev->u.move.text : ev->u.move.coord);
        if (!ev->u.move.mine)
            session_premove_play(s);
        s->draw_out = s->draw_in = 0;
        if (ev->u.move.mine)
            session_notice_clear(s);
        break;
    case CLIENT_EV_REJECT:
        reject_notice(s, ev->u.reject.reason);
        s->sel_x = s->sel_y = -1;
        break;
    case CLIENT_EV_GAME_OVER:
        s->game_over = 1;
        s->result = ev->u.game_over.result;
        /* a resumed finished game: our offer, made before the drop, stands */
        s->rematch_out = ev->u.game_over.rematch_offered;
        s->draw_in = s->draw_out = 0;
        s->sel_x = s->sel_y = -1;
        s->view.promo_open = 0;
        break;
    case CLIENT_EV_DRAW_OFFERED:
        s->draw_in = 1;
        session_notice_clear(s); /* the panel's line says the offer */
        break;
    case CLIENT_EV_DRAW_DECLINED:
        s->draw_out = 0;
        session_notice(s, 1, "Draw declined");
        break;
    case CLIENT_EV_REMATCH_OFFERED:
        s->rematch_in = 1;
        session_notice_clear(s); /* the panel's line says the offer */
        break;
    case CLIENT_EV_REMATCH_DECLINED:
        s->rematch_out = 0;
        session_notice(s, 1, "Rematch declined");
        break;
    case CLIENT_EV_REMATCH_WITHDRAWN:
        s->rematch_in = 0;
        session_notice(s, 1, "Your opponent withdrew the rematch offer");
        break;
    case CLIENT_EV_CHAT:
        add_chat(s, ev);
        break;
    case CLIENT_EV_CLOCK:
        s->clock = ev->u.clock;
        s->clock_at = session_now(s);
        s->have_clock = 1;
        s->clock_frozen = 0;
        client_clock_label(&s->clock, s->time_control, sizeof s->time_control);
        break;
    case CLIENT_EV_PEER_STATUS:
        on_peer_status(s, ev);
        break;
    case CLIENT_EV_SYNCED:
        session_moves_rebuild(s);
        break;
    case CLIENT_EV_SERVER_ERROR:
    case CLIENT_EV_PROTOCOL_ERROR:
        on_server_error(s, ev);
        break;
    case CLIENT_EV_PONG:
        session_leave_pong(s, ev->u.pong.stamp);
        break;
    case CLIENT_EV_RESTARTING: /* it reconnects by itself once the link drops */
        session_notice(s, 1, "Server restarting — your game will resume");
        break;
    case CLIENT_EV_OPENING: /* the panel's status line says whose decision it is */
        session_opening_event(s);
        break;
    case CLIENT_EV_TAKEBACK_OFFERED:
        s->takeback_in = (int)ev->u.takeback.plies;
        session_notice(s, 1, "Your opponent asks to take back %d move%s", (int)ev->u.takeback.plies,
                       ev->u.takeback.plies == 1 ? "" : "s");
        break;
    case CLIENT_EV_TAKEBACK_DECLINED:
        session_notice(s, 1, "Takeback declined");
        break;
    case CLIENT_EV_TAKEN_BACK:
        s->takeback_in = 0;
        session_moves_rebuild(s);
        session_notice(s, 1, "%d move%s taken back", (int)ev->u.takeback.plies,
                       ev->u.takeback.plies == 1 ? "" : "s");
        break;
    }
    s->dirty = 1;
}

void session_drain(session *s)
{
    client_event ev;
    while (client_next_event(s->cl, &ev))
        on_event(s, &ev);
    session_refresh_view(s);
}
