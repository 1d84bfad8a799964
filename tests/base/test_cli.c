/* test_cli.c: the shared command-line parser (base/cli.h): both value
 * spellings, every error class with its message, enum names, --help from
 * the table, and a table with a name twice. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_table_check.h"
#include "tap.h"

typedef struct opts {
    uint16_t port;
    int quiet;
    const char *name, *bind;
    long offset;
    uint64_t seed;
    int timeout_ms;
    uint32_t grace_ms;
    int colour;
    int clock;
    double pace;
    const char *words[4];
    int nwords;
} opts;

static const char *colour_name(int i)
{
    static const char *const names[] = {"red", "green", "blue"};
    return i >= 0 && i < 3 ? names[i] : NULL;
}

static int parse_clock(void *target, const char *value, char *why, size_t cap)
{
    opts *o = target;
    char *end;
    long m = strtol(value, &end, 10);
    if (end == value || *end != '+' || m <= 0) {
        snprintf(why, cap, "'%s' is not M+S", value);
        return -1;
    }
    o->clock = (int)m;
    return 0;
}

static int positional(void *target, const char *arg, char *why, size_t cap)
{
    opts *o = target;
    if (o->nwords == 4) {
        snprintf(why, cap, "too many words ('%s')", arg);
        return -1;
    }
    o->words[o->nwords++] = arg;
    return 0;
}

static const cli_option options[] = {
    {CLI_SECTION, .help = "Network:"},
    {CLI_UINT, "port", 'p', CLI_FIELD(opts, port), .umax = 65535, .arg = "N",
     .help = "TCP port to listen on (default 7777; 0 takes a free port)"},
    {CLI_STRING, "bind", 0, CLI_FIELD(opts, bind), .umin = 1, .arg = "ADDR",
     .help = "address to listen on"},
    {CLI_SECTION, .help = "Other:"},
    {CLI_FLAG, "quiet", 'q', CLI_FIELD(opts, quiet), .help = "say less"},
    {CLI_STRING, "name", 0, CLI_FIELD(opts, name), .arg = "NAME", .help = "a name"},
    {CLI_INT, "offset", 0, CLI_FIELD(opts, offset), .min = -10, .max = 10, .arg = "N",
     .help = "an offset"},
    {CLI_UINT, "seed", 0, CLI_FIELD(opts, seed), .umax = UINT64_MAX, .arg = "SEED",
     .help = "the seed"},
    {CLI_UINT, "timeout", 0, CLI_FIELD(opts, timeout_ms), .umin = 1, .umax = 3600, .scale = 1000,
     .arg = "SECONDS", .help = "give up after this long"},
    {CLI_SECONDS, "grace", 0, CLI_FIELD(opts, grace_ms), .umin = 100, .umax = 86400000, .arg = "S",
     .help = "seconds a dropped player has to come back: a long text that has to be wrapped "
             "over more than one line of the help to fit in 79 columns"},
    {CLI_DOUBLE, "pace", 0, CLI_FIELD(opts, pace), .dmin = 0, .dmax = 1000, .arg = "R",
     .help = "moves a second"},
    {CLI_ENUM, "colour", 0, CLI_FIELD(opts, colour), .name_of = colour_name, .arg = "C",
     .help = "one of {names}."},
    {CLI_CUSTOM, "clock", 0, .parse = parse_clock, .arg = "M+S", .help = "the clock"},
    {CLI_CUSTOM, "a-very-long-option-name", 0, .parse = parse_clock, .arg = "VALUE",
     .help = "too long for the column"},
    {CLI_HELP, "help", 'h', .help = "this text"},
    {CLI_VERSION, "version", 0, .help = "the version"},
};

static const cli_program program = {
    "test",    "test [options] WORD...", "A test program.\n", CLI_OPTIONS(options), "The end.\n",
    positional};

static cli_status run(opts *o, char *err, ...)
{
    char *argv[16];
    int argc = 0;
    va_list ap;
    argv[argc++] = "test";
    va_start(ap, err);
    for (char *a; argc < 15 && (a = va_arg(ap, char *)) != NULL;)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    memset(o, 0, sizeof *o);
    o->port = 7777;
    return cli_parse(&program, argc, argv, 1, o, err, 200);
}

static void test_values(void)
{
    opts o;
    char err[200];
    TAP_INT_EQ(run(&o, err, (char *)NULL), CLI_OK, "no arguments");
    TAP_INT_EQ(o.port, 7777, "the caller's default stays");
    TAP_INT_EQ(run(&o, err, "--port", "80", (char *)NULL), CLI_OK, "--port 80");
    TAP_INT_EQ(o.port, 80, "the value");
    TAP_INT_EQ(run(&o, err, "--port=81", (char *)NULL), CLI_OK, "--port=81");
    TAP_INT_EQ(o.port, 81, "the value");
    TAP_INT_EQ(run(&o, err, "-p", "82", (char *)NULL), CLI_OK, "-p 82");
    TAP_INT_EQ(o.port, 82, "the short name");
    TAP_INT_EQ(run(&o, err, "--port", "1", "--port=2", (char *)NULL), CLI_OK, "twice");
    TAP_INT_EQ(o.port, 2, "the later one wins");
    TAP_INT_EQ(run(&o, err, "--name=", (char *)NULL), CLI_OK, "an empty value where allowed");
    TAP_STR_EQ(o.name, "", "is stored");
    TAP_INT_EQ(run(&o, err, "--name", "a=b", (char *)NULL), CLI_OK, "a value with '='");
    TAP_STR_EQ(o.name, "a=b", "is stored whole");
    TAP_INT_EQ(run(&o, err, "--name=a=b", (char *)NULL), CLI_OK, "--name=a=b");
    TAP_STR_EQ(o.name, "a=b", "splits at the first '='");
    TAP_INT_EQ(run(&o, err, "--name", "--quiet", (char *)NULL), CLI_OK, "a value like a flag");
    TAP_OK(strcmp(o.name, "--quiet") == 0 && !o.quiet, "is the value");
    TAP_INT_EQ(run(&o, err, "--quiet", "-q", (char *)NULL), CLI_OK, "flags");
    TAP_INT_EQ(o.quiet, 1, "set");
    TAP_INT_EQ(run(&o, err, "--offset", "-10", "--seed", "18446744073709551615", (char *)NULL),
               CLI_OK, "a negative int, the largest uint64");
    TAP_OK(o.offset == -10 && o.seed == UINT64_MAX, "their values");
    TAP_INT_EQ(run(&o, err, "--timeout=3", "--grace", "2.5", (char *)NULL), CLI_OK,
               "scaled seconds");
    TAP_OK(o.timeout_ms == 3000 && o.grace_ms == 2500, "stored as ms");
    TAP_INT_EQ(run(&o, err, "--grace", "0.1", (char *)NULL), CLI_OK, "the smallest grace");
    TAP_INT_EQ(o.grace_ms, 100, "100 ms");
    TAP_INT_EQ(run(&o, err, "--pace", "2.5", (char *)NULL), CLI_OK, "a double");
    TAP_OK(o.pace == 2.5, "its value");
    TAP_INT_EQ(run(&o, err, "--pace=.5", (char *)NULL), CLI_OK, "a double from its point");
    TAP_OK(o.pace == 0.5, "its value");
    TAP_INT_EQ(run(&o, err, "--colour", "blue", (char *)NULL), CLI_OK, "an enum name");
    TAP_INT_EQ(o.colour, 2, "its number");
    TAP_INT_EQ(run(&o, err, "--colour=GREEN", (char *)NULL), CLI_OK, "in capitals");
    TAP_INT_EQ(o.colour, 1, "its number");
    TAP_INT_EQ(run(&o, err, "--clock", "5+3", (char *)NULL), CLI_OK, "a custom value");
    TAP_INT_EQ(o.clock, 5, "read by its callback");
    TAP_INT_EQ(run(&o, err, "w1", "--quiet", "w2", "--", "--port", "-", (char *)NULL), CLI_OK,
               "words among flags, -- ends the flags");
    TAP_OK(o.nwords == 4 && strcmp(o.words[0], "w1") == 0 && strcmp(o.words[2], "--port") == 0 &&
               strcmp(o.words[3], "-") == 0 && o.port == 7777,
           "the words in order");
}

static void test_errors(void)
{
    opts o;
    char err[200];
    TAP_INT_EQ(run(&o, err, "--frobnicate", (char *)NULL), CLI_ERR_UNKNOWN, "unknown flag");
    TAP_STR_EQ(err, "unknown option '--frobnicate'", "names it");
    TAP_INT_EQ(run(&o, err, "--frob=1", (char *)NULL), CLI_ERR_UNKNOWN, "unknown flag=value");
    TAP_STR_EQ(err, "unknown option '--frob'", "names the flag only");
    TAP_INT_EQ(run(&o, err, "-x", (char *)NULL), CLI_ERR_UNKNOWN, "unknown short flag");
    TAP_STR_EQ(err, "unknown option '-x'", "names it");
    TAP_INT_EQ(run(&o, err, "--por", "1", (char *)NULL), CLI_ERR_UNKNOWN, "no prefix matching");
    TAP_INT_EQ(run(&o, err, "--port", (char *)NULL), CLI_ERR_MISSING, "missing value");
    TAP_STR_EQ(err, "--port needs a value", "says so");
    TAP_INT_EQ(run(&o, err, "--quiet=1", (char *)NULL), CLI_ERR_EXTRA, "a value for a flag");
    TAP_STR_EQ(err, "--quiet takes no value", "says so");
    TAP_INT_EQ(run(&o, err, "--port", "70000", (char *)NULL), CLI_ERR_NUMBER, "out of range");
    TAP_STR_EQ(err, "--port: '70000' is not a number from 0 to 65535", "says the range");
    TAP_INT_EQ(run(&o, err, "--port", "-1", (char *)NULL), CLI_ERR_NUMBER, "a sign");
    TAP_INT_EQ(run(&o, err, "--port", "8x", (char *)NULL), CLI_ERR_NUMBER, "trailing garbage");
    TAP_INT_EQ(run(&o, err, "--port=", (char *)NULL), CLI_ERR_NUMBER, "an empty number");
    TAP_INT_EQ(run(&o, err, "--seed", "18446744073709551616", (char *)NULL), CLI_ERR_NUMBER,
               "past 64 bits");
    TAP_INT_EQ(run(&o, err, "--offset", "11", (char *)NULL), CLI_ERR_NUMBER, "int above max");
    TAP_STR_EQ(err, "--offset: '11' is not a number from -10 to 10", "says the range");
    TAP_INT_EQ(run(&o, err, "--offset", "-11", (char *)NULL), CLI_ERR_NUMBER, "int below min");
    TAP_INT_EQ(run(&o, err, "--timeout", "0", (char *)NULL), CLI_ERR_NUMBER, "uint below min");
    TAP_STR_EQ(err, "--timeout: '0' is not a number from 1 to 3600", "in the flag's unit");
    TAP_INT_EQ(run(&o, err, "--grace", "0.09", (char *)NULL), CLI_ERR_NUMBER, "seconds too few");
    TAP_STR_EQ(err, "--grace: '0.09' is not a number of seconds from 0.1 to 86400",
               "says the range in seconds");
    TAP_INT_EQ(run(&o, err, "--grace", "1.", (char *)NULL), CLI_ERR_NUMBER, "a bare point");
    TAP_INT_EQ(run(&o, err, "--pace", "1001", (char *)NULL), CLI_ERR_NUMBER, "a double too big");
    TAP_STR_EQ(err, "--pace: '1001' is not a number from 0 to 1000", "says the range");
    TAP_INT_EQ(run(&o, err, "--pace", "nan", (char *)NULL), CLI_ERR_NUMBER, "nan");
    TAP_INT_EQ(run(&o, err, "--pace", "-1", (char *)NULL), CLI_ERR_NUMBER, "below dmin");
    TAP_INT_EQ(run(&o, err, "--pace", "1x", (char *)NULL), CLI_ERR_NUMBER, "a double, then junk");
    TAP_INT_EQ(run(&o, err, "--colour", "pink", (char *)NULL), CLI_ERR_NAME, "not a name");
    TAP_STR_EQ(err, "--colour: 'pink' is not red, green or blue", "lists the names");
    TAP_INT_EQ(run(&o, err, "--bind", "", (char *)NULL), CLI_ERR_EMPTY, "an empty value");
    TAP_STR_EQ(err, "--bind: ADDR may not be empty", "says so");
    TAP_INT_EQ(run(&o, err, "--clock=5", (char *)NULL), CLI_ERR_VALUE, "a custom value refused");
    TAP_STR_EQ(err, "--clock: '5' is not M+S", "the callback's words after the flag");
    TAP_INT_EQ(run(&o, err, "a", "b", "c", "d", "e", (char *)NULL), CLI_ERR_ARGUMENT,
               "a word refused");
    TAP_STR_EQ(err, "too many words ('e')", "with the callback's words");
    TAP_INT_EQ(run(&o, err, "--port", "1", "--help", "--frob", (char *)NULL), CLI_HELP_ASKED,
               "--help stops the parse");
    TAP_INT_EQ(run(&o, err, "-h", (char *)NULL), CLI_HELP_ASKED, "-h");
    TAP_INT_EQ(run(&o, err, "--version", (char *)NULL), CLI_VERSION_ASKED, "--version");
    TAP_INT_EQ(run(&o, err, "--help=1", (char *)NULL), CLI_ERR_EXTRA, "--help=1");
    TAP_OK(strcmp(cli_strerror(CLI_ERR_UNKNOWN), "unknown option") == 0 &&
               strcmp(cli_strerror((cli_status)99), "unknown status") == 0,
           "cli_strerror");

    cli_program strict = program;
    strict.positional = NULL;
    char *argv[] = {"test", "word", NULL};
    TAP_INT_EQ(cli_parse(&strict, 2, argv, 1, &o, err, sizeof err), CLI_ERR_ARGUMENT,
               "a word where none is taken");
    TAP_STR_EQ(err, "unexpected argument 'word'", "says so");
    char small[8];
    TAP_INT_EQ(cli_parse(&strict, 2, argv, 1, &o, small, sizeof small), CLI_ERR_ARGUMENT,
               "a small message buffer");
    TAP_INT_EQ(strlen(small), 7, "the message is cut, terminated");
}

static void test_help(void)
{
    char buf[4096], small[40];
    size_t n = cli_help(&program, buf, sizeof buf), width = 0;
    int every_once = 1;
    TAP_OK(n > 0 && n < sizeof buf && strlen(buf) == n, "the help fits, its length returned");
    TAP_OK(strncmp(buf, "usage: test [options] WORD...\n\nA test program.\n", 47) == 0,
           "it starts with the synopsis and the about text");
    for (size_t i = 0; i < program.count; i++)
        if (options[i].kind != CLI_SECTION && cli_check_listed(buf, options[i].name) != 1) {
            every_once = 0;
            tap_diag("--%s is listed %d times", options[i].name,
                     cli_check_listed(buf, options[i].name));
        }
    TAP_OK(every_once, "every flag is listed once");
    cli_check_table(&program);
    TAP_OK(strstr(buf, "\nNetwork:\n  -p, --port N") != NULL, "a section, then its flags");
    TAP_OK(strstr(buf, "  --bind ADDR") != NULL && strstr(buf, "  -q, --quiet ") != NULL,
           "value names and short names");
    TAP_OK(strstr(buf, "  --a-very-long-option-name VALUE too long") != NULL,
           "a long flag takes its help after one space");
    TAP_OK(strstr(buf, "  --colour C         one of red, green or blue.\n") != NULL,
           "an enum's names in its help");
    TAP_OK(strstr(buf, "The end.\n") != NULL && buf[n - 1] == '\n', "the epilog ends it");
    for (const char *line = buf; *line;) {
        size_t len = strcspn(line, "\n");
        width = len > width ? len : width;
        line += len + (line[len] == '\n');
    }
    TAP_OK(width <= 79, "no line is wider than 79 columns (%zu)", width);
    const char *a = strstr(buf, "  -p, --port N"), *b = strstr(buf, "  --bind ADDR");
    const char *ha = a ? strstr(a, "TCP") : NULL, *hb = b ? strstr(b, "address") : NULL;
    TAP_OK(ha && hb && ha - a == hb - b, "help texts are aligned");
    const char *g = strstr(buf, "  --grace S");
    const char *cont = g ? strchr(g, '\n') + 1 : NULL;
    TAP_OK(g && hb && strncmp(cont, "                          ", (size_t)(hb - b)) == 0 &&
               cont[hb - b] != ' ',
           "wrapped lines continue in the help column");
    TAP_INT_EQ(cli_help(&program, small, sizeof small), n, "a small buffer: the same length");
    TAP_INT_EQ(strlen(small), sizeof small - 1, "cut and terminated");
    TAP_OK(strncmp(small, buf, sizeof small - 1) == 0, "the same beginning");

    char list[64];
    TAP_INT_EQ(cli_enum_list(colour_name, list, sizeof list), 18, "enum list length");
    TAP_STR_EQ(list, "red, green or blue", "enum list");
}

static void test_duplicates(void)
{
    static const cli_option twice[] = {
        {CLI_FLAG, "quiet", 'q', CLI_FIELD(opts, quiet), .help = "say less"},
        {CLI_FLAG, "quick", 'q', CLI_FIELD(opts, quiet), .help = "same short name"},
    };
    static const cli_option twice_long[] = {
        {CLI_SECTION, .help = "A:"},
        {CLI_FLAG, "quiet", 0, CLI_FIELD(opts, quiet), .help = "say less"},
        {CLI_SECTION, .help = "B:"},
        {CLI_FLAG, "quiet", 0, CLI_FIELD(opts, quiet), .help = "again"},
    };
    cli_program p = {"t", NULL, NULL, CLI_OPTIONS(twice), NULL, NULL};
    TAP_OK(cli_duplicate(&program) == NULL, "the test table has no name twice");
    TAP_STR_EQ(cli_duplicate(&p), "quick", "a short name twice is found");
    p.options = twice_long;
    p.count = 4;
    TAP_STR_EQ(cli_duplicate(&p), "quiet", "a long name twice is found");
}

int main(void)
{
    test_values();
    test_errors();
    test_help();
    test_duplicates();
    return tap_done();
}
