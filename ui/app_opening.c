/* app_opening.c: a Gomoku opening rule on the game screen (docs/openings.md):
 * the status line says whose decision it is, our choices are panel buttons
 * (panel_opening.c), stones go on the board with a click, proposals are
 * marked by clicks and sent with a button, and white picks a marked
 * proposal with a click. The server checks every step. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "game_gomoku.h"
#include "gomoku_opening.h"

/* The opening state when one of its steps is due, else NULL. */
static const packet_opening_state *due(const app *a)
{
    if (a->local || !a->cl || !client_in_opening(a->cl) || !client_game(a->cl) ||
        client_ops(a->cl)->kind != GAME_KIND_GOMOKU)
        return NULL;
    return client_opening(a->cl);
}

/* Our step is due (and the state is current). */
static const packet_opening_state *ours(const app *a)
{
    const packet_opening_state *o = due(a);
    return o && client_my_turn(a->cl) ? o : NULL;
}

void app_opening_event(app *a)
{
    const packet_opening_state *o = client_opening(a->cl);
    a->opening_nprop = 0;
    if (o && o->step == GOMOKU_STEP_DECLARE)
        a->opening_declare = o->declare_min;
    app_refresh_view(a);
}

void app_opening_fill_panel(app *a, panel_info *p)
{
    const packet_opening_state *o = due(a), *mine = ours(a);
    const char *rule;
    if (!o)
        return;
    rule = gomoku_opening_rule_name((gomoku_opening_rule)o->rule);
    if (!mine && o->actor == 0) { /* the seats changed: the next state tells */
        snprintf(a->opening_line, sizeof a->opening_line, "Colours exchanged (%s)", rule);
    } else if (!mine && o->actor == client_seat(a->cl)) { /* our step is on its way */
        snprintf(a->opening_line, sizeof a->opening_line, "Sent, waiting (%s)", rule);
    } else if (!mine) {
        const char *who = o->actor ? client_player_name(a->cl, (game_side)o->actor) : NULL;
        snprintf(a->opening_line, sizeof a->opening_line, "%s decides (%s)",
                 who && who[0] ? who : "Your opponent", rule);
    } else if (o->step == GOMOKU_STEP_PLACE && o->area != PACKET_OPENING_ANYWHERE) {
        if (o->area == 0)
            snprintf(a->opening_line, sizeof a->opening_line, "Your stone: centre (%s)", rule);
        else
            snprintf(a->opening_line, sizeof a->opening_line, "Your stone: central %dx%d (%s)",
                     2 * o->area + 1, 2 * o->area + 1, rule);
    } else if (o->step == GOMOKU_STEP_PROPOSE) {
        snprintf(a->opening_line, sizeof a->opening_line, "Mark %d fifth moves (%s)", o->count,
                 rule);
    } else {
        static const char *const what[] = {
            "", "Your stone", "Your choice", "How many fifth moves?", "", "Pick a fifth move"};
        snprintf(a->opening_line, sizeof a->opening_line, "%s (%s)",
                 what[o->step <= GOMOKU_STEP_SELECT ? o->step : 0], rule);
    }
    p->opening = a->opening_line;
    if (!mine)
        return;
    p->opening_step = mine->step;
    p->opening_choices = mine->choices;
    p->declare_n = a->opening_declare;
    p->declare_min = mine->declare_min;
    p->declare_max = mine->declare_max;
    p->proposals_k = a->opening_nprop;
    p->proposals_n = mine->count;
}

void app_opening_marks(app *a)
{
    const packet_opening_state *o = due(a);
    if (!o)
        return;
    if (o->step == GOMOKU_STEP_SELECT) /* everyone sees what white chooses from */
        for (int i = 0; i < o->count && i < PACKET_OPENING_POINTS; i++) {
            int x = o->points[2 * i], y = o->points[2 * i + 1];
            if (x < BOARD_VIEW_MAX && y < BOARD_VIEW_MAX)
                a->view.mark[y][x] |= MARK_PROPOSAL;
        }
    if (o->step == GOMOKU_STEP_PROPOSE && ours(a))
        for (int i = 0; i < a->opening_nprop; i++)
            a->view.mark[a->opening_prop[i].y][a->opening_prop[i].x] |= MARK_PROPOSAL;
}

static void send_step(app *a, packet_opening_action *s)
{
    app_net_send_opening(a, s);
    a->opening_nprop = 0;
    app_refresh_view(a);
}

