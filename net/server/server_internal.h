/* server_internal.h: private to server*.c, as libuv's internal.h: the
 * loops, connections and hand-off messages the server's files share, and
 * the functions one of them calls in another. Not for any other file.
 *
 *   server.c         start-up, restore from the journal, the public calls, logging
 *   server_accept.c  listening, accepting, the descriptor limit
 *   server_conn.c    one connection's I/O: reads, dispatch, sends, linger, close, reap
 *   server_sink.c    the sink (the state machines' view of a loop), the journal commit
 *   server_loop.c    the event loops, match threads, the cross-thread hand-off, timers
 */
#ifndef MATCHBOARD_SERVER_INTERNAL_H
#define MATCHBOARD_SERVER_INTERNAL_H

#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "attr.h"
#include "conn_map.h"
#include "discovery.h"
#include "evloop.h"
#include "grow.h"
#include "journal.h"
#include "lobby.h"
#include "match_dir.h"
#include "match_host.h"
#include "mono_clock.h"
#include "packet_stream.h"
#include "rate_limit.h"
#include "record_writer.h"
#include "server.h"
#include "sock.h"
#include "sys.h"
#include "thread.h"

#define TX_CAP          (64 * 1024) /* queued output per connection */
#define TX_FIRST        512         /* its first allocation; doubled as needed */
#define TX_SPARE        512         /* first allocations a loop keeps for reuse */
#define LINGER_MS       2000        /* wait for the peer to close after our last word */
#define STOP_FLUSH_MS   3000        /* how long stopping may take */
#define READS_PER_EVENT 16          /* fairness: reads per socket per wake */
#define MAX_LISTENERS   4
#define TICK_MS         250
#define CHAT_BURST      20   /* chat lines at once, then... */
#define CHAT_PER_S      4    /* ...this many a second */
#define ACCEPT_RETRY_MS 500  /* out of descriptors with no spare: pause this long */
#define JOURNAL_SYNC_MS 1000 /* --journal-sync second: the journal's sync period */
#define REFUSAL_LOG_MS  5000 /* one log line per this long while refusing */
#define LISTEN_RETRY_MS 3000 /* how long a port in use is waited for (listen_first) */

typedef struct loop loop;

/* What an ev_watch is (ev_watch.kind): each is embedded in its owner. */
enum { WATCH_CONN, WATCH_LISTENER, WATCH_DISCOVERY };

typedef struct conn {
    conn_id id;
    sock_t sock;
    ev_watch watch; /* sock, in its loop */
    loop *owner;
    char peer[SOCK_ADDR_TEXT_MAX];
    packet_stream rx;
    uint8_t *tx; /* queued output; NULL while none (an idle connection holds none) */
    size_t tx_len, tx_cap;
    uint64_t last_rx_ms, ping_ms;
    uint64_t partial_since;  /* a packet begun and not finished since; 0: none */
    rate_limit chat;         /* CHAT lines let through */
    unsigned char closing;   /* the logic let go: flush, then linger */
    unsigned char lingering; /* write side shut, input discarded */
    unsigned char failed;    /* broke under us; the logic is yet to hear */
    unsigned char dead;      /* socket closed; freed after the batch */
    unsigned char leaving;   /* handed to a match loop after the batch */
    unsigned char spectator; /* holds a spectator slot of its loop */
    unsigned char counted;   /* counts toward --max-clients */
    unsigned char write_on;
    unsigned char held; /* output held until the batch's journal writes are synced */
    uint16_t version;   /* protocol version negotiated at its HELLO; 0 before */
    uint64_t linger_until;
} conn;

typedef enum msg_kind { MSG_START, MSG_JOIN, MSG_STOP, MSG_RESTORE, MSG_REQUEUE } msg_kind;

typedef struct msg {
    msg_kind kind;
    loop *to;
    match_seating seating;
    conn *c[2];
    packet_hello hello;
    uint32_t match_id;
    match_restore *restore; /* MSG_RESTORE: the journal's, read-only */
    int seat;               /* MSG_REQUEUE: the seat of seating that comes back (c[0]) */
    int engine_back;        /* MSG_JOIN: the engine seat's bot; refused, it goes to the lobby */
    struct msg *next;
} msg;

struct loop {
    server *srv;
    int index; /* -1: the lobby */
    evloop *ev;
    conn **conns;
    size_t nconns, capconns;
    conn_map by_id; /* conn_id -> conn, for the sink */
    logic_sink sink;
    lobby *lobby;
    match_host *host;
    mb_mutex *lock; /* guards the inbox */
    msg *in_head, *in_tail;
    msg *out_head, *out_tail; /* lobby: hand-offs waiting for the batch end */
    mb_thread *thread;
    int stopping;
    int stop_turns; /* a stop asked: loop turns until it begins (one more look first) */
    int deaf;       /* server_options.test_deaf_after_game: a game ended, read nothing */
    uint64_t stop_deadline;
    uint64_t next_scan; /* when timers() next looks at every connection */
    int reap;           /* a connection failed or closed: loop_reap() has work */
    size_t capacity;    /* sockets this loop may hold */
    uint64_t unsynced;  /* journal records written in this batch, up to; 0: none */
    conn **held;        /* connections whose output waits for that sync */
    size_t nheld, capheld;
    /* Send queues of TX_FIRST bytes freed once flushed, for the next
     * packet queued (every move takes one and gives it back). */
    uint8_t *spare_tx[TX_SPARE];
    size_t nspare_tx;
    conn *dispatching; /* whose packet the state machine handles; NULL: none */
    /* The last MOVE encoded on this loop and its bytes (move_len 0: none):
     * a move goes to both players, and to every spectator, encoded once. */
    packet_move move_key;
    uint8_t move_bytes[32];
    size_t move_len;
};

