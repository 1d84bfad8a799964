/* server.c: the event loops that feed the lobby and the match hosts.
 *
 * One `loop` per thread: the lobby loop on the caller's thread (listeners,
 * new connections, the waiting Player1) and match loops on their own
 * threads, each owning whole matches. A connection moves from the lobby to
 * a match loop once, through that loop's inbox, after the lobby has
 * finished with it. The directory (match_dir.h: which loop holds which
 * match, its tokens, the socket slots each loop has promised) is the only
 * shared state beside the connection counts, each behind its own lock.
 */
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn_map.h"
#include "discovery.h"
#include "evloop.h"
#include "journal.h"
#include "lobby.h"
#include "match_dir.h"
#include "match_host.h"
#include "mb_config.h"
#include "packet_stream.h"
#include "rate_limit.h"
#include "record_text.h"
#include "record_writer.h"
#include "server.h"
#include "sock.h"
#include "sys.h"

#define TX_CAP          (64 * 1024) /* queued output per connection */
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
    uint8_t *tx;
    size_t tx_len;
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
    sys_mutex *lock; /* guards the inbox */
    msg *in_head, *in_tail;
    msg *out_head, *out_tail; /* lobby: hand-offs waiting for the batch end */
    sys_thread *thread;
    int stopping;
    uint64_t stop_deadline;
    uint64_t next_scan; /* when timers() next looks at every connection */
    int reap;           /* a connection failed or closed: reap() has work */
    size_t capacity;    /* sockets this loop may hold */
    uint64_t unsynced;  /* journal records written in this batch, up to; 0: none */
    conn **held;        /* connections whose output waits for that sync */
    size_t nheld, capheld;
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
    match_dir *dir;        /* which loop holds which match; locks itself */
    sys_mutex *count_lock; /* guards sockets and clients */
    size_t clients;        /* count_lock */
    int human_waiting;     /* count_lock: the lobby's waiting player is a human */
    volatile sig_atomic_t stop_requested;
    conn_id next_id;
    server_discovery disc; /* LAN discovery sockets, watched by the lobby */
    ev_watch disc_watch[SERVER_DISCOVERY_MAX_SOCKETS];
    discovery_reply disc_reply;
    journal *journal;           /* NULL: --journal none */
    uint64_t next_journal_sync; /* --journal-sync second: the lobby's next sync */
    char journal_path[1024];
    record_writer *writer; /* writes records, then journals their END */
};

/* ---- logging ---- */

static log_level g_log_level = LOG_INFO;

void server_log_line(log_level min, log_level level, const char *line)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    char stamp[32], out[700];
    if (level > min)
        return;
    sys_log_time(stamp, sizeof stamp);
    snprintf(out, sizeof out, "%s %-5s %s\n", stamp, names[level], line);
    fputs(out, stderr);
    fflush(stderr);
}

static void sink_log(void *ctx, log_level level, const char *line)
{
    (void)ctx;
    server_log_line(g_log_level, level, line);
}

static void logf_(log_level level, const char *fmt, ...)
#if defined(__GNUC__) && !defined(__MINGW32__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#include <stdarg.h>
static void logf_(log_level level, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (level > g_log_level)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    server_log_line(g_log_level, level, line);
}

/* ---- connections ---- */

static conn *find_conn(loop *l, conn_id id)
{
    return conn_map_get(&l->by_id, id);
}

static int push_conn(loop *l, conn *c)
{
    if (l->nconns == l->capconns) {
        size_t cap = l->capconns ? l->capconns * 2 : 16;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        conn **grown = realloc(l->conns, cap * sizeof *grown);
        if (!grown)
            return -1;
        l->conns = grown;
        l->capconns = cap;
    }
    if (conn_map_put(&l->by_id, c->id, c) != 0)
        return -1;
    l->conns[l->nconns++] = c;
    c->owner = l;
    return 0;
}

static void drop_from_list(loop *l, conn *c)
{
    conn_map_del(&l->by_id, c->id);
    for (size_t i = 0; i < l->nconns; i++)
        if (l->conns[i] == c) {
            l->conns[i] = l->conns[--l->nconns];
            return;
        }
}

static void set_write(loop *l, conn *c, int on)
{
    if (c->write_on == on || c->dead)
        return;
    c->write_on = (unsigned char)on;
    evloop_set_interest(l->ev, &c->watch, EV_READ | EV_CLOSE | (on ? EV_WRITE : 0u));
}

static void real_close(loop *l, conn *c)
{
    if (c->dead)
        return;
    evloop_remove(l->ev, &c->watch);
    sock_close(c->sock);
    c->dead = 1;
    l->reap = 1;
}

/* Tells the loop's state machine that a connection it holds is gone. */
static void logic_closed(loop *l, conn *c, uint64_t now)
{
    if (l->lobby)
        lobby_closed(l->lobby, c->id, now);
    else
        match_host_closed(l->host, c->id, now);
}

static void begin_linger(loop *l, conn *c, uint64_t now)
{
    c->lingering = 1;
    c->linger_until = now + LINGER_MS;
    evloop_shutdown_write(l->ev, &c->watch);
}

static void hold(loop *l, conn *c);

static void flush(loop *l, conn *c)
{
    if (l->unsynced && !c->dead && !c->failed) {
        hold(l, c); /* nothing goes out before the journal has it */
        return;
    }
    while (c->tx_len > 0 && !c->dead && !c->failed) {
        long r = evloop_send(l->ev, &c->watch, c->tx, c->tx_len);
        if (r > 0) {
            memmove(c->tx, c->tx + r, c->tx_len - (size_t)r);
            c->tx_len -= (size_t)r;
        } else if (r == SOCK_ERR_WOULD_BLOCK) {
            set_write(l, c, 1);
            return;
        } else {
            logf_(LOG_DEBUG, "conn %llu: send failed: %s", (unsigned long long)c->id,
                  sock_strerror((sock_err)r));
            c->failed = 1;
            l->reap = 1;
            return;
        }
    }
    if (c->dead || c->failed)
        return;
    set_write(l, c, 0);
    if (c->closing && !c->lingering)
        begin_linger(l, c, sys_now_ms());
}

static void queue_packet(loop *l, conn *c, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    int n;
    if (c->dead || c->failed || c->lingering)
        return;
    if (packet_type_since((uint8_t)p->type) > (c->version ? c->version : PACKET_VERSION_MIN)) {
        /* The peer's version has no such packet: it is not told. */
        logf_(LOG_DEBUG, "conn %llu: %s not sent (peer speaks version %u)",
              (unsigned long long)c->id, packet_type_name((uint8_t)p->type), (unsigned)c->version);
        return;
    }
    n = packet_encode(p, buf, sizeof buf);
    if (n < 0) {
        logf_(LOG_ERROR, "conn %llu: cannot encode %s: %s", (unsigned long long)c->id,
              packet_type_name((uint8_t)p->type), packet_strerror((packet_error)n));
        return;
    }
    if (!c->tx && !(c->tx = malloc(TX_CAP))) {
        c->failed = 1;
        l->reap = 1;
        return;
    }
    if (c->tx_len + (size_t)n > TX_CAP) {
        logf_(LOG_INFO, "conn %llu: too slow (send queue full), dropped",
              (unsigned long long)c->id);
        c->failed = 1;
        l->reap = 1;
        return;
    }
    memcpy(c->tx + c->tx_len, buf, (size_t)n);
    c->tx_len += (size_t)n;
    if (!c->leaving)
        flush(l, c);
}

