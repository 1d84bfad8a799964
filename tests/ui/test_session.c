/* test_session.c: the GUI's midend (ui/session.h) without SDL, driven as
 * the window drives it (intents on cells and buttons) and fed a fake
 * server's bytes: the packets it sends are decoded and checked, the
 * server's answers are encoded and fed back. Gomoku and chess games to
 * their results, refusals and the notice's minimum time, a reconnect with
 * the resume token, chat, an opening step, a takeback, the flip, premoves,
 * our own rematch offer across a resume, leaving on purpose and the local
 * --view game. The clock is the test's own. */
#include <stdio.h>
#include <string.h>

#include "packet.h"
#include "session.h"
#include "tap.h"

static uint32_t now = 1000; /* the session's clock, in ms */

static uint32_t test_clock(void *user)
{
    (void)user;
    return now;
}

static const uint8_t TOKEN[PACKET_TOKEN_SIZE] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8};

static session *new_session(void)
{
    session_config cfg = {test_clock, NULL};
    return session_create(&cfg);
}

/* A session connected to a fake server, its HELLO taken. */
static session *connected(const char *name, packet *hello)
{
    char err[200] = "";
    session *s = new_session();
    if (session_target(s, "127.0.0.1:7001", name, err, sizeof err) != 0)
        tap_diag("session_target: %s", err);
    session_dialing(s);
    session_link_up(s);
    size_t len;
    const uint8_t *out = session_output(s, &len);
    memset(hello, 0, sizeof *hello);
    if (len > 0 && packet_decode(out, len, hello) == PACKET_OK)
        session_output_consume(s, len);
    return s;
}

/* The server's packet, fed byte by byte when split is set. */
static void serve_split(session *s, const packet *p, int split)
{
    uint8_t buf[PACKET_MAX_SIZE];
    int n = packet_encode(p, buf, sizeof buf);
    if (n <= 0) {
        tap_diag("packet_encode(%s) failed: %d", packet_type_name((uint8_t)p->type), n);
        return;
    }
    if (split) {
        for (int i = 0; i < n; i++)
            session_feed(s, buf + i, 1);
    } else if (session_feed(s, buf, (size_t)n) != 0) {
        tap_diag("the client failed on %s", packet_type_name((uint8_t)p->type));
    }
    session_drain(s);
}

static void serve(session *s, const packet *p)
{
    serve_split(s, p, 0);
}

/* The packets the session queued: how many (at most cap) into out. */
static int sent(session *s, packet *out, int cap)
{
    size_t len, at = 0;
    int n = 0;
    const uint8_t *bytes = session_output(s, &len);
    while (at < len && n < cap) {
        size_t size;
        if (packet_peek_header(bytes + at, &size) != PACKET_OK || at + size > len ||
            packet_decode(bytes + at, size, &out[n]) != PACKET_OK)
            break;
        n++;
        at += size;
    }
    session_output_consume(s, len);
    return n;
}

/* The one packet sent, or type 0 when there was not exactly one. */
static packet one_sent(session *s)
{
    packet p[4];
    if (sent(s, p, 4) != 1)
        p[0].type = (packet_type)0;
    return p[0];
}

/* WELCOME with this token (all zero for a spectator), match 42. */
static void welcome_token(session *s, game_kind kind, uint8_t rule, uint8_t size, uint8_t seat,
                          const uint8_t *token)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_WELCOME;
    p.u.welcome.version = PACKET_VERSION;
    p.u.welcome.game = (uint8_t)kind;
    p.u.welcome.rule = rule;
    p.u.welcome.width = p.u.welcome.height = size;
    p.u.welcome.seat = seat;
    p.u.welcome.match_id = 42;
    memcpy(p.u.welcome.token, token, PACKET_TOKEN_SIZE);
    serve(s, &p);
}

static void welcome(session *s, game_kind kind, uint8_t rule, uint8_t size, uint8_t seat)
{
    welcome_token(s, kind, rule, size, seat, TOKEN);
}

static void start(session *s, const char *p1, const char *p2)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_START;
    packet_set_string(p.u.start.player1, sizeof p.u.start.player1, p1);
    packet_set_string(p.u.start.player2, sizeof p.u.start.player2, p2);
    serve(s, &p);
}

static void move(session *s, uint32_t ply, uint8_t fx, uint8_t fy, uint8_t tx, uint8_t ty)
{
    packet p;
    packet_make_move(&p, ply, fx, fy, tx, ty, 0);
    serve(s, &p);
}

static void stone(session *s, uint32_t ply, uint8_t x, uint8_t y)
{
    move(s, ply, PACKET_NO_SQUARE, PACKET_NO_SQUARE, x, y);
}

static void game_over(session *s, uint8_t winner, uint8_t reason, uint32_t plies)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_GAME_OVER;
    p.u.game_over.winner = winner;
    p.u.game_over.reason = reason;
    p.u.game_over.plies = plies;
    serve(s, &p);
}

/* ann (black, Player1) v bob, freestyle Gomoku on 15x15, started. */
static session *gomoku_started(void)
{
    packet hello;
    session *s = connected("ann", &hello);
    welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_P1);
    start(s, "ann", "bob");
    return s;
}

static int is_move(const packet *p, uint32_t ply, int fx, int fy, int tx, int ty)
{
    return p->type == PACKET_MOVE && p->u.move.ply == ply && p->u.move.from_x == fx &&
           p->u.move.from_y == fy && p->u.move.to_x == tx && p->u.move.to_y == ty;
}

static const char *notice(session *s)
{
    panel_info p;
    session_fill_panel(s, &p);
    return p.notice ? p.notice : "";
}

/* The moves of the panel's list joined with spaces. */
static const char *move_list(session *s)
{
    static char buf[512];
    panel_info p;
    size_t n = 0;
    session_fill_panel(s, &p);
    buf[0] = 0;
    for (int i = 0; i < p.n_moves && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "", p.moves[i]);
    return buf;
}

static void test_gomoku_game(void)
{
    packet hello, p;
    panel_info info;
    session *s = connected("ann", &hello);
    TAP_INT_EQ(hello.type, PACKET_HELLO, "gomoku: HELLO sent when the link is up");
    TAP_STR_EQ(hello.u.hello.name, "ann", "gomoku: HELLO carries the name");
    TAP_OK(!session_seated(s), "gomoku: not seated before WELCOME");
    welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_P1);
    TAP_INT_EQ(session_take_news(s), SESSION_NEWS_WELCOME, "gomoku: WELCOME is news");
    TAP_OK(session_seated(s), "gomoku: seated after WELCOME");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "connected to 127.0.0.1:7001", "gomoku: connection line");
    TAP_INT_EQ(info.to_move, GAME_SIDE_NONE, "gomoku: nobody to move while waiting");
    start(s, "ann", "bob");
    TAP_INT_EQ(session_take_news(s), SESSION_NEWS_START, "gomoku: START is news");
    TAP_STR_EQ(session_title(s), "matchboard: ann (Black) v bob", "gomoku: the title");
    TAP_OK(!session_flipped(s), "gomoku: black's board is not turned");
    session_fill_panel(s, &info);
    TAP_INT_EQ(info.to_move, GAME_SIDE_P1, "gomoku: black to move");
    TAP_STR_EQ(info.names[2], "bob", "gomoku: the opponent's name");

    /* black h8..l8 against white h9..k9: five in a row */
    for (int i = 0; i < 5; i++) {
        TAP_OK(session_my_turn(s), "gomoku: our turn at ply %d", 2 * i);
        session_hover(s, 7 + i, 7);
        TAP_INT_EQ(session_board(s)->hover_side, GAME_SIDE_P1, "gomoku: hovered stone is black");
        session_press(s, 7 + i, 7);
        p = one_sent(s);
        TAP_OK(is_move(&p, (uint32_t)(2 * i), PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7 + i, 7),
               "gomoku: a click sends MOVE %d", 2 * i);
        stone(s, (uint32_t)(2 * i), (uint8_t)(7 + i), 7);
        if (i == 4)
            break;
        TAP_OK(!session_my_turn(s), "gomoku: the opponent's turn");
        session_press(s, 0, 0);
        TAP_STR_EQ(notice(s), "Not your turn", "gomoku: a click off our turn is refused");
        TAP_INT_EQ(sent(s, &p, 1), 0, "gomoku: and sends nothing");
        stone(s, (uint32_t)(2 * i + 1), (uint8_t)(7 + i), 8);
    }
    TAP_INT_EQ(session_board(s)->cell[7][11], GAME_SIDE_P1, "gomoku: the board shows l8 black");
    TAP_OK(session_board(s)->mark[7][11] & MARK_LAST, "gomoku: l8 marked as the last move");
    TAP_STR_EQ(move_list(s), "h8 h9 i8 i9 j8 j9 k8 k9 l8", "gomoku: the move list");
    game_over(s, 1, GAME_END_FIVE, 9);
    session_fill_panel(s, &info);
    TAP_OK(session_game_over(s) && info.game_over, "gomoku: game over");
    char head[64], why[160];
    panel_result_text(&info, head, sizeof head, why, sizeof why);
    TAP_STR_EQ(head, "You win", "gomoku: the banner");
    TAP_STR_EQ(why, "ann (Black) by five in a row", "gomoku: the reason");
    int slot = session_button_slot(s, "Rematch");
    TAP_OK(slot >= 0, "gomoku: a Rematch button after the end");
    session_button(s, slot);
    p = one_sent(s);
    TAP_INT_EQ(p.type, PACKET_REMATCH_OFFER, "gomoku: Rematch sends REMATCH_OFFER");
    TAP_OK(session_button_slot(s, "Rematch asked") < 0, "gomoku: then it is shown asked, off");
    session_destroy(s);
}

