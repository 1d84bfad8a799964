/* local_server.c: see local_server.h. */
#include <stdio.h>
#include <string.h>

#include <SDL.h>

#include "child_proc.h"
#include "local_server.h"
#include "local_server_stop.h"

enum { SERVER_START_MS = 10000, STOP_MS = 2000, MAX_ARGS = 32 };

int local_server_start(const char *const *args, size_t n, struct child_proc **out, unsigned *port,
                       char *err, size_t cap)
{
    char path[1200], why[300], line[300];
    const char *argv[MAX_ARGS + 3], *stop_flag = local_server_stop_flag();
    *out = NULL;
    *port = 0;
    if (n > MAX_ARGS) {
        snprintf(err, cap, "too many server arguments");
        return -1;
    }
    if (child_proc_sibling("matchboard-server", "../net/server", path, sizeof path) != 0) {
        snprintf(err, cap, "matchboard-server is not installed beside matchboard");
        return -1;
    }
    argv[0] = path;
    memcpy(argv + 1, args, n * sizeof *args);
    if (stop_flag)
        argv[++n] = stop_flag;
    argv[n + 1] = NULL;
    if (child_proc_start(out, argv, NULL, NULL, why, sizeof why) != 0) {
        snprintf(err, cap, "%s", why);
        *out = NULL;
        return -1;
    }
    for (Uint32 start = SDL_GetTicks(); SDL_GetTicks() - start < SERVER_START_MS;) {
        int r = child_proc_read_line(*out, line, sizeof line);
        if (r < 0)
            break;
        if (r == 0) {
            SDL_Delay(10);
            continue;
        }
        if (strncmp(line, "listening on ", 13) == 0 && strrchr(line, ':') &&
            sscanf(strrchr(line, ':') + 1, "%u", port) == 1)
            break;
    }
    if (*port == 0 || *port > 65535) {
        char how[128];
        child_proc_exit_status(*out, 0, how, sizeof how);
        snprintf(err, cap, "the local server did not start (it %s)", how);
        local_server_stop(out);
        *port = 0;
        return -1;
    }
    return 0;
}

void local_server_stop(struct child_proc **p)
{
    if (!*p)
        return;
    local_server_ask_stop(*p);
    child_proc_stop(*p, STOP_MS);
    *p = NULL;
}

void local_server_records_dir(const char *config_path, int no_config, char *buf, size_t cap)
{
    const char *slash = strrchr(config_path, '/');
    const char *bslash = strrchr(config_path, '\\');
    if (bslash && (!slash || bslash > slash))
        slash = bslash;
    if (no_config || !config_path[0] || !slash) {
        snprintf(buf, cap, "records");
        return;
    }
    snprintf(buf, cap, "%.*s/records", (int)(slash - config_path), config_path);
}
