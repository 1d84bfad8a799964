/* jtest.c: see jtest.h. */
#include "jtest.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"

journal *jtest_open(const char *path, const match_config *c)
{
    journal *j = NULL;
    char err[600];
    if (journal_open(&j, path, c, err, sizeof err) != 0) {
        tap_diag("journal_open: %s", err);
        return NULL;
    }
    return j;
}

const match_restore *jtest_restored(journal *j, uint32_t id)
{
    for (size_t i = 0; j && i < journal_restored_count(j); i++)
        if (journal_restored(j, i)->match_id == id)
            return journal_restored(j, i);
    return NULL;
}

journal_entry jtest_game(uint32_t id, const char *name2, const uint8_t *t1, const uint8_t *t2,
                         const match_config *terms)
{
    journal_entry e;
    memset(&e, 0, sizeof e);
    e.kind = JOURNAL_GAME;
    e.match_id = id;
    e.game_no = 1;
    e.name[0] = "Ann";
    e.name[1] = name2;
    e.token[0] = t1;
    e.token[1] = t2;
    e.left_ms[0] = e.left_ms[1] = terms ? terms->clock_ms : 0;
    e.terms = terms;
    return e;
}

void jtest_remove(const char *path)
{
    static const char *const ends[] = {"", ".lock", ".tmp", ".refused"};
    char name[600];
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        snprintf(name, sizeof name, "%s%s", path, ends[i]);
        remove(name);
    }
}
