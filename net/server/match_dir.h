/* match_dir.h: the directory of the server's matches, shared by the lobby
 * thread and every match thread: which loop (thread) holds each match, its
 * players' resume tokens, whether a game runs, and how many sockets each
 * loop has promised (2 per match, 1 per spectator) against its capacity.
 *
 * Every call takes the directory's own lock, so no caller ever touches its
 * arrays: a directory that grows (realloc) while another thread looks
 * something up is safe. A loop is an opaque pointer the caller registers
 * (dir_add_loop) and gets back from the lookups.
 */
#ifndef MATCHBOARD_MATCH_DIR_H
#define MATCHBOARD_MATCH_DIR_H

#include <stddef.h>
#include <stdint.h>

#include "server_logic.h"

typedef struct match_dir match_dir;

/* Results of dir_add (the lookups return a packet_error_code instead). */
typedef enum dir_result {
    DIR_OK = 0,
    DIR_NO_ROOM = -1,   /* no registered loop has room: add one and retry */
    DIR_NO_MEMORY = -2, /* out of memory */
} dir_result;

/* A new, empty directory; NULL when out of memory. */
match_dir *dir_create(void);
void dir_destroy(match_dir *d);

/* Registers a loop that may hold `capacity` sockets. 0, or -1 when out of
 * memory. */
int dir_add_loop(match_dir *d, void *loop, size_t capacity);

/* A match as dir_add takes it. */
typedef struct dir_match {
    uint32_t match_id;
    game_kind kind;          /* its game's (a restored game keeps its own) */
    const uint8_t *token[2]; /* its players' resume tokens, PACKET_TOKEN_SIZE bytes each */
    uint8_t engine[2];       /* seat k is the server's engine seat (match_seating.engine) */
    int running;             /* a game is being played (1) or not yet announced (0) */
} dir_match;

/* Adds match m on a registered loop with room for two more sockets (a few left spare for
 * sockets still closing and resumes that replace one), whose pointer goes to *where. */
dir_result dir_add(match_dir *d, const dir_match *m, void **where);
/* The match of a resume token: its loop, or NULL (PACKET_CODE_BAD_TOKEN). */
void *dir_find_token(match_dir *d, const uint8_t token[PACKET_TOKEN_SIZE]);
/* A match of game kind (the one the engine plays) with the engine seat in it, one whose game
 * runs first: its loop, with that seat's token in *token; NULL when there is none. A match of
 * another kind is never picked: its game waits for a player, not for this engine. */
void *dir_find_engine(match_dir *d, game_kind kind, uint8_t token[PACKET_TOKEN_SIZE]);
/* A spectator wants match `want` (0: the most recent running match, else
 * the most recent one). On success takes a socket slot of its loop,
 * returns 0 with the loop in *where and the match id in *target; else
 * PACKET_CODE_NO_MATCH or PACKET_CODE_SERVER_FULL. Release the slot with
 * dir_unwatch. */
int dir_watch_target(match_dir *d, uint32_t want, uint32_t *target, void **where);
/* A spectator of a loop is gone: its slot is free again. */
void dir_unwatch(match_dir *d, void *loop);

/* A match's game runs (MATCH_RUNNING), is over (MATCH_FINISHED), or the
 * match is gone (MATCH_GONE: removed, its two slots freed). Unknown ids are
 * ignored. */
void dir_match_event(match_dir *d, uint32_t match_id, match_status status);

/* Matches whose game runs, and spectators, now (discovery replies). */
void dir_counts(match_dir *d, size_t *running, size_t *spectators);
/* Matches in the directory, and socket slots promised on a loop (tests). */
size_t dir_matches(match_dir *d);
size_t dir_load(match_dir *d, void *loop);

#endif
