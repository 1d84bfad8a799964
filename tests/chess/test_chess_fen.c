/* test_chess_fen.c: FEN round trips and every FEN error, one field at a time. */
#include "chess.h"
#include "chess_fen.h"
#include "chess_positions.h"
#include "tap.h"

typedef struct fen_case {
    const char *fen;
    chess_fen_error want;
    const char *what;
} fen_case;

static const fen_case bad[] = {
    {"", CHESS_FEN_FIELDS, "empty text"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq", CHESS_FEN_FIELDS, "three fields"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0", CHESS_FEN_FIELDS, "five fields"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1 x", CHESS_FEN_FIELDS,
     "seven fields"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNX w KQkq - 0 1", CHESS_FEN_PLACEMENT_CHAR,
     "unknown piece letter"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBN0 w KQkq - 0 1", CHESS_FEN_PLACEMENT_CHAR,
     "digit 0"},
    {"rnbqkbnr/pppppppp/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_PLACEMENT_RANKS,
     "seven ranks"},
    {"rnbqkbnr/pppppppp/8/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_PLACEMENT_RANKS,
     "nine ranks"},
    {"rnbqkbnr/pppppppp/9/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_PLACEMENT_CHAR,
     "digit 9"},
    {"rnbqkbnr/ppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_PLACEMENT_FILES,
     "rank of 7 squares"},
    {"rnbqkbnr/pppppppp/44/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_OK,
     "44 is 8 empty squares"},
    {"rnbqkbnr/pppppppp/53/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_OK,
     "53 is 8 empty squares"},
    {"rnbqkbnr/ppppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_PLACEMENT_FILES,
     "rank of 9 squares"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQ1BNR w kq - 0 1", CHESS_FEN_KINGS, "no white king"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKKNR w kq - 0 1", CHESS_FEN_KINGS, "two white kings"},
    {"rnbq1bnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQ - 0 1", CHESS_FEN_KINGS, "no black king"},
    {"rnbqkbnP/pppppppp/8/8/8/8/PPPPPPP1/RNBQKBNR w KQq - 0 1", CHESS_FEN_PAWN_RANK,
     "pawn on the last rank"},
    {"rnbqkbnr/pppppppp/8/8/8/8/1PPPPPPP/pNBQKBNR w Kkq - 0 1", CHESS_FEN_PAWN_RANK,
     "pawn on the first rank"},
    {"rnbqkbnr/pppppppp/8/8/8/P7/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_TOO_MANY,
     "nine white pawns"},
    {"rnbqkbnr/pppppppp/8/8/8/Q7/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_TOO_MANY,
     "a second queen with all eight pawns"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR x KQkq - 0 1", CHESS_FEN_SIDE, "side x"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR white KQkq - 0 1", CHESS_FEN_SIDE,
     "side 'white'"},
    {"4k3/8/8/8/8/8/8/4K2R b - - 0 1", CHESS_FEN_OK, "black to move in check"},
    {"4k3/8/8/8/8/8/8/4R2K w - - 0 1", CHESS_FEN_NOT_TO_MOVE_IN_CHECK,
     "black in check with white to move"},
    {"4k3/4r3/8/8/8/3n4/8/4K3 w - - 0 1", CHESS_FEN_OK, "double check is possible"},
    {"4k3/4r3/8/8/1b6/3n4/8/4K3 w - - 0 1", CHESS_FEN_TOO_MANY_CHECKERS, "triple check"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkx - 0 1", CHESS_FEN_CASTLING_SYNTAX,
     "castling letter x"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KKkq - 0 1", CHESS_FEN_CASTLING_SYNTAX,
     "castling K twice"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBN1 w KQkq - 0 1", CHESS_FEN_CASTLING_PIECES,
     "K without the h1 rook"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQ1KNR w Qkq - 0 1", CHESS_FEN_CASTLING_PIECES,
     "Q without the king on e1"},
    {"1nbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", CHESS_FEN_CASTLING_PIECES,
     "q without the a8 rook"},
    {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e9 0 1", CHESS_FEN_EP_SYNTAX,
     "en passant e9"},
    {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e4 0 1", CHESS_FEN_EP_SYNTAX,
     "en passant on rank 4"},
    {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 1", CHESS_FEN_OK,
     "en passant after e4"},
    {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq d3 0 1", CHESS_FEN_EP_IMPOSSIBLE,
     "en passant square with no pawn in front"},
    {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR w KQkq e3 0 1", CHESS_FEN_EP_IMPOSSIBLE,
     "en passant on rank 3 with white to move"},
    {"rnbqkbnr/pppppppp/8/8/4P3/4P3/PPP2PPP/RNBQKBNR b KQkq e3 0 1", CHESS_FEN_EP_IMPOSSIBLE,
     "en passant square occupied"},
    {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e3 3 1", CHESS_FEN_HALFMOVE,
     "half-move clock not 0 after a double push"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - -1 1", CHESS_FEN_HALFMOVE,
     "negative half-move clock"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - x 1", CHESS_FEN_HALFMOVE,
     "half-move clock x"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 0", CHESS_FEN_FULLMOVE,
     "move number 0"},
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1a", CHESS_FEN_FULLMOVE,
     "move number 1a"},
};

int main(void)
{
    chess_position pos, start;
    char out[CHESS_FEN_MAX];

    for (size_t i = 0; i < WIKI_POSITION_COUNT; i++) {
        TAP_INT_EQ(chess_fen_parse(&pos, wiki_positions[i]), CHESS_FEN_OK, "%s parses",
                   wiki_names[i]);
        chess_fen_write(&pos, out, sizeof out);
        TAP_STR_EQ(out, wiki_positions[i], "%s writes back the same FEN", wiki_names[i]);
    }
    chess_position_start(&start);
    chess_fen_parse(&pos, CHESS_FEN_START);
    TAP_OK(pos.key == start.key && memcmp(pos.board, start.board, 64) == 0 &&
               pos.castling == start.castling,
           "start FEN equals chess_position_start");
    TAP_INT_EQ(chess_fen_parse(&pos, "4k3/8/8/8/8/8/8/4K3 w - -"), CHESS_FEN_OK,
               "four fields accepted");
    TAP_INT_EQ(pos.halfmove * 1000 + pos.fullmove, 1, "four fields: clocks 0 and 1");
    TAP_INT_EQ(chess_fen_parse(&pos, "  4k3/8/8/8/8/8/8/4K3   b - - 12 40 \n"), CHESS_FEN_OK,
               "extra whitespace accepted");
    TAP_INT_EQ(pos.halfmove, 12, "half-move clock read");
    TAP_INT_EQ(pos.fullmove, 40, "full-move number read");
    TAP_INT_EQ(chess_fen_parse(&pos, NULL), CHESS_FEN_FIELDS, "NULL refused");

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        chess_fen_error e = chess_fen_parse(&pos, bad[i].fen);
        TAP_INT_EQ(e, bad[i].want, "%s: %s", bad[i].what, chess_fen_strerror(e));
    }
    TAP_OK(strstr(chess_fen_strerror(CHESS_FEN_CASTLING_PIECES), "castling") != NULL,
           "castling error names the castling field");
    TAP_OK(strstr(chess_fen_strerror(CHESS_FEN_EP_IMPOSSIBLE), "en passant") != NULL,
           "en-passant error names the en-passant field");
    TAP_OK(strstr(chess_fen_strerror(CHESS_FEN_KINGS), "piece placement") != NULL,
           "king error names the placement field");
    TAP_INT_EQ(chess_fen_write(&start, out, 10), -1, "write refuses a short buffer");
    return tap_done();
}
