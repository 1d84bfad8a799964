/* config_path.h: where the GUI's config file lives, per platform
 * (config_path_posix.c, config_path_win32.c). */
#ifndef MATCHBOARD_UI_CONFIG_PATH_H
#define MATCHBOARD_UI_CONFIG_PATH_H

#include <stddef.h>

/* Writes the config file's path into path[cap], creating its folder
 * (matchboard/ in the user's config folder) when missing. Returns 0, or -1
 * when there is no home or config folder to use. */
int ui_config_path(char *path, size_t cap);

#endif
