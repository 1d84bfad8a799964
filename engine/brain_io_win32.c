/* brain_io_win32.c: brain_io_init on Windows. stdin is read in binary mode
 * (a Ctrl-Z byte must not end the input; brain_io.c cuts CR LF by hand);
 * stdout stays in text mode, so lines go out with CR LF, as Piskvork sends
 * its own. */
#include "brain_io.h"

#include <fcntl.h>
#include <io.h>
#include <stdio.h>

void brain_io_init(void)
{
    _setmode(_fileno(stdin), _O_BINARY);
    setvbuf(stdout, NULL, _IOFBF, 1 << 12); /* flushed after each line */
}
