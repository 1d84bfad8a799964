/* journal_read.c: reading the journal back at open: the games still
 * played (restored), the finished ones without a record (recorded), a
 * damaged tail dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_internal.h"
#include "match_terms.h"

/* ---- reading ---- */

/* The match's game still played, as read so far. */
static read_game *find_read(journal *j, uint32_t id)
{
    for (size_t i = 0; i < j->nreads; i++)
        if (j->reads[i].r.match_id == id && !j->reads[i].finished)
            return &j->reads[i];
    return NULL;
}

/* The game game_no of match id as read so far (0: as find_live_game). */
static read_game *find_read_game(journal *j, uint32_t id, uint32_t game_no)
{
    read_game *best = NULL;
    if (game_no == 0 && (best = find_read(j, id)) != NULL)
        return best;
    for (size_t i = 0; i < j->nreads; i++) {
        read_game *g = &j->reads[i];
        if (g->r.match_id != id)
            continue;
        if (game_no != 0 && g->r.game_no == game_no)
            return g;
        if (game_no == 0 && (!best || g->r.game_no > best->r.game_no))
            best = g;
    }
    return best;
}

/* As awaited (journal_live.c), for a game read: a rematch offer pending
 * after it, or a decline its maker has not heard. */
static int read_awaited(const read_game *g)
{
    return g->r.offer[JOURNAL_OFFER_REMATCH] != GAME_SIDE_NONE ||
           g->r.offer[JOURNAL_OFFER_DECLINED] != GAME_SIDE_NONE;
}

static void drop_read(journal *j, read_game *g)
{
    if (!g)
        return;
    free(g->r.moves);
    free(g->r.steps);
    *g = j->reads[--j->nreads];
}

/* As settle_rematch_live, for the games read. */
static void settle_rematch_read(journal *j, uint32_t id, uint32_t game_no)
{
    for (size_t i = j->nreads; i-- > 0;) { /* from the end: drop_read moves the last */
        read_game *g = &j->reads[i];
        if (g->r.match_id == id && g->r.game_no < game_no && g->finished) {
            g->r.offer[JOURNAL_OFFER_REMATCH] = g->r.offer[JOURNAL_OFFER_DECLINED] = GAME_SIDE_NONE;
            if (g->recorded)
                drop_read(j, g);
        }
    }
}

/* The terms at the end of a G line (f: its 11 fields) into *t, a copy of
 * the server's config with them. Terms that make no game leave t->ops NULL
 * and say why in bad: that game is refused, the journal read on. */
static void take_terms(journal *j, char **f, match_config *t, char *bad, size_t cap)
{
    static const char *const names[] = {"kind",      "rule",      "width",    "height",
                                        "clock",     "increment", "delay",    "delay time",
                                        "move time", "opening",   "takebacks"};
    int64_t v[11];
    for (int i = 0; i < 11; i++) {
        int wide = i == 4 || i == 5 || i == 7 || i == 8; /* milliseconds */
        if (num(f[i], 0, wide ? UINT32_MAX : UINT8_MAX, &v[i]) != 0) {
            snprintf(bad, cap, "the %s (%s) is not a number in range", names[i], f[i]);
            return;
        }
    }
    *t = *j->cfg;
    t->options.kind = (game_kind)v[0];
    t->options.rule = (uint8_t)v[1];
    t->options.width = (uint8_t)v[2];
    t->options.height = (uint8_t)v[3];
    t->clock_ms = (uint32_t)v[4];
    t->increment_ms = (uint32_t)v[5];
    t->delay_kind = (uint8_t)v[6];
    t->delay_ms = (uint32_t)v[7];
    t->move_time_ms = (uint32_t)v[8];
    t->opening = (uint8_t)v[9];
    t->no_takeback = (uint8_t)v[10];
    match_terms_check(t, bad, cap); /* t->ops stays NULL when they are bad */
}

