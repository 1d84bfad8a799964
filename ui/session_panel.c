/* session_panel.c: the panel's contents from the session: players, whose
 * turn, clocks counted down between the server's CLOCK packets, the
 * notice, the moves, offers, the result, the chat and the opening's line;
 * and its buttons. */
#include <string.h>

#include "session_internal.h"

/* Time since the last CLOCK, during which the running clock (and its
 * delay) counts down here; none once the game is over, nor while the link
 * is down (the clocks show the last CLOCK until the server tells again). */
static uint32_t clock_gone(const session *s)
{
    return s->game_over || s->clock_frozen ? 0 : session_now(s) - s->clock_at;
}

/* The link to the server is down (or up again but not yet welcomed) in a
 * game that goes on: nobody can move until it is back. */
static int reconnecting(const session *s)
{
    client_state st = client_get_state(s->cl);
    return s->ever_connected && !s->server_stopped && !s->leaving && !s->game_over &&
           (!s->link_up || st == CLIENT_OFFLINE || st == CLIENT_HELLO_SENT);
}

void session_fill_panel(session *s, panel_info *p)
{
    memset(p, 0, sizeof *p);
    const game_ops *ops = session_ops(s);
    const game *g = session_game(s);
    int net = s->cl && !s->local;
    p->kind = ops ? ops->kind : GAME_KIND_NONE;
    p->my_side = s->local ? GAME_SIDE_NONE : s->cl ? client_side(s->cl) : GAME_SIDE_NONE;
    p->bottom_side = session_flipped(s) ? GAME_SIDE_P2 : GAME_SIDE_P1;
    if (net) {
        for (int i = 1; i <= 2; i++) {
            const char *n = client_player_name(s->cl, (game_side)i);
            p->names[i] = n && n[0] ? n : NULL;
        }
        /* seated, the opponent not there yet: our own card has our name */
        if ((p->my_side == GAME_SIDE_P1 || p->my_side == GAME_SIDE_P2) && !p->names[p->my_side] &&
            s->my_name[0])
            p->names[p->my_side] = s->my_name;
    } else {
        p->names[1] = "Player 1";
        p->names[2] = "Player 2";
    }
    p->to_move = g && ops && !s->game_over ? ops->to_move(g) : GAME_SIDE_NONE;
    if (net && client_get_state(s->cl) == CLIENT_WAITING)
        p->to_move = GAME_SIDE_NONE;
    p->connection = s->local ? "local game (no network)" : s->conn_text;
    p->connection_ok = s->local || (s->link_up && s->reconnect_at == 0);
    p->reconnecting = net && reconnecting(s);
    p->notice = s->notice[0] ? s->notice : NULL;
    p->notice_info = s->notice_info != 0;
    p->clocks = s->have_clock;
    p->clock_ms[1] = client_clock_time(&s->clock, GAME_SIDE_P1, clock_gone(s));
    p->clock_ms[2] = client_clock_time(&s->clock, GAME_SIDE_P2, clock_gone(s));
    p->clock_running = s->clock_frozen ? GAME_SIDE_NONE : (game_side)s->clock.running;
    if (s->have_clock) {
        p->delay_ms = s->clock.delay_ms;
        p->delay_bronstein = s->clock.delay_kind == PACKET_DELAY_BRONSTEIN;
        p->delay_left_ms = s->game_over ? 0 : client_clock_delay_left(&s->clock, clock_gone(s));
        p->time_control = s->time_control[0] ? s->time_control : NULL;
    }
    p->moves = (const char *const *)s->moves;
    p->n_moves = s->n_moves;
    p->draw_offer_in = s->draw_in;
    p->draw_offer_out = s->draw_out;
    p->takeback_offer_in = s->takeback_in;
    p->rematch_offer_in = s->rematch_in;
    p->rematch_offer_out = s->rematch_out;
    p->opponent_gone = s->opponent_gone;
    p->game_over = s->game_over;
    p->result = s->result;
    for (int i = 0; i < s->n_chat; i++)
        s->chat_lines[i] = s->chat[i];
    p->chat = s->chat_lines;
    p->n_chat = s->n_chat;
    p->hot_slot = -1;
    p->leave_on = net && !s->leaving;
    p->leave_question = session_leave_question(s);
    session_opening_fill_panel(s, p);
    session_watch_fill_panel(s, p);
}

int session_buttons(session *s, panel_action act[UI_BUTTON_SLOTS], int on[UI_BUTTON_SLOTS])
{
    panel_info p;
    session_fill_panel(s, &p);
    return panel_buttons(&p, act, on);
}

int session_button_slot(session *s, const char *label)
{
    panel_info p;
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    session_fill_panel(s, &p);
    int n = panel_buttons(&p, act, on);
    for (int i = 0; i < n; i++)
        if (on[i] && strcmp(panel_action_label(act[i], &p), label) == 0)
            return i;
    return -1;
}
