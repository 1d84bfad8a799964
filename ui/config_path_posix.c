/* config_path_posix.c: $XDG_CONFIG_HOME/matchboard/gui.conf, else
 * ~/.config/matchboard/gui.conf (see config_path.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "config_path.h"

static int ensure_dir(const char *dir)
{
    return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int ui_config_path(char *path, size_t cap)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char base[1024];
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(base, sizeof base, "%s", xdg);
    else if (home && home[0])
        n = snprintf(base, sizeof base, "%s/.config", home);
    else
        return -1;
    if (n < 0 || (size_t)n >= sizeof base || ensure_dir(base) != 0)
        return -1;
    char dir[1100];
    n = snprintf(dir, sizeof dir, "%s/matchboard", base);
    if (n < 0 || (size_t)n >= sizeof dir || ensure_dir(dir) != 0)
        return -1;
    n = snprintf(path, cap, "%s/gui.conf", dir);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}
