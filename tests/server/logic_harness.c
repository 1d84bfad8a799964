/* logic_harness.c: see logic_harness.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logic_harness.h"

static void s_send(void *ctx, conn_id c, const packet *p)
{
    harness *h = ctx;
    if (h->nsent < H_MAX_SENT) {
        h->sent[h->nsent].c = c;
        h->sent[h->nsent].p = *p;
        h->nsent++;
    }
}

static void s_close(void *ctx, conn_id c)
{
    harness *h = ctx;
    if (c < H_MAX_CONN)
        h->closed[c] = 1;
}

static void s_log(void *ctx, log_level level, const char *line)
{
    harness *h = ctx;
    (void)level;
    h->nlog++;
    snprintf(h->last_log, sizeof h->last_log, "%s", line);
}

static int s_log_on(void *ctx, log_level level)
{
    const harness *h = ctx;
    return !h->quiet || level <= LOG_WARN;
}

static void s_random(void *ctx, uint8_t *buf, size_t n)
{
    harness *h = ctx;
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(++h->rng * 37u + i);
}

static void s_start(void *ctx, const match_seating *m)
{
    harness *h = ctx;
    h->in_host[m->seat[0].conn] = h->in_host[m->seat[1].conn] = 1;
    match_host_start(h->host, m, h->now);
}

static int s_join(void *ctx, conn_id c, const packet_hello *hello)
{
    harness *h = ctx;
    int code =
        match_host_join(h->host, c, hello,
                        hello->want == PACKET_WANT_WATCH ? logic_watch_target(hello) : 0, h->now);
    if (code == 0)
        h->in_host[c] = 1;
    return code;
}

static void s_record(void *ctx, const match_record *r)
{
    harness *h = ctx;
    size_t n = r->len < sizeof h->record - 1 ? r->len : sizeof h->record - 1;
    memcpy(h->record, r->text, n);
    h->record[n] = '\0';
    h->record_result = r->result;
    h->record_ext = r->extension;
    h->nrecords++;
}

static void s_event(void *ctx, uint32_t id, match_status st)
{
    harness *h = ctx;
    (void)id;
    h->last_status = st;
}

static int s_journal(void *ctx, const journal_entry *e)
{
    harness *h = ctx;
    if (e->kind == JOURNAL_MOVE || e->kind == JOURNAL_STOP)
        h->journaled = *e;
    if (h->njlog < H_MAX_JOURNAL) {
        h->jlog[h->njlog] = *e;
        h->jlog[h->njlog].name[0] = h->jlog[h->njlog].name[1] = NULL;
        h->jlog[h->njlog].token[0] = h->jlog[h->njlog].token[1] = NULL;
        h->njlog++;
    }
    return 0;
}

static int s_human_waiting(void *ctx)
{
    harness *h = ctx;
    return h->human_waiting;
}

static void s_waiting(void *ctx, int human)
{
    harness *h = ctx;
    h->human_waiting = human;
}

/* As the server does: the connection is the lobby's again. */
static void s_requeue(void *ctx, const match_seating *m, int s)
{
    harness *h = ctx;
    conn_id c = m->seat[s].conn;
    h->in_host[c] = 0;
    h->requeued++;
    lobby_requeue(h->lobby, c, m->seat[s].name, m->seat[s].version, m->seat[s].engine, h->now);
}

void h_init(harness *h, const game_ops *ops, int rule, uint32_t clock_ms, uint32_t inc_ms)
{
    memset(h, 0, sizeof *h);
    h->cfg.ops = ops;
    h->cfg.options.kind = ops->kind;
    h->cfg.options.rule = (uint8_t)rule;
    ops->normalize_options(&h->cfg.options);
    h->cfg.clock_ms = clock_ms;
    h->cfg.increment_ms = inc_ms;
    h->cfg.grace_ms = 60000;
    h->cfg.hello_timeout_ms = 10000;
    h->sink.ctx = h;
    h->sink.send = s_send;
    h->sink.close = s_close;
    h->sink.log = s_log;
    h->sink.log_on = s_log_on;
    h->sink.random = s_random;
    h->sink.start_match = s_start;
    h->sink.join = s_join;
    h->sink.record = s_record;
    h->sink.match_event = s_event;
    h->sink.journal = s_journal;
    h->sink.human_waiting = s_human_waiting;
    h->sink.waiting = s_waiting;
    h->sink.requeue = s_requeue;
    h->lobby = lobby_create(&h->cfg, &h->sink);
    h->host = match_host_create(&h->cfg, &h->sink);
    h->now = 1000;
}

