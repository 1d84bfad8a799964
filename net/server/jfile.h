/* jfile.h: the few file operations the journal needs, with the guarantees
 * it relies on: files only their owner can read (mode 0600; on Windows an
 * owner-only access list), writes pushed to the disk, an atomic replace,
 * and a lock that dies with the process. jfile_posix.c and jfile_win32.c.
 * Errors: -1, with the reason in jfile_error().
 */
#ifndef MATCHBOARD_JFILE_H
#define MATCHBOARD_JFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct jfile jfile;

/* Opens path for appending, creating it owner-only if missing (and making
 * an existing one owner-only on POSIX); truncate: empty it first. */
int jfile_open(jfile **out, const char *path, int truncate);
/* Writes all n bytes at the end; -1 if any failed. */
int jfile_write(jfile *f, const void *buf, size_t n);
/* Pushes what was written to the disk (fdatasync / FlushFileBuffers). */
int jfile_sync(jfile *f);
/* Cuts the file to size bytes (undoes a half-written record). */
int jfile_truncate(jfile *f, uint64_t size);
void jfile_close(jfile *f);

/* Renames from over to (replacing it) atomically, and makes the rename
 * durable where the system allows. */
int jfile_replace(const char *from, const char *to);

/* Takes an exclusive lock named path (a file) for the life of the process
 * or until jfile_unlock; 1 if another process holds it, -1 on error. */
int jfile_lock(jfile **out, const char *path);
void jfile_unlock(jfile *lock);

/* The reason the last failed jfile call of this thread failed. */
const char *jfile_error(void);

#endif
