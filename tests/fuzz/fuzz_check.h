/* fuzz_check.h: what every fuzz target shares: the libFuzzer entry point
 * and CHECK, which aborts on a broken invariant (libFuzzer reports the
 * abort as a crash and keeps the input; the corpus replay test fails). */
#ifndef MATCHBOARD_FUZZ_CHECK_H
#define MATCHBOARD_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
