/* test_match_rematch_journal.c: a second rematch offer after the same
 * finished game, its first withdrawn or declined after the game's record
 * was written, across a restart: what the match host journals (no
 * sockets) is written to a real journal, as the server does (the records
 * writer's E right after each result), the journal is read back and the
 * match restored into a new host. The second offer comes back as the
 * first would: its opponent resumes, sees it and accepts it; a second
 * offer declined while its maker is away comes back as that decline, which
 * the maker hears when it resumes; what was settled before (the first
 * offer, a decline its maker heard) does not come back. */
#include <stdio.h>
#include <string.h>

#include "itest.h"
#include "journal.h"
#include "logic_harness.h"
#include "tap.h"

static harness H;
static char path[256];
static uint8_t Ta[PACKET_TOKEN_SIZE], Tb[PACKET_TOKEN_SIZE]; /* A's and B's tokens */

/* A (conn 1, Player1) and B (conn 2) play a stone, A resigns; each has
 * heard the result. */
static void finished(void)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    h_pair(&H, 1, "A", 2, "B");
    memcpy(Ta, h_last(&H, 1, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    memcpy(Tb, h_last(&H, 2, PACKET_WELCOME, 0)->u.welcome.token, PACKET_TOKEN_SIZE);
    h_stone(&H, 1, 0, 7, 7);
    h_simple(&H, 1, PACKET_RESIGN, 1);
}

/* Writes what H journaled into a new journal at path, the server's way:
 * the G line with the players' names and tokens (the harness keeps
 * neither), an E after each R (the record written at once); then reads it
 * back (the restart) into *out. 0 on success. */
static int restart(journal **out)
{
    const char *names[2] = {"A", "B"};
    const uint8_t *tokens[2] = {Ta, Tb};
    char err[600];
    journal *j = NULL;
    int rc = 0;
    remove(path);
    if (journal_open(&j, path, &H.cfg, err, sizeof err) != 0) {
        tap_diag("journal_open: %s", err);
        return -1;
    }
    for (size_t i = 0; i < H.njlog && rc == 0; i++) {
        journal_entry e = H.jlog[i];
        if (e.kind == JOURNAL_GAME) {
            int swap = e.game_no % 2 == 0; /* a rematch swaps the colours */
            for (int s = 0; s < 2; s++) {
                e.name[s] = names[s ^ swap];
                e.token[s] = tokens[s ^ swap];
            }
        }
        rc = journal_append(j, &e);
        if (rc == 0 && e.kind == JOURNAL_RESULT) {
            journal_entry end;
            memset(&end, 0, sizeof end);
            end.kind = JOURNAL_END;
            end.match_id = e.match_id;
            end.game_no = e.game_no;
            rc = journal_append(j, &end);
        }
    }
    journal_close(j);
    if (rc != 0 || journal_open(&j, path, &H.cfg, err, sizeof err) != 0) {
        tap_diag("journal: %s", rc != 0 ? journal_error() : err);
        return -1;
    }
    *out = j;
    return 0;
}

/* The restart: H's journal read back, H started again with the match
 * restored from it (both players away). The match restored, or NULL. */
static const match_restore *restored(journal **jp)
{
    const match_restore *r = NULL;
    if (restart(jp) == 0 && journal_restored_count(*jp) == 1)
        r = journal_restored(*jp, 0);
    h_free(&H); /* the host is new, whatever came back */
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 0, 0);
    return r && match_host_restore(H.host, r, H.now) == 0 ? r : NULL;
}

static void back(conn_id c, const char *name, const uint8_t *token)
{
    h_open(&H, c);
    h_hello(&H, c, name, PACKET_WANT_PLAY, token);
}

