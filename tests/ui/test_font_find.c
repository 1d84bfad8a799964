/* test_font_find.c: the system font lookup (ui/font_find_posix.c with
 * fontconfig, ui/font_find_win32.c in the Windows font folder, run under
 * Wine in the cross build). Whatever fonts the machine has, an answer is
 * either a file that opens or a readable reason naming --font. */
#include <stdio.h>
#include <string.h>

#include "font_find.h"
#include "tap.h"

static int opens(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

int main(void)
{
    char path[1024];
    memset(path, 'x', sizeof path);
    int rc = ui_font_find(path, sizeof path);
    TAP_OK(memchr(path, 0, sizeof path) != NULL, "the answer is a terminated string");
    if (rc == 0)
        TAP_OK(opens(path), "the main font found opens: %s", path);
    else
        TAP_OK(rc == -1 && strstr(path, "--font"), "no font: the reason names --font: %s", path);

    char tiny[8];
    rc = ui_font_find(tiny, sizeof tiny);
    TAP_OK(memchr(tiny, 0, sizeof tiny) != NULL, "a short buffer still gets a terminated string");
    TAP_OK(rc == -1 || strlen(tiny) < sizeof tiny, "a path that does not fit is not returned cut");

    rc = ui_font_find_for_char(0xD55C, path, sizeof path); /* HANGUL SYLLABLE HAN */
    TAP_OK(rc == -1 || (rc == 0 && opens(path)), "a fallback font for Hangul opens, or -1 (%s)",
           rc == 0 ? path : "none installed");
    return tap_done();
}
