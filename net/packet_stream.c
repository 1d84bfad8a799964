/* packet_stream.c: reassembly of a byte stream into whole packets, in a
 * fixed buffer of PACKET_STREAM_CAP bytes. Unread bytes are moved to the
 * front only when the free room at the end runs short. */
#include <string.h>

#include "packet_stream.h"

/* The buffer always has room for the largest packet after a partial one, so
 * a stream that next() answered NEED_MORE can always take more bytes. */
/* NOLINTNEXTLINE(misc-redundant-expression): two constants, compared */
_Static_assert(PACKET_STREAM_CAP >= 2 * PACKET_MAX_SIZE, "reassembly buffer too small");

void packet_stream_init(packet_stream *s)
{
    s->start = 0;
    s->len = 0;
    s->error = PACKET_OK;
}

/* Moves the unread bytes to the front of the buffer. */
static void compact(packet_stream *s)
{
    if (s->start > 0) {
        if (s->len > 0)
            memmove(s->buf, s->buf + s->start, s->len);
        s->start = 0;
    }
}

uint8_t *packet_stream_space(packet_stream *s, size_t *room)
{
    if (s->error != PACKET_OK) {
        *room = 0;
        return NULL;
    }
    compact(s);
    *room = PACKET_STREAM_CAP - s->len;
    return s->buf + s->len;
}

void packet_stream_commit(packet_stream *s, size_t n)
{
    size_t room = PACKET_STREAM_CAP - s->start - s->len;
    if (s->error != PACKET_OK)
        return;
    s->len += n < room ? n : room;
}

size_t packet_stream_feed(packet_stream *s, const uint8_t *data, size_t n)
{
    size_t room;
    uint8_t *dst = packet_stream_space(s, &room);
    if (n > room)
        n = room;
    if (n > 0) {
        memcpy(dst, data, n);
        s->len += n;
    }
    return n;
}

packet_error packet_stream_next(packet_stream *s, packet *out)
{
    const uint8_t *p = s->buf + s->start;
    size_t size;
    packet_error e;

    if (s->error != PACKET_OK)
        return s->error;
    if (s->len < PACKET_HEADER_SIZE)
        return PACKET_ERR_NEED_MORE;
    /* A bad header is an error at once: no use waiting for its body. */
    e = packet_peek_header(p, &size);
    if (e == PACKET_OK) {
        if (s->len < size)
            return PACKET_ERR_NEED_MORE;
        e = packet_decode(p, size, out);
    }
    if (e != PACKET_OK) {
        s->error = e;
        return e;
    }
    s->start += size;
    s->len -= size;
    if (s->len == 0)
        s->start = 0;
    return PACKET_OK;
}

size_t packet_stream_pending(const packet_stream *s)
{
    return s->len;
}
