/* test_chess_san.c: SAN and UCI out and in: round trips over every legal
 * move of the perft positions and their children, disambiguation,
 * promotion, check and mate marks, tolerant input and refusals. */
#include "chess.h"
#include "chess_fen.h"
#include "chess_notation.h"
#include "chess_positions.h"
#include "tap.h"

/* SAN and UCI of every legal move read back as the same move; depth 1
 * also covers every position one move on. Returns the failures. */
static int round_trip(const chess_position *pos, int depth, size_t *count)
{
    chess_move moves[CHESS_MAX_MOVES];
    size_t n = chess_legal_moves(pos, moves);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char san[CHESS_MOVE_TEXT_MAX], uci[CHESS_MOVE_TEXT_MAX];
        chess_move back = CHESS_MOVE_NONE, back_uci = CHESS_MOVE_NONE;
        chess_move_to_san(pos, moves[i], san);
        chess_move_to_uci(moves[i], uci);
        if (chess_move_from_san(pos, san, &back) != CHESS_NOTATION_OK || back != moves[i] ||
            chess_move_from_uci(pos, uci, &back_uci) != CHESS_NOTATION_OK || back_uci != moves[i]) {
            if (bad++ < 5)
                tap_diag("round trip failed for %s / %s", san, uci);
        }
        (*count)++;
        if (depth > 0) {
            chess_position next = *pos;
            chess_undo u;
            chess_make(&next, moves[i], &u);
            bad += round_trip(&next, depth - 1, count);
        }
    }
    return bad;
}

/* The SAN of the move given in UCI, or "?" if it is not legal. */
static const char *san_of(const char *fen, const char *uci)
{
    static char buf[CHESS_MOVE_TEXT_MAX];
    chess_position pos;
    chess_move m;
    if (chess_fen_parse(&pos, fen) != CHESS_FEN_OK ||
        chess_move_from_uci(&pos, uci, &m) != CHESS_NOTATION_OK)
        return "?";
    chess_move_to_san(&pos, m, buf);
    return buf;
}

/* The UCI of the move read from SAN, or the error text. */
static const char *uci_of(const char *fen, const char *san)
{
    static char buf[CHESS_MOVE_TEXT_MAX];
    chess_position pos;
    chess_move m;
    chess_fen_parse(&pos, fen);
    chess_notation_error e = chess_move_from_text(&pos, san, &m);
    if (e != CHESS_NOTATION_OK)
        return chess_notation_strerror(e);
    chess_move_to_uci(m, buf);
    return buf;
}

