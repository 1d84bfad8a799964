/* server.c: the event loops that feed the lobby and the match hosts.
 *
 * One `loop` per thread: the lobby loop on the caller's thread (listeners,
 * new connections, the waiting Player1) and match loops on their own
 * threads, each owning whole matches. A connection moves from the lobby to
 * a match loop once, through that loop's inbox, after the lobby has
 * finished with it. The directory (match_dir.h: which loop holds which
 * match, its tokens, the socket slots each loop has promised) is the only
 * shared state beside the connection counts, each behind its own lock.
 *
 * This file: start-up, the journal's restore, the public calls and
 * logging; server_internal.h lists the others.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mb_config.h"
#include "record_text.h"
#include "server_internal.h"

/* ---- logging ---- */

static log_level g_log_level = LOG_INFO;

void server_log_line(log_level min, log_level level, const char *line)
{
    char stamp[32], out[700];
    if (level > min)
        return;
    sys_log_time(stamp, sizeof stamp);
    snprintf(out, sizeof out, "%s %-5s %s\n", stamp, log_level_name(level), line);
    fputs(out, stderr);
    fflush(stderr);
}

void sink_log(void *ctx, log_level level, const char *line)
{
    (void)ctx;
    server_log_line(g_log_level, level, line);
}

int sink_log_on(void *ctx, log_level level)
{
    (void)ctx;
    return level <= g_log_level;
}

void logf_(log_level level, const char *fmt, ...)
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

void writer_log(log_level level, const char *line)
{
    server_log_line(g_log_level, level, line);
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
    for (size_t i = 0; i < journal_refused_count(s->journal); i++) {
        const journal_refusal *x = journal_refused(s->journal, i);
        char lines[400];
        if (x->kept) /* nothing lost: the next start tries again */
            snprintf(lines, sizeof lines, "stay in the journal (cannot write %s: %s)",
                     journal_refused_path(s->journal), x->set_aside_error);
        else
            snprintf(lines, sizeof lines, "moved to %s", journal_refused_path(s->journal));
        logf_(LOG_ERROR,
              "journal %s: match %lu game %lu not restored: its terms make no game (%s); its "
              "lines %s",
              s->journal_path, (unsigned long)x->match_id, (unsigned long)x->game_no, x->why,
              lines);
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
        /* Under its own terms, journaled with it; the server's for an older journal. */
        const match_config *terms = u->game.terms.ops ? &u->game.terms : &s->o.match;
        match_record r;
        char *text;
        size_t len;
        game_error e = record_text_replay(terms, &u->game, u->result, date, &text, &len);
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
        r.extension = terms->ops->record_extension;
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
        /* Its own game (terms), or the server's for an older journal. */
        dir_match d = {r->match_id,
                       (r->terms.ops ? &r->terms : &s->o.match)->ops->kind,
                       {r->token[0], r->token[1]},
                       {r->engine[0], r->engine[1]},
                       !r->over};
        loop *w = m ? place_match(s, &d) : NULL;
        if (!w) {
            logf_(LOG_ERROR, "match %lu: cannot restore (no thread or memory)",
                  (unsigned long)r->match_id);
            free(m);
            continue;
        }
        m->kind = MSG_RESTORE;
        m->to = w;
        m->restore = r;
        loop_post(w, m);
    }
    if (n > 0)
        logf_(LOG_INFO,
              "journal %s: %zu game(s) restored (unfinished, or with a rematch offer); their "
              "players may resume",
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
    if (!(s->dir = dir_create()) || !(s->count_lock = mb_mutex_create()) ||
        !(l->lock = mb_mutex_create()) || !(l->lobby = lobby_create(&s->o.match, &l->sink))) {
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
        begin_stop_lobby(&s->lobby, mb_now_ms());
    for (size_t i = 0; i < s->nworkers; i++) {
        mb_thread_join(s->workers[i]->thread);
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
            mb_thread_join(s->workers[i]->thread);
        loop_free(s->workers[i]);
        free(s->workers[i]);
    }
    free(s->workers);
    for (size_t i = 0; i < s->nlisteners; i++)
        sock_close(s->listener[i]);
    server_discovery_close(&s->disc);
    loop_free(&s->lobby);
    mb_mutex_destroy(s->count_lock);
    dir_destroy(s->dir);
    record_writer_stop(s->writer); /* drains the queue into the journal */
    journal_close(s->journal);
    free(s);
    sock_cleanup();
}
