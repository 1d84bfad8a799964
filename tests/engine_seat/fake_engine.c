/* fake_engine.c: a tiny engine for the engine-seat tests, speaking the
 * Gomocup protocol (and, for the failure tests, a little UCI). It plays the
 * first free point nearest the last stone, so its games are quick and
 * legal. --fail MODE makes it misbehave after --after N moves of its own:
 *   crash    abort() instead of answering
 *   exit     exit(3) instead of answering
 *   hang     never answer (and ignore the end of its input)
 *   garbage  answer a line that is no Gomocup answer
 *   illegal  answer an occupied point
 *   refuse   answer START with ERROR
 * --uci: a UCI engine whose every bestmove is illegal (e2e5), or with
 * --fail hang, which never says uciok.
 * SWAP2BOARD (a swap2 opening) is answered the same way every time: on an
 * empty board three stones around the centre, on three stones two more
 * (the first two free points from the top left: place two), on five SWAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXN 32

static int size = 15, width = 15, height = 15;
static unsigned char board[MAXN][MAXN]; /* 0 empty, 1 mine, 2 theirs */
static const char *fail_mode = "";
static int after = 0, played = 0;

static void say(const char *fmt, const char *arg)
{
    printf(fmt, arg);
    fflush(stdout);
}

static void hang(void)
{
    for (;;) {
        struct timespec ts = {1, 0};
        nanosleep(&ts, NULL);
    }
}

static void answer(int lx, int ly)
{
    int best = -1, bx = 0, by = 0;
    if (played++ >= after && *fail_mode) {
        if (strcmp(fail_mode, "crash") == 0)
            abort();
        if (strcmp(fail_mode, "exit") == 0)
            exit(3);
        if (strcmp(fail_mode, "hang") == 0)
            hang();
        if (strcmp(fail_mode, "garbage") == 0) {
            say("%s\n", "I resign, said nobody");
            return;
        }
        if (strcmp(fail_mode, "illegal") == 0 && lx >= 0) {
            printf("%d,%d\n", lx, ly);
            fflush(stdout);
            return;
        }
    }
    if (lx < 0) {
        lx = width / 2;
        ly = height / 2;
    }
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            int d = abs(x - lx) + abs(y - ly);
            if (!board[x][y] && (best < 0 || d < best)) {
                best = d;
                bx = x;
                by = y;
            }
        }
    board[bx][by] = 1;
    printf("%d,%d\n", bx, by);
    fflush(stdout);
}

/* The answer to SWAP2BOARD with n stones on the board. */
static void swap2_answer(int n)
{
    int c = width / 2, given = 0;
    if (n == 0) {
        board[c][c] = board[c + 1][c - 1] = board[c + 1][c + 1] = 1;
        printf("%d,%d %d,%d %d,%d\n", c, c, c + 1, c - 1, c + 1, c + 1);
    } else if (n == 3) {
        for (int y = 0; y < height && given < 2; y++)
            for (int x = 0; x < width && given < 2; x++)
                if (!board[x][y]) {
                    board[x][y] = 1;
                    printf(given++ ? " %d,%d\n" : "%d,%d", x, y);
                }
    } else {
        printf("SWAP\n");
    }
    fflush(stdout);
}

static void uci(void)
{
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "uci", 3) == 0 && (line[3] == '\n' || line[3] == '\r')) {
            if (strcmp(fail_mode, "hang") == 0)
                hang();
            say("%s\n", "id name fake-uci\nuciok");
        } else if (strncmp(line, "isready", 7) == 0) {
            say("%s\n", "readyok");
        } else if (strncmp(line, "go", 2) == 0) {
            say("%s\n", "bestmove e2e5");
        } else if (strncmp(line, "quit", 4) == 0) {
            return;
        }
    }
}

int main(int argc, char **argv)
{
    char line[4096];
    int in_board = 0, in_swap2 = 0, swap2_stones = 0, lx = -1, ly = -1, uci_mode = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fail") == 0 && i + 1 < argc)
            fail_mode = argv[++i];
        else if (strcmp(argv[i], "--after") == 0 && i + 1 < argc)
            after = atoi(argv[++i]);
        else if (strcmp(argv[i], "--uci") == 0)
            uci_mode = 1;
    }
    if (uci_mode) {
        uci();
        return 0;
    }
    while (fgets(line, sizeof line, stdin)) {
        int x, y, who;
        line[strcspn(line, "\r\n")] = 0;
        if (in_swap2) {
            if (strcmp(line, "DONE") == 0) {
                in_swap2 = 0;
                swap2_answer(swap2_stones);
            } else if (sscanf(line, "%d,%d", &x, &y) == 2 && x >= 0 && y >= 0 && x < width &&
                       y < height) {
                board[x][y] = 2;
                swap2_stones++;
            }
            continue;
        }
        if (in_board) {
            if (strcmp(line, "DONE") == 0) {
                in_board = 0;
                answer(lx, ly);
            } else if (sscanf(line, "%d,%d,%d", &x, &y, &who) == 3 && x >= 0 && y >= 0 &&
                       x < width && y < height) {
                board[x][y] = (unsigned char)who;
                lx = x;
                ly = y;
            }
            continue;
        }
        if (sscanf(line, "START %d", &size) == 1) {
            if (strcmp(fail_mode, "refuse") == 0) {
                say("%s\n", "ERROR unsupported size or other error");
                continue;
            }
            if (size < 5 || size > MAXN) {
                say("%s\n", "ERROR unsupported size");
                continue;
            }
            width = height = size;
            memset(board, 0, sizeof board);
            say("%s\n", "OK");
        } else if (strcmp(line, "RESTART") == 0) {
            memset(board, 0, sizeof board);
            say("%s\n", "OK");
        } else if (strcmp(line, "BEGIN") == 0) {
            answer(-1, -1);
        } else if (sscanf(line, "TURN %d,%d", &x, &y) == 2 && x >= 0 && y >= 0 && x < width &&
                   y < height) {
            board[x][y] = 2;
            answer(x, y);
        } else if (strcmp(line, "SWAP2BOARD") == 0) {
            memset(board, 0, sizeof board);
            in_swap2 = 1;
            swap2_stones = 0;
        } else if (strcmp(line, "BOARD") == 0) {
            memset(board, 0, sizeof board);
            in_board = 1;
            lx = ly = -1;
        } else if (strncmp(line, "INFO", 4) == 0) {
            continue;
        } else if (strcmp(line, "ABOUT") == 0) {
            say("%s\n", "name=\"fake\", version=\"1\"");
        } else if (strcmp(line, "END") == 0) {
            if (strcmp(fail_mode, "hang") == 0)
                hang();
            return 0;
        } else {
            say("UNKNOWN %s\n", line);
        }
    }
    if (strcmp(fail_mode, "hang") == 0)
        hang();
    return 0;
}