/* B offers, withdraws its offer; A offers: the standing offer is A's. */
static void test_withdrawn_then_other_offers(void)
{
    const match_restore *r;
    const packet *p;
    journal *j = NULL;
    size_t mark;
    finished();
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 0);
    mark = H.nsent;
    h_simple(&H, 1, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 2, PACKET_REMATCH_OFFER, mark) != NULL,
           "B offers and withdraws after the record; A offers: B hears it");
    r = restored(&j);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P1 &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_NONE,
           "restarted: the finished game comes back with A's offer");
    back(2, "B", Tb);
    p = h_last(&H, 2, PACKET_GAME_OVER, 0);
    TAP_OK(p && p->u.game_over.winner == GAME_SIDE_P2 && h_last(&H, 2, PACKET_REMATCH_OFFER, 0) &&
               !h_last(&H, 2, PACKET_ERROR, 0),
           "B resumes (no bad token): the result, then A's offer");
    back(1, "A", Ta);
    TAP_OK(!h_last(&H, 1, PACKET_REMATCH_OFFER, 0) && !h_last(&H, 1, PACKET_ERROR, 0),
           "A resumes: not asked its own offer");
    mark = H.nsent;
    h_simple(&H, 2, PACKET_REMATCH_ANSWER, 1);
    p = h_last(&H, 2, PACKET_WELCOME, mark);
    TAP_OK(p && p->u.welcome.seat == 1 && h_last(&H, 1, PACKET_START, mark),
           "B accepts: the rematch starts, colours swapped");
    journal_close(j);
    h_free(&H);
}

/* B offers, A declines (B hears it); B offers again and drops; A declines
 * the second while B is away. */
static void test_second_declined_unheard(void)
{
    const match_restore *r;
    const packet *p;
    journal *j = NULL;
    finished();
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    h_close(&H, 2);
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    r = restored(&j);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_NONE &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_P2,
           "a second offer declined while its maker is away: restarted, the decline comes back");
    back(2, "B", Tb);
    p = h_last(&H, 2, PACKET_REMATCH_ANSWER, 0);
    TAP_OK(h_last(&H, 2, PACKET_GAME_OVER, 0) && p && p->u.answer.accept == 0 &&
               !h_last(&H, 2, PACKET_ERROR, 0),
           "B resumes (no bad token): the result, then the decline of its offer");
    journal_close(j);
    h_free(&H);
}

/* B offers and drops, A declines it while B is away, B hears it on its
 * return and offers again: that offer comes back, without the decline B
 * already heard. */
static void test_second_after_heard_decline(void)
{
    const match_restore *r;
    journal *j = NULL;
    finished();
    h_simple(&H, 2, PACKET_REMATCH_OFFER, 1);
    h_close(&H, 2);
    h_simple(&H, 1, PACKET_REMATCH_ANSWER, 0);
    back(3, "B", Tb); /* told of the decline */
    h_simple(&H, 3, PACKET_REMATCH_OFFER, 1);
    TAP_OK(h_last(&H, 1, PACKET_REMATCH_OFFER, 0) != NULL,
           "B, told of the decline on its return, offers again: A hears it");
    r = restored(&j);
    TAP_OK(r && r->over && r->offer[JOURNAL_OFFER_REMATCH] == GAME_SIDE_P2 &&
               r->offer[JOURNAL_OFFER_DECLINED] == GAME_SIDE_NONE,
           "restarted: the second offer comes back, the decline B heard does not");
    back(1, "A", Ta);
    back(2, "B", Tb);
    TAP_OK(h_last(&H, 1, PACKET_REMATCH_OFFER, 0) && !h_last(&H, 2, PACKET_REMATCH_ANSWER, 0),
           "A resumes and is asked again; B hears no decline");
    journal_close(j);
    h_free(&H);
}

int main(void)
{
    char dir[128];
    itest_records_dir(dir, sizeof dir, "rematch-journal"); /* removed at exit with DIR-journal */
    snprintf(path, sizeof path, "%s-journal", dir);
    test_withdrawn_then_other_offers();
    test_second_declined_unheard();
    test_second_after_heard_decline();
    return tap_done();
}
