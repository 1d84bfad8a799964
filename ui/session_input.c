/* session_input.c: the window's intents turned into client calls: placing
 * stones, chess moves by click-click or drag and drop with the promotion
 * chooser, the panel's buttons, the flip, chat, takeback and time given. A
 * move is checked by our own rules first, so a refusal is explained at
 * once; the server still decides. */
#include <stdio.h>
#include <string.h>

#include "board_model.h"
#include "game_chess.h"
#include "session_internal.h"

void session_deselect(session *s)
{
    s->sel_x = s->sel_y = -1;
    s->view.dragging = 0;
    session_refresh_view(s);
}

void session_send_move(session *s, const game_move *m)
{
    s->sent_move = *m;
    client_error e = client_send_move(s->cl, m);
    if (e != CLIENT_OK)
        session_notice(s, 0, "Cannot move now: %s", client_strerror(e));
    s->dirty = 1;
}

static void try_chess_move(session *s, int fx, int fy, int tx, int ty)
{
    game_move m;
    int found = board_model_find_move(session_ops(s), session_game(s), fx, fy, tx, ty, &m);
    if (found == 0) {
        int kx, ky;
        session_notice(s, 0,
                       game_chess_check_square(session_game(s), &kx, &ky)
                           ? "Your king is in check: that move does not get it out"
                           : "That piece cannot go there");
        session_deselect(s);
        return;
    }
    if (found == 2) {
        s->promo_move = m;
        s->view.promo_open = 1;
        s->view.promo_x = tx;
        s->view.promo_y = ty;
        s->view.promo_side = client_side(s->cl);
        s->view.dragging = 0;
        s->dirty = 1;
        return;
    }
    session_notice_clear(s);
    session_send_move(s, &m);
    session_deselect(s);
}

static void place_stone(session *s, int x, int y)
{
    const game_ops *ops = session_ops(s);
    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, GAME_PROMO_NONE};
    game_move_error e = ops->check_move(session_game(s), client_side(s->cl), &m);
    if (e != GAME_MOVE_OK) {
        session_notice(s, 0, "Not there: %s", game_move_strerror(e));
        return;
    }
    session_notice_clear(s);
    session_send_move(s, &m);
}

int session_press(session *s, int x, int y)
{
    const game_ops *ops = session_ops(s);
    if (!ops || session_watch_refuse(s))
        return 0;
    if (!s->local && s->cl && !s->link_up && !s->game_over) { /* a click must not look lost */
        session_notice(s, 0, "Not connected: the game goes on once it is back");
        s->dirty = 1;
        return 0;
    }
    if (!session_my_turn(s) && session_premove_press(s, x, y))
        return 0;
    if (!session_my_turn(s)) {
        if (!s->local && s->cl && client_get_state(s->cl) == CLIENT_PLAYING)
            session_notice(s, 0, "Not your turn");
        s->dirty = 1;
        return 0;
    }
    if (session_opening_press(s, x, y))
        return 0;
    if (ops->kind == GAME_KIND_GOMOKU) {
        place_stone(s, x, y);
        return 0;
    }
    if (board_model_own_piece(ops, session_game(s), client_side(s->cl), x, y)) {
        s->sel_x = x;
        s->sel_y = y;
        session_refresh_view(s);
        return 1;
    }
    if (s->sel_x >= 0)
        try_chess_move(s, s->sel_x, s->sel_y, x, y);
    return 0;
}

void session_drag(session *s, int px, int py)
{
    if (!s->view.dragging) {
        s->view.dragging = 1;
        s->view.drag_x = s->sel_x;
        s->view.drag_y = s->sel_y;
    }
    s->view.drag_px = px;
    s->view.drag_py = py;
    s->dirty = 1;
}

void session_drop(session *s, int x, int y)
{
    int was_drag = s->view.dragging;
    s->view.dragging = 0;
    if (!was_drag || s->sel_x < 0)
        return;
    if (x >= 0 && (x != s->sel_x || y != s->sel_y))
        try_chess_move(s, s->sel_x, s->sel_y, x, y);
    s->dirty = 1; /* a drop outside the board snaps the piece back */
}

