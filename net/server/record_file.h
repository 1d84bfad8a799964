/* record_file.h: writes finished games' records into the records folder
 * atomically: a temporary file is written, flushed to disk and renamed, so
 * a reader never sees half a record and a crash leaves none. In stages, so
 * that many records share one flush (record_writer.c): begin each, push
 * them to the disk together (sys_sync_files), then finish each. */
#ifndef MATCHBOARD_RECORD_FILE_H
#define MATCHBOARD_RECORD_FILE_H

#include <stddef.h>
#include <stdio.h>

/* How many records may be between begin and finish at once: each holds a
 * file open (sys.h's descriptor reserve). */
#define RECORD_FILE_MAX_OPEN 16

/* One record on its way: its temporary file, open between the stages. */
typedef struct record_file {
    FILE *f;        /* the temporary file, written, not yet flushed */
    char tmp[1024]; /* its path */
} record_file;

/* Creates DIR/.BASE.EXT.tmp and writes text into it, left open in rf for
 * sys_sync_files then record_file_finish: 0, or -1 with the reason in err
 * (cap bytes) and nothing left behind. */
int record_file_begin(record_file *rf, const char *dir, const char *base, const char *ext,
                      const char *text, size_t len, char *err, size_t cap);

/* Closes rf's file and, when it reached the disk (synced 1), renames it to
 * DIR/BASE.EXT (BASE-2.EXT... if that exists). On success returns 0 and
 * the final path in path (cap bytes); -1 on failure with the reason in
 * path, the temporary file removed. */
int record_file_finish(record_file *rf, const char *dir, const char *base, const char *ext,
                       int synced, char *path, size_t cap);

#endif
