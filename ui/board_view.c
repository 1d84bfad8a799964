/* board_view.c: see board_view.h. */
#include <string.h>

#include "board_view.h"

void board_view_clear(board_view *v, game_kind kind, int cols, int rows)
{
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->cols = cols < 1 ? 1 : cols > BOARD_VIEW_MAX ? BOARD_VIEW_MAX : cols;
    v->rows = rows < 1 ? 1 : rows > BOARD_VIEW_MAX ? BOARD_VIEW_MAX : rows;
    v->hover_x = v->hover_y = -1;
    v->drag_x = v->drag_y = -1;
}