void session_promote(session *s, game_promotion p)
{
    s->view.promo_open = 0;
    if (p != GAME_PROMO_NONE) {
        s->promo_move.promotion = (uint8_t)p;
        session_send_move(s, &s->promo_move);
    }
    session_deselect(s);
}

void session_hover(session *s, int x, int y)
{
    const game_ops *ops = session_ops(s);
    if (!ops || ops->kind != GAME_KIND_GOMOKU)
        return;
    game_side hs = GAME_SIDE_NONE;
    if (session_my_turn(s) && x >= 0)
        hs = client_in_opening(s->cl) ? ops->to_move(session_game(s)) : client_side(s->cl);
    else
        x = y = -1;
    if (x != s->view.hover_x || y != s->view.hover_y || hs != s->view.hover_side) {
        s->view.hover_x = x;
        s->view.hover_y = y;
        s->view.hover_side = hs;
        s->dirty = 1;
    }
}

void session_cancel(session *s)
{
    s->view.promo_open = 0;
    session_deselect(s);
}

void session_flip(session *s)
{
    s->flipped = !s->flipped;
    session_refresh_view(s);
}

void session_action(session *s, panel_action act)
{
    client_error e = CLIENT_OK;
    if (act == PANEL_FLIP) {
        session_flip(s);
        return;
    }
    if (s->local || !s->cl || session_watch_refuse(s))
        return;
    switch (act) {
    case PANEL_RESIGN: /* asked first, as Leave is */
        session_resign_ask(s);
        break;
    case PANEL_OFFER_DRAW:
        e = client_offer_draw(s->cl);
        s->draw_out = e == CLIENT_OK;
        break;
    case PANEL_ACCEPT_DRAW:
    case PANEL_DECLINE_DRAW:
        e = client_answer_draw(s->cl, act == PANEL_ACCEPT_DRAW);
        s->draw_in = 0;
        break;
    case PANEL_REMATCH:
        e = client_offer_rematch(s->cl);
        s->rematch_out = e == CLIENT_OK;
        break;
    case PANEL_ACCEPT_REMATCH:
    case PANEL_DECLINE_REMATCH:
        e = client_answer_rematch(s->cl, act == PANEL_ACCEPT_REMATCH);
        s->rematch_in = 0;
        break;
    case PANEL_ACCEPT_TAKEBACK:
    case PANEL_DECLINE_TAKEBACK:
        e = client_answer_takeback(s->cl, act == PANEL_ACCEPT_TAKEBACK);
        s->takeback_in = 0;
        break;
    case PANEL_NONE:
    case PANEL_FLIP:
        break;
    default: /* the opening's decisions */
        session_opening_action(s, act);
        break;
    }
    if (e != CLIENT_OK)
        session_notice(s, 0, "Not now: %s", client_strerror(e));
    session_refresh_view(s);
}

void session_button(session *s, int slot)
{
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    session_buttons(s, act, on);
    if (slot >= 0 && slot < UI_BUTTON_SLOTS && on[slot] && act[slot] != PANEL_NONE)
        session_action(s, act[slot]);
}

void session_chat(session *s, const char *text)
{
    if (s->local || !s->cl || !*text)
        return;
    /* The server echoes the line to everyone, us included. */
    client_error e = client_chat(s->cl, text);
    if (e != CLIENT_OK)
        session_notice(s, 0, "Chat not sent: %s", client_strerror(e));
}

void session_give_time(session *s)
{
    if (s->local || !s->cl || !client_game(s->cl) || session_watch_refuse(s))
        return;
    /* 15 seconds, as on lichess */
    client_error e = client_give_time(s->cl, 15000);
    if (e != CLIENT_OK)
        session_notice(s, 0, "Cannot give time now: %s", client_strerror(e));
    else
        session_notice(s, 1, "15 seconds given to your opponent");
}

void session_takeback(session *s)
{
    if (s->local || !s->cl || !client_game(s->cl) || session_watch_refuse(s))
        return;
    /* our last move, or ours and the reply on our turn */
    int plies = client_my_turn(s->cl) ? 2 : 1;
    client_error e = client_offer_takeback(s->cl, plies);
    if (e != CLIENT_OK)
        session_notice(s, 0, "No takeback now: %s", client_strerror(e));
    else
        session_notice(s, 1, "Takeback of %d move%s asked", plies, plies == 1 ? "" : "s");
}
