/* server_loop.c: the event loops. The lobby loop on the caller's thread
 * and match loops on their own threads (started as the others fill up);
 * the hand-off of connections and matches between them through each loop's
 * inbox; the timers of connections and matches; stopping.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "server_internal.h"

void loop_post(loop *to, msg *m)
{
    m->next = NULL;
    mb_mutex_lock(to->lock);
    if (to->in_tail)
        to->in_tail->next = m;
    else
        to->in_head = m;
    to->in_tail = m;
    mb_mutex_unlock(to->lock);
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
        loop_post(m->to, m);
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
    conn_flush(l, c);
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

/* Before a stop's goodbye, what has arrived on every link is read and
 * acted on, though no event said so yet (a busy thread may take the stop
 * before the reads of the same wake; the stop itself waits for one turn
 * that looked for events without sleeping, so that on io_uring the
 * completions that had arrived are reaped): a player whose link has ended, as a
 * host who left the game it hosts and then stops its server, is told to
 * its opponent as gone (PEER_STATUS) before the server's ERROR shutdown. */
static void read_arrived(loop *l, uint64_t now)
{
    for (size_t i = 0; i < l->nconns; i++)
        read_in(l, l->conns[i], 0, now);
}

static void begin_stop_worker(loop *l, uint64_t now)
{
    l->deaf = 0;
    read_arrived(l, now);
    stop_matches(l, now);
    l->stopping = 1;
    l->stop_deadline = now + STOP_FLUSH_MS;
}

/* Empties a loop's inbox: its messages, oldest first. */
static msg *take_inbox(loop *l)
{
    msg *m;
    mb_mutex_lock(l->lock);
    m = l->in_head;
    l->in_head = l->in_tail = NULL;
    mb_mutex_unlock(l->lock);
    return m;
}

/* The lobby's inbox: players coming back from their match loops (the
 * engine seat's hand-over, docs/server.md). */
static void lobby_inbox(loop *l, uint64_t now)
{
    msg *m = take_inbox(l);
    while (m) {
        msg *next = m->next;
        conn *c = m->c[0];
        adopt(l, c);
        if (l->stopping)
            send_error_and_close(l, c, PACKET_CODE_SHUTDOWN, "server shutting down");
        else if (!c->failed) /* (a failed one is reaped: nobody seats it) */
            lobby_requeue(l->lobby, c->id, m->seating.seat[m->seat].name,
                          m->seating.seat[m->seat].version, m->seating.seat[m->seat].engine, now);
        settle(l, c, now);
        free(m);
        m = next;
    }
}

