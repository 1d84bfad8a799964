/* test_sgf.c: SGF records: coordinates, round trip, results, setup stones,
 * tolerant reading, and bad records (errors, never crashes). */
#include <stdlib.h>

#include "board_util.h"
#include "sgf.h"
#include "tap.h"

static sgf_record rec; /* large: keep it off the stack */

static sgf_error read_str(const char *text)
{
    return sgf_read(text, strlen(text), &rec);
}

static int stone_is(const gomoku *g, const char *point, gomoku_stone want)
{
    int x, y;
    gomoku_point_from_text(point, &x, &y);
    return gomoku_at(g, x, y) == want;
}

static void test_coordinates(void)
{
    char buf[512];
    gomoku g;
    TAP_INT_EQ(read_str("(;FF[4]GM[4]SZ[15];B[hh];W[ia];B[ao])"), SGF_OK, "three moves read");
    TAP_OK(stone_is(&rec.game, "h8", GOMOKU_BLACK), "B[hh] is h8 on 15x15");
    TAP_OK(stone_is(&rec.game, "i15", GOMOKU_WHITE), "W[ia] is i15: row a is the top");
    TAP_OK(stone_is(&rec.game, "a1", GOMOKU_BLACK), "B[ao] is a1, the bottom-left");
    TAP_INT_EQ(read_str("(;GM[4]SZ[19];B[as])"), SGF_OK, "19x19 record read");
    TAP_OK(stone_is(&rec.game, "a1", GOMOKU_BLACK), "B[as] is a1 on 19x19");
    gomoku_init(&g, 9, GOMOKU_STANDARD);
    play_list(&g, "a1 i9");
    sgf_write(&g, NULL, (game_result){GAME_END_NONE, GAME_SIDE_NONE}, buf, sizeof buf);
    TAP_OK(strstr(buf, ";B[ai]") && strstr(buf, ";W[ia]"), "a1 written [ai], i9 [ia] on 9x9");
    TAP_OK(strstr(buf, "SZ[9]") && strstr(buf, "RU[standard]") && strstr(buf, "GM[4]") &&
               strstr(buf, "FF[4]"),
           "header has FF[4] GM[4] SZ[9] RU[standard]");
    TAP_OK(!strstr(buf, "RE["), "an unfinished game has no RE");
}

static void test_round_trip(void)
{
    static char buf[8192];
    gomoku g;
    game_record_info info = {"Club ]night[", "Room \\1",
                             "2024.05.17",   "Ana \xc3\xa9\xe2\x82\xac",
                             "Bo",           "rif: white swapped; g7 of g7 g8"};
    game_result none = {GAME_END_NONE, GAME_SIDE_NONE};
    int n, same = 1;
    gomoku_init(&g, 15, GOMOKU_RENJU);
    TAP_INT_EQ(play_list(&g, "h8 h9 i8 i9 j8 j9 k8 a1 g8"), GOMOKU_OK, "a renju game played");
    TAP_INT_EQ(gomoku_get_status(&g), GOMOKU_BLACK_WON, "black's g8 makes five g8-k8");
    n = sgf_write(&g, &info, none, buf, sizeof buf);
    TAP_OK(n > 0 && (size_t)n < sizeof buf, "written (%d bytes)", n);
    TAP_OK(strstr(buf, "PB[Ana \xc3\xa9\xe2\x82\xac]") && strstr(buf, "PW[Bo]"), "players written");
    TAP_OK(strstr(buf, "EV[Club \\]night[]") != NULL, "] escaped in EV");
    TAP_OK(strstr(buf, "PC[Room \\\\1]") != NULL, "\\ escaped in PC");
    TAP_OK(strstr(buf, "DT[2024-05-17]") != NULL, "date written as YYYY-MM-DD");
    TAP_OK(strstr(buf, "RE[B+]") != NULL, "RE[B+] from the rules' five");
    TAP_INT_EQ(sgf_read(buf, (size_t)n, &rec), SGF_OK, "read back");
    TAP_INT_EQ(gomoku_move_count(&rec.game), gomoku_move_count(&g), "same number of moves");
    for (int i = 0; i < gomoku_move_count(&g); i++) {
        gomoku_point a, b;
        gomoku_move_at(&g, i, &a);
        gomoku_move_at(&rec.game, i, &b);
        same &= a.x == b.x && a.y == b.y;
    }
    TAP_OK(same, "same moves in the same order");
    TAP_INT_EQ(gomoku_get_rule(&rec.game), GOMOKU_RENJU, "rule read back");
    TAP_INT_EQ(gomoku_get_status(&rec.game), GOMOKU_BLACK_WON, "replayed: black won");
    TAP_STR_EQ(rec.black, "Ana \xc3\xa9\xe2\x82\xac", "PB read back (UTF-8)");
    TAP_STR_EQ(rec.white, "Bo", "PW read back");
    TAP_OK(strstr(buf, "ON[rif: white swapped; g7 of g7 g8]") != NULL, "opening written as ON");
    TAP_STR_EQ(rec.opening, "rif: white swapped; g7 of g7 g8", "ON read back");
    TAP_OK(rec.result.reason == GAME_END_FIVE && rec.result.winner == GAME_SIDE_P1,
           "RE read back: black, five");

    /* snprintf-style: a short buffer is cut, terminated, and the length told. */
    TAP_INT_EQ(sgf_write(&g, &info, none, buf, 10), n, "short buffer: full length returned");
    TAP_INT_EQ(strlen(buf), 9, "short buffer: cut and NUL-terminated");
}

