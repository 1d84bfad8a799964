/* panel_opening.c: the panel's buttons for our decision in a Gomoku
 * opening rule: the choices offered, a number to declare, proposals to
 * send. Pure, like panel.c. */
#include <stdio.h>

#include "gomoku_opening.h"
#include "panel.h"

int panel_opening_buttons(const panel_info *p, panel_action act[UI_BUTTON_SLOTS],
                          int enabled[UI_BUTTON_SLOTS], int *n)
{
    int k = 0;
    switch (p->opening_step) {
    case GOMOKU_STEP_CHOOSE:
        for (int c = 0; c < GOMOKU_CHOICE_COUNT && k < UI_BUTTON_SLOTS - 1; c++)
            if (p->opening_choices & (1u << c)) {
                act[k] = (panel_action)(PANEL_CHOOSE_STAY + c);
                enabled[k++] = 1;
            }
        break;
    case GOMOKU_STEP_DECLARE:
        act[k] = PANEL_DECLARE_FEWER;
        enabled[k++] = p->declare_n > p->declare_min;
        act[k] = PANEL_DECLARE;
        enabled[k++] = 1;
        act[k] = PANEL_DECLARE_MORE;
        enabled[k++] = p->declare_n < p->declare_max;
        break;
    case GOMOKU_STEP_PROPOSE:
        act[k] = PANEL_PROPOSE;
        enabled[k++] = p->proposals_k == p->proposals_n;
        act[k] = PANEL_CLEAR_PROPOSALS;
        enabled[k++] = p->proposals_k > 0;
        break;
    default:
        return 0; /* a stone or a selection: on the board */
    }
    act[k] = PANEL_RESIGN;
    enabled[k++] = 1;
    *n = k;
    return 1;
}

const char *panel_opening_label(panel_action a, const panel_info *p)
{
    static char buf[32];
    switch (a) {
    case PANEL_CHOOSE_STAY:
        return "Keep colours";
    case PANEL_CHOOSE_SWAP:
        return "Swap colours";
    case PANEL_CHOOSE_BLACK:
        return "Take black";
    case PANEL_CHOOSE_WHITE:
        return "Take white";
    case PANEL_CHOOSE_PLACE_TWO:
        return "Place two more";
    case PANEL_CHOOSE_PROPOSE:
        return "Propose ten";
    case PANEL_DECLARE_FEWER:
        return "Fewer";
    case PANEL_DECLARE:
        snprintf(buf, sizeof buf, "Declare %d", p ? p->declare_n : 0);
        return buf;
    case PANEL_DECLARE_MORE:
        return "More";
    case PANEL_PROPOSE:
        snprintf(buf, sizeof buf, "Propose %d/%d", p ? p->proposals_k : 0, p ? p->proposals_n : 0);
        return buf;
    case PANEL_CLEAR_PROPOSALS:
        return "Clear";
    case PANEL_ACCEPT_TAKEBACK:
        return "Allow takeback";
    case PANEL_DECLINE_TAKEBACK:
        return "Refuse takeback";
    default:
        return NULL;
    }
}
