/* relay_start.c: the bare relays' command line and listener. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relay_start.h"

int relay_start(int argc, char **argv, const char *name, int *echo, sock_t *listener)
{
    uint16_t port = 0;
    sock_addr a;
    size_t n;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = (uint16_t)atoi(argv[++i]);
        else if (strcmp(argv[i], "--echo") == 0)
            *echo = 1;
        else {
            fprintf(stderr, "usage: %s [--port N] [--echo]\n", name);
            return 2;
        }
    }
    sock_startup();
    if (sock_resolve("127.0.0.1", port, 1, &a, 1, &n) != SOCK_OK ||
        sock_listen(&a, 4096, listener) != SOCK_OK || sock_local_addr(*listener, &a) != SOCK_OK) {
        fprintf(stderr, "%s: cannot listen\n", name);
        return 1;
    }
    printf("listening on 127.0.0.1:%u\n", (unsigned)sock_addr_port(&a));
    fflush(stdout);
    return 0;
}