static void test_refusals(void)
{
    packet p;
    session *s = gomoku_started();
    session_take_dirty(s);
    session_press(s, 7, 7);
    p = one_sent(s);
    packet r;
    memset(&r, 0, sizeof r);
    r.type = PACKET_REJECT;
    r.u.reject.ply = 0;
    r.u.reject.reason = PACKET_REJECT_NOT_YOUR_TURN;
    serve(s, &r);
    panel_info info;
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.notice, "Move refused: not your turn",
               "refusal: REJECT's reason shown as a notice");
    TAP_INT_EQ(info.notice_info, 0, "refusal: painted as a refusal, not news");
    TAP_OK(session_take_dirty(s), "refusal: the window is told to draw again");

    /* our own rules explain a refusal at once, and nothing goes out */
    session_press(s, 7, 7); /* sent again; confirmed below */
    p = one_sent(s);
    TAP_OK(is_move(&p, 0, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7), "refusal: sent again");
    now += 100;
    stone(s, 0, 7, 7);
    TAP_STR_EQ(notice(s), "Move refused: not your turn",
               "refusal: our confirmed move leaves the notice up for its minimum time");
    int t = session_timeout(s);
    TAP_OK(t > 0 && t <= SESSION_NOTICE_MIN_MS - 100, "refusal: the loop is woken to clear it");
    now += (uint32_t)t;
    session_tick(s);
    TAP_OK(notice(s)[0] == 0, "refusal: cleared once its time is up");
    stone(s, 1, 8, 8);
    session_press(s, 8, 8);
    TAP_STR_EQ(notice(s), "Not there: occupied", "refusal: our rules say why at once");
    TAP_INT_EQ(sent(s, &p, 1), 0, "refusal: an occupied point sends nothing");

    /* an ERROR from the server */
    packet e;
    packet_make_error(&e, PACKET_CODE_IDLE_TIMEOUT, "idle too long");
    serve(s, &e);
    TAP_OK(strstr(notice(s), "idle too long") != NULL, "refusal: a server ERROR is shown: %s",
           notice(s));
    session_destroy(s);

    /* a server never reached: the session gives up with the reason */
    char err[200] = "";
    s = new_session();
    session_target(s, "127.0.0.1:7002", "ann", err, sizeof err);
    TAP_INT_EQ(session_dial_failed(s, SOCK_ERR_REFUSED, err, sizeof err), 0,
               "refusal: a first connection refused gives up");
    TAP_OK(strncmp(err, "cannot reach 127.0.0.1:7002: ", 29) == 0, "refusal: says why: %s", err);
    TAP_INT_EQ(session_target(s, "[::1", "ann", err, sizeof err), -1,
               "refusal: a bad address is refused");
    session_destroy(s);
}

static void test_chess_game(void)
{
    packet hello, p;
    panel_info info;
    session *s = connected("bea", &hello);
    welcome(s, GAME_KIND_CHESS, 0, 8, PACKET_SEAT_P2);
    start(s, "cal", "bea");
    TAP_STR_EQ(session_title(s), "matchboard: bea (Black) v cal", "chess: the title");
    TAP_OK(session_flipped(s), "chess: black sees the board turned");
    session_flip(s);
    TAP_OK(!session_flipped(s), "chess: the flip turns it back");
    TAP_INT_EQ(sent(s, &p, 1), 0, "chess: flipping sends nothing");
    session_action(s, PANEL_FLIP);
    TAP_OK(session_flipped(s), "chess: the Flip button flips too, locally");
    session_fill_panel(s, &info);
    TAP_INT_EQ(info.bottom_side, GAME_SIDE_P2, "chess: the panel has black at the bottom");

    /* 1. f3 e5 2. g4 Qh4# */
    move(s, 0, 5, 1, 5, 2);
    TAP_OK(session_my_turn(s), "chess: our turn after f3");
    TAP_INT_EQ(session_press(s, 4, 6), 1, "chess: a click on our pawn picks it up");
    int x, y;
    TAP_OK(session_selected(s, &x, &y) && x == 4 && y == 6, "chess: e7 selected");
    TAP_OK(session_board(s)->mark[4][4] & MARK_LEGAL, "chess: e5 shown as legal");
    session_press(s, 4, 3);
    TAP_STR_EQ(notice(s), "That piece cannot go there", "chess: e7e4 refused locally");
    session_press(s, 4, 6);
    session_press(s, 4, 4);
    p = one_sent(s);
    TAP_OK(is_move(&p, 1, 4, 6, 4, 4), "chess: click, click sends e7e5");
    move(s, 1, 4, 6, 4, 4);
    /* a premove on the opponent's turn: kept, sent when our turn comes */
    session_press(s, 3, 7);
    session_press(s, 7, 3);
    game_move pm;
    TAP_OK(session_premove(s, &pm) && pm.from_x == 3 && pm.to_x == 7,
           "chess: Qd8-h4 kept as a premove");
    TAP_INT_EQ(sent(s, &p, 1), 0, "chess: a premove is not sent yet");
    session_cancel_premove(s);
    TAP_OK(!session_premove(s, &pm), "chess: a right click drops it");
    session_press(s, 3, 7);
    session_press(s, 7, 3);
    move(s, 2, 6, 1, 6, 3);
    p = one_sent(s);
    TAP_OK(is_move(&p, 3, 3, 7, 7, 3), "chess: the premove goes when our turn comes");
    move(s, 3, 3, 7, 7, 3);
    TAP_STR_EQ(move_list(s), "f3 e5 g4 Qh4#", "chess: the move list in SAN");
    TAP_OK(session_board(s)->mark[0][4] & MARK_CHECK, "chess: the white king shown in check");
    game_over(s, 2, GAME_END_CHECKMATE, 4);
    session_fill_panel(s, &info);
    char head[64], why[160];
    panel_result_text(&info, head, sizeof head, why, sizeof why);
    TAP_STR_EQ(head, "You win", "chess: the banner");
    TAP_STR_EQ(why, "bea (Black) by checkmate", "chess: the reason");
    session_destroy(s);
}

/* Our chess move by two clicks, confirmed by the server. */
static int play(session *s, uint32_t ply, uint8_t fx, uint8_t fy, uint8_t tx, uint8_t ty)
{
    session_press(s, fx, fy);
    session_press(s, tx, ty);
    packet p = one_sent(s);
    move(s, ply, fx, fy, tx, ty);
    return is_move(&p, ply, fx, fy, tx, ty);
}

static void test_drag_and_promotion(void)
{
    packet hello, p;
    session *s = connected("wes", &hello);
    welcome(s, GAME_KIND_CHESS, 0, 8, PACKET_SEAT_P1);
    start(s, "wes", "bob");
    TAP_OK(!session_flipped(s), "drag: white sees white at the bottom");
    TAP_INT_EQ(session_press(s, 7, 1), 1, "drag: h2 picked up");
    session_drag(s, 100, 100);
    TAP_OK(session_board(s)->dragging && session_board(s)->drag_x == 7, "drag: h2 follows");
    session_drop(s, 7, 3);
    p = one_sent(s);
    TAP_OK(is_move(&p, 0, 7, 1, 7, 3), "drag: dropped on h4 sends h2h4");
    TAP_OK(!session_board(s)->dragging, "drag: over");
    move(s, 0, 7, 1, 7, 3);
    /* 1. h4 g5 2. hxg5 h6 3. gxh6 Bg7 4. hxg7 Nf6 5. gxh8=N */
    move(s, 1, 6, 6, 6, 4);
    int ok = play(s, 2, 7, 3, 6, 4);
    move(s, 3, 7, 6, 7, 5);
    ok = ok && play(s, 4, 6, 4, 7, 5);
    move(s, 5, 5, 7, 6, 6);
    ok = ok && play(s, 6, 7, 5, 6, 6);
    move(s, 7, 6, 7, 5, 5);
    TAP_OK(ok, "promotion: the moves up to it by clicks");
    session_press(s, 6, 6);
    session_press(s, 7, 7);
    TAP_OK(session_board(s)->promo_open, "promotion: the chooser opens");
    TAP_INT_EQ(sent(s, &p, 1), 0, "promotion: nothing sent before the choice");
    session_promote(s, GAME_PROMO_KNIGHT);
    p = one_sent(s);
    TAP_OK(is_move(&p, 8, 6, 6, 7, 7) && p.u.move.promotion == GAME_PROMO_KNIGHT,
           "promotion: the knight chosen is sent");
    packet_make_move(&p, 8, 6, 6, 7, 7, GAME_PROMO_KNIGHT);
    serve(s, &p);
    TAP_STR_EQ(move_list(s), "h4 g5 hxg5 h6 gxh6 Bg7 hxg7 Nf6 gxh8=N", "promotion: the move list");
    TAP_INT_EQ(session_board(s)->cell[7][7], 'N', "promotion: a white knight on h8");
    session_destroy(s);
}