static int take_game(journal *j, char **f, int n, const char *raw, size_t rawlen)
{
    int64_t v[2], engine = 0;
    match_restore r;
    read_game *slot;
    live_game *g;
    memset(&r, 0, sizeof r);
    if (num(f[1], 1, UINT32_MAX, &v[0]) || num(f[2], 1, UINT32_MAX, &v[1]) ||
        unhex(f[3], r.token[0], PACKET_TOKEN_SIZE) || unhex(f[4], r.token[1], PACKET_TOKEN_SIZE) ||
        unname(f[5], r.name[0]) || unname(f[6], r.name[1]) ||
        num(f[7], INT32_MIN, INT64_MAX / 2, &r.left_ms[0]) ||
        num(f[8], INT32_MIN, INT64_MAX / 2, &r.left_ms[1]))
        return -1;
    r.match_id = (uint32_t)v[0];
    r.game_no = (uint32_t)v[1];
    for (size_t i = 0; i < j->nreads; i++)
        if (j->reads[i].r.match_id == r.match_id && j->reads[i].finished &&
            j->reads[i].r.game_no >= r.game_no)
            return -1; /* a game begun before one that ended: out of order */
    settle_rematch_read(j, r.match_id, r.game_no);
    slot = find_read(j, r.match_id); /* a game of the match still played */
    if (slot) {
        free(slot->r.moves);
        free(slot->r.steps);
    } else {
        if (mb_resize(&j->reads, j->nreads + 1, sizeof *j->reads) != 0)
            return -1;
        slot = &j->reads[j->nreads++];
    }
    memset(slot, 0, sizeof *slot);
    slot->r = r;
    if (n >= 20)
        take_terms(j, f + 9, &slot->r.terms, slot->bad, sizeof slot->bad);
    if (n == 21 && !slot->bad[0] && num(f[20], 0, 3, &engine) != 0)
        snprintf(slot->bad, sizeof slot->bad, "the engine seat (%s) is not 0 to 3", f[20]);
    for (int k = 0; k < 2; k++) /* a G of before ENGINE: its token's old mark */
        slot->r.engine[k] = (uint8_t)(n == 21 ? (engine >> k) & 1 : v5_token_marked(r.token[k]));
    if (!(g = new_live(j, r.match_id, r.game_no)) || live_append(g, raw, rawlen) != 0)
        return -1;
    if (r.match_id >= j->next_id)
        j->next_id = r.match_id + 1;
    return 0;
}

static int take_move(journal *j, char **f, const char *raw, size_t rawlen)
{
    int64_t v[9];
    match_restore *r;
    read_game *rg;
    live_game *g;
    for (int i = 0; i < 7; i++)
        if (num(f[1 + i], 0, i < 2 ? UINT32_MAX : 255, &v[i]))
            return -1;
    if (num(f[8], INT32_MIN, INT64_MAX / 2, &v[7]) || num(f[9], INT32_MIN, INT64_MAX / 2, &v[8]))
        return -1;
    rg = find_read(j, (uint32_t)v[0]);
    g = find_live(j, (uint32_t)v[0]);
    if (!rg || !g || (uint64_t)v[1] != rg->r.nmoves + rg->r.opening_stones)
        return -1;
    r = &rg->r;
    if (mb_grow(&r->moves, &r->capmoves, r->nmoves + 1, sizeof *r->moves, 64) != 0)
        return -1;
    r->moves[r->nmoves].from_x = (uint8_t)v[2];
    r->moves[r->nmoves].from_y = (uint8_t)v[3];
    r->moves[r->nmoves].to_x = (uint8_t)v[4];
    r->moves[r->nmoves].to_y = (uint8_t)v[5];
    r->moves[r->nmoves].promotion = (uint8_t)v[6];
    r->nmoves++;
    r->left_ms[0] = v[7];
    r->left_ms[1] = v[8];
    r->stopped = 0; /* the clocks of this move, not of a stop before it */
    r->offer[JOURNAL_OFFER_TAKEBACK] = GAME_SIDE_NONE; /* it was about the moves before */
    return live_append(g, raw, rawlen);
}

