/* logic_harness.h: drives the lobby and one match host together, with no
 * sockets, and keeps everything they send, close and record. */
#ifndef MATCHBOARD_LOGIC_HARNESS_H
#define MATCHBOARD_LOGIC_HARNESS_H

#include "lobby.h"
#include "match_host.h"

#define H_MAX_SENT    8192
#define H_MAX_CONN    64
#define H_MAX_JOURNAL 256

typedef struct h_sent {
    conn_id c;
    packet p;
} h_sent;

typedef struct harness {
    match_config cfg;
    logic_sink sink;
    lobby *lobby;
    match_host *host;
    uint64_t now;
    h_sent sent[H_MAX_SENT];
    size_t nsent;
    int closed[H_MAX_CONN];  /* closed by the logic */
    int in_host[H_MAX_CONN]; /* handed from the lobby to the host */
    char record[16384];
    size_t nrecords;
    game_result record_result;
    const char *record_ext;
    uint8_t rng;
    match_status last_status;
    journal_entry journaled;           /* the last entry of kind MOVE or STOP journaled */
    journal_entry jlog[H_MAX_JOURNAL]; /* every entry journaled, first first (names and
                                        * tokens not kept) */
    size_t njlog;
    int human_waiting; /* what the lobby last said (sink.waiting) */
    size_t requeued;   /* players sent back to the lobby (sink.requeue) */
    int quiet;         /* sink.log_on says no below LOG_WARN (0: every level logged) */
    size_t nlog;       /* log lines the sink got */
    char last_log[512];
} harness;

/* A harness for ops with rule and size (0: default) and a clock. */
void h_init(harness *h, const game_ops *ops, int rule, uint32_t clock_ms, uint32_t inc_ms);
void h_free(harness *h);

/* Connection c opens / closes / sends p (to the lobby or its host). */
void h_open(harness *h, conn_id c);
void h_close(harness *h, conn_id c);
void h_send(harness *h, conn_id c, const packet *p);
void h_tick(harness *h, uint64_t advance_ms);

/* HELLO helpers. */
void h_hello(harness *h, conn_id c, const char *name, int want, const uint8_t *token);
/* The same, offering protocol version `version` (h_hello offers PACKET_VERSION). */
void h_hello_v(harness *h, conn_id c, const char *name, int want, const uint8_t *token,
               uint16_t version);
/* What the host answers a resume with token on connection c, straight to
 * match_host_join (0: joined). */
int h_join_code(harness *h, conn_id c, const uint8_t *token);
/* Fills r (zeroed first) with a Gomoku game as the journal gives it back:
 * match 9, game 1, players "A" and "B" with tokens of 0xA1 and 0xB2 bytes,
 * one move (*first, h8) made, 41 s and 52 s left. */
void h_restore_fill(match_restore *r, game_move *first);
/* Opens a and b and seats them as Player1 and Player2 of a match. */
void h_pair(harness *h, conn_id a, const char *na, conn_id b, const char *nb);
void h_move(harness *h, conn_id c, uint32_t ply, int fx, int fy, int tx, int ty, int promo);
void h_stone(harness *h, conn_id c, uint32_t ply, int x, int y);
void h_simple(harness *h, conn_id c, packet_type type, uint32_t ply_or_accept);

/* The last packet of a type sent to c since mark (NULL: none). */
const packet *h_last(const harness *h, conn_id c, packet_type type, size_t mark);
/* How many packets of a type went to c since mark. */
size_t h_count(const harness *h, conn_id c, packet_type type, size_t mark);
/* The last journal entry of a kind since entry number mark (NULL: none). */
const journal_entry *h_journaled(const harness *h, journal_kind kind, size_t mark);

#endif