static void send_error_and_close(loop *l, conn *c, packet_error_code code, const char *text)
{
    packet p;
    packet_make_error(&p, code, text);
    queue_packet(l, c, &p);
    c->closing = 1;
    if (!c->leaving)
        flush(l, c);
}

/* ---- the sink: the state machines' view of this loop ---- */

static void sink_send(void *ctx, conn_id id, const packet *p)
{
    loop *l = ctx;
    conn *c = find_conn(l, id);
    if (c && !c->closing)
        queue_packet(l, c, p);
}

static void sink_close(void *ctx, conn_id id)
{
    loop *l = ctx;
    conn *c = find_conn(l, id);
    if (!c || c->closing)
        return;
    c->closing = 1;
    if (!c->leaving)
        flush(l, c);
}

static void sink_random(void *ctx, uint8_t *buf, size_t n)
{
    (void)ctx;
    if (sys_random(buf, n) != 0) {
        /* No secure source: refuse to hand out guessable tokens. */
        logf_(LOG_ERROR, "the system's secure random source failed; tokens left zero");
        memset(buf, 0, n);
    }
}

static void sink_date(void *ctx, char *buf, size_t cap)
{
    (void)ctx;
    sys_record_date(buf, cap);
}

static void queue_out(loop *l, msg *m)
{
    m->next = NULL;
    if (l->out_tail)
        l->out_tail->next = m;
    else
        l->out_head = m;
    l->out_tail = m;
}

/* Enters a match in the directory on a loop with room for it, starting a
 * new match thread when none has; that loop, or NULL (no thread or
 * memory). On the lobby's thread, the only one that adds matches. */
static loop *place_match(server *s, uint32_t match_id, const uint8_t *token1, const uint8_t *token2,
                         int running);

static void sink_start_match(void *ctx, const match_seating *m)
{
    loop *l = ctx;
    server *s = l->srv;
    msg *mm = calloc(1, sizeof *mm);
    loop *w = NULL;
    if (mm)
        w = place_match(s, m->match_id, m->seat[0].token, m->seat[1].token, 0);
    for (int i = 0; i < 2; i++) {
        conn *c = find_conn(l, m->seat[i].conn);
        if (!w) {
            if (c)
                send_error_and_close(l, c, PACKET_CODE_SERVER_FULL, "no room for a new match");
            continue;
        }
        mm->c[i] = c;
        if (c)
            c->leaving = 1;
    }
    if (!w) {
        logf_(LOG_ERROR, "match %lu: cannot start (no thread or memory)",
              (unsigned long)m->match_id);
        free(mm);
        return;
    }
    mm->kind = MSG_START;
    mm->to = w;
    mm->seating = *m;
    queue_out(l, mm);
}

static int sink_join(void *ctx, conn_id id, const packet_hello *h)
{
    loop *l = ctx;
    server *s = l->srv;
    conn *c = find_conn(l, id);
    msg *mm;
    loop *w = NULL;
    uint32_t target = 0;
    int code = 0;
    if (!c)
        return PACKET_CODE_NOT_ALLOWED;
    mm = calloc(1, sizeof *mm);
    if (!mm)
        return PACKET_CODE_SERVER_FULL;
    if (h->want == PACKET_WANT_PLAY) {
        w = dir_find_token(s->dir, h->token);
        if (!w)
            code = PACKET_CODE_BAD_TOKEN;
    } else {
        void *where = NULL;
        code = dir_watch_target(s->dir, logic_watch_target(h), &target, &where);
        if (code == 0) {
            w = where;
            c->spectator = 1;
        }
    }
    if (!w) {
        free(mm);
        return code;
    }
    c->leaving = 1;
    mm->kind = MSG_JOIN;
    mm->to = w;
    mm->c[0] = c;
    mm->hello = *h;
    mm->match_id = target;
    queue_out(l, mm);
    return 0;
}

static void sink_match_event(void *ctx, uint32_t match_id, match_status st)
{
    loop *l = ctx;
    dir_match_event(l->srv->dir, match_id, st);
}

/* The records writer's thread writes it (and then journals the game's
 * END): a slow disk stalls no match. */
static void sink_record(void *ctx, const match_record *r)
{
    loop *l = ctx;
    record_writer_put(l->srv->writer, r);
}

static void writer_log(log_level level, const char *line)
{
    server_log_line(g_log_level, level, line);
}

/* Writes e to the journal's pending records. At the batch end one write
 * puts every record of the batch into the file (with --journal-sync move,
 * also one sync puts it on the disk: group commit), and until then flush()
 * holds every connection's output: nothing is relayed before the journal
 * has it. With second the lobby syncs once a second (sync_journal). */
static int sink_journal(void *ctx, const journal_entry *e)
{
    loop *l = ctx;
    uint64_t seq = 0;
    if (!l->srv->journal)
        return 0;
    if (journal_write(l->srv->journal, e, &seq) != 0) {
        logf_(LOG_ERROR, "journal: %s", journal_error());
        return -1;
    }
    if (seq > l->unsynced)
        l->unsynced = seq;
    return 0;
}

/* --journal-sync second: on the lobby's thread, once a second, one sync of
 * everything every match thread wrote (they go on writing meanwhile). */
static void sync_journal(loop *l, uint64_t now)
{
    server *s = l->srv;
    if (!l->lobby || !s->journal || s->o.journal_sync != JOURNAL_SYNC_SECOND ||
        now < s->next_journal_sync)
        return;
    s->next_journal_sync = now + JOURNAL_SYNC_MS;
    if (journal_sync(s->journal, UINT64_MAX) != 0)
        logf_(LOG_ERROR, "journal: %s", journal_error());
}

/* The batch's journal records into the file (--journal-sync second) or
 * onto the disk (move): one write, or one write and one sync, for all of
 * them. A failure is logged and the output relayed anyway. */
static void commit_journal(loop *l)
{
    journal *j = l->srv->journal;
    int rc;
    if (!l->unsynced)
        return;
    rc = l->srv->o.journal_sync == JOURNAL_SYNC_MOVE ? journal_sync(j, l->unsynced)
                                                     : journal_flush(j, l->unsynced);
    if (rc != 0)
        logf_(LOG_ERROR, "journal: %s", journal_error());
    l->unsynced = 0;
}

/* Puts c on the list of connections flushed after the batch's journal
 * commit. */
