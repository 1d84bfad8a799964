/* match_host.c: see match_host.h. The matches of one thread: their life
 * cycle, finding a connection's match, packets handed to the file that
 * handles them, drops, and the queries. match_host_internal.h lists the
 * other files. */
#include <stdlib.h>
#include <string.h>

#include "game_gomoku.h"
#include "match_host_internal.h"
#include "match_opening.h"
#include "match_terms.h"

/* ---- small helpers ---- */

const game_ops *ops_of(const match *m)
{
    return m->cfg.ops;
}

void send_to(match_host *h, conn_id c, const packet *p)
{
    if (c != CONN_NONE)
        h->sink->send(h->sink->ctx, c, p);
}

/* To both players and every spectator, except `skip`. */
void broadcast(match_host *h, match *m, const packet *p, conn_id skip)
{
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn != skip)
            send_to(h, m->seat[s].conn, p);
    for (size_t i = 0; i < m->nwatch; i++)
        if (m->watchers[i] != skip)
            send_to(h, m->watchers[i], p);
}

/* Records that c now belongs to m (NULL: to no match). */
void place(match_host *h, conn_id c, match *m)
{
    if (c == CONN_NONE)
        return;
    if (!m || conn_map_put(&h->where, c, m) != 0)
        conn_map_del(&h->where, c); /* out of memory: find_conn searches */
}

/* c's role in m, ROLE_NONE if it has none. */
static role role_in(const match *m, conn_id c, size_t *widx)
{
    for (int s = 0; s < 2; s++)
        if (m->seat[s].conn == c)
            return seat_role(s);
    for (size_t w = 0; w < m->nwatch; w++)
        if (m->watchers[w] == c) {
            if (widx)
                *widx = w;
            return ROLE_WATCHER;
        }
    return ROLE_NONE;
}

static match *find_conn(match_host *h, conn_id c, role *r, size_t *widx)
{
    match *m = conn_map_get(&h->where, c);
    if (m && (*r = role_in(m, c, widx)) != ROLE_NONE)
        return m;
    for (size_t i = 0; i < h->count; i++)
        if ((*r = role_in(h->m[i], c, widx)) != ROLE_NONE) {
            place(h, c, h->m[i]);
            return h->m[i];
        }
    *r = ROLE_NONE;
    return NULL;
}

match *find_id(match_host *h, uint32_t id)
{
    for (size_t i = 0; i < h->count; i++)
        if (h->m[i]->id == id)
            return h->m[i];
    return NULL;
}

/* game_ply and mover: m has its terms; h stays for their many callers. */
uint32_t game_ply(const match_host *h, const match *m)
{
    (void)h;
    return ops_of(m)->ply(m->g);
}

/* ---- the opening ---- */

/* Is an opening procedure still running? */
int in_opening(const match *m)
{
    return m->opening_on && gomoku_opening_next(&m->open) != GOMOKU_STEP_DONE;
}

/* The side that must act now: during the opening the seat whose decision
 * it is, else the side to move. Its clock runs. */
game_side mover(const match_host *h, const match *m)
{
    (void)h;
    if (in_opening(m)) {
        int k = gomoku_opening_actor(&m->open, game_gomoku_engine(m->g));
        return k < 0 ? GAME_SIDE_NONE : seat_side(k ^ gomoku_opening_black_seat(&m->open));
    }
    return ops_of(m)->to_move(m->g);
}

/* ---- public: life cycle ---- */

match_host *match_host_create(const match_config *cfg, const logic_sink *sink)
{
    match_host *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->cfg = cfg;
    h->sink = sink;
    return h;
}

void match_host_destroy(match_host *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->count; i++) {
        ops_of(h->m[i])->destroy(h->m[i]->g);
        free(h->m[i]->watchers);
        free(h->m[i]);
    }
    free(h->m);
    conn_map_free(&h->where);
    free(h);
}

/* A new match played under terms (match_terms.h; the rest of its config
 * is the host's) with its game at the start position, and room for it in
 * h->m (the caller checks h->count < h->cap); NULL or a match without a
 * game when memory ran out. */
