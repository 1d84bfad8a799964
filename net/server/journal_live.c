/* journal_live.c: the live games, kept in memory under the journal's lock:
 * the text (G, M, R ... lines) of every game the file must still hold, which
 * compaction writes into a new file. */
#include <stdlib.h>
#include <string.h>

#include "journal_internal.h"

/* The match's current game: the one still played (no R yet). */
live_game *find_live(journal *j, uint32_t id)
{
    for (size_t i = 0; i < j->nlive; i++)
        if (j->live[i].match_id == id && !j->live[i].finished)
            return &j->live[i];
    return NULL;
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
    free(g->text);
    j->nlive--;
    if (i != j->nlive) /* the last one fills the gap */
        j->live[i] = j->live[j->nlive];
}

/* Appends n bytes to a growing buffer (first: its first capacity). */
int buf_append(char **buf, size_t *len, size_t *cap, size_t first, const char *bytes, size_t n)
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
            g->rematch = GAME_SIDE_NONE;
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
int dormant(const live_game *g)
{
    return g->recorded && g->rematch == GAME_SIDE_NONE;
}

uint64_t live_bytes(const journal *j)
{
    uint64_t n = 0;
    for (size_t i = 0; i < j->nlive; i++)
        n += dormant(&j->live[i]) ? 0 : j->live[i].len;
    return n;
}
