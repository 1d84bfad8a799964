/* child_proc.c: the parts of child_proc.h that need no system: splitting
 * a command line, and the line buffer both readers fill. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child_proc.h"
#include "child_proc_lines.h"
#include "grow.h"

static int readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

int child_proc_sibling(const char *name, const char *rel, char *buf, size_t cap)
{
    char dir[1024];
    if (child_proc_self_dir(dir, sizeof dir) != 0)
        return -1;
    snprintf(buf, cap, "%s/%s%s", dir, name, child_proc_exe_suffix());
    if (readable(buf))
        return 0;
    snprintf(buf, cap, "%s/%s/%s%s", dir, rel, name, child_proc_exe_suffix());
    return readable(buf) ? 0 : -1;
}

void child_proc_free_argv(char **argv)
{
    if (!argv)
        return;
    for (char **a = argv; *a; a++)
        free(*a);
    free(argv);
}

char **child_proc_split(const char *cmd, char *err, size_t errcap)
{
    size_t n = 0, len = strlen(cmd);
    char **argv = calloc(len / 2 + 2, sizeof *argv);
    char *word = malloc(len + 1);
    const char *p = cmd;
    if (!argv || !word) {
        free(argv);
        free(word);
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    for (;;) {
        size_t w = 0;
        int in_word = 0;
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
            char q = *p;
            in_word = 1;
            if (q == '\'' || q == '"') {
                p++;
                while (*p && *p != q) {
                    if (q == '"' && *p == '\\' && p[1] == '"')
                        p++;
                    word[w++] = *p++;
                }
                if (*p != q) {
                    snprintf(err, errcap, "unclosed %c quote in '%.60s'", q, cmd);
                    goto bad;
                }
                p++;
            } else if (q == '\\' && (p[1] == ' ' || p[1] == '"' || p[1] == '\'')) {
                word[w++] = p[1];
                p += 2;
            } else {
                word[w++] = *p++;
            }
        }
        if (in_word) {
            argv[n] = malloc(w + 1);
            if (!argv[n]) {
                snprintf(err, errcap, "out of memory");
                goto bad;
            }
            memcpy(argv[n], word, w);
            argv[n][w] = 0;
            n++;
        }
    }
    free(word);
    if (n == 0) {
        free(argv);
        snprintf(err, errcap, "empty command");
        return NULL;
    }
    return argv;
bad:
    free(word);
    child_proc_free_argv(argv);
    return NULL;
}

int child_lines_add(child_lines *lb, const char *data, size_t n)
{
    if (mb_grow(&lb->buf, &lb->cap, lb->len + n, 1, 4096) != 0)
        return -1;
    memcpy(lb->buf + lb->len, data, n);
    lb->len += n;
    return 0;
}

int child_lines_pop(child_lines *lb, char *out, size_t cap)
{
    char *nl = lb->len ? memchr(lb->buf, '\n', lb->len) : NULL;
    size_t n, take;
    if (!nl) {
        if (!lb->ended)
            return 0;
        if (lb->len == 0)
            return -1;
        if (child_lines_add(lb, "\n", 1) != 0) /* a last line without its newline */
            return -1;
        nl = lb->buf + lb->len - 1;
    }
    n = (size_t)(nl - lb->buf);
    take = n;
    if (take && lb->buf[take - 1] == '\r')
        take--;
    if (take >= cap)
        take = cap ? cap - 1 : 0;
    if (cap) {
        memcpy(out, lb->buf, take);
        out[take] = 0;
    }
    memmove(lb->buf, nl + 1, lb->len - n - 1);
    lb->len -= n + 1;
    return 1;
}

void child_lines_free(child_lines *lb)
{
    free(lb->buf);
    lb->buf = NULL;
    lb->len = lb->cap = 0;
}
