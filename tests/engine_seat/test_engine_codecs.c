/* test_engine_codecs.c: UCI and Gomocup lines parsed and written, bad
 * lines rejected with a clear message; command lines split into words. */
#include <string.h>

#include "child_proc.h"
#include "gomocup_codec.h"
#include "tap.h"
#include "uci_codec.h"

static void test_uci_parse(void)
{
    uci_msg m;
    char err[160] = "";
    TAP_INT_EQ(uci_parse_line("uciok", &m, err, sizeof err), 0, "uciok parses");
    TAP_INT_EQ(m.type, UCI_MSG_UCIOK, "as UCIOK");
    TAP_INT_EQ(uci_parse_line("readyok\r", &m, err, sizeof err), 0, "readyok with a CR");
    TAP_INT_EQ(m.type, UCI_MSG_READYOK, "as READYOK");
    uci_parse_line("id name Stockfish 15.1", &m, err, sizeof err);
    TAP_OK(m.type == UCI_MSG_ID && strcmp(m.text, "name Stockfish 15.1") == 0, "id name");
    uci_parse_line("bestmove e2e4 ponder e7e5", &m, err, sizeof err);
    TAP_INT_EQ(m.type, UCI_MSG_BESTMOVE, "bestmove");
    TAP_OK(m.move.from_x == 4 && m.move.from_y == 1 && m.move.to_x == 4 && m.move.to_y == 3 &&
               m.move.promotion == GAME_PROMO_NONE,
           "e2e4 in board coordinates");
    TAP_STR_EQ(m.move_text, "e2e4", "its text");
    uci_parse_line("bestmove a7a8q", &m, err, sizeof err);
    TAP_INT_EQ(m.move.promotion, GAME_PROMO_QUEEN, "a promotion");
    uci_parse_line("bestmove b2b1n", &m, err, sizeof err);
    TAP_INT_EQ(m.move.promotion, GAME_PROMO_KNIGHT, "an underpromotion");
    TAP_INT_EQ(uci_parse_line("Stockfish 15.1 by the Stockfish developers", &m, err, sizeof err), 0,
               "a banner is no error");
    TAP_INT_EQ(m.type, UCI_MSG_IGNORED, "it is ignored");
    TAP_INT_EQ(uci_parse_line("", &m, err, sizeof err), 0, "an empty line");
    uci_parse_line("info depth 5 score cp 20 pv e2e4", &m, err, sizeof err);
    TAP_INT_EQ(m.type, UCI_MSG_INFO, "info");
    TAP_INT_EQ(uci_parse_line("bestmove", &m, err, sizeof err), -1, "bestmove without a move");
    TAP_STR_EQ(err, "bestmove without a move", "says so");
    TAP_INT_EQ(uci_parse_line("bestmove z9z9", &m, err, sizeof err), -1, "bestmove off the board");
    TAP_STR_EQ(err, "bestmove 'z9z9' is not a move", "names it");
    TAP_INT_EQ(uci_parse_line("bestmove e7e8k", &m, err, sizeof err), -1, "promotion to a king");
    TAP_INT_EQ(uci_parse_line("bestmove (none)", &m, err, sizeof err), -1, "bestmove (none)");
}

static void test_uci_write(void)
{
    char buf[256];
    game_move mv[3];
    uci_go go;
    uci_parse_move("e2e4", &mv[0]);
    uci_parse_move("e7e5", &mv[1]);
    uci_parse_move("g1f3", &mv[2]);
    uci_write_position(buf, sizeof buf, mv, 0);
    TAP_STR_EQ(buf, "position startpos\n", "position at the start");
    TAP_INT_EQ(uci_write_position(buf, sizeof buf, mv, 3),
               (int)strlen("position startpos moves e2e4 e7e5 g1f3\n"), "its length");
    TAP_STR_EQ(buf, "position startpos moves e2e4 e7e5 g1f3\n", "position with moves");
    TAP_INT_EQ(uci_write_position(NULL, 0, mv, 3), (int)strlen(buf), "the length without a buffer");
    memset(&go, 0, sizeof go);
    go.clock = 1;
    go.wtime = 60000;
    go.btime = 59000;
    go.winc = go.binc = 1000;
    uci_write_go(buf, sizeof buf, &go);
    TAP_STR_EQ(buf, "go wtime 60000 btime 59000 winc 1000 binc 1000\n", "go with clocks");
    go.clock = 0;
    go.movetime = 250;
    uci_write_go(buf, sizeof buf, &go);
    TAP_STR_EQ(buf, "go movetime 250\n", "go movetime without a clock");
    uci_write_setoption(buf, sizeof buf, "Skill Level", "5");
    TAP_STR_EQ(buf, "setoption name Skill Level value 5\n", "setoption with a value");
    TAP_INT_EQ(uci_write_setoption(buf, sizeof buf, "", "5"), -1, "setoption without a name");
    TAP_INT_EQ(uci_write_setoption(buf, sizeof buf, "a\nquit", "5"), -1, "a newline in a name");
}

