/* loadgen.c: the load generator's engine; see loadgen.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "grow.h"
#include "lg_sys.h"
#include "loadgen.h"
#include "mono_clock.h"
#include "packet.h"
#include "sock.h"
#include "thread.h"

#define RX_CAP  1024
#define TX_CAP  1024
#define BATCH   512
#define NS      1000000000ull
#define NO_SLOT (-1)

/* ---- the scripted game ---- */

static int longest_run(const signed char *cell, int n)
{
    static const int dir[4][2] = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
    int best = 0;
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
            for (int d = 0; d < 4; d++) {
                int k = 0, cx = x, cy = y;
                while (cx >= 0 && cy >= 0 && cx < n && cy < n &&
                       cell[cy * n + cx] == cell[y * n + x]) {
                    k++;
                    cx += dir[d][0];
                    cy += dir[d][1];
                }
                if (k > best)
                    best = k;
            }
    return best;
}

int lg_draw_pattern(int size, game_move *moves)
{
    signed char cell[LG_MAX_SIZE * LG_MAX_SIZE];
    int n = size, cells = size * size, black = 0, want = (size * size + 1) / 2, b = 0, w = 0;
    if (size < 5 || size > LG_MAX_SIZE)
        return -1;
    /* Stripes two wide, shifted by two each row: no line holds more than
     * two of a colour in a row (rows, columns and both diagonals). */
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) {
            cell[y * n + x] = (signed char)((x + 2 * y) % 4 < 2 ? 1 : 2);
            black += cell[y * n + x] == 1;
        }
    /* Black moves first, so it has the odd stone: trade single stones
     * until the counts are right, keeping every line below five. */
    for (int i = 0; i < cells && black != want; i++) {
        signed char from = black > want ? 1 : 2;
        if (cell[i] != from)
            continue;
        cell[i] = (signed char)(3 - from);
        if (longest_run(cell, n) >= 5) {
            cell[i] = from;
            continue;
        }
        black += from == 1 ? -1 : 1;
    }
    if (black != want)
        return -1;
    for (int i = 0; i < cells; i++) {
        int ply = cell[i] == 1 ? 2 * b++ : 2 * w++ + 1;
        game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, (uint8_t)(i % n), (uint8_t)(i / n), 0};
        moves[ply] = m;
    }
    return cells;
}

int lg_check_pattern(int size)
{
    game_move mv[LG_MAX_SIZE * LG_MAX_SIZE];
    game_options o = {GAME_KIND_GOMOKU, GAME_RULE_FREESTYLE, (uint8_t)size, (uint8_t)size};
    const game_ops *ops = &game_gomoku_ops;
    int n = lg_draw_pattern(size, mv), ok = n > 0;
    game *g;
    if (!ok || ops->normalize_options(&o) != GAME_OK || !(g = ops->create(&o)))
        return -1;
    for (int i = 0; i < n && ok; i++) {
        game_result r = ops->result(g);
        ok = r.reason == GAME_END_NONE && ops->apply(g, &mv[i]) == GAME_MOVE_OK;
    }
    if (ok) {
        game_result r = ops->result(g);
        ok = r.reason == GAME_END_BOARD_FULL && r.winner == GAME_SIDE_NONE;
    }
    ops->destroy(g);
    return ok ? 0 : -1;
}

/* ---- latency ---- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

void lg_latency_of(uint32_t *ns, size_t n, lg_latency *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    if (n == 0)
        return;
    qsort(ns, n, sizeof *ns, cmp_u32);
#define PCT(q) (ns[(size_t)((double)(n - 1) * (q) + 0.5)] / 1000.0)
    out->p50 = PCT(0.50);
    out->p99 = PCT(0.99);
    out->p999 = PCT(0.999);
    out->max = ns[n - 1] / 1000.0;
#undef PCT
}

typedef struct samples {
    uint32_t *v;
    size_t n, cap;
} samples;

static void sample_add(samples *s, uint64_t ns)
{
    if (mb_grow(&s->v, &s->cap, s->n + 1, sizeof *s->v, 65536) != 0)
        return;
    s->v[s->n++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
}

/* ---- the run's state ---- */

typedef struct conn {
    sock_t s;
    int index;
    int match;    /* match slot, NO_SLOT until seated */
    uint8_t seat; /* 1 or 2 in the current game */
    uint8_t connecting, open, welcomed, started, over;
    uint32_t rx_len, tx_len;
    uint8_t rx[RX_CAP];
    uint8_t *tx; /* what a send left over (rare), TX_CAP */
    char name[24];
} conn;

