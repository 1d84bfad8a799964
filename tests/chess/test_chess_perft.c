/* test_chess_perft.c: move generation counted against known perft figures. */
#include <inttypes.h>

#include "chess.h"
#include "chess_fen.h"
#include "chess_positions.h"
#include "tap.h"

typedef struct perft_case {
    const char *fen;
    int depth;
    uint64_t nodes;
    const char *what;
} perft_case;

/* The wiki positions (index into wiki_positions) and their published counts. */
static const struct {
    int pos, depth;
    uint64_t nodes;
} wiki_cases[] = {
    {0, 1, 20},      {0, 2, 400},    {0, 3, 8902},     {0, 4, 197281},  {0, 5, 4865609},
    {1, 1, 48},      {1, 2, 2039},   {1, 3, 97862},    {1, 4, 4085603}, {2, 1, 14},
    {2, 3, 2812},    {2, 5, 674624}, {2, 6, 11030083}, {3, 3, 9467},    {3, 4, 422333},
    {4, 3, 9467},    {4, 4, 422333}, {5, 3, 62379},    {5, 4, 2103487}, {6, 3, 89890},
    {6, 4, 3894594},
};

/* Corner cases (en passant pins and discovered checks, castling, promotion),
 * counts checked against Stockfish's `go perft`. */
static const perft_case tricky[] = {
    {"8/8/8/8/k2Pp2Q/8/8/3K4 b - d3 0 1", 6, 2822114, "en passant exposing the king on the rank"},
    {"3k4/3p4/8/K1P4r/8/8/8/8 b - - 0 1", 6, 1134888, "double push next to a pinned pawn"},
    {"8/8/4k3/8/2p5/8/B2P2K1/8 w - - 0 1", 6, 1015133, "en passant along a diagonal pin"},
    {"8/8/1k6/2b5/2pP4/8/5K2/8 b - d3 0 1", 6, 1440467, "en passant with a discovered check"},
    {"5k2/8/8/8/8/8/8/4K2R w K - 0 1", 6, 661072, "short castling giving check"},
    {"3k4/8/8/8/8/8/8/R3K3 w Q - 0 1", 6, 803711, "long castling giving check"},
    {"r3k2r/1b4bq/8/8/8/8/7B/R3K2R w KQkq - 0 1", 4, 1274206, "castling through attacks"},
    {"r3k2r/8/3Q4/8/8/5q2/8/R3K2R b KQkq - 0 1", 4, 1720476, "castling rights and captures"},
    {"2K2r2/4P3/8/8/8/8/8/3k4 w - - 0 1", 6, 3821001, "promotion out of check"},
    {"8/8/1P2K3/8/2n5/1q6/8/5k2 b - - 0 1", 5, 1004658, "discovered checks"},
    {"4k3/1P6/8/8/8/8/K7/8 w - - 0 1", 6, 217342, "promotion to each piece"},
    {"8/P1k5/K7/8/8/8/8/8 w - - 0 1", 6, 92683, "promotion and stalemate"},
    {"K1k5/8/P7/8/8/8/8/8 w - - 0 1", 6, 2217, "stalemate traps"},
    {"8/k1P5/8/1K6/8/8/8/8 w - - 0 1", 7, 567584, "underpromotion to avoid stalemate"},
    {"8/8/2k5/5q2/5n2/8/5K2/8 b - - 0 1", 4, 23527, "checkmates by queen and knight"},
};

static int same_position(const chess_position *a, const chess_position *b)
{
    return memcmp(a->by_type, b->by_type, sizeof a->by_type) == 0 &&
           memcmp(a->by_color, b->by_color, sizeof a->by_color) == 0 &&
           memcmp(a->board, b->board, sizeof a->board) == 0 && a->side == b->side &&
           a->castling == b->castling && a->ep == b->ep && a->halfmove == b->halfmove &&
           a->fullmove == b->fullmove && a->key == b->key;
}

/* Walks the tree checking that make/unmake keep the incremental key equal
 * to a recomputed one and restore the position exactly. */
static int walk_consistent(chess_position *pos, int depth)
{
    chess_move moves[CHESS_MAX_MOVES];
    size_t n = chess_legal_moves(pos, moves);
    if (pos->key != chess_position_compute_key(pos))
        return 0;
    if (depth == 0)
        return 1;
    for (size_t i = 0; i < n; i++) {
        chess_position before = *pos;
        chess_undo u;
        chess_make(pos, moves[i], &u);
        int ok = walk_consistent(pos, depth - 1);
        chess_unmake(pos, moves[i], &u);
        if (!ok || !same_position(&before, pos))
            return 0;
    }
    return 1;
}

int main(void)
{
    chess_position pos;
    for (size_t i = 0; i < sizeof wiki_cases / sizeof wiki_cases[0]; i++) {
        TAP_INT_EQ(chess_fen_parse(&pos, wiki_positions[wiki_cases[i].pos]), CHESS_FEN_OK,
                   "%s parses", wiki_names[wiki_cases[i].pos]);
        TAP_INT_EQ(chess_perft(&pos, wiki_cases[i].depth), wiki_cases[i].nodes, "%s perft %d",
                   wiki_names[wiki_cases[i].pos], wiki_cases[i].depth);
    }
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        TAP_INT_EQ(chess_fen_parse(&pos, tricky[i].fen), CHESS_FEN_OK, "%s: parses",
                   tricky[i].what);
        TAP_INT_EQ(chess_perft(&pos, tricky[i].depth), tricky[i].nodes, "%s: perft %d",
                   tricky[i].what, tricky[i].depth);
    }
    for (size_t i = 0; i < WIKI_POSITION_COUNT; i++) {
        chess_fen_parse(&pos, wiki_positions[i]);
        TAP_OK(walk_consistent(&pos, 3), "%s: make/unmake restore the position, keys stay right",
               wiki_names[i]);
    }
    TAP_INT_EQ(chess_perft(&pos, 0), 1, "perft 0 is one node");
    return tap_done();
}
