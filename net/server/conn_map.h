/* conn_map.h: connection id -> pointer, for the lookups the server makes
 * on every packet (which connection, which match). Open addressing with
 * linear probing; deletion shifts entries back, so there are no
 * tombstones and a lookup stays short however many come and go. */
#ifndef MATCHBOARD_CONN_MAP_H
#define MATCHBOARD_CONN_MAP_H

#include <stddef.h>

#include "server_logic.h"

typedef struct conn_map {
    struct conn_map_slot *slot; /* NULL until the first put */
    size_t count, mask;
} conn_map;

/* An empty map (all zero is one too). */
void conn_map_init(conn_map *m);
void conn_map_free(conn_map *m);
/* Maps id (not CONN_NONE) to value (not NULL), replacing what was there.
 * 0, or -1 when out of memory (the map is unchanged). */
int conn_map_put(conn_map *m, conn_id id, void *value);
/* The value of id, NULL if none. */
void *conn_map_get(const conn_map *m, conn_id id);
/* Forgets id (nothing happens if it is not there). */
void conn_map_del(conn_map *m, conn_id id);

#endif
