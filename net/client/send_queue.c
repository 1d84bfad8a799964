/* send_queue.c: the bounded byte FIFO of the notifier and the sends that
 * drain it (see send_queue.h). */
#include <stdlib.h>
#include <string.h>

#include "send_queue.h"

int send_queue_init(send_queue *q, size_t cap)
{
    q->buf = malloc(cap ? cap : 1);
    q->cap = q->buf ? cap : 0;
    q->head = q->len = 0;
    return q->buf ? 0 : -1;
}

void send_queue_free(send_queue *q)
{
    free(q->buf);
    q->buf = NULL;
    q->cap = q->head = q->len = 0;
}

int send_queue_push(send_queue *q, const void *data, size_t n)
{
    const uint8_t *p = data;
    size_t tail, first;
    if (n > q->cap - q->len)
        return -1;
    tail = (q->head + q->len) % (q->cap ? q->cap : 1);
    first = q->cap - tail < n ? q->cap - tail : n;
    memcpy(q->buf + tail, p, first);
    memcpy(q->buf, p + first, n - first);
    q->len += n;
    return 0;
}

const uint8_t *send_queue_peek(const send_queue *q, size_t *n)
{
    size_t run = q->cap - q->head;
    *n = q->len < run ? q->len : run;
    return q->buf + q->head;
}

void send_queue_consume(send_queue *q, size_t n)
{
    if (n >= q->len) {
        q->head = q->len = 0;
        return;
    }
    q->head = (q->head + n) % q->cap;
    q->len -= n;
}

size_t send_queue_len(const send_queue *q)
{
    return q->len;
}

size_t send_queue_room(const send_queue *q)
{
    return q->cap - q->len;
}

void send_queue_clear(send_queue *q)
{
    q->head = q->len = 0;
}

long send_queue_send_now(sock_t s, const void *data, size_t len)
{
    const uint8_t *p = data;
    size_t sent = 0;
    while (sent < len) {
        long r = sock_send(s, p + sent, len - sent);
        if (r == SOCK_ERR_WOULD_BLOCK)
            break;
        if (r < 0)
            return r;
        sent += (size_t)r;
    }
    return (long)sent;
}

sock_err send_queue_flush(send_queue *q, sock_t s)
{
    while (q->len > 0) {
        size_t len;
        const uint8_t *p = send_queue_peek(q, &len);
        long r = send_queue_send_now(s, p, len);
        if (r < 0)
            return (sock_err)r;
        send_queue_consume(q, (size_t)r);
        if ((size_t)r < len)
            break; /* s would block */
    }
    return SOCK_OK;
}