static void test_gomocup_parse(void)
{
    gomocup_msg m;
    char err[160] = "";
    TAP_INT_EQ(gomocup_parse_line("7,8", &m, err, sizeof err), 0, "a move");
    TAP_OK(m.type == GOMOCUP_MSG_MOVE && m.x == 7 && m.y == 8, "x,y");
    TAP_INT_EQ(gomocup_parse_line(" 10 , 3 \r", &m, err, sizeof err), 0, "a move with spaces");
    TAP_OK(m.x == 10 && m.y == 3, "read");
    gomocup_parse_line("OK", &m, err, sizeof err);
    TAP_INT_EQ(m.type, GOMOCUP_MSG_OK, "OK");
    gomocup_parse_line("ok", &m, err, sizeof err);
    TAP_INT_EQ(m.type, GOMOCUP_MSG_OK, "ok in lower case");
    gomocup_parse_line("ERROR unsupported size", &m, err, sizeof err);
    TAP_OK(m.type == GOMOCUP_MSG_ERROR && strcmp(m.text, "unsupported size") == 0, "ERROR text");
    gomocup_parse_line("MESSAGE hello there", &m, err, sizeof err);
    TAP_OK(m.type == GOMOCUP_MSG_MESSAGE && strcmp(m.text, "hello there") == 0, "MESSAGE");
    gomocup_parse_line("DEBUG depth 4", &m, err, sizeof err);
    TAP_INT_EQ(m.type, GOMOCUP_MSG_DEBUG, "DEBUG");
    gomocup_parse_line("UNKNOWN what", &m, err, sizeof err);
    TAP_INT_EQ(m.type, GOMOCUP_MSG_UNKNOWN, "UNKNOWN");
    gomocup_parse_line("SUGGEST 3,4", &m, err, sizeof err);
    TAP_OK(m.type == GOMOCUP_MSG_SUGGEST && m.x == 3 && m.y == 4, "SUGGEST x,y");
    gomocup_parse_line("swap", &m, err, sizeof err);
    TAP_INT_EQ(m.type, GOMOCUP_MSG_SWAP, "SWAP (a SWAP2BOARD answer)");
    TAP_INT_EQ(gomocup_parse_line("7,7 8,6 8,8", &m, err, sizeof err), 0, "three stones");
    TAP_OK(m.type == GOMOCUP_MSG_STONES && m.n == 3 && m.xy[0] == 7 && m.xy[3] == 6 && m.xy[5] == 8,
           "read in order");
    TAP_OK(gomocup_parse_line("1,2  3,4", &m, err, sizeof err) == 0 && m.n == 2 && m.xy[3] == 4,
           "two stones");
    TAP_INT_EQ(gomocup_parse_line("1,2 3,4 5,6 7,8", &m, err, sizeof err), -1, "four stones");
    TAP_INT_EQ(gomocup_parse_line("1,2 3,", &m, err, sizeof err), -1, "half a second stone");
    TAP_INT_EQ(gomocup_parse_line("hello", &m, err, sizeof err), -1, "garbage");
    TAP_STR_EQ(err, "'hello' is not a Gomocup answer", "says so");
    TAP_INT_EQ(gomocup_parse_line("7,", &m, err, sizeof err), -1, "half a move");
    TAP_INT_EQ(gomocup_parse_line("-1,3", &m, err, sizeof err), -1, "a negative coordinate");
    TAP_INT_EQ(gomocup_parse_line("7,8,9", &m, err, sizeof err), -1, "three numbers");
    TAP_INT_EQ(gomocup_parse_line("OKAY", &m, err, sizeof err), -1, "OKAY is not OK");
    TAP_INT_EQ(gomocup_parse_line("", &m, err, sizeof err), -1, "an empty line");
    TAP_INT_EQ(gomocup_parse_line("SUGGEST x", &m, err, sizeof err), -1, "SUGGEST without x,y");
}

