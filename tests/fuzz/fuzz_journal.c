/* fuzz_journal.c: libFuzzer target for the server's journal reader and
 * the restore path a server takes at start (journal.h, then
 * match_host_restore and a resume of each seat, as server.c does).
 *
 * The input is a control byte, then the journal file's bytes. Control bit
 * 0 reseals every line: whatever follows its last " *" becomes the line's
 * right CRC, so that mutations reach the records' meaning, not only the
 * seal (without it the bytes go to the file as they are: torn lines, CRC
 * mismatches). Bits 1-2 pick the server's flags: 0 those the header names
 * (Gomoku 15x15 when it names no game), 1 Gomoku 15x15 freestyle, 2 chess
 * with a 5+3 clock, 3 Gomoku standard 15x15 with a 5+3 clock; bits 3-5 the
 * server's --opening for a Gomoku game (7: none).
 *
 * It checks that:
 *  - a journal that cannot be opened is left as it was, byte for byte,
 *    with a reason; one that opens restores at most one game per match,
 *    every match id below the next id;
 *  - the file written back at open (compacted) reads back to the same
 *    games (restored, unrecorded, refused with their lines kept; moves,
 *    steps, clocks, offers, terms, engine seat), the same next id and no
 *    damage; a refused game whose lines went to the set-aside file is not
 *    read again;
 *  - a journal with a damaged tail reads as the same journal without it;
 *  - every restored game the rules accept (its moves replayed through a
 *    fresh game) is restored, with the position its moves make after the
 *    opening's stones, and none they refuse, nor one with opening steps
 *    but no opening rule (nor its record rebuilt); a player resuming with its
 *    token is sent that game (SYNC) in packets the codec encodes;
 *  - the player to move in a restored game can play a legal move; after
 *    it and a clean stop (match_host_suspend), both journaled through the
 *    same journal, the games still played read back with their moves,
 *    that move included, and no line of the file is refused;
 *  - an unrecorded game's record is rebuilt when its moves are legal.
 * Leaks are ASan's to find. FUZZ_JOURNAL_LOG in the environment prints the
 * server's log lines. The journal goes to TMPDIR (TEMP on Windows, else the
 * current folder). The seeds are written by make_journal_corpus.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "fuzz_journal_files.h"
#include "game.h"
#include "jfile.h"
#include "journal.h"
#include "journal_seal.h"
#include "match_host.h"
#include "match_terms.h"
#include "record_text.h"

#define MAX_INPUT (64 * 1024)
#define MAX_CONN  64

/* ---- the files: one journal of this process's own ---- */

static char g_path[512], g_tmp[520], g_lock[520], g_claim[520], g_refused[520];
static jfile *g_claimed;

static void remove_files(void)
{
    remove(g_path);
    remove(g_tmp);
    remove(g_lock);
    remove(g_refused);
    if (g_claimed)
        jfile_unlock(g_claimed);
    remove(g_claim);
}

/* A journal path no other process uses: in TMPDIR (TEMP on Windows, else
 * the current folder), claimed with a lock of its own. */
static void pick_path(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = getenv("TEMP");
    if (!dir || !*dir)
        dir = ".";
    for (unsigned i = 0; i < 10000 && !g_claimed; i++) {
        snprintf(g_path, sizeof g_path, "%s/fuzz-journal-%u", dir, i);
        snprintf(g_claim, sizeof g_claim, "%s.claim", g_path);
        if (jfile_lock(&g_claimed, g_claim) != 0)
            g_claimed = NULL;
    }
    CHECK(g_claimed != NULL);
    snprintf(g_tmp, sizeof g_tmp, "%s.tmp", g_path);
    snprintf(g_lock, sizeof g_lock, "%s.lock", g_path);
    snprintf(g_refused, sizeof g_refused, "%s.refused", g_path);
    atexit(remove_files);
}

static void write_file(const uint8_t *data, size_t n)
{
    FILE *f = fopen(g_path, "wb");
    CHECK(f != NULL);
    CHECK(n == 0 || fwrite(data, 1, n, f) == n);
    CHECK(fclose(f) == 0);
}

