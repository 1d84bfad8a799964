/* test_send_queue.c: the notifier's bounded send queue keeps every byte in
 * order across wrap-arounds and refuses what does not fit whole. */
#include <string.h>

#include "send_queue.h"
#include "tap.h"

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
    return tap_done();
}