match *new_match(match_host *h, const match_config *terms)
{
    match *m = calloc(1, sizeof *m);
    if (m) /* when this fails, h->count == h->cap still tells the caller */
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        (void)mb_grow(&h->m, &h->cap, h->count + 1, sizeof *h->m, 8);
    if (m) {
        m->cfg = *h->cfg;
        match_terms_copy(&m->cfg, terms);
        m->g = ops_of(m)->create(&m->cfg.options);
    }
    return m;
}

/* m, made by new_match, joins the host's matches. */
void keep_match(match_host *h, match *m)
{
    h->m[h->count++] = m;
    if (m->cfg.clock_ms || m->cfg.move_time_ms)
        h->timed++;
}

void match_host_start(match_host *h, const match_seating *s, uint64_t now_ms)
{
    match *m = new_match(h, h->cfg);
    if (!m || !m->g || h->count == h->cap) {
        logic_logf(h->sink, LOG_ERROR, "match %lu: out of memory, not started",
                   (unsigned long)s->match_id);
        for (int i = 0; i < 2; i++) {
            logic_send_error(h->sink, s->seat[i].conn, PACKET_CODE_SHUTDOWN,
                             "server out of memory");
            h->sink->close(h->sink->ctx, s->seat[i].conn);
        }
        if (m && m->g)
            ops_of(m)->destroy(m->g);
        free(m);
        return;
    }
    m->id = s->match_id;
    m->game_no = 1;
    for (int i = 0; i < 2; i++) {
        m->seat[i].conn = s->seat[i].conn;
        place(h, m->seat[i].conn, m);
        memcpy(m->seat[i].name, s->seat[i].name, PACKET_NAME_SIZE);
        m->seat[i].name[PACKET_NAME_SIZE - 1] = '\0';
        memcpy(m->seat[i].token, s->seat[i].token, PACKET_TOKEN_SIZE);
        m->seat[i].version = s->seat[i].version;
        m->seat[i].engine = s->seat[i].engine;
    }
    keep_match(h, m);
    begin_game(h, m, now_ms);
}

static void remove_watcher(match_host *h, match *m, size_t w)
{
    place(h, m->watchers[w], NULL);
    m->watchers[w] = m->watchers[--m->nwatch];
}

/* A player's connection is gone (closed by the peer or by us). During a
 * game, and after it while a rematch offer waits for its answer, the seat
 * is kept for the grace period (the match is then held, as after a
 * restart); otherwise the player has left the finished game. The engine
 * seat is never waited for in a finished game (a new bot of the seat comes
 * back only to a game under way, lobby.h), and the engine does not wait
 * for its opponent while a human waits for it in the lobby. */
static void seat_dropped(match_host *h, match *m, int s, uint64_t now)
{
    int hold, grace;
    place(h, m->seat[s].conn, NULL);
    if (m->seat[s].conn != CONN_NONE)
        h->away++;
    m->seat[s].conn = CONN_NONE;
    m->seat[s].dropped_ms = now;
    /* It withdrew its offer, too late, and left: not a drop of the rematch. */
    if (!m->over && m->seat[s].unaware == 2)
        call_off_rematch(h, m, s, now);
    hold = m->over && m->rematch_offer != GAME_SIDE_NONE && !m->seat[s].engine &&
           !engine_wanted(h, m, other_seat(s));
    grace = !m->over || hold;
    /* A decline its away maker has not heard yet keeps the match for it. */
    m->held = hold || (m->over && m->declined == seat_side(other_seat(s)) &&
                       m->seat[other_seat(s)].conn == CONN_NONE);
    if (m->over && !hold && m->rematch_offer != GAME_SIDE_NONE)
        set_offer(h, m, JOURNAL_OFFER_REMATCH, GAME_SIDE_NONE);
    logic_logf(h->sink, LOG_INFO, "match %lu: Player%d \"%s\" dropped%s", (unsigned long)m->id,
               seat_number(s), m->seat[s].name,
               !grace ? ""
               : hold ? "; the rematch offer waits for the grace period"
                      : "; grace period starts");
    peer_status(h, m, s, 0, grace ? h->cfg->grace_ms : 0);
    host_collect(h, m);
}

