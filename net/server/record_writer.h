/* record_writer.h: the server's records writer: one thread that writes
 * finished games' records into the records folder (record_file.h) and,
 * once a record is on the disk, journals the game's END (journal.h), so
 * that a slow disk stalls no match thread. It writes in batches: every
 * record queued when it wakes (up to RECORD_FILE_MAX_OPEN) shares one push
 * to the disk and one journal flush. A game whose record is not
 * written yet stays in the journal (its result entry), so a server killed
 * with records still queued writes them at its next start.
 */
#ifndef MATCHBOARD_RECORD_WRITER_H
#define MATCHBOARD_RECORD_WRITER_H

#include <stddef.h>

#include "journal.h"
#include "server_logic.h"

typedef struct record_writer record_writer;

/* One log line, without newline; called from any thread. */
typedef void (*record_writer_log)(log_level level, const char *line);

/* Records queued beyond this many bytes are written on the caller's thread
 * instead (slower for that caller, but none is lost). */
#define RECORD_WRITER_MAX_QUEUED (16u * 1024 * 1024)

/* Starts the writer for the folder dir (kept by reference), journaling
 * END entries into j (NULL: no journal). 0, or -1 when out of resources. */
int record_writer_start(record_writer **out, const char *dir, journal *j, record_writer_log log);

/* Copies r and queues it; returns at once. The file's name is stamped now
 * (the game's end). Out of memory or past RECORD_WRITER_MAX_QUEUED, writes
 * it before returning (logged). Thread-safe. */
void record_writer_put(record_writer *w, const match_record *r);

/* Writes n records now, on the calling thread, together as the writer
 * thread writes what it finds queued: every temporary file, one push to
 * the disk for all (sys_sync_files), the renames, then each game's END in
 * the journal with one flush. Names stamped now. A record that cannot be
 * written is logged and fails alone, its game left in the journal.
 * Thread-safe. */
void record_writer_write(record_writer *w, const match_record *rs, size_t n);

/* Writes every queued record, ends the thread and frees w (NULL: nothing). */
void record_writer_stop(record_writer *w);

#endif