static void hold(loop *l, conn *c)
{
    if (c->held)
        return;
    if (l->nheld == l->capheld) {
        size_t cap = l->capheld ? 2 * l->capheld : 16;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        conn **p = realloc(l->held, cap * sizeof *p);
        if (!p) { /* cannot wait for it: commit now instead */
            logf_(LOG_ERROR,
                  "journal: out of memory holding output; committing the journal at once");
            commit_journal(l);
            flush(l, c);
            return;
        }
        l->held = p;
        l->capheld = cap;
    }
    c->held = 1;
    l->held[l->nheld++] = c;
}

/* The batch end: one journal write (and with --journal-sync move one
 * sync) covers the batch's records (and maybe other threads'), then the
 * held output goes out. Before reap() and handoffs(), which free or move
 * connections. */
static void commit_batch(loop *l)
{
    commit_journal(l);
    for (size_t i = 0; i < l->nheld; i++) {
        conn *c = l->held[i];
        c->held = 0;
        if (!c->dead && !c->failed && !c->leaving)
            flush(l, c);
    }
    l->nheld = 0;
}

/* ---- the engine seat's hand-over: players back to the lobby ---- */

static void adopt(loop *l, conn *c);
static void settle(loop *l, conn *c, uint64_t now);

static int sink_human_waiting(void *ctx)
{
    loop *l = ctx;
    int yes;
    sys_mutex_lock(l->srv->count_lock);
    yes = l->srv->human_waiting;
    sys_mutex_unlock(l->srv->count_lock);
    return yes;
}

/* A match loop lets a player go back to the lobby after the batch. */
static void sink_requeue(void *ctx, const match_seating *m, int s)
{
    loop *l = ctx;
    conn *c = find_conn(l, m->seat[s].conn);
    msg *mm = c ? calloc(1, sizeof *mm) : NULL;
    if (!mm) {
        if (c)
            send_error_and_close(l, c, PACKET_CODE_SERVER_FULL, "out of memory");
        return;
    }
    c->leaving = 1;
    mm->kind = MSG_REQUEUE;
    mm->to = &l->srv->lobby;
    mm->seating = *m;
    mm->seat = s;
    mm->c[0] = c;
    queue_out(l, mm);
}

/* Empties a loop's inbox: its messages, oldest first. */
static msg *take_inbox(loop *l)
{
    msg *m;
    sys_mutex_lock(l->lock);
    m = l->in_head;
    l->in_head = l->in_tail = NULL;
    sys_mutex_unlock(l->lock);
    return m;
}

/* The lobby's inbox: players coming back from their match loops. */
static void lobby_inbox(loop *l, uint64_t now)
{
    msg *m = take_inbox(l);
    while (m) {
        msg *next = m->next;
        conn *c = m->c[0];
        adopt(l, c);
        if (l->stopping)
            send_error_and_close(l, c, PACKET_CODE_SHUTDOWN, "server shutting down");
        else
            lobby_requeue(l->lobby, c->id, m->seating.seat[m->seat].name,
                          m->seating.seat[m->seat].version, m->seating.seat[m->seat].engine, now);
        settle(l, c, now);
        free(m);
        m = next;
    }
}

/* The lobby's word on its waiting player, for sink_human_waiting. */
static void sink_waiting(void *ctx, int human)
{
    loop *l = ctx;
    sys_mutex_lock(l->srv->count_lock);
    l->srv->human_waiting = human;
    sys_mutex_unlock(l->srv->count_lock);
}

static void init_sink(loop *l)
{
    memset(&l->sink, 0, sizeof l->sink);
    l->sink.ctx = l;
    l->sink.send = sink_send;
    l->sink.close = sink_close;
    l->sink.log = sink_log;
    l->sink.random = sink_random;
    l->sink.start_match = sink_start_match;
    l->sink.join = sink_join;
    l->sink.record = sink_record;
    l->sink.match_event = sink_match_event;
    l->sink.date = sink_date;
    l->sink.journal = sink_journal;
    l->sink.human_waiting = sink_human_waiting;
    l->sink.requeue = sink_requeue;
    l->sink.waiting = sink_waiting;
}

/* ---- input ---- */

static void on_packet(loop *l, conn *c, const packet *p, uint64_t now)
{
    if (p->type == PACKET_PING) {
        packet pong = *p;
        pong.type = PACKET_PONG;
        queue_packet(l, c, &pong);
        return;
    }
    if (p->type == PACKET_PONG) {
        c->ping_ms = 0;
        return;
    }
    if (p->type == PACKET_CHAT && !rate_limit_take(&c->chat, now)) {
        /* Too many lines: dropped, as the protocol allows, so that a chat
         * flood cannot fill the send queues of the others in the match. */
        logf_(LOG_DEBUG, "conn %llu: chat line dropped (too frequent)", (unsigned long long)c->id);
        return;
    }
    if (p->type == PACKET_HELLO)
        c->version = packet_negotiate_version(p->u.hello.version);
    if (l->lobby)
        lobby_packet(l->lobby, c->id, p, now);
    else
        match_host_packet(l->host, c->id, p, now);
}

/* Hands out the whole packets buffered for c. */
static void dispatch(loop *l, conn *c, uint64_t now)
{
    for (;;) {
        packet p;
        packet_error e;
        if (c->dead || c->failed || c->closing || c->leaving)
            return;
        e = packet_stream_next(&c->rx, &p);
        if (e == PACKET_ERR_NEED_MORE)
            return;
        if (e != PACKET_OK) {
            int hello = e == PACKET_ERR_BAD_MAGIC || e == PACKET_ERR_BAD_VERSION;
            logf_(LOG_INFO, "conn %llu: malformed packet (%s), closing", (unsigned long long)c->id,
                  packet_strerror(e));
            logic_closed(l, c, now);
            send_error_and_close(l, c, hello ? PACKET_CODE_BAD_HELLO : PACKET_CODE_MALFORMED,
                                 packet_strerror(e));
            return;
        }
        on_packet(l, c, &p, now);
    }
}

/* The connection ended under us (EOF, reset). */
static void peer_gone(loop *l, conn *c, uint64_t now)
{
    int tell = !c->closing;
    real_close(l, c);
    if (tell)
        logic_closed(l, c, now);
}