int main(void)
{
    static const char queens[] = "8/k7/8/8/7Q/8/8/K3Q2Q w - - 0 1";
    static const char knights[] = "7k/8/3N4/8/8/2N3N1/3N4/4K3 w - - 0 1";
    static const char promo[] = "r3k2r/1P6/8/8/8/8/8/4K3 w kq - 0 1";
    static const char castles[] = "r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1";
    static const char ep[] = "4k3/8/8/3pP3/8/8/8/4K3 w - d6 0 2";
    chess_position pos;

    for (size_t i = 0; i < WIKI_POSITION_COUNT; i++) {
        size_t count = 0;
        chess_fen_parse(&pos, wiki_positions[i]);
        TAP_INT_EQ(round_trip(&pos, 1, &count), 0,
                   "%s: SAN and UCI round trip for all %zu moves two plies deep", wiki_names[i],
                   count);
    }

    /* Disambiguation. */
    TAP_STR_EQ(san_of(queens, "e1e4"), "Qee4", "by file");
    TAP_STR_EQ(san_of(queens, "h4e4"), "Q4e4", "by rank when the file is shared");
    TAP_STR_EQ(san_of(queens, "h1e4"), "Qh1e4", "by file and rank");
    TAP_STR_EQ(san_of(knights, "c3e4"), "Nce4", "knight by file");
    TAP_STR_EQ(san_of(knights, "d2c4"), "N2c4", "knight by rank");
    TAP_STR_EQ(san_of(knights, "g3h5"), "Nh5", "no disambiguation when alone");
    TAP_STR_EQ(san_of(knights, "g3e2"), "Nge2", "knight by file, other on another rank");
    TAP_STR_EQ(uci_of(knights, "Nc4"), "ambiguous move", "ambiguous SAN refused");
    TAP_STR_EQ(uci_of(queens, "Qe4"), "ambiguous move", "three queens: ambiguous");
    TAP_STR_EQ(uci_of(queens, "Qh1e4"), "h1e4", "full square disambiguation read");
    TAP_STR_EQ(uci_of(queens, "Q4e4"), "h4e4", "rank disambiguation read");
    TAP_STR_EQ(uci_of(knights, "Nd6e4"), "d6e4", "square disambiguation with a knight");

    /* Promotion, captures, check and mate marks. */
    TAP_STR_EQ(san_of(promo, "b7b8q"), "b8=Q+", "promotion with check");
    TAP_STR_EQ(san_of(promo, "b7b8n"), "b8=N", "underpromotion");
    TAP_STR_EQ(san_of(promo, "b7a8r"), "bxa8=R+", "capture promotion");
    TAP_STR_EQ(uci_of(promo, "b8=Q"), "b7b8q", "b8=Q");
    TAP_STR_EQ(uci_of(promo, "b8Q"), "b7b8q", "b8Q (no =)");
    TAP_STR_EQ(uci_of(promo, "b8=(N)"), "b7b8n", "b8=(N)");
    TAP_STR_EQ(uci_of(promo, "bxa8=B"), "b7a8b", "bxa8=B");
    TAP_STR_EQ(uci_of(promo, "ba8R+"), "b7a8r", "capture without x");
    TAP_STR_EQ(uci_of(promo, "b7b8r"), "b7b8r", "UCI promotion");
    TAP_STR_EQ(uci_of(promo, "b8"), "illegal move", "promotion piece missing");
    TAP_STR_EQ(uci_of(promo, "b7b8"), "illegal move", "UCI promotion piece missing");
    TAP_STR_EQ(uci_of(promo, "b8=K"), "not a move in SAN or UCI notation", "promotion to king");
    TAP_STR_EQ(san_of(CHESS_FEN_START, "g1f3"), "Nf3", "plain knight move");
    TAP_STR_EQ(san_of("6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", "a1a8"), "Ra8#", "mate mark");
    TAP_STR_EQ(san_of(ep, "e5d6"), "exd6", "en passant written as a pawn capture");
    TAP_STR_EQ(uci_of(ep, "exd6"), "e5d6", "en passant read");
    TAP_STR_EQ(uci_of(ep, "exd6e.p."), "not a move in SAN or UCI notation", "e.p. suffix refused");

    /* Castling, and tolerant input. */
    TAP_STR_EQ(san_of(castles, "e1g1"), "O-O", "short castling");
    TAP_STR_EQ(san_of(castles, "e1c1"), "O-O-O", "long castling");
    TAP_STR_EQ(uci_of(castles, "O-O"), "e1g1", "O-O read");
    TAP_STR_EQ(uci_of(castles, "0-0"), "e1g1", "0-0 read");
    TAP_STR_EQ(uci_of(castles, "0-0-0"), "e1c1", "0-0-0 read");
    TAP_STR_EQ(uci_of(castles, "O-O-O+"), "e1c1", "O-O-O+ read");
    TAP_STR_EQ(uci_of(castles, "Kg1"), "illegal move", "castling is not Kg1");
    TAP_STR_EQ(uci_of("4k3/8/8/8/8/8/8/R3K2R w - - 0 1", "O-O"), "illegal move",
               "castling without the right");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Nf3"), "g1f3", "Nf3");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Ng1f3"), "g1f3", "Ng1f3");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Nf3!?"), "g1f3", "annotation marks ignored");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Pe4"), "e2e4", "leading P");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "e2e4"), "e2e4", "UCI");
    TAP_STR_EQ(uci_of("4k3/8/8/8/8/5p2/8/4K1N1 w - - 0 1", "Nf3"), "g1f3", "capture without x");
    TAP_STR_EQ(uci_of("4k3/8/8/8/8/5p2/8/4K1N1 w - - 0 1", "Nxf3"), "g1f3", "capture with x");
    TAP_STR_EQ(san_of("4k3/8/8/8/8/5p2/8/4K1N1 w - - 0 1", "g1f3"), "Nxf3",
               "capture written with x");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "e5"), "illegal move", "pawn too far");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Nf4"), "illegal move", "knight to a far square");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Xe4"), "not a move in SAN or UCI notation", "Xe4");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, ""), "not a move in SAN or UCI notation", "empty text");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "e2e9"), "not a move in SAN or UCI notation", "e2e9");
    TAP_STR_EQ(uci_of(CHESS_FEN_START, "Nf3xyz"), "not a move in SAN or UCI notation",
               "trailing junk");
    return tap_done();
}
