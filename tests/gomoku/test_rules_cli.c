/* test_rules_cli.c: matchboard-rules gomoku check | play | sgf: the exact
 * words printed, the exit status and the error messages. */
#include <stdarg.h>
#include <stdio.h>

#include "rules_gomoku.h"
#include "tap.h"

static rules_output o;

/* Runs "gomoku ARGS..." (NULL-terminated); returns the exit status. */
static int run(const char *first, ...)
{
    char *argv[64];
    int argc = 0;
    va_list ap;
    argv[argc++] = (char *)"gomoku";
    va_start(ap, first);
    for (const char *a = first; a && argc < 63; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    return rules_gomoku_run(argc, argv, &o);
}

#define EXPECT(status, want_out, what, ...)                                                        \
    do {                                                                                           \
        int st_ = run(__VA_ARGS__, (const char *)NULL);                                            \
        TAP_INT_EQ(st_, status, "%s: exit status", what);                                          \
        TAP_STR_EQ(o.out, want_out, "%s: output", what);                                           \
        if (st_ == 2)                                                                              \
            TAP_OK(o.err_len > 0, "%s: a message on stderr", what);                                \
    } while (0)

static void test_check(void)
{
    EXPECT(0, "allowed\n", "empty board", "check", "h8");
    EXPECT(0, "forbidden double-three\n", "renju double-three", "check", "--rule", "renju",
           "--black", "f8,g8,h9,h10", "h8");
    EXPECT(0, "allowed\n", "freestyle double-three", "check", "--black", "f8,g8,h9,h10", "h8");
    EXPECT(0, "allowed\n", "white's double-three", "check", "--rule=renju", "--side", "white",
           "--white", "f8,g8,h9,h10", "h8");
    EXPECT(0, "forbidden double-four\n", "renju four-four on one row", "check", "--rule", "renju",
           "--black", "a8,b8,c8,g8,h8,i8", "e8");
    EXPECT(0, "forbidden overline\n", "renju overline", "check", "--rule", "renju", "--black",
           "c8,d8,e8,g8,h8", "f8");
    EXPECT(0, "win\n", "freestyle overline wins", "check", "--black", "c8,d8,e8,g8,h8", "f8");
    EXPECT(0, "allowed\n", "standard overline does not win", "check", "--rule", "standard",
           "--black", "c8,d8,e8,g8,h8", "f8");
    EXPECT(0, "win\n", "renju five with a double-four wins", "check", "--rule", "renju", "--black",
           "d8,e8,f8,g8,h9,h10,h11,i9,j10,k11", "--white", "h12", "h8");
    EXPECT(0, "win\n", "renju white overline wins", "check", "--rule", "renju", "--side", "white",
           "--white", "c8,d8,e8,g8,h8", "f8");
    EXPECT(0, "occupied\n", "occupied", "check", "--black", "h8", "h8");
    EXPECT(0, "off-board\n", "p8 is off 15x15", "check", "p8");
    EXPECT(0, "allowed\n", "p8 is on 19x19", "check", "--size", "19", "p8");
    EXPECT(0, "off-board\n", "h0 is off-board", "check", "h0");
    EXPECT(0, "win\n", "on the 25x25 edge", "check", "--size", "25", "--black", "u25,v25,w25,x25",
           "y25");
    EXPECT(2, "", "no point", "check", "--black", "h8");
    EXPECT(2, "", "two points", "check", "h8", "h9");
    EXPECT(2, "", "unreadable point", "check", "8h");
    EXPECT(2, "", "stone off the board", "check", "--black", "p1", "h8");
    EXPECT(2, "", "stone given twice", "check", "--black", "a1", "--white", "a1", "h8");
    EXPECT(2, "", "bad stone", "check", "--black", "a1,zz", "h8");
    EXPECT(2, "", "unknown rule", "check", "--rule", "chess", "h8");
    EXPECT(2, "", "size 4", "check", "--size", "4", "a1");
    EXPECT(2, "", "size 15x", "check", "--size", "15x", "a1");
    EXPECT(2, "", "bad side", "check", "--side", "red", "a1");
    EXPECT(2, "", "missing value", "check", "a1", "--rule");
    EXPECT(2, "", "unknown option", "check", "--colour", "black", "a1");
}

static void test_play(void)
{
    EXPECT(0, "in progress\n", "no moves", "play");
    EXPECT(0, "black wins five\n", "black five", "play", "h8", "h9", "i8", "i9", "j8", "j9", "k8",
           "k9", "l8");
    EXPECT(0, "white wins five\n", "white five, comma list", "play", "a1,h9,a3,i9,a5",
           "j9,a7,k9,a9,l9");
    EXPECT(0, "move 3 h8 refused: occupied\n", "occupied", "play", "h8", "h9", "h8", "i9");
    EXPECT(0, "move 9 i9 refused: forbidden double-three\n", "renju double-three", "play", "--rule",
           "renju", "h8", "a1", "j8", "a3", "h10", "a5", "j10", "a7", "i9");
    EXPECT(0, "move 10 a2 refused: game over\n", "after the five", "play", "h8", "h9", "i8", "i9",
           "j8", "j9", "k8", "k9", "l8", "a2");
    EXPECT(0, "move 1 p8 refused: off-board\n", "off-board", "play", "p8");
    EXPECT(0, "in progress\n", "standard six is no win", "play", "--rule", "standard",
           "c3,c10,d3,d10,e3,e10,g3,g10,h3,h11,f3");
    EXPECT(0, "draw\n", "full 5x5 board", "play", "--size", "5",
           "a5,c5,b5,d5,e5,a4,c4,b4,d4,e4,a3,c3,b3,d3,e3,a2,c2,b2,d2,e2,a1,c1,b1,d1,e1");
    EXPECT(2, "", "unreadable move", "play", "h8", "xyz");
    EXPECT(2, "", "--side is not a play option", "play", "--side", "white", "h8");
}

/* play --opening: the opening's steps as words, then the game. */
static void test_play_opening(void)
{
    EXPECT(0, "black: the second player\nin progress\n", "rif with a swap and two proposals",
           "play", "--rule", "renju", "--opening", "rif", "h8", "h9", "h10", "swap", "h6", "g8,g7",
           "g7", "a1");
    EXPECT(0, "step 6 i8 refused: two proposed fifth moves are symmetric (equivalent positions)\n",
           "rif: symmetric proposals", "play", "--rule", "renju", "--opening", "rif", "h8", "h9",
           "h10", "swap", "h6", "g8,i8");
    EXPECT(0, "step 1 a1 refused: the stone is outside the area the opening rule allows\n",
           "taraguchi10: stone 1 off the centre", "play", "--rule", "renju", "--opening",
           "taraguchi10", "a1");
    EXPECT(0, "black: the second player\nin progress\n", "swap2 with two more stones", "play",
           "--opening", "swap2", "h8", "h9", "h10", "place-two", "a1", "a2", "white");
    EXPECT(0, "step 4 stay refused: that choice is not offered now\n", "swap2: stay", "play",
           "--opening", "swap2", "h8", "h9", "h10", "stay");
    EXPECT(0, "opening: the first player places black stone 3 anywhere\n", "swap2 unfinished",
           "play", "--opening", "swap2", "h8", "h9");
    EXPECT(0, "black: the first player\nwhite wins five\n", "yamaguchi to a white five", "play",
           "--rule", "renju", "--opening", "yamaguchi", "h8", "h9", "h10", "2", "stay", "a1",
           "g8,g7", "g8", "a2", "m1", "a3", "m2", "a4", "m3", "a5");
    EXPECT(0, "move 5 h8 refused: occupied\n", "moves after the opening are numbered on", "play",
           "--opening", "swap", "h8", "h9", "h10", "black", "a1", "h8");
    EXPECT(2, "", "renju opening under freestyle", "play", "--opening", "rif", "h8");
    EXPECT(2, "", "unknown opening", "play", "--opening", "swap3", "h8");
    EXPECT(2, "", "not a choice", "play", "--opening", "swap", "h8", "h9", "h10", "maybe");
    EXPECT(2, "", "--opening is not a check option", "check", "--opening", "swap", "h8");
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static void test_sgf(void)
{
    const char *path = "test_rules_cli_tmp.sgf";
    TAP_INT_EQ(write_file(path, "(;FF[4]GM[4]SZ[15]RU[renju]PB[a]PW[b]\n;B[hh];W[ii];B[ih];W[ji]"
                                ";B[jh];W[ki];B[kh];W[li];B[gh])\n"),
               0, "SGF file written");
    EXPECT(0, "black wins five\n", "sgf: a won game", "sgf", path);
    write_file(path, "(;GM[4]RU[renju];B[hh];W[aa];B[jh];W[ab];B[hf];W[ac];B[jf];W[ad];B[ig])");
    EXPECT(0, "move 9 i9 refused: forbidden double-three\n", "sgf: forbidden move", "sgf", path);
    write_file(path, "(;GM[4];B[hh];W[ii])");
    EXPECT(0, "in progress\n", "sgf: unfinished", "sgf", path);
    write_file(path, "(;GM[4]ON[swap2; colours exchanged once];B[hh];W[ii];B[jj])");
    EXPECT(0, "opening: swap2; colours exchanged once\nin progress\n", "sgf: with its opening",
           "sgf", path);
    write_file(path, "(;GM[4];B[hh];W[i])");
    EXPECT(2, "", "sgf: malformed point", "sgf", path);
    TAP_OK(strstr(o.err, "move 2") != NULL, "the bad move's number is told");
    write_file(path, "(;GM[4];B[hh]");
    EXPECT(2, "", "sgf: unterminated", "sgf", path);
    write_file(path, "(;GM[1])");
    EXPECT(2, "", "sgf: a Go record", "sgf", path);
    remove(path);
    EXPECT(2, "", "sgf: missing file", "sgf", path);
    EXPECT(2, "", "sgf: no file", "sgf");
}

static void test_usage(void)
{
    TAP_INT_EQ(run("--help", (const char *)NULL), 0, "--help exits 0");
    TAP_OK(strstr(o.out, "usage:") && strstr(o.out, "forbidden double-three"), "--help says how");
    TAP_INT_EQ(run("check", "--help", (const char *)NULL), 0, "check --help exits 0");
    TAP_INT_EQ(run((const char *)NULL), 2, "no command: exit 2");
    TAP_INT_EQ(run("perft", (const char *)NULL), 2, "unknown command: exit 2");
    TAP_OK(strstr(o.err, "perft") != NULL, "the message names it");
}

int main(void)
{
    tap_diag("matchboard-rules gomoku, run as a function");
    test_check();
    test_play_opening();
    test_play();
    test_sgf();
    test_usage();
    return tap_done();
}
