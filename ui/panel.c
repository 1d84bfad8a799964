/* panel.c: the panel's pure logic: buttons, labels, clocks, result text
 * (see panel.h). */
#include <stdio.h>
#include <string.h>

#include "panel.h"

int panel_buttons(const panel_info *p, panel_action act[UI_BUTTON_SLOTS],
                  int enabled[UI_BUTTON_SLOTS])
{
    int n = 0;
    for (int i = 0; i < UI_BUTTON_SLOTS; i++) {
        act[i] = PANEL_NONE;
        enabled[i] = 0;
    }
#define ADD(a, on)                                                                                 \
    do {                                                                                           \
        act[n] = (a);                                                                              \
        enabled[n] = (on);                                                                         \
        n++;                                                                                       \
    } while (0)
    int playing = p->my_side != GAME_SIDE_NONE && p->names[1] && p->names[2];
    if (playing && !p->game_over && panel_opening_buttons(p, act, enabled, &n))
        return n;
    if (!playing) {
        ADD(PANEL_FLIP, 1);
    } else if (p->game_over) {
        if (p->rematch_offer_in) {
            /* on while they are away too: the offer stands and the
             * server takes the answer (docs/server.md) */
            ADD(PANEL_ACCEPT_REMATCH, 1);
            ADD(PANEL_DECLINE_REMATCH, 1);
        } else {
            ADD(PANEL_REMATCH, !p->rematch_offer_out && !p->opponent_gone);
        }
        ADD(PANEL_FLIP, 1);
    } else if (p->takeback_offer_in) {
        ADD(PANEL_ACCEPT_TAKEBACK, 1);
        ADD(PANEL_DECLINE_TAKEBACK, 1);
        ADD(PANEL_RESIGN, 1);
        ADD(PANEL_FLIP, 1);
    } else if (p->draw_offer_in) {
        ADD(PANEL_ACCEPT_DRAW, 1);
        ADD(PANEL_DECLINE_DRAW, 1);
        ADD(PANEL_RESIGN, 1);
        ADD(PANEL_FLIP, 1);
    } else {
        ADD(PANEL_OFFER_DRAW, !p->draw_offer_out);
        ADD(PANEL_RESIGN, 1);
        ADD(PANEL_FLIP, 1);
    }
#undef ADD
    return n;
}

const char *panel_action_label(panel_action a, const panel_info *p)
{
    switch (a) {
    case PANEL_NONE:
        return "";
    case PANEL_RESIGN:
        return "Resign";
    case PANEL_OFFER_DRAW:
        return p && p->draw_offer_out ? "Draw offered" : "Offer draw";
    case PANEL_ACCEPT_DRAW:
        return "Accept draw";
    case PANEL_DECLINE_DRAW:
        return "Decline draw";
    case PANEL_REMATCH:
        return p && p->rematch_offer_out ? "Rematch asked" : "Rematch";
    case PANEL_ACCEPT_REMATCH:
        return "Accept rematch";
    case PANEL_DECLINE_REMATCH:
        return "Decline";
    case PANEL_FLIP:
        return "Flip board (F)";
    default:
        break;
    }
    return panel_opening_label(a, p) ? panel_opening_label(a, p) : "";
}

void panel_leave_answers(const char *question, char *yes, size_t cap, const char **no)
{
    const char *q = question ? strchr(question, '?') : NULL;
    if (question && strcmp(question, PANEL_RESIGN_QUESTION) == 0) {
        snprintf(yes, cap, "Yes, resign");
        *no = "No";
        return;
    }
    if (q)
        snprintf(yes, cap, "%.*s", (int)(q - question), question);
    else
        snprintf(yes, cap, "Leave");
    *no = "Stay";
}

const char *panel_side_colour(game_kind kind, game_side side)
{
    if (side == GAME_SIDE_NONE)
        return "";
    int p1 = side == GAME_SIDE_P1;
    if (kind == GAME_KIND_CHESS)
        return p1 ? "White" : "Black";
    return p1 ? "Black" : "White";
}

