/* server.h: the running match server: listening sockets, the lobby thread
 * and the match threads, each thread an event loop (evloop.h) feeding the
 * pure state machines (lobby.h, match_host.h). The same code on Win32 and
 * POSIX; only evloop_*.c and sys_*.c differ, and the event loop's backend
 * is chosen at start (--io).
 *
 * Threads: the caller's thread runs the lobby (accepting, HELLO, seating).
 * Each started match goes whole to a match thread with room for it; a
 * thread holds at most evloop_capacity() sockets (63 on Win32), and new
 * threads start as needed, so a match never needs a lock.
 */
#ifndef MATCHBOARD_SERVER_H
#define MATCHBOARD_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "server_logic.h"

/* When the journal is pushed to the disk (--journal-sync). Either way an
 * accepted move is written to the journal file before it is relayed, so a
 * server that is killed or crashes loses nothing. */
typedef enum journal_sync_mode {
    JOURNAL_SYNC_SECOND = 0, /* synced once a second: a power cut or system
                              * crash loses at most the last second */
    JOURNAL_SYNC_MOVE = 1,   /* synced before the move is relayed (one sync
                              * per batch of moves): loses nothing */
} journal_sync_mode;

typedef struct server_options {
    const char *bind_host; /* NULL: every interface, IPv6 and IPv4 */
    uint16_t port;         /* 0: any free port */
    match_config match;
    const char *records_dir; /* created if missing */
    size_t max_clients;      /* connections at once; 0: no limit */
    log_level level;
    size_t loop_capacity; /* sockets per thread; 0: the backend's */
    /* Testing knob (MATCHBOARD_TEST_DEAF_AFTER_GAME): once a game of a
     * match thread ends, that thread reads nothing more until the server
     * stops, as a thread too busy to get to it would (tests/ui/gui_leave.py:
     * a hosted server that has not read its leaving host's end). */
    int test_deaf_after_game;
    uint32_t ping_after_ms; /* silence before the server pings */
    uint32_t idle_ms;       /* silence before it drops the connection */
    /* LAN discovery (docs/protocol.md, section 12) */
    int no_discovery;        /* --no-discovery: answer no probes */
    uint16_t discovery_port; /* --discovery-port; 0: the TCP port's number */
    const char *name;        /* --name, in replies; NULL: the host name */
    /* The journal of unfinished games (journal.h): NULL for RECORDS/journal,
     * "none" for no journal. */
    const char *journal_path;
    journal_sync_mode journal_sync;
    /* --io: the event loop's backend (evloop.h); NULL: the best the kernel
     * allows (io_uring, else epoll, on Linux). */
    const char *io;
    /* --engine-seat CMD: an engine kept seated (engine_seat_runner.h) */
    const char *engine_seat;
    /* --stop-on-stdin-eof: server_main.c stops the server when its standard
     * input ends (watch_stdin); the server itself ignores it. */
    int stop_on_stdin_eof;
} server_options;

typedef struct server server;

/* Opens the records folder and the listening sockets. On failure returns
 * -1 with a message in err. */
int server_create(server **out, const server_options *o, char *err, size_t cap);
/* The address it listens on, "HOST:PORT" (the first one when several). */
const char *server_address(const server *s);
/* Serves until server_stop; then tells every client, records unfinished
 * games as aborted and returns 0 (-1 on a fatal loop error). */
int server_run(server *s);
/* Asks server_run to stop: from any thread or a signal handler. */
void server_stop(server *s);
void server_destroy(server *s);

/* Log line writer used by the server: "TIME level message" on stderr. */
void server_log_line(log_level min, log_level level, const char *line);

#endif