void match_host_packet(match_host *h, conn_id c, const packet *p, uint64_t now_ms)
{
    role r;
    size_t widx = 0;
    match *m = find_conn(h, c, &r, &widx);
    if (!m)
        return;
    switch (p->type) {
    case PACKET_HELLO:
        logic_send_error(h->sink, c, PACKET_CODE_BAD_HELLO, "HELLO sent twice");
        h->sink->close(h->sink->ctx, c);
        if (r == ROLE_WATCHER)
            remove_watcher(h, m, widx);
        else
            seat_dropped(h, m, role_seat(r), now_ms);
        return;
    case PACKET_CHAT: {
        packet out = *p;
        out.u.chat.seat = (uint8_t)r;
        broadcast(h, m, &out, CONN_NONE);
        return;
    }
    case PACKET_PING:
    case PACKET_PONG:
        return; /* the event loop answers pings */
    default:
        break;
    }
    if (r == ROLE_WATCHER) {
        not_allowed(h, c, "spectators cannot play");
        return;
    }
    if (p->type != PACKET_REMATCH_ANSWER) /* it acts in the game: it knows it began */
        m->seat[role_seat(r)].unaware = 0;
    switch (p->type) {
    case PACKET_MOVE:
        on_move(h, m, role_seat(r), c, &p->u.move, now_ms);
        break;
    case PACKET_OPENING_ACTION:
        on_opening(h, m, role_seat(r), c, &p->u.opening_action, now_ms);
        break;
    case PACKET_TAKEBACK_OFFER:
    case PACKET_TAKEBACK_ANSWER:
        if (!m->over)
            flag_fell(h, m, now_ms);
        on_takeback(h, m, role_seat(r), c, p, now_ms);
        break;
    case PACKET_GIVE_TIME:
        if (!m->clocked || m->over || flag_fell(h, m, now_ms)) {
            not_allowed(h, c, m->clocked ? "no game running" : "no clock to give time on");
            break;
        }
        m->left_ms[other_seat(role_seat(r))] += p->u.give_time.ms;
        journal_clocks(h, m); /* durable before anyone hears of it */
        logic_logf(h->sink, LOG_INFO, "match %lu: Player%d gives %lu s to the opponent",
                   (unsigned long)m->id, seat_number(role_seat(r)),
                   (unsigned long)(p->u.give_time.ms / 1000));
        send_clock(h, m, CONN_NONE, now_ms);
        break;
    case PACKET_RESIGN:
    case PACKET_DRAW_OFFER:
    case PACKET_DRAW_ANSWER:
    case PACKET_REMATCH_OFFER:
    case PACKET_REMATCH_ANSWER:
        on_offer_or_answer(h, m, role_seat(r), c, p, now_ms);
        break;
    default:
        not_allowed(h, c, "a packet only the server sends");
        break;
    }
}

void match_host_closed(match_host *h, conn_id c, uint64_t now_ms)
{
    role r;
    size_t widx = 0;
    match *m = find_conn(h, c, &r, &widx);
    if (!m)
        return;
    if (r == ROLE_WATCHER) {
        remove_watcher(h, m, widx);
        logic_logf(h->sink, LOG_INFO, "match %lu: spectator conn %llu left", (unsigned long)m->id,
                   (unsigned long long)c);
        return;
    }
    seat_dropped(h, m, role_seat(r), now_ms);
}

/* ---- queries ---- */

size_t match_host_matches(const match_host *h)
{
    return h->count;
}

size_t match_host_connections(const match_host *h)
{
    size_t n = 0;
    for (size_t i = 0; i < h->count; i++) {
        n += h->m[i]->nwatch;
        for (int s = 0; s < 2; s++)
            n += h->m[i]->seat[s].conn != CONN_NONE;
    }
    return n;
}

uint32_t match_host_latest(const match_host *h)
{
    uint32_t best = 0, best_any = 0;
    for (size_t i = 0; i < h->count; i++) {
        if (h->m[i]->id > best_any)
            best_any = h->m[i]->id;
        if (!h->m[i]->over && h->m[i]->id > best)
            best = h->m[i]->id;
    }
    return best ? best : best_any;
}

int match_host_view(const match_host *h, size_t i, match_view *out)
{
    const match *m;
    if (i >= h->count)
        return 0;
    m = h->m[i];
    out->id = m->id;
    out->game = m->g;
    out->over = m->over;
    out->opening = m->opening_on ? &m->open : NULL;
    out->seat[0] = m->seat[0].conn;
    out->seat[1] = m->seat[1].conn;
    out->watchers = m->watchers;
    out->nwatch = m->nwatch;
    return 1;
}