static void test_reconnect(void)
{
    packet p;
    char err[200] = "";
    panel_info info;
    session *s = gomoku_started();
    session_take_news(s);
    stone(s, 0, 7, 7);
    stone(s, 1, 8, 8);
    TAP_INT_EQ(session_link_lost(s, SOCK_ERR_RESET, err, sizeof err), 1,
               "reconnect: a drop schedules a reconnect");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "reconnecting to 127.0.0.1:7001…", "reconnect: the line says so");
    TAP_OK(!info.connection_ok, "reconnect: painted as a warning");
    session_press(s, 9, 9);
    TAP_STR_EQ(notice(s), "Not connected: the game goes on once it is back",
               "reconnect: a click on the board meanwhile says why nothing happens");
    size_t len;
    session_output(s, &len);
    TAP_INT_EQ(len, 0, "reconnect: nothing to send while down");
    TAP_OK(!session_reconnect_due(s), "reconnect: not at once");
    int t = session_timeout(s);
    TAP_OK(t > 0, "reconnect: the loop is woken for it (%d ms)", t);
    now += (uint32_t)t;
    TAP_OK(session_reconnect_due(s), "reconnect: due after its pause");
    session_link_up(s);
    p = one_sent(s);
    TAP_INT_EQ(p.type, PACKET_HELLO, "reconnect: HELLO again");
    TAP_OK(memcmp(p.u.hello.token, TOKEN, sizeof TOKEN) == 0,
           "reconnect: with the seat's resume token");
    welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_P1);
    packet sync;
    memset(&sync, 0, sizeof sync);
    sync.type = PACKET_SYNC_BEGIN;
    sync.u.sync.plies = 3;
    serve_split(s, &sync, 1);
    stone(s, 0, 7, 7);
    stone(s, 1, 8, 8);
    stone(s, 2, 9, 9);
    memset(&sync, 0, sizeof sync);
    sync.type = PACKET_SYNC_END;
    sync.u.ply.ply = 3;
    serve_split(s, &sync, 1);
    start(s, "ann", "bob");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "connected to 127.0.0.1:7001 (resumed)",
               "reconnect: the line says resumed");
    TAP_OK(info.connection_ok, "reconnect: no warning");
    TAP_STR_EQ(move_list(s), "h8 i9 j10", "reconnect: the move list rebuilt from the resume");
    TAP_OK(!session_my_turn(s), "reconnect: white to move");
    session_destroy(s);
}

static void test_chat(void)
{
    packet p;
    panel_info info;
    session *s = gomoku_started();
    session_chat(s, "");
    TAP_INT_EQ(sent(s, &p, 1), 0, "chat: an empty line is not sent");
    session_chat(s, "good luck");
    p = one_sent(s);
    TAP_OK(p.type == PACKET_CHAT && strcmp(p.u.chat.text, "good luck") == 0,
           "chat: CHAT sent with the line");
    packet c;
    memset(&c, 0, sizeof c);
    c.type = PACKET_CHAT;
    c.u.chat.seat = PACKET_SEAT_P1;
    packet_set_string(c.u.chat.text, sizeof c.u.chat.text, "good luck");
    serve(s, &c);
    c.u.chat.seat = PACKET_SEAT_P2;
    packet_set_string(c.u.chat.text, sizeof c.u.chat.text, "you too");
    serve(s, &c);
    c.u.chat.seat = PACKET_SEAT_SPECTATOR;
    packet_set_string(c.u.chat.text, sizeof c.u.chat.text, "welcome");
    serve(s, &c);
    session_fill_panel(s, &info);
    TAP_INT_EQ(info.n_chat, 3, "chat: three lines");
    TAP_STR_EQ(info.chat[0], "ann: good luck", "chat: ours, echoed, with our name");
    TAP_STR_EQ(info.chat[1], "bob: you too", "chat: the opponent's");
    TAP_STR_EQ(info.chat[2], "server: welcome", "chat: the server's");
    for (int i = 0; i < SESSION_MAX_CHAT; i++)
        serve(s, &c);
    session_fill_panel(s, &info);
    TAP_INT_EQ(info.n_chat, SESSION_MAX_CHAT, "chat: the log keeps the last lines only");
    session_destroy(s);
}

static void opening_state(session *s, uint8_t step, uint8_t actor, uint8_t choices, uint32_t ply)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_OPENING_STATE;
    p.u.opening.rule = 1; /* swap */
    p.u.opening.step = step;
    p.u.opening.actor = actor;
    p.u.opening.choices = choices;
    p.u.opening.area = PACKET_OPENING_ANYWHERE;
    p.u.opening.ply = ply;
    memset(p.u.opening.points, PACKET_NO_SQUARE, sizeof p.u.opening.points);
    serve(s, &p);
}

static void test_opening(void)
{
    packet p;
    panel_info info;
    session *s = gomoku_started();
    opening_state(s, 1 /* place */, PACKET_SEAT_P1, 0, 0);
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.opening, "Your stone (swap)", "opening: the status line asks for our stone");
    session_press(s, 7, 7);
    p = one_sent(s);
    TAP_OK(p.type == PACKET_OPENING_ACTION && p.u.opening_action.step == 1 &&
               p.u.opening_action.points[0] == 7 && p.u.opening_action.points[1] == 7,
           "opening: a click sends the PLACE step");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.opening, "Sent, waiting (swap)", "opening: waiting for the server");
    stone(s, 0, 7, 7);
    opening_state(s, 2 /* choose */, PACKET_SEAT_P1, (1u << 0) | (1u << 1), 1);
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    int n = session_buttons(s, act, on);
    TAP_OK(n == 3 && act[0] == PANEL_CHOOSE_STAY && act[1] == PANEL_CHOOSE_SWAP &&
               act[2] == PANEL_RESIGN,
           "opening: the choices are buttons, with Resign");
    session_press(s, 3, 3);
    TAP_STR_EQ(notice(s), "Decide with the buttons first", "opening: a click is not a choice");
    int slot = session_button_slot(s, "Swap colours");
    session_button(s, slot);
    p = one_sent(s);
    TAP_OK(p.type == PACKET_OPENING_ACTION && p.u.opening_action.step == 2 &&
               p.u.opening_action.choice == 1 && p.u.opening_action.ply == 1,
           "opening: Swap colours sends the CHOOSE step");
    opening_state(s, 2, PACKET_SEAT_P2, (1u << 0) | (1u << 1), 1);
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.opening, "bob decides (swap)", "opening: the opponent's decision");
    session_destroy(s);
}

