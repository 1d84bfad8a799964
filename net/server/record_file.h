/* record_file.h: writes a finished game's record into the records folder
 * atomically: a temporary file is written, flushed to disk and renamed,
 * so a reader never sees half a record and a crash leaves none. */
#ifndef MATCHBOARD_RECORD_FILE_H
#define MATCHBOARD_RECORD_FILE_H

#include <stddef.h>

/* Writes text as DIR/BASE.EXT (BASE-2.EXT... if that exists). On success
 * returns 0 and the final path in path (cap bytes); -1 on failure with the
 * reason in path. */
int record_file_write(const char *dir, const char *base, const char *ext, const char *text,
                      size_t len, char *path, size_t cap);

#endif
