/* client_text.c: the readable side of the client state machine: error,
 * state and reason names, move coordinates, and one line per event. */
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "client_coord.h"
#include "gomoku_opening.h"

const char *client_strerror(client_error e)
{
    switch (e) {
    case CLIENT_OK:
        return "success";
    case CLIENT_ERR_STATE:
        return "not possible now";
    case CLIENT_ERR_SPECTATOR:
        return "spectators cannot play";
    case CLIENT_ERR_PENDING:
        return "a move is already waiting for the server";
    case CLIENT_ERR_OUTPUT:
        return "output buffer full";
    case CLIENT_ERR_ARG:
        return "bad argument";
    case CLIENT_ERR_NOMEM:
        return "out of memory";
    }
    return "unknown client error";
}

const char *client_state_name(client_state s)
{
    switch (s) {
    case CLIENT_OFFLINE:
        return "offline";
    case CLIENT_HELLO_SENT:
        return "waiting for the server's welcome";
    case CLIENT_WAITING:
        return "waiting for an opponent";
    case CLIENT_PLAYING:
        return "playing";
    case CLIENT_SYNCING:
        return "restoring the game";
    case CLIENT_GAME_OVER:
        return "game over";
    case CLIENT_FAILED:
        return "failed";
    }
    return "unknown state";
}

const char *client_reject_reason_str(uint8_t reason)
{
    switch (reason) {
    case PACKET_REJECT_NOT_YOUR_TURN:
        return "not your turn";
    case PACKET_REJECT_ILLEGAL:
        return "illegal move";
    case PACKET_REJECT_WRONG_PLY:
        return "wrong ply";
    case PACKET_REJECT_NO_GAME:
        return "no game running";
    case PACKET_REJECT_FORBIDDEN:
        return "forbidden move";
    case PACKET_REJECT_MALFORMED:
        return "malformed move";
    case PACKET_REJECT_OPENING_STEP:
        return "not the opening step due";
    case PACKET_REJECT_OUTSIDE_AREA:
        return "outside the area the opening allows";
    case PACKET_REJECT_BAD_CHOICE:
        return "choice not offered";
    case PACKET_REJECT_BAD_COUNT:
        return "wrong number of fifth moves";
    case PACKET_REJECT_DUPLICATE:
        return "the same fifth move twice";
    case PACKET_REJECT_SYMMETRIC:
        return "symmetric fifth moves";
    case PACKET_REJECT_NOT_PROPOSED:
        return "not one of the proposals";
    }
    return "unknown reason";
}

const char *client_reason_word(game_end_reason r)
{
    static const char *const words[] = {
        "none",        "five",       "checkmate",  "stalemate",
        "resignation", "time",       "abandoned",  "agreement",
        "board-full",  "repetition", "fifty-move", "insufficient-material",
        "aborted",
    };
    if ((unsigned)r < sizeof words / sizeof words[0])
        return words[r];
    return "unknown";
}

const char *client_score_str(game_result r)
{
    if (r.winner == GAME_SIDE_P1)
        return "1-0";
    if (r.winner == GAME_SIDE_P2)
        return "0-1";
    return "1/2-1/2";
}

const char *client_side_name(const game_ops *ops, game_side side)
{
    if (side != GAME_SIDE_P1 && side != GAME_SIDE_P2)
        return "nobody";
    if (ops && ops->side_names[side - 1])
        return ops->side_names[side - 1];
    return side == GAME_SIDE_P1 ? "Player1" : "Player2";
}

static int put_square(char *buf, size_t cap, uint8_t x, uint8_t y)
{
    if (x >= 26)
        return snprintf(buf, cap, "?%u", (unsigned)y + 1);
    return snprintf(buf, cap, "%c%u", 'a' + x, (unsigned)y + 1);
}

int client_move_coord(const game_move *m, char *buf, size_t cap)
{
    static const char promo[] = "\0nbrq";
    char from[8], to[8];
    put_square(to, sizeof to, m->to_x, m->to_y);
    if (m->from_x == GAME_NO_SQUARE)
        return snprintf(buf, cap, "%s", to);
    put_square(from, sizeof from, m->from_x, m->from_y);
    if (m->promotion > GAME_PROMO_NONE && m->promotion <= GAME_PROMO_QUEEN)
        return snprintf(buf, cap, "%s%s%c", from, to, promo[m->promotion]);
    return snprintf(buf, cap, "%s%s", from, to);
}

static const char *seat_word(const client *c, uint8_t seat)
{
    if (seat == PACKET_SEAT_SPECTATOR)
        return "spectator";
    return client_side_name(client_ops(c), (game_side)seat);
}

static const char *seat_label(uint8_t seat)
{
    return seat == PACKET_SEAT_P1 ? "Player1" : seat == PACKET_SEAT_P2 ? "Player2" : "spectator";
}

