/* test_gomocup.c: the Gomocup codec (lines parsed into commands, answers
 * written, bad lines rejected with a message) and the protocol session
 * (brain.c) driven in-process line by line. */
#include "brain.h"
#include "gomocup.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

static void parses(void)
{
    gomocup_cmd c;
    const char *why = NULL;
    TAP_INT_EQ(gomocup_parse("START 20\r\n", &c, &why), GOMOCUP_OK, "START 20 parses");
    TAP_OK(c.kind == GOMOCUP_START && c.w == 20 && c.h == 20, "START sets the size");
    TAP_INT_EQ(gomocup_parse("RECTSTART 20,15", &c, &why), GOMOCUP_OK, "RECTSTART parses");
    TAP_OK(c.kind == GOMOCUP_RECTSTART && c.w == 20 && c.h == 15, "RECTSTART width, height");
    TAP_INT_EQ(gomocup_parse("TURN 10,11", &c, &why), GOMOCUP_OK, "TURN parses");
    TAP_OK(c.kind == GOMOCUP_TURN && c.x == 10 && c.y == 11, "TURN x,y");
    TAP_INT_EQ(gomocup_parse("turn 3, 4", &c, &why), GOMOCUP_OK, "lower case and spaces");
    TAP_OK(c.x == 3 && c.y == 4, "turn 3, 4");
    TAP_INT_EQ(gomocup_parse("TAKEBACK 7,7", &c, &why), GOMOCUP_OK, "TAKEBACK parses");
    TAP_OK(c.kind == GOMOCUP_TAKEBACK && c.x == 7 && c.y == 7, "TAKEBACK x,y");
    TAP_INT_EQ(gomocup_parse("PLAY 1,2", &c, &why), GOMOCUP_OK, "PLAY parses");
    TAP_INT_EQ(gomocup_parse("10,10,1", &c, &why), GOMOCUP_OK, "a BOARD line parses");
    TAP_OK(c.kind == GOMOCUP_FIELD && c.x == 10 && c.y == 10 && c.field == 1, "x,y,field");
    TAP_INT_EQ(gomocup_parse("4,5", &c, &why), GOMOCUP_OK, "a SWAP2BOARD line parses");
    TAP_OK(c.kind == GOMOCUP_POINT && c.x == 4 && c.y == 5, "x,y alone");
    TAP_INT_EQ(gomocup_parse("INFO timeout_turn 30000", &c, &why), GOMOCUP_OK, "INFO parses");
    TAP_OK(c.kind == GOMOCUP_INFO && c.info == GOMOCUP_INFO_TIMEOUT_TURN && c.number == 30000,
           "INFO timeout_turn 30000");
    TAP_INT_EQ(gomocup_parse("INFO rule 4", &c, &why), GOMOCUP_OK, "INFO rule");
    TAP_OK(c.info == GOMOCUP_INFO_RULE && c.number == GOMOCUP_RULE_RENJU, "rule 4 is Renju");
    TAP_INT_EQ(gomocup_parse("INFO folder C:\\tmp dir", &c, &why), GOMOCUP_OK, "INFO folder");
    TAP_STR_EQ(c.value, "C:\\tmp dir", "INFO value kept with its spaces");
    TAP_INT_EQ(gomocup_parse("INFO some_future_key x", &c, &why), GOMOCUP_OK, "unknown INFO key");
    TAP_OK(c.info == GOMOCUP_INFO_OTHER, "is OTHER (ignored, as the protocol says)");
    TAP_INT_EQ(gomocup_parse("BEGIN", &c, &why), GOMOCUP_OK, "BEGIN");
    TAP_INT_EQ(gomocup_parse("BOARD", &c, &why), GOMOCUP_OK, "BOARD");
    TAP_INT_EQ(gomocup_parse("SWAP2BOARD", &c, &why), GOMOCUP_OK, "SWAP2BOARD");
    TAP_INT_EQ(gomocup_parse("DONE", &c, &why), GOMOCUP_OK, "DONE");
    TAP_INT_EQ(gomocup_parse("END", &c, &why), GOMOCUP_OK, "END");
    TAP_INT_EQ(gomocup_parse("ABOUT", &c, &why), GOMOCUP_OK, "ABOUT");
    TAP_INT_EQ(gomocup_parse("RESTART", &c, &why), GOMOCUP_OK, "RESTART");
}

