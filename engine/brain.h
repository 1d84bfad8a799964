/* brain.h: a Gomocup protocol session, sans I/O.
 *
 * Lines from the manager go in one at a time; the answers come out through
 * a callback, one line each (no line end). The session owns the engine and
 * the time limits the manager's INFO lines set. main.c feeds it stdin.
 */
#ifndef MATCHBOARD_ENGINE_BRAIN_H
#define MATCHBOARD_ENGINE_BRAIN_H

typedef struct brain brain;
typedef void (*brain_write_fn)(void *ctx, const char *line);

/* A new session; `messages` != 0 adds a MESSAGE line about each search
 * (depth, nodes, time) before the move. NULL when out of memory. */
brain *brain_new(int messages);
void brain_free(brain *b);

/* Handles one line from the manager (with or without its CR LF); answers
 * through write(ctx, line). Returns 1 after END (the caller exits), else 0. */
int brain_line(brain *b, const char *line, brain_write_fn write, void *ctx);

/* "name=..., version=..." as ABOUT answers it. */
const char *brain_about(void);

#endif
