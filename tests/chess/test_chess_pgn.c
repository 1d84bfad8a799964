/* test_chess_pgn.c: PGN export and import: round trips of long games,
 * tags, move numbers and wrapping, comments, NAGs and variations, several
 * games in one text, FEN starts, and bad moves reported with their number. */
#include <stdlib.h>

#include "game_chess.h"
#include "pgn.h"
#include "tap.h"

static const game_options chess_opt = {GAME_KIND_CHESS, 0, 8, 8};

/* Plays up to plies pseudo-random legal moves (seeded); returns the game. */
static game *random_game(unsigned seed, int plies)
{
    game *g = game_chess_ops.create(&chess_opt);
    game_move moves[CHESS_MAX_MOVES];
    for (int i = 0; i < plies && game_chess_ops.to_move(g) != GAME_SIDE_NONE; i++) {
        size_t n = game_chess_ops.legal_moves(g, moves, CHESS_MAX_MOVES);
        seed = seed * 1103515245u + 12345u;
        game_chess_ops.apply(g, &moves[(seed >> 16) % n]);
    }
    return g;
}

/* Writes g as PGN into a new string. */
static char *to_pgn(const game *g, const game_record_info *info, game_result r)
{
    int n = game_chess_ops.write_record(g, info, r, NULL, 0);
    char *buf = malloc((size_t)n + 1);
    game_chess_ops.write_record(g, info, r, buf, (size_t)n + 1);
    return buf;
}

static int same_moves(const game *a, const game *b)
{
    if (game_chess_ops.ply(a) != game_chess_ops.ply(b))
        return 0;
    for (uint32_t i = 0; i < game_chess_ops.ply(a); i++)
        if (game_chess_history_move(a, i) != game_chess_history_move(b, i))
            return 0;
    return 1;
}

static int longest_line(const char *s)
{
    int best = 0, cur = 0;
    for (; *s; s++) {
        cur = *s == '\n' ? 0 : cur + 1;
        best = cur > best ? cur : best;
    }
    return best;
}

/* Reads every game of text; returns how many read, the last error in *err. */
static int read_all(const char *text, pgn_error *err, pgn_game *first)
{
    pgn_reader r;
    pgn_game pg;
    pgn_error e;
    int n = 0, got;
    pgn_reader_init(&r, text, strlen(text));
    memset(err, 0, sizeof *err);
    while ((got = pgn_read_game(&r, &pg, &e)) != 0) {
        if (got < 0) {
            *err = e;
            continue;
        }
        if (n++ == 0 && first)
            *first = pg;
        else
            pgn_game_free(&pg);
    }
    return n;
}

static void test_round_trip(void)
{
    int all_ok = 1, wrapped = 1;
    for (unsigned seed = 1; seed <= 20; seed++) {
        game *g = random_game(seed, 300);
        game_result res = game_chess_ops.result(g);
        char *text = to_pgn(g, NULL, res);
        pgn_game pg;
        pgn_error err;
        int n = read_all(text, &err, &pg);
        if (n != 1 || err.code != 0 || !same_moves(g, pg.game)) {
            tap_diag("seed %u: %s", seed, err.message);
            all_ok = 0;
        }
        if (longest_line(text) > 80)
            wrapped = 0;
        if (n == 1)
            pgn_game_free(&pg);
        free(text);
        game_chess_ops.destroy(g);
    }
    TAP_OK(all_ok, "20 random games of up to 300 plies: PGN out and in gives the same moves");
    TAP_OK(wrapped, "no PGN line is longer than 80 columns");
}

