/* session_premove.c: one chess premove. While the opponent is to move, a
 * click on our piece and one on a square keep that move (shown in its own
 * colour); it is sent when our turn comes if it is legal then (a pawn
 * reaching the last rank becomes a queen), else dropped with a notice. A
 * right click drops it. */
#include "session_internal.h"
#include "board_model.h"

/* A premove may be made now: a chess game runs, we play, it is not our turn. */
static int premove_time(const session *s)
{
    return !s->local && s->cl && client_get_state(s->cl) == CLIENT_PLAYING && !s->game_over &&
           client_side(s->cl) != GAME_SIDE_NONE && client_ops(s->cl)->kind == GAME_KIND_CHESS &&
           !client_my_turn(s->cl);
}

int session_premove_press(session *s, int x, int y)
{
    const game *g;
    if (!premove_time(s))
        return 0;
    g = client_game(s->cl);
    if (board_model_own_piece(client_ops(s->cl), g, client_side(s->cl), x, y)) {
        s->sel_x = x;
        s->sel_y = y;
        s->has_premove = 0;
    } else if (s->sel_x >= 0) {
        int promoting = (s->view.cell[s->sel_y][s->sel_x] == 'P' && y == 7) ||
                        (s->view.cell[s->sel_y][s->sel_x] == 'p' && y == 0);
        s->premove.from_x = (uint8_t)s->sel_x;
        s->premove.from_y = (uint8_t)s->sel_y;
        s->premove.to_x = (uint8_t)x;
        s->premove.to_y = (uint8_t)y;
        s->premove.promotion = (uint8_t)(promoting ? GAME_PROMO_QUEEN : GAME_PROMO_NONE);
        s->has_premove = 1;
        s->sel_x = s->sel_y = -1;
    }
    session_refresh_view(s);
    return 1;
}

void session_cancel_premove(session *s)
{
    if (!s->has_premove && s->sel_x < 0)
        return;
    s->has_premove = 0;
    s->sel_x = s->sel_y = -1;
    session_refresh_view(s);
}

void session_premove_play(session *s)
{
    game_move m;
    int found;
    if (!s->has_premove || !s->cl || !client_my_turn(s->cl))
        return;
    s->has_premove = 0;
    found = board_model_find_move(client_ops(s->cl), client_game(s->cl), s->premove.from_x,
                                  s->premove.from_y, s->premove.to_x, s->premove.to_y, &m);
    if (found == 0) {
        session_notice(s, 0, "Premove dropped: not legal now");
        session_refresh_view(s);
        return;
    }
    if (found == 2)
        m.promotion = s->premove.promotion ? s->premove.promotion : GAME_PROMO_QUEEN;
    session_send_move(s, &m);
    session_refresh_view(s);
}

void session_premove_marks(session *s)
{
    if (!s->has_premove || s->view.kind != GAME_KIND_CHESS)
        return;
    s->view.mark[s->premove.from_y][s->premove.from_x] |= MARK_PREMOVE;
    s->view.mark[s->premove.to_y][s->premove.to_x] |= MARK_PREMOVE;
}