static void test_takeback(void)
{
    packet p;
    panel_info info;
    session *s = gomoku_started();
    stone(s, 0, 7, 7);
    stone(s, 1, 8, 8);
    session_takeback(s); /* our turn: ours and the reply */
    p = one_sent(s);
    TAP_OK(p.type == PACKET_TAKEBACK_OFFER && p.u.takeback_offer.plies == 2,
           "takeback: on our turn, two plies asked");
    TAP_STR_EQ(notice(s), "Takeback of 2 moves asked", "takeback: news of the request");
    packet d;
    memset(&d, 0, sizeof d);
    d.type = PACKET_TAKEBACK_ANSWER;
    d.u.answer.accept = 0;
    serve(s, &d);
    TAP_STR_EQ(notice(s), "Takeback declined", "takeback: the refusal is news");
    int t = session_timeout(s);
    TAP_INT_EQ(t, SESSION_NOTICE_FADE_MS, "fade: the loop is woken when the news goes");
    now += SESSION_NOTICE_FADE_MS - 1;
    session_tick(s);
    TAP_STR_EQ(notice(s), "Takeback declined", "fade: news still up just before");
    now += 1;
    session_take_dirty(s);
    session_tick(s);
    TAP_STR_EQ(notice(s), "", "fade: news gone after its time");
    TAP_OK(session_take_dirty(s) && session_timeout(s) < 0,
           "fade: redrawn, nothing more to wake for");
    session_notice(s, 0, "Not now: an error");
    now += 60000;
    session_tick(s);
    TAP_STR_EQ(notice(s), "Not now: an error", "fade: an error stays");
    session_notice(s, 2, "Hosting on port 1");
    now += 60000;
    session_tick(s);
    TAP_STR_EQ(notice(s), "Hosting on port 1", "fade: lasting news stays");
    stone(s, 2, 9, 9);
    memset(&d, 0, sizeof d);
    d.type = PACKET_TAKEBACK_OFFER;
    d.u.takeback_offer.plies = 1;
    serve(s, &d);
    session_fill_panel(s, &info);
    TAP_INT_EQ(info.takeback_offer_in, 1, "takeback: the opponent's request shown");
    now += 60000;
    session_tick(s);
    TAP_STR_EQ(notice(s), "Your opponent asks to take back 1 move",
               "fade: a request to answer stays");
    int slot = session_button_slot(s, "Allow takeback");
    TAP_OK(slot >= 0, "takeback: an Allow takeback button");
    session_button(s, slot);
    p = one_sent(s);
    TAP_OK(p.type == PACKET_TAKEBACK_ANSWER && p.u.answer.accept == 1,
           "takeback: Allow sends the answer");
    memset(&d, 0, sizeof d);
    d.type = PACKET_TAKEBACK;
    d.u.takeback.plies = 1;
    d.u.takeback.ply = 2;
    serve(s, &d);
    TAP_STR_EQ(move_list(s), "h8 i9", "takeback: the move list rebuilt");
    TAP_STR_EQ(notice(s), "1 move taken back", "takeback: news of it");
    TAP_INT_EQ(session_board(s)->cell[9][9], 0, "takeback: j10 gone from the board");
    session_destroy(s);
}

static void test_offers_and_news(void)
{
    packet p, q;
    panel_info info;
    session *s = gomoku_started();
    session_button(s, session_button_slot(s, "Offer draw"));
    p = one_sent(s);
    TAP_INT_EQ(p.type, PACKET_DRAW_OFFER, "offers: Offer draw sends DRAW_OFFER");
    TAP_OK(session_button_slot(s, "Offer draw") < 0 && session_button_slot(s, "Draw offered") < 0,
           "offers: then it reads Draw offered, off");
    memset(&q, 0, sizeof q);
    q.type = PACKET_DRAW_ANSWER;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(info.notice && strcmp(info.notice, "Draw declined") == 0 && info.notice_info,
           "offers: a declined draw is news");
    TAP_OK(session_button_slot(s, "Offer draw") >= 0, "offers: a draw may be offered again");
    memset(&q, 0, sizeof q);
    q.type = PACKET_DRAW_OFFER;
    serve(s, &q);
    session_button(s, session_button_slot(s, "Decline draw"));
    p = one_sent(s);
    TAP_OK(p.type == PACKET_DRAW_ANSWER && p.u.answer.accept == 0,
           "offers: Decline draw answers the opponent's offer");

    memset(&q, 0, sizeof q);
    q.type = PACKET_PEER_STATUS;
    q.u.peer.seat = PACKET_SEAT_P2;
    q.u.peer.status = PACKET_PEER_DROPPED;
    q.u.peer.grace_ms = 30000;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(info.opponent_gone && !info.notice_info, "news: the opponent's drop is a warning");
    TAP_STR_EQ(info.notice, "Your opponent lost the connection; waiting for them…",
               "news: saying so");
    q.u.peer.status = PACKET_PEER_BACK;
    q.u.peer.grace_ms = 0;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(!info.opponent_gone && info.notice_info, "news: the opponent back is news");
    q.u.peer.status = PACKET_PEER_NOT_BACK; /* resumed first after a restart */
    q.u.peer.grace_ms = 40000;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(info.opponent_gone && info.notice_info,
           "news: an opponent not back yet after a restart is away, and no trouble");
    TAP_STR_EQ(info.notice, "The server restarted; waiting for your opponent to reconnect…",
               "news: saying so");
    q.u.peer.status = PACKET_PEER_BACK;
    q.u.peer.grace_ms = 0;
    serve(s, &q);

    memset(&q, 0, sizeof q);
    q.type = PACKET_RESTARTING;
    q.u.restarting.grace_ms = 60000;
    serve(s, &q);
    TAP_STR_EQ(notice(s), "Server restarting — your game will resume", "news: a restart");
    char err[200];
    TAP_INT_EQ(session_link_lost(s, SOCK_OK, err, sizeof err), 1,
               "news: the link closed by the restart is retried");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection,
               "server restarting — your game will resume; reconnecting to 127.0.0.1:7001…",
               "news: the connection line says why");
    session_destroy(s);
}

/* A Gomoku game we resigned, and the opponent's rematch offer. */
static session *their_rematch_offer(void)
{
    packet q;
    session *s = gomoku_started();
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 0);
    memset(&q, 0, sizeof q);
    q.type = PACKET_REMATCH_OFFER;
    serve(s, &q);
    return s;
}

/* The server's PEER_STATUS about Player2, our opponent. */
static void opponent_status(session *s, uint8_t status, uint32_t grace_ms)
{
    packet q;
    memset(&q, 0, sizeof q);
    q.type = PACKET_PEER_STATUS;
    q.u.peer.seat = PACKET_SEAT_P2;
    q.u.peer.status = status;
    q.u.peer.grace_ms = grace_ms;
    serve(s, &q);
}

/* The opponent drops after the game while its rematch offer waits: the
 * server holds its seat (grace left) and the offer stands, so it can be
 * answered while they are away; once the grace period ends (grace 0) the
 * offer is gone. */
static void test_rematch_drop(void)
{
    panel_info info;
    session *s = their_rematch_offer();
    TAP_OK(session_button_slot(s, "Accept rematch") >= 0, "rematch drop: Accept rematch shown");
    opponent_status(s, PACKET_PEER_DROPPED, 60000);
    session_fill_panel(s, &info);
    TAP_OK(info.rematch_offer_in && session_button_slot(s, "Accept rematch") >= 0 &&
               session_button_slot(s, "Decline") >= 0,
           "rematch drop: the offer stands, Accept and Decline stay on while they are away");
    TAP_STR_EQ(info.notice, "Your opponent lost the connection; waiting for them…",
               "rematch drop: saying so");
    opponent_status(s, PACKET_PEER_BACK, 0);
    TAP_OK(session_button_slot(s, "Accept rematch") >= 0, "rematch drop: back, Accept is on");
    opponent_status(s, PACKET_PEER_DROPPED, 0);
    session_fill_panel(s, &info);
    TAP_OK(!info.rematch_offer_in && session_button_slot(s, "Accept rematch") < 0,
           "rematch drop: gone for good, no offer");
    TAP_STR_EQ(info.notice, "Your opponent left", "rematch drop: saying so");
    session_destroy(s);
}

/* Their offer answered while they are away: the answer goes to the server
 * (which tells its maker on return), and the buttons go. */
static void test_rematch_answer_away(void)
{
    packet p;
    panel_info info;
    session *s = their_rematch_offer();
    opponent_status(s, PACKET_PEER_DROPPED, 60000);
    session_button(s, session_button_slot(s, "Decline"));
    p = one_sent(s);
    TAP_OK(p.type == PACKET_REMATCH_ANSWER && p.u.answer.accept == 0,
           "rematch away: Decline sends REMATCH_ANSWER 0 while they are away");
    session_fill_panel(s, &info);
    TAP_OK(!info.rematch_offer_in && session_button_slot(s, "Accept rematch") < 0,
           "rematch away: the offer is answered, its buttons gone");
    session_destroy(s);
}

/* Reconnects after a drop with the game over: HELLO with the token, then
 * the server's resume of that finished game in seat `seat` (WELCOME,
 * START, the SYNC of `plies` stones on the diagonal, GAME_OVER when over). */
static void resume_finished(session *s, uint8_t seat, uint32_t plies, int over)
{
    char err[200] = "";
    packet q;
    if (session_link_lost(s, SOCK_ERR_RESET, err, sizeof err) != 1)
        tap_diag("the drop was not retried");
    now += (uint32_t)session_timeout(s);
    session_link_up(s);
    q = one_sent(s);
    if (q.type != PACKET_HELLO || memcmp(q.u.hello.token, TOKEN, sizeof TOKEN) != 0)
        tap_diag("no HELLO with the token");
    welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, seat);
    start(s, seat == PACKET_SEAT_P1 ? "ann" : "bob", seat == PACKET_SEAT_P1 ? "bob" : "ann");
    memset(&q, 0, sizeof q);
    q.type = PACKET_SYNC_BEGIN;
    q.u.sync.plies = plies;
    serve(s, &q);
    for (uint32_t i = 0; i < plies; i++)
        stone(s, i, (uint8_t)i, (uint8_t)i);
    memset(&q, 0, sizeof q);
    q.type = PACKET_SYNC_END;
    q.u.ply.ply = plies;
    serve(s, &q);
    if (over)
        game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, plies);
}

