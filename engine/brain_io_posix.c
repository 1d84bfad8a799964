/* brain_io_posix.c: brain_io_init on POSIX: stdio as it is, lines end in LF. */
#include "brain_io.h"

#include <stdio.h>

void brain_io_init(void)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 12); /* flushed after each line */
}
