/* local_server_stop_posix.c: local_server_stop.h with SIGTERM. */
#include <stddef.h>

#include "child_proc.h"
#include "local_server_stop.h"

const char *local_server_stop_flag(void)
{
    return NULL;
}

void local_server_ask_stop(struct child_proc *p)
{
    child_proc_terminate(p); /* SIGTERM: the server stops cleanly */
}
