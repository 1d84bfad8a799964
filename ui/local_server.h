/* local_server.h: a matchboard-server the GUI starts as its child process
 * ("Play the computer", "Host a game"): found beside the matchboard
 * executable (an installation) or in a build folder's net/server/, started
 * through net/child_proc (ended with the GUI even if the GUI is killed),
 * ready once it prints "listening on HOST:PORT". */
#ifndef MATCHBOARD_UI_LOCAL_SERVER_H
#define MATCHBOARD_UI_LOCAL_SERVER_H

#include <stddef.h>

struct child_proc;

/* Starts the server with args (n strings after the program's name) and
 * waits up to 10 s for its listening line. 0 with *out and *port, or -1
 * with why in err (cap bytes; *out stays NULL). */
int local_server_start(const char *const *args, size_t n, struct child_proc **out, unsigned *port,
                       char *err, size_t cap);

/* Stops *p cleanly (local_server_stop.h: SIGTERM, or on Windows its input
 * closing), killing it if it has not stopped within 2 s, and sets it NULL;
 * nothing when it is NULL. */
void local_server_stop(struct child_proc **p);

/* The folder for a local server's records: "records" beside gui.conf
 * (config_path), else "records" in the current folder (no_config set or
 * no path). */
void local_server_records_dir(const char *config_path, int no_config, char *buf, size_t cap);

#endif
