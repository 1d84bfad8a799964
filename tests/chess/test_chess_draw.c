/* test_chess_draw.c: checkmate, stalemate and every draw rule: dead
 * positions, threefold and fivefold repetition (with castling rights and
 * en passant in the comparison), the fifty- and seventy-five-move rules. */
#include "chess.h"
#include "chess_draw.h"
#include "chess_fen.h"
#include "chess_notation.h"
#include "tap.h"

/* Plays space-separated SAN moves from fen and returns the final status;
 * CHESS_STATUS_ONGOING - 1 if a move is refused. */
static int status_after(const char *fen, const char *moves)
{
    static uint64_t keys[512];
    chess_position pos;
    size_t n = 0;
    char tok[16];
    if (chess_fen_parse(&pos, fen) != CHESS_FEN_OK)
        return -1;
    keys[n++] = chess_repetition_key(&pos);
    for (const char *p = moves; *p;) {
        size_t len = 0;
        while (*p == ' ')
            p++;
        while (*p && *p != ' ' && len + 1 < sizeof tok)
            tok[len++] = *p++;
        tok[len] = '\0';
        if (!len)
            break;
        chess_move m;
        chess_undo u;
        if (chess_move_from_san(&pos, tok, &m) != CHESS_NOTATION_OK) {
            tap_diag("refused move %s", tok);
            return -1;
        }
        chess_make(&pos, m, &u);
        keys[n++] = chess_repetition_key(&pos);
    }
    return (int)chess_position_status(&pos, keys, n);
}

static int dead(const char *fen)
{
    chess_position pos;
    if (chess_fen_parse(&pos, fen) != CHESS_FEN_OK)
        return -1;
    return chess_insufficient_material(&pos);
}

