/* session_moves.c: the move list the panel shows, built here only: a
 * confirmed move is added as it comes, and the list is replayed from the
 * game after a resume, a takeback, or for a local --view game. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "session_internal.h"

void session_moves_add(session *s, const char *text)
{
    size_t cap = (size_t)s->cap_moves;
    if (mb_grow(&s->moves, &cap, (size_t)s->n_moves + 1, sizeof *s->moves, 64) != 0)
        return;
    s->cap_moves = (int)cap;
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, text, len + 1);
    s->moves[s->n_moves++] = copy;
}

void session_moves_clear(session *s)
{
    for (int i = 0; i < s->n_moves; i++)
        free(s->moves[i]);
    s->n_moves = 0;
}

void session_moves_free(session *s)
{
    session_moves_clear(s);
    free(s->moves);
    s->moves = NULL;
    s->cap_moves = 0;
}

void session_moves_rebuild(session *s)
{
    const game_ops *ops = session_ops(s);
    const game *g = session_game(s);
    session_moves_clear(s);
    if (!ops || !g)
        return;
    uint32_t n = ops->ply(g);
    game *replay = ops->create(ops->options(g));
    for (uint32_t i = 0; replay && i < n; i++) {
        game_move m;
        char text[32] = "?";
        if (!ops->history(g, i, &m))
            break;
        ops->move_to_text(replay, &m, text, sizeof text);
        session_moves_add(s, text);
        ops->apply(replay, &m);
    }
    if (replay)
        ops->destroy(replay);
}

int session_view_local(session *s, const char *kind, const char *moves, char *err, size_t cap)
{
    s->local_ops = game_ops_by_name(kind);
    if (!s->local_ops) {
        snprintf(err, cap, "--view: unknown game \"%s\" (gomoku or chess)", kind);
        return -1;
    }
    game_options o = {s->local_ops->kind, 0, 0, 0};
    if (s->local_ops->kind == GAME_KIND_GOMOKU)
        o.rule = GAME_RULE_RENJU;
    s->local_ops->normalize_options(&o);
    s->local = s->local_ops->create(&o);
    if (!s->local) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", moves ? moves : "");
    for (char *tok = strtok(buf, " ,\n"); tok; tok = strtok(NULL, " ,\n")) {
        game_move m;
        if (s->local_ops->move_from_text(s->local, tok, &m) != GAME_OK ||
            s->local_ops->apply(s->local, &m) != GAME_MOVE_OK) {
            snprintf(err, cap, "--moves: \"%s\" is not a legal move here", tok);
            return -1;
        }
    }
    session_moves_rebuild(s);
    game_result r = s->local_ops->result(s->local);
    if (r.reason != GAME_END_NONE) {
        s->game_over = 1;
        s->result = r;
    }
    session_refresh_view(s);
    return 0;
}
