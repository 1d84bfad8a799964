/* lobby.h: the server's front door, a pure state machine.
 *
 * Every new connection starts here. It must send HELLO within the HELLO
 * timeout. A player is seated in connection order: the first waits as
 * Player1 of a new match (WELCOME at once), the second becomes its Player2
 * and both are handed to a match host (sink->start_match). A waiting
 * Player1 that drops frees the seat. A HELLO with a resume token or
 * want = watch is handed on through sink->join.
 *
 * The server's engine seat (--engine-seat) says HELLO with want = seat and
 * cfg->seat_key; it is seated like anyone (whoever finds it waiting plays
 * it), and match hosts hand players back (lobby_requeue) when the engine
 * gives its seat to a human who waits (docs/server.md, "Engine seat").
 * Its seat says so (match_seating.engine, journaled with its game: its
 * token is as random as anyone's), and a new bot of the seat first goes
 * back to a match that has the engine seat (sink->engine_back).
 */
#ifndef MATCHBOARD_LOBBY_H
#define MATCHBOARD_LOBBY_H

#include "server_logic.h"

typedef struct lobby lobby;

/* A lobby seating players for matches of cfg; NULL when out of memory.
 * cfg and sink must outlive it. */
lobby *lobby_create(const match_config *cfg, const logic_sink *sink);
void lobby_destroy(lobby *l);

/* A connection was accepted; peer is its address text for the log. */
void lobby_opened(lobby *l, conn_id c, const char *peer, uint64_t now_ms);
/* A whole packet arrived from a connection of the lobby. */
void lobby_packet(lobby *l, conn_id c, const packet *p, uint64_t now_ms);
/* A connection of the lobby closed (not one the lobby closed itself). */
void lobby_closed(lobby *l, conn_id c, uint64_t now_ms);
/* Time passes: drops connections silent past the HELLO timeout. */
void lobby_tick(lobby *l, uint64_t now_ms);
/* When lobby_tick next has work to do; UINT64_MAX for never. */
uint64_t lobby_deadline(const lobby *l);
/* The server stops: every connection of the lobby gets ERROR shutdown and
 * is closed. */
void lobby_shutdown(lobby *l);
/* Players seated and waiting for an opponent (0 or 1). */
size_t lobby_waiting(const lobby *l);
/* 1 when the waiting player is a human (not the engine seat). */
int lobby_human_waiting(const lobby *l);
/* A player of a finished match comes back (sink->requeue): c is the
 * lobby's again and is seated at once, as if it had just said HELLO with
 * this name and version: a new match, a new token, WELCOME, and a match
 * starts when someone waited. engine: it is the engine seat. */
void lobby_requeue(lobby *l, conn_id c, const char *name, uint16_t version, int engine,
                   uint64_t now_ms);
/* New matches get ids from id on (ids in a restored journal are taken). */
void lobby_set_next_match_id(lobby *l, uint32_t id);
/* Connections the lobby holds now. */
size_t lobby_count(const lobby *l);

#endif
