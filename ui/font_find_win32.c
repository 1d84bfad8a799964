/* font_find_win32.c: fonts from the Windows font folder (see font_find.h). */
#include <stdio.h>
#include <string.h>

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

/* DejaVuSans.ttf in the folder of the running .exe (the Windows zip ships
 * it there); 0 on success. */
static int beside_exe(char *path, size_t cap)
{
    char exe[MAX_PATH];
    DWORD len = GetModuleFileNameA(NULL, exe, sizeof exe);
    if (len == 0 || len >= sizeof exe)
        return -1;
    char *slash = strrchr(exe, '\\');
    if (!slash)
        return -1;
    slash[1] = 0;
    int w = snprintf(path, cap, "%sDejaVuSans.ttf", exe);
    return w > 0 && (size_t)w < cap && GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES ? 0 : -1;
}

int ui_font_find(char *path, size_t cap)
{
    static const char *const names[] = {"seguisym.ttf", "DejaVuSans.ttf"};
    if (first_present(names, sizeof names / sizeof names[0], path, cap) == 0 ||
        beside_exe(path, cap) == 0)
        return 0;
    snprintf(path, cap,
             "no font with the chess figurines: neither Segoe UI Symbol (seguisym.ttf) nor "
             "DejaVu Sans (DejaVuSans.ttf) is in the Windows font folder or beside "
             "matchboard.exe; put DejaVuSans.ttf beside it or give a font with --font PATH");
    return -1;
}

int ui_font_find_for_char(unsigned long codepoint, char *path, size_t cap)
{
    /* Hangul and CJK go to the fonts Windows ships for them. */
    static const char *const cjk[] = {"malgun.ttf", "msyh.ttc", "meiryo.ttc", "seguisym.ttf"};
    (void)codepoint;
    return first_present(cjk, sizeof cjk / sizeof cjk[0], path, cap);
}
