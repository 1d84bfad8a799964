/* seat_keeper.h: when the server's engine seat (--engine-seat) starts its
 * bot again, as a pure state machine (no process, no clock).
 *
 * The seat is a matchboard-bot --seat child that stays connected from game
 * to game (the lobby and the match host hand its seat over between games,
 * docs/server.md); it ends only when something fails. A bot that ends well
 * (status 0) is started again at once; one that fails soon after its start (a
 * wrong engine command, an engine that crashes) is started again after a
 * delay that doubles each time, up to a minute, so a broken engine cannot
 * spin the server's CPU.
 */
#ifndef MATCHBOARD_SEAT_KEEPER_H
#define MATCHBOARD_SEAT_KEEPER_H

#include <stdint.h>

enum {
    SEAT_KEEPER_AGAIN_MS = 200,   /* after a game played */
    SEAT_KEEPER_QUICK_MS = 10000, /* a failure sooner than this counts as quick */
    SEAT_KEEPER_FIRST_DELAY_MS = 1000,
    SEAT_KEEPER_MAX_DELAY_MS = 60000,
};

typedef struct seat_keeper {
    int running;          /* the bot is running */
    uint64_t started_at;  /* when it was started */
    uint64_t next_start;  /* when to start it again */
    unsigned quick_fails; /* failures in a row, each soon after its start */
    uint64_t games;       /* bots that ended well */
} seat_keeper;

/* A keeper that wants the bot started at once (now). */
void seat_keeper_init(seat_keeper *k, uint64_t now);
/* 1 when the bot should be started now. */
int seat_keeper_due(const seat_keeper *k, uint64_t now);
/* Milliseconds until the bot should start (0: now), or -1 while it runs. */
int64_t seat_keeper_wait_ms(const seat_keeper *k, uint64_t now);
/* The bot was started (or failed to start: then call seat_keeper_ended
 * with a non-zero status right after). */
void seat_keeper_started(seat_keeper *k, uint64_t now);
/* The bot ended with status (0: it played its game). Returns the delay
 * before it starts again. */
uint64_t seat_keeper_ended(seat_keeper *k, int status, uint64_t now);

#endif
