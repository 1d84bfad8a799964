/* game.c: the game-agnostic helpers: sides, error and reason texts. */
#include "game.h"

game_side game_side_other(game_side s)
{
    switch (s) {
    case GAME_SIDE_P1:
        return GAME_SIDE_P2;
    case GAME_SIDE_P2:
        return GAME_SIDE_P1;
    default:
        return GAME_SIDE_NONE;
    }
}

const char *game_move_strerror(game_move_error e)
{
    switch (e) {
    case GAME_MOVE_OK:
        return "allowed";
    case GAME_MOVE_OFF_BOARD:
        return "off-board";
    case GAME_MOVE_OCCUPIED:
        return "occupied";
    case GAME_MOVE_NOT_YOUR_TURN:
        return "not your turn";
    case GAME_MOVE_GAME_OVER:
        return "game over";
    case GAME_MOVE_ILLEGAL:
        return "illegal move";
    case GAME_MOVE_BAD_PROMOTION:
        return "bad promotion";
    case GAME_MOVE_FORBIDDEN_DOUBLE_THREE:
        return "forbidden double-three";
    case GAME_MOVE_FORBIDDEN_DOUBLE_FOUR:
        return "forbidden double-four";
    case GAME_MOVE_FORBIDDEN_OVERLINE:
        return "forbidden overline";
    case GAME_MOVE_MALFORMED:
        return "malformed move";
    }
    return "unknown move error";
}

int game_move_error_is_forbidden(game_move_error e)
{
    return e == GAME_MOVE_FORBIDDEN_DOUBLE_THREE || e == GAME_MOVE_FORBIDDEN_DOUBLE_FOUR ||
           e == GAME_MOVE_FORBIDDEN_OVERLINE;
}

const char *game_end_reason_str(game_end_reason r)
{
    switch (r) {
    case GAME_END_NONE:
        return "in progress";
    case GAME_END_FIVE:
        return "five in a row";
    case GAME_END_CHECKMATE:
        return "checkmate";
    case GAME_END_STALEMATE:
        return "stalemate";
    case GAME_END_RESIGNATION:
        return "resignation";
    case GAME_END_TIME:
        return "time";
    case GAME_END_OPPONENT_LEFT:
        return "opponent left";
    case GAME_END_DRAW_AGREED:
        return "draw agreed";
    case GAME_END_BOARD_FULL:
        return "board full";
    case GAME_END_THREEFOLD:
        return "threefold repetition";
    case GAME_END_FIFTY_MOVES:
        return "fifty-move rule";
    case GAME_END_INSUFFICIENT:
        return "insufficient material";
    case GAME_END_ABORTED:
        return "aborted";
    }
    return "unknown reason";
}

const char *game_strerror(game_error e)
{
    switch (e) {
    case GAME_OK:
        return "success";
    case GAME_ERR_OPTIONS:
        return "unsupported game options";
    case GAME_ERR_NOMEM:
        return "out of memory";
    case GAME_ERR_PARSE:
        return "cannot parse";
    case GAME_ERR_ILLEGAL:
        return "illegal move in record";
    case GAME_ERR_NOTHING:
        return "no move to take back";
    case GAME_ERR_BUFFER:
        return "buffer too small";
    }
    return "unknown error";
}
