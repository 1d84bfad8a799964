/* font_find_win32.c: fonts from the Windows font folder (see font_find.h). */
#include <stdio.h>

#include <windows.h>

#include "font_find.h"

/* The first of `names` present in the Windows font folder; 0 on success. */
static int first_present(const char *const *names, size_t n, char *path, size_t cap)
{
    char dir[MAX_PATH];
    UINT len = GetWindowsDirectoryA(dir, sizeof dir);
    if (len == 0 || len >= sizeof dir)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(path, cap, "%s\\Fonts\\%s", dir, names[i]);
        if (w > 0 && (size_t)w < cap && GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES)
            return 0;
    }
    return -1;
}

int ui_font_find(char *path, size_t cap)
{
    static const char *const names[] = {"seguisym.ttf", "DejaVuSans.ttf"};
    if (first_present(names, sizeof names / sizeof names[0], path, cap) == 0)
        return 0;
    snprintf(path, cap,
             "Segoe UI Symbol (seguisym.ttf) is not in the Windows font folder; give a font "
             "with the chess figurines U+2654..U+265F with --font PATH");
    return -1;
}

int ui_font_find_for_char(unsigned long codepoint, char *path, size_t cap)
{
    /* Hangul and CJK go to the fonts Windows ships for them. */
    static const char *const cjk[] = {"malgun.ttf", "msyh.ttc", "meiryo.ttc", "seguisym.ttf"};
    (void)codepoint;
    return first_present(cjk, sizeof cjk / sizeof cjk[0], path, cap);
}