/* "4:59.3" */
static void put_clock(char *buf, size_t cap, uint32_t ms)
{
    snprintf(buf, cap, "%lu:%02lu.%03lu", (unsigned long)(ms / 60000),
             (unsigned long)(ms / 1000 % 60), (unsigned long)(ms % 1000));
}

/* "clock: white 4:59.300, black 5:00.000", and on a delay clock
 * "; delay 3 s, 1.75 s left" (of the running side's delay). */
static int describe_clock(const game_ops *ops, const client_clock *k, char *buf, size_t cap)
{
    char a[32], b[32], label[64], left[24];
    put_clock(a, sizeof a, k->p1_ms);
    put_clock(b, sizeof b, k->p2_ms);
    if (!k->delay_kind)
        return snprintf(buf, cap, "clock: %s %s, %s %s", client_side_name(ops, GAME_SIDE_P1), a,
                        client_side_name(ops, GAME_SIDE_P2), b);
    client_clock_label(k, label, sizeof label);
    client_clock_seconds(client_clock_delay_left(k, 0), left, sizeof left);
    return snprintf(buf, cap, "clock: %s %s, %s %s; %s, %s s left",
                    client_side_name(ops, GAME_SIDE_P1), a, client_side_name(ops, GAME_SIDE_P2), b,
                    label, left);
}

static int describe_move(const client *c, const client_event *ev, char *buf, size_t cap)
{
    const char *who = ev->u.move.mine ? "you"
                      : client_side(c) != GAME_SIDE_NONE
                          ? "opponent"
                          : client_side_name(client_ops(c), ev->u.move.side);
    if (strcmp(ev->u.move.text, ev->u.move.coord) == 0)
        return snprintf(buf, cap, "%s moved %s", who, ev->u.move.coord);
    return snprintf(buf, cap, "%s moved %s (%s)", who, ev->u.move.coord, ev->u.move.text);
}

static int describe_game_over(const client *c, const client_event *ev, char *buf, size_t cap)
{
    game_result r = ev->u.game_over.result;
    if (r.winner == GAME_SIDE_NONE)
        return snprintf(buf, cap, "game over: draw by %s", game_end_reason_str(r.reason));
    return snprintf(buf, cap, "game over: %s wins by %s%s",
                    client_side_name(client_ops(c), r.winner), game_end_reason_str(r.reason),
                    client_side(c) == GAME_SIDE_NONE ? ""
                    : client_side(c) == r.winner     ? " (you win)"
                                                     : " (you lose)");
}

/* "opening swap2: Player2 (you) chooses: black white place-two" */
static int describe_opening(const client *c, const packet_opening_state *o, char *buf, size_t cap)
{
    const char *rule = gomoku_opening_rule_name((gomoku_opening_rule)o->rule);
    const char *step = gomoku_opening_step_name((gomoku_opening_step)o->step);
    size_t len;
    int n;
    if (o->step == GOMOKU_STEP_DONE)
        return snprintf(buf, cap, "opening %s over: you are %s", rule,
                        seat_word(c, client_seat(c)));
    n = snprintf(buf, cap, "opening %s: %s%s must %s", rule, seat_label(o->actor),
                 o->actor == client_seat(c) ? " (you)" : "", step);
    for (int i = 0; i < GOMOKU_CHOICE_COUNT && n > 0 && (size_t)n < cap; i++)
        if (o->choices & (1u << i)) {
            len = strlen(buf);
            n = snprintf(buf + len, cap - len, " %s",
                         gomoku_opening_choice_name((gomoku_opening_choice)i)) +
                (int)len;
        }
    if (o->step == GOMOKU_STEP_PLACE && o->area != PACKET_OPENING_ANYWHERE && n > 0 &&
        (size_t)n < cap) {
        len = strlen(buf);
        n = snprintf(buf + len, cap - len, " in the central %dx%d", 2 * o->area + 1,
                     2 * o->area + 1) +
            (int)len;
    }
    if ((o->step == GOMOKU_STEP_PROPOSE || o->step == GOMOKU_STEP_SELECT) && n > 0 &&
        (size_t)n < cap) {
        len = strlen(buf);
        n = snprintf(buf + len, cap - len, " (%d fifth moves)", o->count) + (int)len;
    }
    if (o->step == GOMOKU_STEP_DECLARE && n > 0 && (size_t)n < cap) {
        len = strlen(buf);
        n = snprintf(buf + len, cap - len, " %d-%d", o->declare_min, o->declare_max) + (int)len;
    }
    return n;
}

/* The game's terms as a player reads them: "gomoku 15x15 renju",
 * "chess 8x8"; a game without named rules gets its rule's number. */
static void terms_text(const game_ops *ops, const game_options *o, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%s %ux%u", ops ? ops->name : "?", (unsigned)o->width,
                     (unsigned)o->height);
    if (n < 0 || (size_t)n >= cap || (ops && ops->kind == GAME_KIND_CHESS))
        return;
    if (ops && ops->kind == GAME_KIND_GOMOKU)
        snprintf(buf + n, cap - (size_t)n, " %s", gomoku_rule_name((gomoku_rule)o->rule));
    else
        snprintf(buf + n, cap - (size_t)n, " rule %u", (unsigned)o->rule);
}

