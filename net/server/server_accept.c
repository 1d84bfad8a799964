/* server_accept.c: the lobby's listeners and accepting: the socket budget
 * of the descriptor limit, refusals when it is reached, pausing and
 * resuming the listeners.
 */
#include <stdio.h>
#include <stdlib.h>

#include "server_internal.h"

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

void accept_all(loop *l, ev_watch *listener, uint64_t now)
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
        mb_mutex_lock(s->count_lock);
        full = s->socket_budget && s->sockets >= s->socket_budget;
        if (!full)
            s->sockets++;
        mb_mutex_unlock(s->count_lock);
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
            mb_mutex_lock(s->count_lock);
            s->sockets--;
            mb_mutex_unlock(s->count_lock);
            logf_(LOG_ERROR, "out of memory for a new connection");
            continue;
        }
        c->sock = fd;
        c->last_rx_ms = now;
        packet_stream_init(&c->rx);
        rate_limit_init(&c->chat, CHAT_BURST, CHAT_PER_S, now);
        sock_addr_to_string(&peer, c->peer, sizeof c->peer);
        mb_mutex_lock(s->count_lock);
        full = s->o.max_clients && s->clients >= s->o.max_clients;
        if (!full) {
            s->clients++;
            c->counted = 1;
        }
        mb_mutex_unlock(s->count_lock);
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

void resume_accepting(loop *l, uint64_t now)
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
void poll_listeners(loop *l, uint64_t now)
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

/* Listens on the server's first address. A server that has just ended may
 * hold its port a moment longer than its process: the kernel closes the
 * sockets of an io_uring only once the ring is torn down, about 0.2 s after
 * a kill -9. So a restart on the same port waits for it, a few seconds at
 * most, before it says the address is in use. */
static sock_err listen_first(const sock_addr *a, sock_t *out)
{
    uint64_t give_up = mb_now_ms() + LISTEN_RETRY_MS;
    int told = 0;
    sock_err e;
    while ((e = sock_listen(a, 128, out)) == SOCK_ERR_ADDR_IN_USE && mb_now_ms() < give_up) {
        if (!told++)
            logf_(LOG_INFO, "address in use: waiting up to %d s for it to be free",
                  LISTEN_RETRY_MS / 1000);
        mb_sleep_ms(100);
    }
    return e;
}

int open_listeners(server *s, char *err, size_t cap)
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
