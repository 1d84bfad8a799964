/* local_server_stop_win32.c: local_server_stop.h by closing the server's
 * input (--stop-on-stdin-eof); TerminateProcess is only child_proc_stop's
 * fallback. */
#include <stddef.h>

#include "child_proc.h"
#include "local_server_stop.h"

const char *local_server_stop_flag(void)
{
    return "--stop-on-stdin-eof";
}

void local_server_ask_stop(struct child_proc *p)
{
    (void)p; /* child_proc_stop closes its input: that is the request */
}
