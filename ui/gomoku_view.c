/* gomoku_view.c: see gomoku_view.h. */
#include <stdio.h>

#include "draw.h"
#include "gomoku_view.h"
#include "theme.h"

/* Star points of an n x n board: the centre, and the 3-3 points (2-2 on
 * small boards) with the side midpoints on 19 and larger. */
static int star_points(int n, int xs[9], int ys[9])
{
    if (n < 7)
        return 0;
    int e = n >= 13 ? 3 : 2, c = n / 2, k = 0;
    int at[3] = {e, c, n - 1 - e};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int middle_line = i == 1 || j == 1;
            int centre = i == 1 && j == 1;
            if (n % 2 == 0 && (i == 1 || j == 1))
                continue; /* no middle intersection */
            if (middle_line && !centre && n < 19)
                continue;
            xs[k] = at[i];
            ys[k] = at[j];
            k++;
        }
    return k;
}

static void draw_grid(SDL_Renderer *r, ui_text *t, const board_geom *g)
{
    float lw = g->pitch / 28.0f < 1.0f ? 1.0f : g->pitch / 28.0f;
    int x0, y0, x1, y1;
    board_geom_center(g, 0, g->rows - 1, &x0, &y0); /* a screen corner, flip or not */
    board_geom_center(g, g->cols - 1, 0, &x1, &y1);
    float left = (float)(x0 < x1 ? x0 : x1), right = (float)(x0 < x1 ? x1 : x0);
    float top = (float)(y0 < y1 ? y0 : y1), bottom = (float)(y0 < y1 ? y1 : y0);
    for (int i = 0; i < g->cols; i++) {
        int px, py;
        board_geom_center(g, i, 0, &px, &py);
        int edge = i == 0 || i == g->cols - 1;
        draw_line(r, (float)px, top - (edge ? lw : 0), (float)px, bottom + (edge ? lw : 0),
                  edge ? 2 * lw : lw, THEME_GRID);
    }
    for (int j = 0; j < g->rows; j++) {
        int px, py;
        board_geom_center(g, 0, j, &px, &py);
        int edge = j == 0 || j == g->rows - 1;
        draw_line(r, left, (float)py, right, (float)py, edge ? 2 * lw : lw, THEME_GRID);
    }
    int xs[9], ys[9], n = star_points(g->cols == g->rows ? g->cols : 0, xs, ys);
    for (int i = 0; i < n; i++) {
        int px, py;
        board_geom_center(g, xs[i], ys[i], &px, &py);
        draw_disc(r, (float)px, (float)py, g->pitch * 0.1f + 1, THEME_GRID, THEME_GRID);
    }
    int font = g->pitch * 2 / 5;
    for (int i = 0; i < g->cols; i++) {
        char s[4] = {(char)('a' + i), 0};
        int px, py;
        board_geom_col_label(g, i, &px, &py);
        ui_text_draw(t, s, font, THEME_LABEL_ON_WOOD, px, py, UI_ALIGN_CENTER);
    }
    for (int j = 0; j < g->rows; j++) {
        char s[16];
        snprintf(s, sizeof s, "%d", j + 1);
        int px, py;
        board_geom_row_label(g, j, &px, &py);
        ui_text_draw(t, s, font, THEME_LABEL_ON_WOOD, px, py, UI_ALIGN_CENTER);
    }
}

static void draw_stone(SDL_Renderer *r, const board_geom *g, int px, int py, game_side side,
                       Uint8 alpha)
{
    float rad = g->pitch * 0.47f;
    if (side == GAME_SIDE_P1) {
        draw_disc(r, px + rad * 0.06f, py + rad * 0.1f, rad, UI_RGBA(0, 0, 0, alpha / 3),
                  UI_RGBA(0, 0, 0, alpha / 3));
        draw_disc(r, (float)px, (float)py, rad, UI_RGBA(0x5C, 0x5C, 0x60, alpha),
                  UI_RGBA(0x08, 0x08, 0x0A, alpha));
    } else {
        draw_disc(r, px + rad * 0.06f, py + rad * 0.1f, rad, UI_RGBA(0, 0, 0, alpha / 3),
                  UI_RGBA(0, 0, 0, alpha / 3));
        draw_disc(r, (float)px, (float)py, rad, UI_RGBA(0xFF, 0xFF, 0xFF, alpha),
                  UI_RGBA(0xC4, 0xC4, 0xBE, alpha));
    }
}

/* A red cross on a point black may not play (Renju). */
static void draw_forbidden(SDL_Renderer *r, const board_geom *g, int px, int py)
{
    float d = g->pitch * 0.2f, w = g->pitch / 12.0f + 1;
    draw_line(r, px - d, py - d, px + d, py + d, w, THEME_FORBIDDEN);
    draw_line(r, px - d, py + d, px + d, py - d, w, THEME_FORBIDDEN);
}

void gomoku_view_draw(SDL_Renderer *r, ui_text *t, const board_geom *g, const board_view *v)
{
    ui_rect f = g->frame;
    draw_fill(r, (ui_rect){f.x + 3, f.y + 4, f.w, f.h}, THEME_SHADOW);
    draw_fill(r, f, THEME_WOOD);
    draw_frame(r, f, g->pitch / 14 + 1, THEME_WOOD_EDGE);
    draw_grid(r, t, g);
    float rad = g->pitch * 0.47f;
    for (int y = 0; y < v->rows; y++)
        for (int x = 0; x < v->cols; x++) {
            int px, py;
            board_geom_center(g, x, y, &px, &py);
            uint8_t m = v->mark[y][x];
            if (v->cell[y][x] == 0) {
                if (m & MARK_FORBIDDEN)
                    draw_forbidden(r, g, px, py);
                if (m & MARK_PROPOSAL) { /* a fifth move offered: a black ring */
                    draw_stone(r, g, px, py, GAME_SIDE_P1, 0x60);
                    draw_ring(r, (float)px, (float)py, rad * 0.55f, rad * 0.8f, THEME_ACCENT);
                }
                continue;
            }
            game_side s = (game_side)v->cell[y][x];
            draw_stone(r, g, px, py, s, 0xFF);
            if (m & MARK_WIN)
                draw_ring(r, (float)px, (float)py, rad * 0.62f, rad * 0.82f, THEME_WIN);
            if (m & MARK_LAST) {
                SDL_Color c = s == GAME_SIDE_P1 ? UI_RGBA(0xF5, 0x5A, 0x4E, 0xFF)
                                                : UI_RGBA(0xD8, 0x32, 0x28, 0xFF);
                draw_disc(r, (float)px, (float)py, rad * 0.22f, c, c);
            }
        }
    if (v->hover_side != GAME_SIDE_NONE && v->hover_x >= 0 && v->hover_y >= 0 &&
        v->hover_x < v->cols && v->hover_y < v->rows && v->cell[v->hover_y][v->hover_x] == 0 &&
        !(v->mark[v->hover_y][v->hover_x] & MARK_FORBIDDEN)) {
        int px, py;
        board_geom_center(g, v->hover_x, v->hover_y, &px, &py);
        draw_stone(r, g, px, py, v->hover_side, 0x90);
    }
}