struct server {
    server_options o;
    char address[SOCK_ADDR_TEXT_MAX];
    sock_t listener[MAX_LISTENERS];
    ev_watch listen_watch[MAX_LISTENERS];
    size_t nlisteners;
    int accept_paused;
    uint64_t accept_retry_at; /* paused for lack of descriptors: until then */
    size_t socket_budget;     /* sockets the descriptor limit allows; 0: no limit */
    size_t sockets;           /* accepted and not yet freed; count_lock */
    uint64_t refused, refusal_logged_at;
    loop lobby;
    loop **workers;
    size_t nworkers, capworkers;
    match_dir *dir;            /* which loop holds which match; locks itself */
    mb_mutex *count_lock;      /* guards sockets and clients */
    size_t clients;            /* count_lock */
    int human_waiting;         /* count_lock: the lobby's waiting player is a human */
    atomic_int stop_requested; /* server_stop: from a signal handler or another thread */
    conn_id next_id;
    server_discovery disc; /* LAN discovery sockets, watched by the lobby */
    ev_watch disc_watch[SERVER_DISCOVERY_MAX_SOCKETS];
    discovery_reply disc_reply;
    journal *journal;           /* NULL: --journal none */
    uint64_t next_journal_sync; /* --journal-sync second: the lobby's next sync */
    char journal_path[1024];
    record_writer *writer; /* writes records, then journals their END */
};

/* ---- server.c: logging ---- */

/* A log line at level, if --log-level lets it through. */
void logf_(log_level level, const char *fmt, ...) MB_PRINTF(2, 3);
/* The sink's and the records writer's log calls. */
void sink_log(void *ctx, log_level level, const char *line);
/* Whether sink_log would print a line of this level. */
int sink_log_on(void *ctx, log_level level);
void writer_log(log_level level, const char *line);

/* ---- server_conn.c: one connection's I/O ---- */

conn *find_conn(loop *l, conn_id id);
/* Enters c in l's list and map; 0, or -1 out of memory. */
int push_conn(loop *l, conn *c);
void drop_from_list(loop *l, conn *c);
/* Closes the socket now; c is freed by loop_reap() at the batch end. */
void real_close(loop *l, conn *c);
/* Tells the loop's state machine that a connection it holds is gone. */
void logic_closed(loop *l, conn *c, uint64_t now);
/* Sends what c has queued (or holds it until the journal commit). */
void conn_flush(loop *l, conn *c);
void queue_packet(loop *l, conn *c, const packet *p);
void send_error_and_close(loop *l, conn *c, packet_error_code code, const char *text);
/* Hands out the whole packets buffered for c. */
void dispatch(loop *l, conn *c, uint64_t now);
/* Reads what is waiting. all: after EV_CLOSE, read to the end. */
void read_in(loop *l, conn *c, int all, uint64_t now);
void free_conn(server *s, conn *c);
/* Closes the failed connections and frees the closed ones. */
void loop_reap(loop *l, uint64_t now);

/* ---- server_sink.c: the sink and the journal commit ---- */

void init_sink(loop *l);
void sink_match_event(void *ctx, uint32_t match_id, match_status st);
/* Puts c on the list of connections flushed after the batch's journal
 * commit. */
void hold(loop *l, conn *c);
/* --journal-sync second: the lobby's sync once a second. */
void sync_journal(loop *l, uint64_t now);
/* The batch end: the journal commit, then the held output goes out. */
void commit_batch(loop *l);

/* ---- server_accept.c: listening and accepting (the lobby) ---- */

int open_listeners(server *s, char *err, size_t cap);
void accept_all(loop *l, ev_watch *listener, uint64_t now);
void resume_accepting(loop *l, uint64_t now);
/* On the lobby's tick, a non-blocking accept on each listener. */
void poll_listeners(loop *l, uint64_t now);

/* ---- server_loop.c: the loops and the hand-off between them ---- */

/* Puts m in the inbox of its loop and wakes it (any thread). */
void loop_post(loop *to, msg *m);
int loop_run(loop *l);
size_t loop_capacity(const server *s);
void loop_free(loop *l);
/* Enters a match in the directory on a loop with room for it, starting a
 * new match thread when none has; that loop, or NULL (no thread or
 * memory). On the lobby's thread, the only one that adds matches. */
loop *place_match(server *s, const dir_match *m);
void begin_stop_lobby(loop *l, uint64_t now);

#endif