/* A click on an empty point while we propose: marks or unmarks it. */
static void toggle_proposal(app *a, const packet_opening_state *o, int x, int y)
{
    const gomoku *g = game_gomoku_engine(client_game(a->cl));
    gomoku_point p = {(uint8_t)x, (uint8_t)y};
    for (int i = 0; i < a->opening_nprop; i++)
        if (a->opening_prop[i].x == x && a->opening_prop[i].y == y) {
            a->opening_prop[i] = a->opening_prop[--a->opening_nprop];
            app_refresh_view(a);
            return;
        }
    if (gomoku_judge(g, GOMOKU_BLACK, x, y) != GOMOKU_OK) {
        app_notice(a, 0, "Not there: %s", gomoku_verdict_str(gomoku_judge(g, GOMOKU_BLACK, x, y)));
        return;
    }
    for (int i = 0; i < a->opening_nprop; i++)
        if (gomoku_equivalent_points(g, GOMOKU_BLACK, p, a->opening_prop[i])) {
            app_notice(a, 0, "Not there: symmetric to a proposed fifth move");
            return;
        }
    if (a->opening_nprop >= o->count || a->opening_nprop >= PACKET_OPENING_POINTS) {
        app_notice(a, 0, "%d fifth moves are marked: send them, or click one to unmark it",
                   a->opening_nprop);
        return;
    }
    a->opening_prop[a->opening_nprop++] = p;
    a->notice[0] = 0;
    app_refresh_view(a);
}

int app_opening_press(app *a, int x, int y)
{
    const packet_opening_state *o = ours(a);
    packet_opening_action s;
    if (!o)
        return due(a) != NULL;
    memset(&s, 0, sizeof s);
    memset(s.points, PACKET_NO_SQUARE, sizeof s.points);
    s.step = o->step;
    s.points[0] = (uint8_t)x;
    s.points[1] = (uint8_t)y;
    switch (o->step) {
    case GOMOKU_STEP_PLACE: { /* the colour to move, whoever we are */
        const game *g = client_game(a->cl);
        game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, GAME_PROMO_NONE};
        game_move_error e = client_ops(a->cl)->check_move(g, client_ops(a->cl)->to_move(g), &m);
        if (e != GAME_MOVE_OK) {
            app_notice(a, 0, "Not there: %s", game_move_strerror(e));
            return 1;
        }
        a->notice[0] = 0;
        send_step(a, &s);
        return 1;
    }
    case GOMOKU_STEP_PROPOSE:
        toggle_proposal(a, o, x, y);
        return 1;
    case GOMOKU_STEP_SELECT:
        for (int i = 0; i < o->count && i < PACKET_OPENING_POINTS; i++)
            if (o->points[2 * i] == x && o->points[2 * i + 1] == y) {
                a->notice[0] = 0;
                send_step(a, &s);
                return 1;
            }
        app_notice(a, 0, "Pick one of the marked fifth moves");
        return 1;
    default:
        app_notice(a, 0, "Decide with the buttons first");
        return 1;
    }
}

int app_opening_action(app *a, panel_action act)
{
    const packet_opening_state *o = ours(a);
    packet_opening_action s;
    if (!o)
        return 0;
    memset(&s, 0, sizeof s);
    memset(s.points, PACKET_NO_SQUARE, sizeof s.points);
    s.step = o->step;
    if (act >= PANEL_CHOOSE_STAY && act <= PANEL_CHOOSE_PROPOSE) {
        s.choice = (uint8_t)(act - PANEL_CHOOSE_STAY);
        send_step(a, &s);
    } else if (act == PANEL_DECLARE_FEWER || act == PANEL_DECLARE_MORE) {
        int n = a->opening_declare + (act == PANEL_DECLARE_MORE ? 1 : -1);
        if (n >= o->declare_min && n <= o->declare_max)
            a->opening_declare = n;
    } else if (act == PANEL_DECLARE) {
        s.count = (uint8_t)a->opening_declare;
        send_step(a, &s);
    } else if (act == PANEL_PROPOSE) {
        s.count = (uint8_t)a->opening_nprop;
        for (int i = 0; i < a->opening_nprop; i++) {
            s.points[2 * i] = a->opening_prop[i].x;
            s.points[2 * i + 1] = a->opening_prop[i].y;
        }
        send_step(a, &s);
    } else if (act == PANEL_CLEAR_PROPOSALS) {
        a->opening_nprop = 0;
        app_refresh_view(a);
    } else {
        return 0;
    }
    a->dirty = 1;
    return 1;
}