/* U: the game's last moves were taken back. */
static int take_undo(journal *j, char **f, const char *raw, size_t rawlen)
{
    int64_t id, n, left[2];
    read_game *rg;
    live_game *g;
    if (num(f[1], 1, UINT32_MAX, &id) || num(f[2], 1, 2, &n) ||
        num(f[3], INT32_MIN, INT64_MAX / 2, &left[0]) ||
        num(f[4], INT32_MIN, INT64_MAX / 2, &left[1]))
        return -1;
    rg = find_read(j, (uint32_t)id);
    g = find_live(j, (uint32_t)id);
    if (!rg || !g || rg->r.nmoves < (size_t)n)
        return -1; /* only ordinary moves are taken back */
    rg->r.nmoves -= (size_t)n;
    rg->r.offer[JOURNAL_OFFER_TAKEBACK] = GAME_SIDE_NONE;
    rg->r.left_ms[0] = left[0];
    rg->r.left_ms[1] = left[1];
    return live_append(g, raw, rawlen);
}

/* P: an opening step (the rules check it when the game is restored). */
static int take_opening(journal *j, char **f, const char *raw, size_t rawlen)
{
    int64_t id, v[4], left[2];
    match_opening_step st;
    match_restore *r;
    read_game *rg;
    live_game *g;
    memset(&st, 0, sizeof st);
    if (num(f[1], 1, UINT32_MAX, &id) || num(f[2], 0, 1, &v[0]) || num(f[3], 0, 255, &v[1]) ||
        num(f[4], 0, 255, &v[2]) || num(f[5], 0, 255, &v[3]) ||
        unhex(f[6], st.points, sizeof st.points) || num(f[7], INT32_MIN, INT64_MAX / 2, &left[0]) ||
        num(f[8], INT32_MIN, INT64_MAX / 2, &left[1]))
        return -1;
    st.seat = (uint8_t)v[0];
    st.step = (uint8_t)v[1];
    st.choice = (uint8_t)v[2];
    st.count = (uint8_t)v[3];
    rg = find_read(j, (uint32_t)id);
    g = find_live(j, (uint32_t)id);
    if (!rg || !g || rg->r.nmoves > 0)
        return -1; /* the opening comes before every ordinary move */
    r = &rg->r;
    if (mb_grow(&r->steps, &r->capsteps, r->nsteps + 1, sizeof *r->steps, 16) != 0)
        return -1;
    r->steps[r->nsteps++] = st;
    /* place and select put a stone; so does a single proposal */
    if (st.step == 1 || st.step == 5 || (st.step == 4 && st.count == 1))
        r->opening_stones++;
    r->left_ms[0] = left[0];
    r->left_ms[1] = left[1];
    return live_append(g, raw, rawlen);
}

/* R: the match's current game (game_no) is over. */
static int take_result(journal *j, char **f, const char *raw, size_t rawlen)
{
    int64_t v[4];
    read_game *rg;
    live_game *g;
    if (num(f[1], 1, UINT32_MAX, &v[0]) || num(f[2], 1, UINT32_MAX, &v[1]) ||
        num(f[3], GAME_SIDE_NONE, GAME_SIDE_P2, &v[2]) ||
        num(f[4], GAME_END_NONE + 1, GAME_END_REASON_MAX, &v[3]))
        return -1;
    rg = find_read(j, (uint32_t)v[0]);
    g = find_live(j, (uint32_t)v[0]);
    if (!rg || !g || rg->r.game_no != (uint32_t)v[1])
        return 0; /* the result of a game not journaled: nothing to keep */
    if (live_append(g, raw, rawlen) != 0)
        return -1;
    rg->finished = g->finished = 1;
    g->body = g->len;
    rg->result.winner = (game_side)v[2];
    rg->result.reason = (game_end_reason)v[3];
    return 0;
}

