/* packet_stream.h: per-connection reassembly of a TCP byte stream into
 * whole packets. TCP may deliver a packet in pieces or several at once;
 * bytes go in with packet_stream_feed (or straight into the buffer with
 * packet_stream_space/packet_stream_commit), whole packets come out of
 * packet_stream_next. The first bad packet stops the stream for good: its
 * error is returned from then on and nothing after it is handed out (no
 * guessing at resynchronisation: the connection is to be closed).
 *
 * The buffer holds two largest packets, so once packet_stream_next has
 * answered PACKET_ERR_NEED_MORE there is always room for more bytes.
 */
#ifndef MATCHBOARD_PACKET_STREAM_H
#define MATCHBOARD_PACKET_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

#define PACKET_STREAM_CAP (2 * PACKET_MAX_SIZE)

typedef struct packet_stream {
    uint8_t buf[PACKET_STREAM_CAP];
    size_t start, len;  /* unread bytes are buf[start .. start+len) */
    packet_error error; /* sticky once a bad packet was seen */
} packet_stream;

/* An empty stream with no error. */
void packet_stream_init(packet_stream *s);

/* Copies up to n bytes in; returns how many were taken (less than n only
 * when the buffer is full: call packet_stream_next, then feed the rest).
 * Once the stream has failed it takes nothing and returns 0. */
size_t packet_stream_feed(packet_stream *s, const uint8_t *data, size_t n);

/* Free room for a direct recv(): *room bytes may be written at the result,
 * then packet_stream_commit(n) says how many were (n above the room is cut
 * to it). Once the stream has failed: NULL and *room = 0, and commit does
 * nothing; do not recv() into it. */
uint8_t *packet_stream_space(packet_stream *s, size_t *room);
void packet_stream_commit(packet_stream *s, size_t n);

/* The next whole packet: PACKET_OK and *out; PACKET_ERR_NEED_MORE when no
 * whole packet is buffered; otherwise the (sticky) error of a bad packet. A
 * bad header fails at once, without waiting for the body it announces.
 * *out is meaningful only with PACKET_OK. */
packet_error packet_stream_next(packet_stream *s, packet *out);

/* Bytes buffered but not yet handed out (after an error: from the bad
 * packet on). */
size_t packet_stream_pending(const packet_stream *s);

#endif
