/* replay.c: runs fuzz inputs through a target's LLVMFuzzerTestOneInput
 * without libFuzzer, one TAP line per file, so every compiler (gcc, mingw
 * under Wine) replays the seed corpus as a plain test. A broken invariant
 * aborts inside the target and fails the test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (1u << 20)

int main(int argc, char **argv)
{
    static uint8_t buf[MAX_INPUT];
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        size_t n = 0;
        int whole = 0;
        if (f) {
            n = fread(buf, 1, sizeof buf, f);
            whole = !ferror(f) && feof(f);
            fclose(f);
        }
        if (TAP_OK(f && whole, "read %s (%zu bytes)", argv[i], n))
            TAP_OK(LLVMFuzzerTestOneInput(buf, n) == 0, "replay %s", argv[i]);
    }
    TAP_OK(argc > 1, "at least one input given");
    return tap_done();
}
