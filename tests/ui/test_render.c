/* test_render: draws both boards and the panel from hand-made views with
 * SDL's dummy video driver (set by the test's environment) and the software
 * renderer, writes the screenshot, and checks its pixels: stones, pieces,
 * highlights and the flip land where the geometry says. Optional argument:
 * a folder to leave the BMPs in. */
#include <stdio.h>
#include <string.h>

#include <SDL_ttf.h>

#include "font_find.h"
#include "render.h"
#include "screenshot.h"
#include "tap.h"

enum { W = 1100, H = 760 };

static SDL_Surface *shot; /* the last screenshot, read back from its file */

static Uint32 pixel(int x, int y)
{
    Uint8 *p = (Uint8 *)shot->pixels + y * shot->pitch + x * shot->format->BytesPerPixel;
    Uint32 v = 0;
    memcpy(&v, p, shot->format->BytesPerPixel);
    return v;
}

static void rgb(int x, int y, int *r, int *g, int *b)
{
    Uint8 cr, cg, cb;
    SDL_GetRGB(pixel(x, y), shot->format, &cr, &cg, &cb);
    *r = cr;
    *g = cg;
    *b = cb;
}

static int brightness(int x, int y)
{
    int r, g, b;
    rgb(x, y, &r, &g, &b);
    return (r + g + b) / 3;
}

/* Counts strongly red pixels in the box of half-size d around (cx, cy). */
static int red_pixels(int cx, int cy, int d)
{
    int n = 0;
    for (int y = cy - d; y <= cy + d; y++)
        for (int x = cx - d; x <= cx + d; x++) {
            int r, g, b;
            rgb(x, y, &r, &g, &b);
            n += r > 150 && g < 90 && b < 90;
        }
    return n;
}

static int take(SDL_Renderer *ren, const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (ui_screenshot_save(ren, path) != 0)
        return -1;
    if (shot)
        SDL_FreeSurface(shot);
    shot = SDL_LoadBMP(path);
    return shot ? 0 : -1;
}

static void test_gomoku(SDL_Renderer *ren, ui_text *t, const ui_layout *l, const char *dir)
{
    board_view v;
    board_view_clear(&v, GAME_KIND_GOMOKU, 15, 15);
    /* Black h8 i9 j10 k11 l12 (five), white around; last move l12. */
    for (int i = 0; i < 5; i++) {
        v.cell[7 + i][7 + i] = GAME_SIDE_P1;
        v.mark[7 + i][7 + i] = MARK_WIN;
        v.cell[7 + i][8 + i] = GAME_SIDE_P2;
    }
    v.mark[11][11] |= MARK_LAST;
    v.mark[2][2] = MARK_FORBIDDEN;
    v.hover_x = 3;
    v.hover_y = 12;
    v.hover_side = GAME_SIDE_P2;
    static const char *moves[] = {"h8", "i8", "i9", "j9", "j10", "k10", "k11", "l11", "l12"};
    static const char *chat[] = {"ana: good luck!", "bo: 안녕하세요 have fun"};
    panel_info p = {0};
    p.kind = GAME_KIND_GOMOKU;
    p.my_side = GAME_SIDE_P1;
    p.bottom_side = GAME_SIDE_P1;
    p.names[1] = "ana";
    p.names[2] = "bo";
    p.connection = "connected to 127.0.0.1:7777";
    p.connection_ok = 1;
    p.moves = moves;
    p.n_moves = 9;
    p.chat = chat;
    p.n_chat = 2;
    p.game_over = 1;
    p.result.winner = GAME_SIDE_P1;
    p.result.reason = GAME_END_FIVE;
    p.hot_slot = -1;
    board_geom g;
    render_board_geom(&g, l, &v, 0);
    render_game(ren, t, l, &g, &v, &p);
    TAP_OK(take(ren, dir, "render-gomoku.bmp") == 0, "Gomoku screenshot written and read back");
    if (!shot)
        return;
    TAP_OK(shot->w == W && shot->h == H, "the screenshot is the drawable's size");
    int x, y;
    board_geom_center(&g, 8, 7, &x, &y); /* i8, white */
    TAP_OK(brightness(x, y) > 200, "a white stone is light at its intersection");
    board_geom_center(&g, 9, 12, &x, &y); /* j13: empty */
    int r, gg, b;
    rgb(x + g.pitch / 4, y + g.pitch / 4, &r, &gg, &b);
    TAP_OK(r > gg && gg > b && r > 180, "an empty point shows the wooden board");
    board_geom_center(&g, 7, 7, &x, &y);
    TAP_OK(red_pixels(x, y, g.pitch / 2) > 20, "a stone of the winning five has a red ring");
    TAP_OK(brightness(x + g.pitch / 5, y + g.pitch / 5) < 90, "h8 holds a black stone");
    board_geom_center(&g, 2, 2, &x, &y);
    TAP_OK(red_pixels(x, y, g.pitch / 3) > 10, "the forbidden point c3 has a red cross");
    board_geom_center(&g, 12, 7, &x, &y);
    TAP_OK(red_pixels(x, y, g.pitch / 2) == 0, "an empty point has no red");
    board_geom_center(&g, 3, 12, &x, &y);
    int hover = brightness(x, y);
    TAP_OK(hover > 150 && hover < 250, "the hover stone is a translucent white stone (%d)", hover);
}

