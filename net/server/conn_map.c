/* conn_map.c: see conn_map.h. */
#include <stdlib.h>

#include "conn_map.h"

struct conn_map_slot {
    conn_id id; /* CONN_NONE: empty */
    void *value;
};

static size_t home(const conn_map *m, conn_id id)
{
    /* Ids are consecutive: a multiplicative hash spreads them. */
    return (size_t)((id * 0x9E3779B97F4A7C15ull) >> 17) & m->mask;
}

void conn_map_init(conn_map *m)
{
    m->slot = NULL;
    m->count = 0;
    m->mask = 0;
}

void conn_map_free(conn_map *m)
{
    free(m->slot);
    conn_map_init(m);
}

static void insert(conn_map *m, conn_id id, void *value)
{
    size_t i = home(m, id);
    while (m->slot[i].id != CONN_NONE && m->slot[i].id != id)
        i = (i + 1) & m->mask;
    if (m->slot[i].id == CONN_NONE)
        m->count++;
    m->slot[i].id = id;
    m->slot[i].value = value;
}

static int grow(conn_map *m)
{
    size_t cap = m->slot ? (m->mask + 1) * 2 : 64;
    struct conn_map_slot *old = m->slot;
    size_t old_cap = m->slot ? m->mask + 1 : 0;
    struct conn_map_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    m->slot = s;
    m->mask = cap - 1;
    m->count = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].id != CONN_NONE)
            insert(m, old[i].id, old[i].value);
    free(old);
    return 0;
}

int conn_map_put(conn_map *m, conn_id id, void *value)
{
    /* At most half full, so probes stay short. */
    if ((!m->slot || 2 * (m->count + 1) > m->mask + 1) && !conn_map_get(m, id) && grow(m) != 0)
        return -1;
    insert(m, id, value);
    return 0;
}

void *conn_map_get(const conn_map *m, conn_id id)
{
    size_t i;
    if (!m->slot || id == CONN_NONE)
        return NULL;
    for (i = home(m, id); m->slot[i].id != CONN_NONE; i = (i + 1) & m->mask)
        if (m->slot[i].id == id)
            return m->slot[i].value;
    return NULL;
}

void conn_map_del(conn_map *m, conn_id id)
{
    size_t i, j;
    if (!m->slot || id == CONN_NONE)
        return;
    for (i = home(m, id); m->slot[i].id != id; i = (i + 1) & m->mask)
        if (m->slot[i].id == CONN_NONE)
            return;
    /* Backward shift: move later entries of the run into the hole when
     * their home does not lie cyclically in (hole, their slot]. */
    for (j = (i + 1) & m->mask; m->slot[j].id != CONN_NONE; j = (j + 1) & m->mask) {
        size_t h = home(m, m->slot[j].id);
        int stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
        if (stays)
            continue;
        m->slot[i] = m->slot[j];
        i = j;
    }
    m->slot[i].id = CONN_NONE;
    m->slot[i].value = NULL;
    m->count--;
}
