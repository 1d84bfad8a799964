/* test_send_queue.c: the notifier's bounded send queue keeps every byte in
 * order across wrap-arounds and refuses what does not fit whole; its sends
 * to a real loopback socket stop where the socket would block and report
 * a broken connection. */
#include <string.h>

#include "send_queue.h"
#include "tap.h"

/* A connected loopback pair: *a non-blocking (the sender), *b the peer. */
static int loopback_pair(sock_t *a, sock_t *b)
{
    sock_addr at, bound;
    sock_t l;
    size_t n;
    int ok = sock_resolve("127.0.0.1", 0, 1, &at, 1, &n) == SOCK_OK &&
             sock_listen(&at, 1, &l) == SOCK_OK;
    if (!ok)
        return 0;
    ok = sock_local_addr(l, &bound) == SOCK_OK && sock_connect(&bound, 0, a) == SOCK_OK &&
         sock_wait(l, 0, 5000) == SOCK_OK && sock_accept(l, b, NULL) == SOCK_OK &&
         sock_set_nonblocking(*a, 1) == SOCK_OK;
    sock_close(l);
    return ok;
}

/* Reads exactly n bytes from s (blocking waits of up to 5 s each). */
static size_t read_all(sock_t s, uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n && sock_wait(s, 0, 5000) == SOCK_OK) {
        long r = sock_recv(s, buf + got, n - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

static void test_sends(void)
{
    static uint8_t big[16u << 20]; /* more than loopback buffers hold */
    uint8_t got[50];
    send_queue q;
    sock_t a, b;
    long r = 0;
    if (!TAP_OK(loopback_pair(&a, &b), "a loopback connection"))
        return;
    send_queue_init(&q, 64);
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7);
    /* 50 bytes from ring offset 30: they wrap around its end at 64. */
    send_queue_push(&q, big, 40);
    send_queue_consume(&q, 30);
    send_queue_push(&q, big, 40);
    TAP_INT_EQ(send_queue_flush(&q, a), SOCK_OK, "flush: the socket takes a wrapped queue");
    TAP_INT_EQ(send_queue_len(&q), 0, "flush: and the queue is empty");
    TAP_INT_EQ(read_all(b, got, 50), 50, "flush: the peer gets 50 bytes");
    TAP_OK(memcmp(got, big + 30, 10) == 0 && memcmp(got + 10, big, 40) == 0, "flush: in order");

    /* A peer that does not read: the sends stop where the socket is full. */
    r = send_queue_send_now(a, big, sizeof big);
    TAP_OK(r > 0 && (size_t)r < sizeof big, "send_now: stops when the socket would block (%ld)", r);
    send_queue_push(&q, big, 30);
    TAP_INT_EQ(send_queue_flush(&q, a), SOCK_OK, "flush into a full socket is no error");
    TAP_INT_EQ(send_queue_len(&q), 30, "and keeps its bytes");

    /* The peer closes with data unread (a reset): the sends say so. */
    sock_close(b);
    for (int tries = 0; tries < 50 && r >= 0; tries++) {
        sock_wait(a, 1, 100);
        r = send_queue_send_now(a, big, 1000);
    }
    TAP_INT_EQ(r, SOCK_ERR_RESET, "send_now: a reset connection is an error");
    TAP_INT_EQ(send_queue_flush(&q, a), SOCK_ERR_RESET, "flush: the same error");
    TAP_INT_EQ(send_queue_len(&q), 30, "and the queue keeps its bytes");
    sock_close(a);
    send_queue_free(&q);
}

int main(void)
{
    send_queue q;
    uint8_t in[100], out[400];
    size_t got = 0, n;
    unsigned next = 0, expect = 0;
    int order_ok = 1;
    TAP_INT_EQ(send_queue_init(&q, 64), 0, "a queue of 64 bytes");
    for (int i = 0; i < 100; i++)
        in[i] = (uint8_t)i;
    TAP_INT_EQ(send_queue_push(&q, in, 65), -1, "65 bytes do not fit");
    TAP_INT_EQ(send_queue_len(&q), 0, "and nothing was taken");
    TAP_INT_EQ(send_queue_push(&q, in, 64), 0, "64 bytes fit");
    TAP_INT_EQ(send_queue_push(&q, in, 1), -1, "a full queue takes no more");
    send_queue_clear(&q);

    /* Push and drain in odd sizes so the ring wraps many times. */
    for (int round = 0; round < 200; round++) {
        uint8_t chunk[23];
        size_t k = (size_t)(round % 23) + 1;
        for (size_t i = 0; i < k; i++)
            chunk[i] = (uint8_t)(next + i);
        if (send_queue_push(&q, chunk, k) == 0)
            next += (unsigned)k;
        while (send_queue_len(&q) > (size_t)(round % 40)) {
            const uint8_t *p = send_queue_peek(&q, &n);
            size_t take = n > 7 ? 7 : n;
            for (size_t i = 0; i < take; i++)
                if (p[i] != (uint8_t)expect++)
                    order_ok = 0;
            send_queue_consume(&q, take);
        }
    }
    while (send_queue_len(&q)) {
        const uint8_t *p = send_queue_peek(&q, &n);
        for (size_t i = 0; i < n; i++)
            if (p[i] != (uint8_t)expect++)
                order_ok = 0;
        send_queue_consume(&q, n);
    }
    TAP_OK(order_ok, "every byte comes out once, in order, across wrap-arounds");
    TAP_INT_EQ(expect, next, "all %u bytes pushed came out", next);
    TAP_INT_EQ(send_queue_room(&q), 64, "empty again");
    (void)out;
    (void)got;
    send_queue_free(&q);

    if (TAP_OK(sock_startup() == SOCK_OK, "the socket layer starts")) {
        test_sends();
        sock_cleanup();
    }
    return tap_done();
}
