/* itest.h: shared pieces of the server integration tests: a fresh records
 * folder name, removed again at the end, and checking a written record
 * against the moves played. */
#ifndef MATCHBOARD_ITEST_H
#define MATCHBOARD_ITEST_H

#include <stddef.h>
#include <time.h>

#include "game.h"

/* A records folder name unique to this run, in the temporary folder:
 * "itest-NAME-records-N". At exit, passed or failed (the first call
 * registers it with atexit), every program the test started that still
 * runs is stopped (proc_stop_all) and every folder named here is removed,
 * with DIR-journal and DIR-journal.lock beside it; with
 * MB_KEEP_TEST_FILES=1 in the environment they are kept and the test says
 * where they are. */
void itest_records_dir(char *buf, size_t cap, const char *name);

/* itest_read_record without the wait: one look. */
int itest_find_record(const char *dir, unsigned long match_id, unsigned long game_no,
                      const char *ext, time_t t0, time_t t1, char *buf, size_t cap, time_t *when);

/* How long itest_read_record waits for a record to appear. */
#define ITEST_RECORD_WAIT_MS 10000

/* Reads DIR/STAMP-matchID-gameN.EXT for a game that ended between t0 and
 * t1 (wall clock), waiting up to ITEST_RECORD_WAIT_MS for it (the server's
 * records writer writes it shortly after the game's end). 0 on success,
 * with the time whose stamp matched; -1 when it never appeared. */
int itest_read_record(const char *dir, unsigned long match_id, unsigned long game_no,
                      const char *ext, time_t t0, time_t t1, char *buf, size_t cap, time_t *when);

/* The record the server must have written for these moves, names and
 * result (replayed through ops, written as the server writes it). */
int itest_expected_record(const game_ops *ops, const game_options *opt, const game_move *moves,
                          size_t n, unsigned long match_id, unsigned long game_no, const char *p1,
                          const char *p2, game_result r, time_t when, char *buf, size_t cap);

/* Appends "BODY *CRC" to the journal at path, as the server seals a line
 * (journal.c): the CRC-32 (IEEE) of the body in eight hex digits; after
 * the last line, past the NUL bytes a killed server leaves at the end. */
void itest_journal_line(const char *path, const char *body);
/* Does the file at path hold a line starting with prefix? */
int itest_file_has_line(const char *path, const char *prefix);

#endif
