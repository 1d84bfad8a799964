/* proc.c: the platform-free part of proc.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"

uint16_t proc_start_server(proc **out, const char *exe, const char *const *args, const char *env)
{
    char line[256];
    const char *colon;
    long port;
    *out = NULL;
    if (proc_start(out, exe, args, env) != 0)
        return 0;
    if (proc_read_line(*out, line, sizeof line, 20000) != 0 ||
        strncmp(line, "listening on ", 13) != 0 || !(colon = strrchr(line, ':'))) {
        fprintf(stderr, "# server did not say it was listening\n");
        proc_wait(*out, 0);
        *out = NULL;
        return 0;
    }
    port = strtol(colon + 1, NULL, 10);
    if (port <= 0 || port > 65535) {
        proc_wait(*out, 0);
        *out = NULL;
        return 0;
    }
    return (uint16_t)port;
}
