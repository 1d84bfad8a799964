/* child_proc.h: a child process with pipes to its stdin and from its
 * stdout, read line by line: an engine for a seat, or a server and a bot
 * the GUI starts. Its stderr is the parent's.
 *
 * POSIX (child_proc_posix.c): fork/exec with pipes and a reader thread.
 * Win32 (child_proc_win32.c): CreateProcess with pipe handles and a reader
 * thread. The reader thread collects whole lines and calls wake (from that
 * thread) when there is something new to read: a line, or the end of the
 * output. Every other function is called from the owner's thread.
 * A parent that dies without stopping its children takes them along
 * (Linux: PR_SET_PDEATHSIG; Win32: a job object that kills on close).
 */
#ifndef MATCHBOARD_CHILD_PROC_H
#define MATCHBOARD_CHILD_PROC_H

#include <stddef.h>

typedef struct child_proc child_proc;

/* Called from the reader thread: lines (or the end) can be read. */
typedef void (*child_proc_wake_fn)(void *user);

/* Starts argv[0] (a path, or a name looked up in PATH, and on POSIX then
 * in /usr/games, where Debian puts engines) with argv (NULL
 * terminated). wake may be NULL (then poll child_proc_read_line). 0, or -1
 * with the reason in err. */
int child_proc_start(child_proc **out, const char *const *argv, child_proc_wake_fn wake, void *user,
                     char *err, size_t errcap);

/* Writes all len bytes to its stdin: 0, or -1 when the pipe is broken (it
 * exited). May block while the child does not read. */
int child_proc_write(child_proc *p, const char *data, size_t len);

/* Pops one line of its output (without "\n" or "\r\n"; a line longer than
 * cap is cut): 1; 0 when no whole line is there now; -1 once the output
 * has ended and every line was read. */
int child_proc_read_line(child_proc *p, char *buf, size_t cap);

/* After the output ended: waits up to wait_ms for the process to end and
 * says how it ended ("exited with status 3", "was killed by signal 11",
 * "is still running"). Returns the exit status, or -1 when it did not
 * exit normally. */
int child_proc_exit_status(child_proc *p, int wait_ms, char *how, size_t cap);

/* Asks it to stop: SIGTERM on POSIX (a server stops cleanly), at once on
 * Win32 (TerminateProcess). Then child_proc_stop frees it. */
void child_proc_terminate(child_proc *p);

/* Closes its stdin, gives it wait_ms to exit, then kills it; frees p. */
void child_proc_stop(child_proc *p, int wait_ms);

/* The folder of the running program's own executable, without the last
 * separator: 0, or -1 when the system cannot say. */
int child_proc_self_dir(char *buf, size_t cap);

/* Finds a program installed beside the running one: DIR/name (with the
 * platform's ending), else DIR/rel/name (rel: a build folder's layout,
 * "../client"), DIR being this program's folder. 0 and the path in buf,
 * or -1 when neither exists. */
int child_proc_sibling(const char *name, const char *rel, char *buf, size_t cap);

/* "" on POSIX, ".exe" on Win32: the ending of a program's file name. */
const char *child_proc_exe_suffix(void);

/* Splits a command line into words, as a POSIX shell would without its
 * expansions: spaces separate, "double" and 'single' quotes group, a
 * backslash before a space or a quote escapes it (any other backslash is
 * itself, so Windows paths need no doubling: C:\engines\x.exe). Returns a
 * NULL-terminated array (free with child_proc_free_argv) or NULL for an
 * empty line, an unclosed quote, or no memory; err says which. */
char **child_proc_split(const char *cmd, char *err, size_t errcap);
void child_proc_free_argv(char **argv);

#endif
