/* tplay.c: see tplay.h. */
#include <stdio.h>
#include <string.h>

#include "mono_clock.h"
#include "proc.h"
#include "tplay.h"

int tp_welcome(tclient *c, int seat, uint32_t *match_id, uint8_t *token)
{
    packet p;
    if (tc_expect(c, PACKET_WELCOME, &p, TP_WAIT) != 0 || p.u.welcome.seat != seat)
        return 0;
    if (match_id)
        *match_id = p.u.welcome.match_id;
    if (token)
        memcpy(token, p.u.welcome.token, PACKET_TOKEN_SIZE);
    return 1;
}

int tp_got_move(tclient *c, uint32_t ply, int x, int y)
{
    packet p;
    return tc_expect(c, PACKET_MOVE, &p, TP_WAIT) == 0 && p.u.move.ply == ply &&
           p.u.move.to_x == x && p.u.move.to_y == y;
}

int tp_seat_pair(tclient *a, tclient *b, uint16_t port, const char *name_a, const char *name_b,
                 uint32_t *match_id, uint8_t *token_a, uint8_t *token_b)
{
    uint32_t ma = 0, mb = 0;
    if (tc_connect(a, port) != 0)
        return 0;
    tc_hello(a, name_a, PACKET_WANT_PLAY, NULL);
    if (!tp_welcome(a, 1, &ma, token_a) || tc_connect(b, port) != 0)
        return 0;
    tc_hello(b, name_b, PACKET_WANT_PLAY, NULL);
    if (!tp_welcome(b, 2, &mb, token_b) || ma != mb)
        return 0;
    if (tc_expect(a, PACKET_START, NULL, TP_WAIT) != 0 ||
        tc_expect(b, PACKET_START, NULL, TP_WAIT) != 0)
        return 0;
    if (match_id)
        *match_id = ma;
    return 1;
}

long tp_stone_round_trip(tclient *mover, tclient *other, uint32_t ply, int x, int y)
{
    uint64_t t0 = mb_now_ms(), t1;
    if (tc_stone(mover, ply, x, y) != 0 || !tp_got_move(mover, ply, x, y))
        return -1;
    t1 = mb_now_ms();
    if (!tp_got_move(other, ply, x, y))
        return -1;
    return (long)(t1 - t0);
}

void tp_token_hex(char *out, const uint8_t *token)
{
    for (int i = 0; i < PACKET_TOKEN_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", token[i]);
}

int tp_token_parse(const char *hex, uint8_t *token)
{
    for (int i = 0; i < PACKET_TOKEN_SIZE; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1)
            return -1;
        token[i] = (uint8_t)v;
    }
    return 0;
}

int tp_resume(tclient *c, uint16_t port, const char *name, const uint8_t *tok, int seat,
              uint32_t match_id, const game_move *moves, uint32_t n)
{
    packet p;
    uint32_t id = 0;
    if (tc_connect(c, port) != 0)
        return 0;
    tc_hello(c, name, PACKET_WANT_PLAY, tok);
    if (!tp_welcome(c, seat, &id, NULL) || id != match_id ||
        tc_expect(c, PACKET_START, NULL, TP_WAIT) != 0 ||
        tc_expect(c, PACKET_SYNC_BEGIN, &p, TP_WAIT) != 0 || p.u.sync.plies != n)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (!tp_got_move(c, i, moves[i].to_x, moves[i].to_y))
            return 0;
    return tc_expect(c, PACKET_SYNC_END, NULL, TP_WAIT) == 0;
}