int client_event_describe(const client *c, const client_event *ev, char *buf, size_t cap)
{
    const game_ops *ops = client_ops(c);
    switch (ev->type) {
    case CLIENT_EV_WELCOME: {
        char terms[64];
        terms_text(ops, &ev->u.welcome.options, terms, sizeof terms);
        if (ev->u.welcome.seat == PACKET_SEAT_SPECTATOR)
            return snprintf(buf, cap, "watching match %lu: %s",
                            (unsigned long)ev->u.welcome.match_id, terms);
        return snprintf(buf, cap, "%s as %s (%s) in match %lu: %s",
                        ev->u.welcome.resumed ? "resumed" : "seated",
                        seat_label(ev->u.welcome.seat), seat_word(c, ev->u.welcome.seat),
                        (unsigned long)ev->u.welcome.match_id, terms);
    }
    case CLIENT_EV_START:
        return snprintf(buf, cap, "game starts: %s (%s) vs %s (%s), you are %s",
                        ev->u.start.player1, client_side_name(ops, GAME_SIDE_P1),
                        ev->u.start.player2, client_side_name(ops, GAME_SIDE_P2),
                        seat_word(c, ev->u.start.seat));
    case CLIENT_EV_MOVE:
        return describe_move(c, ev, buf, cap);
    case CLIENT_EV_REJECT:
        return snprintf(buf, cap, "your move was rejected: %s",
                        client_reject_reason_str(ev->u.reject.reason));
    case CLIENT_EV_GAME_OVER:
        return describe_game_over(c, ev, buf, cap);
    case CLIENT_EV_DRAW_OFFERED:
        return snprintf(buf, cap, "opponent offers a draw");
    case CLIENT_EV_DRAW_DECLINED:
        return snprintf(buf, cap, "draw declined");
    case CLIENT_EV_REMATCH_OFFERED:
        return snprintf(buf, cap, "opponent offers a rematch");
    case CLIENT_EV_REMATCH_DECLINED:
        return snprintf(buf, cap, "rematch declined");
    case CLIENT_EV_REMATCH_WITHDRAWN:
        return snprintf(buf, cap, "opponent withdrew its rematch offer");
    case CLIENT_EV_CHAT:
        return snprintf(buf, cap, "chat from %s: %s", seat_word(c, ev->u.chat.seat),
                        ev->u.chat.text);
    case CLIENT_EV_CLOCK:
        return describe_clock(ops, &ev->u.clock, buf, cap);
    case CLIENT_EV_PEER_STATUS:
        if (ev->u.peer.status == PACKET_PEER_BACK)
            return snprintf(buf, cap, "%s is back", seat_word(c, ev->u.peer.seat));
        if (ev->u.peer.status == PACKET_PEER_NOT_BACK)
            return snprintf(
                buf, cap, "the server restarted; %s has not reconnected yet (%lu s to return)",
                seat_word(c, ev->u.peer.seat), (unsigned long)(ev->u.peer.grace_ms / 1000));
        return snprintf(buf, cap, "%s dropped (%lu s to return)", seat_word(c, ev->u.peer.seat),
                        (unsigned long)(ev->u.peer.grace_ms / 1000));
    case CLIENT_EV_SYNCED:
        return snprintf(buf, cap, "game restored: %lu moves", (unsigned long)ev->u.synced.plies);
    case CLIENT_EV_PONG:
        return snprintf(buf, cap, "pong");
    case CLIENT_EV_SERVER_ERROR:
        return snprintf(buf, cap, "server error %u: %s", (unsigned)ev->u.server_error.code,
                        ev->u.server_error.text);
    case CLIENT_EV_PROTOCOL_ERROR:
        return snprintf(buf, cap, "protocol error: %s", ev->u.protocol_error.text);
    case CLIENT_EV_RESTARTING:
        return snprintf(buf, cap, "server restarting: the game will resume (%lu s bonus)",
                        (unsigned long)(ev->u.restarting.bonus_ms / 1000));
    case CLIENT_EV_OPENING:
        return describe_opening(c, &ev->u.opening, buf, cap);
    case CLIENT_EV_TAKEBACK_OFFERED:
        return snprintf(buf, cap, "opponent asks to take back %d move%s", ev->u.takeback.plies,
                        ev->u.takeback.plies == 1 ? "" : "s");
    case CLIENT_EV_TAKEBACK_DECLINED:
        return snprintf(buf, cap, "takeback declined");
    case CLIENT_EV_TAKEN_BACK:
        return snprintf(buf, cap, "%d move%s taken back: %lu moves stand", ev->u.takeback.plies,
                        ev->u.takeback.plies == 1 ? "" : "s", (unsigned long)ev->u.takeback.ply);
    }
    return snprintf(buf, cap, "unknown event");
}
