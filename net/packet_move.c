/* packet_move.c: the MOVE fast path of the codec. MOVE is the one packet
 * a server relays many times a second (issue 20): the walk of the field
 * tables (packet.c) costs hundreds of instructions for its 16 bytes, this
 * a few dozen. It takes only a valid MOVE and leaves everything else to
 * the walk, so the walk stays the one place that refuses a packet and says
 * why; the layout below is move_fields' (packet.c) and check_move's, and
 * test_packet_move proves the two paths give the same bytes, packets and
 * errors, so a change to one that the other misses fails there. */
#include <string.h>

#include "packet_internal.h"

enum { MOVE_SIZE = 16 }; /* move_desc's size: header, ply, 5 bytes, 3 reserved */

/* move_fields' ranges with check_move: "to" below the coordinate limit,
 * a promotion of 0..4; a Gomoku "from" (0xFF, 0xFF) with no promotion, or
 * a chess "from" below the limit. */
static int move_ok(unsigned fx, unsigned fy, unsigned tx, unsigned ty, unsigned promotion)
{
    if (tx >= PACKET_COORD_LIMIT || ty >= PACKET_COORD_LIMIT || promotion > 4)
        return 0;
    if (fx == PACKET_NO_SQUARE && fy == PACKET_NO_SQUARE)
        return promotion == 0;
    return fx < PACKET_COORD_LIMIT && fy < PACKET_COORD_LIMIT;
}

int packet_move_decode_fast(const uint8_t *b, size_t len, packet *out)
{
    if (len != MOVE_SIZE || b[0] != 0 || b[1] != MOVE_SIZE || b[2] != PACKET_MOVE || b[3] != 0 ||
        (b[13] | b[14] | b[15]) != 0 || !move_ok(b[8], b[9], b[10], b[11], b[12]))
        return 0;
    memset(out, 0, sizeof *out);
    out->type = PACKET_MOVE;
    out->u.move.ply = (uint32_t)b[4] << 24 | (uint32_t)b[5] << 16 | (uint32_t)b[6] << 8 | b[7];
    out->u.move.from_x = b[8];
    out->u.move.from_y = b[9];
    out->u.move.to_x = b[10];
    out->u.move.to_y = b[11];
    out->u.move.promotion = b[12];
    return 1;
}

int packet_move_encode_fast(const packet *p, uint8_t *out, size_t cap)
{
    const packet_move *m = &p->u.move;
    if (p->type != PACKET_MOVE || cap < MOVE_SIZE ||
        !move_ok(m->from_x, m->from_y, m->to_x, m->to_y, m->promotion))
        return 0;
    out[0] = 0;
    out[1] = MOVE_SIZE;
    out[2] = PACKET_MOVE;
    out[3] = 0;
    out[4] = (uint8_t)(m->ply >> 24);
    out[5] = (uint8_t)(m->ply >> 16);
    out[6] = (uint8_t)(m->ply >> 8);
    out[7] = (uint8_t)m->ply;
    out[8] = m->from_x;
    out[9] = m->from_y;
    out[10] = m->to_x;
    out[11] = m->to_y;
    out[12] = m->promotion;
    out[13] = out[14] = out[15] = 0;
    return MOVE_SIZE;
}
