/* attr.h: compiler attributes, spelled once.
 *
 * MB_PRINTF(fmt, args) marks a printf-like function so -Wformat checks its
 * callers: fmt is the 1-based index of the format parameter, args that of
 * the first variadic one (0 for a va_list function). On mingw with
 * __USE_MINGW_ANSI_STDIO the C library is gnu_printf-compatible (%zu,
 * %lld), which __MINGW_PRINTF_FORMAT names; elsewhere plain printf.
 */
#ifndef MATCHBOARD_ATTR_H
#define MATCHBOARD_ATTR_H

#if defined(__MINGW32__) && defined(__MINGW_PRINTF_FORMAT)
#define MB_PRINTF(fmt, args) __attribute__((format(__MINGW_PRINTF_FORMAT, fmt, args)))
#elif defined(__GNUC__)
#define MB_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MB_PRINTF(fmt, args)
#endif

#endif
