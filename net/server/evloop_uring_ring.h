/* evloop_uring_ring.h: the provided-buffer ring the io_uring backend's
 * multishot receives draw from (private to evloop_uring*.c; the ring
 * itself is made by evloop_uring_setup.c). */
#ifndef MATCHBOARD_EVLOOP_URING_RING_H
#define MATCHBOARD_EVLOOP_URING_RING_H

#include <liburing.h>
#include <stdint.h>

#define URING_BUF_GROUP 0 /* the receives' buffer group */

/* The receive buffers: the kernel takes one per completion from the ring
 * and the loop gives it back as soon as it has copied the bytes out, so
 * a loop needs about as many as completions in one turn, not one per
 * connection. */
typedef struct uring_bufs {
    struct io_uring_buf_ring *br;
    uint8_t *mem;
} uring_bufs;

/* Allocates the receive buffers, registers them with the ring as buffer
 * group URING_BUF_GROUP and gives the kernel all of them. 0, or -errno
 * (-ENOMEM: out of memory; else the kernel has no buffer rings). */
int uring_bufs_open(uring_bufs *b, struct io_uring *ring);
/* Frees them (after io_uring_queue_exit). */
void uring_bufs_free(uring_bufs *b);
/* The bytes of buffer bid, as a completion names it. */
const uint8_t *uring_bufs_data(const uring_bufs *b, unsigned bid);
/* Gives buffer bid back to the kernel. */
void uring_bufs_give(uring_bufs *b, unsigned bid);

#endif
