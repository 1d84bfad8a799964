/* session_opening.c: a Gomoku opening rule on the game screen (docs/openings.md):
 * the status line says whose decision it is, our choices are panel buttons
 * (panel_opening.c), stones go on the board with a click, proposals are
 * marked by clicks and sent with a button, and white picks a marked
 * proposal with a click. The server checks every step. */
#include <stdio.h>
#include <string.h>

#include "session_internal.h"
#include "game_gomoku.h"
#include "gomoku_opening.h"

/* The opening state when one of its steps is due, else NULL. */
static const packet_opening_state *due(const session *s)
{
    if (s->local || !s->cl || !client_in_opening(s->cl) || !client_game(s->cl) ||
        client_ops(s->cl)->kind != GAME_KIND_GOMOKU)
        return NULL;
    return client_opening(s->cl);
}

/* Our step is due (and the state is current). */
static const packet_opening_state *ours(const session *s)
{
    const packet_opening_state *o = due(s);
    return o && client_my_turn(s->cl) ? o : NULL;
}

void session_opening_event(session *s)
{
    const packet_opening_state *o = client_opening(s->cl);
    s->opening_nprop = 0;
    if (o && o->step == GOMOKU_STEP_DECLARE)
        s->opening_declare = o->declare_min;
    session_refresh_view(s);
}

void session_opening_fill_panel(session *s, panel_info *p)
{
    const packet_opening_state *o = due(s), *mine = ours(s);
    const char *rule;
    if (!o)
        return;
    rule = gomoku_opening_rule_name((gomoku_opening_rule)o->rule);
    if (!mine && o->actor == 0) { /* the seats changed: the next state tells */
        snprintf(s->opening_line, sizeof s->opening_line, "Colours exchanged (%s)", rule);
    } else if (!mine && o->actor == client_seat(s->cl)) { /* our step is on its way */
        snprintf(s->opening_line, sizeof s->opening_line, "Sent, waiting (%s)", rule);
    } else if (!mine) {
        const char *who = o->actor ? client_player_name(s->cl, (game_side)o->actor) : NULL;
        snprintf(s->opening_line, sizeof s->opening_line, "%s decides (%s)",
                 who && who[0] ? who : "Your opponent", rule);
    } else if (o->step == GOMOKU_STEP_PLACE && o->area != PACKET_OPENING_ANYWHERE) {
        if (o->area == 0)
            snprintf(s->opening_line, sizeof s->opening_line, "Your stone: centre (%s)", rule);
        else
            snprintf(s->opening_line, sizeof s->opening_line, "Your stone: central %dx%d (%s)",
                     2 * o->area + 1, 2 * o->area + 1, rule);
    } else if (o->step == GOMOKU_STEP_PROPOSE) {
        snprintf(s->opening_line, sizeof s->opening_line, "Mark %d fifth moves (%s)", o->count,
                 rule);
    } else {
        static const char *const what[] = {
            "", "Your stone", "Your choice", "How many fifth moves?", "", "Pick a fifth move"};
        snprintf(s->opening_line, sizeof s->opening_line, "%s (%s)",
                 what[o->step <= GOMOKU_STEP_SELECT ? o->step : 0], rule);
    }
    p->opening = s->opening_line;
    if (!mine)
        return;
    p->opening_step = mine->step;
    p->opening_choices = mine->choices;
    p->declare_n = s->opening_declare;
    p->declare_min = mine->declare_min;
    p->declare_max = mine->declare_max;
    p->proposals_k = s->opening_nprop;
    p->proposals_n = mine->count;
}

void session_opening_marks(session *s)
{
    const packet_opening_state *o = due(s);
    if (!o)
        return;
    if (o->step == GOMOKU_STEP_SELECT) /* everyone sees what white chooses from */
        for (int i = 0; i < o->count && i < PACKET_OPENING_POINTS; i++) {
            int x = o->points[2 * i], y = o->points[2 * i + 1];
            if (x < BOARD_VIEW_MAX && y < BOARD_VIEW_MAX)
                s->view.mark[y][x] |= MARK_PROPOSAL;
        }
    if (o->step == GOMOKU_STEP_PROPOSE && ours(s))
        for (int i = 0; i < s->opening_nprop; i++)
            s->view.mark[s->opening_prop[i].y][s->opening_prop[i].x] |= MARK_PROPOSAL;
}

static void send_step(session *s, const packet_opening_action *step)
{
    client_error e = client_send_opening(s->cl, step);
    if (e != CLIENT_OK)
        session_notice(s, 0, "Cannot do that now: %s", client_strerror(e));
    s->opening_nprop = 0;
    session_refresh_view(s);
}

