/* evloop_uring_ring.c: the io_uring backend's ring and its provided
 * receive buffers (evloop_uring_ring.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "evloop_uring_ring.h"

/* 256 buffers of 512 bytes: 128 KiB a loop, enough for the receives of a
 * flat-out turn (a packet is at most 256 bytes; a bigger read takes two).
 * Power of two. */
#define BUF_COUNT 256
#define BUF_SIZE  512

int uring_bufs_open(uring_bufs *b, struct io_uring *ring)
{
    struct io_uring_buf_reg reg;
    int r;
    memset(b, 0, sizeof *b);
    if (posix_memalign((void **)&b->br, 4096, BUF_COUNT * sizeof(struct io_uring_buf)) != 0) {
        b->br = NULL;
        return -ENOMEM;
    }
    if (!(b->mem = malloc((size_t)BUF_COUNT * BUF_SIZE))) {
        uring_bufs_free(b);
        return -ENOMEM;
    }
    memset(&reg, 0, sizeof reg);
    reg.ring_addr = (uint64_t)(uintptr_t)b->br;
    reg.ring_entries = BUF_COUNT;
    reg.bgid = URING_BUF_GROUP;
    if ((r = io_uring_register_buf_ring(ring, &reg, 0)) < 0) {
        uring_bufs_free(b);
        return r;
    }
    io_uring_buf_ring_init(b->br);
    for (unsigned i = 0; i < BUF_COUNT; i++)
        uring_bufs_give(b, i);
    return 0;
}

void uring_bufs_free(uring_bufs *b)
{
    free(b->mem);
    free(b->br);
    b->mem = NULL;
    b->br = NULL;
}

const uint8_t *uring_bufs_data(const uring_bufs *b, unsigned bid)
{
    return b->mem + (size_t)bid * BUF_SIZE;
}

void uring_bufs_give(uring_bufs *b, unsigned bid)
{
    io_uring_buf_ring_add(b->br, b->mem + (size_t)bid * BUF_SIZE, BUF_SIZE, (unsigned short)bid,
                          io_uring_buf_ring_mask(BUF_COUNT), 0);
    io_uring_buf_ring_advance(b->br, 1);
}
