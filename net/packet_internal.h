/* packet_internal.h: the codec's two paths, private to net/ and its tests.
 * packet_encode and packet_decode (packet.h) take a valid MOVE through its
 * fast path (packet_move.c) and every other packet, and every MOVE the
 * fast path does not take, through the walk of the field tables
 * (packet.c), which alone says why a packet is refused. test_packet_move
 * proves the two give the same bytes, packets and errors for MOVEs. */
#ifndef MATCHBOARD_PACKET_INTERNAL_H
#define MATCHBOARD_PACKET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

/* packet_encode and packet_decode by the walk of the field tables alone. */
int packet_encode_walk(const packet *p, uint8_t *out, size_t cap);
packet_error packet_decode_walk(const uint8_t *buf, size_t len, packet *out);

/* A valid MOVE of exactly len bytes into out: 1; 0 (out untouched) for
 * anything else, which the walk then decodes or refuses. */
int packet_move_decode_fast(const uint8_t *buf, size_t len, packet *out);

/* p, a valid MOVE, into out: its size; 0 (out untouched) for anything
 * else (another type, a value out of range, cap too small). */
int packet_move_encode_fast(const packet *p, uint8_t *out, size_t cap);

#endif
