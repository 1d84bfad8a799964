/* config.c: see config.h. */
#include <stdio.h>
#include <string.h>

#include "config.h"

enum { CONFIG_FILE_MAX = 4096 };

static int set(char *dst, const char *src, size_t len)
{
    if (len == 0 || len >= UI_CONFIG_TEXT)
        return 0;
    memcpy(dst, src, len);
    dst[len] = 0;
    return 1;
}

void ui_config_parse(ui_config *c, const char *text)
{
    memset(c, 0, sizeof *c);
    while (text && *text) {
        const char *end = strchr(text, '\n');
        size_t len = end ? (size_t)(end - text) : strlen(text);
        size_t vlen = len;
        if (vlen > 0 && text[vlen - 1] == '\r')
            vlen--;
        if (strncmp(text, "name=", 5) == 0)
            set(c->name, text + 5, vlen - 5);
        else if (strncmp(text, "host=", 5) == 0 && c->n_hosts < UI_CONFIG_HOSTS)
            c->n_hosts += set(c->hosts[c->n_hosts], text + 5, vlen - 5);
        text += len + (end ? 1 : 0);
    }
}

int ui_config_format(const ui_config *c, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "# matchboard: player name and recent servers, newest first\n");
    if (c->name[0])
        n += snprintf(cap > (size_t)n ? buf + n : NULL, cap > (size_t)n ? cap - (size_t)n : 0,
                      "name=%s\n", c->name);
    for (int i = 0; i < c->n_hosts; i++)
        n += snprintf(cap > (size_t)n ? buf + n : NULL, cap > (size_t)n ? cap - (size_t)n : 0,
                      "host=%s\n", c->hosts[i]);
    return n;
}

void ui_config_remember_host(ui_config *c, const char *host)
{
    size_t len = host ? strlen(host) : 0;
    if (len == 0 || len >= UI_CONFIG_TEXT || strchr(host, '\n'))
        return;
    int keep = 0;
    char old[UI_CONFIG_HOSTS][UI_CONFIG_TEXT];
    memcpy(old, c->hosts, sizeof old);
    int n = c->n_hosts;
    memcpy(c->hosts[keep++], host, len + 1);
    for (int i = 0; i < n && keep < UI_CONFIG_HOSTS; i++)
        if (strcmp(old[i], host) != 0)
            memcpy(c->hosts[keep++], old[i], sizeof old[i]);
    c->n_hosts = keep;
}

int ui_config_load(ui_config *c, const char *path)
{
    ui_config_parse(c, NULL);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char text[CONFIG_FILE_MAX];
    size_t n = fread(text, 1, sizeof text - 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return -1;
    text[n] = 0;
    ui_config_parse(c, text);
    return 0;
}

int ui_config_save(const ui_config *c, const char *path)
{
    char text[CONFIG_FILE_MAX];
    int n = ui_config_format(c, text, sizeof text);
    if (n < 0 || (size_t)n >= sizeof text)
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(text, 1, (size_t)n, f) == (size_t)n;
    return fclose(f) == 0 && ok ? 0 : -1;
}