/* O, S and T: an offer, the clocks of a clean stop or of a gift of time,
 * of a game read (its G came before); kept with the game. A rematch offer
 * settled after the game's E (and no decline left to tell) lets the game
 * go. */
static int take_offer_or_clock(journal *j, char **f, const char *raw, size_t rawlen)
{
    int64_t v[4];
    read_game *rg;
    live_game *g;
    int offer = f[0][0] == 'O';
    if (num(f[1], 1, UINT32_MAX, &v[0]) || num(f[2], 1, UINT32_MAX, &v[1]))
        return -1;
    if (offer ? num(f[3], 1, JOURNAL_OFFER_KINDS - 1, &v[2]) ||
                    num(f[4], GAME_SIDE_NONE, GAME_SIDE_P2, &v[3])
              : num(f[3], INT32_MIN, INT64_MAX / 2, &v[2]) ||
                    num(f[4], INT32_MIN, INT64_MAX / 2, &v[3]))
        return -1;
    rg = find_read_game(j, (uint32_t)v[0], (uint32_t)v[1]);
    g = find_live_game(j, (uint32_t)v[0], (uint32_t)v[1]);
    if (!rg || !g || rg->r.game_no != (uint32_t)v[1])
        return 0; /* of a game not journaled: nothing to keep */
    if (offer && (v[2] == JOURNAL_OFFER_REMATCH || v[2] == JOURNAL_OFFER_DECLINED) &&
        find_read_game(j, (uint32_t)v[0], 0)->r.game_no > (uint32_t)v[1])
        return 0; /* a rematch of a game its match has gone past: settled already */
    if (offer) {
        rg->r.offer[v[2]] = (game_side)v[3];
        if (v[2] == JOURNAL_OFFER_REMATCH || v[2] == JOURNAL_OFFER_DECLINED) {
            g->rematch = rg->r.offer[JOURNAL_OFFER_REMATCH];
            g->declined = rg->r.offer[JOURNAL_OFFER_DECLINED];
            if (!read_awaited(rg) && rg->recorded) {
                drop_read(j, rg);
                drop_live(j, g);
                return 0;
            }
        }
    } else {
        rg->r.left_ms[0] = v[2];
        rg->r.left_ms[1] = v[3];
        if (f[0][0] == 'S')
            rg->r.stopped = 1;
    }
    return live_append(g, raw, rawlen);
}

/* E: the game's record is written; "E MATCH" (older journals): the
 * match's current game. A finished game with a rematch offer pending, or
 * a decline of one not told, stays for it. */
static int take_end(journal *j, char **f, int n, const char *raw, size_t rawlen)
{
    int64_t v[2] = {0, 0};
    read_game *rg;
    live_game *g;
    if (num(f[1], 1, UINT32_MAX, &v[0]) != 0 || (n == 3 && num(f[2], 1, UINT32_MAX, &v[1]) != 0))
        return -1;
    rg = find_read_game(j, (uint32_t)v[0], (uint32_t)v[1]);
    g = find_live_game(j, (uint32_t)v[0], (uint32_t)v[1]);
    if (rg && g && rg->finished && read_awaited(rg)) {
        rg->recorded = g->recorded = 1;
        return live_append(g, raw, rawlen);
    }
    drop_read(j, rg);
    drop_live(j, g);
    return 0;
}

/* Applies one checked line. 0: taken; -1: it makes no sense here (the
 * journal ends before it). */
static int take_line(journal *j, char **f, int n, const char *raw, size_t rawlen)
{
    if ((n == 2 || n == 3) && strcmp(f[0], "E") == 0)
        return take_end(j, f, n, raw, rawlen);
    if ((n == 9 || n == 20 || n == 21) && strcmp(f[0], "G") == 0)
        return take_game(j, f, n, raw, rawlen);
    if (n == 10 && strcmp(f[0], "M") == 0)
        return take_move(j, f, raw, rawlen);
    if (n == 9 && strcmp(f[0], "P") == 0)
        return take_opening(j, f, raw, rawlen);
    if (n == 5 && strcmp(f[0], "U") == 0)
        return take_undo(j, f, raw, rawlen);
    if (n == 5 && strcmp(f[0], "R") == 0)
        return take_result(j, f, raw, rawlen);
    if (n == 5 && (strcmp(f[0], "O") == 0 || strcmp(f[0], "S") == 0 || strcmp(f[0], "T") == 0))
        return take_offer_or_clock(j, f, raw, rawlen);
    return -1;
}