/* Reads what is waiting. all: after EV_CLOSE, read to the end. */
static void read_in(loop *l, conn *c, int all, uint64_t now)
{
    uint8_t scratch[512];
    for (int round = 0; all || round < READS_PER_EVENT; round++) {
        size_t room = 0;
        uint8_t *at;
        long r;
        if (c->dead || c->failed || c->leaving)
            return;
        if (c->closing) {
            at = scratch; /* nothing more is listened to */
            room = sizeof scratch;
        } else {
            at = packet_stream_space(&c->rx, &room);
            if (room == 0) {
                dispatch(l, c, now);
                (void)packet_stream_space(&c->rx, &room);
                if (room == 0)
                    return;
                continue;
            }
        }
        r = evloop_recv(l->ev, &c->watch, at, room);
        if (r > 0) {
            c->last_rx_ms = now;
            c->ping_ms = 0;
            if (!c->closing) {
                size_t before, after;
                packet_stream_commit(&c->rx, (size_t)r);
                before = packet_stream_pending(&c->rx);
                dispatch(l, c, now);
                after = packet_stream_pending(&c->rx);
                /* Slowloris: a packet begun must be finished in time. The
                 * clock restarts whenever a packet completes, so a steady
                 * stream that always ends mid-packet is not mistaken. */
                if (after < before)
                    c->partial_since = after ? now : 0;
                else if (!c->partial_since)
                    c->partial_since = now;
            }
            /* A short read took all there was: the loop says when more
             * comes (evloop.h), so skip the recv that would say EAGAIN. */
            if ((size_t)r < room && !all)
                return;
            continue;
        }
        if (r == SOCK_ERR_WOULD_BLOCK && !all)
            return;
        if (r == SOCK_ERR_WOULD_BLOCK) {
            /* FD_CLOSE came but the stream is not at its end: wait. */
            return;
        }
        if (r < 0)
            logf_(LOG_DEBUG, "conn %llu: receive failed: %s", (unsigned long long)c->id,
                  sock_strerror((sock_err)r));
        else if (!c->closing)
            logf_(LOG_DEBUG, "conn %llu: peer closed", (unsigned long long)c->id);
        peer_gone(l, c, now);
        return;
    }
}

/* ---- accepting (lobby) ---- */

/* At the descriptor limit: one ERROR, then the socket is closed at once,
 * holding nothing. */
static void refuse_now(server *s, sock_t fd, uint64_t now)
{
    uint8_t buf[PACKET_MAX_SIZE];
    packet p;
    int n;
    packet_make_error(&p, PACKET_CODE_SERVER_FULL, "server full");
    n = packet_encode(&p, buf, sizeof buf);
    sock_set_nonblocking(fd, 1);
    if (n > 0)
        sock_send(fd, buf, (size_t)n);
    sock_close(fd);
    s->refused++;
    if (now - s->refusal_logged_at >= REFUSAL_LOG_MS || s->refused == 1) {
        logf_(LOG_WARN, "descriptor limit reached: connections refused (%llu so far)",
              (unsigned long long)s->refused);
        s->refusal_logged_at = now;
    }
}

static void pause_accepting(server *s, loop *l)
{
    s->accept_paused = 1;
    for (size_t i = 0; i < s->nlisteners; i++)
        evloop_set_interest(l->ev, &s->listen_watch[i], 0);
}

/* accept() said there is no descriptor left. Free the spare, accept the
 * waiting connection into it and refuse it, so the kernel does not keep
 * completing handshakes nobody takes (and the listener does not fire for
 * ever); without a spare, stop accepting for a moment. 0: go on. */
static int out_of_descriptors(loop *l, sock_t listener, uint64_t now)
{
    server *s = l->srv;
    if (sys_spare_release() == 0) {
        sock_t fd;
        sock_err e = sock_accept(listener, &fd, NULL);
        if (e == SOCK_OK)
            refuse_now(s, fd, now);
        sys_spare_take();
        if (e == SOCK_OK || e == SOCK_ERR_WOULD_BLOCK)
            return e == SOCK_OK ? 0 : -1;
    }
    if (now - s->refusal_logged_at >= REFUSAL_LOG_MS) {
        logf_(LOG_WARN, "out of descriptors: accepting paused (retried every %d ms)",
              ACCEPT_RETRY_MS);
        s->refusal_logged_at = now;
    }
    s->accept_retry_at = now + ACCEPT_RETRY_MS;
    pause_accepting(s, l);
    return -1;
}

static void accept_all(loop *l, ev_watch *listener, uint64_t now)
{
    server *s = l->srv;
    while (evloop_count(l->ev) < l->capacity) {
        sock_t fd;
        sock_addr peer;
        conn *c;
        int full;
        sock_err e = evloop_accept(l->ev, listener, &fd, &peer);
        if (e == SOCK_ERR_WOULD_BLOCK)
            return;
        if (e == SOCK_ERR_NO_RESOURCES) {
            if (out_of_descriptors(l, listener->sock, now) == 0)
                continue;
            return;
        }
        if (e != SOCK_OK) {
            logf_(LOG_WARN, "accept failed: %s", sock_strerror(e));
            return;
        }
        sys_mutex_lock(s->count_lock);
        full = s->socket_budget && s->sockets >= s->socket_budget;
        if (!full)
            s->sockets++;
        sys_mutex_unlock(s->count_lock);
        if (full) {
            refuse_now(s, fd, now);
            continue;
        }
        sock_set_nonblocking(fd, 1);
        sock_set_nodelay(fd, 1);
        c = calloc(1, sizeof *c);
        if (c) {
            c->id = ++s->next_id;
            c->watch.sock = fd;
            c->watch.kind = WATCH_CONN;
        }
        if (!c || push_conn(l, c) != 0 ||
            evloop_add(l->ev, &c->watch, EV_READ | EV_CLOSE) != SOCK_OK) {
            if (c)
                drop_from_list(l, c);
            free(c);
            sock_close(fd);
            sys_mutex_lock(s->count_lock);
            s->sockets--;
            sys_mutex_unlock(s->count_lock);
            logf_(LOG_ERROR, "out of memory for a new connection");
            continue;
        }
        c->sock = fd;
        c->last_rx_ms = now;
        packet_stream_init(&c->rx);
        rate_limit_init(&c->chat, CHAT_BURST, CHAT_PER_S, now);
        sock_addr_to_string(&peer, c->peer, sizeof c->peer);
        sys_mutex_lock(s->count_lock);
        full = s->o.max_clients && s->clients >= s->o.max_clients;
        if (!full) {
            s->clients++;
            c->counted = 1;
        }
        sys_mutex_unlock(s->count_lock);
        if (full) {
            logf_(LOG_INFO, "conn %llu: from %s refused: server full (%zu clients)",
                  (unsigned long long)c->id, c->peer, s->o.max_clients);
            send_error_and_close(l, c, PACKET_CODE_SERVER_FULL, "server full");
            continue;
        }
        lobby_opened(l->lobby, c->id, c->peer, now);
    }
    if (!s->accept_paused) {
        pause_accepting(s, l);
        logf_(LOG_WARN, "lobby full (%zu sockets): accepting paused", l->capacity);
    }
}

static void resume_accepting(loop *l, uint64_t now)
{
    server *s = l->srv;
    if (!s->accept_paused || s->stop_requested || evloop_count(l->ev) >= l->capacity ||
        now < s->accept_retry_at)
        return;
    s->accept_paused = 0;
    for (size_t i = 0; i < s->nlisteners; i++)
        evloop_set_interest(l->ev, &s->listen_watch[i], EV_ACCEPT);
    for (size_t i = 0; i < s->nlisteners && !s->accept_paused; i++)
        accept_all(l, &s->listen_watch[i], now);
}

