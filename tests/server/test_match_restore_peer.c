/* test_match_restore_peer.c: what the first player back after a restart
 * hears of its opponent, in the match host alone (no sockets). A seat the
 * journal restored and nobody has resumed yet is "not back yet since the
 * restart" (PEER_STATUS status 2, version 4), not a drop; a version-3
 * player hears "dropped" as before; a seat that came back and dropped
 * again is a drop. */
#include <string.h>

#include "logic_harness.h"
#include "tap.h"

static harness H;

/* The PEER_STATUS about seat_no sent to c since mark (NULL: none). */
static const packet *status_of(conn_id c, uint8_t seat_no, size_t mark)
{
    const packet *p = h_last(&H, c, PACKET_PEER_STATUS, mark);
    return p && p->u.peer.seat == seat_no ? p : NULL;
}

/* A game restored, 20 s on: B (Player2) comes back first on conn 2,
 * offering protocol `version`. */
static void restore_then_b_back(match_restore *r, game_move *first, uint16_t version)
{
    h_init(&H, &game_gomoku_ops, GAME_RULE_FREESTYLE, 60000, 0);
    h_restore_fill(r, first);
    match_host_restore(H.host, r, H.now);
    h_tick(&H, 20000);
    h_open(&H, 2);
    h_hello_v(&H, 2, "B", PACKET_WANT_PLAY, r->token[1], version);
}

static void test_first_back(void)
{
    match_restore r;
    game_move first;
    const packet *p;
    size_t mark;
    restore_then_b_back(&r, &first, PACKET_VERSION);
    p = status_of(2, 1, 0);
    TAP_OK(p && p->u.peer.status == PACKET_PEER_NOT_BACK && p->u.peer.grace_ms == 40000,
           "the first player back hears its opponent is not back yet since the restart, "
           "with the grace left (status %d, %lu ms)",
           p ? p->u.peer.status : -1, p ? (unsigned long)p->u.peer.grace_ms : 0UL);
    mark = H.nsent;
    h_open(&H, 1);
    h_hello(&H, 1, "A", PACKET_WANT_PLAY, r.token[0]);
    p = status_of(2, 1, mark);
    TAP_OK(p && p->u.peer.status == PACKET_PEER_BACK, "then that it is back");
    p = h_last(&H, 1, PACKET_PEER_STATUS, mark);
    TAP_OK(p == NULL || p->u.peer.status != PACKET_PEER_NOT_BACK,
           "the second player back hears no 'not back yet'");
    mark = H.nsent;
    h_close(&H, 1);
    p = status_of(2, 1, mark);
    TAP_OK(p && p->u.peer.status == PACKET_PEER_DROPPED && p->u.peer.grace_ms > 0,
           "a drop after it came back is a drop");
    mark = H.nsent;
    h_close(&H, 2);
    h_open(&H, 3);
    h_hello(&H, 3, "B", PACKET_WANT_PLAY, r.token[1]);
    p = status_of(3, 1, mark);
    TAP_OK(p && p->u.peer.status == PACKET_PEER_DROPPED,
           "and stays one for a player who resumes after it");
    h_free(&H);
}

static void test_older_client(void)
{
    match_restore r;
    game_move first;
    const packet *p;
    restore_then_b_back(&r, &first, 3);
    p = status_of(2, 1, 0);
    TAP_OK(p && p->u.peer.status == PACKET_PEER_DROPPED && p->u.peer.grace_ms == 40000,
           "a version-3 player back first hears 'dropped' with the grace left, as before");
    h_free(&H);
}

int main(void)
{
    test_first_back();
    test_older_client();
    return tap_done();
}
