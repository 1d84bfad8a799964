/* server_sink.c: the sink, the state machines' view of a loop (send,
 * close, start a match, join one, record, journal), and the journal's
 * group commit at the end of each batch: nothing is relayed before the
 * journal has it.
 */
#include <stdlib.h>
#include <string.h>

#include "server_internal.h"

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
        conn_flush(l, c);
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

static void sink_start_match(void *ctx, const match_seating *m)
{
    loop *l = ctx;
    server *s = l->srv;
    msg *mm = calloc(1, sizeof *mm);
    loop *w = NULL;
    dir_match d = {m->match_id,
                   s->o.match.ops->kind,
                   {m->seat[0].token, m->seat[1].token},
                   {m->seat[0].engine, m->seat[1].engine},
                   0};
    if (mm)
        w = place_match(s, &d);
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

/* The engine seat's bot goes back to a match that has its seat, as a
 * resume with that seat's token (lobby.h); the match sends it to the lobby
 * if the seat is no longer there (server_loop.c). */
static int sink_engine_back(void *ctx, conn_id id, const packet_hello *h)
{
    loop *l = ctx;
    conn *c = find_conn(l, id);
    packet_hello as_resume = *h;
    msg *mm;
    loop *w;
    if (!c)
        return -1;
    w = dir_find_engine(l->srv->dir, l->srv->o.match.ops->kind, as_resume.token);
    if (!w)
        return -1;
    mm = calloc(1, sizeof *mm);
    if (!mm)
        return -1;
    /* want stays PACKET_WANT_SEAT: the match takes it as the engine's
     * resume, into a game of the server's kind only (match_host_join) */
    logf_(LOG_INFO, "conn %llu: the engine seat's bot goes back to its match",
          (unsigned long long)id);
    c->leaving = 1;
    mm->kind = MSG_JOIN;
    mm->to = w;
    mm->c[0] = c;
    mm->hello = as_resume;
    mm->engine_back = 1;
    queue_out(l, mm);
    return 0;
}

void sink_match_event(void *ctx, uint32_t match_id, match_status st)
{
    loop *l = ctx;
    dir_match_event(l->srv->dir, match_id, st);
    if (st == MATCH_FINISHED && l->srv->o.test_deaf_after_game && !l->stopping)
        l->deaf = 1;
}

/* The records writer's thread writes it (and then journals the game's
 * END): a slow disk stalls no match. */
static void sink_record(void *ctx, const match_record *r)
{
    loop *l = ctx;
    record_writer_put(l->srv->writer, r);
}

/* Writes e to the journal's pending records. At the batch end one write
 * puts every record of the batch into the file (with --journal-sync move,
 * also one sync puts it on the disk: group commit), and until then conn_flush()
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
void sync_journal(loop *l, uint64_t now)
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
void hold(loop *l, conn *c)
{
    if (c->held)
        return;
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    if (mb_grow(&l->held, &l->capheld, l->nheld + 1, sizeof *l->held, 16) != 0) {
        /* cannot wait for it: commit now instead */
        logf_(LOG_ERROR, "journal: out of memory holding output; committing the journal at once");
        commit_journal(l);
        conn_flush(l, c);
        return;
    }
    c->held = 1;
    l->held[l->nheld++] = c;
}

/* The batch end: one journal write (and with --journal-sync move one
 * sync) covers the batch's records (and maybe other threads'), then the
 * held output goes out. Before loop_reap() and handoffs(), which free or move
 * connections. */
void commit_batch(loop *l)
{
    commit_journal(l);
    for (size_t i = 0; i < l->nheld; i++) {
        conn *c = l->held[i];
        c->held = 0;
        if (!c->dead && !c->failed && !c->leaving)
            conn_flush(l, c);
    }
    l->nheld = 0;
}

/* ---- the engine seat's hand-over: players back to the lobby ---- */

static int sink_human_waiting(void *ctx)
{
    loop *l = ctx;
    int yes;
    mb_mutex_lock(l->srv->count_lock);
    yes = l->srv->human_waiting;
    mb_mutex_unlock(l->srv->count_lock);
    return yes;
}

/* The lobby's word on its waiting player, for sink_human_waiting. */
static void sink_waiting(void *ctx, int human)
{
    loop *l = ctx;
    mb_mutex_lock(l->srv->count_lock);
    l->srv->human_waiting = human;
    mb_mutex_unlock(l->srv->count_lock);
}

/* A match loop lets a player go back to the lobby after the batch
 * (lobby_inbox seats it there). */
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

void init_sink(loop *l)
{
    memset(&l->sink, 0, sizeof l->sink);
    l->sink.ctx = l;
    l->sink.send = sink_send;
    l->sink.close = sink_close;
    l->sink.log = sink_log;
    l->sink.log_on = sink_log_on;
    l->sink.random = sink_random;
    l->sink.start_match = sink_start_match;
    l->sink.join = sink_join;
    l->sink.engine_back = sink_engine_back;
    l->sink.record = sink_record;
    l->sink.match_event = sink_match_event;
    l->sink.date = sink_date;
    l->sink.journal = sink_journal;
    l->sink.human_waiting = sink_human_waiting;
    l->sink.waiting = sink_waiting;
    l->sink.requeue = sink_requeue;
}