/* The file's bytes (malloc'd, *n of them). */
static uint8_t *read_file(size_t *n)
{
    FILE *f = fopen(g_path, "rb");
    uint8_t *buf = malloc(5 * MAX_INPUT + 1);
    CHECK(f != NULL && buf != NULL);
    *n = fread(buf, 1, 5 * MAX_INPUT + 1, f);
    CHECK(!ferror(f));
    fclose(f);
    return buf;
}

/* ---- the input ---- */

/* The server's flags for this input (see the top). */
static void pick_config(uint8_t control, const uint8_t *file, size_t n, match_config *c)
{
    char why[160];
    unsigned v[6];
    char head[128];
    size_t hn = 0;
    memset(c, 0, sizeof *c);
    c->grace_ms = 60000;
    c->restart_bonus_ms = 5000;
    c->hello_timeout_ms = 10000;
    c->options.kind = GAME_KIND_GOMOKU;
    c->options.width = c->options.height = 15;
    switch (control >> 1 & 3) {
    case 0:
        while (hn < n && hn < sizeof head - 1 && file[hn] != '\n' && file[hn] != '\0') {
            head[hn] = (char)file[hn];
            hn++;
        }
        head[hn] = '\0';
        if (sscanf(head, "MBJ %*u %u %u %u %u %u %u", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) ==
                6 &&
            v[0] < 256 && v[1] < 256 && v[2] < 256 && v[3] < 256) {
            c->options.kind = (game_kind)v[0];
            c->options.rule = (uint8_t)v[1];
            c->options.width = (uint8_t)v[2];
            c->options.height = (uint8_t)v[3];
            c->clock_ms = v[4];
            c->increment_ms = v[5];
        }
        break;
    case 1:
        break;
    case 2:
        c->options.kind = GAME_KIND_CHESS;
        c->options.width = c->options.height = 8;
        c->clock_ms = 300000;
        c->increment_ms = 3000;
        break;
    default:
        c->options.rule = 1;
        c->clock_ms = 300000;
        c->increment_ms = 3000;
        break;
    }
    if (c->options.kind == GAME_KIND_GOMOKU && (control >> 3 & 7) != 7)
        c->opening = control >> 3 & 7;
    if (match_terms_check(c, why, sizeof why) != 0) {
        c->opening = 0;
        if (match_terms_check(c, why, sizeof why) != 0) {
            memset(&c->options, 0, sizeof c->options);
            c->options.kind = GAME_KIND_GOMOKU;
            c->options.width = c->options.height = 15;
            c->clock_ms = c->increment_ms = 0;
            CHECK(match_terms_check(c, why, sizeof why) == 0);
        }
    }
}

/* ---- what a journal read gives ---- */

typedef struct snap_game {
    char kind; /* 'r' restored, 'u' unrecorded, 'x' refused */
    match_restore r;
    game_result result;
    char why[160];
} snap_game;

typedef struct snap {
    snap_game *g;
    size_t n;
    uint32_t next_id;
    size_t dropped;
} snap;

static void *dup_of(const void *p, size_t n, size_t size)
{
    void *q;
    if (n == 0)
        return NULL;
    q = malloc(n * size);
    CHECK(q != NULL);
    memcpy(q, p, n * size);
    return q;
}

static void snap_add(snap *s, char kind, const match_restore *r, game_result result,
                     const char *why)
{
    snap_game *x;
    s->g = realloc(s->g, (s->n + 1) * sizeof *s->g);
    CHECK(s->g != NULL);
    x = &s->g[s->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    if (r) {
        x->r = *r;
        x->r.moves = dup_of(r->moves, r->nmoves, sizeof *r->moves);
        x->r.steps = dup_of(r->steps, r->nsteps, sizeof *r->steps);
    }
    x->result = result;
    snprintf(x->why, sizeof x->why, "%s", why ? why : "");
}

static int snap_order(const void *pa, const void *pb)
{
    const snap_game *a = pa, *b = pb;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->r.match_id != b->r.match_id)
        return a->r.match_id < b->r.match_id ? -1 : 1;
    if (a->r.game_no != b->r.game_no)
        return a->r.game_no < b->r.game_no ? -1 : 1;
    return 0;
}

