/* journal_live.c: the live games, kept in memory under the journal's lock:
 * the text (G, M, R ... lines) of every game the file must still hold, which
 * compaction writes into a new file. */
#include <stdlib.h>
#include <string.h>

#include "journal_internal.h"

/* j->latest maps a match to the game new_live added last for it, by
 * index (the array moves when it grows): key and value are offset by one,
 * as the map takes neither 0 nor NULL. */
static conn_id latest_key(uint32_t id)
{
    return (conn_id)id + 1;
}

static size_t latest_of(const journal *j, uint32_t id)
{
    return (size_t)(uintptr_t)conn_map_get(&j->latest, latest_key(id)); /* 0: none */
}

static int set_latest(journal *j, uint32_t id, size_t i)
{
    return conn_map_put(&j->latest, latest_key(id), (void *)(uintptr_t)(i + 1));
}

/* The match's current game: the one still played (no R yet). new_live
 * drops the one before when it adds a game, and a game never becomes
 * unfinished again, so only the latest game can be it: one lookup a
 * move, however many games are live. */
live_game *find_live(journal *j, uint32_t id)
{
    size_t at = latest_of(j, id);
    live_game *g = at ? &j->live[at - 1] : NULL;
    return g && !g->finished ? g : NULL;
}

/* The game game_no of match id; game_no 0: the match's current game, or
 * else its latest one (an "E MATCH" line of an older journal). */
live_game *find_live_game(journal *j, uint32_t id, uint32_t game_no)
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

void drop_live(journal *j, live_game *g)
{
    size_t i;
    if (!g)
        return;
    i = (size_t)(g - j->live);
    if (latest_of(j, g->match_id) == i + 1)
        conn_map_del(&j->latest, latest_key(g->match_id));
    free(g->text);
    j->nlive--;
    /* The later games move down, in the order they began: compaction
     * writes them so, and a reader takes a match's games in file order (a
     * G replaces the match's game still played: a rematch written before
     * the game it follows would be lost). */
    memmove(&j->live[i], &j->live[i + 1], (j->nlive - i) * sizeof *j->live);
    for (size_t k = i; k < j->nlive; k++)
        if (latest_of(j, j->live[k].match_id) == k + 2)
            (void)set_latest(j, j->live[k].match_id, k); /* replaces: no memory needed */
}

/* Appends n bytes to a growing buffer (first: its first capacity). */
int buf_append(char **buf, size_t *len, size_t *cap, size_t first, const char *bytes, size_t n)
{
    if (mb_grow(buf, cap, *len + n, 1, first) != 0)
        return -1;
    memcpy(*buf + *len, bytes, n);
    *len += n;
    return 0;
}

int live_append(live_game *g, const char *line, size_t n)
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
            g->rematch = g->declined = GAME_SIDE_NONE;
            if (g->recorded)
                drop_live(j, g);
        }
    }
}

/* A new live game of match id (replacing a game of the match still
 * played; a finished one stays until its E). */
live_game *new_live(journal *j, uint32_t id, uint32_t game_no)
{
    live_game *g;
    drop_live(j, find_live(j, id));
    settle_rematch_live(j, id, game_no);
    if (mb_grow(&j->live, &j->caplive, j->nlive + 1, sizeof *j->live, 16) != 0 ||
        set_latest(j, id, j->nlive) != 0)
        return NULL;
    g = &j->live[j->nlive++];
    memset(g, 0, sizeof *g);
    g->match_id = id;
    g->game_no = game_no;
    return g;
}

/* A finished game the file keeps past its E: a rematch offer is pending
 * after it, or a decline of one that its maker has not heard yet. */
int awaited(const live_game *g)
{
    return g->rematch != GAME_SIDE_NONE || g->declined != GAME_SIDE_NONE;
}

/* A recorded game no longer awaited: its text (G to R) is kept in memory
 * only, while its match lasts, so that an offer made after its E can
 * write it again (revive); the file does not need it. */
int dormant(const live_game *g)
{
    return g->recorded && !awaited(g);
}

/* Recorded game g is no longer awaited (dormant): its text is cut back to
 * G..R, as the offers and declines after its R are settled, so that any
 * later offer after it writes it again (revive) as the first one did,
 * with none of them. */
void make_dormant(live_game *g)
{
    if (g->body > 0)
        g->len = g->body;
}

uint64_t live_bytes(const journal *j)
{
    uint64_t n = 0;
    for (size_t i = 0; i < j->nlive; i++)
        n += dormant(&j->live[i]) ? 0 : j->live[i].len;
    return n;
}