int main(void)
{
    static const char shuffle[] = "Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8";

    /* Mate and stalemate. */
    TAP_INT_EQ(status_after(CHESS_FEN_START, "f3 e5 g4 Qh4#"), CHESS_STATUS_CHECKMATE,
               "fool's mate is checkmate");
    TAP_INT_EQ(status_after(CHESS_FEN_START, "f3 e5 g4 Qf6"), CHESS_STATUS_ONGOING,
               "no mate one square off");
    TAP_INT_EQ(status_after("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1", ""), CHESS_STATUS_STALEMATE,
               "stalemate");
    TAP_INT_EQ(status_after("7k/8/6K1/8/8/8/8/5Q2 w - - 0 1", "Qf7"), CHESS_STATUS_STALEMATE,
               "stalemate after a move");
    TAP_INT_EQ(status_after("7k/8/6KQ/8/8/8/8/8 b - - 0 1", ""), CHESS_STATUS_ONGOING,
               "in check with a way out is not mate");

    /* Dead positions. */
    TAP_INT_EQ(dead("8/8/4k3/8/8/3K4/8/8 w - - 0 1"), 1, "K v K");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3KB3/8/8 w - - 0 1"), 1, "K+B v K");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3K4/8/6n1 w - - 0 1"), 1, "K v K+N");
    TAP_INT_EQ(dead("8/8/4kb2/8/8/3KB3/8/8 w - - 0 1"), 1, "K+B v K+B, same-colour bishops");
    TAP_INT_EQ(dead("8/8/4k1b1/8/8/3KB3/8/8 w - - 0 1"), 0,
               "K+B v K+B, opposite-colour bishops: mate possible");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3KB3/8/B7 w - - 0 1"), 1, "K+B+B v K, bishops on one colour");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3KN3/8/6n1 w - - 0 1"), 0, "K+N v K+N: mate possible");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3KNN2/8/8 w - - 0 1"), 0, "K+N+N v K: not dead");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3K4/4P3/8 w - - 0 1"), 0, "K+P v K: not dead");
    TAP_INT_EQ(dead("8/8/4k3/8/8/3K4/8/R7 w - - 0 1"), 0, "K+R v K: not dead");
    TAP_INT_EQ(status_after("8/8/4k3/8/8/8/3K4/4r3 w - - 0 1", "Kxe1"), CHESS_STATUS_INSUFFICIENT,
               "capturing the last rook: insufficient material");

    /* Repetition. */
    TAP_INT_EQ(status_after(CHESS_FEN_START, "Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1"), CHESS_STATUS_ONGOING,
               "two occurrences are not a draw");
    TAP_INT_EQ(status_after(CHESS_FEN_START, shuffle), CHESS_STATUS_THREEFOLD,
               "start position the third time: threefold");
    TAP_INT_EQ(status_after(CHESS_FEN_START,
                            "Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8"),
               CHESS_STATUS_FIVEFOLD, "the fifth time: fivefold");
    TAP_INT_EQ(status_after(CHESS_FEN_START, "Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8 "
                                             "Nf3 Nf6 Ng1"),
               CHESS_STATUS_THREEFOLD, "four times: still threefold");
    TAP_INT_EQ(
        status_after("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1", "Kf1 Kf8 Ke1 Ke8 Kf1 Kf8 Ke1 Ke8"),
        CHESS_STATUS_ONGOING, "same placement but castling rights lost: no repetition");
    TAP_INT_EQ(status_after("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1",
                            "Kf1 Kf8 Ke1 Ke8 Kf1 Kf8 Ke1 Ke8 Kf1 Kf8 Ke1 Ke8"),
               CHESS_STATUS_THREEFOLD, "without rights the position repeats three times");
    /* After 1.e4 c5 2.e5 d5 white may take en passant: that position is not
     * the same as the later one with the same placement. */
    TAP_INT_EQ(status_after(CHESS_FEN_START, "e4 c5 e5 d5 Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8"),
               CHESS_STATUS_ONGOING, "a position with en passant possible differs");
    TAP_INT_EQ(status_after(CHESS_FEN_START,
                            "e4 c5 e5 d5 Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8 Nf3 Nf6 Ng1 Ng8"),
               CHESS_STATUS_THREEFOLD, "... and the same placement without it repeats");
    /* After 1.e4 the en-passant square e3 is set but no pawn can take:
     * that position is the same as the one reached again by knight moves. */
    TAP_INT_EQ(status_after(CHESS_FEN_START, "e4 Nf6 Nf3 Ng8 Ng1 Nf6 Nf3 Ng8"),
               CHESS_STATUS_ONGOING, "two occurrences after a double push");
    TAP_INT_EQ(status_after(CHESS_FEN_START, "e4 Nf6 Nf3 Ng8 Ng1 Nf6 Nf3 Ng8 Ng1"),
               CHESS_STATUS_THREEFOLD, "double push nobody can take counts as the same position");
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/8/4K3 b - e3 0 1", ""), -1,
               "(setup: e3 impossible without a pawn)");
    TAP_INT_EQ(status_after("4k3/8/8/8/3pP3/8/8/4K3 b - e3 0 1", "Kd8 Ke2 Ke8 Ke1 Kd8 Ke2 Ke8 Ke1"),
               CHESS_STATUS_ONGOING, "from a FEN with en passant possible: not repeated");
    TAP_INT_EQ(status_after("4k3/8/8/8/3pP3/8/8/4K3 b - e3 0 1",
                            "Kd8 Ke2 Ke8 Ke1 Kd8 Ke2 Ke8 Ke1 Kd8 Ke2 Ke8 Ke1"),
               CHESS_STATUS_THREEFOLD, "the placement without en passant repeats");
    TAP_INT_EQ(status_after("8/8/8/8/R2pP2k/8/8/4K3 b - e3 0 1", "Kh5 Ke2 Kh4 Ke1 Kh5 Ke2 Kh4 Ke1"),
               CHESS_STATUS_THREEFOLD, "en passant illegal (rank pin) counts as the same position");

    /* Fifty and seventy-five moves. */
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/8/R3K3 w - - 99 80", ""), CHESS_STATUS_ONGOING,
               "99 plies: not yet");
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/8/R3K3 w - - 99 80", "Ra2"), CHESS_STATUS_FIFTY,
               "100 plies: fifty-move rule");
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/8/R3K3 w - - 99 80", "Ra7"), CHESS_STATUS_FIFTY,
               "100 plies by a check that does not mate: fifty-move rule");
    TAP_INT_EQ(status_after("4k3/R7/8/8/8/8/8/4K2R w - - 99 80", "Rh8#"), CHESS_STATUS_CHECKMATE,
               "mate on the 100th ply is mate");
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/4P3/R3K3 w - - 99 80", "e4"), CHESS_STATUS_ONGOING,
               "a pawn move resets the count");
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/r7/R3K3 w - - 99 80", "Rxa2"), CHESS_STATUS_ONGOING,
               "a capture resets the count");
    TAP_INT_EQ(status_after("4k3/8/8/8/8/8/8/R3K3 w - - 149 80", "Ra2"), CHESS_STATUS_SEVENTYFIVE,
               "150 plies: seventy-five-move rule");
    TAP_STR_EQ(chess_status_str(CHESS_STATUS_THREEFOLD), "draw by threefold repetition",
               "status text");
    return tap_done();
}