static void take_snap(journal *j, snap *s)
{
    game_result none;
    memset(s, 0, sizeof *s);
    memset(&none, 0, sizeof none);
    for (size_t i = 0; i < journal_restored_count(j); i++)
        snap_add(s, 'r', journal_restored(j, i), none, NULL);
    for (size_t i = 0; i < journal_unrecorded_count(j); i++) {
        const unrecorded_game *u = journal_unrecorded(j, i);
        snap_add(s, 'u', &u->game, u->result, NULL);
    }
    for (size_t i = 0; i < journal_refused_count(j); i++) {
        const journal_refusal *x = journal_refused(j, i);
        match_restore r;
        CHECK(x->why[0] != '\0');
        if (!x->kept)
            continue; /* its lines moved to the set-aside file: no longer the journal's */
        memset(&r, 0, sizeof r);
        r.match_id = x->match_id;
        r.game_no = x->game_no;
        snap_add(s, 'x', &r, none, x->why);
    }
    if (s->n > 1)
        qsort(s->g, s->n, sizeof *s->g, snap_order);
    s->next_id = journal_next_match_id(j);
    s->dropped = journal_dropped_bytes(j);
}

static void snap_free(snap *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->g[i].r.moves);
        free(s->g[i].r.steps);
    }
    free(s->g);
    memset(s, 0, sizeof *s);
}

static int same_terms(const match_config *a, const match_config *b)
{
    return a->ops ? b->ops && match_terms_equal(a, b) : !b->ops;
}

static int same_game(const snap_game *a, const snap_game *b)
{
    const match_restore *x = &a->r, *y = &b->r;
    return a->kind == b->kind && x->match_id == y->match_id && x->game_no == y->game_no &&
           memcmp(x->name, y->name, sizeof x->name) == 0 &&
           memcmp(x->token, y->token, sizeof x->token) == 0 &&
           memcmp(x->engine, y->engine, sizeof x->engine) == 0 && x->nmoves == y->nmoves &&
           (x->nmoves == 0 || memcmp(x->moves, y->moves, x->nmoves * sizeof *x->moves) == 0) &&
           x->nsteps == y->nsteps &&
           (x->nsteps == 0 || memcmp(x->steps, y->steps, x->nsteps * sizeof *x->steps) == 0) &&
           x->opening_stones == y->opening_stones && x->left_ms[0] == y->left_ms[0] &&
           x->left_ms[1] == y->left_ms[1] && x->stopped == y->stopped &&
           memcmp(x->offer, y->offer, sizeof x->offer) == 0 && x->over == y->over &&
           x->result.winner == y->result.winner && x->result.reason == y->result.reason &&
           a->result.winner == b->result.winner && a->result.reason == b->result.reason &&
           same_terms(&x->terms, &y->terms) && strcmp(a->why, b->why) == 0;
}

/* The same games, each of a matched with one of b: a journal may hold
 * several games of one match and number (sorted, they may come in any
 * order). */
static void check_same(const snap *a, const snap *b)
{
    char *used = calloc(b->n + 1, 1);
    CHECK(used != NULL);
    CHECK(a->n == b->n && a->next_id == b->next_id);
    for (size_t i = 0; i < a->n; i++) {
        size_t k = 0;
        while (k < b->n && (used[k] || !same_game(&a->g[i], &b->g[k])))
            k++;
        CHECK(k < b->n);
        used[k] = 1;
    }
    free(used);
}

/* What holds of any journal read. */
static void check_read(const snap *s, size_t file_bytes)
{
    CHECK(s->dropped <= file_bytes);
    for (size_t i = 0; i < s->n; i++) {
        const snap_game *g = &s->g[i];
        CHECK(g->r.match_id != 0 && g->r.match_id < s->next_id && g->r.game_no != 0);
        /* one game per match to restore (they are sorted) */
        if (i > 0 && g->kind == 'r' && s->g[i - 1].kind == 'r')
            CHECK(g->r.match_id != s->g[i - 1].r.match_id);
        if (g->kind == 'r' && g->r.over)
            CHECK(g->r.offer[JOURNAL_OFFER_REMATCH] != GAME_SIDE_NONE ||
                  g->r.offer[JOURNAL_OFFER_DECLINED] != GAME_SIDE_NONE);
        if (g->kind == 'x')
            CHECK(g->why[0] != '\0');
    }
}

