/* match_host.h: the matches of one event-loop thread, a pure state machine.
 *
 * A host owns whole matches: both players' connections, the spectators,
 * the game (through game_ops only), the clocks, the draw and rematch
 * offers, dropped players' grace periods and the records. Nothing in one
 * match can reach another. Input: new matches from the lobby, joins
 * (resume, watch), packets, closes and the time; output through the
 * logic_sink.
 */
#ifndef MATCHBOARD_MATCH_HOST_H
#define MATCHBOARD_MATCH_HOST_H

#include "server_logic.h"

typedef struct match_host match_host;
struct gomoku_opening;

/* The server's engine seat (docs/server.md, "Engine seat") gives its seat
 * to a human who waits in the lobby: at once when its opponent asks for
 * another game (both go back to the lobby, the opponent to play the one
 * who waits), when its opponent leaves, and this long after the game's
 * end when its opponent stays without asking. */
enum { MATCH_ENGINE_IDLE_MS = 10000 };

/* A host for matches of cfg; NULL when out of memory. cfg and sink must
 * outlive it. */
match_host *match_host_create(const match_config *cfg, const logic_sink *sink);
/* Frees everything without a word to anyone (see match_host_shutdown). */
void match_host_destroy(match_host *h);

/* Both seats of a match are taken: creates its game and sends START. */
void match_host_start(match_host *h, const match_seating *m, uint64_t now_ms);
/* A game read back from the journal after a restart (journal.h): replays
 * its moves through the rules and holds both seats for the grace period,
 * from now, for their tokens. 0, or -1 when out of memory or the rules
 * refuse a move (nothing is kept then). */
int match_host_restore(match_host *h, const match_restore *r, uint64_t now_ms);
/* A connection whose HELLO resumes a seat (want = play and a token) or
 * watches (want = watch; match_id 0: the most recent running match here),
 * or is the engine seat's bot taking its seat back (want = seat with that
 * seat's token, sink->engine_back: only into a game of the server's kind).
 * Returns 0 when it joined, else the packet_error_code to refuse it with
 * (the caller sends that ERROR and closes; the host does not know it). */
int match_host_join(match_host *h, conn_id c, const packet_hello *hello, uint32_t match_id,
                    uint64_t now_ms);
/* A whole packet from a connection of this host. */
void match_host_packet(match_host *h, conn_id c, const packet *p, uint64_t now_ms);
/* A connection of this host closed (not one the host closed itself). */
void match_host_closed(match_host *h, conn_id c, uint64_t now_ms);
/* Time passes: grace periods and clocks run out. */
void match_host_tick(match_host *h, uint64_t now_ms);
/* When match_host_tick next has work to do; UINT64_MAX for never. */
uint64_t match_host_deadline(const match_host *h);
/* The server stops: unfinished games end as aborted (GAME_OVER, record),
 * every connection gets ERROR shutdown and is closed, matches are gone. */
void match_host_shutdown(match_host *h, uint64_t now_ms);

/* The server stops to restart (with a journal): every unfinished game's
 * clocks stop, their times are journaled (JOURNAL_STOP) and its players and
 * spectators are told; finished matches end as at match_host_shutdown.
 * Every connection is closed and the matches are gone from the host, but
 * the unfinished games stay in the journal, to be restored. */
void match_host_suspend(match_host *h, uint64_t now_ms);

/* Matches and connections held now. */
size_t match_host_matches(const match_host *h);
size_t match_host_connections(const match_host *h);
/* The most recent running match here (0: none), for spectators. */
uint32_t match_host_latest(const match_host *h);

/* A read-only look at one match, for checks (the fuzz target's
 * invariants). Valid until the next call into the host. */
typedef struct match_view {
    uint32_t id;
    const game *game; /* the current game, through the config's game_ops */
    int over;         /* the current game has ended */
    conn_id seat[2];  /* Player1, Player2 of the current game; CONN_NONE while away */
    const conn_id *watchers;
    size_t nwatch;
    /* The Gomoku opening rule of the current game (gomoku_opening.h; its
     * seat 0 is the game's first player, seat[0] here holds black); NULL
     * when none runs. */
    const struct gomoku_opening *opening;
} match_view;

/* The i-th match held (i < match_host_matches): 1 and *out, or 0. */
int match_host_view(const match_host *h, size_t i, match_view *out);

#endif