/* A click on an empty point while we propose: marks or unmarks it. */
static void toggle_proposal(session *s, const packet_opening_state *o, int x, int y)
{
    const gomoku *g = game_gomoku_engine(client_game(s->cl));
    gomoku_point p = {(uint8_t)x, (uint8_t)y};
    for (int i = 0; i < s->opening_nprop; i++)
        if (s->opening_prop[i].x == x && s->opening_prop[i].y == y) {
            s->opening_prop[i] = s->opening_prop[--s->opening_nprop];
            session_refresh_view(s);
            return;
        }
    if (gomoku_judge(g, GOMOKU_BLACK, x, y) != GOMOKU_OK) {
        session_notice(s, 0, "Not there: %s",
                       gomoku_verdict_str(gomoku_judge(g, GOMOKU_BLACK, x, y)));
        return;
    }
    for (int i = 0; i < s->opening_nprop; i++)
        if (gomoku_equivalent_points(g, GOMOKU_BLACK, p, s->opening_prop[i])) {
            session_notice(s, 0, "Not there: symmetric to a proposed fifth move");
            return;
        }
    if (s->opening_nprop >= o->count || s->opening_nprop >= PACKET_OPENING_POINTS) {
        session_notice(s, 0, "%d fifth moves are marked: send them, or click one to unmark it",
                       s->opening_nprop);
        return;
    }
    s->opening_prop[s->opening_nprop++] = p;
    session_notice_drop(s);
    session_refresh_view(s);
}

int session_opening_press(session *s, int x, int y)
{
    const packet_opening_state *o = ours(s);
    packet_opening_action st;
    if (!o)
        return due(s) != NULL;
    memset(&st, 0, sizeof st);
    memset(st.points, PACKET_NO_SQUARE, sizeof st.points);
    st.step = o->step;
    st.points[0] = (uint8_t)x;
    st.points[1] = (uint8_t)y;
    switch (o->step) {
    case GOMOKU_STEP_PLACE: { /* the colour to move, whoever we are */
        const game *g = client_game(s->cl);
        game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)x, (uint8_t)y, GAME_PROMO_NONE};
        game_move_error e = client_ops(s->cl)->check_move(g, client_ops(s->cl)->to_move(g), &m);
        if (e != GAME_MOVE_OK) {
            session_notice(s, 0, "Not there: %s", game_move_strerror(e));
            return 1;
        }
        session_notice_drop(s);
        send_step(s, &st);
        return 1;
    }
    case GOMOKU_STEP_PROPOSE:
        toggle_proposal(s, o, x, y);
        return 1;
    case GOMOKU_STEP_SELECT:
        for (int i = 0; i < o->count && i < PACKET_OPENING_POINTS; i++)
            if (o->points[2 * i] == x && o->points[2 * i + 1] == y) {
                session_notice_drop(s);
                send_step(s, &st);
                return 1;
            }
        session_notice(s, 0, "Pick one of the marked fifth moves");
        return 1;
    default:
        session_notice(s, 0, "Decide with the buttons first");
        return 1;
    }
}

int session_opening_action(session *s, panel_action act)
{
    const packet_opening_state *o = ours(s);
    packet_opening_action st;
    if (!o)
        return 0;
    memset(&st, 0, sizeof st);
    memset(st.points, PACKET_NO_SQUARE, sizeof st.points);
    st.step = o->step;
    if (act >= PANEL_CHOOSE_STAY && act <= PANEL_CHOOSE_PROPOSE) {
        st.choice = (uint8_t)(act - PANEL_CHOOSE_STAY);
        send_step(s, &st);
    } else if (act == PANEL_DECLARE_FEWER || act == PANEL_DECLARE_MORE) {
        int n = s->opening_declare + (act == PANEL_DECLARE_MORE ? 1 : -1);
        if (n >= o->declare_min && n <= o->declare_max)
            s->opening_declare = n;
    } else if (act == PANEL_DECLARE) {
        st.count = (uint8_t)s->opening_declare;
        send_step(s, &st);
    } else if (act == PANEL_PROPOSE) {
        st.count = (uint8_t)s->opening_nprop;
        for (int i = 0; i < s->opening_nprop; i++) {
            st.points[2 * i] = s->opening_prop[i].x;
            st.points[2 * i + 1] = s->opening_prop[i].y;
        }
        send_step(s, &st);
    } else if (act == PANEL_CLEAR_PROPOSALS) {
        s->opening_nprop = 0;
        session_refresh_view(s);
    } else {
        return 0;
    }
    s->dirty = 1;
    return 1;
}
