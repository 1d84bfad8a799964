/* packet_samples.h: one representative, valid packet of every type, with
 * distinctive non-zero values in every field, for the codec and stream
 * tests and the fuzz seed corpus. Header-only (static functions). */
#ifndef MATCHBOARD_PACKET_SAMPLES_H
#define MATCHBOARD_PACKET_SAMPLES_H

#include <string.h>

#include "packet.h"

/* Every type of protocols 1 to 3, in type-number order. */
static const uint8_t sample_types[] = {
    PACKET_HELLO,         PACKET_WELCOME,        PACKET_START,          PACKET_MOVE,
    PACKET_REJECT,        PACKET_RESIGN,         PACKET_DRAW_OFFER,     PACKET_DRAW_ANSWER,
    PACKET_REMATCH_OFFER, PACKET_REMATCH_ANSWER, PACKET_TAKEBACK_OFFER, PACKET_TAKEBACK_ANSWER,
    PACKET_TAKEBACK,      PACKET_GIVE_TIME,      PACKET_GAME_OVER,      PACKET_CLOCK,
    PACKET_SYNC_BEGIN,    PACKET_SYNC_END,       PACKET_PEER_STATUS,    PACKET_RESTARTING,
    PACKET_CLOCK_DELAY,   PACKET_CHAT,           PACKET_PING,           PACKET_PONG,
    PACKET_ERROR,         PACKET_OPENING_STATE,  PACKET_OPENING_ACTION,
};
#define SAMPLE_TYPE_COUNT (sizeof sample_types / sizeof sample_types[0])

/* A valid packet of the given type; variant picks among a few values so a
 * stream of samples is not all alike. */
static void sample_packet(uint8_t type, unsigned variant, packet *p)
{
    memset(p, 0, sizeof *p);
    p->type = (packet_type)type;
    switch (type) {
    case PACKET_HELLO:
        p->u.hello.version = PACKET_VERSION;
        p->u.hello.want = (uint8_t)(variant % 2);
        packet_set_string(p->u.hello.name, PACKET_NAME_SIZE, variant % 2 ? "Zoë" : "Bob");
        if (p->u.hello.want == PACKET_WANT_WATCH)
            packet_hello_set_watch(&p->u.hello, 0x01020304u + variant);
        else
            for (size_t i = 0; i < PACKET_TOKEN_SIZE; i++)
                p->u.hello.token[i] = (uint8_t)(0xA0 + i + variant);
        break;
    case PACKET_WELCOME:
        p->u.welcome.version = PACKET_VERSION;
        p->u.welcome.game = variant % 2 ? 2 : 1;
        p->u.welcome.rule = variant % 2 ? 0 : 2;
        p->u.welcome.width = p->u.welcome.height = variant % 2 ? 8 : 15;
        p->u.welcome.seat = (uint8_t)(1 + variant % 3);
        p->u.welcome.match_id = 0x11223344u + variant;
        for (size_t i = 0; i < PACKET_TOKEN_SIZE; i++)
            p->u.welcome.token[i] = (uint8_t)(0x5A ^ (i + variant));
        break;
    case PACKET_START:
        packet_set_string(p->u.start.player1, PACKET_NAME_SIZE, "Alice");
        packet_set_string(p->u.start.player2, PACKET_NAME_SIZE, "Bob the Builder");
        break;
    case PACKET_MOVE:
        if (variant % 2)
            packet_make_move(p, 7 + variant, PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 8, 0);
        else
            packet_make_move(p, 46 + variant, 4, 6, 3, 7, 4);
        break;
    case PACKET_REJECT:
        p->u.reject.ply = 12 + variant;
        p->u.reject.reason = (uint8_t)(1 + variant % 6);
        break;
    case PACKET_RESIGN:
    case PACKET_DRAW_OFFER:
    case PACKET_REMATCH_OFFER:
    case PACKET_SYNC_END:
        p->u.ply.ply = 0x00ABCDEFu + variant;
        break;
    case PACKET_DRAW_ANSWER:
    case PACKET_REMATCH_ANSWER:
        p->u.answer.accept = (uint8_t)((variant + 1) % 2);
        break;
    case PACKET_GAME_OVER:
        p->u.game_over.winner = (uint8_t)(variant % 3);
        p->u.game_over.reason = (uint8_t)(1 + variant % 12);
        p->u.game_over.plies = 0x01000000u + variant;
        break;
    case PACKET_CLOCK:
        p->u.clock.p1_ms = 300000u - variant;
        p->u.clock.p2_ms = 0xFEDCBA98u;
        p->u.clock.running = (uint8_t)(variant % 3);
        p->u.clock.increment_ms = 3000;
        break;
    case PACKET_CLOCK_DELAY:
        p->u.clock_delay.kind = (uint8_t)(1 + variant % 2);
        p->u.clock_delay.delay_ms = 0x00012345u + variant;
        p->u.clock_delay.left_ms = 0x00006000u * variant;
        break;
    case PACKET_SYNC_BEGIN:
        p->u.sync.plies = 0x80000001u + variant;
        break;
    case PACKET_PEER_STATUS:
        p->u.peer.seat = (uint8_t)(1 + variant % 2);
        p->u.peer.status = PACKET_PEER_DROPPED;
        p->u.peer.grace_ms = 60000;
        break;
    case PACKET_RESTARTING:
        p->u.restarting.bonus_ms = 10000u * variant;
        p->u.restarting.grace_ms = 60000;
        break;
    case PACKET_CHAT:
        p->u.chat.seat = (uint8_t)(variant % 4);
        packet_set_string(p->u.chat.text, PACKET_CHAT_SIZE, "good game! 良い対局 ♞");
        break;
    case PACKET_PING:
    case PACKET_PONG:
        p->u.ping.stamp = 0x0102030405060708ull + variant;
        break;
    case PACKET_ERROR:
        packet_make_error(p, (packet_error_code)(1 + variant % PACKET_CODE_MAX),
                          "server full (8 clients)");
        break;
    case PACKET_TAKEBACK_OFFER:
        p->u.takeback_offer.plies = (uint8_t)(1 + variant % 2);
        break;
    case PACKET_TAKEBACK_ANSWER:
        p->u.answer.accept = (uint8_t)(variant % 2);
        break;
    case PACKET_TAKEBACK:
        p->u.takeback.plies = (uint8_t)(2 - variant % 2);
        p->u.takeback.ply = 40 + variant;
        break;
    case PACKET_GIVE_TIME:
        p->u.give_time.ms = 15000 + 1000 * variant;
        break;
    case PACKET_OPENING_STATE: /* Yamaguchi, white selects among 3 */
        p->u.opening.rule = 4;
        p->u.opening.step = 5;
        p->u.opening.actor = (uint8_t)(1 + variant % 2);
        p->u.opening.area = 0xFF;
        p->u.opening.count = 3;
        p->u.opening.ply = 4;
        p->u.opening.swaps = 1;
        memset(p->u.opening.points, 0xFF, sizeof p->u.opening.points);
        for (int i = 0; i < 6; i++)
            p->u.opening.points[i] = (uint8_t)(5 + i + variant);
        break;
    case PACKET_OPENING_ACTION: /* two proposals */
        p->u.opening_action.step = 4;
        p->u.opening_action.count = 2;
        p->u.opening_action.ply = 4;
        memset(p->u.opening_action.points, 0xFF, sizeof p->u.opening_action.points);
        for (int i = 0; i < 4; i++)
            p->u.opening_action.points[i] = (uint8_t)(6 + i + variant);
        break;
    default:
        break;
    }
}

#endif
