/* trace.c: see trace.h. */
#include <stdio.h>
#include <string.h>

#include "trace.h"

static struct {
    char seat[600], connection[600], notice[600], form_error[600], opening[200], buttons[200];
    char premove[16], leave[160], time_control[64];
    char host[160];  /* the Host a game dialog, "" while it never showed */
    char watch[256]; /* a spectator's status line */
    int sel_x, sel_y, n_moves, game_over, started, in_game;
} last;

/* Prints "label: text" when text differs from *prev (cap bytes), then
 * remembers it. */
static void changed(const char *label, const char *text, char *prev, size_t cap)
{
    if (strncmp(text, prev, cap - 1) == 0)
        return;
    printf("%s: %s\n", label, text);
    snprintf(prev, cap, "%s", text);
}

static void cell_name(int x, int y, char *buf, size_t cap)
{
    if (x < 0)
        snprintf(buf, cap, "none");
    else
        snprintf(buf, cap, "%c%d", 'a' + x, y + 1);
}

void app_trace(const app *a, const panel_info *p)
{
    if (!last.started) {
        last.started = 1;
        last.sel_x = last.sel_y = -1;
    }
    if (!p && last.in_game) { /* back from a game: the next one is told afresh */
        char host[sizeof last.host];
        memcpy(host, last.host, sizeof host);
        memset(&last, 0, sizeof last);
        memcpy(last.host, host, sizeof host);
        last.started = 1;
        last.sel_x = last.sel_y = -1;
    }
    last.in_game = p != NULL;
    if (!p) {
        changed("connect screen", a->form_error[0] ? a->form_error : "ready", last.form_error,
                sizeof last.form_error);
        if (a->host_open || last.host[0]) { /* "host dialog: Gomoku, renju, rif, ..." */
            char line[160] = "closed";
            if (a->host_open)
                host_dialog_describe(&a->host_dlg, line, sizeof line);
            changed("host dialog", line, last.host, sizeof last.host);
        }
        fflush(stdout);
        return;
    }
    char line[256];
    if (p->my_side != GAME_SIDE_NONE && p->names[1] && p->names[2]) {
        game_side other = p->my_side == GAME_SIDE_P1 ? GAME_SIDE_P2 : GAME_SIDE_P1;
        snprintf(line, sizeof line, "%s (Player%d), opponent %s",
                 panel_side_colour(p->kind, p->my_side), (int)p->my_side, p->names[other]);
        changed("seat", line, last.seat, sizeof last.seat);
    }
    if (p->n_moves < last.n_moves)
        last.n_moves = 0; /* a new game, or the list rebuilt after a resume */
    for (int i = last.n_moves; i < p->n_moves; i++)
        printf("move %d: %s\n", i + 1, p->moves[i]);
    last.n_moves = p->n_moves;
    if (p->game_over != last.game_over && p->game_over) {
        char head[64], why[160];
        panel_result_text(p, head, sizeof head, why, sizeof why);
        printf("game over: %s; %s\n", head, why);
    }
    last.game_over = p->game_over;
    changed("connection", p->connection ? p->connection : "", last.connection,
            sizeof last.connection);
    /* "news" is painted dim, "notice" (a refusal or an error) red */
    changed(p->notice && p->notice_info ? "news" : "notice", p->notice ? p->notice : "none",
            last.notice, sizeof last.notice);
    if (p->status_line) { /* a spectator's: "watching: Watching ann – ben: White to move (ben)" */
        snprintf(line, sizeof line, "%s%s%s", p->status_line, p->status_detail ? ": " : "",
                 p->status_detail ? p->status_detail : "");
        changed("watching", line, last.watch, sizeof last.watch);
    }
    if (p->time_control) /* "time control: delay 3 s" */
        changed("time control", p->time_control, last.time_control, sizeof last.time_control);
    if (p->opening || last.opening[0]) { /* a Gomoku opening rule: whose decision, which buttons */
        panel_action act[UI_BUTTON_SLOTS];
        int on[UI_BUTTON_SLOTS];
        size_t len = 0;
        changed("opening", p->opening ? p->opening : "over", last.opening, sizeof last.opening);
        line[0] = 0;
        for (int i = 0; i < panel_buttons(p, act, on) && len < sizeof line; i++)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s%s", i ? ", " : "",
                                    panel_action_label(act[i], p), on[i] ? "" : " (off)");
        changed("buttons", line, last.buttons, sizeof last.buttons);
    }
    game_move pm;
    int has_premove = session_premove(a->ses, &pm);
    if (has_premove || last.premove[0]) { /* chess: the premove waiting for our turn */
        if (has_premove)
            snprintf(line, sizeof line, "%c%d%c%d", 'a' + pm.from_x, pm.from_y + 1, 'a' + pm.to_x,
                     pm.to_y + 1);
        changed("premove", has_premove ? line : "none", last.premove, sizeof last.premove);
        if (!has_premove)
            last.premove[0] = 0;
    }
    if (p->leave_question || last.leave[0]) { /* asked before leaving */
        changed("leave", p->leave_question ? p->leave_question : "none", last.leave,
                sizeof last.leave);
        if (!p->leave_question)
            last.leave[0] = 0;
    }
    int sel_x, sel_y;
    session_selected(a->ses, &sel_x, &sel_y);
    if (sel_x != last.sel_x || sel_y != last.sel_y) {
        cell_name(sel_x, sel_y, line, sizeof line);
        printf("selected: %s\n", line);
        last.sel_x = sel_x;
        last.sel_y = sel_y;
    }
    fflush(stdout);
}
