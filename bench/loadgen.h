/* loadgen.h: the load generator's engine (bench only, also used by the
 * load tests).
 *
 * One thread drives many connections through one poller: against a
 * matchboard server it says HELLO, plays every match it is seated in with
 * a scripted Gomoku game that fills the whole board without five in a row
 * (a draw by a full board), offers and accepts rematches, and checks every
 * packet it gets back; against the bare relay (bench/bare_relay_posix.c) it
 * pairs connections in connection order and sends the same MOVE packets.
 * It measures moves relayed per second and the latency of each move from
 * the mover's send to the opponent's receipt.
 */
#ifndef MATCHBOARD_LOADGEN_H
#define MATCHBOARD_LOADGEN_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"

#define LG_MAX_SIZE 25

typedef enum lg_target {
    LG_SERVER = 0, /* matchboard-server: HELLO, WELCOME, START, checked moves, rematches */
    LG_RELAY = 1,  /* bare relay: pairs in connection order, raw MOVE packets */
} lg_target;

/* A game the generator saw to its end (server target). */
typedef struct lg_game {
    uint32_t match_id, game_no;
    char player1[24], player2[24]; /* the names it gave, Player1 first */
    uint32_t plies;
    uint8_t winner, reason; /* as GAME_OVER said */
} lg_game;

typedef struct lg_config {
    lg_target target;
    const char *host; /* "127.0.0.1" */
    uint16_t port;
    int matches;        /* M matches at once: 2M connections */
    double pace;        /* moves per second per match; 0: flat out */
    double seconds;     /* measure this long once every match started (0: see games) */
    int games;          /* with seconds 0: play this many games per match, then close */
    double warmup;      /* seconds after the start before measuring (seconds mode) */
    int connect_window; /* connections being set up at once */
    int board;          /* board size for the relay (the server's comes in WELCOME) */
    double timeout;     /* give up after this many seconds in all */
    long server_pid;    /* >0: read its memory and CPU time (Linux /proc) */
    /* Called for every game seen to its end (may be NULL). */
    void (*on_game)(void *ctx, const lg_game *g);
    void *ctx;
} lg_config;

/* Latency percentiles of a set of samples, in microseconds. */
typedef struct lg_latency {
    size_t n;
    double p50, p99, p999, max;
} lg_latency;

typedef struct lg_result {
    double seconds; /* the measured window */
    uint64_t moves; /* moves relayed to the opponent in the window */
    double moves_per_s;
    lg_latency lat;      /* mover's send to opponent's receipt */
    size_t conns_held;   /* connections open and seated at the peak */
    uint64_t games_done; /* games seen to their end */
    uint64_t late;       /* paced moves sent late (the previous one was still in flight) */
    uint64_t errors;     /* rejects, errors, mismatches, drops */
    char first_error[200];
    /* The server's process (known 0 when it cannot be read). */
    int proc_known;
    double cpu_s; /* user + system CPU seconds in the window */
    double cpu_user_s, cpu_sys_s;
    uint64_t rss_idle_kib; /* before the first connection */
    uint64_t rss_full_kib; /* with every connection seated */
    uint64_t hwm_kib;      /* peak resident, at the end */
    /* The kernel, system-wide: growth from before connecting to all seated. */
    int kernel_known;
    int64_t kernel_slab_kib, kernel_tcp_kib;
} lg_result;

/* The scripted game on a size x size board: fills moves[0 .. size*size)
 * (black's and white's stones alternately) so that the board fills up with
 * no five (or more) in a row for either side. Returns the number of plies,
 * or -1 when size is out of range. */
int lg_draw_pattern(int size, game_move *moves);

/* Checks the pattern with the rules module: every move legal, no result
 * before the last, the last ends in a draw by a full board. 0 when so. */
int lg_check_pattern(int size);

/* Runs one load phase. 0 when it ran (look at r->errors), -1 when it could
 * not start; r->first_error says why. */
int lg_run(const lg_config *cfg, lg_result *r);

/* The ping-pong floor: n round trips of a 16-byte message between two of
 * this process's sockets over 127.0.0.1, the echo on a second thread; one
 * every interval_ns (0: back to back). */
int lg_pingpong(int n, uint64_t interval_ns, lg_latency *rtt, char *err, size_t cap);

/* Percentiles of n samples in nanoseconds (sorted in place). */
void lg_latency_of(uint32_t *ns, size_t n, lg_latency *out);

#endif
