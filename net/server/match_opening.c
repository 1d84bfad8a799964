/* match_opening.c: see match_opening.h. */
#include "match_opening.h"

#include <stdio.h>
#include <string.h>

#include "game_gomoku.h"

void match_opening_step_of(const packet_opening_action *pa, int seat, match_opening_step *out)
{
    memset(out, 0, sizeof *out);
    out->seat = (uint8_t)seat;
    out->step = pa->step;
    out->choice = pa->choice;
    out->count = pa->count;
    memcpy(out->points, pa->points, sizeof out->points);
}

void match_opening_action_of(const match_opening_step *st, gomoku_opening_action *out)
{
    memset(out, 0, sizeof *out);
    out->step = st->step;
    out->choice = st->choice;
    out->count = st->count;
    for (int i = 0; i < GOMOKU_OPENING_MAX_PROPOSALS; i++) {
        out->pts[i].x = st->points[2 * i];
        out->pts[i].y = st->points[2 * i + 1];
    }
}

void match_opening_state(const gomoku_opening *o, const gomoku *g, packet *out)
{
    packet_opening_state *s = &out->u.opening;
    gomoku_point prop[GOMOKU_OPENING_MAX_PROPOSALS];
    gomoku_opening_step step = gomoku_opening_next(o);
    int lo, hi, n, area;
    memset(out, 0, sizeof *out);
    out->type = PACKET_OPENING_STATE;
    s->rule = (uint8_t)gomoku_opening_get_rule(o);
    s->step = (uint8_t)step;
    if (step != GOMOKU_STEP_DONE) {
        int k = gomoku_opening_actor(o, g);
        s->actor = (uint8_t)((k ^ gomoku_opening_black_seat(o)) + 1);
    }
    s->choices = (uint8_t)gomoku_opening_choices(o);
    area = gomoku_opening_area(o, g);
    s->area = area < 0 ? PACKET_OPENING_ANYWHERE : (uint8_t)area;
    gomoku_opening_declare_range(o, &lo, &hi);
    s->declare_min = (uint8_t)lo;
    s->declare_max = (uint8_t)hi;
    s->ply = (uint32_t)gomoku_move_count(g);
    s->swaps = (uint8_t)gomoku_opening_swaps(o);
    memset(s->points, PACKET_NO_SQUARE, sizeof s->points);
    n = step == GOMOKU_STEP_SELECT ? gomoku_opening_proposals(o, prop, GOMOKU_OPENING_MAX_PROPOSALS)
                                   : 0;
    if (step == GOMOKU_STEP_PROPOSE)
        s->count = (uint8_t)gomoku_opening_proposal_count(o);
    else if (step == GOMOKU_STEP_SELECT)
        s->count = (uint8_t)n;
    for (int i = 0; i < n; i++) {
        s->points[2 * i] = prop[i].x;
        s->points[2 * i + 1] = prop[i].y;
    }
}

packet_reject_reason match_opening_reject(gomoku_opening_verdict v)
{
    switch (v) {
    case GOMOKU_OPENING_NOT_YOURS:
        return PACKET_REJECT_NOT_YOUR_TURN;
    case GOMOKU_OPENING_OUTSIDE_AREA:
        return PACKET_REJECT_OUTSIDE_AREA;
    case GOMOKU_OPENING_OFF_BOARD:
    case GOMOKU_OPENING_OCCUPIED:
        return PACKET_REJECT_ILLEGAL;
    case GOMOKU_OPENING_FORBIDDEN:
        return PACKET_REJECT_FORBIDDEN;
    case GOMOKU_OPENING_BAD_CHOICE:
        return PACKET_REJECT_BAD_CHOICE;
    case GOMOKU_OPENING_BAD_COUNT:
        return PACKET_REJECT_BAD_COUNT;
    case GOMOKU_OPENING_DUPLICATE:
        return PACKET_REJECT_DUPLICATE;
    case GOMOKU_OPENING_SYMMETRIC:
        return PACKET_REJECT_SYMMETRIC;
    case GOMOKU_OPENING_NOT_PROPOSED:
        return PACKET_REJECT_NOT_PROPOSED;
    default: /* WRONG_STEP, OVER */
        return PACKET_REJECT_OPENING_STEP;
    }
}

int match_opening_replay(gomoku_opening_rule rule, game *g, gomoku_opening *o,
                         const match_restore *r)
{
    gomoku *eng = game_gomoku_engine_rw(g);
    if (gomoku_opening_init(o, rule, eng) != 0)
        return -1;
    for (size_t i = 0; i < r->nsteps; i++) {
        gomoku_opening_action a;
        match_opening_action_of(&r->steps[i], &a);
        if (gomoku_opening_apply(o, eng, r->steps[i].seat, &a) != GOMOKU_OPENING_OK)
            return -1;
    }
    return 0;
}

void match_opening_record(const gomoku_opening *o, const gomoku *g, char *buf, size_t cap)
{
    gomoku_point prop[GOMOKU_OPENING_MAX_PROPOSALS];
    int swaps = gomoku_opening_swaps(o);
    int n = gomoku_opening_next(o) == GOMOKU_STEP_DONE
                ? gomoku_opening_proposals(o, prop, GOMOKU_OPENING_MAX_PROPOSALS)
                : 0;
    size_t len;
    snprintf(buf, cap, "%s", gomoku_opening_rule_name(gomoku_opening_get_rule(o)));
    if (swaps > 0) {
        len = strlen(buf);
        if (swaps <= 2)
            snprintf(buf + len, cap - len, "; colours exchanged %s", swaps == 1 ? "once" : "twice");
        else
            snprintf(buf + len, cap - len, "; colours exchanged %d times", swaps);
    }
    if (n > 1 && gomoku_move_count(g) >= 5) {
        gomoku_point fifth;
        char t[8];
        gomoku_move_at(g, 4, &fifth);
        gomoku_point_to_text(fifth.x, fifth.y, t, sizeof t);
        len = strlen(buf);
        snprintf(buf + len, cap - len, "; fifth move %s chosen from", t);
        for (int i = 0; i < n; i++) {
            gomoku_point_to_text(prop[i].x, prop[i].y, t, sizeof t);
            len = strlen(buf);
            snprintf(buf + len, cap - len, " %s", t);
        }
    }
}
