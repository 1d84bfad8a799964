/* app_input.c: mouse and keyboard on the game screen: placing stones,
 * chess moves by click-click or drag and drop, the promotion chooser, the
 * panel's buttons and the chat line (SDL_TEXTINPUT, with the IME's
 * composition from SDL_TEXTEDITING shown until it is committed). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "board_model.h"
#include "chess_view.h"
#include "render.h"
#include "utf8.h"

/* The drawable pixel under a window point. */
static void to_drawable(const app *a, int *x, int *y)
{
    ui_scale_point(a->win_w, a->win_h, a->layout.w, a->layout.h, x, y);
}

static void geom(const app *a, board_geom *g)
{
    render_board_geom(g, &a->layout, &a->view, app_board_flipped(a));
}

static const game_ops *ops_of(const app *a)
{
    return a->local ? a->local_ops : a->cl ? client_ops(a->cl) : NULL;
}

static const game *game_of(const app *a)
{
    return a->local ? a->local : a->cl ? client_game(a->cl) : NULL;
}

/* Our move now? (a local --view game is never played) */
static int my_turn(const app *a)
{
    return !a->local && a->cl && client_my_turn(a->cl) && !a->game_over;
}

static void deselect(app *a)
{
    a->sel_x = a->sel_y = -1;
    a->pressed = 0;
    a->view.dragging = 0;
    app_refresh_view(a);
}

static void try_chess_move(app *a, int fx, int fy, int tx, int ty)
{
    game_move m;
    int found = board_model_find_move(ops_of(a), game_of(a), fx, fy, tx, ty, &m);
    if (found == 0) {
        app_notice(a, 0, "That piece cannot go there");
        deselect(a);
        return;
    }
    if (found == 2) {
        a->promo_move = m;
        a->view.promo_open = 1;
        a->view.promo_x = tx;
        a->view.promo_y = ty;
        a->view.promo_side = client_side(a->cl);
        a->view.dragging = 0;
        a->pressed = 0;
        a->dirty = 1;
        return;
    }
    app_notice_clear(a);
    app_net_send_move(a, &m);
    deselect(a);
}

static void place_stone(app *a, int x, int y)
{
    const game_ops *ops = ops_of(a);
    game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, GAME_PROMO_NONE};
    game_move_error e = ops->check_move(game_of(a), client_side(a->cl), &m);
    if (e != GAME_MOVE_OK) {
        app_notice(a, 0, "Not there: %s", game_move_strerror(e));
        a->dirty = 1;
        return;
    }
    app_notice_clear(a);
    app_net_send_move(a, &m);
}

static void board_press(app *a, int px, int py)
{
    board_geom g;
    geom(a, &g);
    int x, y;
    if (a->view.promo_open) {
        game_promotion p = chess_view_promo_at(&g, &a->view, px, py);
        a->view.promo_open = 0;
        if (p != GAME_PROMO_NONE) {
            a->promo_move.promotion = (uint8_t)p;
            app_net_send_move(a, &a->promo_move);
        }
        deselect(a);
        return;
    }
    if (!board_geom_hit(&g, px, py, &x, &y) || !ops_of(a))
        return;
    if (!my_turn(a) && app_premove_press(a, x, y))
        return;
    if (!my_turn(a)) {
        if (!a->local && a->cl && client_get_state(a->cl) == CLIENT_PLAYING)
            app_notice(a, 0, "Not your turn");
        a->dirty = 1;
        return;
    }
    if (app_opening_press(a, x, y))
        return;
    if (ops_of(a)->kind == GAME_KIND_GOMOKU) {
        place_stone(a, x, y);
        return;
    }
    if (board_model_own_piece(ops_of(a), game_of(a), client_side(a->cl), x, y)) {
        a->sel_x = x;
        a->sel_y = y;
        a->pressed = 1;
        a->press_x = px;
        a->press_y = py;
        app_refresh_view(a);
    } else if (a->sel_x >= 0) {
        try_chess_move(a, a->sel_x, a->sel_y, x, y);
    }
}

static void board_release(app *a, int px, int py)
{
    int was_drag = a->view.dragging;
    a->pressed = 0;
    a->view.dragging = 0;
    if (!was_drag || a->sel_x < 0)
        return;
    board_geom g;
    geom(a, &g);
    int x, y;
    if (board_geom_hit(&g, px, py, &x, &y) && (x != a->sel_x || y != a->sel_y))
        try_chess_move(a, a->sel_x, a->sel_y, x, y);
    a->dirty = 1; /* a drop outside the board snaps the piece back */
}

