/* app_input.c: mouse and keyboard on the game screen, turned into the
 * session's intents: a click on a cell or a button, a chess piece dragged
 * and dropped, the promotion chooser's answer, keys; and the chat line
 * (SDL_TEXTINPUT, with the IME's composition from SDL_TEXTEDITING shown
 * until it is committed), sent with Enter. */
#include <stdio.h>

#include "app_input.h"
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
    render_board_geom(g, &a->layout, session_board(a->ses), session_flipped(a->ses));
}

/* The cell under drawable pixel (px, py): 1 and *x, *y, else 0. */
static int cell_at(const app *a, int px, int py, int *x, int *y)
{
    board_geom g;
    geom(a, &g);
    return board_geom_hit(&g, px, py, x, y);
}

static void board_press(app *a, int px, int py)
{
    int x, y;
    const board_view *v = session_board(a->ses);
    if (v->promo_open) {
        board_geom g;
        geom(a, &g);
        a->pressed = 0;
        session_promote(a->ses, chess_view_promo_at(&g, v, px, py));
        return;
    }
    if (!cell_at(a, px, py, &x, &y))
        return;
    if (session_press(a->ses, x, y)) { /* a piece picked up: a drag may follow */
        a->pressed = 1;
        a->press_x = px;
        a->press_y = py;
    }
}

static void board_release(app *a, int px, int py)
{
    int x = -1, y = -1;
    a->pressed = 0;
    if (session_board(a->ses)->dragging && !cell_at(a, px, py, &x, &y))
        x = y = -1;
    session_drop(a->ses, x, y);
}

static void motion(app *a, int px, int py)
{
    int hot = ui_rect_contains(a->layout.leave, px, py) && session_client(a->ses)
                  ? PANEL_HOT_LEAVE
                  : ui_layout_button_at(&a->layout, px, py);
    int x, y;
    if (hot != a->hot_slot) {
        a->hot_slot = hot;
        a->dirty = 1;
    }
    if (a->pressed && (session_board(a->ses)->dragging || SDL_abs(px - a->press_x) > 4 ||
                       SDL_abs(py - a->press_y) > 4))
        session_drag(a->ses, px, py);
    if (!cell_at(a, px, py, &x, &y))
        x = y = -1;
    session_hover(a->ses, x, y);
}

static void key(app *a, const SDL_KeyboardEvent *k)
{
    SDL_Keycode sym = k->keysym.sym;
    if (sym == SDLK_ESCAPE) {
        a->chat_focus = 0;
        a->chat_compose[0] = 0;
        a->pressed = 0;
        session_cancel(a->ses);
        return;
    }
    if (a->chat_focus) {
        if (sym == SDLK_BACKSPACE && !a->chat_compose[0])
            utf8_pop(a->chat_input);
        else if ((sym == SDLK_RETURN || sym == SDLK_KP_ENTER) && !a->chat_compose[0]) {
            session_chat(a->ses, a->chat_input);
            a->chat_input[0] = 0;
        }
        a->dirty = 1;
        return;
    }
    if (sym == SDLK_f)
        session_flip(a->ses);
    if (sym == SDLK_PLUS || sym == SDLK_EQUALS || sym == SDLK_KP_PLUS)
        session_give_time(a->ses);
    if (sym == SDLK_BACKSPACE)
        session_takeback(a->ses);
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
            session_cancel_premove(a->ses);
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
            session_button(a->ses, slot);
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