void panel_format_clock(uint32_t ms, char *buf, size_t cap)
{
    uint32_t s = ms / 1000;
    if (s >= 3600)
        snprintf(buf, cap, "%u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
                 (unsigned)(s % 60));
    else if (ms < 10000)
        snprintf(buf, cap, "0:%02u.%u", (unsigned)s, (unsigned)(ms / 100 % 10));
    else
        snprintf(buf, cap, "%u:%02u", (unsigned)(s / 60), (unsigned)(s % 60));
}

void panel_format_delay(const panel_info *p, game_side side, char *buf, size_t cap)
{
    uint32_t tenths = (p->delay_left_ms + 99) / 100;
    if (!p->clocks || p->game_over || p->clock_running != side || side == GAME_SIDE_NONE ||
        p->delay_ms == 0 || p->delay_left_ms == 0) {
        snprintf(buf, cap, "%s", "");
        return;
    }
    snprintf(buf, cap, "+%u.%u", (unsigned)(tenths / 10), (unsigned)(tenths % 10));
}

int panel_clock_held(const panel_info *p, game_side side)
{
    char d[16];
    panel_format_delay(p, side, d, sizeof d);
    return d[0] != '\0' && !p->delay_bronstein;
}

static const char *why_text(game_end_reason r)
{
    switch (r) {
    case GAME_END_FIVE:
        return "five in a row";
    case GAME_END_CHECKMATE:
        return "checkmate";
    case GAME_END_RESIGNATION:
        return "resignation";
    case GAME_END_TIME:
        return "on time";
    case GAME_END_OPPONENT_LEFT:
        return "the opponent left";
    default:
        return game_end_reason_str(r);
    }
}

void panel_result_text(const panel_info *p, char *head, size_t head_cap, char *why, size_t why_cap)
{
    game_side w = p->result.winner;
    if (w == GAME_SIDE_NONE && p->result.reason == GAME_END_ABORTED)
        snprintf(head, head_cap, "No result"); /* a called-off rematch, a server stop */
    else if (w == GAME_SIDE_NONE)
        snprintf(head, head_cap, "Draw");
    else if (p->my_side == w)
        snprintf(head, head_cap, "You win");
    else if (p->my_side != GAME_SIDE_NONE)
        snprintf(head, head_cap, "You lose");
    else
        snprintf(head, head_cap, "%s wins", panel_side_colour(p->kind, w));
    const char *name = p->names[w] ? p->names[w] : panel_side_colour(p->kind, w);
    if (w == GAME_SIDE_NONE)
        snprintf(why, why_cap, "%s", game_end_reason_str(p->result.reason));
    else
        snprintf(why, why_cap, "%s (%s) by %s", name, panel_side_colour(p->kind, w),
                 why_text(p->result.reason));
}

panel_tone panel_status_text(const panel_info *p, char *buf, size_t cap)
{
    if (p->status_line) { /* a spectator's: who plays, and what happens */
        snprintf(buf, cap, "%s", p->status_line);
    } else if (p->opening && !p->game_over) { /* whose decision it is in the opening */
        snprintf(buf, cap, "%s", p->opening);
    } else if (p->game_over) {
        snprintf(buf, cap, "Game over");
    } else if (p->reconnecting) { /* nobody's move counts while the server is away */
        snprintf(buf, cap, "Connection lost — reconnecting…");
        return PANEL_TONE_WARN;
    } else if (p->to_move == GAME_SIDE_NONE) {
        snprintf(buf, cap, "Waiting for the game to start");
        return PANEL_TONE_DIM;
    } else if (p->to_move == p->my_side) {
        snprintf(buf, cap, "Your move");
        return PANEL_TONE_GOOD;
    } else {
        const char *who = p->names[p->to_move] ? p->names[p->to_move] : "opponent";
        snprintf(buf, cap, "%s to move (%s)", panel_side_colour(p->kind, p->to_move), who);
    }
    return PANEL_TONE_TEXT;
}