/* We offered a rematch, then dropped: the resume of the finished game
 * does not send our own offer back, yet it stands (the server keeps it),
 * so the button stays as right after offering; a decline heard then, or a
 * rematch begun while we were away, sets it right. */
static void test_rematch_resume_own_offer(void)
{
    packet p, q;
    panel_info info;
    session *s = gomoku_started();
    stone(s, 0, 0, 0);
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 1);
    session_button(s, session_button_slot(s, "Rematch"));
    p = one_sent(s);
    TAP_INT_EQ(p.type, PACKET_REMATCH_OFFER, "own offer: Rematch sends REMATCH_OFFER");
    TAP_OK(session_button_slot(s, "Rematch") < 0 && session_button_slot(s, "Rematch asked") < 0,
           "own offer: then it reads Rematch asked, off");
    resume_finished(s, PACKET_SEAT_P1, 1, 1);
    session_fill_panel(s, &info);
    TAP_OK(info.game_over && info.rematch_offer_out && !info.rematch_offer_in &&
               session_button_slot(s, "Rematch") < 0 && session_button_slot(s, "Rematch asked") < 0,
           "own offer: resumed, the finished game shows the offer made (Rematch asked, off)");
    memset(&q, 0, sizeof q);
    q.type = PACKET_REMATCH_ANSWER; /* declined while we were away */
    serve(s, &q);
    TAP_STR_EQ(notice(s), "Rematch declined", "own offer: a decline heard after the resume");
    TAP_OK(session_button_slot(s, "Rematch") >= 0, "own offer: then Rematch is on again");

    /* A second drop with a new offer pending resumes again, and keeps it. */
    session_button(s, session_button_slot(s, "Rematch"));
    one_sent(s);
    resume_finished(s, PACKET_SEAT_P1, 1, 1);
    TAP_OK(session_button_slot(s, "Rematch") < 0, "own offer: kept through a second resume");

    /* Accepted while we were away: we resume into the new game, seats swapped. */
    resume_finished(s, PACKET_SEAT_P2, 0, 0);
    session_fill_panel(s, &info);
    TAP_OK(!info.game_over && !info.rematch_offer_out && info.my_side == GAME_SIDE_P2 &&
               session_button_slot(s, "Offer draw") >= 0,
           "own offer: accepted while away, the resume is the new game");
    game_over(s, GAME_SIDE_P1, GAME_END_RESIGNATION, 0);
    TAP_OK(session_button_slot(s, "Rematch") >= 0,
           "own offer: that game over, Rematch is on (the old offer is spent)");
    session_destroy(s);

    /* The opponent's offer resumed: Accept, not our offer. */
    s = gomoku_started();
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 0);
    memset(&q, 0, sizeof q);
    q.type = PACKET_REMATCH_OFFER;
    serve(s, &q);
    resume_finished(s, PACKET_SEAT_P1, 0, 1);
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(info.rematch_offer_in && !info.rematch_offer_out &&
               session_button_slot(s, "Accept rematch") >= 0,
           "their offer resumed: Accept rematch, no offer of ours");
    session_destroy(s);
}

/* A bad address says what an address is. */
static void test_bad_address(void)
{
    char err[200] = "";
    session *s = new_session();
    TAP_INT_EQ(session_target(s, "host:99999", "ann", err, sizeof err), -1,
               "address: a port past 65535 is refused");
    TAP_STR_EQ(err, "\"host:99999\" is not host or host:port (port 1 to 65535)",
               "address: saying what an address is");
    TAP_INT_EQ(session_target(s, "host:0", "ann", err, sizeof err), -1,
               "address: port 0 is no server's");
    session_destroy(s);
}

/* Seated, before the opponent comes: our own card has our name. */
static void test_own_name_waiting(void)
{
    packet hello;
    panel_info info;
    session *s = connected("ann", &hello);
    welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_P1);
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.names[GAME_SIDE_P1] ? info.names[GAME_SIDE_P1] : "(none)", "ann",
               "own name: waiting for an opponent, our card has our name");
    TAP_OK(!info.names[GAME_SIDE_P2], "own name: the opponent's seat is still empty");
    session_destroy(s);
}

/* An offer after an old notice: the notice goes, so the offer's line shows. */
static void test_offer_over_notice(void)
{
    packet q;
    panel_info info;
    session *s = gomoku_started();
    session_button(s, session_button_slot(s, "Offer draw"));
    one_sent(s);
    memset(&q, 0, sizeof q);
    q.type = PACKET_DRAW_ANSWER;
    serve(s, &q);
    TAP_STR_EQ(notice(s), "Draw declined", "offer over notice: a declined draw");
    now += 2000;
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 0);
    memset(&q, 0, sizeof q);
    q.type = PACKET_REMATCH_OFFER;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(!info.notice && info.rematch_offer_in,
           "offer over notice: their rematch offer replaces it, so its line shows");
    session_destroy(s);
}

/* 1. f3 e6 2. e4 Qh4+: white is in check, and a2a3 does not help. */
static void test_check_refusal(void)
{
    packet hello, q;
    session *s = connected("cal", &hello);
    welcome(s, GAME_KIND_CHESS, 0, 8, PACKET_SEAT_P1);
    start(s, "cal", "bea");
    move(s, 0, 5, 1, 5, 2);
    move(s, 1, 4, 6, 4, 5);
    move(s, 2, 4, 1, 4, 3);
    move(s, 3, 3, 7, 7, 3);
    session_press(s, 0, 1);
    session_press(s, 0, 2);
    TAP_STR_EQ(notice(s), "Your king is in check: that move does not get it out",
               "check: a move that leaves the king in check says why");
    TAP_INT_EQ(sent(s, &q, 1), 0, "check: and sends nothing");
    session_destroy(s);
}

/* A rematch's START and the opponent's first move read in one go (a bot
 * that opens at once): the new game's list holds that move only. */
static void test_rematch_move_list(void)
{
    uint8_t buf[2 * PACKET_MAX_SIZE];
    packet p;
    int n, m;
    session *s = gomoku_started();
    stone(s, 0, 7, 7);
    stone(s, 1, 8, 8);
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 2);
    TAP_STR_EQ(move_list(s), "h8 i9", "rematch list: the first game's moves");
    memset(&p, 0, sizeof p);
    p.type = PACKET_START;
    packet_set_string(p.u.start.player1, sizeof p.u.start.player1, "bob");
    packet_set_string(p.u.start.player2, sizeof p.u.start.player2, "ann");
    n = packet_encode(&p, buf, sizeof buf);
    packet_make_move(&p, 0, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 6, 6, 0);
    m = n > 0 ? packet_encode(&p, buf + n, sizeof buf - (size_t)n) : -1;
    if (n <= 0 || m <= 0 || session_feed(s, buf, (size_t)n + (size_t)m) != 0)
        tap_diag("START and MOVE not fed");
    session_drain(s);
    TAP_STR_EQ(move_list(s), "g7", "rematch list: START and a move at once: the new game's only");
    session_destroy(s);
}

/* Leaving on purpose (session_leave.c): during a game the player is asked,
 * a yes resigns and the link is not retried; no keeps the game. */
static void test_leave_during_game(void)
{
    packet p, two[2], three[3];
    char err[200];
    session *s = gomoku_started();
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_ASK, "leave: during a game, asks first");
    TAP_STR_EQ(session_leave_question(s), "Resign and leave?", "leave: the question");
    TAP_INT_EQ(sent(s, &p, 1), 0, "leave: nothing sent while asking");
    TAP_INT_EQ(session_leave_answer(s, 0), SESSION_LEAVE_NONE, "leave: no keeps the game");
    TAP_OK(!session_leave_question(s) && !session_leaving(s) && session_my_turn(s),
           "leave: the question is gone, the game goes on");
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_ASK, "leave: asked again");
    TAP_INT_EQ(session_leave_answer(s, 1), SESSION_LEAVE_GO, "leave: yes goes");
    TAP_INT_EQ(sent(s, three, 3), 3, "leave: three packets");
    TAP_OK(three[0].type == PACKET_RESIGN && three[1].type == PACKET_REMATCH_ANSWER &&
               three[1].u.answer.accept == 0 && three[2].type == PACKET_PING,
           "leave: a yes resigns the game, says no rematch (REMATCH_ANSWER 0), then a PING");
    TAP_OK(session_leaving(s) && !session_left(s),
           "leave: the session is leaving, the server has not read it yet");
    memset(&p, 0, sizeof p);
    p.type = PACKET_PONG;
    p.u.ping.stamp = three[2].u.ping.stamp + 1;
    serve(s, &p);
    TAP_OK(!session_left(s), "leave: another PONG is not the farewell's");
    p.u.ping.stamp = three[2].u.ping.stamp;
    serve(s, &p);
    TAP_OK(session_left(s), "leave: its PONG: the server read it, close the link");
    TAP_INT_EQ(session_link_lost(s, SOCK_OK, err, sizeof err), 0,
               "leave: the link closed after it is not retried");
    TAP_OK(err[0] == 0 && session_timeout(s) < 0, "leave: no error, no reconnect due");
    session_destroy(s);

    /* Offline (reconnecting) there is nobody to tell: left at once. */
    s = gomoku_started();
    TAP_INT_EQ(session_link_lost(s, SOCK_ERR_RESET, err, sizeof err), 1, "leave: link lost");
    session_leave(s);
    TAP_OK(session_leave_answer(s, 1) == SESSION_LEAVE_GO && session_left(s),
           "leave: offline, a yes has left at once");
    session_destroy(s);

    /* A spectator just leaves; a player waiting for an opponent too. */
    {
        packet hello;
        s = connected("eve", &hello);
        welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_SPECTATOR);
        start(s, "ann", "bob");
        TAP_INT_EQ(session_leave(s), SESSION_LEAVE_GO, "leave: a spectator leaves at once");
        TAP_OK(sent(s, two, 2) == 1 && two[0].type == PACKET_PING,
               "leave: a spectator says nothing but the PING");
        session_destroy(s);
        s = connected("ann", &hello);
        welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_P1);
        TAP_INT_EQ(session_leave(s), SESSION_LEAVE_GO, "leave: waiting for an opponent, at once");
        session_destroy(s);
    }
}

