/* test_geometry: board placement, hit-testing and the window layout, for
 * many window sizes and both flips. Pure functions: runs everywhere. */
#include <stdlib.h>

#include "geometry.h"
#include "layout.h"
#include "tap.h"

static int inside(ui_rect outer, ui_rect in)
{
    return in.w >= 0 && in.h >= 0 && in.x >= outer.x && in.y >= outer.y &&
           in.x + in.w <= outer.x + outer.w && in.y + in.h <= outer.y + outer.h;
}

static int overlap(ui_rect a, ui_rect b)
{
    if (a.w <= 0 || a.h <= 0 || b.w <= 0 || b.h <= 0)
        return 0;
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Every cell's centre and every pixel of its box hit that cell; the pixels
 * just outside the board hit nothing. Returns the number of failures. */
static int check_board(board_geom_kind kind, int n, ui_rect area, int flipped)
{
    board_geom g;
    if (board_geom_init(&g, kind, n, n, area, flipped) != 0)
        return 1;
    int bad = 0;
    if (!inside(area, g.frame) && g.pitch > 1)
        bad++;
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) {
            int px, py, hx = -1, hy = -1;
            board_geom_center(&g, x, y, &px, &py);
            if (!board_geom_hit(&g, px, py, &hx, &hy) || hx != x || hy != y)
                bad++;
            ui_rect r = board_geom_cell_rect(&g, x, y);
            int corners[4][2] = {{r.x, r.y},
                                 {r.x + r.w - 1, r.y},
                                 {r.x, r.y + r.h - 1},
                                 {r.x + r.w - 1, r.y + r.h - 1}};
            for (int c = 0; c < 4; c++)
                if (!board_geom_hit(&g, corners[c][0], corners[c][1], &hx, &hy) || hx != x ||
                    hy != y)
                    bad++;
        }
    int hx, hy;
    ui_rect first = board_geom_cell_rect(&g, flipped ? n - 1 : 0, flipped ? 0 : n - 1);
    if (board_geom_hit(&g, first.x - 1, first.y, &hx, &hy) ||
        board_geom_hit(&g, first.x, first.y - 1, &hx, &hy))
        bad++;
    ui_rect last = board_geom_cell_rect(&g, flipped ? 0 : n - 1, flipped ? n - 1 : 0);
    if (board_geom_hit(&g, last.x + last.w, last.y, &hx, &hy) ||
        board_geom_hit(&g, last.x, last.y + last.h, &hx, &hy))
        bad++;
    return bad;
}

static void test_orientation(void)
{
    board_geom g;
    ui_rect area = {0, 0, 900, 900};
    board_geom_init(&g, BOARD_GEOM_SQUARES, 8, 8, area, 0);
    int ax, ay, hx, hy;
    board_geom_center(&g, 0, 0, &ax, &ay); /* a1 */
    TAP_OK(ax < area.w / 2 && ay > area.h / 2, "unflipped: a1 is bottom left");
    board_geom_init(&g, BOARD_GEOM_SQUARES, 8, 8, area, 1);
    board_geom_center(&g, 0, 0, &ax, &ay);
    TAP_OK(ax > area.w / 2 && ay < area.h / 2, "flipped: a1 is top right");
    TAP_OK(board_geom_hit(&g, ax, ay, &hx, &hy) && hx == 0 && hy == 0,
           "flipped: clicking a1's centre hits a1");

    board_geom_init(&g, BOARD_GEOM_INTERSECTIONS, 15, 15, area, 0);
    TAP_INT_EQ(g.pitch, 900 / 16, "15x15 Gomoku pitch in a 900 px area");
    int h8x, h8y;
    board_geom_center(&g, 7, 7, &h8x, &h8y);
    TAP_OK(abs(h8x - 450) <= g.pitch / 2 && abs(h8y - 450) <= g.pitch / 2,
           "h8 is the centre of the Gomoku board");
    int lx, ly;
    board_geom_col_label(&g, 0, &lx, &ly);
    TAP_OK(ly > g.origin_y + 14 * g.pitch + g.pitch / 2 && ly < g.frame.y + g.frame.h,
           "column labels sit below the stones, inside the frame");
    board_geom_row_label(&g, 0, &lx, &ly);
    TAP_OK(lx < g.origin_x - g.pitch / 2 && lx > g.frame.x, "row labels sit left of the stones");
    /* Between two intersections: the half-pitch boundary decides. */
    int bx, by;
    board_geom_center(&g, 3, 3, &bx, &by);
    TAP_OK(board_geom_hit(&g, bx + g.pitch / 2 - 1, by, &hx, &hy) && hx == 3,
           "a pixel just short of halfway stays on its intersection");
    TAP_OK(board_geom_hit(&g, bx + g.pitch - g.pitch / 2, by, &hx, &hy) && hx == 4,
           "a pixel past halfway goes to the next intersection");
    TAP_OK(board_geom_init(&g, BOARD_GEOM_SQUARES, 0, 8, area, 0) == -1,
           "a board of zero columns is refused");
    TAP_OK(board_geom_init(&g, BOARD_GEOM_SQUARES, 33, 33, area, 0) == -1,
           "a board of 33 columns is refused");
}