typedef struct match {
    uint32_t id;
    int c[2]; /* connection of Player1, Player2 in the current game */
    uint32_t game_no;
    uint32_t ply;    /* the next move to play */
    int in_flight;   /* ply-1 sent, not yet at the opponent */
    int waiting_due; /* paced: due, but the last move is still in flight */
    uint64_t sent_ns, due_ns;
    int heap_at; /* -1: not scheduled */
    int starts, overs, games, done;
    uint8_t winner, reason;
    uint32_t plies_over;
} match;

typedef struct run {
    const lg_config *cfg;
    lg_result *r;
    lg_poll *poll;
    conn *conns;
    match *matches;
    int nconn, nmatch, seated_matches;
    int *by_id; /* open addressing: match id -> slot */
    uint32_t id_mask;
    int *heap;
    int nheap;
    game_move moves[LG_MAX_SIZE * LG_MAX_SIZE];
    int plies, board;
    uint64_t period_ns, t_begin, t_measure, t_end, t_deadline;
    int measuring, stopping;
    int next_connect, setting_up, open_now, finished;
    samples lat;
    uint64_t rng;
    lg_proc_stat proc_start;
    lg_kernel_mem kernel_start;
} run;

static void MB_PRINTF(2, 3) fail(run *u, const char *fmt, ...)
{
    va_list ap;
    u->r->errors++;
    if (u->r->errors > 1)
        return;
    va_start(ap, fmt);
    vsnprintf(u->r->first_error, sizeof u->r->first_error, fmt, ap);
    va_end(ap);
}

static uint64_t rnd(run *u)
{
    u->rng ^= u->rng << 13;
    u->rng ^= u->rng >> 7;
    u->rng ^= u->rng << 17;
    return u->rng;
}

/* ---- the schedule (paced runs): a binary heap of matches by due time ---- */

static void heap_swap(run *u, int a, int b)
{
    int t = u->heap[a];
    u->heap[a] = u->heap[b];
    u->heap[b] = t;
    u->matches[u->heap[a]].heap_at = a;
    u->matches[u->heap[b]].heap_at = b;
}

static uint64_t due_of(run *u, int i)
{
    return u->matches[u->heap[i]].due_ns;
}

