/* fuzz_journal_files_win32.c: see fuzz_journal_files.h. */
#include "fuzz_journal_files.h"

void fuzz_journal_files_small(void) {}
