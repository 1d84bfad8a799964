/* journal.h: the server's journal of unfinished games (docs/server.md,
 * "The journal").
 *
 * Every game start, every accepted move (before it is relayed), every
 * game's result (before GAME_OVER is relayed) and every game's end (its
 * record is on the disk, written by the records writer) is staged as one checksummed text line
 * (journal_write), put into the file with the rest of its batch (journal_flush) before it is
 * relayed, and pushed to the disk by journal_sync: the server either syncs
 * each batch before relaying it or syncs once a second (server.h,
 * journal_sync_mode).
 * A server killed at any moment restarts, reads the journal back and
 * restores the games that had not ended, resume tokens included; the
 * players resume as after a dropped connection. A game with a result but
 * no end (the server stopped before its record was written) is not
 * restored but listed as unrecorded: the server writes its record. A torn last line (a crash
 * in the middle of a write) is ignored. When games end the file is
 * compacted (rewritten with only the unfinished games), so it stays within
 * about twice what the running games need. The file is owner-only.
 *
 * Thread-safe: every match thread appends to the one journal.
 */
#ifndef MATCHBOARD_JOURNAL_H
#define MATCHBOARD_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "server_logic.h"

typedef struct journal journal;

/* Opens the journal at path for games played as cfg says, creating it if
 * missing; locks it against a second server; reads the unfinished games it
 * holds and rewrites it compacted. Each game goes on under the terms
 * journaled with it (match_restore.terms); a game journaled without them
 * (version 4 and before) under cfg's. -1 with a message in err when it
 * cannot be opened or holds unfinished games without terms of another
 * game, rule, board or clock than cfg's. */
int journal_open(journal **out, const char *path, const match_config *cfg, char *err, size_t cap);

/* The unfinished games read at open, and how many. Valid until
 * journal_close; the caller may take over (and then free) moves arrays by
 * setting them to NULL. */
size_t journal_restored_count(const journal *j);
match_restore *journal_restored(journal *j, size_t i);
/* A game that ended (its result is in the journal) but whose record was not
 * written: the journal keeps it until its END entry. */
typedef struct unrecorded_game {
    match_restore game; /* players and every move */
    game_result result;
} unrecorded_game;

/* The unrecorded games read at open, and how many; valid until
 * journal_close. */
size_t journal_unrecorded_count(const journal *j);
const unrecorded_game *journal_unrecorded(const journal *j, size_t i);
/* A game the journal held but does not restore: the terms journaled with
 * it make no game (a hand-edited or damaged line with a good CRC). Its
 * lines are moved (appended, synced) to the journal's set-aside file,
 * journal_refused_path, and the journal rewritten without them, so that it
 * is refused once and weighs nothing on compaction; where that file cannot
 * be written they stay in the journal (kept) and it is refused again at
 * the next open. The other games are restored. */
typedef struct journal_refusal {
    uint32_t match_id, game_no;
    char why[160];
    int kept;                  /* 1: its lines are still in the journal (see set_aside_error) */
    char set_aside_error[160]; /* why they could not be moved, when kept */
} journal_refusal;

/* The games refused at open, and how many; valid until journal_close. */
size_t journal_refused_count(const journal *j);
const journal_refusal *journal_refused(const journal *j, size_t i);
/* Where refused games' lines go: the journal's path with ".refused". */
const char *journal_refused_path(const journal *j);
/* Bytes of a damaged last record (a crash mid-write) ignored at open. */
size_t journal_dropped_bytes(const journal *j);
/* The lowest match id never used by a game in this journal. */
uint32_t journal_next_match_id(const journal *j);

/* Appends e to the journal's pending records (in memory) and sets *seq (if
 * not NULL) to its sequence number (1, 2, ... in the order of writes from
 * every thread); 0 on success, -1 (reason in journal_error) when out of
 * memory. The record is in the file once journal_flush(j, *seq) returned
 * 0, and on the disk once journal_sync(j, *seq) did. Compacts the file
 * when a game ends and enough of it is dead (the compacted file is synced,
 * so everything written before counts as synced). */
int journal_write(journal *j, const journal_entry *e, uint64_t *seq);
/* Puts every pending record (of every thread) into the file with one
 * write, if the record seq is not there yet: after it a killed process
 * loses none of them. 0 on success; on a failed write the half-written
 * part is cut off again, the pending records are dropped and -1 returned
 * (reason in journal_error). */
int journal_flush(journal *j, uint64_t seq);
/* Makes every record up to sequence number seq durable (a seq past the
 * last record means every record so far): one fdatasync covering the
 * writes of every thread, none when they are already synced (group
 * commit). Other threads' writes do not wait for the disk meanwhile.
 * 0 when durable; -1 with the reason in journal_error. */
int journal_sync(journal *j, uint64_t seq);
/* journal_write then journal_sync: 0 when e is durable. */
int journal_append(journal *j, const journal_entry *e);
/* The highest sequence number known to be durable (for tests and logs). */
uint64_t journal_synced(journal *j);
/* The reason of the last failed call on this thread. */
const char *journal_error(void);

/* Bytes in the file now (for tests and logs). */
uint64_t journal_size(journal *j);

void journal_close(journal *j);

#endif