/* Opens the journal with c: 1 and *j, or 0 when it cannot be opened (the
 * file is then as it was). */
static int open_checked(journal **j, const match_config *c, const uint8_t *file, size_t n)
{
    char err[600];
    size_t now_n;
    uint8_t *now;
    err[0] = '\0';
    if (journal_open(j, g_path, c, err, sizeof err) == 0)
        return 1;
    CHECK(err[0] != '\0');
    now = read_file(&now_n);
    CHECK(now_n == n && (n == 0 || memcmp(now, file, n) == 0));
    free(now);
    return 0;
}

/* ---- the restore path: a host and its sink ---- */

typedef struct client {
    int open;
    game *g;
    int syncing, synced;
    uint32_t sync_plies;
} client;

static struct world {
    match_config cfg;
    const match_config *terms; /* of the game being restored and resumed */
    journal *j;
    client c[MAX_CONN];
    conn_id next;
    int trace;
} W;

static void s_send(void *ctx, conn_id id, const packet *p)
{
    uint8_t buf[PACKET_MAX_SIZE];
    client *c;
    (void)ctx;
    CHECK(id > 0 && id < MAX_CONN);
    c = &W.c[id];
    CHECK(c->open);
    CHECK(packet_encode(p, buf, sizeof buf) > 0); /* the codec would send it */
    if (!c->g)
        return; /* not a resuming client's (a resume is checked below) */
    switch (p->type) {
    case PACKET_SYNC_BEGIN:
        CHECK(!c->syncing);
        c->syncing = 1;
        c->sync_plies = p->u.sync.plies;
        W.terms->ops->reset(c->g);
        break;
    case PACKET_MOVE:
        if (c->syncing) {
            game_move m;
            m.from_x = p->u.move.from_x;
            m.from_y = p->u.move.from_y;
            m.to_x = p->u.move.to_x;
            m.to_y = p->u.move.to_y;
            m.promotion = p->u.move.promotion;
            CHECK(p->u.move.ply == W.terms->ops->ply(c->g) && p->u.move.ply < c->sync_plies);
            CHECK(W.terms->ops->apply(c->g, &m) == GAME_MOVE_OK);
        }
        break;
    case PACKET_SYNC_END:
        CHECK(c->syncing && p->u.ply.ply == c->sync_plies &&
              W.terms->ops->ply(c->g) == c->sync_plies);
        c->syncing = 0;
        c->synced = 1;
        break;
    default:
        break;
    }
}

static void s_close(void *ctx, conn_id id)
{
    (void)ctx;
    CHECK(id > 0 && id < MAX_CONN && W.c[id].open);
    W.c[id].open = 0;
}

static void s_log(void *ctx, log_level level, const char *line)
{
    (void)ctx;
    if (W.trace)
        fprintf(stderr, "[%d] %s\n", (int)level, line);
}

static void s_date(void *ctx, char *buf, size_t cap)
{
    (void)ctx;
    snprintf(buf, cap, "2026.01.01");
}

static int s_journal(void *ctx, const journal_entry *e)
{
    (void)ctx;
    CHECK(journal_write(W.j, e, NULL) == 0);
    return 0;
}

/* The host's game of match id (NULL: it holds none). */
static const match_view *find_match(const match_host *h, uint32_t id, match_view *v)
{
    for (size_t i = 0; match_host_view(h, i, v); i++)
        if (v->id == id)
            return v;
    return NULL;
}

static int same_history(const game_ops *ops, const game *a, const game *b)
{
    uint32_t n = ops->ply(a);
    if (ops->ply(b) != n || ops->to_move(a) != ops->to_move(b))
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        game_move x, y;
        CHECK(ops->history(a, i, &x) && ops->history(b, i, &y));
        if (memcmp(&x, &y, sizeof x) != 0)
            return 0;
    }
    return 1;
}

