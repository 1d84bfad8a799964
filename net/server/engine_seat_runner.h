/* engine_seat_runner.h: matchboard-server --engine-seat CMD: one engine
 * kept seated in the lobby, as a matchboard-bot --seat --engine CMD child
 * that connects to this server like a player, with the seat key (read on
 * its stdin) in its HELLO, and stays for game after game; seat_keeper.h
 * decides when it comes back after it ended. A thread of its own waits for
 * the child, so the server's loops never block on it. */
#ifndef MATCHBOARD_ENGINE_SEAT_RUNNER_H
#define MATCHBOARD_ENGINE_SEAT_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "server_logic.h"

typedef struct engine_seat_runner engine_seat_runner;

/* Starts keeping the engine CMD seated on the server listening at
 * address ("HOST:PORT" as server_address says; a wildcard host means the
 * loopback), its bot saying HELLO with key (match_config.seat_key). The
 * bot is found beside this program (or in the build folder's
 * net/client/). 0, or -1 with err. */
int engine_seat_runner_start(engine_seat_runner **out, const char *engine_cmd, const char *address,
                             const uint8_t key[PACKET_TOKEN_SIZE], log_level level, char *err,
                             size_t cap);
/* Stops the bot and the thread; frees r. */
void engine_seat_runner_stop(engine_seat_runner *r);

#endif
