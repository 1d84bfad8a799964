/* record_text.c: see record_text.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game_gomoku.h"
#include "match_opening.h"
#include "record_text.h"

game_error record_text_make(const game_ops *ops, const game *g, uint32_t match_id, uint32_t game_no,
                            const char *player1, const char *player2, const char *date,
                            const char *opening, game_result result, char **text, size_t *len)
{
    game_record_info info;
    char event[64];
    char *buf;
    int n;

    *text = NULL;
    *len = 0;
    snprintf(event, sizeof event, "matchboard match %lu game %lu", (unsigned long)match_id,
             (unsigned long)game_no);
    memset(&info, 0, sizeof info);
    info.event = event;
    info.site = "matchboard-server";
    info.date = date;
    info.player1 = player1;
    info.player2 = player2;
    info.opening = opening;
    n = ops->write_record(g, &info, result, NULL, 0);
    if (n < 0)
        return (game_error)n;
    if (!(buf = malloc((size_t)n + 1)))
        return GAME_ERR_NOMEM;
    n = ops->write_record(g, &info, result, buf, (size_t)n + 1);
    if (n < 0) {
        free(buf);
        return (game_error)n;
    }
    *text = buf;
    *len = (size_t)n;
    return GAME_OK;
}

game_error record_text_replay(const match_config *cfg, const match_restore *r, game_result result,
                              const char *date, char **text, size_t *len)
{
    const game_ops *ops = cfg->ops;
    game *g = ops->create(&cfg->options);
    game_error rc = GAME_OK;
    gomoku_opening o;
    char opening[160];
    int black = 0; /* the seat of r holding black after the opening */
    *text = NULL;
    *len = 0;
    if (!g)
        return GAME_ERR_NOMEM;
    if (r->nsteps > 0 && !(cfg->opening != 0 && ops->kind == GAME_KIND_GOMOKU))
        rc = GAME_ERR_ILLEGAL; /* opening steps without the rule to replay them under */
    else if (cfg->opening != 0 && ops->kind == GAME_KIND_GOMOKU) {
        if (match_opening_replay((gomoku_opening_rule)cfg->opening, g, &o, r) != 0)
            rc = GAME_ERR_ILLEGAL;
        else {
            match_opening_record(&o, game_gomoku_engine(g), opening, sizeof opening);
            black = gomoku_opening_black_seat(&o);
        }
    }
    for (size_t i = 0; i < r->nmoves && rc == GAME_OK; i++)
        if (ops->check_move(g, ops->to_move(g), &r->moves[i]) != GAME_MOVE_OK ||
            ops->apply(g, &r->moves[i]) != GAME_MOVE_OK)
            rc = GAME_ERR_ILLEGAL;
    if (rc == GAME_OK)
        rc = record_text_make(ops, g, r->match_id, r->game_no, r->name[black], r->name[1 - black],
                              date, cfg->opening != 0 ? opening : NULL, result, text, len);
    ops->destroy(g);
    return rc;
}