/* Resign asks first, as Leave does: no keeps the game, yes resigns and
 * stays; Leave meanwhile asks its own question instead. */
static void test_resign_asks(void)
{
    packet p;
    char yes[64];
    const char *no;
    session *s = gomoku_started();
    session_button(s, session_button_slot(s, "Resign"));
    TAP_STR_EQ(session_leave_question(s), "Resign this game?", "resign: asks first");
    TAP_INT_EQ(sent(s, &p, 1), 0, "resign: nothing sent while asking");
    panel_leave_answers(session_leave_question(s), yes, sizeof yes, &no);
    TAP_STR_EQ(yes, "Yes, resign", "resign: the yes button");
    TAP_STR_EQ(no, "No", "resign: the no button");
    TAP_INT_EQ(session_leave_answer(s, 0), SESSION_LEAVE_NONE, "resign: no");
    TAP_OK(!session_leave_question(s) && session_my_turn(s) && sent(s, &p, 1) == 0,
           "resign: no keeps the game, nothing sent");
    session_action(s, PANEL_RESIGN);
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_ASK, "resign: Leave meanwhile asks");
    TAP_STR_EQ(session_leave_question(s), "Resign and leave?",
               "resign: Leave's question replaces it");
    TAP_INT_EQ(session_leave_answer(s, 0), SESSION_LEAVE_NONE, "resign: stay");
    session_action(s, PANEL_RESIGN);
    TAP_INT_EQ(session_leave_answer(s, 1), SESSION_LEAVE_NONE, "resign: yes does not leave");
    p = one_sent(s);
    TAP_INT_EQ(p.type, PACKET_RESIGN, "resign: yes sends RESIGN alone");
    TAP_OK(!session_leaving(s), "resign: the session stays");
    session_destroy(s);
}

/* After the game: no question; our pending offer is withdrawn, theirs
 * declined, and no rematch said, before the link closes. Hosting with the
 * opponent there, the question says the game stops. */
static void test_leave_after_game(void)
{
    packet p, three[3];
    session *s = gomoku_started();
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 0);
    session_button(s, session_button_slot(s, "Rematch"));
    p = one_sent(s);
    TAP_INT_EQ(p.type, PACKET_REMATCH_OFFER, "leave after: our rematch offer");
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_GO, "leave after: no question after the game");
    TAP_OK(sent(s, three, 3) == 3 && three[0].type == PACKET_REMATCH_ANSWER &&
               three[0].u.answer.accept == 0 && three[1].type == PACKET_REMATCH_ANSWER &&
               three[1].u.answer.accept == 0 && three[2].type == PACKET_PING,
           "leave after: our offer is withdrawn (REMATCH_ANSWER 0), no rematch said (another), "
           "then a PING");
    session_destroy(s);

    s = their_rematch_offer();
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_GO, "leave after: their offer pending");
    TAP_OK(sent(s, three, 3) == 3 && three[0].type == PACKET_REMATCH_ANSWER &&
               three[0].u.answer.accept == 0 && three[1].type == PACKET_REMATCH_ANSWER,
           "leave after: their offer is declined first, then no rematch said");
    session_destroy(s);

    s = gomoku_started();
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 0);
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_GO, "leave after: no offer");
    TAP_OK(sent(s, three, 3) == 2 && three[0].type == PACKET_REMATCH_ANSWER &&
               three[0].u.answer.accept == 0 && three[1].type == PACKET_PING,
           "leave after: no offer: no rematch said (REMATCH_ANSWER 0), then the PING");
    session_destroy(s);

    s = gomoku_started();
    session_set_hosting(s, 1);
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_ASK, "leave hosting: asks");
    TAP_STR_EQ(session_leave_question(s),
               "Resign and leave? You host this game: it stops, and bob is disconnected.",
               "leave hosting: the question says bob is disconnected");
    game_over(s, GAME_SIDE_P2, GAME_END_TIME, 0);
    TAP_INT_EQ(session_leave_answer(s, 1), SESSION_LEAVE_GO, "leave hosting: yes");
    TAP_OK(sent(s, three, 3) == 2 && three[0].type == PACKET_REMATCH_ANSWER &&
               three[1].type == PACKET_PING,
           "leave hosting: the game ended meanwhile: no RESIGN");
    session_destroy(s);
    s = gomoku_started();
    session_set_hosting(s, 1);
    game_over(s, GAME_SIDE_P2, GAME_END_RESIGNATION, 0);
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_ASK, "leave hosting: after the game, asks too");
    TAP_STR_EQ(session_leave_question(s),
               "Leave? You host this game: it stops, and bob is disconnected.",
               "leave hosting: without resigning");
    session_destroy(s);
}

/* The opponent left: it withdrew its rematch offer, then closed (PEER_STATUS
 * dropped, grace 0): "Your opponent left", Rematch off. */
static void test_opponent_left(void)
{
    packet q;
    panel_info info;
    session *s = their_rematch_offer();
    memset(&q, 0, sizeof q);
    q.type = PACKET_REMATCH_ANSWER;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(!info.rematch_offer_in && session_button_slot(s, "Accept rematch") < 0 &&
               session_button_slot(s, "Rematch") >= 0,
           "opponent left: their withdrawn offer is gone, Rematch is ours again");
    TAP_STR_EQ(info.notice, "Your opponent withdrew the rematch offer",
               "opponent left: the withdrawal is news");
    memset(&q, 0, sizeof q);
    q.type = PACKET_PEER_STATUS;
    q.u.peer.seat = PACKET_SEAT_P2;
    q.u.peer.status = PACKET_PEER_DROPPED;
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.notice, "Your opponent left", "opponent left: said at once");
    TAP_OK(info.notice_info && info.opponent_gone && session_button_slot(s, "Rematch") < 0,
           "opponent left: news, not trouble; Rematch is off");
    session_destroy(s);
}

/* The server's CLOCK_DELAY (kind, delay, left) and CLOCK (running, no
 * increment; 60 s and 59 s left). kind 0: the CLOCK alone. */
static void clock_told(session *s, uint8_t kind, uint32_t left, uint8_t running, uint32_t inc)
{
    packet p;
    if (kind) {
        memset(&p, 0, sizeof p);
        p.type = PACKET_CLOCK_DELAY;
        p.u.clock_delay.kind = kind;
        p.u.clock_delay.delay_ms = 3000;
        p.u.clock_delay.left_ms = left;
        serve(s, &p);
    }
    memset(&p, 0, sizeof p);
    p.type = PACKET_CLOCK;
    p.u.clock.p1_ms = 60000;
    p.u.clock.p2_ms = 59000;
    p.u.clock.running = running;
    p.u.clock.increment_ms = inc;
    serve(s, &p);
}

/* The panel at t ms after the CLOCK came, as "P1 P2 [delay readout of
 * side] held time-control", is want. */
static void panel_is(session *s, uint32_t t, game_side side, const char *want, const char *what)
{
    panel_info p;
    char delay[16], line[128];
    now += t;
    session_fill_panel(s, &p);
    now -= t;
    panel_format_delay(&p, side, delay, sizeof delay);
    snprintf(line, sizeof line, "%u %u [%s]%s %s", (unsigned)p.clock_ms[1], (unsigned)p.clock_ms[2],
             delay, panel_clock_held(&p, side) ? " held" : "",
             p.time_control ? p.time_control : "-");
    TAP_STR_EQ(line, want, "%s", what);
}

/* A delay clock on the panel at given instants: a simple delay holds the
 * mover's time while its delay counts down beside the clock; a Bronstein
 * delay runs the time and counts the delay down beside it; the time
 * control names the delay. */