/* On the lobby's tick, a non-blocking accept on each listener: a lost
 * accept notification then delays a connection by at most a tick instead of
 * wedging the listener for good (under Wine, about one FD_ACCEPT in a few
 * hundred is never signalled; the churn test found it). Costs one accept()
 * that says WSAEWOULDBLOCK/EAGAIN per listener per tick. */
static void poll_listeners(loop *l, uint64_t now)
{
    server *s = l->srv;
    if (!l->lobby || l->stopping || s->accept_paused)
        return;
    for (size_t i = 0; i < s->nlisteners && !s->accept_paused; i++) {
        conn_id before = s->next_id;
        accept_all(l, &s->listen_watch[i], now);
        if (s->next_id != before)
            logf_(LOG_DEBUG, "accepted %llu connection(s) whose notification never came",
                  (unsigned long long)(s->next_id - before));
    }
}

/* ---- batch end: failures, frees, hand-offs ---- */

static void free_conn(server *s, conn *c)
{
    sys_mutex_lock(s->count_lock);
    s->sockets--;
    if (c->counted)
        s->clients--;
    sys_mutex_unlock(s->count_lock);
    if (c->spectator)
        dir_unwatch(s->dir, c->owner);
    evloop_release(s->lobby.ev, &c->watch);
    free(c->tx);
    free(c);
}

static void reap(loop *l, uint64_t now)
{
    int again = 1;
    if (!l->reap)
        return;
    l->reap = 0;
    while (again) {
        again = 0;
        for (size_t i = 0; i < l->nconns; i++) {
            conn *c = l->conns[i];
            if (c->failed && !c->dead && !c->leaving) {
                int tell = !c->closing;
                real_close(l, c);
                if (tell) {
                    logic_closed(l, c, now);
                    again = 1;
                }
            }
        }
    }
    for (size_t i = 0; i < l->nconns;) {
        conn *c = l->conns[i];
        if (c->dead) {
            conn_map_del(&l->by_id, c->id);
            l->conns[i] = l->conns[--l->nconns];
            free_conn(l->srv, c);
        } else {
            i++;
        }
    }
}

static void post(loop *to, msg *m)
{
    m->next = NULL;
    sys_mutex_lock(to->lock);
    if (to->in_tail)
        to->in_tail->next = m;
    else
        to->in_head = m;
    to->in_tail = m;
    sys_mutex_unlock(to->lock);
    evloop_wake(to->ev);
}

/* A loop lets go of the connections it handed on in this batch: the lobby
 * to match loops, a match loop back to the lobby (sink_requeue). */
static void handoffs(loop *l)
{
    msg *m = l->out_head;
    l->out_head = l->out_tail = NULL;
    while (m) {
        msg *next = m->next;
        for (int i = 0; i < 2; i++) {
            conn *c = m->c[i];
            if (!c)
                continue;
            evloop_remove(l->ev, &c->watch);
            drop_from_list(l, c);
            c->owner = NULL;
            c->write_on = 0;
        }
        post(m->to, m);
        m = next;
    }
}

/* ---- inbox (match loops) ---- */

static void adopt(loop *l, conn *c)
{
    c->leaving = 0;
    if (c->failed)
        l->reap = 1; /* broke while on its way here */
    if (push_conn(l, c) != 0) {
        c->failed = 1; /* still ours to free: keep it findable */
        l->reap = 1;
        return;
    }
    c->write_on = c->tx_len > 0;
    if (evloop_add(l->ev, &c->watch, EV_READ | EV_CLOSE | (c->write_on ? EV_WRITE : 0u)) !=
        SOCK_OK) {
        logf_(LOG_ERROR, "conn %llu: cannot watch the socket", (unsigned long long)c->id);
        c->failed = 1;
        l->reap = 1;
    }
}

/* A connection just adopted: send what the lobby queued, hand out what it
 * buffered, and read what arrived meanwhile. */
static void settle(loop *l, conn *c, uint64_t now)
{
    if (c->failed)
        return;
    flush(l, c);
    dispatch(l, c, now);
    read_in(l, c, 0, now);
}

/* With a journal the unfinished games are kept for the restart; without
 * one they end as aborted. */
static void stop_matches(loop *l, uint64_t now)
{
    if (l->srv->journal)
        match_host_suspend(l->host, now);
    else
        match_host_shutdown(l->host, now);
}

static void begin_stop_worker(loop *l, uint64_t now)
{
    stop_matches(l, now);
    l->stopping = 1;
    l->stop_deadline = now + STOP_FLUSH_MS;
}

static void process_inbox(loop *l, uint64_t now)
{
    msg *m = take_inbox(l);
    while (m) {
        msg *next = m->next;
        switch (m->kind) {
        case MSG_STOP:
            if (!l->stopping)
                begin_stop_worker(l, now);
            break;
        case MSG_START:
            for (int i = 0; i < 2; i++)
                if (m->c[i])
                    adopt(l, m->c[i]);
            match_host_start(l->host, &m->seating, now);
            for (int i = 0; i < 2; i++)
                if (m->c[i])
                    settle(l, m->c[i], now);
            break;
        case MSG_REQUEUE: /* the lobby's (lobby_inbox) */
            break;
        case MSG_RESTORE:
            if (match_host_restore(l->host, m->restore, now) != 0)
                sink_match_event(l, m->restore->match_id, MATCH_GONE);
            break;
        case MSG_JOIN: {
            conn *c = m->c[0];
            int code;
            adopt(l, c);
            code = match_host_join(l->host, c->id, &m->hello, m->match_id, now);
            if (code != 0) {
                logf_(LOG_INFO, "conn %llu: refused by its match: code %d",
                      (unsigned long long)c->id, code);
                send_error_and_close(l, c, (packet_error_code)code,
                                     code == PACKET_CODE_BAD_TOKEN
                                         ? "unknown or expired resume token"
                                         : "no such match to watch");
            }
            settle(l, c, now);
            break;
        }
        }
        free(m);
        m = next;
    }
    if (l->stopping && match_host_matches(l->host) > 0)
        stop_matches(l, now);
}

/* ---- time ---- */

