/* journal.c: see journal.h. The format, one line per record:
 *
 *   MBJ 4 KIND RULE WIDTH HEIGHT CLOCK_MS INCREMENT_MS NEXT_ID *CRC
 *   G MATCH GAME TOKEN1 TOKEN2 NAME1 NAME2 LEFT1 LEFT2 *CRC
 *   M MATCH PLY FROMX FROMY TOX TOY PROMOTION LEFT1 LEFT2 *CRC
 *   R MATCH GAME WINNER REASON *CRC
 *   E MATCH GAME *CRC
 *   O MATCH GAME OFFER SIDE *CRC
 *   S MATCH GAME LEFT1 LEFT2 *CRC
 *   T MATCH GAME LEFT1 LEFT2 *CRC
 *
 * O: an offer of kind OFFER (1 draw, 2 rematch, 3 takeback) by SIDE (1, 2)
 * is pending, or none of that kind (SIDE 0); a move or a takeback (M, U)
 * also ends a takeback request. S: the server stopped cleanly with the
 * game's clocks stopped at LEFT1 and LEFT2 ms. T: the clocks changed
 * between moves (a player gave time): LEFT1 and LEFT2 as at the last move.
 * All three belong to the game GAME of the match, and are kept with it.
 *
 * A finished game whose rematch offer is pending outlives its E: it is
 * kept (E line included) until the offer is answered or withdrawn (an O 2
 * with SIDE 0) or a later game of the match begins (its G), and is read
 * back as a finished match whose players may resume to answer the offer.
 *
 * M applies to the match's current game (the one without an R). R ends
 * a game; E (its record is written) lets the journal forget it. A journal
 * written before R existed (version 1) has "E MATCH": it ends the match's
 * current game. Version 2 added R, version 3 O and S, version 4 T (and
 * the rematch offer kept past E, which a version 3 reader simply drops);
 * version 4 is written, so that a server of before refuses the file ("a
 * later version") rather than reading the new lines as damage. Older
 * versions are read as they were written.
 *
 * Numbers in decimal, tokens and names in lowercase hex ("-" for an empty
 * name), CRC the CRC-32 (IEEE) of the line up to the space before '*', in
 * eight hex digits. The first line that is cut short or fails its CRC ends
 * the journal: it and anything after it are dropped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jfile.h"
#include "journal.h"
#include "sys.h"

#define COMPACT_MIN (64 * 1024) /* below this the file is never compacted */
#define LINE_CAP    256

typedef struct live_game {
    uint32_t match_id, game_no;
    int finished;      /* its R line is in: no more moves, waits for its E */
    int recorded;      /* its E line is in too: kept for a rematch offer */
    game_side rematch; /* who offers a rematch after it (GAME_SIDE_NONE: no one) */
    int gone;          /* its match is gone (JOURNAL_GONE): forgotten at its E */
    char *text;        /* its G line, M lines and R line, as in the file */
    size_t len, cap;
} live_game;

/* A game as read back at open: playable, or finished but unrecorded. */
typedef struct read_game {
    match_restore r;
    int finished;
    int recorded; /* its E is in: kept only for its rematch offer */
    game_result result;
} read_game;

struct journal {
    char *path, *tmp_path;
    jfile *f, *lock;
    sys_mutex *mu;
    const match_config *cfg;
    live_game *live;
    size_t nlive, caplive;
    uint64_t file_bytes;
    uint32_t next_id;
    read_game *reads; /* while reading at open */
    size_t nreads;
    match_restore *restored;
    size_t nrestored;
    unrecorded_game *unrecorded;
    size_t nunrecorded;
    size_t dropped;   /* damaged bytes found at the end when opened */
    uint64_t written; /* sequence number of the last record written */
    char *pending;    /* records written but not yet in the file: they go */
    size_t npending;  /* out with one write per flush (journal_flush) */
    size_t cappending;
    uint64_t flushed; /* every record up to this one is in the file */
    uint64_t synced;  /* every record up to this one is on the disk */
    int syncing;      /* syncs in flight, outside mu: the file must stay */
    int compact_due;  /* a compaction waits for them to end */
};

