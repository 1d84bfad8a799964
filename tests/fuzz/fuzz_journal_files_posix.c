/* fuzz_journal_files_posix.c: see fuzz_journal_files.h. */
#include "fuzz_journal_files.h"

#include "jfile_posix.h"

void fuzz_journal_files_small(void)
{
    /* still appended through a mapping, as the server does */
    jfile_posix_tune(16 * 4096, 4 * 4096, 4096, 1);
}
