/* relay_start.h: what the two bare relays (bare_relay_posix.c,
 * bare_relay_uring.c) share: their command line and their listener. */
#ifndef MATCHBOARD_RELAY_START_H
#define MATCHBOARD_RELAY_START_H

#include "sock.h"

/* Parses "[--port N] [--echo]" (*echo set with --echo; one cli.h table),
 * listens on 127.0.0.1 and prints "listening on 127.0.0.1:PORT". 0 with
 * *listener set, -1 after printing --help, or the exit status for main
 * (2: bad usage, 1: cannot listen). */
int relay_start(int argc, char **argv, const char *name, int *echo, sock_t *listener);

#endif
