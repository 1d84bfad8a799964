/* layout.h: how the window is shared between the board and the side panel,
 * and where the panel's parts go. Pure arithmetic, no SDL.
 *
 *   +---------------------+-----------------+
 *   |                     | opponent, clock |
 *   |                     | status line     |
 *   |       board         | move list       |
 *   |  (square, centred)  | buttons         |
 *   |                     | chat log        |
 *   |                     | chat input      |
 *   |                     | you, clock      |
 *   +---------------------+-----------------+
 */
#ifndef MATCHBOARD_UI_LAYOUT_H
#define MATCHBOARD_UI_LAYOUT_H

#include "geometry.h"

enum { UI_BUTTON_SLOTS = 4 }; /* two rows of two */

typedef struct ui_layout {
    int w, h;      /* drawable size */
    int font_px;   /* panel text height in pixels */
    int line_h;    /* one text line of the panel */
    int pad;       /* spacing unit */
    ui_rect board; /* area the board is centred in */
    ui_rect panel; /* the whole side panel */
    ui_rect top_player, status, moves, buttons, chat_log, chat_input, bottom_player;
    ui_rect button[UI_BUTTON_SLOTS];
    ui_rect leave; /* the Leave button, at the right of the status area's first line */
} ui_layout;

/* Lays out a drawable of w x h pixels whose pixels are `dpi_scale` times
 * the window's (1 on a normal screen, 2 on most high-DPI ones). Any size is
 * accepted; parts of a tiny window may be empty but never overlap or leave
 * the drawable. */
void ui_layout_compute(ui_layout *l, int w, int h, float dpi_scale);

/* The question asked before leaving a game (session_leave_question),
 * centred on the board area: its box and its two buttons, yes (leave) on
 * the right and no (stay) on the left. */
void ui_layout_confirm(const ui_layout *l, ui_rect *box, ui_rect *yes, ui_rect *no);

/* The game's result at its end (panel_draw_banner), off the board so the
 * final position stays visible: the top of the move list's area, whose
 * newest rows go on below it in *rest. */
void ui_layout_result(const ui_layout *l, ui_rect *box, ui_rect *rest);

/* The button slot under (px, py), or -1. */
int ui_layout_button_at(const ui_layout *l, int px, int py);

#endif