static void test_chess(SDL_Renderer *ren, ui_text *t, const ui_layout *l, const char *dir,
                       int flipped)
{
    board_view v;
    board_view_clear(&v, GAME_KIND_CHESS, 8, 8);
    const char *rows[8] = {"RNBQKBNR", "PPPP PPP", "        ", "    P   ",
                           "    p   ", "        ", "pppp ppp", "rnbqkbnr"};
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            v.cell[y][x] = rows[y][x] == ' ' ? 0 : (uint8_t)rows[y][x];
    v.mark[3][4] |= MARK_LAST; /* e2-e4 */
    v.mark[1][4] |= MARK_LAST_FROM;
    v.mark[0][6] |= MARK_SELECTED; /* Ng1 */
    v.mark[2][5] |= MARK_LEGAL;
    v.mark[2][7] |= MARK_LEGAL;
    v.mark[7][4] |= MARK_CHECK; /* pretend: e8 in check */
    static const char *moves[] = {"e4", "e5"};
    panel_info p = {0};
    p.kind = GAME_KIND_CHESS;
    p.my_side = flipped ? GAME_SIDE_P2 : GAME_SIDE_P1;
    p.bottom_side = p.my_side;
    p.names[1] = "ana";
    p.names[2] = "bo";
    p.to_move = GAME_SIDE_P1;
    p.connection = "reconnecting…";
    p.notice = "Move refused: illegal move";
    p.clocks = 1;
    p.clock_ms[1] = 297000;
    p.clock_ms[2] = 8400;
    p.clock_running = GAME_SIDE_P1;
    p.moves = moves;
    p.n_moves = 2;
    p.draw_offer_in = 1;
    p.chat_focus = 1;
    p.chat_input = "gg";
    p.chat_compose = "한";
    p.hot_slot = 0;
    board_geom g;
    render_board_geom(&g, l, &v, flipped);
    render_game(ren, t, l, &g, &v, &p);
    const char *name = flipped ? "render-chess-flipped.bmp" : "render-chess.bmp";
    TAP_OK(take(ren, dir, name) == 0, "chess screenshot (flip %d) written", flipped);
    if (!shot)
        return;
    int x, y;
    ui_rect a3 = board_geom_cell_rect(&g, 0, 2), b3 = board_geom_cell_rect(&g, 1, 2);
    TAP_OK(brightness(a3.x + 2, a3.y + 2) < brightness(b3.x + 2, b3.y + 2),
           "flip %d: a3 is a dark square, b3 light", flipped);
    board_geom_center(&g, 0, 0, &x, &y);
    TAP_OK(flipped ? (x > W / 3 && y < H / 2) : (x < W / 3 && y > H / 2), "flip %d: a1 is %s",
           flipped, flipped ? "top right" : "bottom left");
    /* A white rook on a1: white body pixels; a black rook on a8: near-black. */
    int light = 0, dark = 0;
    ui_rect a1 = board_geom_cell_rect(&g, 0, 0), a8 = board_geom_cell_rect(&g, 0, 7);
    for (int dy = a1.h / 4; dy < 3 * a1.h / 4; dy++)
        for (int dx = a1.w / 4; dx < 3 * a1.w / 4; dx++) {
            light += brightness(a1.x + dx, a1.y + dy) > 240;
            dark += brightness(a8.x + dx, a8.y + dy) < 40;
        }
    TAP_OK(light > a1.w * a1.h / 20, "flip %d: the white rook on a1 is drawn white (%d px)",
           flipped, light);
    TAP_OK(dark > a8.w * a8.h / 20, "flip %d: the black rook on a8 is drawn black (%d px)", flipped,
           dark);
    ui_rect e8 = board_geom_cell_rect(&g, 4, 7);
    TAP_OK(red_pixels(e8.x + e8.w / 2, e8.y + e8.h / 2, e8.w / 2 - 1) > 20,
           "flip %d: the king in check glows red", flipped);
    int r, gg, b;
    ui_rect e4 = board_geom_cell_rect(&g, 4, 3);
    rgb(e4.x + 2, e4.y + 2, &r, &gg, &b);
    TAP_OK(r > 200 && gg > 190 && b < 150, "flip %d: the last move's square is tinted yellow",
           flipped);
    ui_rect g1 = board_geom_cell_rect(&g, 6, 0);
    rgb(g1.x + 2, g1.y + 2, &r, &gg, &b);
    TAP_OK(b > r, "flip %d: the selected knight's square is tinted blue", flipped);
    board_geom_center(&g, 5, 2, &x, &y);
    ui_rect f3 = board_geom_cell_rect(&g, 5, 2);
    TAP_OK(brightness(x, y) < brightness(f3.x + 2, f3.y + 2) - 30,
           "flip %d: a legal square has a dot", flipped);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        TAP_OK(0, "SDL starts with the dummy video driver: %s", SDL_GetError());
        return tap_done();
    }
    SDL_Window *win = SDL_CreateWindow("test", 0, 0, W, H, SDL_WINDOW_HIDDEN);
    SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    TAP_OK(ren != NULL, "a software renderer on the headless window");
    char font[1024], err[256];
    int found = ui_font_find(font, sizeof font) == 0;
    TAP_OK(found, "a font with chess figurines is found: %s", font);
    ui_text *t = found && ren ? ui_text_create(ren, font, err, sizeof err) : NULL;
    TAP_OK(t != NULL, "the font opens");
    ui_text *bad = ren ? ui_text_create(ren, "/nonexistent/font.ttf", err, sizeof err) : NULL;
    TAP_OK(bad == NULL && strstr(err, "/nonexistent/font.ttf"),
           "a missing font file is a clear error: %s", err);
    if (t) {
        SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
        ui_layout l;
        ui_layout_compute(&l, W, H, 1.0f);
        TAP_OK(ui_text_has_glyph(t, 0x265E), "the font has the black knight U+265E");
        test_gomoku(ren, t, &l, dir);
        test_chess(ren, t, &l, dir, 0);
        test_chess(ren, t, &l, dir, 1);
        ui_text_destroy(t);
    }
    if (shot)
        SDL_FreeSurface(shot);
    if (ren)
        SDL_DestroyRenderer(ren);
    if (win)
        SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return tap_done();
}
