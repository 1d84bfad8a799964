/* server_conn.c: one connection's I/O on its loop: the send queue and
 * its flush, reads handed to the loop's state machine as whole packets,
 * linger, close, and the batch end's reap of failed and closed ones.
 */
#include <stdlib.h>
#include <string.h>

#include "server_internal.h"

/* ---- connections ---- */

/* The connection whose packet is being handled is asked for most (a move
 * goes back to its mover): it is at hand, without the map's lookup. */
conn *find_conn(loop *l, conn_id id)
{
    if (l->dispatching && l->dispatching->id == id)
        return l->dispatching;
    return conn_map_get(&l->by_id, id);
}

int push_conn(loop *l, conn *c)
{
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    if (mb_grow(&l->conns, &l->capconns, l->nconns + 1, sizeof *l->conns, 16) != 0)
        return -1;
    if (conn_map_put(&l->by_id, c->id, c) != 0)
        return -1;
    l->conns[l->nconns++] = c;
    c->owner = l;
    return 0;
}

void drop_from_list(loop *l, conn *c)
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

void real_close(loop *l, conn *c)
{
    if (c->dead)
        return;
    evloop_remove(l->ev, &c->watch);
    sock_close(c->sock);
    c->dead = 1;
    l->reap = 1;
}

/* Tells the loop's state machine that a connection it holds is gone. */
void logic_closed(loop *l, conn *c, uint64_t now)
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

/* Room for n more bytes in c's send queue: a spare first allocation, or
 * the queue grown (up to TX_CAP, which the caller checked). 0, or -1 when
 * out of memory. */
static int tx_room(loop *l, conn *c, size_t n)
{
    if (!c->tx_cap && l->nspare_tx) {
        c->tx = l->spare_tx[--l->nspare_tx];
        c->tx_cap = TX_FIRST;
    }
    if (c->tx_len + n > c->tx_cap) { /* grown as needed, up to TX_CAP */
        size_t cap = c->tx_cap ? 2 * c->tx_cap : TX_FIRST;
        uint8_t *grown;
        while (cap < c->tx_len + n)
            cap *= 2;
        if (!(grown = realloc(c->tx, cap)))
            return -1;
        c->tx = grown;
        c->tx_cap = cap;
    }
    return 0;
}

/* Gives back a send queue that holds nothing (an idle connection holds no
 * buffer): to the loop's spares if it is a first allocation. */
static void tx_release(loop *l, conn *c)
{
    if (c->tx_cap == TX_FIRST && l->nspare_tx < TX_SPARE)
        l->spare_tx[l->nspare_tx++] = c->tx;
    else
        free(c->tx);
    c->tx = NULL;
    c->tx_cap = 0;
}

void conn_flush(loop *l, conn *c)
{
    if (l->unsynced && !c->dead && !c->failed) {
        hold(l, c); /* nothing goes out before the journal has it */
        return;
    }
    while (c->tx_len > 0 && !c->dead && !c->failed) {
        long r = evloop_send(l->ev, &c->watch, c->tx, c->tx_len);
        if (r > 0) {
            if ((size_t)r < c->tx_len)
                memmove(c->tx, c->tx + r, c->tx_len - (size_t)r);
            c->tx_len -= (size_t)r;
            if (!c->tx_len) /* all handed over: an idle connection holds no buffer */
                tx_release(l, c);
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
        begin_linger(l, c, mb_now_ms());
}

/* a and b are equal byte for byte (padding that differs only misses). */
static int same_bytes(const packet_move *a, const packet_move *b)
{
    /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison) */
    return memcmp(a, b, sizeof *a) == 0;
}

/* packet_encode, but a MOVE equal to the last one encoded on this loop is
 * copied from its bytes: the encoder walks the packet's field table, a
 * good part of the server's own work per move flat out (issue 20). The
 * key is compared and kept byte for byte (memcmp, memcpy), so a field
 * added to packet_move is part of it; unequal padding only misses. */
static int encode(loop *l, const packet *p, uint8_t *buf, size_t cap)
{
    int n;
    if (p->type == PACKET_MOVE && l->move_len && l->move_len <= cap &&
        same_bytes(&p->u.move, &l->move_key)) {
        memcpy(buf, l->move_bytes, l->move_len);
        return (int)l->move_len;
    }
    n = packet_encode(p, buf, cap);
    if (p->type == PACKET_MOVE && n > 0 && (size_t)n <= sizeof l->move_bytes) {
        memcpy(&l->move_key, &p->u.move, sizeof l->move_key);
        memcpy(l->move_bytes, buf, (size_t)n);
        l->move_len = (size_t)n;
    }
    return n;
}

/* Encodes p straight into the end of c's send queue (no copy on the way)
 * and flushes it. */
void queue_packet(loop *l, conn *c, const packet *p)
{
    size_t size = packet_size_of_type((uint8_t)p->type);
    int n;
    if (c->dead || c->failed || c->lingering)
        return;
    if (packet_type_since((uint8_t)p->type) > (c->version ? c->version : PACKET_VERSION_MIN)) {
        /* The peer's version has no such packet: it is not told. */
        logf_(LOG_DEBUG, "conn %llu: %s not sent (peer speaks version %u)",
              (unsigned long long)c->id, packet_type_name((uint8_t)p->type), (unsigned)c->version);
        return;
    }
    if (size && c->tx_len + size > TX_CAP) {
        logf_(LOG_INFO, "conn %llu: too slow (send queue full), dropped",
              (unsigned long long)c->id);
        c->failed = 1;
        l->reap = 1;
        return;
    }
    if (size && tx_room(l, c, size) != 0) {
        c->failed = 1;
        l->reap = 1;
        return;
    }
    n = size ? encode(l, p, c->tx + c->tx_len, c->tx_cap - c->tx_len) : PACKET_ERR_UNKNOWN_TYPE;
    if (n < 0) {
        logf_(LOG_ERROR, "conn %llu: cannot encode %s: %s", (unsigned long long)c->id,
              packet_type_name((uint8_t)p->type), packet_strerror((packet_error)n));
        if (c->tx && !c->tx_len)
            tx_release(l, c);
        return;
    }
    c->tx_len += (size_t)n;
    if (!c->leaving)
        conn_flush(l, c);
}

void send_error_and_close(loop *l, conn *c, packet_error_code code, const char *text)
{
    packet p;
    packet_make_error(&p, code, text);
    queue_packet(l, c, &p);
    c->closing = 1;
    if (!c->leaving)
        conn_flush(l, c);
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
void dispatch(loop *l, conn *c, uint64_t now)
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
        l->dispatching = c; /* in by_id until the batch ends (reap, handoffs) */
        on_packet(l, c, &p, now);
        l->dispatching = NULL;
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
void read_in(loop *l, conn *c, int all, uint64_t now)
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

/* ---- batch end: failures, frees, hand-offs ---- */

void free_conn(server *s, conn *c)
{
    mb_mutex_lock(s->count_lock);
    s->sockets--;
    if (c->counted)
        s->clients--;
    mb_mutex_unlock(s->count_lock);
    if (c->spectator)
        dir_unwatch(s->dir, c->owner);
    evloop_release(s->lobby.ev, &c->watch);
    free(c->tx);
    free(c);
}

void loop_reap(loop *l, uint64_t now)
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
