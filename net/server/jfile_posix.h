/* jfile_posix.h: for the tests of jfile_posix.c only: the sizes of its
 * mapped appends made small enough to cross in a test, the write(2) path
 * forced, and which path a file took. Not for the server's code. */
#ifndef MATCHBOARD_JFILE_POSIX_H
#define MATCHBOARD_JFILE_POSIX_H

#include <stddef.h>
#include <stdint.h>

#include "jfile.h"

/* For the files opened from now on: the virtual range reserved, the
 * preallocation step and the window prefaulted ahead of the end (each
 * rounded up to whole pages; 0: the default), and map 0 to append with
 * write(2) as where mapping is refused. Call before any thread opens. */
void jfile_posix_tune(size_t reserve, size_t chunk, size_t window, int map);
/* 1 while f's appends go through its mapping, 0 on the write(2) path. */
int jfile_posix_mapped(const jfile *f);
/* The bytes of f preallocated (the file's size while it is open). */
uint64_t jfile_posix_allocated(const jfile *f);

#endif