static void motion(app *a, int px, int py)
{
    int hot = ui_layout_button_at(&a->layout, px, py);
    if (hot != a->hot_slot) {
        a->hot_slot = hot;
        a->dirty = 1;
    }
    if (a->pressed && !a->view.dragging &&
        (SDL_abs(px - a->press_x) > 4 || SDL_abs(py - a->press_y) > 4)) {
        a->view.dragging = 1;
        a->view.drag_x = a->sel_x;
        a->view.drag_y = a->sel_y;
    }
    if (a->view.dragging) {
        a->view.drag_px = px;
        a->view.drag_py = py;
        a->dirty = 1;
    }
    const game_ops *ops = ops_of(a);
    if (!ops || ops->kind != GAME_KIND_GOMOKU)
        return;
    board_geom g;
    geom(a, &g);
    int x = -1, y = -1;
    game_side hs = GAME_SIDE_NONE;
    if (my_turn(a) && board_geom_hit(&g, px, py, &x, &y))
        hs = client_in_opening(a->cl) ? ops->to_move(game_of(a)) : client_side(a->cl);
    if (x != a->view.hover_x || y != a->view.hover_y || hs != a->view.hover_side) {
        a->view.hover_x = x;
        a->view.hover_y = y;
        a->view.hover_side = hs;
        a->dirty = 1;
    }
}

static void click_panel(app *a, int slot)
{
    panel_info p;
    const char *chat[APP_MAX_CHAT];
    const char **moves = SDL_malloc(sizeof *moves * (size_t)(a->n_moves + 1));
    if (!moves)
        return;
    app_fill_panel(a, &p, moves, chat);
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    panel_buttons(&p, act, on);
    SDL_free(moves);
    if (on[slot] && act[slot] != PANEL_NONE) {
        if (a->local && act[slot] != PANEL_FLIP)
            return;
        app_net_action(a, act[slot]);
        app_refresh_view(a);
    }
}

static void key(app *a, const SDL_KeyboardEvent *k)
{
    SDL_Keycode sym = k->keysym.sym;
    if (sym == SDLK_ESCAPE) {
        a->view.promo_open = 0;
        a->chat_focus = 0;
        a->chat_compose[0] = 0;
        deselect(a);
        return;
    }
    if (a->chat_focus) {
        if (sym == SDLK_BACKSPACE && !a->chat_compose[0])
            utf8_pop(a->chat_input);
        else if ((sym == SDLK_RETURN || sym == SDLK_KP_ENTER) && !a->chat_compose[0]) {
            if (!a->local)
                app_net_chat(a, a->chat_input);
            a->chat_input[0] = 0;
        }
        a->dirty = 1;
        return;
    }
    if (sym == SDLK_f) {
        app_net_action(a, PANEL_FLIP);
        app_refresh_view(a);
    }
    if ((sym == SDLK_PLUS || sym == SDLK_EQUALS || sym == SDLK_KP_PLUS) && !a->local && a->cl &&
        client_game(a->cl)) { /* give the opponent 15 seconds, as on lichess */
        client_error e = client_give_time(a->cl, 15000);
        if (e != CLIENT_OK)
            app_notice(a, 0, "Cannot give time now: %s", client_strerror(e));
        else
            app_notice(a, 1, "15 seconds given to your opponent");
        app_net_flush(a);
    }
    if (sym == SDLK_BACKSPACE && !a->local && a->cl && client_game(a->cl)) {
        /* ask to take back our last move, or ours and the reply on our turn */
        int plies = client_my_turn(a->cl) ? 2 : 1;
        client_error e = client_offer_takeback(a->cl, plies);
        if (e != CLIENT_OK)
            app_notice(a, 0, "No takeback now: %s", client_strerror(e));
        else
            app_notice(a, 1, "Takeback of %d move%s asked", plies, plies == 1 ? "" : "s");
        app_net_flush(a);
    }
}

void app_input_game(app *a, const SDL_Event *ev)
{
    int x, y;
    switch (ev->type) {
    case SDL_MOUSEMOTION:
        x = ev->motion.x;
        y = ev->motion.y;
        to_drawable(a, &x, &y);
        motion(a, x, y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_RIGHT)
            app_premove_cancel(a);
        if (ev->button.button != SDL_BUTTON_LEFT)
            break;
        x = ev->button.x;
        y = ev->button.y;
        to_drawable(a, &x, &y);
        a->chat_focus = ui_rect_contains(a->layout.chat_input, x, y);
        a->dirty = 1;
        if (a->chat_focus)
            break;
        int slot = ui_layout_button_at(&a->layout, x, y);
        if (slot >= 0)
            click_panel(a, slot);
        else
            board_press(a, x, y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.button != SDL_BUTTON_LEFT)
            break;
        x = ev->button.x;
        y = ev->button.y;
        to_drawable(a, &x, &y);
        board_release(a, x, y);
        break;
    case SDL_KEYDOWN:
        key(a, &ev->key);
        break;
    case SDL_TEXTINPUT:
        if (a->chat_focus) {
            utf8_append(a->chat_input, sizeof a->chat_input, ev->text.text);
            a->chat_compose[0] = 0;
            a->dirty = 1;
        }
        break;
    case SDL_TEXTEDITING:
        if (a->chat_focus) {
            snprintf(a->chat_compose, sizeof a->chat_compose, "%s", ev->edit.text);
            a->dirty = 1;
        }
        break;
    default:
        break;
    }
}