/* A copy of n items of size each (NULL for none); 0, or -1 (memory). */
static int dup_array(void **out, const void *from, size_t n, size_t size)
{
    *out = NULL;
    if (n == 0)
        return 0;
    if (!(*out = malloc(n * size)))
        return -1;
    memcpy(*out, from, n * size);
    return 0;
}

/* Takes the games whose terms make no game out of the reads, into the
 * refused (their lines stay live: the file keeps them). 0 or -1 (memory). */
static int refuse_bad(journal *j)
{
    for (size_t i = j->nreads; i-- > 0;) { /* from the end: drop_read moves the last */
        read_game *g = &j->reads[i];
        journal_refusal *x;
        if (!g->bad[0])
            continue;
        if (mb_resize(&j->refused, j->nrefused + 1, sizeof *j->refused) != 0)
            return -1;
        x = &j->refused[j->nrefused++];
        x->match_id = g->r.match_id;
        x->game_no = g->r.game_no;
        snprintf(x->why, sizeof x->why, "%s", g->bad);
        drop_read(j, g);
    }
    return 0;
}

/* Splits the games read into the restored (still played, or finished
 * and awaited: a rematch offer pending, a decline not told) and the
 * unrecorded (finished without their E); the moves arrays move over. An
 * unrecorded game still awaited is both: its record is written and its
 * match restored (with copies of the arrays). 0 or -1 (memory). */
static int sort_reads(journal *j)
{
    size_t nr = 0, nu = 0;
    if (refuse_bad(j) != 0)
        return -1;
    for (size_t i = 0; i < j->nreads; i++) {
        const read_game *g = &j->reads[i];
        int unrec = g->finished && !g->recorded;
        nu += unrec ? 1 : 0;
        nr += !unrec || read_awaited(g) ? 1 : 0;
    }
    if (nr > 0 && !(j->restored = calloc(nr, sizeof *j->restored)))
        return -1;
    if (nu > 0 && !(j->unrecorded = calloc(nu, sizeof *j->unrecorded)))
        return -1;
    for (size_t i = 0; i < j->nreads; i++) {
        read_game *g = &j->reads[i];
        g->r.over = g->finished;
        g->r.result = g->result;
        if (g->finished && !g->recorded) {
            unrecorded_game *u = &j->unrecorded[j->nunrecorded++];
            u->game = g->r;
            u->result = g->result;
            g->r.moves = NULL; /* the unrecorded game has them now */
            g->r.steps = NULL;
            if (read_awaited(g)) {
                match_restore *r = &j->restored[j->nrestored++];
                *r = u->game;
                r->steps = NULL; /* neither array is shared, even if a copy fails */
                r->capmoves = r->nmoves;
                r->capsteps = r->nsteps;
                if (dup_array((void **)&r->moves, u->game.moves, r->nmoves, sizeof *r->moves) ||
                    dup_array((void **)&r->steps, u->game.steps, r->nsteps, sizeof *r->steps))
                    return -1; /* dup_array set the pointer it failed on to NULL */
            }
        } else {
            j->restored[j->nrestored++] = g->r;
        }
        g->r.moves = NULL;
        g->r.steps = NULL;
    }
    return 0;
}

/* The games read whose G had no terms (version 4 and before): the header
 * says what they are. */
static size_t untermed(const journal *j)
{
    size_t n = 0;
    for (size_t i = 0; i < j->nreads; i++)
        n += !j->reads[i].r.terms.ops && !j->reads[i].bad[0];
    return n;
}