static void heap_push(run *u, int m, uint64_t due)
{
    int i = u->nheap++;
    u->matches[m].due_ns = due;
    u->heap[i] = m;
    u->matches[m].heap_at = i;
    while (i > 0 && due_of(u, (i - 1) / 2) > due_of(u, i)) {
        heap_swap(u, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static int heap_pop(run *u)
{
    int top = u->heap[0], i = 0;
    u->matches[top].heap_at = -1;
    if (--u->nheap == 0)
        return top;
    u->heap[0] = u->heap[u->nheap];
    u->matches[u->heap[0]].heap_at = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < u->nheap && due_of(u, l) < due_of(u, m))
            m = l;
        if (r < u->nheap && due_of(u, r) < due_of(u, m))
            m = r;
        if (m == i)
            break;
        heap_swap(u, i, m);
        i = m;
    }
    return top;
}

/* ---- sending ---- */

static void close_conn(run *u, conn *c)
{
    if (!c->open && !c->connecting)
        return;
    lg_poll_remove(u->poll, c->s);
    sock_close(c->s);
    if (c->open)
        u->open_now--;
    c->open = c->connecting = 0;
}

static void send_bytes(run *u, conn *c, const uint8_t *b, size_t n)
{
    long r = 0;
    if (!c->open)
        return;
    if (c->tx_len == 0) {
        r = sock_send(c->s, b, n);
        if (r < 0 && r != SOCK_ERR_WOULD_BLOCK) {
            fail(u, "connection %d: send failed: %s", c->index, sock_strerror((sock_err)r));
            close_conn(u, c);
            return;
        }
        if (r < 0)
            r = 0;
        if ((size_t)r == n)
            return;
    }
    if (!c->tx && !(c->tx = malloc(TX_CAP))) {
        fail(u, "out of memory");
        return;
    }
    if (c->tx_len + n - (size_t)r > TX_CAP) {
        fail(u, "connection %d: the peer does not read", c->index);
        close_conn(u, c);
        return;
    }
    memcpy(c->tx + c->tx_len, b + r, n - (size_t)r);
    c->tx_len += (uint32_t)(n - (size_t)r);
    lg_poll_set_write(u->poll, c->s, c, 1);
}

static void send_packet(run *u, conn *c, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    int n = packet_encode(p, buf, sizeof buf);
    if (n < 0) {
        fail(u, "cannot encode %s: %s", packet_type_name((uint8_t)p->type),
             packet_strerror((packet_error)n));
        return;
    }
    send_bytes(u, c, buf, (size_t)n);
}

static void flush_tx(run *u, conn *c)
{
    long r;
    if (c->tx_len == 0) {
        lg_poll_set_write(u->poll, c->s, c, 0);
        return;
    }
    r = sock_send(c->s, c->tx, c->tx_len);
    if (r == SOCK_ERR_WOULD_BLOCK)
        return;
    if (r < 0) {
        fail(u, "connection %d: send failed: %s", c->index, sock_strerror((sock_err)r));
        close_conn(u, c);
        return;
    }
    memmove(c->tx, c->tx + r, c->tx_len - (size_t)r);
    c->tx_len -= (uint32_t)r;
    if (c->tx_len == 0)
        lg_poll_set_write(u->poll, c->s, c, 0);
}

/* ---- playing ---- */

static int pattern_index(const run *u, uint32_t ply)
{
    return (int)(ply % (uint32_t)u->plies);
}

/* The side to move of match m sends its next move. */
static void play(run *u, match *m, uint64_t now)
{
    const game_move *mv = &u->moves[pattern_index(u, m->ply)];
    conn *c = &u->conns[m->c[m->ply % 2]];
    packet p;
    packet_make_move(&p, m->ply, mv->from_x, mv->from_y, mv->to_x, mv->to_y, mv->promotion);
    m->in_flight = 1;
    m->waiting_due = 0;
    m->sent_ns = now;
    send_packet(u, c, &p);
}

static void schedule_or_play(run *u, int mi, uint64_t now, uint64_t due)
{
    match *m = &u->matches[mi];
    if (u->stopping)
        return;
    if (u->period_ns == 0)
        play(u, m, now);
    else
        heap_push(u, mi, due);
}

static void game_begins(run *u, int mi, uint64_t now)
{
    match *m = &u->matches[mi];
    m->ply = 0;
    m->in_flight = 0;
    m->overs = 0;
    m->game_no++;
    if (u->period_ns == 0)
        schedule_or_play(u, mi, now, now);
    else if (m->game_no == 1) /* spread the matches over one period */
        schedule_or_play(u, mi, now, now + rnd(u) % u->period_ns);
    else
        schedule_or_play(u, mi, now, now + u->period_ns);
}

static int want_more_games(const run *u, const match *m)
{
    return !u->stopping && (u->cfg->seconds > 0 || m->games < u->cfg->games);
}

static void match_finished(run *u, match *m)
{
    m->done = 1;
    u->finished++;
    for (int s = 0; s < 2; s++)
        if (m->c[s] >= 0)
            close_conn(u, &u->conns[m->c[s]]);
}

/* The opponent got move `ply` of match m. */
static void move_arrived(run *u, match *m, uint32_t ply, uint64_t now)
{
    int mi = (int)(m - u->matches);
    if (!m->in_flight || ply != m->ply) {
        fail(u, "match %lu: move %lu arrived, %lu was in flight", (unsigned long)m->id,
             (unsigned long)ply, (unsigned long)m->ply);
        return;
    }
    m->in_flight = 0;
    m->ply++;
    if (u->measuring == 1) {
        u->r->moves++;
        sample_add(&u->lat, now - m->sent_ns);
    }
    if (u->cfg->target == LG_RELAY && m->ply % (uint32_t)u->plies == 0) {
        m->games++;
        u->r->games_done++;
        if (!want_more_games(u, m)) {
            match_finished(u, m);
            return;
        }
    }
    if (u->cfg->target == LG_SERVER && m->ply == (uint32_t)u->plies)
        return; /* GAME_OVER comes next */
    if (u->period_ns == 0)
        schedule_or_play(u, mi, now, now);
    else if (m->waiting_due)
        play(u, m, now); /* it was due already: late */
}

static void check_move(run *u, match *m, const packet_move *pm)
{
    const game_move *mv = &u->moves[pattern_index(u, pm->ply)];
    if (pm->to_x != mv->to_x || pm->to_y != mv->to_y || pm->from_x != mv->from_x)
        fail(u, "match %lu: move %lu came back changed", (unsigned long)m->id,
             (unsigned long)pm->ply);
}

static int slot_of_id(run *u, uint32_t id, int create)
{
    uint32_t h = (id * 2654435761u) & u->id_mask;
    while (u->by_id[h] != NO_SLOT) {
        if (u->matches[u->by_id[h]].id == id)
            return u->by_id[h];
        h = (h + 1) & u->id_mask;
    }
    if (!create || u->nmatch >= u->cfg->matches)
        return NO_SLOT;
    {
        int mi = u->nmatch++;
        match *m = &u->matches[mi];
        memset(m, 0, sizeof *m);
        m->id = id;
        m->c[0] = m->c[1] = -1;
        m->heap_at = -1;
        u->by_id[h] = mi;
        return mi;
    }
}

static void on_welcome(run *u, conn *c, const packet_welcome *w)
{
    int mi = slot_of_id(u, w->match_id, 1);
    match *m;
    if (w->seat != PACKET_SEAT_P1 && w->seat != PACKET_SEAT_P2) {
        fail(u, "connection %d: seated as %u", c->index, (unsigned)w->seat);
        return;
    }
    if (mi == NO_SLOT) {
        fail(u, "connection %d: more matches than asked for", c->index);
        return;
    }
    if (!c->welcomed) {
        c->welcomed = 1;
        u->setting_up--;
        if (w->width < 5 || w->width > LG_MAX_SIZE || w->width != w->height) {
            fail(u, "a %ux%u board", (unsigned)w->width, (unsigned)w->height);
            return;
        }
        if (u->board == 0) {
            u->board = w->width;
            u->plies = lg_draw_pattern(u->board, u->moves);
        } else if (u->board != w->width) {
            fail(u, "boards of two sizes");
        }
    }
    m = &u->matches[mi];
    c->match = mi;
    c->seat = w->seat;
    c->started = 0;
    c->over = 0;
    m->c[w->seat - 1] = c->index;
}

static void on_game_over(run *u, conn *c, match *m, const packet_game_over *g)
{
    if (c->over++) {
        fail(u, "match %lu: GAME_OVER twice", (unsigned long)m->id);
        return;
    }
    if (m->overs == 0) {
        m->winner = g->winner;
        m->reason = g->reason;
        m->plies_over = g->plies;
    } else if (m->winner != g->winner || m->reason != g->reason || m->plies_over != g->plies) {
        fail(u, "match %lu: the players were told different results", (unsigned long)m->id);
    }
    if (++m->overs < 2)
        return;
    if (m->reason != GAME_END_BOARD_FULL || m->winner != 0 || m->plies_over != (uint32_t)u->plies ||
        m->ply != (uint32_t)u->plies)
        fail(u, "match %lu game %lu: over with reason %u winner %u after %lu plies",
             (unsigned long)m->id, (unsigned long)m->game_no, (unsigned)m->reason,
             (unsigned)m->winner, (unsigned long)m->plies_over);
    m->games++;
    u->r->games_done++;
    if (u->cfg->on_game) {
        lg_game gm;
        memset(&gm, 0, sizeof gm);
        gm.match_id = m->id;
        gm.game_no = m->game_no;
        memcpy(gm.player1, u->conns[m->c[0]].name, sizeof gm.player1);
        memcpy(gm.player2, u->conns[m->c[1]].name, sizeof gm.player2);
        gm.plies = m->plies_over;
        gm.winner = m->winner;
        gm.reason = m->reason;
        u->cfg->on_game(u->cfg->ctx, &gm);
    }
    if (!want_more_games(u, m)) {
        match_finished(u, m);
        return;
    }
    {
        packet p;
        memset(&p, 0, sizeof p);
        p.type = PACKET_REMATCH_OFFER;
        p.u.ply.ply = m->plies_over;
        m->starts = 0;
        send_packet(u, &u->conns[m->c[0]], &p);
    }
}

static void on_packet(run *u, conn *c, const packet *p, uint64_t now)
{
    match *m = c->match == NO_SLOT ? NULL : &u->matches[c->match];
    switch (p->type) {
    case PACKET_WELCOME:
        on_welcome(u, c, &p->u.welcome);
        return;
    case PACKET_MOVE:
        if (!m) {
            fail(u, "connection %d: a move before WELCOME", c->index);
            return;
        }
        if (u->cfg->target == LG_SERVER)
            check_move(u, m, &p->u.move);
        if ((p->u.move.ply % 2 == 0) != (c->seat == 1))
            move_arrived(u, m, p->u.move.ply, now);
        /* else the mover's own move, sent back (by the server, or a relay
         * with --echo) */
        return;
    case PACKET_START:
        if (!m || c->started++) {
            fail(u, "connection %d: START out of place", c->index);
            return;
        }
        if (++m->starts < 2)
            return;
        if (m->game_no > 0) {
            game_begins(u, c->match, now); /* a rematch */
            return;
        }
        /* The first games start together once every match is seated, so
         * that every connection is held at once. */
        if (++u->seated_matches == u->cfg->matches)
            for (int k = 0; k < u->nmatch; k++)
                game_begins(u, k, now);
        return;
    case PACKET_GAME_OVER:
        if (m)
            on_game_over(u, c, m, &p->u.game_over);
        return;
    case PACKET_REMATCH_OFFER: {
        packet a;
        memset(&a, 0, sizeof a);
        a.type = PACKET_REMATCH_ANSWER;
        a.u.answer.accept = PACKET_ANSWER_ACCEPT;
        send_packet(u, c, &a);
        return;
    }
    case PACKET_PING: {
        packet pong = *p;
        pong.type = PACKET_PONG;
        send_packet(u, c, &pong);
        return;
    }
    case PACKET_REJECT:
        fail(u, "connection %d: move %lu rejected, reason %u", c->index,
             (unsigned long)p->u.reject.ply, (unsigned)p->u.reject.reason);
        return;
    case PACKET_ERROR:
        fail(u, "connection %d: ERROR %u %s", c->index, (unsigned)p->u.error.code, p->u.error.text);
        return;
    case PACKET_CLOCK:
    case PACKET_PONG:
    case PACKET_PEER_STATUS:
        return;
    default:
        fail(u, "connection %d: unexpected %s", c->index, packet_type_name((uint8_t)p->type));
        return;
    }
}

static void on_readable(run *u, conn *c, uint64_t now)
{
    for (;;) {
        size_t at = 0, room = RX_CAP - c->rx_len;
        int full;
        long r = sock_recv(c->s, c->rx + c->rx_len, room);
        if (r == SOCK_ERR_WOULD_BLOCK)
            return;
        if (r <= 0) {
            match *m = c->match == NO_SLOT ? NULL : &u->matches[c->match];
            if (!u->stopping && !(m && m->done))
                fail(u, "connection %d: %s", c->index,
                     r == 0 ? "closed by the peer" : sock_strerror((sock_err)r));
            close_conn(u, c);
            return;
        }
        c->rx_len += (uint32_t)r;
        full = (size_t)r == room;
        while (c->rx_len - at >= PACKET_HEADER_SIZE) {
            size_t size = 0;
            packet p;
            packet_error e = packet_peek_header(c->rx + at, &size);
            if (e == PACKET_OK && c->rx_len - at < size)
                break;
            if (e == PACKET_OK)
                e = packet_decode(c->rx + at, size, &p);
            if (e != PACKET_OK) {
                fail(u, "connection %d: bad packet: %s", c->index, packet_strerror(e));
                close_conn(u, c);
                return;
            }
            at += size;
            on_packet(u, c, &p, now);
            if (!c->open)
                return;
        }
        memmove(c->rx, c->rx + at, c->rx_len - at);
        c->rx_len -= (uint32_t)at;
        if (!full)
            return; /* a short read took all there was; the poller says when more comes */
    }
}

/* ---- connecting ---- */

static int resolve(run *u, sock_addr *a)
{
    size_t n = 0;
    sock_err e = sock_resolve(u->cfg->host, u->cfg->port, 0, a, 1, &n);
    if (e != SOCK_OK || n == 0) {
        fail(u, "cannot resolve %s: %s", u->cfg->host, sock_strerror(e));
        return -1;
    }
    return 0;
}

static void hello(run *u, conn *c)
{
    packet p;
    packet_make_hello(&p, PACKET_WANT_PLAY, c->name, NULL);
    send_packet(u, c, &p);
}

/* Server: keeps connect_window connections being set up (non-blocking
 * connects, then HELLO, until WELCOME). */
static void connect_more(run *u, const sock_addr *a)
{
    while (u->next_connect < u->nconn && u->setting_up < u->cfg->connect_window) {
        conn *c = &u->conns[u->next_connect++];
        sock_err e = sock_connect(a, 1, &c->s);
        if (e != SOCK_OK && e != SOCK_ERR_IN_PROGRESS) {
            fail(u, "connection %d: connect: %s", c->index, sock_strerror(e));
            u->stopping = 1;
            return;
        }
        sock_set_nodelay(c->s, 1);
        c->connecting = 1;
        u->setting_up++;
        if (lg_poll_add(u->poll, c->s, c, 1) != 0) {
            fail(u, "connection %d: cannot watch it", c->index);
            u->stopping = 1;
            return;
        }
    }
}

static void on_connected(run *u, conn *c)
{
    sock_err e = sock_connect_result(c->s);
    c->connecting = 0;
    if (e != SOCK_OK) {
        fail(u, "connection %d: connect: %s", c->index, sock_strerror(e));
        lg_poll_remove(u->poll, c->s);
        sock_close(c->s);
        u->setting_up--;
        return;
    }
    c->open = 1;
    u->open_now++;
    lg_poll_set_write(u->poll, c->s, c, 0);
    hello(u, c);
}

/* Relay: pairs form in connection order, so connect one at a time. */
static int connect_relay(run *u, const sock_addr *a, uint64_t now)
{
    for (int i = 0; i < u->nconn; i++) {
        conn *c = &u->conns[i];
        sock_err e = sock_connect(a, 0, &c->s);
        if (e != SOCK_OK) {
            fail(u, "connection %d: connect: %s", i, sock_strerror(e));
            return -1;
        }
        sock_set_nonblocking(c->s, 1);
        sock_set_nodelay(c->s, 1);
        c->open = 1;
        u->open_now++;
        c->match = i / 2;
        c->seat = (uint8_t)(1 + i % 2);
        if (lg_poll_add(u->poll, c->s, c, 0) != 0) {
            fail(u, "connection %d: cannot watch it", i);
            return -1;
        }
    }
    u->nmatch = u->cfg->matches;
    u->seated_matches = u->nmatch;
    for (int k = 0; k < u->nmatch; k++) {
        match *m = &u->matches[k];
        memset(m, 0, sizeof *m);
        m->id = (uint32_t)k + 1;
        m->c[0] = 2 * k;
        m->c[1] = 2 * k + 1;
        m->heap_at = -1;
        game_begins(u, k, now);
    }
    return 0;
}

/* ---- the run ---- */

static void sample_server(run *u, int when)
{
    lg_proc_stat st;
    lg_kernel_mem km;
    if (u->cfg->server_pid <= 0)
        return;
    lg_proc_read(u->cfg->server_pid, &st);
    lg_kernel_mem_read(&km);
    if (when == 0) {
        u->r->proc_known = st.known;
        u->r->rss_idle_kib = st.rss_kib;
        u->kernel_start = km;
    } else if (when == 1) {
        u->r->rss_full_kib = st.rss_kib;
        u->r->kernel_known = km.known && u->kernel_start.known;
        u->r->kernel_slab_kib = (int64_t)km.slab_kib - (int64_t)u->kernel_start.slab_kib;
        u->r->kernel_tcp_kib =
            (int64_t)km.tcp_buffers_kib - (int64_t)u->kernel_start.tcp_buffers_kib;
    } else if (when == 2) {
        u->proc_start = st;
    } else {
        u->r->hwm_kib = st.hwm_kib;
        u->r->cpu_user_s = st.cpu_user_s - u->proc_start.cpu_user_s;
        u->r->cpu_sys_s = st.cpu_sys_s - u->proc_start.cpu_sys_s;
        u->r->cpu_s = u->r->cpu_user_s + u->r->cpu_sys_s;
        u->r->proc_known = st.known && u->proc_start.known;
    }
}

static void begin_measuring(run *u, uint64_t now)
{
    u->measuring = 1;
    u->t_measure = now;
    if (u->cfg->seconds > 0)
        u->t_end = now + (uint64_t)(u->cfg->seconds * 1e9);
    sample_server(u, 2);
}

static void due_moves(run *u, uint64_t now)
{
    while (u->nheap > 0 && u->matches[u->heap[0]].due_ns <= now) {
        int mi = heap_pop(u);
        match *m = &u->matches[mi];
        uint32_t due_ply = m->ply;
        if (m->done || u->stopping)
            continue;
        if (m->in_flight) {
            m->waiting_due = 1; /* sent when the last one arrives */
            due_ply = m->ply + 1;
            if (u->measuring == 1)
                u->r->late++;
        } else {
            play(u, m, now);
        }
        /* The next move is due one period after this one was. */
        if (u->cfg->target == LG_RELAY || due_ply + 1 < (uint32_t)u->plies)
            heap_push(u, mi, m->due_ns + u->period_ns);
    }
}

static int poll_timeout(run *u, uint64_t now)
{
    uint64_t next = now + 100000000ull; /* look around every 100 ms at least */
    if (u->nheap > 0 && u->matches[u->heap[0]].due_ns < next)
        next = u->matches[u->heap[0]].due_ns;
    if (u->t_end && u->t_end < next)
        next = u->t_end;
    return next <= now ? 0 : (int)((next - now + 999999) / 1000000);
}

static int setup(run *u, const lg_config *cfg, lg_result *r)
{
    size_t ids = 16;
    memset(u, 0, sizeof *u);
    memset(r, 0, sizeof *r);
    u->cfg = cfg;
    u->r = r;
    u->rng = 0x9E3779B97F4A7C15ull ^ mb_now_ns();
    if (cfg->matches <= 0 || (cfg->seconds <= 0 && cfg->games <= 0)) {
        fail(u, "nothing to do: matches and seconds or games");
        return -1;
    }
    u->nconn = 2 * cfg->matches;
    while (ids < 4 * (size_t)cfg->matches)
        ids *= 2;
    u->id_mask = (uint32_t)ids - 1;
    u->conns = calloc((size_t)u->nconn, sizeof *u->conns);
    u->matches = calloc((size_t)cfg->matches, sizeof *u->matches);
    u->heap = calloc((size_t)cfg->matches, sizeof *u->heap);
    u->by_id = malloc(ids * sizeof *u->by_id);
    u->poll = lg_poll_create((size_t)u->nconn + 1);
    if (!u->conns || !u->matches || !u->heap || !u->by_id || !u->poll) {
        fail(u, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < ids; i++)
        u->by_id[i] = NO_SLOT;
    for (int i = 0; i < u->nconn; i++) {
        u->conns[i].index = i;
        u->conns[i].match = NO_SLOT;
        snprintf(u->conns[i].name, sizeof u->conns[i].name, "lg%d", i);
    }
    u->period_ns = cfg->pace > 0 ? (uint64_t)(1e9 / cfg->pace) : 0;
    if (cfg->target == LG_RELAY) {
        u->board = cfg->board ? cfg->board : 15;
        u->plies = lg_draw_pattern(u->board, u->moves);
        if (u->plies < 0) {
            fail(u, "no pattern for a %dx%d board", u->board, u->board);
            return -1;
        }
    }
    return 0;
}

static void teardown(run *u)
{
    for (int i = 0; i < u->nconn; i++) {
        close_conn(u, &u->conns[i]);
        free(u->conns[i].tx);
    }
    lg_poll_destroy(u->poll);
    free(u->conns);
    free(u->matches);
    free(u->heap);
    free(u->by_id);
    free(u->lat.v);
}

int lg_run(const lg_config *cfg, lg_result *r)
{
    run u;
    sock_addr a;
    lg_ready ready[BATCH];
    uint64_t now;
    int rc = 0;

    if (setup(&u, cfg, r) != 0 || resolve(&u, &a) != 0) {
        teardown(&u);
        return -1;
    }
    sample_server(&u, 0);
    now = u.t_begin = mb_now_ns();
    u.t_deadline = now + (uint64_t)((cfg->timeout > 0 ? cfg->timeout : 600) * 1e9);
    if (cfg->target == LG_RELAY) {
        if (connect_relay(&u, &a, now) != 0) {
            teardown(&u);
            return -1;
        }
    } else {
        connect_more(&u, &a);
    }
    for (;;) {
        int n;
        now = mb_now_ns();
        if (!u.measuring && u.seated_matches == cfg->matches) {
            if ((size_t)u.open_now > r->conns_held)
                r->conns_held = (size_t)u.open_now;
            sample_server(&u, 1);
            if (cfg->seconds > 0)
                u.t_measure = now + (uint64_t)(cfg->warmup * 1e9); /* start after the warm-up */
            u.measuring = -1;
        }
        if (u.measuring == -1 && (cfg->seconds <= 0 || now >= u.t_measure))
            begin_measuring(&u, now);
        if (u.t_end && now >= u.t_end && !u.stopping) {
            u.stopping = 1;
            break;
        }
        if (u.finished == cfg->matches && u.nmatch == cfg->matches)
            break;
        if (now >= u.t_deadline) {
            fail(&u, "timed out: %d of %d matches seated, %d finished", u.seated_matches,
                 cfg->matches, u.finished);
            break;
        }
        due_moves(&u, now);
        n = lg_poll_wait(u.poll, poll_timeout(&u, now), ready, BATCH);
        if (n < 0) {
            fail(&u, "the poller failed");
            rc = -1;
            break;
        }
        now = mb_now_ns();
        for (int i = 0; i < n; i++) {
            conn *c = ready[i].user;
            if (c->connecting && ready[i].writable) {
                on_connected(&u, c);
                continue;
            }
            if (c->connecting && ready[i].readable) {
                on_connected(&u, c); /* refused: the result says so */
                continue;
            }
            if (c->open && ready[i].writable)
                flush_tx(&u, c);
            if (c->open && ready[i].readable)
                on_readable(&u, c, now);
        }
        if (cfg->target == LG_SERVER && !u.stopping)
            connect_more(&u, &a);
    }
    now = mb_now_ns();
    if (u.measuring == 1) {
        r->seconds = (double)(now - u.t_measure) / 1e9;
        r->moves_per_s = r->seconds > 0 ? (double)r->moves / r->seconds : 0;
    }
    sample_server(&u, 3);
    lg_latency_of(u.lat.v, u.lat.n, &r->lat);
    teardown(&u);
    return rc;
}

/* ---- the ping-pong floor ---- */

typedef struct echo_arg {
    sock_t s;
    int n;
} echo_arg;

static void echo_main(void *arg)
{
    echo_arg *e = arg;
    uint8_t b[16];
    for (int i = 0; i < e->n; i++) {
        size_t got = 0;
        while (got < sizeof b) {
            long r = sock_recv(e->s, b + got, sizeof b - got);
            if (r <= 0)
                return;
            got += (size_t)r;
        }
        if (sock_send(e->s, b, sizeof b) != (long)sizeof b)
            return;
    }
}

int lg_pingpong(int n, uint64_t interval_ns, lg_latency *rtt, char *err, size_t cap)
{
    sock_addr a;
    size_t na = 0;
    sock_t l = SOCK_INVALID, c = SOCK_INVALID, s = SOCK_INVALID;
    lg_poll *p = NULL;
    mb_thread *t = NULL;
    echo_arg ea;
    uint32_t *ns = calloc((size_t)n, sizeof *ns);
    int done = 0;
    uint64_t next = 0;
    memset(rtt, 0, sizeof *rtt);
    if (!ns || sock_resolve("127.0.0.1", 0, 1, &a, 1, &na) != SOCK_OK ||
        sock_listen(&a, 4, &l) != SOCK_OK || sock_local_addr(l, &a) != SOCK_OK ||
        sock_connect(&a, 0, &c) != SOCK_OK || sock_wait(l, 0, 5000) != SOCK_OK ||
        sock_accept(l, &s, NULL) != SOCK_OK) {
        snprintf(err, cap, "ping-pong: cannot connect two sockets over 127.0.0.1");
        goto out;
    }
    sock_set_nonblocking(s, 0);
    sock_set_nodelay(s, 1);
    sock_set_nonblocking(c, 1);
    sock_set_nodelay(c, 1);
    ea.s = s;
    ea.n = n;
    if (!(p = lg_poll_create(2)) || lg_poll_add(p, c, &c, 0) != 0 ||
        mb_thread_start(&t, echo_main, &ea) != 0) {
        snprintf(err, cap, "ping-pong: no poller or thread");
        goto out;
    }
    for (; done < n; done++) {
        uint8_t b[16];
        size_t got = 0;
        uint64_t t0;
        memset(b, done & 0xFF, sizeof b);
        t0 = mb_now_ns();
        if (interval_ns) {
            if (!next)
                next = t0;
            if (next > t0) {
                mb_sleep_us((next - t0) / 1000);
                t0 = mb_now_ns();
            }
            next += interval_ns;
        }
        if (sock_send(c, b, sizeof b) != (long)sizeof b)
            break;
        while (got < sizeof b) {
            lg_ready rd;
            long r = sock_recv(c, b + got, sizeof b - got);
            if (r == SOCK_ERR_WOULD_BLOCK) {
                if (lg_poll_wait(p, 5000, &rd, 1) <= 0)
                    break;
                continue;
            }
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        if (got < sizeof b)
            break;
        ns[done] = (uint32_t)(mb_now_ns() - t0);
    }
    if (done < n)
        snprintf(err, cap, "ping-pong: stopped after %d round trips", done);
out:
    if (c != SOCK_INVALID)
        sock_close(c); /* ends the echo thread */
    mb_thread_join(t);
    if (s != SOCK_INVALID)
        sock_close(s);
    if (l != SOCK_INVALID)
        sock_close(l);
    lg_poll_destroy(p);
    lg_latency_of(ns, (size_t)done, rtt);
    free(ns);
    return done == n ? 0 : -1;
}
