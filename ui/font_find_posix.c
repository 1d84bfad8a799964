/* font_find_posix.c: system fonts through fontconfig (see font_find.h). */
#include <stdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "font_find.h"

/* The best match for `pattern_text` that has `codepoint`; 0 on success. */
static int match(const char *pattern_text, unsigned long codepoint, char *path, size_t cap)
{
    if (!FcInit())
        return -1;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern_text);
    if (!pat)
        return -1;
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, (FcChar32)codepoint);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *font = FcFontMatch(NULL, pat, &res);
    int rc = -1;
    FcChar8 *file = NULL;
    FcCharSet *have = NULL;
    if (font && FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetCharSet(font, FC_CHARSET, 0, &have) == FcResultMatch &&
        FcCharSetHasChar(have, (FcChar32)codepoint) && strlen((const char *)file) < cap) {
        snprintf(path, cap, "%s", (const char *)file);
        rc = 0;
    }
    if (font)
        FcPatternDestroy(font);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return rc;
}

int ui_font_find(char *path, size_t cap)
{
    /* U+265A, the black king: the figurines the chess board is drawn with. */
    if (match("DejaVu Sans", 0x265A, path, cap) == 0 || match("sans-serif", 0x265A, path, cap) == 0)
        return 0;
    snprintf(path, cap,
             "no installed font has the chess figurines U+2654..U+265F; install DejaVu Sans "
             "(fonts-dejavu-core) or give one with --font PATH");
    return -1;
}

int ui_font_find_for_char(unsigned long codepoint, char *path, size_t cap)
{
    return match("sans-serif", codepoint, path, cap);
}
