/* itest.h: shared pieces of the server integration tests: a fresh records
 * folder name, removed again at the end, checking a written record against
 * the moves played, and stopping the server cleanly (or killing it). */
#ifndef MATCHBOARD_ITEST_H
#define MATCHBOARD_ITEST_H

#include <stddef.h>
#include <time.h>

#include "game.h"
#include "proc.h"
#include "tap.h"

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

/* How long itest_stop waits for a program it interrupted to exit. */
#define ITEST_STOP_WAIT_MS 15000

/* Asks p to stop as Ctrl-C would (proc_interrupt) and waits up to
 * ITEST_STOP_WAIT_MS for it: 0 with its exit code in *code (-1 when it had
 * not exited by then and was killed); -1 when it cannot be interrupted
 * here (Wine cannot deliver CTRL_BREAK): then it is killed at once. Frees
 * p either way, so a test never hangs on a server that does not stop. */
int itest_stop(proc *p, int *code);

/* itest_stop reported through TAP (tap.h, in the calling test): one
 * test "WHAT" that the program stopped cleanly (exit code 0; 99 means
 * Valgrind found errors, -1 that it did not exit in time and was killed);
 * where it cannot be interrupted, that test is a SKIP and it is killed.
 * 1 stopped cleanly, 0 interrupted but not clean, -1 not interruptible. */
#define itest_stop_clean(p, ...) itest_stop_clean_((p), __FILE__, __LINE__, __VA_ARGS__)

static inline int itest_stop_clean_(proc *p, const char *file, int line, const char *fmt, ...)
{
    char what[256];
    int code = -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (itest_stop(p, &code) != 0) {
        tap_skip(what, "cannot interrupt the server here (no CTRL_BREAK under Wine): killed");
        return -1;
    }
    if (!tap_ok_(code == 0, file, line, "%s", what))
        printf("#   exit code %d, want 0 (-1: still running after %d ms, killed)\n", code,
               ITEST_STOP_WAIT_MS);
    return code == 0;
}

#endif