static void test_export(void)
{
    game *g = game_chess_ops.create(&chess_opt);
    const char *moves[] = {"f3", "e5", "g4", "Qh4#"};
    game_move m;
    for (int i = 0; i < 4; i++) {
        game_chess_ops.move_from_text(g, moves[i], &m);
        game_chess_ops.apply(g, &m);
    }
    game_record_info info = {"LAN match", "Office", "2026.11.23", "Ann \"the rook\"", "Bob", NULL};
    char *text = to_pgn(g, &info, game_chess_ops.result(g));
    TAP_OK(strstr(text, "[Event \"LAN match\"]\n[Site \"Office\"]\n[Date \"2026.11.23\"]\n"
                        "[Round \"-\"]\n[White \"Ann \\\"the rook\\\"\"]\n[Black \"Bob\"]\n"
                        "[Result \"0-1\"]\n[Termination \"normal\"]\n") == text,
           "Seven Tag Roster in order, quotes escaped, Termination");
    TAP_OK(strstr(text, "\n1. f3 e5 2. g4 Qh4# {checkmate} 0-1\n") != NULL,
           "movetext with move numbers, mate mark, reason and result");
    free(text);

    char small[16];
    int need = game_chess_ops.write_record(g, &info, game_chess_ops.result(g), small, sizeof small);
    TAP_OK(need > 16 && strlen(small) == 15, "short buffer: truncated, NUL-terminated, full "
                                             "length returned");
    game_result resign = {GAME_END_RESIGNATION, GAME_SIDE_P1};
    game_chess_ops.undo(g);
    text = to_pgn(g, NULL, resign);
    TAP_OK(strstr(text, "[Event \"?\"]") && strstr(text, "[Date \"????.??.??\"]") &&
               strstr(text, "[Result \"1-0\"]") && strstr(text, "2. g4 {resignation} 1-0\n"),
           "unknown tags as ?, a result from outside the rules");
    free(text);
    game_chess_ops.destroy(g);

    chess_fen_error fe;
    g = game_chess_create_fen("4k3/8/8/8/8/8/4P3/4K3 b - - 0 30", &fe);
    game_chess_ops.move_from_text(g, "Kd7", &m);
    game_chess_ops.apply(g, &m);
    game_chess_ops.move_from_text(g, "e4", &m);
    game_chess_ops.apply(g, &m);
    text = to_pgn(g, NULL, (game_result){GAME_END_NONE, GAME_SIDE_NONE});
    TAP_OK(strstr(text, "[SetUp \"1\"]\n[FEN \"4k3/8/8/8/8/8/4P3/4K3 b - - 0 30\"]\n") != NULL,
           "SetUp and FEN tags for a game from a position");
    TAP_OK(strstr(text, "\n30... Kd7 31. e4 *\n") != NULL,
           "black's first move numbered 30..., then 31.");
    TAP_OK(strstr(text, "[Termination \"unterminated\"]") != NULL, "unfinished: unterminated");
    pgn_game pg;
    pgn_error err;
    TAP_INT_EQ(read_all(text, &err, &pg), 1, "a game from a FEN reads back");
    char fen[CHESS_FEN_MAX];
    game_chess_fen(pg.game, fen, sizeof fen);
    TAP_STR_EQ(fen, "8/3k4/8/8/4P3/8/8/4K3 b - e3 0 31", "its final position");
    pgn_game_free(&pg);
    free(text);
    game_chess_ops.destroy(g);
}