static void test_results(void)
{
    static const struct {
        game_result r;
        const char *text;
    } cases[] = {
        {{GAME_END_RESIGNATION, GAME_SIDE_P2}, "W+R"},
        {{GAME_END_TIME, GAME_SIDE_P1}, "B+T"},
        {{GAME_END_OPPONENT_LEFT, GAME_SIDE_P2}, "W+F"},
        {{GAME_END_FIVE, GAME_SIDE_P2}, "W+"},
        {{GAME_END_DRAW_AGREED, GAME_SIDE_NONE}, "Draw"},
        {{GAME_END_ABORTED, GAME_SIDE_NONE}, "Void"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[1024], want[32];
        gomoku g;
        gomoku_init(&g, 15, GOMOKU_FREESTYLE);
        play_list(&g, "h8 i9");
        sgf_write(&g, NULL, cases[i].r, buf, sizeof buf);
        snprintf(want, sizeof want, "RE[%s]", cases[i].text);
        TAP_OK(strstr(buf, want) != NULL, "result written as %s", want);
        TAP_INT_EQ(read_str(buf), SGF_OK, "%s read back", want);
        TAP_OK(rec.result.reason == cases[i].r.reason && rec.result.winner == cases[i].r.winner,
               "%s understood", want);
    }
    TAP_INT_EQ(read_str("(;GM[4]RE[0];B[hh])"), SGF_OK, "RE[0] read");
    TAP_INT_EQ(rec.result.reason, GAME_END_DRAW_AGREED, "RE[0] is a draw");
    TAP_INT_EQ(read_str("(;GM[4]RE[B+Resign];B[hh])"), SGF_OK, "RE[B+Resign] read");
    TAP_INT_EQ(rec.result.reason, GAME_END_RESIGNATION, "B+Resign is a resignation");
    TAP_INT_EQ(read_str("(;GM[4]RE[?];B[hh])"), SGF_OK, "RE[?] read");
    TAP_INT_EQ(rec.result.reason, GAME_END_NONE, "RE[?] is no result");
}

static void test_tolerant_reading(void)
{
    TAP_INT_EQ(read_str("  \n( ;\tFF [4] GM[4]\r\n SZ[ 15 ]"), SGF_ERR_SIZE,
               "a space inside SZ is not a size");
    TAP_INT_EQ(read_str("  \n( ;\tFF [4] GM[4]\r\n SZ[15:15] RU[Renju]\n ; B [hh]\n;W[ii] )\n"),
               SGF_OK, "whitespace between tokens, SZ[15:15], RU[Renju]");
    TAP_INT_EQ(gomoku_move_count(&rec.game), 2, "two moves");
    TAP_INT_EQ(read_str("(;GM[4]C[a comment with \\] and \\\\ and ( ; )]XX[1][2]"
                        "PB[Line\\\nbreak\nnext];B[hh]C[x];W[ii])"),
               SGF_OK, "escaped ] in a comment, unknown properties");
    TAP_STR_EQ(rec.black, "Linebreak next", "soft line break removed, newline made a space");
    TAP_INT_EQ(gomoku_move_count(&rec.game), 2, "moves after the comments read");
    TAP_INT_EQ(read_str("(;GM[4];B[hh](;W[ii];B[jj])(;W[aa]))"), SGF_OK, "variations");
    TAP_INT_EQ(gomoku_move_count(&rec.game), 3, "the first variation is followed");
    TAP_OK(stone_is(&rec.game, "i7", GOMOKU_WHITE), "W[ii] of the first variation played");
    TAP_INT_EQ(read_str("(;GaMe[4]SiZe[9];B[ee])(;GM[4])"), SGF_OK,
               "FF[3] lower-case letters in names; a second game ignored");
    TAP_INT_EQ(gomoku_size(&rec.game), 9, "SiZe[9] read as SZ");
    TAP_INT_EQ(read_str("(;FF[4]SZ[7]AB[dd][ee]AW[ff]PL[W];W[aa];B[bb])"), SGF_OK,
               "setup stones and PL[W]");
    TAP_OK(stone_is(&rec.game, "d4", GOMOKU_BLACK) && stone_is(&rec.game, "e3", GOMOKU_BLACK) &&
               stone_is(&rec.game, "f2", GOMOKU_WHITE),
           "setup stones placed");
    TAP_INT_EQ(gomoku_move_count(&rec.game), 2, "setup stones are not moves");
    {
        char buf[512];
        sgf_write(&rec.game, NULL, (game_result){GAME_END_NONE, GAME_SIDE_NONE}, buf, sizeof buf);
        TAP_OK(strstr(buf, "AB[dd][ee]") && strstr(buf, "AW[ff]") && strstr(buf, "PL[W]"),
               "setup stones written back");
    }
    {
        char name[400];
        memset(name, 'a', sizeof name);
        memcpy(name, "(;PB[", 5);        /* NOLINT(bugprone-not-null-terminated-result): a prefix */
        name[SGF_TEXT_MAX + 3] = '\xc3'; /* a two-byte character cut by the limit */
        name[SGF_TEXT_MAX + 4] = '\xa9';
        strcpy(name + 300, "])");
        TAP_INT_EQ(read_str(name), SGF_OK, "a long player name");
        TAP_INT_EQ(strlen(rec.black), SGF_TEXT_MAX - 2, "cut before the split character");
    }
}

static void test_bad_records(void)
{
    static const struct {
        const char *text;
        sgf_error want;
        int bad_move;
        const char *what;
    } cases[] = {
        {"", SGF_ERR_SYNTAX, 0, "empty"},
        {"hello", SGF_ERR_SYNTAX, 0, "not SGF"},
        {"(;GM[4]", SGF_ERR_SYNTAX, 0, "tree not closed"},
        {"(;GM[4]PB[open", SGF_ERR_SYNTAX, 0, "value not closed"},
        {"(;GM[4]PB[ends in escape\\", SGF_ERR_SYNTAX, 0, "value ends in a backslash"},
        {"()", SGF_ERR_SYNTAX, 0, "tree without nodes"},
        {"(;GM[4];B[hh](;W[ii]", SGF_ERR_SYNTAX, 0, "variation not closed"},
        {"(;GM[4];B[hh])(;W[ii]", SGF_OK, 0, "a broken second game is not read"},
        {"(;GM[4]B)", SGF_ERR_SYNTAX, 0, "property without a value"},
        {"(;GM[4]#[1])", SGF_ERR_SYNTAX, 0, "stray byte"},
        {"(;GM[1];B[hh])", SGF_ERR_NOT_GOMOKU, 0, "a Go record"},
        {"(;SZ[4])", SGF_ERR_SIZE, 0, "SZ[4]"},
        {"(;SZ[26])", SGF_ERR_SIZE, 0, "SZ[26]"},
        {"(;SZ[15:19])", SGF_ERR_SIZE, 0, "a rectangular board"},
        {"(;SZ[x])", SGF_ERR_SIZE, 0, "SZ not a number"},
        {"(;SZ[99999999999])", SGF_ERR_SIZE, 0, "SZ too long"},
        {"(;RU[chess])", SGF_ERR_RULE, 0, "unknown rule"},
        {"(;RU[renjurenjurenjurenju])", SGF_ERR_RULE, 0, "long unknown rule"},
        {"(;GM[4];B[hh];W[i])", SGF_ERR_POINT, 2, "one-letter point"},
        {"(;GM[4];B[hh];W[])", SGF_ERR_POINT, 2, "a pass"},
        {"(;GM[4];B[H8])", SGF_ERR_POINT, 1, "not SGF letters"},
        {"(;GM[4];B[hh][ii])", SGF_ERR_SYNTAX, 1, "two points in one move"},
        {"(;GM[4];B[hh];B[ii])", SGF_ERR_ILLEGAL, 2, "black twice"},
        {"(;GM[4];B[hh];W[hh])", SGF_ERR_ILLEGAL, 2, "occupied"},
        {"(;GM[4];W[hh])", SGF_ERR_ILLEGAL, 1, "white first"},
        {"(;GM[4];B[zz])", SGF_ERR_ILLEGAL, 1, "off the board"},
        {"(;GM[4];B[aa];W[ab];B[ba];W[bb];B[ca];W[cb];B[da];W[db];B[ea];W[eb])", SGF_ERR_ILLEGAL,
         10, "a move after the five"},
        {"(;GM[4]RU[renju];B[hh];W[aa];B[jh];W[ab];B[hf];W[ac];B[jf];W[ad];B[ig])", SGF_ERR_ILLEGAL,
         9, "Renju double-three"},
        {"(;GM[4];B[hh]AB[aa])", SGF_ERR_UNSUPPORTED, 0, "setup after a move"},
        {"(;GM[4]AB[aa:cc])", SGF_ERR_UNSUPPORTED, 0, "point lists"},
        {"(;GM[4]AB[aa]AW[aa])", SGF_ERR_ILLEGAL, 0, "setup stones on one point"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TAP_INT_EQ(read_str(cases[i].text), cases[i].want, "%s: %s", cases[i].what,
                   sgf_strerror(cases[i].want));
        TAP_INT_EQ(rec.bad_move, cases[i].bad_move, "%s: bad move number", cases[i].what);
    }
    read_str("(;GM[4]RU[renju];B[hh];W[aa];B[jh];W[ab];B[hf];W[ac];B[jf];W[ad];B[ig])");
    TAP_INT_EQ(rec.verdict, GOMOKU_DOUBLE_THREE, "the refused move's reason is kept");
    TAP_OK(rec.point.x == 8 && rec.point.y == 8, "the refused move's point is i9");
    TAP_INT_EQ(gomoku_move_count(&rec.game), 8, "the moves before it are replayed");
}

/* Every prefix and many corrupted copies of a record: an answer, never a
 * crash (the sanitizer build checks the memory side). */
static void test_never_crashes(void)
{
    static const char good[] =
        "(;FF[4]GM[4]SZ[15]RU[renju]PB[A\\]b]PW[C]RE[B+R]C[(;)]\n;B[hh];W[ii](;B[jj];W[kk])"
        "(;B[aa]))";
    char copy[sizeof good];
    unsigned seed = 12345;
    int bad = 0;
    for (size_t n = 0; n < sizeof good - 1; n++) {
        sgf_error e = sgf_read(good, n, &rec);
        bad += e > 0 || e < SGF_ERR_BUFFER || e == SGF_OK;
    }
    TAP_INT_EQ(bad, 0, "every prefix of a record is an error, cleanly");
    TAP_INT_EQ(sgf_read(good, sizeof good - 1, &rec), SGF_OK, "the whole record reads");
    for (int round = 0; round < 3000; round++) {
        memcpy(copy, good, sizeof good);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            copy[(seed >> 8) % (sizeof good - 1)] = (char)(seed >> 20);
        }
        sgf_error e = sgf_read(copy, sizeof good - 1, &rec);
        bad += e > 0 || e < SGF_ERR_BUFFER;
    }
    TAP_INT_EQ(bad, 0, "3000 corrupted records: every answer is a known value");
    TAP_INT_EQ(sgf_read(NULL, 0, &rec), SGF_ERR_SYNTAX, "no text at all");
}

int main(void)
{
    tap_diag("SGF: coordinates, round trip, results, tolerance, bad records");
    test_coordinates();
    test_round_trip();
    test_results();
    test_tolerant_reading();
    test_bad_records();
    test_never_crashes();
    return tap_done();
}
