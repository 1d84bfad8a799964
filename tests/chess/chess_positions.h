/* chess_positions.h: the test positions of the chessprogramming wiki's
 * "Perft Results" page, shared by the chess tests. */
#ifndef MATCHBOARD_TEST_CHESS_POSITIONS_H
#define MATCHBOARD_TEST_CHESS_POSITIONS_H

static const char *const wiki_positions[] = {
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
    "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
    "8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1",
    "r3k2r/Pppp1ppp/1b3nbN/nP6/BBP1P3/q4N2/Pp1P2PP/R2Q1RK1 w kq - 0 1",
    "r2q1rk1/pP1p2pp/Q4n2/bbp1p3/Np6/1B3NBn/pPPP1PPP/R3K2R b KQ - 0 1",
    "rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8",
    "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
};

static const char *const wiki_names[] = {
    "start position",      "Kiwipete",   "position 3", "position 4",
    "position 4 mirrored", "position 5", "position 6",
};

#define WIKI_POSITION_COUNT (sizeof wiki_positions / sizeof wiki_positions[0])

#endif