static void test_boards_every_size(void)
{
    static const int sizes[] = {1, 7, 16, 17, 100, 239, 240, 241, 480, 599, 600, 777, 1080, 2160};
    int n = (int)(sizeof sizes / sizeof sizes[0]);
    static const struct {
        board_geom_kind kind;
        int cells;
    } boards[] = {{BOARD_GEOM_SQUARES, 8},
                  {BOARD_GEOM_INTERSECTIONS, 15},
                  {BOARD_GEOM_INTERSECTIONS, 19},
                  {BOARD_GEOM_INTERSECTIONS, 5},
                  {BOARD_GEOM_INTERSECTIONS, 25}};
    for (size_t b = 0; b < sizeof boards / sizeof boards[0]; b++)
        for (int flip = 0; flip < 2; flip++) {
            int failures = 0, tried = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    ui_rect area = {sizes[i] / 7, sizes[j] / 5, sizes[i], sizes[j]};
                    failures += check_board(boards[b].kind, boards[b].cells, area, flip);
                    tried++;
                }
            TAP_OK(failures == 0,
                   "%dx%d %s board, flip %d: centres and box corners hit their own "
                   "cell, outside hits nothing (%d areas)",
                   boards[b].cells, boards[b].cells,
                   boards[b].kind == BOARD_GEOM_SQUARES ? "chess" : "Gomoku", flip, tried);
        }
}

static void test_every_pixel_round_trip(void)
{
    /* Every pixel of a small board maps to at most one cell whose box holds it. */
    for (int flip = 0; flip < 2; flip++) {
        board_geom g;
        ui_rect area = {3, 5, 331, 297};
        board_geom_init(&g, BOARD_GEOM_SQUARES, 8, 8, area, flip);
        int bad = 0, hits = 0;
        for (int py = 0; py < 320; py++)
            for (int px = 0; px < 360; px++) {
                int x, y;
                if (!board_geom_hit(&g, px, py, &x, &y))
                    continue;
                hits++;
                ui_rect r = board_geom_cell_rect(&g, x, y);
                if (!ui_rect_contains(r, px, py) || x < 0 || y < 0 || x > 7 || y > 7)
                    bad++;
            }
        TAP_INT_EQ(hits, 64 * g.pitch * g.pitch, "flip %d: exactly the 64 squares' pixels hit",
                   flip);
        TAP_INT_EQ(bad, 0, "flip %d: every pixel hits the square that holds it", flip);
    }
}

static void test_scale_point(void)
{
    int x = 400, y = 300;
    ui_scale_point(800, 600, 1600, 1200, &x, &y);
    TAP_OK(x == 800 && y == 600, "a 2x high-DPI drawable doubles mouse coordinates");
    x = 10;
    y = 10;
    ui_scale_point(0, 0, 1600, 1200, &x, &y);
    TAP_OK(x == 10 && y == 10, "a zero-sized window leaves the point alone");
}

static void test_layout(void)
{
    int failures = 0, tried = 0;
    for (int w = 0; w <= 3000; w += 137)
        for (int h = 0; h <= 2000; h += 91)
            for (int dpi = 1; dpi <= 2; dpi++) {
                ui_layout l;
                ui_layout_compute(&l, w, h, (float)dpi);
                ui_rect win = {0, 0, w, h};
                ui_rect parts[] = {l.top_player, l.status,     l.moves,        l.buttons,
                                   l.chat_log,   l.chat_input, l.bottom_player};
                int n = (int)(sizeof parts / sizeof parts[0]);
                int bad =
                    !inside(win, l.board) || !inside(win, l.panel) || overlap(l.board, l.panel);
                for (int i = 0; i < n; i++) {
                    bad |= !inside(l.panel, parts[i]);
                    for (int j = i + 1; j < n; j++)
                        bad |= overlap(parts[i], parts[j]);
                }
                bad |= !inside(l.status, l.leave);
                {
                    ui_rect box, yes, no;
                    ui_layout_confirm(&l, &box, &yes, &no);
                    bad |= !inside(l.board, box) || !inside(box, yes) || !inside(box, no) ||
                           overlap(yes, no);
                    ui_layout_result(&l, &box, &yes);
                    bad |= !inside(l.moves, box) || !inside(l.moves, yes) || overlap(box, yes) ||
                           overlap(box, l.board);
                }
                for (int i = 0; i < UI_BUTTON_SLOTS; i++) {
                    bad |= !inside(l.buttons, l.button[i]);
                    for (int j = i + 1; j < UI_BUTTON_SLOTS; j++)
                        bad |= overlap(l.button[i], l.button[j]);
                }
                failures += bad;
                tried++;
            }
    TAP_INT_EQ(failures, 0,
               "layout of %d window sizes: all parts inside (Leave in the status area, the "
               "leave question on the board, the result above the moves, off the board), none "
               "overlapping",
               tried);

    ui_layout l;
    ui_layout_compute(&l, 1280, 800, 1.0f);
    TAP_OK(l.board.w >= 800 && l.board.h >= 760, "1280x800: the board gets most of the window");
    TAP_OK(l.moves.h >= 4 * l.line_h && l.chat_log.h >= 3 * l.line_h,
           "1280x800: room for the move list and the chat");
    {
        ui_rect box, rest;
        ui_layout_result(&l, &box, &rest);
        TAP_OK(box.h >= 2 * l.font_px + l.line_h && rest.h >= 2 * l.line_h,
               "1280x800: room for the result and the newest moves under it");
    }
    int cx = l.button[3].x + l.button[3].w / 2, cy = l.button[3].y + l.button[3].h / 2;
    TAP_INT_EQ(ui_layout_button_at(&l, cx, cy), 3, "a click on slot 3's centre finds slot 3");
    TAP_INT_EQ(ui_layout_button_at(&l, l.board.x + 5, l.board.y + 5), -1,
               "a click on the board finds no button");
    ui_layout hi;
    ui_layout_compute(&hi, 2560, 1600, 2.0f);
    TAP_OK(hi.font_px >= 2 * l.font_px - 1, "a 2x drawable gets text twice as tall");
}

int main(void)
{
    test_orientation();
    test_boards_every_size();
    test_every_pixel_round_trip();
    test_scale_point();
    test_layout();
    return tap_done();
}