static void test_import(void)
{
    static const char annotated[] =
        "% a file comment line\n"
        "[Event \"Annotated\"]\n[White \"A\"]\n[Black \"B\"]\n[Result \"1-0\"]\n\n"
        "1. e4 {best by test} e5 $1 2.Nf3 Nc6 (2... d6 3. d4 (3. Bc4 {Philidor}) exd4) "
        "3. Bb5!? ; the Spanish\n3...a6 4.Ba4 Nf6 5. O-O Be7 6. Re1 b5 7. Bb3 d6 8. c3 0-0 "
        "1-0\n\n"
        "[Event \"Second\"]\n\n1. d4 d5 2. c4 e6 1/2-1/2\n"
        "[Event \"Third\"]\n1. e4 e5 2. Ke2 Ke7 3. Ke1 Ke8 4. Ke2 Ke7 5. Ke1 Ke8 6. Ke2 Ke7 *\n";
    pgn_reader r;
    pgn_game pg;
    pgn_error err;
    pgn_reader_init(&r, annotated, strlen(annotated));
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), 1, "annotated game reads: %s", err.message);
    TAP_INT_EQ(game_chess_ops.ply(pg.game), 16, "comments, NAGs, variations and !? skipped");
    TAP_STR_EQ(pgn_tag_value(&pg, "White"), "A", "tag value");
    TAP_STR_EQ(pg.result, "1-0", "result token");
    char fen[CHESS_FEN_MAX];
    game_chess_fen(pg.game, fen, sizeof fen);
    TAP_STR_EQ(fen, "r1bq1rk1/2p1bppp/p1np1n2/1p2p3/4P3/1BP2N2/PP1P1PPP/RNBQR1K1 w - - 1 9",
               "main line played, variations not");
    pgn_game_free(&pg);
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), 1, "second game");
    TAP_STR_EQ(pg.result, "1/2-1/2", "second game's result");
    pgn_game_free(&pg);
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), 1, "third game, tags right after the result");
    TAP_INT_EQ(game_chess_status(pg.game), CHESS_STATUS_THREEFOLD,
               "third game ends in threefold repetition");
    pgn_game_free(&pg);
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), 0, "then the end");
    TAP_INT_EQ(r.game_number, 3, "three games counted");

    static const char bad[] = "[Event \"ok\"]\n1. e4 e5 1-0\n\n"
                              "[Event \"bad\"]\n1. e4 e5 2. Nf3 Nc6 3. Bb5 a6 4. Bxc6 dxc6 5. "
                              "O-O Bg4 6. h3 h5 7. hxg4 hxg4 8. Nh2 Qh4 9. Qxg4 Qxh2#\n"
                              "10. Kf1 *\n\n"
                              "[Event \"after\"]\n1. d4 Nf6 14. Nf3 *\n";
    pgn_reader_init(&r, bad, strlen(bad));
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), 1, "first game fine");
    pgn_game_free(&pg);
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), GAME_ERR_ILLEGAL, "move after mate refused");
    TAP_INT_EQ(err.game_number, 2, "error names game 2");
    TAP_INT_EQ(err.move_number, 10, "error names move 10");
    TAP_INT_EQ(err.black, 0, "white's move");
    TAP_OK(strstr(err.message, "game 2, move 10. Kf1") != NULL, "message: %s", err.message);
    TAP_INT_EQ(pgn_read_game(&r, &pg, &err), 1, "reading goes on with the next game");
    TAP_INT_EQ(game_chess_ops.ply(pg.game), 3, "move numbers are not checked, moves are");
    pgn_game_free(&pg);

    static const char illegal[] = "1. e4 e5 2. Nf3 Nf6 3. Nxe5 Nxe4 4. Qe2 Nf6 5. Nc6+ Qe7 "
                                  "6. Nxe7 Bb4 *";
    TAP_INT_EQ(read_all(illegal, &err, NULL), 0, "a blocked bishop's move: no game read");
    TAP_INT_EQ(err.move_number * 2 + err.black, 13, "6... is where it broke");
    TAP_OK(strstr(err.message, "6... Bb4: illegal move") != NULL, "illegal move named: %s",
           err.message);

    static const char ambiguous[] = "1. d4 d5 2. Nf3 Nf6 3. Nd2 *";
    TAP_INT_EQ(read_all(ambiguous, &err, NULL), 0, "ambiguous move refused");
    TAP_OK(strstr(err.message, "ambiguous") != NULL, "%s", err.message);

    TAP_INT_EQ(read_all("[FEN \"8/8/8/8/8/8/8/8 w - - 0 1\"]\n*\n", &err, NULL), 0,
               "bad FEN tag refused");
    TAP_OK(strstr(err.message, "king") != NULL, "FEN error named: %s", err.message);
    TAP_INT_EQ(read_all("[Event \"x]\n1. e4 *\n", &err, NULL), 0, "unterminated tag refused");
    TAP_INT_EQ(err.code, GAME_ERR_PARSE, "as a parse error");
    TAP_INT_EQ(read_all("1. e4 {never closed\n", &err, NULL), 0, "unterminated comment");
    TAP_INT_EQ(read_all("1. e4 (1. d4 *\n", &err, NULL), 0, "unterminated variation");
    TAP_INT_EQ(read_all("", &err, NULL), 0, "empty text: no games, no error");
    TAP_INT_EQ(err.code, 0, "empty text: no error");
    TAP_INT_EQ(
        read_all("[SetUp \"1\"]\n[FEN \"4k3/8/8/8/8/8/8/4K2R w K - 0 1\"]\n1. O-O *\n", &err, NULL),
        1, "castling from a FEN start");
}

int main(void)
{
    test_round_trip();
    test_export();
    test_import();
    return tap_done();
}
