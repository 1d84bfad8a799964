/* geometry.c: board placement and hit-testing (see geometry.h).
 *
 * Both kinds of board use the same grid: cols x rows cell centres `pitch`
 * apart, with one pitch of margin around the outermost centres. A chess
 * square and a Gomoku stone's reach are then both the pitch x pitch box
 * around a centre, so one hit-test serves both; half of the margin holds
 * the coordinate labels.
 */
#include "geometry.h"

enum { BOARD_GEOM_MAX_CELLS = 32 };

int ui_rect_contains(ui_rect r, int px, int py)
{
    return px >= r.x && py >= r.y && px < r.x + r.w && py < r.y + r.h;
}

int board_geom_init(board_geom *g, board_geom_kind kind, int cols, int rows, ui_rect area,
                    int flipped)
{
    int bad = cols < 1 || rows < 1 || cols > BOARD_GEOM_MAX_CELLS || rows > BOARD_GEOM_MAX_CELLS;
    if (bad)
        cols = rows = 1;
    g->kind = kind;
    g->cols = cols;
    g->rows = rows;
    g->flipped = flipped ? 1 : 0;
    int pw = area.w / (cols + 1), ph = area.h / (rows + 1);
    g->pitch = pw < ph ? pw : ph;
    if (g->pitch < 1)
        g->pitch = 1;
    g->frame.w = (cols + 1) * g->pitch;
    g->frame.h = (rows + 1) * g->pitch;
    g->frame.x = area.x + (area.w - g->frame.w) / 2;
    g->frame.y = area.y + (area.h - g->frame.h) / 2;
    g->origin_x = g->frame.x + g->pitch;
    g->origin_y = g->frame.y + g->pitch;
    return bad ? -1 : 0;
}

/* Board cell to screen column/row and back (the flip is its own inverse). */
static void to_screen(const board_geom *g, int x, int y, int *sc, int *sr)
{
    *sc = g->flipped ? g->cols - 1 - x : x;
    *sr = g->flipped ? y : g->rows - 1 - y;
}

void board_geom_center(const board_geom *g, int x, int y, int *px, int *py)
{
    int sc, sr;
    to_screen(g, x, y, &sc, &sr);
    *px = g->origin_x + sc * g->pitch;
    *py = g->origin_y + sr * g->pitch;
}

/* Index of the pitch-wide band holding p, the first band starting at
 * `start`; -1 before it. */
static int band(int p, int start, int pitch)
{
    if (p < start)
        return -1;
    return (p - start) / pitch;
}

int board_geom_hit(const board_geom *g, int px, int py, int *x, int *y)
{
    int half = g->pitch / 2;
    int sc = band(px, g->origin_x - half, g->pitch);
    int sr = band(py, g->origin_y - half, g->pitch);
    if (sc < 0 || sr < 0 || sc >= g->cols || sr >= g->rows)
        return 0;
    /* to_screen maps a screen cell back to its board cell as well. */
    to_screen(g, sc, sr, x, y);
    return 1;
}

ui_rect board_geom_cell_rect(const board_geom *g, int x, int y)
{
    int cx, cy;
    board_geom_center(g, x, y, &cx, &cy);
    ui_rect r = {cx - g->pitch / 2, cy - g->pitch / 2, g->pitch, g->pitch};
    return r;
}

void board_geom_col_label(const board_geom *g, int x, int *px, int *py)
{
    int unused;
    board_geom_center(g, x, 0, px, &unused);
    *py = g->origin_y + (g->rows - 1) * g->pitch + 3 * g->pitch / 4;
}

void board_geom_row_label(const board_geom *g, int y, int *px, int *py)
{
    int unused;
    board_geom_center(g, 0, y, &unused, py);
    *px = g->origin_x - 3 * g->pitch / 4;
}

void ui_scale_point(int win_w, int win_h, int draw_w, int draw_h, int *px, int *py)
{
    if (win_w > 0 && draw_w > 0)
        *px = (int)((long long)*px * draw_w / win_w);
    if (win_h > 0 && draw_h > 0)
        *py = (int)((long long)*py * draw_h / win_h);
}
