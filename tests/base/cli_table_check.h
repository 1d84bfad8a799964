/* cli_table_check.h: the checks every program's command-line table must
 * pass: no flag named twice, and every flag listed once in its --help. */
#ifndef MATCHBOARD_CLI_TABLE_CHECK_H
#define MATCHBOARD_CLI_TABLE_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tap.h"

/* How many lines of help list --name: "  --name ..." or "  -x, --name ...". */
static inline int cli_check_listed(const char *help, const char *name)
{
    int n = 0;
    size_t len = strlen(name);
    for (const char *line = help; *line;) {
        const char *p = line + 2;
        size_t end = strcspn(line, "\n");
        if (strncmp(line, "  -", 3) == 0 && line[3] != '-' && strncmp(line + 4, ", --", 4) == 0)
            p = line + 6; /* "  -h, --help" */
        if (strncmp(line, "  ", 2) == 0 && strncmp(p, "--", 2) == 0 &&
            strncmp(p + 2, name, len) == 0 &&
            (p[2 + len] == ' ' || p[2 + len] == '\n' || p[2 + len] == '\0'))
            n++;
        line += end + (line[end] == '\n');
    }
    return n;
}

/* Checks p's table: no name twice, each flag listed once in the help with
 * a help text, and --help among them. */
static inline void cli_check_table(const cli_program *p)
{
    const char *dup = cli_duplicate(p);
    size_t need = cli_help(p, NULL, 0);
    char *help = malloc(need + 1);
    int once = 1, helped = 1, has_help = 0;
    TAP_OK(dup == NULL, "%s: no flag named twice%s%s", p->name, dup ? ": " : "", dup ? dup : "");
    if (!help) {
        TAP_OK(0, "%s: memory for the help", p->name);
        return;
    }
    TAP_INT_EQ(cli_help(p, help, need + 1), need, "%s: the help's length is stable", p->name);
    for (size_t i = 0; i < p->count; i++) {
        const cli_option *o = &p->options[i];
        if (o->kind == CLI_SECTION)
            continue;
        has_help |= o->kind == CLI_HELP;
        if (!o->help || !*o->help)
            helped = 0;
        if (cli_check_listed(help, o->name) != 1) {
            once = 0;
            tap_diag("--%s is listed %d times", o->name, cli_check_listed(help, o->name));
        }
    }
    TAP_OK(once, "%s: every flag is listed once in the help", p->name);
    TAP_OK(helped, "%s: every flag has a help text", p->name);
    TAP_OK(has_help, "%s: --help is in the table", p->name);
    free(help);
}

#endif