static _Thread_local char g_error[300];

const char *journal_error(void)
{
    return g_error;
}

/* ---- encoding ---- */

static uint32_t crc32_of(const char *s, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= (uint8_t)s[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void hex_of(char *out, const uint8_t *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes exactly n bytes of hex; 0 on success. */
static int unhex(const char *s, uint8_t *out, size_t n)
{
    if (strlen(s) != 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* Seals body (no newline) into line: "BODY *CRC\n". Returns the length. */
static size_t seal(char *line, size_t cap, const char *body)
{
    size_t n = strlen(body);
    int m = snprintf(line, cap, "%s *%08" PRIx32 "\n", body, crc32_of(body, n));
    return m < 0 || (size_t)m >= cap ? 0 : (size_t)m;
}

static size_t encode_header(const journal *j, char *line, size_t cap)
{
    char body[LINE_CAP];
    const match_config *c = j->cfg;
    snprintf(body, sizeof body, "MBJ 4 %d %d %d %d %" PRIu32 " %" PRIu32 " %" PRIu32,
             (int)c->options.kind, (int)c->options.rule, (int)c->options.width,
             (int)c->options.height, c->clock_ms, c->increment_ms, j->next_id);
    return seal(line, cap, body);
}

static void name_hex(char *out, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n >= PACKET_NAME_SIZE)
        n = PACKET_NAME_SIZE - 1;
    if (n == 0)
        strcpy(out, "-");
    else
        hex_of(out, (const uint8_t *)name, n);
}

static size_t encode_entry(const journal_entry *e, char *line, size_t cap)
{
    char body[LINE_CAP];
    switch (e->kind) {
    case JOURNAL_GAME: {
        char t1[2 * PACKET_TOKEN_SIZE + 1], t2[2 * PACKET_TOKEN_SIZE + 1];
        char n1[2 * PACKET_NAME_SIZE + 1], n2[2 * PACKET_NAME_SIZE + 1];
        hex_of(t1, e->token[0], PACKET_TOKEN_SIZE);
        hex_of(t2, e->token[1], PACKET_TOKEN_SIZE);
        name_hex(n1, e->name[0]);
        name_hex(n2, e->name[1]);
        snprintf(body, sizeof body, "G %" PRIu32 " %" PRIu32 " %s %s %s %s %" PRId64 " %" PRId64,
                 e->match_id, e->game_no, t1, t2, n1, n2, e->left_ms[0], e->left_ms[1]);
        break;
    }
    case JOURNAL_MOVE:
        snprintf(body, sizeof body, "M %" PRIu32 " %" PRIu32 " %d %d %d %d %d %" PRId64 " %" PRId64,
                 e->match_id, e->ply, e->move.from_x, e->move.from_y, e->move.to_x, e->move.to_y,
                 e->move.promotion, e->left_ms[0], e->left_ms[1]);
        break;
    case JOURNAL_UNDO:
        snprintf(body, sizeof body, "U %" PRIu32 " %" PRIu32 " %" PRId64 " %" PRId64, e->match_id,
                 e->ply, e->left_ms[0], e->left_ms[1]);
        break;
    case JOURNAL_OPENING: {
        char pts[4 * PACKET_OPENING_POINTS + 1];
        hex_of(pts, e->step.points, sizeof e->step.points);
        snprintf(body, sizeof body, "P %" PRIu32 " %d %d %d %d %s %" PRId64 " %" PRId64,
                 e->match_id, e->step.seat, e->step.step, e->step.choice, e->step.count, pts,
                 e->left_ms[0], e->left_ms[1]);
        break;
    }
    case JOURNAL_RESULT:
        snprintf(body, sizeof body, "R %" PRIu32 " %" PRIu32 " %d %d", e->match_id, e->game_no,
                 (int)e->result.winner, (int)e->result.reason);
        break;
    case JOURNAL_OFFER:
        snprintf(body, sizeof body, "O %" PRIu32 " %" PRIu32 " %d %d", e->match_id, e->game_no,
                 (int)e->offer, (int)e->side);
        break;
    case JOURNAL_STOP:
    case JOURNAL_CLOCK:
        snprintf(body, sizeof body, "%c %" PRIu32 " %" PRIu32 " %" PRId64 " %" PRId64,
                 e->kind == JOURNAL_STOP ? 'S' : 'T', e->match_id, e->game_no, e->left_ms[0],
                 e->left_ms[1]);
        break;
    case JOURNAL_END:
        if (e->game_no == 0) /* the match's current game */
            snprintf(body, sizeof body, "E %" PRIu32, e->match_id);
        else
            snprintf(body, sizeof body, "E %" PRIu32 " %" PRIu32, e->match_id, e->game_no);
        break;
    default:
        return 0;
    }
    return seal(line, cap, body);
}

/* ---- decoding ---- */

#define MAX_FIELDS 12

/* Checks a line's seal and splits its body into fields (in place).
 * Returns the number of fields, or -1 for a damaged line. */
static int unseal(char *line, char **field)
{
    char *star = strrchr(line, '*');
    uint8_t crc[4];
    int n = 0;
    if (!star || star == line || star[-1] != ' ' || unhex(star + 1, crc, 4) != 0)
        return -1;
    star[-1] = '\0';
    if (crc32_of(line, strlen(line)) !=
        ((uint32_t)crc[0] << 24 | (uint32_t)crc[1] << 16 | (uint32_t)crc[2] << 8 | crc[3]))
        return -1;
    for (char *p = strtok(line, " "); p; p = strtok(NULL, " ")) {
        if (n == MAX_FIELDS)
            return -1;
        field[n++] = p;
    }
    return n;
}

static int num(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    char *end;
    long long v;
    if (!*s)
        return -1;
    v = strtoll(s, &end, 10);
    if (*end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int unname(const char *s, char *out)
{
    size_t n = strlen(s) / 2;
    memset(out, 0, PACKET_NAME_SIZE);
    if (strcmp(s, "-") == 0)
        return 0;
    if (n == 0 || n >= PACKET_NAME_SIZE)
        return -1;
    return unhex(s, (uint8_t *)out, n);
}

/* ---- the live games (under mu) ---- */

/* The match's current game: the one still played (no R yet). */
static live_game *find_live(journal *j, uint32_t id)
{
    for (size_t i = 0; i < j->nlive; i++)
        if (j->live[i].match_id == id && !j->live[i].finished)
            return &j->live[i];
    return NULL;
}

/* The game game_no of match id; game_no 0: the match's current game, or
 * else its latest one (an "E MATCH" line of an older journal). */
static live_game *find_live_game(journal *j, uint32_t id, uint32_t game_no)
{
    live_game *best = NULL;
    if (game_no == 0 && (best = find_live(j, id)) != NULL)
        return best;
    for (size_t i = 0; i < j->nlive; i++) {
        live_game *g = &j->live[i];
        if (g->match_id != id)
            continue;
        if (game_no != 0 && g->game_no == game_no)
            return g;
        if (game_no == 0 && (!best || g->game_no > best->game_no))
            best = g;
    }
    return best;
}

static void drop_live(journal *j, live_game *g)
{
    size_t i;
    if (!g)
        return;
    i = (size_t)(g - j->live);
    free(g->text);
    j->nlive--;
    if (i != j->nlive) /* the last one fills the gap */
        j->live[i] = j->live[j->nlive];
}

/* Appends n bytes to a growing buffer (first: its first capacity). */
static int buf_append(char **buf, size_t *len, size_t *cap, size_t first, const char *bytes,
                      size_t n)
{
    if (*len + n > *cap) {
        size_t c = *cap ? *cap * 2 : first;
        char *t;
        while (c < *len + n)
            c *= 2;
        if (!(t = realloc(*buf, c)))
            return -1;
        *buf = t;
        *cap = c;
    }
    memcpy(*buf + *len, bytes, n);
    *len += n;
    return 0;
}

static int live_append(live_game *g, const char *line, size_t n)
{
    return buf_append(&g->text, &g->len, &g->cap, 1024, line, n);
}

/* Game game_no of match id begins: the rematch offers after the match's
 * earlier games are settled, and a game kept past its E only for its
 * offer goes. */
static void settle_rematch_live(journal *j, uint32_t id, uint32_t game_no)
{
    for (size_t i = j->nlive; i-- > 0;) { /* from the end: drop_live moves the last */
        live_game *g = &j->live[i];
        if (g->match_id == id && g->game_no < game_no && g->finished) {
            g->rematch = GAME_SIDE_NONE;
            if (g->recorded)
                drop_live(j, g);
        }
    }
}

/* A new live game of match id (replacing a game of the match still
 * played; a finished one stays until its E). */
static live_game *new_live(journal *j, uint32_t id, uint32_t game_no)
{
    live_game *g;
    drop_live(j, find_live(j, id));
    settle_rematch_live(j, id, game_no);
    if (j->nlive == j->caplive) {
        size_t cap = j->caplive ? j->caplive * 2 : 16;
        live_game *t = realloc(j->live, cap * sizeof *t);
        if (!t)
            return NULL;
        j->live = t;
        j->caplive = cap;
    }
    g = &j->live[j->nlive++];
    memset(g, 0, sizeof *g);
    g->match_id = id;
    g->game_no = game_no;
    return g;
}

/* A recorded game without a rematch offer: its text (G to R) is kept in
 * memory only, while its match lasts, so that an offer made after its E
 * can write it again (revive); the file does not need it. */
static int dormant(const live_game *g)
{
    return g->recorded && g->rematch == GAME_SIDE_NONE;
}

static uint64_t live_bytes(const journal *j)
{
    uint64_t n = 0;
    for (size_t i = 0; i < j->nlive; i++)
        n += dormant(&j->live[i]) ? 0 : j->live[i].len;
    return n;
}

/* Rewrites the file with the header and the live games only: a temporary
 * file, synced, renamed over the journal. 0 on success. */
static int compact(journal *j)
{
    char header[LINE_CAP];
    size_t hn = encode_header(j, header, sizeof header);
    jfile *t = NULL;
    int ok = jfile_open(&t, j->tmp_path, 1) == 0 && jfile_write(t, header, hn) == 0;
    /* drop_live frees only a text that it then moves out of live[0..nlive):
     * the analyser's use-after-free below is a false positive. */
    for (size_t i = 0; ok && i < j->nlive; i++)
        // NOLINTNEXTLINE(clang-analyzer-unix.Malloc)
        ok = dormant(&j->live[i]) || jfile_write(t, j->live[i].text, j->live[i].len) == 0;
    ok = ok && jfile_sync(t) == 0;
    if (t)
        jfile_close(t);
    if (ok) {
        /* Windows cannot rename over a file held open: let go first. */
        jfile_close(j->f);
        j->f = NULL;
        ok = jfile_replace(j->tmp_path, j->path) == 0;
        if (jfile_open(&j->f, j->path, 0) != 0)
            j->f = NULL;
    }
    if (!ok) {
        snprintf(g_error, sizeof g_error, "cannot compact %s: %s", j->path, jfile_error());
        remove(j->tmp_path);
        return -1;
    }
    j->file_bytes = hn + live_bytes(j);
    /* The live games' texts hold every pending record that still matters:
     * the new file, synced, has all of it. */
    j->npending = 0;
    j->flushed = j->synced = j->written;
    return 0;
}

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
            g->r.offer[JOURNAL_OFFER_REMATCH] = GAME_SIDE_NONE;
            if (g->recorded)
                drop_read(j, g);
        }
    }
}

static int take_game(journal *j, char **f, const char *raw, size_t rawlen)
{
    int64_t v[2];
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
    settle_rematch_read(j, r.match_id, r.game_no);
    slot = find_read(j, r.match_id); /* a game of the match still played */
    if (slot) {
        free(slot->r.moves);
        free(slot->r.steps);
    } else {
        read_game *t = realloc(j->reads, (j->nreads + 1) * sizeof *t);
        if (!t)
            return -1;
        j->reads = t;
        slot = &j->reads[j->nreads++];
    }
    memset(slot, 0, sizeof *slot);
    slot->r = r;
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
    if (r->nmoves == r->capmoves) {
        size_t cap = r->capmoves ? r->capmoves * 2 : 64;
        game_move *t = realloc(r->moves, cap * sizeof *t);
        if (!t)
            return -1;
        r->moves = t;
        r->capmoves = cap;
    }
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
    if (r->nsteps == r->capsteps) {
        size_t cap = r->capsteps ? r->capsteps * 2 : 16;
        match_opening_step *t = realloc(r->steps, cap * sizeof *t);
        if (!t)
            return -1;
        r->steps = t;
        r->capsteps = cap;
    }
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
    rg->result.winner = (game_side)v[2];
    rg->result.reason = (game_end_reason)v[3];
    return 0;
}

/* O, S and T: an offer, the clocks of a clean stop or of a gift of time,
 * of a game read (its G came before); kept with the game. A rematch offer
 * settled after the game's E lets the game go. */
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
    if (offer) {
        rg->r.offer[v[2]] = (game_side)v[3];
        if (v[2] == JOURNAL_OFFER_REMATCH) {
            g->rematch = (game_side)v[3];
            if (v[3] == GAME_SIDE_NONE && rg->recorded) {
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
 * match's current game. A finished game with a rematch offer pending
 * stays, for the offer. */
static int take_end(journal *j, char **f, int n, const char *raw, size_t rawlen)
{
    int64_t v[2] = {0, 0};
    read_game *rg;
    live_game *g;
    if (num(f[1], 1, UINT32_MAX, &v[0]) != 0 || (n == 3 && num(f[2], 1, UINT32_MAX, &v[1]) != 0))
        return -1;
    rg = find_read_game(j, (uint32_t)v[0], (uint32_t)v[1]);
    g = find_live_game(j, (uint32_t)v[0], (uint32_t)v[1]);
    if (rg && g && rg->finished && rg->r.offer[JOURNAL_OFFER_REMATCH] != GAME_SIDE_NONE) {
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
    if (n == 9 && strcmp(f[0], "G") == 0)
        return take_game(j, f, raw, rawlen);
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

/* Splits the games read into the restored (still played, or finished
 * with a rematch offer pending) and the unrecorded (finished without
 * their E); the moves arrays move over. An unrecorded game whose rematch
 * offer is pending is both: its record is written and its match restored
 * (with copies of the arrays). 0 or -1 (memory). */
static int sort_reads(journal *j)
{
    size_t nr = 0, nu = 0;
    for (size_t i = 0; i < j->nreads; i++) {
        const read_game *g = &j->reads[i];
        int unrec = g->finished && !g->recorded;
        nu += unrec ? 1 : 0;
        nr += !unrec || g->r.offer[JOURNAL_OFFER_REMATCH] != GAME_SIDE_NONE ? 1 : 0;
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
            if (u->game.offer[JOURNAL_OFFER_REMATCH] != GAME_SIDE_NONE) {
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

/* Reads the journal file. 0 on success (a missing file is an empty one),
 * -1 with err set. *dropped gets the bytes of a damaged tail. */
static int read_journal(journal *j, char *err, size_t cap, size_t *dropped)
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
                strcmp(f[1], "4") != 0) {
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
    if (!same && j->nreads > 0) {
        snprintf(err, cap,
                 "%s holds %zu unfinished or unrecorded game(s) of another game, rule, board or "
                 "clock: start the server with the options it had, or move the journal away",
                 j->path, j->nreads);
        return -1;
    }
    if (sort_reads(j) != 0) {
        snprintf(err, cap, "out of memory reading %s", j->path);
        return -1;
    }
    return 0;
}

/* ---- public ---- */

static char *concat(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

int journal_open(journal **out, const char *path, const match_config *cfg, char *err, size_t cap)
{
    journal *j = calloc(1, sizeof *j);
    char *lock_path = NULL;
    size_t dropped = 0;
    int lr;
    if (!j || !(j->path = concat(path, "")) || !(j->tmp_path = concat(path, ".tmp")) ||
        !(lock_path = concat(path, ".lock")) || !(j->mu = sys_mutex_create())) {
        snprintf(err, cap, "out of memory");
        free(lock_path);
        journal_close(j);
        return -1;
    }
    j->cfg = cfg;
    j->next_id = 1;
    lr = jfile_lock(&j->lock, lock_path);
    if (lr != 0) {
        if (lr > 0)
            snprintf(err, cap, "%s is in use by another server", path);
        else
            snprintf(err, cap, "cannot lock %s (%s): %s", path, lock_path, jfile_error());
        free(lock_path);
        journal_close(j);
        return -1;
    }
    free(lock_path);
    if (read_journal(j, err, cap, &dropped) != 0) {
        journal_close(j);
        return -1;
    }
    if (compact(j) != 0) {
        snprintf(err, cap, "%s", g_error);
        journal_close(j);
        return -1;
    }
    if (!j->f) {
        snprintf(err, cap, "cannot open journal %s: %s", path, jfile_error());
        journal_close(j);
        return -1;
    }
    j->dropped = dropped;
    *out = j;
    return 0;
}

size_t journal_restored_count(const journal *j)
{
    return j->nrestored;
}

match_restore *journal_restored(journal *j, size_t i)
{
    return i < j->nrestored ? &j->restored[i] : NULL;
}

size_t journal_unrecorded_count(const journal *j)
{
    return j->nunrecorded;
}

const unrecorded_game *journal_unrecorded(const journal *j, size_t i)
{
    return i < j->nunrecorded ? &j->unrecorded[i] : NULL;
}

size_t journal_dropped_bytes(const journal *j)
{
    return j->dropped;
}

uint32_t journal_next_match_id(const journal *j)
{
    return j->next_id;
}

uint64_t journal_size(journal *j)
{
    uint64_t n;
    sys_mutex_lock(j->mu);
    n = j->file_bytes;
    sys_mutex_unlock(j->mu);
    return n;
}

/* Puts the pending records into the file with one write; under mu. A
 * failed write is cut off again (no half line stays behind) and its
 * records are dropped: the games go on without that guarantee. */
static int flush_pending(journal *j)
{
    int rc = 0;
    if (j->npending == 0)
        return 0;
    if (!j->f) {
        snprintf(g_error, sizeof g_error, "cannot write %s: file not open", j->path);
        rc = -1;
    } else if (jfile_write(j->f, j->pending, j->npending) != 0) {
        snprintf(g_error, sizeof g_error, "cannot write %s: %s", j->path, jfile_error());
        jfile_truncate(j->f, j->file_bytes);
        rc = -1;
    } else {
        j->file_bytes += j->npending;
    }
    j->npending = 0;
    j->flushed = j->written;
    return rc;
}

static int add_pending(journal *j, const char *line, size_t n)
{
    return buf_append(&j->pending, &j->npending, &j->cappending, 4096, line, n);
}

/* Compacts the file when enough of it is dead (a game was dropped);
 * under mu. While a sync runs, the last sync to end does it. */
static void maybe_compact(journal *j)
{
    uint64_t live = live_bytes(j), bytes = j->file_bytes + j->npending;
    if ((live == 0 && bytes > COMPACT_MIN / 16) || (bytes > COMPACT_MIN && bytes > 2 * live)) {
        if (j->syncing)
            j->compact_due = 1;
        else
            compact(j); /* on failure the file just stays longer */
    }
}

/* The match of e is gone (JOURNAL_GONE): its recorded games go, one
 * waiting for its E goes at its E. Under mu. */
static void forget_match(journal *j, uint32_t id)
{
    for (size_t i = j->nlive; i-- > 0;) { /* from the end: drop_live moves the last */
        live_game *g = &j->live[i];
        if (g->match_id == id && g->recorded)
            drop_live(j, g);
        else if (g->match_id == id)
            g->gone = 1;
    }
    maybe_compact(j);
}

/* Updates the live games with e, whose line (n bytes) is pending; under
 * mu. 0, or -1 when out of memory. */
static int take_written(journal *j, const journal_entry *e, const char *line, size_t n)
{
    live_game *g;
    switch (e->kind) {
    case JOURNAL_GAME:
        if (e->match_id >= j->next_id)
            j->next_id = e->match_id + 1;
        g = new_live(j, e->match_id, e->game_no);
        return !g || live_append(g, line, n) != 0 ? -1 : 0; /* the file has it */
    case JOURNAL_OFFER:
    case JOURNAL_STOP:
    case JOURNAL_CLOCK:
        g = find_live_game(j, e->match_id, e->game_no);
        if (!g || g->game_no != e->game_no)
            return 0;
        if (e->kind == JOURNAL_OFFER && e->offer == JOURNAL_OFFER_REMATCH) {
            g->rematch = e->side;
            if (e->side == GAME_SIDE_NONE && g->recorded) {
                drop_live(j, g); /* kept past its E only for that offer */
                maybe_compact(j);
                return 0;
            }
        }
        return live_append(g, line, n);
    case JOURNAL_MOVE:
    case JOURNAL_RESULT:
    case JOURNAL_OPENING:
    case JOURNAL_UNDO:
        g = find_live(j, e->match_id);
        if (!g || (e->kind == JOURNAL_RESULT && g->game_no != e->game_no))
            return 0; /* not the game being played: nothing to keep */
        if (e->kind == JOURNAL_RESULT)
            g->finished = 1; /* kept until its E, past a rematch's G */
        return live_append(g, line, n);
    case JOURNAL_END:
        g = find_live_game(j, e->match_id, e->game_no);
        if (g && g->finished && !g->recorded && !g->gone) {
            /* Kept for a rematch offer: in the file (E included) while one
             * is pending, else in memory only (dormant). */
            g->recorded = 1;
            if (g->rematch != GAME_SIDE_NONE)
                return live_append(g, line, n);
            maybe_compact(j);
            return 0;
        }
        drop_live(j, g);
        maybe_compact(j);
        return 0;
    default:
        return 0;
    }
}

int journal_write(journal *j, const journal_entry *e, uint64_t *seq)
{
    char line[LINE_CAP], end[LINE_CAP];
    size_t n = e->kind == JOURNAL_GONE ? 1 : encode_entry(e, line, sizeof line), nend = 0;
    live_game *revive = NULL;
    int rc = 0;
    if (n == 0) {
        snprintf(g_error, sizeof g_error, "cannot encode a journal record");
        return -1;
    }
    sys_mutex_lock(j->mu);
    if (e->kind == JOURNAL_GONE) { /* nothing for the file */
        forget_match(j, e->match_id);
        if (seq)
            *seq = j->written;
        sys_mutex_unlock(j->mu);
        return 0;
    }
    if (e->kind == JOURNAL_OFFER && e->offer == JOURNAL_OFFER_REMATCH &&
        e->side != GAME_SIDE_NONE) {
        /* An offer after a dormant game: the game goes into the file
         * again, then the offer, then its E, so a reader keeps it. */
        revive = find_live_game(j, e->match_id, e->game_no);
        if (revive && (revive->game_no != e->game_no || !dormant(revive)))
            revive = NULL;
    }
    if (revive) {
        journal_entry ee;
        memset(&ee, 0, sizeof ee);
        ee.kind = JOURNAL_END;
        ee.match_id = e->match_id;
        ee.game_no = e->game_no;
        nend = encode_entry(&ee, end, sizeof end);
    }
    if (!j->f && compact(j) != 0) {
        rc = -1;
    } else if ((revive && add_pending(j, revive->text, revive->len) != 0) ||
               add_pending(j, line, n) != 0 || (revive && add_pending(j, end, nend) != 0)) {
        snprintf(g_error, sizeof g_error, "out of memory");
        rc = -1;
    } else {
        j->written++;
        if (seq)
            *seq = j->written;
        rc = take_written(j, e, line, n);
        if (rc == 0 && revive && live_append(revive, end, nend) != 0)
            rc = -1;
        if (rc != 0)
            snprintf(g_error, sizeof g_error, "out of memory");
    }
    sys_mutex_unlock(j->mu);
    return rc;
}

int journal_flush(journal *j, uint64_t seq)
{
    int rc = 0;
    sys_mutex_lock(j->mu);
    if (seq > j->written)
        seq = j->written;
    if (j->flushed < seq)
        rc = flush_pending(j);
    sys_mutex_unlock(j->mu);
    return rc;
}

int journal_sync(journal *j, uint64_t seq)
{
    int rc = 0;
    uint64_t upto;
    jfile *f;
    sys_mutex_lock(j->mu);
    if (seq > j->written)
        seq = j->written;
    if (j->synced >= seq) {
        sys_mutex_unlock(j->mu);
        return 0;
    }
    if (flush_pending(j) != 0) { /* everything pending: the sync covers it */
        sys_mutex_unlock(j->mu);
        return -1;
    }
    if (!j->f) {
        snprintf(g_error, sizeof g_error, "cannot sync %s: file not open", j->path);
        sys_mutex_unlock(j->mu);
        return -1;
    }
    /* The sync runs outside the lock, so that other threads' writes do not
     * wait for the disk; while it runs the file is not compacted (replaced). */
    upto = j->flushed; /* one sync covers every thread's writes so far */
    f = j->f;
    j->syncing++;
    sys_mutex_unlock(j->mu);
    if (jfile_sync(f) != 0) {
        snprintf(g_error, sizeof g_error, "cannot sync %s: %s", j->path, jfile_error());
        rc = -1;
    }
    sys_mutex_lock(j->mu);
    j->syncing--;
    if (rc == 0 && upto > j->synced)
        j->synced = upto;
    if (!j->syncing && j->compact_due) {
        j->compact_due = 0;
        compact(j); /* on failure the file just stays longer */
    }
    sys_mutex_unlock(j->mu);
    return rc;
}

int journal_append(journal *j, const journal_entry *e)
{
    uint64_t seq = 0;
    if (journal_write(j, e, &seq) != 0)
        return -1;
    return journal_sync(j, seq);
}

uint64_t journal_synced(journal *j)
{
    uint64_t n;
    sys_mutex_lock(j->mu);
    n = j->synced;
    sys_mutex_unlock(j->mu);
    return n;
}

void journal_close(journal *j)
{
    if (!j)
        return;
    flush_pending(j);
    if (j->f && j->synced < j->written)
        jfile_sync(j->f); /* what a once-a-second sync had still to do */
    free(j->pending);
    for (size_t i = 0; i < j->nlive; i++)
        free(j->live[i].text);
    free(j->live);
    for (size_t i = 0; i < j->nreads; i++) {
        free(j->reads[i].r.moves);
        free(j->reads[i].r.steps);
    }
    free(j->reads);
    for (size_t i = 0; i < j->nrestored; i++) {
        free(j->restored[i].moves);
        free(j->restored[i].steps);
    }
    free(j->restored);
    for (size_t i = 0; i < j->nunrecorded; i++) {
        free(j->unrecorded[i].game.moves);
        free(j->unrecorded[i].game.steps);
    }
    free(j->unrecorded);
    jfile_close(j->f);
    jfile_unlock(j->lock);
    sys_mutex_destroy(j->mu);
    free(j->path);
    free(j->tmp_path);
    free(j);
}
