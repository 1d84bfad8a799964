/* cli.h: command lines described by a table, walked by one parser.
 *
 * A program lists its flags once, as an array of cli_option (like the
 * field lists of net/packet.c): the long name, an optional short one, what
 * the value is (none, a string, a number in a range, seconds, one name of a
 * list, or anything a callback reads), where it goes in the program's
 * options struct, and the help text. cli_parse reads argv against the table
 * (`--flag value` and `--flag=value` alike) and cli_help writes `--help`
 * from the same table, so a flag is never named twice.
 *
 *     static const cli_option opts[] = {
 *         {CLI_UINT, "port", 0, CLI_FIELD(server_options, port), .umax = 65535,
 *          .arg = "N", .help = "TCP port to listen on (default 7777)"},
 *         {CLI_FLAG, "no-discovery", 0, CLI_FIELD(server_options, no_discovery),
 *          .help = "do not answer discovery probes"},
 *         {CLI_HELP, "help", 'h', .help = "this text"},
 *     };
 *
 * Errors are returned, never exited on: cli_parse gives a cli_status and
 * writes a one-line message naming the flag and what it expected.
 */
#ifndef MATCHBOARD_CLI_H
#define MATCHBOARD_CLI_H

#include <stddef.h>
#include <stdio.h>

typedef enum cli_kind {
    CLI_SECTION = 0, /* not a flag: a heading in --help (help is the title) */
    CLI_FLAG,        /* no value: stores 1 in an integer field */
    CLI_STRING,      /* stores the value (a pointer into argv) in a
                      * const char * field; umin 1: it may not be empty */
    CLI_INT,         /* a decimal integer in min..max */
    CLI_UINT,        /* a decimal integer in umin..umax (no sign), stored
                      * times scale (when scale is not 0) */
    CLI_SECONDS,     /* seconds with up to three decimals ("2.5"), stored
                      * as milliseconds in umin..umax (in ms) */
    CLI_DOUBLE,      /* a decimal number ("2.5", "1e3") in dmin..dmax,
                      * stored in a double field */
    CLI_ENUM,        /* one of the names name_of lists (ASCII case aside),
                      * stored as its number */
    CLI_CUSTOM,      /* parse(target, value) reads it */
    CLI_HELP,        /* --help: cli_parse returns CLI_HELP */
    CLI_VERSION,     /* --version: cli_parse returns CLI_VERSION */
} cli_kind;

/* Reads a custom value into the program's options struct (target, the
 * whole struct). Returns 0, or -1 after writing into why what is wrong
 * ("'5' is not M+S"); the parser puts the flag's name in front. */
typedef int (*cli_parse_fn)(void *target, const char *value, char *why, size_t cap);

/* The name of value i of an enum (0, 1, ...), NULL past the last. */
typedef const char *(*cli_name_fn)(int i);

typedef struct cli_option {
    cli_kind kind;
    const char *name;              /* without the dashes: "port" for --port */
    char short_name;               /* 'h' for -h, or 0 */
    size_t offset;                 /* of the field in the options struct (CLI_FIELD) */
    size_t size;                   /* of that field: 1, 2, 4 or 8 bytes for numbers */
    long long min, max;            /* CLI_INT */
    unsigned long long umin, umax; /* CLI_UINT, CLI_SECONDS (ms); umin
                                    * for CLI_STRING */
    unsigned long long scale;      /* CLI_UINT: stored value per unit */
    double dmin, dmax;             /* CLI_DOUBLE */
    cli_name_fn name_of;           /* CLI_ENUM */
    cli_parse_fn parse;            /* CLI_CUSTOM */
    const char *arg;               /* the value's name in --help: "N" */
    const char *help;              /* one or more sentences, wrapped; in
                                    * a CLI_ENUM's, "{names}" stands for
                                    * its names: "a, b or c" */
} cli_option;

/* The usual --help (-h) and --version entries of a table. */
#define CLI_OPTION_HELP                                                                            \
    {                                                                                              \
        CLI_HELP, "help", 'h', .help = "this text"                                                 \
    }
