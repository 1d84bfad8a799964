/* test_base.c: base/'s growth helper, monotonic clock and threads. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attr.h"
#include "grow.h"
#include "mono_clock.h"
#include "tap.h"
#include "thread.h"

static void test_grow(void)
{
    int *a = NULL;
    size_t cap = 0;
    TAP_INT_EQ(mb_grow(&a, &cap, 1, sizeof *a, 16), MB_GROW_OK, "first growth");
    TAP_INT_EQ(cap, 16, "starts at the first capacity");
    TAP_OK(a != NULL, "an array");
    for (int i = 0; i < 16; i++)
        a[i] = i;
    TAP_INT_EQ(mb_grow(&a, &cap, 16, sizeof *a, 16), MB_GROW_OK, "need within capacity");
    TAP_INT_EQ(cap, 16, "no growth when it fits");
    TAP_INT_EQ(mb_grow(&a, &cap, 17, sizeof *a, 16), MB_GROW_OK, "one more");
    TAP_INT_EQ(cap, 32, "doubles");
    TAP_INT_EQ(mb_grow(&a, &cap, 200, sizeof *a, 16), MB_GROW_OK, "far more");
    TAP_INT_EQ(cap, 256, "doubles until it fits");
    a[199] = 199;
    int kept = 1;
    for (int i = 0; i < 16; i++)
        kept &= a[i] == i;
    TAP_OK(kept, "contents kept across growth");

    /* Overflow: refused, the array and capacity untouched. */
    int *before = a;
    TAP_INT_EQ(mb_grow(&a, &cap, SIZE_MAX / 2, sizeof *a, 16), MB_GROW_OVERFLOW,
               "bytes overflowing size_t refused");
    TAP_OK(a == before && cap == 256, "array and capacity unchanged after refusal");
    TAP_INT_EQ(mb_grow(&a, &cap, SIZE_MAX, 1, 16), MB_GROW_OVERFLOW,
               "a capacity that cannot double refused");
    TAP_OK(a == before && cap == 256, "unchanged again");
    TAP_INT_EQ(mb_resize(&a, SIZE_MAX / 2 + 1, 2), MB_GROW_OVERFLOW, "resize overflow refused");
    TAP_INT_EQ(mb_resize(&a, 3, sizeof *a), MB_GROW_OK, "resize down");
    TAP_INT_EQ(a[0] + a[1] + a[2], 3, "resize keeps the front");
    TAP_STR_EQ(mb_grow_strerror(MB_GROW_OVERFLOW), "size too large", "error text");
    free(a);

    char *buf = NULL;
    size_t bcap = 0;
    TAP_INT_EQ(mb_grow(&buf, &bcap, 5000, 1, 4096), MB_GROW_OK, "byte buffer");
    TAP_INT_EQ(bcap, 8192, "byte buffer doubled from its first capacity");
    free(buf);
}

static void test_clock(void)
{
    uint64_t ns = mb_now_ns(), ms = mb_now_ms(), us = mb_now_us();
    int monotonic = 1;
    uint64_t prev = mb_now_ns();
    for (int i = 0; i < 100000; i++) {
        uint64_t now = mb_now_ns();
        monotonic &= now >= prev;
        prev = now;
    }
    TAP_OK(monotonic, "nanoseconds never go back");
    TAP_OK(mb_now_us() >= us && mb_now_ms() >= ms, "microseconds and milliseconds never go back");
    mb_sleep_ms(20);
    TAP_OK(mb_now_ns() - ns >= 10000000u, "a 20 ms sleep shows on the clock");
    TAP_OK(mb_now_ms() - ms >= 10, "...in milliseconds too");
}

typedef struct job {
    mb_mutex *mu;
    mb_cond *cv;
    int ready;
    uint64_t sum;
} job;

static void sum_to_million(void *arg)
{
    job *j = arg;
    uint64_t s = 0;
    for (uint64_t i = 1; i <= 1000000; i++)
        s += i;
    j->sum = s;
    mb_mutex_lock(j->mu);
    j->ready = 1;
    mb_cond_signal(j->cv);
    mb_mutex_unlock(j->mu);
}

static void test_thread(void)
{
    job j = {mb_mutex_create(), mb_cond_create(), 0, 0};
    mb_thread *t = NULL;
    TAP_OK(j.mu && j.cv, "mutex and condition created");
    TAP_INT_EQ(mb_thread_start(&t, sum_to_million, &j), 0, "thread started");
    mb_mutex_lock(j.mu);
    while (!j.ready)
        mb_cond_wait(j.cv, j.mu);
    int timed_out = 0;
    for (int i = 0; i < 1000 && !timed_out; i++) /* a wake-up may be spurious */
        timed_out = mb_cond_wait_ms(j.cv, j.mu, 1) == 1;
    TAP_OK(timed_out, "a timed wait nobody signals times out");
    mb_mutex_unlock(j.mu);
    mb_thread_join(t);
    TAP_INT_EQ(j.sum, 500000500000ull, "the thread's result, seen after join");
    mb_cond_destroy(j.cv);
    mb_mutex_destroy(j.mu);
}

static int MB_PRINTF(1, 2) formatted(const char *fmt, ...)
{
    char buf[32];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    test_grow();
    test_clock();
    test_thread();
    TAP_INT_EQ(formatted("%zu", (size_t)12345), 5, "MB_PRINTF's function formats %%zu");
    return tap_done();
}
