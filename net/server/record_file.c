/* record_file.c: temp file, flush, no-clobber rename. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "record_file.h"
#include "sys.h"

int record_file_begin(record_file *rf, const char *dir, const char *base, const char *ext,
                      const char *text, size_t len, char *err, size_t cap)
{
    snprintf(rf->tmp, sizeof rf->tmp, "%s/.%s.%s.tmp", dir, base, ext);
    rf->f = fopen(rf->tmp, "wb");
    if (!rf->f) {
        snprintf(err, cap, "cannot create %s: %s", rf->tmp, strerror(errno));
        return -1;
    }
    /* Unbuffered: the text goes to the file in one write, without a buffer
     * of stdio's of its own to allocate. */
    setvbuf(rf->f, NULL, _IONBF, 0);
    if (fwrite(text, 1, len, rf->f) != len) {
        snprintf(err, cap, "cannot write %s", rf->tmp);
        fclose(rf->f);
        rf->f = NULL;
        remove(rf->tmp);
        return -1;
    }
    return 0;
}

int record_file_finish(record_file *rf, const char *dir, const char *base, const char *ext,
                       int synced, char *path, size_t cap)
{
    int ok = fclose(rf->f) == 0 && synced;
    rf->f = NULL;
    if (!ok) {
        snprintf(path, cap, "cannot write %s", rf->tmp);
        remove(rf->tmp);
        return -1;
    }
    for (int n = 1; n < 1000; n++) {
        int r;
        if (n == 1)
            snprintf(path, cap, "%s/%s.%s", dir, base, ext);
        else
            snprintf(path, cap, "%s/%s-%d.%s", dir, base, n, ext);
        r = sys_rename_noreplace(rf->tmp, path);
        if (r == 0)
            return 0;
        if (r < 0) {
            snprintf(path, cap, "cannot rename %s: %s", rf->tmp, sys_last_error());
            remove(rf->tmp);
            return -1;
        }
    }
    snprintf(path, cap, "too many records named %s", base);
    remove(rf->tmp);
    return -1;
}
