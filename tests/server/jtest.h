/* jtest.h: what the journal's unit tests (test_journal_terms.c,
 * test_journal_engine.c) share: a journal opened with its error told, a
 * restored game found by its match, the files of a journal removed. */
#ifndef MATCHBOARD_JTEST_H
#define MATCHBOARD_JTEST_H

#include <stdint.h>

#include "journal.h"

/* journal_open at path for games played as c; NULL (the error printed as
 * a TAP diagnostic) when it fails. */
journal *jtest_open(const char *path, const match_config *c);
/* The game j restored of match id, or NULL (j may be NULL). */
const match_restore *jtest_restored(journal *j, uint32_t id);
/* The G entry of game 1 of match id: Ann and names[1] with tokens t1 and
 * t2 (PACKET_TOKEN_SIZE bytes each), the clocks full, under terms (NULL: a
 * line without them); nobody the engine seat. */
journal_entry jtest_game(uint32_t id, const char *name2, const uint8_t *t1, const uint8_t *t2,
                         const match_config *terms);
/* Removes the journal at path with its lock, temporary and set-aside files. */
void jtest_remove(const char *path);

#endif
