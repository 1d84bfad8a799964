/* fuzz_journal_files.h: how fuzz_journal's journal files are kept
 * (fuzz_journal_files_posix.c, fuzz_journal_files_win32.c). */
#ifndef MATCHBOARD_FUZZ_JOURNAL_FILES_H
#define MATCHBOARD_FUZZ_JOURNAL_FILES_H

/* Makes the journal files opened from now on small: on POSIX a short
 * mapping and preallocation (jfile_posix_tune) instead of the server's
 * 1 GiB reserve and 1 MiB ahead, which would cost more than reading the
 * journal at every input; nothing to do on Windows. */
void fuzz_journal_files_small(void);

#endif
