/* geometry.h: where a board's cells are on screen, and which cell a pixel is
 * on. Pure integer arithmetic, no SDL, so it is tested on every platform.
 *
 * Everything is in drawable pixels (on a high-DPI screen the drawable is
 * larger than the window; see ui_scale_point). Board coordinates follow
 * game.h: x is the column from Player1's left, y the row from Player1's side.
 * Unflipped, Player1's side is at the bottom of the screen.
 */
#ifndef MATCHBOARD_UI_GEOMETRY_H
#define MATCHBOARD_UI_GEOMETRY_H

typedef struct ui_rect {
    int x, y, w, h;
} ui_rect;

/* True when (px, py) lies inside r (right and bottom edges excluded). */
int ui_rect_contains(ui_rect r, int px, int py);

/* How the cells of a board are placed: stones on grid intersections
 * (Gomoku) or pieces inside squares (chess). */
typedef enum board_geom_kind {
    BOARD_GEOM_INTERSECTIONS = 0,
    BOARD_GEOM_SQUARES = 1,
} board_geom_kind;

typedef struct board_geom {
    board_geom_kind kind;
    int cols, rows;
    int flipped;  /* 1: Player2's side at the bottom */
    int pitch;    /* distance between neighbouring cell centres, >= 1 */
    int origin_x; /* centre of the top-left cell on screen */
    int origin_y;
    ui_rect frame; /* the whole board drawn, margin with coordinates included */
} board_geom;

/* Places a cols x rows board (1..32 each) centred in `area`, as large as
 * fits with a margin for the coordinate labels. Returns 0, or -1 for bad
 * sizes (the geometry is then a 1-pixel board at the area's corner). */
int board_geom_init(board_geom *g, board_geom_kind kind, int cols, int rows, ui_rect area,
                    int flipped);

/* Screen centre of cell (x, y). */
void board_geom_center(const board_geom *g, int x, int y, int *px, int *py);

/* The cell under pixel (px, py): 1 and *x, *y when the pixel is on a
 * square (chess) or within half a pitch of an intersection (Gomoku), else 0. */
int board_geom_hit(const board_geom *g, int px, int py, int *x, int *y);

/* The pitch x pitch box centred on cell (x, y): a chess square, or the box a
 * Gomoku stone is drawn in. */
ui_rect board_geom_cell_rect(const board_geom *g, int x, int y);

/* Where to centre the label of column x (under the board) and of row y
 * (left of the board). */
void board_geom_col_label(const board_geom *g, int x, int *px, int *py);
void board_geom_row_label(const board_geom *g, int y, int *px, int *py);

/* A point in window coordinates (mouse events) to drawable pixels, for a
 * window of win_w x win_h whose drawable is draw_w x draw_h. */
void ui_scale_point(int win_w, int win_h, int draw_w, int draw_h, int *px, int *py);

#endif
