/* tplay.h: steps of a game through tclient shared by the hardening tests:
 * seating a pair, expecting a seat or a move, timing a move's round trip. */
#ifndef MATCHBOARD_TPLAY_H
#define MATCHBOARD_TPLAY_H

#include <stdint.h>

#include "game.h"
#include "tclient.h"

#define TP_WAIT 10000 /* ms to wait for any expected packet */

/* The next packet (CLOCKs skipped) is WELCOME with this seat; fills the
 * match id and token when asked. 1 if so. */
int tp_welcome(tclient *c, int seat, uint32_t *match_id, uint8_t *token);
/* The next packet (CLOCKs skipped) is MOVE ply at (x, y). 1 if so. */
int tp_got_move(tclient *c, uint32_t ply, int x, int y);
/* Connects a and b, both say HELLO, and checks both WELCOMEs and STARTs.
 * 1 when the match runs; the match id and tokens when asked. */
int tp_seat_pair(tclient *a, tclient *b, uint16_t port, const char *name_a, const char *name_b,
                 uint32_t *match_id, uint8_t *token_a, uint8_t *token_b);
/* mover plays a stone at ply (x, y); both players must see it. Returns the
 * round trip to the mover's own confirmation in ms, -1 if it went wrong. */
long tp_stone_round_trip(tclient *mover, tclient *other, uint32_t ply, int x, int y);
/* Connects and resumes seat `seat` of match match_id with the token: 1
 * when WELCOME, START and a SYNC of exactly the n moves given came (the
 * packets after SYNC_END are left to read). */
int tp_resume(tclient *c, uint16_t port, const char *name, const uint8_t *tok, int seat,
              uint32_t match_id, const game_move *moves, uint32_t n);
/* Hex text of a token (33 bytes) and back (0 on success). */
void tp_token_hex(char *out, const uint8_t *token);
int tp_token_parse(const char *hex, uint8_t *token);

#endif
