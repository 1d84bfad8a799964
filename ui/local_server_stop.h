/* local_server_stop.h: how the GUI asks its local server to stop cleanly,
 * so that the server says its goodbyes (an opponent hears that the host
 * left) and writes its records: POSIX sends SIGTERM
 * (local_server_stop_posix.c); Windows has no such signal for a program
 * without a console of its own, so the server is started with
 * --stop-on-stdin-eof and stops when its input pipe closes
 * (local_server_stop_win32.c). local_server_stop kills it after 2 s if it
 * has not stopped by then. */
#ifndef MATCHBOARD_UI_LOCAL_SERVER_STOP_H
#define MATCHBOARD_UI_LOCAL_SERVER_STOP_H

struct child_proc;

/* The flag the server is started with for it, or NULL for none. */
const char *local_server_stop_flag(void);

/* Asks the running server p to stop; child_proc_stop (which closes its
 * input first) then waits for it. */
void local_server_ask_stop(struct child_proc *p);

#endif