static void rejects(void)
{
    static const struct {
        const char *line;
        gomocup_error err;
        const char *why;
    } bad[] = {
        {"", GOMOCUP_ERR_EMPTY, "empty line"},
        {"   \r\n", GOMOCUP_ERR_EMPTY, "empty line"},
        {"HELLO", GOMOCUP_ERR_UNKNOWN, "unknown command"},
        {"TURNX 1,2", GOMOCUP_ERR_UNKNOWN, "unknown command"},
        {"TURN", GOMOCUP_ERR_ARGUMENTS, "expected x,y"},
        {"TURN 1", GOMOCUP_ERR_ARGUMENTS, "expected x,y"},
        {"TURN 1,2,3", GOMOCUP_ERR_ARGUMENTS, "expected x,y"},
        {"TURN a,b", GOMOCUP_ERR_ARGUMENTS, "expected x,y"},
        {"TURN -1,2", GOMOCUP_ERR_ARGUMENTS, "expected x,y"},
        {"TURN 1,", GOMOCUP_ERR_ARGUMENTS, "expected x,y"},
        {"TURN 1000,2", GOMOCUP_ERR_RANGE, "number out of range"},
        {"START", GOMOCUP_ERR_ARGUMENTS, "expected one number"},
        {"START 15,15", GOMOCUP_ERR_ARGUMENTS, "expected one number"},
        {"BEGIN now", GOMOCUP_ERR_ARGUMENTS, "this command takes no arguments"},
        {"INFO", GOMOCUP_ERR_ARGUMENTS, "INFO needs a key and a value"},
        {"INFO timeout_turn fast", GOMOCUP_ERR_ARGUMENTS,
         "INFO value must be a non-negative number"},
        {"INFO rule -4", GOMOCUP_ERR_ARGUMENTS, "INFO value must be a non-negative number"},
        {"1,2,4", GOMOCUP_ERR_RANGE, "field must be 1 (own), 2 (opponent) or 3 (winning line)"},
        {"1,2,0", GOMOCUP_ERR_RANGE, "field must be 1 (own), 2 (opponent) or 3 (winning line)"},
        {"7", GOMOCUP_ERR_ARGUMENTS, "expected x,y or x,y,field"},
        {"1,2,3,4", GOMOCUP_ERR_ARGUMENTS, "expected x,y or x,y,field"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gomocup_cmd c;
        const char *why = NULL;
        char shown[64];
        /* the line as shown in the test's name: no raw CR or LF in TAP */
        snprintf(shown, sizeof shown, "%.*s", (int)strcspn(bad[i].line, "\r\n"), bad[i].line);
        TAP_INT_EQ(gomocup_parse(bad[i].line, &c, &why), bad[i].err, "\"%s\" rejected", shown);
        TAP_STR_EQ(why, bad[i].why, "with the message for \"%s\"", shown);
    }
    TAP_STR_EQ(gomocup_strerror(GOMOCUP_ERR_UNKNOWN), "unknown command", "strerror");
}

static void formats(void)
{
    char buf[64];
    int xy[6] = {7, 7, 8, 6, 8, 8};
    TAP_INT_EQ(gomocup_format_move(buf, sizeof buf, 10, 3), 4, "move length");
    TAP_STR_EQ(buf, "10,3", "move text");
    TAP_INT_EQ(gomocup_format_moves(buf, sizeof buf, xy, 3), 11, "moves length");
    TAP_STR_EQ(buf, "7,7 8,6 8,8", "SWAP2 answer text");
    TAP_INT_EQ(gomocup_format_text(buf, sizeof buf, "ERROR", "bad size"), 14, "text length");
    TAP_STR_EQ(buf, "ERROR bad size", "ERROR text");
    TAP_INT_EQ(gomocup_format_move(buf, 3, 10, 10), -1, "too small a buffer");
}

/* ---- the session, in-process ---- */

typedef struct lines {
    char text[16][256];
    int n;
} lines;

static void collect(void *ctx, const char *line)
{
    lines *l = ctx;
    if (l->n < 16)
        snprintf(l->text[l->n++], sizeof l->text[0], "%s", line);
}

/* Sends one line; returns the answers joined by '|'. */
static const char *send(brain *b, const char *line, int *ended)
{
    static char joined[1024];
    lines l = {.n = 0};
    int end = brain_line(b, line, collect, &l);
    if (ended)
        *ended = end;
    joined[0] = '\0';
    for (int i = 0; i < l.n; i++) {
        if (i)
            strcat(joined, "|");
        strncat(joined, l.text[i], sizeof joined - strlen(joined) - 1);
    }
    return joined;
}

static int is_move(const char *s, int size)
{
    int x, y, n = 0;
    return sscanf(s, "%d,%d%n", &x, &y, &n) == 2 && s[n] == '\0' && x >= 0 && y >= 0 && x < size &&
           y < size;
}

static void session(void)
{
    brain *b = brain_new(0);
    int ended = 0;
    const char *r;
    TAP_OK(b != NULL, "brain_new");
    TAP_STR_EQ(send(b, "BEGIN", NULL), "ERROR no game started (START first)", "BEGIN before START");
    TAP_STR_EQ(send(b, "START 4", NULL),
               "ERROR unsupported board size (square boards of 5 to 25 only)", "START 4 refused");
    TAP_STR_EQ(send(b, "RECTSTART 20,15", NULL),
               "ERROR unsupported board size (square boards of 5 to 25 only)",
               "RECTSTART of a rectangle refused");
    TAP_STR_EQ(send(b, "START 15", NULL), "OK", "START 15");
    TAP_STR_EQ(send(b, "INFO timeout_turn 200", NULL), "", "INFO has no answer");
    TAP_STR_EQ(send(b, "INFO rule 1", NULL), "", "INFO rule has no answer");
    TAP_STR_EQ(send(b, "INFO rule 9", NULL),
               "MESSAGE rule 8 (caro) is not supported: playing without it", "caro noted");
    TAP_STR_EQ(send(b, "", NULL), "", "empty line ignored");
    TAP_STR_EQ(send(b, "BEGIN", NULL), "7,7", "BEGIN opens in the centre");
    r = send(b, "TURN 8,8", NULL);
    TAP_OK(is_move(r, 15), "TURN answered with a move (%s)", r);
    TAP_STR_EQ(send(b, "TURN 8,8", NULL), "ERROR TURN: point already taken", "TURN on a stone");
    TAP_STR_EQ(send(b, "TURN 15,0", NULL), "ERROR TURN: point outside the board",
               "TURN off the board");
    TAP_STR_EQ(send(b, "TAKEBACK 0,0", NULL), "ERROR TAKEBACK: no stone on that point",
               "TAKEBACK of an empty point");
    TAP_STR_EQ(send(b, "TAKEBACK 8,8", NULL), "OK", "TAKEBACK");
    TAP_STR_EQ(send(b, "FOO", NULL), "UNKNOWN unknown command", "unknown command");
    TAP_STR_EQ(send(b, "TURN x", NULL), "ERROR expected x,y", "bad TURN");
    TAP_STR_EQ(send(b, "DONE", NULL), "ERROR DONE without BOARD or SWAP2BOARD", "stray DONE");
    TAP_STR_EQ(send(b, "RESTART", NULL), "OK", "RESTART");
    /* BOARD: own four on row 0, the engine must complete it. */
    TAP_STR_EQ(send(b, "BOARD", NULL), "", "BOARD");
    send(b, "3,0,1", NULL);
    send(b, "3,5,2", NULL);
    send(b, "4,0,1", NULL);
    send(b, "4,5,2", NULL);
    send(b, "5,0,1", NULL);
    send(b, "5,5,2", NULL);
    send(b, "6,0,1", NULL);
    send(b, "9,9,2", NULL);
    r = send(b, "DONE", NULL);
    TAP_OK(strcmp(r, "2,0") == 0 || strcmp(r, "7,0") == 0, "BOARD: makes five (%s)", r);
    send(b, "RESTART", NULL);
    send(b, "BOARD", NULL);
    send(b, "1,1,1", NULL);
    send(b, "1,1,2", NULL);
    TAP_STR_EQ(send(b, "DONE", NULL), "ERROR BOARD: point already taken", "BOARD with a clash");
    send(b, "BOARD", NULL);
    send(b, "1,1,7", NULL);
    TAP_STR_EQ(send(b, "DONE", NULL),
               "ERROR field must be 1 (own), 2 (opponent) or 3 (winning line)",
               "BOARD with a bad field");
    send(b, "BOARD", NULL);
    send(b, "TURN 1,1", NULL);
    TAP_STR_EQ(send(b, "DONE", NULL), "ERROR BOARD: expected x,y,field or DONE",
               "BOARD with a command inside");
    TAP_STR_EQ(send(b, "PLAY 3,3", NULL), "3,3", "PLAY answers the same point");
    /* SWAP2BOARD */
    send(b, "RESTART", NULL);
    send(b, "SWAP2BOARD", NULL);
    r = send(b, "DONE", NULL);
    TAP_STR_EQ(r, "7,7 8,6 8,8", "SWAP2BOARD with no stones: three stones");
    send(b, "RESTART", NULL);
    send(b, "SWAP2BOARD", NULL);
    send(b, "7,7", NULL);
    send(b, "8,6", NULL);
    send(b, "8,8", NULL);
    r = send(b, "DONE", NULL);
    TAP_OK(strcmp(r, "SWAP") == 0 || is_move(r, 15), "SWAP2BOARD with 3 stones: %s", r);
    send(b, "SWAP2BOARD", NULL);
    send(b, "7,7", NULL);
    TAP_STR_EQ(send(b, "DONE", NULL), "ERROR SWAP2BOARD: expected 0, 3 or 5 stones",
               "SWAP2BOARD with 1 stone");
    r = send(b, "ABOUT", NULL);
    TAP_OK(strncmp(r, "name=\"matchboard-engine\", version=\"", 35) == 0, "ABOUT (%s)", r);
    TAP_STR_EQ(send(b, "END", &ended), "", "END has no answer");
    TAP_OK(ended == 1, "END ends the session");
    brain_free(b);
}

int main(void)
{
    parses();
    rejects();
    formats();
    session();
    return tap_done();
}