/* r's moves (without an opening) replayed through the rules: -1 when one
 * is refused, else 1 when the game is over after them, 0 when not. */
static int replay_moves(const match_config *t, const match_restore *r)
{
    game *g = t->ops->create(&t->options);
    int ok = 1, over;
    CHECK(g != NULL);
    for (size_t i = 0; ok && i < r->nmoves; i++)
        ok = t->ops->check_move(g, t->ops->to_move(g), &r->moves[i]) == GAME_MOVE_OK &&
             t->ops->apply(g, &r->moves[i]) == GAME_MOVE_OK;
    over = t->ops->result(g).reason != GAME_END_NONE;
    t->ops->destroy(g);
    return ok ? over : -1;
}

/* A player back with its token, as the lobby hands it over: it gets the
 * game the host holds. */
static void resume(match_host *h, uint32_t id, const uint8_t *token, uint64_t now)
{
    packet_hello hello;
    match_view v;
    client *c;
    int rc;
    if (W.next >= MAX_CONN)
        return;
    c = &W.c[W.next];
    memset(c, 0, sizeof *c);
    c->open = 1;
    CHECK((c->g = W.terms->ops->create(&W.terms->options)) != NULL);
    memset(&hello, 0, sizeof hello);
    hello.version = PACKET_VERSION;
    hello.want = PACKET_WANT_PLAY;
    snprintf(hello.name, sizeof hello.name, "back");
    memcpy(hello.token, token, PACKET_TOKEN_SIZE);
    rc = match_host_join(h, W.next, &hello, id, now);
    if (rc == 0 && c->open && find_match(h, id, &v)) {
        CHECK(c->synced && !c->syncing);
        CHECK(same_history(W.terms->ops, v.game, c->g));
    }
    if (rc != 0)
        c->open = 0;
    W.terms->ops->destroy(c->g);
    c->g = NULL;
    W.next++;
}

/* Is token a seat's of exactly one game restored (and not all zero)? */
static int unique_token(journal *j, const uint8_t *token)
{
    static const uint8_t zero[PACKET_TOKEN_SIZE];
    int n = 0;
    if (memcmp(token, zero, sizeof zero) == 0)
        return 0;
    for (size_t i = 0; i < journal_restored_count(j); i++)
        for (int s = 0; s < 2; s++)
            n += memcmp(journal_restored(j, i)->token[s], token, PACKET_TOKEN_SIZE) == 0;
    return n == 1;
}

/* The player to move in match id, back, plays its first legal move at
 * once (a move time cap may be as short as 1 ms): 1
 * and *m when the game goes on after it, -1 when the move ended it, 0
 * when nobody could move (a seat away, the opening running). */
static int play_one(match_host *h, uint32_t id, game_move *m, uint64_t now)
{
    const game_ops *ops = W.terms->ops;
    game_move legal[256];
    match_view v;
    conn_id c;
    uint32_t ply;
    size_t n;
    packet p;
    if (!find_match(h, id, &v) || v.over || v.opening)
        return 0;
    c = v.seat[ops->to_move(v.game) == GAME_SIDE_P1 ? 0 : 1];
    n = ops->legal_moves(v.game, legal, sizeof legal / sizeof legal[0]);
    while (n > 0 && ops->check_move(v.game, ops->to_move(v.game), &legal[0]) != GAME_MOVE_OK)
        legal[0] = legal[--n];
    if (c == CONN_NONE || n == 0)
        return 0;
    *m = legal[0];
    ply = ops->ply(v.game);
    packet_make_move(&p, ply, m->from_x, m->from_y, m->to_x, m->to_y, m->promotion);
    match_host_packet(h, c, &p, now);
    /* a legal move of the player to move is taken */
    CHECK(find_match(h, id, &v) && ops->ply(v.game) == ply + 1);
    return v.over ? -1 : 1;
}

/* Restores every game the journal read through the host, as the server
 * does at start, then resumes each seat whose token is its own and the
 * player to move plays a move (played[i]); alive[i] is 0 for a game not
 * played any more after it, 1 for one still played, 2 when with that move. */
