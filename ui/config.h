/* config.h: what the GUI remembers between runs: the player's name and
 * the last few servers, newest first, in a small text file in the user's
 * config folder ($XDG_CONFIG_HOME or ~/.config on POSIX, %APPDATA% on
 * Windows; see config_path.h):
 *
 *   name=ana
 *   host=192.168.1.20:7777
 *   host=localhost
 */
#ifndef MATCHBOARD_UI_CONFIG_H
#define MATCHBOARD_UI_CONFIG_H

#include <stddef.h>

enum { UI_CONFIG_HOSTS = 5, UI_CONFIG_TEXT = 128 };

typedef struct ui_config {
    char name[UI_CONFIG_TEXT];
    char hosts[UI_CONFIG_HOSTS][UI_CONFIG_TEXT];
    int n_hosts;
} ui_config;

/* Reads the file's text; unknown lines and over-long values are skipped.
 * Always leaves a valid config (empty on garbage). */
void ui_config_parse(ui_config *c, const char *text);

/* Writes the file's text into buf[cap]; returns the length needed. */
int ui_config_format(const ui_config *c, char *buf, size_t cap);

/* Puts host first in the list, removing an older copy and the oldest entry
 * past UI_CONFIG_HOSTS. Empty or over-long hosts are ignored. */
void ui_config_remember_host(ui_config *c, const char *host);

/* Loads from / saves to path. Load of a missing file gives an empty config
 * and returns 0; -1 on a read or write error. */
int ui_config_load(ui_config *c, const char *path);
int ui_config_save(const ui_config *c, const char *path);

#endif