static void timers(loop *l, uint64_t now)
{
    const server_options *o = &l->srv->o;
    if (l->lobby)
        lobby_tick(l->lobby, now);
    else
        match_host_tick(l->host, now);
    for (size_t i = 0; i < l->nconns; i++) {
        conn *c = l->conns[i];
        if (c->dead || c->leaving || c->failed)
            continue;
        if (c->closing) {
            if (!c->linger_until)
                c->linger_until = now + LINGER_MS;
            if (now >= c->linger_until)
                real_close(l, c);
            continue;
        }
        if (c->partial_since && now - c->partial_since >= o->match.hello_timeout_ms) {
            logf_(LOG_INFO, "conn %llu: a packet left unfinished for %lu ms, dropped",
                  (unsigned long long)c->id, (unsigned long)(now - c->partial_since));
            logic_closed(l, c, now);
            send_error_and_close(l, c, PACKET_CODE_IDLE_TIMEOUT, "packet not finished in time");
        } else if (now - c->last_rx_ms >= o->idle_ms) {
            logf_(LOG_INFO, "conn %llu: silent for %lu ms, dropped", (unsigned long long)c->id,
                  (unsigned long)(now - c->last_rx_ms));
            logic_closed(l, c, now);
            send_error_and_close(l, c, PACKET_CODE_IDLE_TIMEOUT, "idle timeout");
        } else if (now - c->last_rx_ms >= o->ping_after_ms && c->ping_ms == 0) {
            packet p;
            memset(&p, 0, sizeof p);
            p.type = PACKET_PING;
            p.u.ping.stamp = now;
            c->ping_ms = now;
            queue_packet(l, c, &p);
        }
    }
}

static uint64_t logic_deadline(const loop *l)
{
    return l->lobby ? lobby_deadline(l->lobby) : match_host_deadline(l->host);
}

/* ---- the loop ---- */

static void begin_stop_lobby(loop *l, uint64_t now)
{
    server *s = l->srv;
    logf_(LOG_INFO, "stopping: no new connections, telling clients");
    for (size_t i = 0; i < s->nlisteners; i++) {
        evloop_remove(l->ev, &s->listen_watch[i]);
        evloop_release(l->ev, &s->listen_watch[i]);
        sock_close(s->listener[i]);
    }
    s->nlisteners = 0;
    for (size_t i = 0; i < s->disc.nsock; i++) /* a stopping server is not offered */
    {
        evloop_remove(l->ev, &s->disc_watch[i]);
        evloop_release(l->ev, &s->disc_watch[i]);
    }
    server_discovery_close(&s->disc);
    lobby_shutdown(l->lobby);
    for (size_t i = 0; i < s->nworkers; i++) {
        msg *m = calloc(1, sizeof *m);
        if (m) {
            m->kind = MSG_STOP;
            post(s->workers[i], m);
        }
    }
    l->stopping = 1;
    l->stop_deadline = now + STOP_FLUSH_MS;
}

/* Answers the discovery probes waiting on sock with this moment's counts. */
static void answer_probes(loop *l, sock_t sock)
{
    server *s = l->srv;
    discovery_reply r = s->disc_reply;
    size_t running, spectators;
    r.waiting = (uint32_t)lobby_waiting(l->lobby);
    dir_counts(s->dir, &running, &spectators);
    r.matches = (uint32_t)running;
    r.spectators = (uint32_t)spectators;
    server_discovery_serve(&s->disc, sock, &r, READS_PER_EVENT);
}

static int loop_run(loop *l)
{
    enum { BATCH = 256 };
    ev_event evs[BATCH];
    int failures = 0;
    for (;;) {
        uint64_t now = sys_now_ms(), next = logic_deadline(l);
        int timeout = TICK_MS, n;
        if (next <= now)
            timeout = 0;
        else if (next - now < TICK_MS)
            timeout = (int)(next - now);
        n = evloop_wait(l->ev, timeout, evs, BATCH);
        now = sys_now_ms();
        if (n < 0) {
            logf_(LOG_ERROR, "event loop: %s", sock_strerror((sock_err)n));
            if (++failures > 100)
                return -1;
            n = 0;
        } else {
            failures = 0;
        }
        if (l->lobby && l->srv->stop_requested && !l->stopping)
            begin_stop_lobby(l, now);
        if (!l->lobby)
            process_inbox(l, now);
        else
            lobby_inbox(l, now);
        for (int i = 0; i < n; i++) {
            ev_watch *w = evs[i].watch;
            conn *c;
            if (w->kind == WATCH_DISCOVERY) {
                answer_probes(l, w->sock);
                continue;
            }
            if (w->kind == WATCH_LISTENER) {
                if (!l->stopping && !l->srv->accept_paused)
                    accept_all(l, w, now);
                continue;
            }
            c = (conn *)(void *)((char *)w - offsetof(conn, watch));
            if (c->dead || c->leaving)
                continue;
            if (evs[i].fired & EV_WRITE)
                flush(l, c);
            if (evs[i].fired & (EV_READ | EV_CLOSE))
                read_in(l, c, (evs[i].fired & EV_CLOSE) != 0, now);
        }
        /* Timers look at every connection and match: not on every wake. */
        if (now >= next || now >= l->next_scan) {
            poll_listeners(l, now);
            sync_journal(l, now);
            timers(l, now);
            l->next_scan = now + TICK_MS;
        }
        commit_batch(l);
        reap(l, now);
        handoffs(l);
        if (l->lobby)
            resume_accepting(l, now);
        if (l->stopping && (l->nconns == 0 || now >= l->stop_deadline))
            break;
    }
    for (size_t i = 0; i < l->nconns; i++) {
        real_close(l, l->conns[i]);
        free_conn(l->srv, l->conns[i]);
    }
    l->nconns = 0;
    conn_map_free(&l->by_id);
    return 0;
}

static void worker_main(void *arg)
{
    loop *l = arg;
    loop_run(l);
}

static size_t loop_capacity(const server *s)
{
    size_t cap = evloop_capacity(s->lobby.ev);
    if (s->o.loop_capacity && s->o.loop_capacity < cap)
        cap = s->o.loop_capacity;
    return cap;
}

static void loop_free(loop *l)
{
    msg *m;
    if (!l)
        return;
    for (m = l->in_head; m;) {
        msg *next = m->next;
        free(m);
        m = next;
    }
    lobby_destroy(l->lobby);
    match_host_destroy(l->host);
    evloop_destroy(l->ev);
    sys_mutex_destroy(l->lock);
    free(l->conns);
    free(l->held);
    conn_map_free(&l->by_id);
}

/* Starts one more match thread and enters its loop in the directory. */
static loop *start_worker(server *s)
{
    loop *w;
    if (s->nworkers == s->capworkers) {
        size_t cap = s->capworkers ? s->capworkers * 2 : 4;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        loop **grown = realloc(s->workers, cap * sizeof *grown);
        if (!grown)
            return NULL;
        s->workers = grown;
        s->capworkers = cap;
    }
    w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->srv = s;
    w->index = (int)s->nworkers;
    w->capacity = loop_capacity(s);
    init_sink(w);
    if (evloop_create(&w->ev, evloop_backend(s->lobby.ev), NULL) != SOCK_OK ||
        !(w->lock = sys_mutex_create()) || !(w->host = match_host_create(&s->o.match, &w->sink)) ||
        sys_thread_start(&w->thread, worker_main, w) != 0) {
        loop_free(w);
        free(w);
        logf_(LOG_ERROR, "cannot start a match thread");
        return NULL;
    }
    s->workers[s->nworkers++] = w;
    logf_(LOG_DEBUG, "match thread %d started", w->index);
    /* Out of memory here leaves the thread idle until the stop. */
    return dir_add_loop(s->dir, w, w->capacity) == 0 ? w : NULL;
}

