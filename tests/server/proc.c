/* proc.c: the platform-free part of proc.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "mono_clock.h"
#include "proc.h"

/* The processes started and not yet waited for (proc_stop_all). */
static proc **live;
static size_t n_live, cap_live;

void proc_track_(proc *p)
{
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    if (mb_grow(&live, &cap_live, n_live + 1, sizeof *live, 16) != 0)
        return; /* untracked: proc_stop_all cannot stop it */
    live[n_live++] = p;
}

void proc_sleep_ms(int ms)
{
    mb_sleep_ms(ms > 0 ? (unsigned)ms : 0u);
}

void proc_untrack_(proc *p)
{
    for (size_t i = 0; i < n_live; i++)
        if (live[i] == p) {
            live[i] = live[--n_live];
            return;
        }
}

int proc_stop_all(void)
{
    int n = 0;
    while (n_live > 0) {
        proc_wait(live[n_live - 1], 0); /* untracks it */
        n++;
    }
    free(live);
    live = NULL;
    cap_live = 0;
    return n;
}

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
