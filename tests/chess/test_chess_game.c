/* test_chess_game.c: chess through game_ops, as the server and UI use it. */
#include "game_chess.h"
#include "tap.h"

static const game_ops *ops = &game_chess_ops;

static game_move mv(int fx, int fy, int tx, int ty, int promo)
{
    game_move m = {(uint8_t)fx, (uint8_t)fy, (uint8_t)tx, (uint8_t)ty, (uint8_t)promo};
    return m;
}

static int play_text(game *g, const char *text)
{
    game_move m;
    if (ops->move_from_text(g, text, &m) != GAME_OK)
        return -1;
    return ops->apply(g, &m);
}

int main(void)
{
    game_options opt = {GAME_KIND_CHESS, 0, 0, 0};
    TAP_INT_EQ(ops->normalize_options(&opt), GAME_OK, "default options accepted");
    TAP_INT_EQ(opt.width * 100 + opt.height, 808, "8x8 filled in");
    game_options bad = {GAME_KIND_CHESS, 0, 9, 9};
    TAP_INT_EQ(ops->normalize_options(&bad), GAME_ERR_OPTIONS, "9x9 refused");
    bad = (game_options){GAME_KIND_GOMOKU, 0, 8, 8};
    TAP_INT_EQ(ops->normalize_options(&bad), GAME_ERR_OPTIONS, "Gomoku kind refused");
    bad = (game_options){GAME_KIND_CHESS, 1, 8, 8};
    TAP_OK(ops->create(&bad) == NULL, "create refuses a rule other than 0");
    TAP_STR_EQ(ops->name, "chess", "name");
    TAP_STR_EQ(ops->record_extension, "pgn", "record extension");

    game *g = ops->create(&opt);
    game_move moves[CHESS_MAX_MOVES], m;
    TAP_OK(g != NULL, "created");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_P1, "white (P1) moves first");
    TAP_INT_EQ(ops->legal_moves(g, moves, CHESS_MAX_MOVES), 20, "20 legal moves");
    TAP_INT_EQ(ops->legal_moves(g, moves, 3), 20, "count is the total even with a small cap");
    TAP_INT_EQ(game_chess_piece_at(g, 4, 0), 'K', "white king on e1");
    TAP_INT_EQ(game_chess_piece_at(g, 3, 7), 'q', "black queen on d8");
    TAP_INT_EQ(game_chess_piece_at(g, 4, 4), 0, "e5 empty");
    TAP_INT_EQ(game_chess_piece_at(g, 8, 0), 0, "off the board");

    m = mv(4, 1, 4, 3, 0);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P2, &m), GAME_MOVE_NOT_YOUR_TURN, "not black's turn");
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_OK, "e2e4 allowed");
    m = mv(4, 1, 4, 4, 0);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_ILLEGAL, "e2e5 illegal");
    m = mv(4, 1, 4, 8, 0);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_OFF_BOARD, "off the board");
    m = mv(GAME_NO_SQUARE, GAME_NO_SQUARE, 4, 3, 0);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_MALFORMED, "Gomoku-shaped move");
    m = mv(4, 1, 4, 3, GAME_PROMO_QUEEN);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_BAD_PROMOTION, "needless promotion");
    m = mv(4, 1, 4, 3, 0);
    char text[16];
    TAP_INT_EQ(ops->move_to_text(g, &m, text, sizeof text), 2, "SAN length");
    TAP_STR_EQ(text, "e4", "SAN of e2e4");
    TAP_INT_EQ(ops->move_to_text(g, &m, text, 2), GAME_ERR_BUFFER, "SAN into a short buffer");
    m = mv(4, 1, 4, 4, 0);
    TAP_INT_EQ(ops->move_to_text(g, &m, text, sizeof text), GAME_ERR_ILLEGAL,
               "no SAN for an illegal move");
    TAP_INT_EQ(ops->move_from_text(g, "Ke2", &m), GAME_ERR_PARSE, "illegal text refused");

    TAP_INT_EQ(play_text(g, "e4"), GAME_MOVE_OK, "1. e4");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_P2, "black to move");
    TAP_INT_EQ(ops->ply(g), 1, "one ply");
    TAP_INT_EQ(ops->history(g, 0, &m), 1, "history has it");
    TAP_OK(m.from_x == 4 && m.from_y == 1 && m.to_x == 4 && m.to_y == 3, "as e2e4");
    TAP_INT_EQ(ops->history(g, 1, &m), 0, "nothing past the end");
    TAP_INT_EQ(play_text(g, "e7e5"), GAME_MOVE_OK, "1... e5 in UCI");
    TAP_INT_EQ(play_text(g, "Qh5"), GAME_MOVE_OK, "2. Qh5");
    TAP_INT_EQ(play_text(g, "Nc6"), GAME_MOVE_OK, "2... Nc6");
    TAP_INT_EQ(play_text(g, "Bc4"), GAME_MOVE_OK, "3. Bc4");
    TAP_INT_EQ(play_text(g, "Nf6"), GAME_MOVE_OK, "3... Nf6");
    int cx = -1, cy = -1;
    TAP_INT_EQ(game_chess_check_square(g, &cx, &cy), 0, "no check yet");
    TAP_INT_EQ(play_text(g, "Qxf7#"), GAME_MOVE_OK, "4. Qxf7#");
    game_result r = ops->result(g);
    TAP_INT_EQ(r.reason, GAME_END_CHECKMATE, "checkmate");
    TAP_INT_EQ(r.winner, GAME_SIDE_P1, "white wins");
    TAP_INT_EQ(ops->to_move(g), GAME_SIDE_NONE, "nobody to move");
    TAP_INT_EQ(game_chess_check_square(g, &cx, &cy), 1, "black king in check");
    TAP_OK(cx == 4 && cy == 7, "on e8");
    m = mv(4, 6, 4, 5, 0);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P2, &m), GAME_MOVE_GAME_OVER, "game over");
    TAP_INT_EQ(ops->apply(g, &m), GAME_MOVE_GAME_OVER, "apply refuses after the end");
    TAP_INT_EQ(ops->undo(g), GAME_OK, "undo the mate");
    TAP_INT_EQ(ops->result(g).reason, GAME_END_NONE, "game on again");
    TAP_INT_EQ(ops->ply(g), 6, "six plies");
    char fen[CHESS_FEN_MAX];
    game_chess_fen(g, fen, sizeof fen);
    TAP_STR_EQ(fen, "r1bqkb1r/pppp1ppp/2n2n2/4p2Q/2B1P3/8/PPPP1PPP/RNB1K1NR w KQkq - 4 4",
               "FEN after undo");
    ops->reset(g);
    TAP_INT_EQ(ops->ply(g), 0, "reset: no moves");
    TAP_INT_EQ(ops->undo(g), GAME_ERR_NOTHING, "nothing to undo");
    game_chess_fen(g, fen, sizeof fen);
    TAP_STR_EQ(fen, CHESS_FEN_START, "reset: start position");
    /* Threefold repetition ends the game: no more moves are accepted. */
    int ok = 1;
    for (int i = 0; i < 100 && ok; i++)
        ok = play_text(g, i % 4 == 0   ? "Nf3"
                          : i % 4 == 1 ? "Nf6"
                          : i % 4 == 2 ? "Ng1"
                                       : "Ng8") == GAME_MOVE_OK;
    TAP_OK(!ok, "knight shuffle stops being playable once threefold ends the game");
    TAP_INT_EQ(ops->result(g).reason, GAME_END_THREEFOLD, "threefold ends the game");
    TAP_INT_EQ(ops->ply(g), 8, "after eight plies");
    ops->destroy(g);

    chess_fen_error fe;
    TAP_OK(game_chess_create_fen("8/8/8/8/8/8/8/8 w - - 0 1", &fe) == NULL, "bad FEN refused");
    TAP_INT_EQ(fe, CHESS_FEN_KINGS, "with its reason");
    g = game_chess_create_fen("7k/P7/8/8/8/8/8/K7 w - - 0 1", &fe);
    TAP_OK(g != NULL, "game from a FEN");
    m = mv(0, 6, 0, 7, 0);
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_BAD_PROMOTION,
               "promotion piece missing");
    m.promotion = 5;
    TAP_INT_EQ(ops->check_move(g, GAME_SIDE_P1, &m), GAME_MOVE_BAD_PROMOTION,
               "unknown promotion code");
    m.promotion = GAME_PROMO_KNIGHT;
    TAP_INT_EQ(ops->apply(g, &m), GAME_MOVE_OK, "a8=N");
    TAP_INT_EQ(game_chess_piece_at(g, 0, 7), 'N', "knight on a8");
    TAP_INT_EQ(ops->history(g, 0, &m), 1, "history");
    TAP_INT_EQ(m.promotion, GAME_PROMO_KNIGHT, "keeps the promotion");
    TAP_INT_EQ(ops->result(g).reason, GAME_END_INSUFFICIENT, "K+N v K: insufficient material");
    ops->reset(g);
    game_chess_fen(g, fen, sizeof fen);
    TAP_STR_EQ(fen, "7k/P7/8/8/8/8/8/K7 w - - 0 1", "reset goes back to the FEN");
    ops->destroy(g);

    g = game_chess_create_fen("7k/8/6K1/8/8/8/8/5Q2 w - - 0 1", NULL);
    play_text(g, "Qf7");
    r = ops->result(g);
    TAP_OK(r.reason == GAME_END_STALEMATE && r.winner == GAME_SIDE_NONE, "stalemate is a draw");
    ops->destroy(g);
    g = game_chess_create_fen("4k3/8/8/8/8/8/8/R3K3 w - - 99 80", NULL);
    play_text(g, "Ra2");
    TAP_INT_EQ(ops->result(g).reason, GAME_END_FIFTY_MOVES, "fifty-move rule ends the game");
    ops->destroy(g);
    ops->destroy(NULL);
    return tap_done();
}
