/* journal_internal.h: private to journal*.c: the journal's state and the
 * functions one of its files calls in another. Not for any other file.
 *
 *   journal.c       the public calls: open, write (group commit), flush, sync, compaction, close
 *   journal_line.c  the line format: the CRC seal, records encoded, fields decoded
 *   journal_live.c  the live games held in memory (what compaction writes)
 *   journal_read.c  the file read back at open: games to restore, games to record
 */
#ifndef MATCHBOARD_JOURNAL_INTERNAL_H
#define MATCHBOARD_JOURNAL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "conn_map.h"
#include "grow.h"
#include "jfile.h"
#include "journal.h"
#include "thread.h"

#define COMPACT_MIN (64 * 1024) /* below this the file is never compacted */
#define LINE_CAP    512         /* a G line with its terms is up to about 330 bytes */

typedef struct live_game {
    uint32_t match_id, game_no;
    int finished;       /* its R line is in: no more moves, waits for its E */
    int recorded;       /* its E line is in too: kept for a rematch offer */
    game_side rematch;  /* who offers a rematch after it (GAME_SIDE_NONE: no one) */
    game_side declined; /* whose rematch offer was declined, not told yet (NONE: nobody's) */
    int gone;           /* its match is gone (JOURNAL_GONE): forgotten at its E */
    size_t body;        /* bytes of text up to its R line (0: no R yet) */
    char *text;         /* its G line, M lines and R line, as in the file */
    size_t len, cap;
} live_game;

/* A game as read back at open: playable, or finished but unrecorded. */
typedef struct read_game {
    match_restore r;
    int finished;
    int recorded; /* its E is in: kept only for its rematch offer */
    game_result result;
    char bad[160]; /* why its journaled terms make no game ("": they do, or none) */
} read_game;

struct journal {
    char *path, *tmp_path, *refused_path;
    jfile *f, *lock;
    mb_mutex *mu;
    const match_config *cfg;
    live_game *live;
    size_t nlive, caplive;
    conn_map latest; /* match id + 1 -> 1 + index in live of its latest game */
    uint64_t file_bytes;
    uint32_t next_id;
    read_game *reads; /* while reading at open */
    size_t nreads;
    match_restore *restored;
    size_t nrestored;
    unrecorded_game *unrecorded;
    size_t nunrecorded;
    journal_refusal *refused; /* games whose terms make no game: not restored */
    size_t nrefused;
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

#define MAX_FIELDS 21 /* the most fields a line has (G with its terms and ENGINE) */

/* ---- journal_line.c: the line format ---- */

int unhex(const char *s, uint8_t *out, size_t n);
size_t encode_header(const journal *j, char *line, size_t cap);
size_t encode_entry(const journal_entry *e, char *line, size_t cap);
int unseal(char *line, char **field);
int num(const char *s, int64_t lo, int64_t hi, int64_t *out);
int unname(const char *s, char *out);
/* Only for a G written without ENGINE (version 5 and before): is token
 * marked as those servers marked the engine seat's (bytes 8..15 a fixed
 * mix of bytes 0..7)? A new G's ENGINE says it instead; no token is marked
 * any more. */
int v5_token_marked(const uint8_t token[PACKET_TOKEN_SIZE]);

/* ---- journal_live.c: the live games (under mu) ---- */

live_game *find_live(journal *j, uint32_t id);
live_game *find_live_game(journal *j, uint32_t id, uint32_t game_no);
void drop_live(journal *j, live_game *g);
int buf_append(char **buf, size_t *len, size_t *cap, size_t first, const char *bytes, size_t n);
int live_append(live_game *g, const char *line, size_t n);
live_game *new_live(journal *j, uint32_t id, uint32_t game_no);
int awaited(const live_game *g);
int dormant(const live_game *g);
void make_dormant(live_game *g);
uint64_t live_bytes(const journal *j);

/* ---- journal_read.c: reading the file back at open ---- */

int read_journal(journal *j, char *err, size_t cap, size_t *dropped);

#endif