static void restore_all(match_host *h, int *alive, game_move *played)
{
    uint64_t now = 1000;
    for (size_t i = 0; i < journal_restored_count(W.j); i++) {
        const match_restore *r = journal_restored(W.j, i);
        const match_config *t = r->terms.ops ? &r->terms : &W.cfg;
        const game_ops *ops = t->ops;
        int opening = t->opening != 0 && t->options.kind == GAME_KIND_GOMOKU;
        match_view v;
        game *fresh;
        uint32_t ply;
        int plain = !opening && r->nsteps == 0, replay = plain ? replay_moves(t, r) : 0;
        int rc = match_host_restore(h, r, now);
        alive[i] = 0;
        if (plain)
            CHECK((rc == 0) == (replay >= 0));
        if (!opening && r->nsteps > 0) /* steps without a rule to replay them */
            CHECK(rc != 0);
        if (rc != 0)
            continue;
        if (!find_match(h, r->match_id, &v)) {
            /* it ended with its last move, both players away: recorded, gone */
            CHECK(!plain || (replay == 1 && !r->over));
            continue;
        }
        /* the opening's stones, then the journal's moves, all legal */
        ply = ops->ply(v.game);
        CHECK(ply == r->opening_stones + r->nmoves);
        for (size_t k = 0; k < r->nmoves; k++) {
            game_move m;
            CHECK(ops->history(v.game, (uint32_t)(r->opening_stones + k), &m));
            CHECK(memcmp(&m, &r->moves[k], sizeof m) == 0);
        }
        CHECK((fresh = ops->create(&t->options)) != NULL);
        for (uint32_t k = 0; k < ply; k++) {
            game_move m;
            CHECK(ops->history(v.game, k, &m));
            CHECK(ops->apply(fresh, &m) == GAME_MOVE_OK);
        }
        CHECK(same_history(ops, v.game, fresh));
        ops->destroy(fresh);
        alive[i] = 1 + (!v.over && !r->over);
    }
    for (size_t i = 0; i < journal_restored_count(W.j); i++) {
        const match_restore *r = journal_restored(W.j, i);
        W.terms = r->terms.ops ? &r->terms : &W.cfg;
        for (int s = 0; alive[i] && s < 2; s++)
            if (unique_token(W.j, r->token[s]))
                resume(h, r->match_id, r->token[s], now + 1);
        alive[i] = alive[i] == 2;
        if (alive[i])
            alive[i] += play_one(h, r->match_id, &played[i], now + 1);
    }
}

/* The records of the unrecorded games, rebuilt as at start. */
static void record_all(journal *j)
{
    for (size_t i = 0; i < journal_unrecorded_count(j); i++) {
        const unrecorded_game *u = journal_unrecorded(j, i);
        const match_config *t = u->game.terms.ops ? &u->game.terms : &W.cfg;
        char *text = NULL;
        size_t len = 0;
        game_error e = record_text_replay(t, &u->game, u->result, "2026.01.01", &text, &len);
        if (!(t->opening != 0 && t->options.kind == GAME_KIND_GOMOKU) && u->game.nsteps == 0 &&
            replay_moves(t, &u->game) >= 0)
            CHECK(e == GAME_OK);
        if (!(t->opening != 0 && t->options.kind == GAME_KIND_GOMOKU) && u->game.nsteps > 0)
            CHECK(e != GAME_OK);
        if (e == GAME_OK)
            CHECK(text != NULL && len > 0);
        free(text);
    }
}

/* ---- the target ---- */

/* Reads the journal file (n bytes of file) as the server does at start
 * and checks the reads: 1 and the journal open (compacted) with its games
 * in *s, or 0 when it cannot be opened. */
