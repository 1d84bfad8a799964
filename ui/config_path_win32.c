/* config_path_win32.c: %APPDATA%\matchboard\gui.conf (see config_path.h). */
#include <stdio.h>
#include <stdlib.h>

#include <windows.h>

#include "config_path.h"

int ui_config_path(char *path, size_t cap)
{
    const char *appdata = getenv("APPDATA");
    char dir[MAX_PATH];
    if (!appdata || !appdata[0])
        return -1;
    int n = snprintf(dir, sizeof dir, "%s\\matchboard", appdata);
    if (n < 0 || (size_t)n >= sizeof dir)
        return -1;
    if (!CreateDirectoryA(dir, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
        return -1;
    n = snprintf(path, cap, "%s\\gui.conf", dir);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}