static void test_delay_clock(void)
{
    session *s = gomoku_started();
    clock_told(s, PACKET_DELAY_SIMPLE, 3000, 1, 0);
    panel_is(s, 0, GAME_SIDE_P1, "60000 59000 [+3.0] held delay 3 s",
             "simple delay at the start of the turn: the whole delay, the time held");
    panel_is(s, 1250, GAME_SIDE_P1, "60000 59000 [+1.8] held delay 3 s",
             "1.25 s on: 1.75 s of delay shown");
    panel_is(s, 2999, GAME_SIDE_P1, "60000 59000 [+0.1] held delay 3 s",
             "the last millisecond of the delay");
    panel_is(s, 3000, GAME_SIDE_P1, "60000 59000 [] delay 3 s",
             "the delay over: no readout, the time runs");
    panel_is(s, 4500, GAME_SIDE_P1, "58500 59000 [] delay 3 s", "1.5 s past the delay: 1.5 s used");
    panel_is(s, 1000, GAME_SIDE_P2, "60000 59000 [] delay 3 s",
             "no readout beside the other clock");

    clock_told(s, PACKET_DELAY_SIMPLE, 500, 1, 0);
    panel_is(s, 1000, GAME_SIDE_P1, "59500 59000 [] delay 3 s",
             "told mid-turn (a resume): the delay left as the server said");

    clock_told(s, PACKET_DELAY_BRONSTEIN, 3000, 2, 2000);
    panel_is(s, 1000, GAME_SIDE_P2, "60000 58000 [+2.0] +2 s, Bronstein 3 s",
             "Bronstein: the time runs, the delay counts down beside it");
    panel_is(s, 5000, GAME_SIDE_P2, "60000 54000 [] +2 s, Bronstein 3 s", "and is gone after 3 s");

    clock_told(s, 0, 0, 1, 0);
    panel_is(s, 1000, GAME_SIDE_P1, "59000 59000 [] -",
             "a CLOCK alone: no delay, no increment, nothing to name");

    clock_told(s, PACKET_DELAY_SIMPLE, 3000, 1, 0);
    game_over(s, 2, 4, 0);
    panel_is(s, 1000, GAME_SIDE_P1, "60000 59000 [] delay 3 s", "game over: nothing counts down");
    session_destroy(s);
}

/* The link drops mid-game: the status line says it reconnects instead of
 * whose move it is, and the clocks stop at the server's last CLOCK (no
 * countdown, no redraw tick) until a CLOCK comes after the resume. */
static void test_reconnect_clock(void)
{
    char err[200] = "", line[96];
    panel_info p;
    session *s = gomoku_started();
    clock_told(s, 0, 0, 1, 0);
    now += 5000;
    session_fill_panel(s, &p);
    TAP_INT_EQ(panel_status_text(&p, line, sizeof line), PANEL_TONE_GOOD,
               "frozen: our move, green");
    TAP_STR_EQ(line, "Your move", "frozen: our move while connected");
    TAP_INT_EQ(p.clock_ms[1], 55000, "frozen: our clock runs while connected");
    session_link_lost(s, SOCK_ERR_RESET, err, sizeof err);
    int t = session_timeout(s);
    TAP_OK(t > 100, "frozen: no 100 ms clock tick wakes the loop (%d ms)", t);
    now += 7000;
    session_fill_panel(s, &p);
    TAP_INT_EQ(panel_status_text(&p, line, sizeof line), PANEL_TONE_WARN,
               "frozen: the status is a warning while down");
    TAP_STR_EQ(line, "Connection lost — reconnecting…", "frozen: it says it reconnects");
    TAP_INT_EQ(p.clock_ms[1], 60000, "frozen: the clock shows the server's last value");
    TAP_INT_EQ(p.clock_running, GAME_SIDE_NONE, "frozen: no clock painted as running");
    now += 60000;
    session_reconnect_due(s);
    session_link_up(s);
    (void)one_sent(s); /* HELLO */
    session_fill_panel(s, &p);
    TAP_STR_EQ((panel_status_text(&p, line, sizeof line), line), "Connection lost — reconnecting…",
               "frozen: still until the server welcomes us back");
    TAP_INT_EQ(p.clock_ms[1], 60000, "frozen: linked again, still the last value");
    welcome(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_P1);
    start(s, "ann", "bob");
    clock_told(s, 0, 0, 1, 0);
    now += 2000;
    session_fill_panel(s, &p);
    TAP_STR_EQ((panel_status_text(&p, line, sizeof line), line), "Your move",
               "frozen: back, our move again");
    TAP_INT_EQ(p.clock_ms[1], 58000, "frozen: the new CLOCK runs again");
    TAP_INT_EQ(p.clock_running, GAME_SIDE_P1, "frozen: painted as running again");
    session_destroy(s);
}

/* The opponent hosted the game and left it: it left (PEER_STATUS dropped,
 * grace 0), then its server stopped (ERROR shutdown): news, the final
 * position stays, nothing is dialled again. A stop while the opponent is
 * there is still an error, and the GUI dials back. */
static void test_host_left(void)
{
    packet q;
    panel_info info;
    char err[200];
    session *s = gomoku_started();
    game_over(s, GAME_SIDE_P1, GAME_END_RESIGNATION, 0);
    memset(&q, 0, sizeof q);
    q.type = PACKET_PEER_STATUS;
    q.u.peer.seat = PACKET_SEAT_P2;
    q.u.peer.status = PACKET_PEER_DROPPED;
    serve(s, &q);
    packet_make_error(&q, PACKET_CODE_SHUTDOWN, "server shutting down");
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.notice, "Your opponent left, and the server has stopped",
               "host left: its server's stop is said with it");
    TAP_OK(info.notice_info && info.game_over, "host left: news, the result stays");
    TAP_INT_EQ(session_link_lost(s, SOCK_OK, err, sizeof err), 1,
               "host left: the link closes, the game screen stays");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "the server at 127.0.0.1:7001 has stopped",
               "host left: the connection line says the server stopped");
    TAP_OK(session_timeout(s) < 0 && !session_reconnect_due(s), "host left: nothing is dialled");
    session_destroy(s);

    s = gomoku_started();
    game_over(s, GAME_SIDE_P1, GAME_END_RESIGNATION, 0);
    packet_make_error(&q, PACKET_CODE_SHUTDOWN, "server shutting down");
    serve(s, &q);
    session_fill_panel(s, &info);
    TAP_OK(!info.notice_info && strstr(info.notice, "server shutting down"),
           "host left: a stop with the opponent there is an error, as before");
    TAP_INT_EQ(session_link_lost(s, SOCK_OK, err, sizeof err), 1, "host left: link lost");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "reconnecting to 127.0.0.1:7001…", "host left: it dials back");
    session_destroy(s);
}

static void test_local(void)
{
    char err[200] = "";
    panel_info info;
    session *s = new_session();
    TAP_INT_EQ(session_view_local(s, "chess", "e4 e5 Nf3", err, sizeof err), 0,
               "local: a --view game");
    TAP_STR_EQ(move_list(s), "e4 e5 Nf3", "local: its move list");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "local game (no network)", "local: no network");
    session_press(s, 1, 7);
    TAP_INT_EQ(session_board(s)->cell[7][1], 'n', "local: a click changes nothing");
    session_action(s, PANEL_RESIGN);
    TAP_OK(!session_game_over(s), "local: buttons but Flip do nothing");
    session_destroy(s);
    s = new_session();
    TAP_INT_EQ(session_view_local(s, "chess", "e4 e4", err, sizeof err), -1,
               "local: an illegal move is refused");
    TAP_STR_EQ(err, "--moves: \"e4\" is not a legal move here", "local: with the reason");
    session_destroy(s);
}

/* --- watching (session_watch.c) ------------------------------------------ */

/* A spectator's session on the fake server, its HELLO taken. */
static session *watching(uint32_t match_id, packet *hello)
{
    char err[200] = "";
    session *s = new_session();
    session_set_watch(s, 1, match_id);
    if (session_target(s, "127.0.0.1:7001", "eve", err, sizeof err) != 0)
        tap_diag("session_target: %s", err);
    session_dialing(s);
    session_link_up(s);
    *hello = one_sent(s);
    return s;
}

/* WELCOME to a spectator: seat 3, match 42, an all-zero token. */
static void watch_welcome(session *s)
{
    static const uint8_t none[PACKET_TOKEN_SIZE];
    welcome_token(s, GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, 15, PACKET_SEAT_SPECTATOR, none);
}

/* The link drops (why): 1 when the session dials again once its pause is
 * over; the HELLO it then sends into *hello. */
