/* app_premove.c: one chess premove. While the opponent is to move, a
 * click on our piece and one on a square keep that move (shown in its own
 * colour); it is sent when our turn comes if it is legal then (a pawn
 * reaching the last rank becomes a queen), else dropped with a notice. A
 * right click drops it. */
#include "app.h"
#include "board_model.h"

/* A premove may be made now: a chess game runs, we play, it is not our turn. */
static int premove_time(const app *a)
{
    return !a->local && a->cl && client_get_state(a->cl) == CLIENT_PLAYING && !a->game_over &&
           client_side(a->cl) != GAME_SIDE_NONE && client_ops(a->cl)->kind == GAME_KIND_CHESS &&
           !client_my_turn(a->cl);
}

int app_premove_press(app *a, int x, int y)
{
    const game *g;
    if (!premove_time(a))
        return 0;
    g = client_game(a->cl);
    if (board_model_own_piece(client_ops(a->cl), g, client_side(a->cl), x, y)) {
        a->sel_x = x;
        a->sel_y = y;
        a->has_premove = 0;
    } else if (a->sel_x >= 0) {
        int promoting = (a->view.cell[a->sel_y][a->sel_x] == 'P' && y == 7) ||
                        (a->view.cell[a->sel_y][a->sel_x] == 'p' && y == 0);
        a->premove.from_x = (uint8_t)a->sel_x;
        a->premove.from_y = (uint8_t)a->sel_y;
        a->premove.to_x = (uint8_t)x;
        a->premove.to_y = (uint8_t)y;
        a->premove.promotion = (uint8_t)(promoting ? GAME_PROMO_QUEEN : GAME_PROMO_NONE);
        a->has_premove = 1;
        a->sel_x = a->sel_y = -1;
    }
    app_refresh_view(a);
    return 1;
}

void app_premove_cancel(app *a)
{
    if (!a->has_premove && a->sel_x < 0)
        return;
    a->has_premove = 0;
    a->sel_x = a->sel_y = -1;
    app_refresh_view(a);
}

void app_premove_play(app *a)
{
    game_move m;
    int found;
    if (!a->has_premove || !a->cl || !client_my_turn(a->cl))
        return;
    a->has_premove = 0;
    found = board_model_find_move(client_ops(a->cl), client_game(a->cl), a->premove.from_x,
                                  a->premove.from_y, a->premove.to_x, a->premove.to_y, &m);
    if (found == 0) {
        app_notice(a, 0, "Premove dropped: not legal now");
        app_refresh_view(a);
        return;
    }
    if (found == 2)
        m.promotion = a->premove.promotion ? a->premove.promotion : GAME_PROMO_QUEEN;
    app_net_send_move(a, &m);
    app_refresh_view(a);
}

void app_premove_marks(app *a)
{
    if (!a->has_premove || a->view.kind != GAME_KIND_CHESS)
        return;
    a->view.mark[a->premove.from_y][a->premove.from_x] |= MARK_PREMOVE;
    a->view.mark[a->premove.to_y][a->premove.to_x] |= MARK_PREMOVE;
}
