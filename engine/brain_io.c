/* brain_io.c: the platform-free part of brain_io.h: lines over stdio. */
#include "brain_io.h"

#include <stdio.h>
#include <string.h>

int brain_io_read_line(char *buf, size_t cap)
{
    size_t len;
    if (!fgets(buf, (int)cap, stdin))
        return -1;
    len = strlen(buf);
    if (len > 0 && buf[len - 1] != '\n' && !feof(stdin)) {
        int ch;
        while ((ch = getchar()) != EOF && ch != '\n')
            ;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

void brain_io_write_line(const char *line)
{
    fputs(line, stdout);
    fputs("\n", stdout);
    fflush(stdout);
}