static void process_inbox(loop *l, uint64_t now)
{
    msg *m = take_inbox(l);
    while (m) {
        msg *next = m->next;
        switch (m->kind) {
        case MSG_STOP:
            if (!l->stopping && !l->stop_turns)
                l->stop_turns = 2; /* after one more look at what arrived */
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
            if (code != 0 && m->engine_back && !c->failed && !l->stopping) {
                /* Its seat is gone (the game ended meanwhile): it waits in
                 * the lobby, seated there as after a game. */
                match_seating one;
                memset(&one, 0, sizeof one);
                one.seat[0].conn = c->id;
                memcpy(one.seat[0].name, m->hello.name, PACKET_NAME_SIZE);
                one.seat[0].name[PACKET_NAME_SIZE - 1] = '\0';
                one.seat[0].version = packet_negotiate_version(m->hello.version);
                one.seat[0].engine = 1;
                logf_(LOG_INFO,
                      "conn %llu: the engine seat's match has no seat for it: to the lobby",
                      (unsigned long long)c->id);
                l->sink.requeue(l, &one, 0);
                break;
            }
            if (code != 0) {
                logf_(LOG_INFO, "conn %llu: refused by its match: code %d",
                      (unsigned long long)c->id, code);
                send_error_and_close(l, c, (packet_error_code)code,
                                     code == PACKET_CODE_BAD_TOKEN
                                         ? "unknown or expired resume token"
                                     : code == PACKET_CODE_BAD_HELLO
                                         ? "this match's opening rule needs protocol version 2"
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

void begin_stop_lobby(loop *l, uint64_t now)
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
    read_arrived(l, now);
    /* What those reads started (a pair seated, a player resumed) goes to
     * its match thread ahead of the stop, which that thread then tells
     * them; as at a turn's end. */
    commit_batch(l);
    loop_reap(l, now);
    handoffs(l);
    lobby_shutdown(l->lobby);
    for (size_t i = 0; i < s->nworkers; i++) {
        msg *m = calloc(1, sizeof *m);
        if (m) {
            m->kind = MSG_STOP;
            loop_post(s->workers[i], m);
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

int loop_run(loop *l)
{
    enum { BATCH = 256 };
    ev_event evs[BATCH];
    int failures = 0;
    for (;;) {
        uint64_t now = mb_now_ms(), next = logic_deadline(l);
        int timeout = TICK_MS, n;
        if (next <= now || l->stop_turns)
            timeout = 0;
        else if (next - now < TICK_MS)
            timeout = (int)(next - now);
        n = evloop_wait(l->ev, timeout, evs, BATCH);
        now = mb_now_ms();
        if (n < 0) {
            logf_(LOG_ERROR, "event loop: %s", sock_strerror((sock_err)n));
            if (++failures > 100)
                return -1;
            n = 0;
        } else {
            failures = 0;
        }
        if (l->lobby && l->srv->stop_requested && !l->stopping && !l->stop_turns)
            l->stop_turns = 2; /* after one more look at what arrived */
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
                conn_flush(l, c);
            if ((evs[i].fired & (EV_READ | EV_CLOSE)) && !l->deaf)
                read_in(l, c, (evs[i].fired & EV_CLOSE) != 0, now);
        }
        /* A stop begins after a turn that waited for nothing: what had
         * arrived by then (an io_uring completion not reaped yet, a
         * player's end) is read first (read_arrived). */
        if (l->stop_turns && --l->stop_turns == 0) {
            if (l->lobby)
                begin_stop_lobby(l, now);
            else
                begin_stop_worker(l, now);
        }
        if (l->deaf) /* a test's deaf thread: what it does not read stays ready */
            mb_sleep_ms(10);
        /* Timers look at every connection and match: not on every wake. */
        if (now >= next || now >= l->next_scan) {
            poll_listeners(l, now);
            sync_journal(l, now);
            timers(l, now);
            l->next_scan = now + TICK_MS;
        }
        commit_batch(l);
        loop_reap(l, now);
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

size_t loop_capacity(const server *s)
{
    size_t cap = evloop_capacity(s->lobby.ev);
    if (s->o.loop_capacity && s->o.loop_capacity < cap)
        cap = s->o.loop_capacity;
    return cap;
}

void loop_free(loop *l)
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
    mb_mutex_destroy(l->lock);
    free(l->conns);
    free(l->held);
    while (l->nspare_tx)
        free(l->spare_tx[--l->nspare_tx]);
    conn_map_free(&l->by_id);
}

/* Starts one more match thread and enters its loop in the directory. */
static loop *start_worker(server *s)
{
    loop *w;
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    if (mb_grow(&s->workers, &s->capworkers, s->nworkers + 1, sizeof *s->workers, 4) != 0)
        return NULL;
    w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->srv = s;
    w->index = (int)s->nworkers;
    w->capacity = loop_capacity(s);
    init_sink(w);
    if (evloop_create(&w->ev, evloop_backend(s->lobby.ev), NULL) != SOCK_OK ||
        !(w->lock = mb_mutex_create()) || !(w->host = match_host_create(&s->o.match, &w->sink)) ||
        mb_thread_start(&w->thread, worker_main, w) != 0) {
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

loop *place_match(server *s, const dir_match *m)
{
    void *where = NULL;
    dir_result r = dir_add(s->dir, m, &where);
    if (r == DIR_NO_ROOM && start_worker(s)) /* a new, empty loop: room now */
        r = dir_add(s->dir, m, &where);
    return r == DIR_OK ? where : NULL;
}