void h_free(harness *h)
{
    lobby_destroy(h->lobby);
    match_host_destroy(h->host);
}

void h_open(harness *h, conn_id c)
{
    lobby_opened(h->lobby, c, "test", h->now);
}

void h_close(harness *h, conn_id c)
{
    if (h->in_host[c])
        match_host_closed(h->host, c, h->now);
    else
        lobby_closed(h->lobby, c, h->now);
}

void h_send(harness *h, conn_id c, const packet *p)
{
    if (h->in_host[c])
        match_host_packet(h->host, c, p, h->now);
    else
        lobby_packet(h->lobby, c, p, h->now);
}

void h_tick(harness *h, uint64_t advance_ms)
{
    h->now += advance_ms;
    lobby_tick(h->lobby, h->now);
    match_host_tick(h->host, h->now);
}

void h_hello(harness *h, conn_id c, const char *name, int want, const uint8_t *token)
{
    h_hello_v(h, c, name, want, token, PACKET_VERSION);
}

int h_join_code(harness *h, conn_id c, const uint8_t *token)
{
    packet_hello hl;
    memset(&hl, 0, sizeof hl);
    hl.want = PACKET_WANT_PLAY;
    hl.version = PACKET_VERSION;
    memcpy(hl.token, token, PACKET_TOKEN_SIZE);
    return match_host_join(h->host, c, &hl, 0, h->now);
}

void h_hello_v(harness *h, conn_id c, const char *name, int want, const uint8_t *token,
               uint16_t version)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = PACKET_HELLO;
    p.u.hello.version = version;
    p.u.hello.want = (uint8_t)want;
    packet_set_string(p.u.hello.name, PACKET_NAME_SIZE, name);
    if (token)
        memcpy(p.u.hello.token, token, PACKET_TOKEN_SIZE);
    h_send(h, c, &p);
}

void h_restore_fill(match_restore *r, game_move *first)
{
    game_move m = {PACKET_NO_SQUARE, PACKET_NO_SQUARE, 7, 7, 0};
    *first = m;
    memset(r, 0, sizeof *r);
    r->match_id = 9;
    r->game_no = 1;
    strcpy(r->name[0], "A");
    strcpy(r->name[1], "B");
    memset(r->token[0], 0xA1, PACKET_TOKEN_SIZE);
    memset(r->token[1], 0xB2, PACKET_TOKEN_SIZE);
    r->moves = first;
    r->nmoves = 1;
    r->left_ms[0] = 41000;
    r->left_ms[1] = 52000;
}

void h_pair(harness *h, conn_id a, const char *na, conn_id b, const char *nb)
{
    h_open(h, a);
    h_open(h, b);
    h_hello(h, a, na, PACKET_WANT_PLAY, NULL);
    h_hello(h, b, nb, PACKET_WANT_PLAY, NULL);
}

void h_move(harness *h, conn_id c, uint32_t ply, int fx, int fy, int tx, int ty, int promo)
{
    packet p;
    packet_make_move(&p, ply, (uint8_t)fx, (uint8_t)fy, (uint8_t)tx, (uint8_t)ty, (uint8_t)promo);
    h_send(h, c, &p);
}

void h_stone(harness *h, conn_id c, uint32_t ply, int x, int y)
{
    h_move(h, c, ply, PACKET_NO_SQUARE, PACKET_NO_SQUARE, x, y, 0);
}

void h_simple(harness *h, conn_id c, packet_type type, uint32_t v)
{
    packet p;
    memset(&p, 0, sizeof p);
    p.type = type;
    if (type == PACKET_DRAW_ANSWER || type == PACKET_REMATCH_ANSWER)
        p.u.answer.accept = (uint8_t)v;
    else
        p.u.ply.ply = v;
    h_send(h, c, &p);
}

const packet *h_last(const harness *h, conn_id c, packet_type type, size_t mark)
{
    for (size_t i = h->nsent; i > mark; i--)
        if (h->sent[i - 1].c == c && h->sent[i - 1].p.type == type)
            return &h->sent[i - 1].p;
    return NULL;
}

size_t h_count(const harness *h, conn_id c, packet_type type, size_t mark)
{
    size_t n = 0;
    for (size_t i = mark; i < h->nsent; i++)
        n += h->sent[i].c == c && h->sent[i].p.type == type;
    return n;
}

const journal_entry *h_journaled(const harness *h, journal_kind kind, size_t mark)
{
    for (size_t i = h->njlog; i > mark; i--)
        if (h->jlog[i - 1].kind == kind)
            return &h->jlog[i - 1];
    return NULL;
}
