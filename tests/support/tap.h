/* tap.h: a tiny Test Anything Protocol writer for the unit tests.
 *
 * Each test program prints "ok N - what" / "not ok N - what" lines and a
 * plan at the end; meson runs them with protocol: 'tap', natively and under
 * Wine alike. Use: TAP_OK(cond, "what"), TAP_INT_EQ(got, want, "what"),
 * TAP_STR_EQ(got, want, "what"), and `return tap_done();` from main.
 */
#ifndef MATCHBOARD_TAP_H
#define MATCHBOARD_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count_, tap_failed_; /* one test program, one plan */

static inline int tap_ok_(int ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tap_count_++;
    if (!ok)
        tap_failed_++;
    printf("%s %d - ", ok ? "ok" : "not ok", tap_count_);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!ok)
        printf("#   at %s:%d\n", file, line);
    fflush(stdout);
    return ok;
}

#define TAP_OK(cond, ...) tap_ok_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define TAP_INT_EQ(got, want, ...)                                                                 \
    do {                                                                                           \
        long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);                           \
        if (!tap_ok_(tap_g_ == tap_w_, __FILE__, __LINE__, __VA_ARGS__))                           \
            printf("#   got %lld, want %lld\n", tap_g_, tap_w_);                                   \
    } while (0)

#define TAP_STR_EQ(got, want, ...)                                                                 \
    do {                                                                                           \
        const char *tap_g_ = (got), *tap_w_ = (want);                                              \
        int tap_same_ = tap_g_ && tap_w_ && strcmp(tap_g_, tap_w_) == 0;                           \
        if (!tap_ok_(tap_same_, __FILE__, __LINE__, __VA_ARGS__))                                  \
            printf("#   got \"%s\", want \"%s\"\n", tap_g_ ? tap_g_ : "(null)",                    \
                   tap_w_ ? tap_w_ : "(null)");                                                    \
    } while (0)

static inline void tap_diag(const char *fmt, ...)
{
    va_list ap;
    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* Counts one test as skipped: "ok N - WHAT # SKIP WHY" (a check this
 * platform cannot make; meson reports it as skipped, not passed). */
static inline void tap_skip(const char *what, const char *why)
{
    tap_count_++;
    printf("ok %d - %s # SKIP %s\n", tap_count_, what, why);
    fflush(stdout);
}

static inline int tap_done(void)
{
    printf("1..%d\n", tap_count_);
    fflush(stdout);
    return tap_failed_ ? 1 : 0;
}

#endif
