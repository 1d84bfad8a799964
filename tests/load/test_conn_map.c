/* test_conn_map.c: the server's connection-id map (net/server/conn_map.h)
 * against a plain array, through growth and deletions that shift entries
 * back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "conn_map.h"
#include "tap.h"

#define N 5000

static int value[N + 1]; /* the pointers stored are &value[id] */
static int present[N + 1];

static int agrees(const conn_map *m)
{
    for (conn_id id = 1; id <= N; id++) {
        void *want = present[id] ? &value[id] : NULL;
        if (conn_map_get(m, id) != want)
            return 0;
    }
    return 1;
}

int main(void)
{
    conn_map m;
    size_t count = 0;
    uint32_t rng = 12345;
    conn_map_init(&m);
    TAP_OK(conn_map_get(&m, 1) == NULL, "an empty map has nothing");
    conn_map_del(&m, 7); /* nothing happens */
    TAP_OK(conn_map_get(&m, CONN_NONE) == NULL, "CONN_NONE is never found");

    for (conn_id id = 1; id <= N; id++) {
        if (conn_map_put(&m, id, &value[id]) != 0)
            break;
        present[id] = 1;
    }
    TAP_INT_EQ((long)m.count, N, "5000 consecutive ids go in (the map grows)");
    TAP_OK(agrees(&m), "each id finds its own value");

    TAP_INT_EQ(conn_map_put(&m, 10, &value[11]), 0, "putting an id again replaces its value");
    TAP_OK(conn_map_get(&m, 10) == &value[11] && m.count == N, "one entry, the new value");
    conn_map_put(&m, 10, &value[10]);

    /* Delete and re-add at random, checking everything now and then:
     * a wrong backward shift loses entries that sit later in a run. */
    for (int step = 0; step < 40000; step++) {
        conn_id id;
        rng = rng * 1103515245u + 12345u;
        id = 1 + (rng >> 8) % N;
        if (present[id]) {
            conn_map_del(&m, id);
            present[id] = 0;
        } else {
            conn_map_put(&m, id, &value[id]);
            present[id] = 1;
        }
    }
    for (conn_id id = 1; id <= N; id++)
        count += (size_t)present[id];
    TAP_INT_EQ((long)m.count, (long)count, "the count follows 40000 puts and deletes");
    TAP_OK(agrees(&m), "every id present is found, every id deleted is gone");

    for (conn_id id = 1; id <= N; id++)
        conn_map_del(&m, id);
    TAP_INT_EQ((long)m.count, 0, "deleting everything empties the map");
    for (conn_id id = 1; id <= N; id++)
        present[id] = 0;
    TAP_OK(agrees(&m), "and nothing is found");
    conn_map_free(&m);
    TAP_OK(conn_map_get(&m, 1) == NULL, "a freed map is empty");
    return tap_done();
}
