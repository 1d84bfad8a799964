/* child_proc_lines.h: inside child_proc: the bytes its reader thread got,
 * handed out as lines (the caller holds the platform's lock). */
#ifndef MATCHBOARD_CHILD_PROC_LINES_H
#define MATCHBOARD_CHILD_PROC_LINES_H

#include <stddef.h>

typedef struct child_lines {
    char *buf;
    size_t len, cap;
    int ended; /* the output reached its end */
} child_lines;

/* 0, or -1 without memory. */
int child_lines_add(child_lines *lb, const char *data, size_t n);
/* As child_proc_read_line. */
int child_lines_pop(child_lines *lb, char *out, size_t cap);
void child_lines_free(child_lines *lb);

#endif
