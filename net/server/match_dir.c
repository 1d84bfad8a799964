/* match_dir.c: see match_dir.h. Two small arrays behind one mutex: the
 * matches and the loops. Every function locks; none calls out while
 * holding the lock. */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "match_dir.h"
#include "thread.h"

#define HEADROOM 3 /* slots kept free on a loop for closing sockets and resumes */

typedef struct dir_entry {
    uint32_t match_id;
    size_t loop; /* index into loops */
    uint8_t token[2][PACKET_TOKEN_SIZE];
    uint8_t engine[2];
    game_kind kind;
    int running;
} dir_entry;

typedef struct dir_loop {
    void *loop;
    size_t capacity;
    size_t load; /* slots promised: 2 per match, 1 per spectator */
} dir_loop;

struct match_dir {
    mb_mutex *lock;
    dir_entry *e;
    size_t n, cap;
    dir_loop *loops;
    size_t nloops, caploops;
    size_t spectators;
};

match_dir *dir_create(void)
{
    match_dir *d = calloc(1, sizeof *d);
    if (d && !(d->lock = mb_mutex_create())) {
        free(d);
        d = NULL;
    }
    return d;
}

void dir_destroy(match_dir *d)
{
    if (!d)
        return;
    mb_mutex_destroy(d->lock);
    free(d->e);
    free(d->loops);
    free(d);
}

/* The index of a registered loop, or nloops; under the lock. */
static size_t loop_index(const match_dir *d, const void *loop)
{
    size_t i = 0;
    while (i < d->nloops && d->loops[i].loop != loop)
        i++;
    return i;
}

int dir_add_loop(match_dir *d, void *loop, size_t capacity)
{
    int rc = -1;
    mb_mutex_lock(d->lock);
    if (mb_grow(&d->loops, &d->caploops, d->nloops + 1, sizeof *d->loops, 16) == 0) {
        dir_loop *l = &d->loops[d->nloops++];
        rc = 0;
        l->loop = loop;
        l->capacity = capacity;
        l->load = 0;
    }
    mb_mutex_unlock(d->lock);
    return rc;
}

dir_result dir_add(match_dir *d, const dir_match *m, void **where)
{
    dir_result rc = DIR_NO_ROOM;
    mb_mutex_lock(d->lock);
    for (size_t i = 0; i < d->nloops; i++) {
        dir_loop *l = &d->loops[i];
        dir_entry *e;
        if (l->load + 2 + HEADROOM > l->capacity)
            continue;
        if (mb_grow(&d->e, &d->cap, d->n + 1, sizeof *d->e, 16) != 0) {
            rc = DIR_NO_MEMORY;
            break;
        }
        e = &d->e[d->n++];
        e->match_id = m->match_id;
        e->loop = i;
        e->running = m->running;
        e->kind = m->kind;
        for (int k = 0; k < 2; k++) {
            memcpy(e->token[k], m->token[k], PACKET_TOKEN_SIZE);
            e->engine[k] = m->engine[k] != 0;
        }
        l->load += 2;
        *where = l->loop;
        rc = DIR_OK;
        break;
    }
    mb_mutex_unlock(d->lock);
    return rc;
}

void *dir_find_token(match_dir *d, const uint8_t token[PACKET_TOKEN_SIZE])
{
    void *where = NULL;
    mb_mutex_lock(d->lock);
    for (size_t i = 0; i < d->n && !where; i++)
        for (int k = 0; k < 2; k++)
            if (logic_token_equal(d->e[i].token[k], token))
                where = d->loops[d->e[i].loop].loop;
    mb_mutex_unlock(d->lock);
    return where;
}

void *dir_find_engine(match_dir *d, game_kind kind, uint8_t token[PACKET_TOKEN_SIZE])
{
    const dir_entry *best = NULL;
    void *where = NULL;
    int seat = 0;
    mb_mutex_lock(d->lock);
    for (size_t i = 0; i < d->n; i++)
        for (int k = 0; k < 2; k++)
            if (d->e[i].engine[k] && d->e[i].kind == kind &&
                (!best || (!best->running && d->e[i].running))) {
                best = &d->e[i];
                seat = k;
            }
    if (best) {
        memcpy(token, best->token[seat], PACKET_TOKEN_SIZE);
        where = d->loops[best->loop].loop;
    }
    mb_mutex_unlock(d->lock);
    return where;
}

int dir_watch_target(match_dir *d, uint32_t want, uint32_t *target, void **where)
{
    uint32_t best_running = 0, best_any = 0, id = 0;
    int code = PACKET_CODE_NO_MATCH;
    mb_mutex_lock(d->lock);
    for (size_t i = 0; i < d->n; i++) {
        uint32_t m = d->e[i].match_id;
        if (want ? m == want : (d->e[i].running && m > best_running))
            best_running = m;
        if (m > best_any)
            best_any = m;
    }
    id = best_running ? best_running : want ? 0 : best_any;
    for (size_t i = 0; i < d->n && id; i++) {
        dir_loop *l = &d->loops[d->e[i].loop];
        if (d->e[i].match_id != id)
            continue;
        if (l->load + 1 > l->capacity) {
            code = PACKET_CODE_SERVER_FULL;
        } else {
            l->load++;
            d->spectators++;
            *where = l->loop;
            *target = id;
            code = 0;
        }
        break;
    }
    mb_mutex_unlock(d->lock);
    return code;
}

void dir_unwatch(match_dir *d, void *loop)
{
    size_t i;
    mb_mutex_lock(d->lock);
    i = loop_index(d, loop);
    if (i < d->nloops && d->loops[i].load > 0)
        d->loops[i].load--;
    if (d->spectators > 0)
        d->spectators--;
    mb_mutex_unlock(d->lock);
}

void dir_match_event(match_dir *d, uint32_t match_id, match_status status)
{
    mb_mutex_lock(d->lock);
    for (size_t i = 0; i < d->n; i++) {
        if (d->e[i].match_id != match_id)
            continue;
        if (status == MATCH_GONE) {
            d->loops[d->e[i].loop].load -= 2;
            d->e[i] = d->e[--d->n];
        } else {
            d->e[i].running = status == MATCH_RUNNING;
        }
        break;
    }
    mb_mutex_unlock(d->lock);
}

void dir_counts(match_dir *d, size_t *running, size_t *spectators)
{
    size_t r = 0;
    mb_mutex_lock(d->lock);
    for (size_t i = 0; i < d->n; i++)
        r += d->e[i].running != 0;
    *running = r;
    *spectators = d->spectators;
    mb_mutex_unlock(d->lock);
}

size_t dir_matches(match_dir *d)
{
    size_t n;
    mb_mutex_lock(d->lock);
    n = d->n;
    mb_mutex_unlock(d->lock);
    return n;
}

size_t dir_load(match_dir *d, void *loop)
{
    size_t n = 0, i;
    mb_mutex_lock(d->lock);
    i = loop_index(d, loop);
    if (i < d->nloops)
        n = d->loops[i].load;
    mb_mutex_unlock(d->lock);
    return n;
}