static loop *place_match(server *s, uint32_t match_id, const uint8_t *token1, const uint8_t *token2,
                         int running)
{
    void *where = NULL;
    dir_result r = dir_add(s->dir, match_id, token1, token2, running, &where);
    if (r == DIR_NO_ROOM && start_worker(s)) /* a new, empty loop: room now */
        r = dir_add(s->dir, match_id, token1, token2, running, &where);
    return r == DIR_OK ? where : NULL;
}

/* ---- public ---- */

/* Listens on the server's first address. A server that has just ended may
 * hold its port a moment longer than its process: the kernel closes the
 * sockets of an io_uring only once the ring is torn down, about 0.2 s after
 * a kill -9. So a restart on the same port waits for it, a few seconds at
 * most, before it says the address is in use. */
static sock_err listen_first(const sock_addr *a, sock_t *out)
{
    uint64_t give_up = sys_now_ms() + LISTEN_RETRY_MS;
    int told = 0;
    sock_err e;
    while ((e = sock_listen(a, 128, out)) == SOCK_ERR_ADDR_IN_USE && sys_now_ms() < give_up) {
        if (!told++)
            logf_(LOG_INFO, "address in use: waiting up to %d s for it to be free",
                  LISTEN_RETRY_MS / 1000);
        sys_sleep_ms(100);
    }
    return e;
}

static int open_listeners(server *s, char *err, size_t cap)
{
    sock_addr addrs[MAX_LISTENERS];
    size_t n = 0;
    uint16_t port = s->o.port;
    sock_err e = sock_resolve(s->o.bind_host, port, 1, addrs, MAX_LISTENERS, &n);
    if (e != SOCK_OK) {
        snprintf(err, cap, "cannot resolve %s: %s", s->o.bind_host ? s->o.bind_host : "*",
                 sock_strerror(e));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        sock_t ls;
        if (s->nlisteners > 0 && port == 0) {
            /* Port 0 took a free port: bind the other addresses to it too. */
            sock_addr again[MAX_LISTENERS];
            size_t m = 0;
            sock_addr local;
            sock_local_addr(s->listener[0], &local);
            if (sock_resolve(s->o.bind_host, sock_addr_port(&local), 1, again, MAX_LISTENERS, &m) !=
                    SOCK_OK ||
                i >= m)
                break;
            addrs[i] = again[i];
        }
        e = s->nlisteners == 0 && port != 0 ? listen_first(&addrs[i], &ls)
                                            : sock_listen(&addrs[i], 128, &ls);
        if (e != SOCK_OK) {
            char text[SOCK_ADDR_TEXT_MAX];
            sock_addr_to_string(&addrs[i], text, sizeof text);
            if (s->nlisteners > 0) { /* e.g. IPv4 already taken by a dual-stack [::] */
                logf_(LOG_DEBUG, "not listening on %s too: %s", text, sock_strerror(e));
                continue;
            }
            if (i + 1 < n) {
                logf_(LOG_DEBUG, "cannot listen on %s: %s", text, sock_strerror(e));
                continue;
            }
            snprintf(err, cap, "cannot listen on %s: %s", text, sock_strerror(e));
            return -1;
        }
        s->listener[s->nlisteners++] = ls;
    }
    if (s->nlisteners == 0) {
        snprintf(err, cap, "no address to listen on");
        return -1;
    }
    {
        sock_addr local;
        sock_local_addr(s->listener[0], &local);
        sock_addr_to_string(&local, s->address, sizeof s->address);
    }
    return 0;
}

/* Answers LAN discovery on the lobby's loop. Only an explicit
 * --discovery-port that cannot be bound stops the server. */
static int start_discovery(server *s, char *err, size_t cap)
{
    sock_addr local;
    uint16_t tcp_port, port;
    char name[DISCOVERY_NAME_SIZE];
    if (s->o.no_discovery)
        return 0;
    sock_local_addr(s->listener[0], &local);
    tcp_port = sock_addr_port(&local);
    port = s->o.discovery_port ? s->o.discovery_port : tcp_port;
    if (server_discovery_open(&s->disc, s->o.bind_host, port, err, cap) != 0) {
        if (s->o.discovery_port)
            return -1;
        logf_(LOG_WARN, "%s; LAN discovery is off", err);
        return 0;
    }
    server_discovery_name(s->o.name, name);
    server_discovery_reply_init(&s->disc_reply, &s->o.match, tcp_port, name);
    for (size_t i = 0; i < s->disc.nsock; i++) {
        s->disc_watch[i].sock = s->disc.sock[i];
        s->disc_watch[i].kind = WATCH_DISCOVERY;
        if (evloop_add(s->lobby.ev, &s->disc_watch[i], EV_READ) != SOCK_OK) {
            snprintf(err, cap, "cannot watch the discovery socket");
            return -1;
        }
    }
    logf_(LOG_INFO, "discovery: answering probes on UDP port %u as \"%s\"", (unsigned)port, name);
    return 0;
}

/* Opens the journal: --journal FILE, RECORDS/journal by default. */
static int open_journal(server *s, char *err, size_t cap)
{
    const char *p = s->o.journal_path;
    char why[600];
    if (p && strcmp(p, "none") == 0)
        return 0;
    if (p)
        snprintf(s->journal_path, sizeof s->journal_path, "%s", p);
    else
        snprintf(s->journal_path, sizeof s->journal_path, "%s/journal", s->o.records_dir);
    if (journal_open(&s->journal, s->journal_path, &s->o.match, why, sizeof why) != 0) {
        snprintf(err, cap, "journal: %s", why);
        return -1;
    }
    if (journal_dropped_bytes(s->journal) > 0)
        logf_(LOG_WARN, "journal %s: %zu damaged byte(s) at its end ignored (a write cut short)",
              s->journal_path, journal_dropped_bytes(s->journal));
    lobby_set_next_match_id(s->lobby.lobby, journal_next_match_id(s->journal));
    return 0;
}

/* Writes the records of the games that had ended before the last stop
 * without their record: rebuilt from the journal's moves, dated today. */
static void record_unrecorded(server *s)
{
    size_t n = s->journal ? journal_unrecorded_count(s->journal) : 0;
    char date[16];
    sys_record_date(date, sizeof date);
    for (size_t i = 0; i < n; i++) {
        const unrecorded_game *u = journal_unrecorded(s->journal, i);
        match_record r;
        char *text;
        size_t len;
        game_error e = record_text_replay(&s->o.match, &u->game, u->result, date, &text, &len);
        if (e != GAME_OK) {
            logf_(LOG_ERROR, "match %lu: cannot rebuild game %lu's record from the journal: %s",
                  (unsigned long)u->game.match_id, (unsigned long)u->game.game_no,
                  game_strerror(e));
            continue;
        }
        logf_(LOG_INFO, "match %lu: game %lu had ended without its record: writing it",
              (unsigned long)u->game.match_id, (unsigned long)u->game.game_no);
        memset(&r, 0, sizeof r);
        r.match_id = u->game.match_id;
        r.game_no = u->game.game_no;
        r.extension = s->o.match.ops->record_extension;
        r.text = text;
        r.len = len;
        r.result = u->result;
        record_writer_put(s->writer, &r);
        free(text);
    }
}

