/* utf8.c: see utf8.h. */
#include <string.h>

#include "utf8.h"

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

uint32_t utf8_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    if (!*s)
        return 0;
    int n = -1; /* continuation bytes after the lead byte; -1: not a lead byte */
    if (s[0] < 0x80)
        n = 0;
    else if (s[0] >= 0xC2 && s[0] < 0xE0)
        n = 1;
    else if (s[0] >= 0xE0 && s[0] < 0xF0)
        n = 2;
    else if (s[0] >= 0xF0 && s[0] < 0xF5)
        n = 3;
    if (n < 0) {
        *p += 1;
        return 0xFFFD;
    }
    uint32_t cp = n == 0 ? s[0] : (uint32_t)(s[0] & (0x3F >> n));
    for (int i = 1; i <= n; i++) {
        if (!is_cont(s[i])) {
            *p += 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *p += n + 1;
    return cp;
}

size_t utf8_floor(const char *s, size_t len)
{
    while (len > 0 && is_cont((unsigned char)s[len]))
        len--;
    return len;
}

void utf8_pop(char *s)
{
    size_t len = strlen(s);
    if (len == 0)
        return;
    s[utf8_floor(s, len - 1)] = 0;
}

size_t utf8_append(char *s, size_t cap, const char *add)
{
    size_t len = strlen(s), n = strlen(add);
    if (cap == 0 || len + 1 >= cap)
        return 0;
    if (len + n + 1 > cap)
        n = utf8_floor(add, cap - 1 - len);
    memcpy(s + len, add, n);
    s[len + n] = 0;
    return n;
}
