/* record_text.h: the text of a finished game's record (PGN, SGF), the
 * same whether the game just ended on a match thread or is rebuilt at a
 * restart from the journal's moves. */
#ifndef MATCHBOARD_RECORD_TEXT_H
#define MATCHBOARD_RECORD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "server_logic.h"

/* Makes the record of game g, game game_no of match match_id between
 * player1 and player2 (NULL: unknown), ended as result, dated date
 * ("YYYY.MM.DD"), with its Gomoku opening (SGF ON; NULL: none). On success returns GAME_OK and a
 * malloc'd text (free it) in *text, its length in *len; else a game_error (game_strerror). */
game_error record_text_make(const game_ops *ops, const game *g, uint32_t match_id, uint32_t game_no,
                            const char *player1, const char *player2, const char *date,
                            const char *opening, game_result result, char **text, size_t *len);

/* The same for a game rebuilt from its journaled opening steps and moves
 * (r) under cfg:
 * GAME_ERR_ILLEGAL when a move does not apply. */
game_error record_text_replay(const match_config *cfg, const match_restore *r, game_result result,
                              const char *date, char **text, size_t *len);

#endif