#define CLI_OPTION_VERSION                                                                         \
    {                                                                                              \
        CLI_VERSION, "version", 0, .help = "the version"                                           \
    }

/* offset and size of a field, for a cli_option: CLI_FIELD(type, a.b). */
#define CLI_FIELD(type, member) offsetof(type, member), sizeof(((type *)0)->member)

typedef struct cli_program {
    const char *name;     /* "matchboard-server": in messages and --help */
    const char *synopsis; /* after "usage: ", e.g. "matchboard-server
                           * [options]"; may hold several lines */
    const char *about;    /* a paragraph before the flags, or NULL */
    const cli_option *options;
    size_t count;
    const char *epilog; /* text after the flags, or NULL */
    /* Words that are not flags, in order; NULL: they are refused. Returns
     * 0, or -1 after writing into why what is wrong. */
    int (*positional)(void *target, const char *arg, char *why, size_t cap);
} cli_program;

/* The options array and its length, for cli_program. */
#define CLI_OPTIONS(array) (array), (sizeof(array) / sizeof((array)[0]))

typedef enum cli_status {
    CLI_OK = 0,        /* every word read into target */
    CLI_HELP_ASKED,    /* a CLI_HELP flag: print cli_help, exit 0 */
    CLI_VERSION_ASKED, /* a CLI_VERSION flag: print the version, exit 0 */
    CLI_ERR_UNKNOWN,   /* a flag the table does not have */
    CLI_ERR_MISSING,   /* a flag without its value at the end */
    CLI_ERR_EXTRA,     /* --flag=value for a flag that takes none */
    CLI_ERR_NUMBER,    /* not a number, or out of its range */
    CLI_ERR_NAME,      /* not one of the enum's names */
    CLI_ERR_EMPTY,     /* an empty value where one is needed */
    CLI_ERR_VALUE,     /* a custom value its parse refused */
    CLI_ERR_ARGUMENT,  /* a word that is not a flag, refused */
} cli_status;

/* What a status means, in a few words ("unknown option"). */
const char *cli_strerror(cli_status s);

/* Reads argv[first..argc-1] into target (defaults are the caller's to set
 * first). Flags may come in any order among the other words; "--" ends
 * the flags. A later flag overrides an earlier one. On an error returns
 * it with a one-line message in err ("--port: '70000' is not a number
 * from 0 to 65535"); CLI_HELP_ASKED and CLI_VERSION_ASKED stop at once. */
cli_status cli_parse(const cli_program *p, int argc, char **argv, int first, void *target,
                     char *err, size_t cap);

/* Writes the --help text into buf (snprintf-style: returns the length it
 * needs, excluding the NUL). "usage: SYNOPSIS", the about paragraph, the
 * flags in table order under their sections, aligned and wrapped to 79
 * columns, then the epilog. */
size_t cli_help(const cli_program *p, char *buf, size_t cap);
/* The same text, written to f. Returns 0, or -1 if it could not. */
int cli_print_help(const cli_program *p, FILE *f);

/* Bad usage, said the same way by every program: writes one line
 * "NAME: message (see --help)" to f (the program's name from p; no usage
 * text after it) and returns 2, the exit status of bad usage. */
int cli_usage_error(const cli_program *p, FILE *f, const char *message);

/* Reads a decimal number with up to three decimals ("2.5"; more are cut)
 * times scale (1000 for seconds as ms; at most 1000000) into *out. Returns
 * 0, or -1 if s is not such a number or is above 10^12. For callbacks. */
int cli_read_decimal(const char *s, unsigned long long scale, unsigned long long *out);

/* The names of an enum option joined for a message: "a, b or c". */
size_t cli_enum_list(cli_name_fn name_of, char *buf, size_t cap);

/* The first flag name (long or short) that appears twice in the table, or
 * NULL: for the programs' table tests. */
const char *cli_duplicate(const cli_program *p);

#endif