static void test_gomocup_write(void)
{
    char buf[128];
    game_move m;
    int x, y;
    gomocup_write_start(buf, sizeof buf, 15, 15);
    TAP_STR_EQ(buf, "START 15\n", "START for a square board");
    gomocup_write_start(buf, sizeof buf, 20, 15);
    TAP_STR_EQ(buf, "RECTSTART 20,15\n", "RECTSTART for another");
    gomocup_write_info(buf, sizeof buf, "timeout_turn", "1000");
    TAP_STR_EQ(buf, "INFO timeout_turn 1000\n", "INFO");
    gomocup_write_turn(buf, sizeof buf, 7, 7);
    TAP_STR_EQ(buf, "TURN 7,7\n", "TURN");
    gomocup_write_board_stone(buf, sizeof buf, 3, 4, 2);
    TAP_STR_EQ(buf, "3,4,2\n", "a BOARD line");
    TAP_INT_EQ(gomocup_rule_bits(GAME_RULE_FREESTYLE), 0, "freestyle is rule 0");
    TAP_INT_EQ(gomocup_rule_bits(GAME_RULE_STANDARD), 1, "standard is exactly five (1)");
    TAP_INT_EQ(gomocup_rule_bits(GAME_RULE_RENJU), 4, "renju is 4");
    TAP_INT_EQ(gomocup_to_move(0, 0, 15, 15, &m), 0, "the top-left point");
    TAP_OK(m.to_x == 0 && m.to_y == 14 && m.from_x == GAME_NO_SQUARE, "is a15 (row 14)");
    gomocup_from_move(&m, 15, &x, &y);
    TAP_OK(x == 0 && y == 0, "and back");
    TAP_INT_EQ(gomocup_to_move(15, 0, 15, 15, &m), -1, "x off the board");
    TAP_INT_EQ(gomocup_to_move(0, 15, 15, 15, &m), -1, "y off the board");
}

static void test_split(void)
{
    char err[160];
    char **a = child_proc_split("stockfish", err, sizeof err);
    TAP_OK(a && strcmp(a[0], "stockfish") == 0 && !a[1], "one word");
    child_proc_free_argv(a);
    a = child_proc_split("  /opt/my engine/x \"two words\" 'it''s' a\\ b \"q\\\"t\"", err,
                         sizeof err);
    TAP_OK(a && strcmp(a[0], "/opt/my") == 0 && strcmp(a[1], "engine/x") == 0 &&
               strcmp(a[2], "two words") == 0 && strcmp(a[3], "its") == 0 &&
               strcmp(a[4], "a b") == 0 && strcmp(a[5], "q\"t") == 0 && !a[6],
           "quotes and escapes");
    child_proc_free_argv(a);
    a = child_proc_split("C:\\engines\\x.exe \\\\host\\share", err, sizeof err);
    TAP_OK(a && strcmp(a[0], "C:\\engines\\x.exe") == 0 && strcmp(a[1], "\\\\host\\share") == 0,
           "backslashes of Windows paths stay");
    child_proc_free_argv(a);
    TAP_OK(!child_proc_split("   ", err, sizeof err), "an empty command");
    TAP_STR_EQ(err, "empty command", "says so");
    TAP_OK(!child_proc_split("x \"open", err, sizeof err), "an unclosed quote");
    TAP_STR_EQ(err, "unclosed \" quote in 'x \"open'", "says so");
}

int main(void)
{
    test_uci_parse();
    test_uci_write();
    test_gomocup_parse();
    test_gomocup_write();
    test_split();
    return tap_done();
}