/* Does the header describe games played as cfg says? */
static int header_matches(char **f, int n, const match_config *c, uint32_t *next_id)
{
    int64_t v[7];
    for (int i = 0; i < 7; i++)
        if (n != 9 || num(f[2 + i], 0, UINT32_MAX, &v[i]) != 0)
            return -1;
    *next_id = (uint32_t)v[6];
    return v[0] == c->options.kind && v[1] == c->options.rule && v[2] == c->options.width &&
                   v[3] == c->options.height && v[4] == c->clock_ms && v[5] == c->increment_ms
               ? 1
               : 0;
}

/* Is everything from at to the end of in a NUL byte? That is where a
 * journal appended through a mapping (jfile_posix.c) ends after a crash:
 * its preallocated space, never written. */
static int nul_to_end(FILE *in, uint64_t at)
{
    char buf[4096];
    size_t got;
    if (fseek(in, (long)at, SEEK_SET) != 0)
        return 0;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        for (size_t i = 0; i < got; i++)
            if (buf[i] != '\0')
                return 0;
    return !ferror(in);
}

/* Reads the journal file. 0 on success (a missing file is an empty one),
 * -1 with err set. *dropped gets the bytes of a damaged tail; a run of NUL
 * bytes from a line's start to the end is the journal's end, not damage. */
int read_journal(journal *j, char *err, size_t cap, size_t *dropped)
{
    FILE *in = fopen(j->path, "rb");
    char line[LINE_CAP + 2], copy[LINE_CAP + 2];
    int first = 1, same = 1;
    uint64_t at = 0;
    long total;
    *dropped = 0;
    if (!in)
        return 0;
    fseek(in, 0, SEEK_END);
    total = ftell(in);
    fseek(in, 0, SEEK_SET);
    while (fgets(line, sizeof line, in)) {
        size_t len = strlen(line);
        char *f[MAX_FIELDS];
        int n;
        if (len == 0 && nul_to_end(in, at)) {
            at = (uint64_t)total; /* the preallocated end: nothing dropped */
            break;
        }
        if (len == 0 || line[len - 1] != '\n')
            break; /* cut short (or too long to be ours) */
        memcpy(copy, line, len + 1);
        line[len - 1] = '\0';
        n = unseal(line, f);
        if (first) {
            if (n < 2 || strcmp(f[0], "MBJ") != 0) {
                if (strncmp(copy, "MBJ ", 4) == 0)
                    break; /* a damaged header: nothing was journaled yet */
                fclose(in);
                snprintf(err, cap,
                         "%s is not a matchboard journal (move it away or choose "
                         "another --journal)",
                         j->path);
                return -1;
            }
            if (strcmp(f[1], "1") != 0 && strcmp(f[1], "2") != 0 && strcmp(f[1], "3") != 0 &&
                strcmp(f[1], "4") != 0 && strcmp(f[1], "5") != 0 && strcmp(f[1], "6") != 0) {
                fclose(in);
                snprintf(err, cap, "%s is a journal of a later version", j->path);
                return -1;
            }
            same = header_matches(f, n, j->cfg, &j->next_id);
            if (same < 0)
                break;
            first = 0;
        } else if (n < 0 || take_line(j, f, n, copy, len) != 0) {
            break;
        }
        at += len;
    }
    fclose(in);
    if (total > 0 && (uint64_t)total > at)
        *dropped = (size_t)((uint64_t)total - at);
    if (!same && untermed(j) > 0) {
        snprintf(err, cap,
                 "%s holds %zu unfinished or unrecorded game(s) of another game, rule, board or "
                 "clock, journaled without their terms (by an older server): start the server "
                 "with the options it had, or move the journal away",
                 j->path, untermed(j));
        return -1;
    }
    if (sort_reads(j) != 0) {
        snprintf(err, cap, "out of memory reading %s", j->path);
        return -1;
    }
    return 0;
}
