/* send_queue.h: a bounded FIFO of bytes waiting for the socket to take
 * them. A send that would block leaves its rest here; the notifier flushes
 * it, oldest byte first, when the socket is writable again. Nothing is lost
 * or reordered: a push that does not fit takes nothing. */
#ifndef MATCHBOARD_SEND_QUEUE_H
#define MATCHBOARD_SEND_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

typedef struct send_queue {
    uint8_t *buf;
    size_t cap, head, len; /* bytes buf[head .. head+len) modulo cap */
} send_queue;

/* A queue of cap bytes; 0 on success, -1 without memory. */
int send_queue_init(send_queue *q, size_t cap);
void send_queue_free(send_queue *q);

/* Appends all n bytes, or nothing (returns -1) when they do not fit. */
int send_queue_push(send_queue *q, const void *data, size_t n);

/* The oldest queued bytes as one contiguous run: *n bytes at the result
 * (the run may stop at the wrap point; call again after consuming). */
const uint8_t *send_queue_peek(const send_queue *q, size_t *n);
/* Drops the n oldest bytes. */
void send_queue_consume(send_queue *q, size_t n);

size_t send_queue_len(const send_queue *q);
size_t send_queue_room(const send_queue *q);
void send_queue_clear(send_queue *q);

/* Sends data to the non-blocking socket s until all len bytes are sent or
 * s would block: the count sent (maybe 0), or a negative sock_err when the
 * connection broke. For a send with nothing queued before it. */
long send_queue_send_now(sock_t s, const void *data, size_t len);
/* Sends the queued bytes to s, oldest first, until the queue is empty or s
 * would block; what s took leaves the queue. SOCK_OK (bytes may be left),
 * or the broken connection's error. */
sock_err send_queue_flush(send_queue *q, sock_t s);

#endif
