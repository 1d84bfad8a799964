/* brain_io.h: the engine program's standard input and output, one line at
 * a time. One header over brain_io_posix.c and brain_io_win32.c. */
#ifndef MATCHBOARD_ENGINE_BRAIN_IO_H
#define MATCHBOARD_ENGINE_BRAIN_IO_H

#include <stddef.h>

/* Prepares stdin and stdout for a pipe to the manager. */
void brain_io_init(void);
/* Reads one line into buf (cut to cap - 1 bytes, the rest of a longer line
 * dropped), without its line end. Returns 0, or -1 at the end of input. */
int brain_io_read_line(char *buf, size_t cap);
/* Writes one line and flushes it (managers wait for whole lines). */
void brain_io_write_line(const char *line);

#endif