static int read_checked(const uint8_t *file, size_t n, journal **j, snap *s)
{
    snap s2;
    if (!open_checked(j, &W.cfg, file, n))
        return 0;
    take_snap(*j, s);
    check_read(s, n);
    journal_close(*j);
    /* The same journal without its damaged tail reads the same. */
    if (s->dropped > 0) {
        write_file(file, n - s->dropped);
        CHECK(journal_open(j, g_path, &W.cfg, (char[600]){0}, 600) == 0);
        take_snap(*j, &s2);
        CHECK(s2.dropped == 0);
        check_same(s, &s2);
        snap_free(&s2);
        journal_close(*j);
    }
    /* The file written back at open reads back the same. */
    CHECK(journal_open(j, g_path, &W.cfg, (char[600]){0}, 600) == 0);
    take_snap(*j, &s2);
    CHECK(s2.dropped == 0);
    check_same(s, &s2);
    snap_free(&s2);
    return 1;
}

/* The server's start on j: records of the unrecorded games, the games
 * restored and resumed, a move in each, then a clean stop journaled into
 * the same file; j is closed. *kept gets the games still played, with
 * every move they should read back with. */
static void start_and_stop(journal *j, snap *kept)
{
    size_t n = journal_restored_count(j);
    int *alive = calloc(n + 1, sizeof *alive);
    game_move *played = calloc(n + 1, sizeof *played);
    logic_sink sink;
    match_host *h;
    CHECK(alive != NULL && played != NULL);
    W.j = j;
    memset(W.c, 0, sizeof W.c);
    W.next = 1;
    memset(&sink, 0, sizeof sink);
    sink.send = s_send;
    sink.close = s_close;
    sink.log = s_log;
    sink.date = s_date;
    sink.journal = s_journal;
    record_all(j);
    CHECK((h = match_host_create(&W.cfg, &sink)) != NULL);
    restore_all(h, alive, played);
    match_host_suspend(h, 5000);
    match_host_destroy(h);
    memset(kept, 0, sizeof *kept);
    for (size_t i = 0; i < n; i++)
        if (alive[i] > 0) {
            game_result none;
            match_restore *r;
            memset(&none, 0, sizeof none);
            snap_add(kept, 'r', journal_restored(j, i), none, NULL);
            r = &kept->g[kept->n - 1].r;
            if (alive[i] == 2) { /* the move played after the restart */
                game_move *more = realloc(r->moves, (r->nmoves + 1) * sizeof *r->moves);
                CHECK(more != NULL);
                r->moves = more;
                r->moves[r->nmoves++] = played[i];
            }
        }
    journal_close(j);
    free(alive);
    free(played);
}

/* After the stop: the journal reads back whole, with the kept games. */
static void check_kept(const snap *kept)
{
    journal *j;
    snap s;
    CHECK(journal_open(&j, g_path, &W.cfg, (char[600]){0}, 600) == 0);
    take_snap(j, &s);
    CHECK(s.dropped == 0); /* every line since the start is the server's own */
    for (size_t i = 0; i < kept->n; i++) {
        const match_restore *a = &kept->g[i].r;
        int found = 0;
        for (size_t k = 0; k < s.n && !found; k++) {
            const match_restore *b = &s.g[k].r;
            found =
                s.g[k].kind == 'r' && b->match_id == a->match_id && b->game_no == a->game_no &&
                !b->over && b->nmoves == a->nmoves && b->nsteps == a->nsteps &&
                (a->nmoves == 0 || memcmp(a->moves, b->moves, a->nmoves * sizeof *a->moves) == 0);
        }
        CHECK(found);
    }
    snap_free(&s);
    journal_close(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t file[5 * MAX_INPUT];
    journal *j = NULL;
    snap s;
    size_t n;
    if (size < 1 || size > MAX_INPUT)
        return 0;
    if (!g_claimed) {
        fuzz_journal_files_small();
        pick_path();
    }
    W.trace = getenv("FUZZ_JOURNAL_LOG") != NULL;
    if (data[0] & 1) {
        n = seal_lines(data + 1, size - 1, file);
    } else {
        n = size - 1;
        memcpy(file, data + 1, n);
    }
    pick_config(data[0], file, n, &W.cfg);
    remove(g_tmp);
    remove(g_refused); /* refused games set aside by the input before */
    write_file(file, n);
    if (!read_checked(file, n, &j, &s))
        return 0;
    snap_free(&s);
    start_and_stop(j, &s);
    check_kept(&s);
    snap_free(&s);
    return 0;
}
