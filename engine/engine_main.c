/* engine_main.c: matchboard-engine, a Gomoku/Renju brain for the Gomocup
 * protocol on stdin and stdout (docs/engine.md). */
#include "brain.h"
#include "brain_io.h"
#include "gomocup.h"
#include "mb_config.h"

#include <stdio.h>
#include <string.h>

static void write_line(void *ctx, const char *line)
{
    (void)ctx;
    brain_io_write_line(line);
}

static void usage(FILE *f)
{
    fputs("usage: matchboard-engine [--messages]\n"
          "A Gomoku/Renju engine speaking the Gomocup (pbrain) protocol on stdin/stdout.\n"
          "  --messages   send a MESSAGE line about each search before the move\n"
          "  --version    print the version\n",
          f);
}

int main(int argc, char **argv)
{
    char line[GOMOCUP_MAX_LINE];
    int messages = 0;
    brain *b;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--messages") == 0) {
            messages = 1;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("matchboard-engine %s\n", MATCHBOARD_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "matchboard-engine: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    brain_io_init();
    b = brain_new(messages);
    if (!b) {
        fputs("matchboard-engine: out of memory\n", stderr);
        return 1;
    }
    while (brain_io_read_line(line, sizeof line) == 0)
        if (brain_line(b, line, write_line, NULL))
            break;
    brain_free(b);
    return 0;
}
