/* record_file.c: temp file, flush, no-clobber rename. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "record_file.h"
#include "sys.h"

int record_file_write(const char *dir, const char *base, const char *ext, const char *text,
                      size_t len, char *path, size_t cap)
{
    char tmp[1024];
    FILE *f;
    int ok;

    snprintf(tmp, sizeof tmp, "%s/.%s.%s.tmp", dir, base, ext);
    f = fopen(tmp, "wb");
    if (!f) {
        snprintf(path, cap, "cannot create %s: %s", tmp, strerror(errno));
        return -1;
    }
    ok = fwrite(text, 1, len, f) == len;
    ok = sys_sync_file(f) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        snprintf(path, cap, "cannot write %s", tmp);
        remove(tmp);
        return -1;
    }
    for (int n = 1; n < 1000; n++) {
        int r;
        if (n == 1)
            snprintf(path, cap, "%s/%s.%s", dir, base, ext);
        else
            snprintf(path, cap, "%s/%s-%d.%s", dir, base, n, ext);
        r = sys_rename_noreplace(tmp, path);
        if (r == 0)
            return 0;
        if (r < 0) {
            snprintf(path, cap, "cannot rename %s: %s", tmp, sys_last_error());
            remove(tmp);
            return -1;
        }
    }
    snprintf(path, cap, "too many records named %s", base);
    remove(tmp);
    return -1;
}