static int watch_again(session *s, sock_err why, packet *hello)
{
    char err[200] = "";
    if (session_link_lost(s, why, err, sizeof err) != 1)
        return 0;
    now += (uint32_t)session_timeout(s);
    if (!session_reconnect_due(s))
        return 0;
    session_link_up(s);
    *hello = one_sent(s);
    return hello->type == PACKET_HELLO && hello->u.hello.want == PACKET_WANT_WATCH;
}

/* The spectator's status line and what happens, "LINE | DETAIL". */
static const char *status_line(session *s)
{
    static char buf[400];
    panel_info p;
    session_fill_panel(s, &p);
    snprintf(buf, sizeof buf, "%s | %s", p.status_line ? p.status_line : "",
             p.status_detail ? p.status_detail : "");
    return buf;
}

static void server_error(session *s, uint16_t code, const char *text)
{
    packet q;
    memset(&q, 0, sizeof q);
    q.type = PACKET_ERROR;
    q.u.error.code = code;
    packet_set_string(q.u.error.text, sizeof q.u.error.text, text);
    serve(s, &q);
}

/* A spectator of a Gomoku game from START to GAME_OVER: the position, the
 * names, the clocks, the moves and the result show; every player's action
 * is refused and sends nothing; Flip works; Leave asks nothing. */
static void test_watch_game(void)
{
    packet hello;
    panel_info info;
    panel_action act[UI_BUTTON_SLOTS];
    int on[UI_BUTTON_SLOTS];
    session *s = watching(7, &hello);
    TAP_INT_EQ(hello.type, PACKET_HELLO, "watch: HELLO");
    TAP_INT_EQ(hello.u.hello.want, PACKET_WANT_WATCH, "watch: it asks to watch");
    TAP_INT_EQ(packet_hello_watch_id(&hello.u.hello), 7, "watch: the match named");
    TAP_OK(session_watching(s), "watch: the session says so");
    watch_welcome(s);
    TAP_STR_EQ(status_line(s), "Watching | Waiting for the game to start", "watch: before START");
    start(s, "ann", "bob");
    stone(s, 0, 7, 7);
    clock_told(s, 0, 0, 2, 0);
    session_fill_panel(s, &info);
    TAP_INT_EQ(info.my_side, GAME_SIDE_NONE, "watch: no side of ours");
    TAP_STR_EQ(info.names[1], "ann", "watch: Player1's name");
    TAP_STR_EQ(info.names[2], "bob", "watch: Player2's name");
    TAP_OK(info.clocks && info.clock_ms[1] == 60000 && info.clock_ms[2] == 59000,
           "watch: both clocks");
    TAP_STR_EQ(status_line(s), "Watching ann – bob | White to move (bob)",
               "watch: the status line names the players and whose move");
    TAP_INT_EQ(session_board(s)->cell[7][7], GAME_SIDE_P1, "watch: the stone shows");
    TAP_INT_EQ(session_buttons(s, act, on), 1, "watch: one button");
    TAP_INT_EQ(act[0], PANEL_FLIP, "watch: Flip only");
    session_press(s, 8, 8);
    TAP_STR_EQ(notice(s), "You are watching: only the players play", "watch: a click is refused");
    TAP_INT_EQ(session_board(s)->cell[8][8], 0, "watch: and places nothing");
    session_action(s, PANEL_RESIGN);
    session_action(s, PANEL_OFFER_DRAW);
    session_action(s, PANEL_REMATCH);
    session_takeback(s);
    session_give_time(s);
    packet out[4];
    TAP_INT_EQ(sent(s, out, 4), 0, "watch: no move, resign, draw, rematch, takeback or time sent");
    int flipped = session_flipped(s);
    session_action(s, PANEL_FLIP);
    TAP_INT_EQ(session_flipped(s), !flipped, "watch: Flip still works");
    stone(s, 1, 8, 8);
    stone(s, 2, 6, 6);
    TAP_STR_EQ(move_list(s), "h8 i9 g7", "watch: the move list");
    TAP_STR_EQ(status_line(s), "Watching ann – bob | White to move (bob)",
               "watch: follows the turn");
    game_over(s, PACKET_SEAT_P1, GAME_END_RESIGNATION, 3);
    session_fill_panel(s, &info);
    TAP_OK(info.game_over && info.result.winner == GAME_SIDE_P1, "watch: the result");
    TAP_STR_EQ(status_line(s), "Watching ann – bob | The game ended; waiting for the next game",
               "watch: after the game");
    start(s, "bob", "ann");
    TAP_STR_EQ(status_line(s), "Watching bob – ann | Black to move (bob)",
               "watch: the rematch is watched too");
    TAP_STR_EQ(move_list(s), "", "watch: a new move list");
    TAP_INT_EQ(session_leave(s), SESSION_LEAVE_GO, "watch: Leave asks nothing");
    session_destroy(s);
}

/* A spectator whose link drops watches the same match again; after a
 * restart too; once the match is gone (ERROR 9) the final position stays
 * and nothing is dialled again. Nothing to watch at all goes back. */
static void test_watch_reconnect(void)
{
    packet hello, q;
    char err[200] = "";
    panel_info info;
    session *s = watching(0, &hello);
    TAP_INT_EQ(packet_hello_watch_id(&hello.u.hello), 0, "watch again: the most recent match");
    watch_welcome(s);
    start(s, "ann", "bob");
    stone(s, 0, 7, 7);
    opponent_status(s, PACKET_PEER_DROPPED, 30000);
    TAP_STR_EQ(notice(s), "bob lost the connection; waiting for them…",
               "watch again: a player's drop named");
    TAP_OK(watch_again(s, SOCK_ERR_RESET, &hello), "watch again: a drop dials again");
    TAP_INT_EQ(packet_hello_watch_id(&hello.u.hello), 42,
               "watch again: the match watched (42), not the newest");
    watch_welcome(s);
    start(s, "ann", "bob");
    memset(&q, 0, sizeof q);
    q.type = PACKET_RESTARTING;
    q.u.restarting.grace_ms = 60000;
    serve(s, &q);
    TAP_STR_EQ(notice(s), "Server restarting — watching goes on once it is back",
               "watch again: a restart");
    TAP_OK(watch_again(s, SOCK_ERR_RESET, &hello), "watch again: dials again after a restart");
    TAP_INT_EQ(packet_hello_watch_id(&hello.u.hello), 42, "watch again: the same match");
    watch_welcome(s);
    start(s, "ann", "bob");
    stone(s, 0, 7, 7); /* as the SYNC would bring it */
    game_over(s, PACKET_SEAT_P2, GAME_END_RESIGNATION, 1);
    /* the players leave: the server closes the spectators' links */
    TAP_OK(watch_again(s, SOCK_OK, &hello), "watch again: a close: it tries once more");
    server_error(s, PACKET_CODE_NO_MATCH, "no such match");
    TAP_INT_EQ(session_link_lost(s, SOCK_OK, err, sizeof err), 1,
               "watch again: the match is gone: the window stays");
    session_fill_panel(s, &info);
    TAP_STR_EQ(info.connection, "the match at 127.0.0.1:7001 is over", "watch again: the line");
    TAP_STR_EQ(status_line(s), "Watching ann – bob | The match is over: its players left",
               "watch again: the status line");
    TAP_INT_EQ(session_board(s)->cell[7][7], GAME_SIDE_P1, "watch again: the final position stays");
    now += 60000;
    TAP_OK(!session_reconnect_due(s), "watch again: nothing dialled again");
    session_destroy(s);

    s = watching(0, &hello);
    server_error(s, PACKET_CODE_NO_MATCH, "nothing to watch");
    TAP_INT_EQ(session_link_lost(s, SOCK_OK, err, sizeof err), 0,
               "watch nothing: back to the connect screen");
    TAP_STR_EQ(err, "nothing to watch on 127.0.0.1:7001: no game is running",
               "watch nothing: with the reason");
    /* Connect after that plays: the client is made again, not watching */
    session_set_watch(s, 0, 0);
    TAP_INT_EQ(session_target(s, "127.0.0.1:7001", "eve", err, sizeof err), 0, "then play: target");
    session_link_up(s);
    hello = one_sent(s);
    TAP_INT_EQ(hello.u.hello.want, PACKET_WANT_PLAY, "then play: HELLO asks to play");
    session_destroy(s);
}

int main(void)
{
    test_gomoku_game();
    test_refusals();
    test_chess_game();
    test_drag_and_promotion();
    test_reconnect();
    test_chat();
    test_opening();
    test_takeback();
    test_offers_and_news();
    test_rematch_drop();
    test_rematch_answer_away();
    test_rematch_resume_own_offer();
    test_rematch_move_list();
    test_bad_address();
    test_check_refusal();
    test_offer_over_notice();
    test_own_name_waiting();
    test_leave_during_game();
    test_resign_asks();
    test_leave_after_game();
    test_host_left();
    test_opponent_left();
    test_delay_clock();
    test_reconnect_clock();
    test_local();
    test_watch_game();
    test_watch_reconnect();
    return tap_done();
}