/* Hands the games the journal restored to match threads, as if they had
 * just started with both players away. */
static void restore_games(server *s)
{
    size_t n = s->journal ? journal_restored_count(s->journal) : 0;
    for (size_t i = 0; i < n; i++) {
        match_restore *r = journal_restored(s->journal, i);
        msg *m = calloc(1, sizeof *m);
        loop *w = m ? place_match(s, r->match_id, r->token[0], r->token[1], 1) : NULL;
        if (!w) {
            logf_(LOG_ERROR, "match %lu: cannot restore (no thread or memory)",
                  (unsigned long)r->match_id);
            free(m);
            continue;
        }
        m->kind = MSG_RESTORE;
        m->to = w;
        m->restore = r;
        post(w, m);
    }
    if (n > 0)
        logf_(LOG_INFO, "journal %s: %zu unfinished game(s) restored; their players may resume",
              s->journal_path, n);
}

/* The lobby's event loop on --io's backend, by default the first built in
 * (evloop_backends: io_uring on Linux); where the kernel refuses one (a
 * seccomp policy, io_uring_disabled, an old kernel), the next, said in one
 * log line. The match loops take the same backend. */
static int open_event_loop(server *s, char *err, size_t cap)
{
    const char *const *names = evloop_backends();
    const char *why = "";
    const char *want = s->o.io ? s->o.io : names[0];
    sock_err e;
    size_t i = 0;
    if (!want) {
        snprintf(err, cap, "no event loop built in");
        return -1;
    }
    e = evloop_create(&s->lobby.ev, want, &why);
    if (e == SOCK_ERR_BAD_ADDRESS) {
        snprintf(err, cap, "--io: %s is not built into this server (it has %s%s%s%s%s)", want,
                 names[0], names[1] ? ", " : "", names[1] ? names[1] : "", names[2] ? ", " : "",
                 names[2] ? names[2] : "");
        return -1;
    }
    while (names[i] && strcmp(names[i], want) != 0)
        i++;
    while (e != SOCK_OK && names[i] && names[i + 1]) {
        const char *refused = why;
        i++;
        e = evloop_create(&s->lobby.ev, names[i], &why);
        if (e == SOCK_OK)
            logf_(LOG_WARN, "event loop: %s refused by the kernel (%s): using %s", want, refused,
                  names[i]);
    }
    if (e != SOCK_OK) {
        snprintf(err, cap, "cannot make an event loop: %s", why);
        return -1;
    }
    if (strcmp(evloop_backend(s->lobby.ev), want) == 0)
        logf_(LOG_INFO, "event loop: %s", want);
    return 0;
}

int server_create(server **out, const server_options *o, char *err, size_t cap)
{
    server *s = calloc(1, sizeof *s);
    loop *l;
    sock_err e;
    if (!s) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    s->o = *o;
    s->socket_budget = sys_socket_budget();
    sys_spare_take();
    if (!s->o.idle_ms)
        s->o.idle_ms = 60000;
    if (!s->o.ping_after_ms)
        s->o.ping_after_ms = s->o.idle_ms / 3;
    g_log_level = o->level;
    if (sys_mkdirs(o->records_dir) != 0) {
        snprintf(err, cap, "cannot create the records folder %s: %s", o->records_dir,
                 sys_last_error());
        free(s);
        return -1;
    }
    if ((e = sock_startup()) != SOCK_OK) {
        snprintf(err, cap, "cannot start the socket layer: %s", sock_strerror(e));
        free(s);
        return -1;
    }
    l = &s->lobby;
    l->srv = s;
    l->index = -1;
    init_sink(l);
    if (open_event_loop(s, err, cap) != 0) {
        server_destroy(s);
        return -1;
    }
    l->capacity = loop_capacity(s);
    if (!(s->dir = dir_create()) || !(s->count_lock = sys_mutex_create()) ||
        !(l->lock = sys_mutex_create()) ||
        !(l->lobby = lobby_create(&s->o.match, &l->sink))) {
        snprintf(err, cap, "out of resources");
        server_destroy(s);
        return -1;
    }
    if (open_journal(s, err, cap) != 0) {
        server_destroy(s);
        return -1;
    }
    if (record_writer_start(&s->writer, s->o.records_dir, s->journal, writer_log) != 0) {
        snprintf(err, cap, "cannot start the records writer: out of resources");
        server_destroy(s);
        return -1;
    }
    if (open_listeners(s, err, cap) != 0 || start_discovery(s, err, cap) != 0) {
        server_destroy(s);
        return -1;
    }
    for (size_t i = 0; i < s->nlisteners; i++) {
        s->listen_watch[i].sock = s->listener[i];
        s->listen_watch[i].kind = WATCH_LISTENER;
        if (evloop_add(l->ev, &s->listen_watch[i], EV_ACCEPT) != SOCK_OK) {
            snprintf(err, cap, "cannot watch the listening socket");
            server_destroy(s);
            return -1;
        }
    }
    *out = s;
    return 0;
}

const char *server_address(const server *s)
{
    return s->address;
}

int server_run(server *s)
{
    int rc;
    record_unrecorded(s);
    restore_games(s);
    rc = loop_run(&s->lobby);
    /* The lobby is done; the match threads finish their goodbyes. */
    if (!s->lobby.stopping)
        begin_stop_lobby(&s->lobby, sys_now_ms());
    for (size_t i = 0; i < s->nworkers; i++) {
        sys_thread_join(s->workers[i]->thread);
        s->workers[i]->thread = NULL;
    }
    /* Every queued record is written (and its END journaled) first. */
    record_writer_stop(s->writer);
    s->writer = NULL;
    logf_(LOG_INFO, "stopped");
    return rc;
}

void server_stop(server *s)
{
    s->stop_requested = 1;
    evloop_wake(s->lobby.ev);
}

void server_destroy(server *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nworkers; i++) {
        if (s->workers[i]->thread)
            sys_thread_join(s->workers[i]->thread);
        loop_free(s->workers[i]);
        free(s->workers[i]);
    }
    free(s->workers);
    for (size_t i = 0; i < s->nlisteners; i++)
        sock_close(s->listener[i]);
    server_discovery_close(&s->disc);
    loop_free(&s->lobby);
    sys_mutex_destroy(s->count_lock);
    dir_destroy(s->dir);
    record_writer_stop(s->writer); /* drains the queue into the journal */
    journal_close(s->journal);
    free(s);
    sock_cleanup();
}
