/* rules_chess.c: `matchboard-rules chess`, the command-line face of the chess
 * rules: perft, legal moves, replaying moves and PGN files.
 *
 *   chess perft [--divide] FEN|startpos DEPTH
 *   chess moves FEN|startpos
 *   chess play FEN|startpos MOVES...
 *   chess pgn FILE
 *
 * Exit 0 with an answer (a move the rules refuse is an answer: "move 2. Ke3
 * refused: illegal move" on stdout, as in Gomoku), 2 on bad usage or input
 * that cannot be read (a FEN, a move that is no SAN or UCI), with a message
 * on stderr.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chess.h"
#include "chess_draw.h"
#include "chess_fen.h"
#include "chess_notation.h"
#include "cli.h"
#include "game_chess.h"
#include "grow.h"
#include "pgn.h"
#include "rules_cli.h"

/* The command line: a command and its words, and one flag. */
typedef struct chess_args {
    int divide;   /* perft --divide */
    char **words; /* the command, then its words */
    int nwords;
} chess_args;

static int add_word(void *target, const char *arg, char *why, size_t cap)
{
    chess_args *a = target;
    (void)why;
    (void)cap;
    a->words[a->nwords++] = (char *)arg; /* room for argc words */
    return 0;
}

static const cli_option cli_options[] = {
    {CLI_FLAG, "divide", 0, CLI_FIELD(chess_args, divide),
     .help = "perft: the count below each legal move too, then the total"},
    CLI_OPTION_HELP,
};

static const cli_program program = {
    "matchboard-rules chess",
    "matchboard-rules chess perft [--divide] FEN|startpos DEPTH\n"
    "       matchboard-rules chess moves FEN|startpos\n"
    "       matchboard-rules chess play FEN|startpos MOVES...\n"
    "       matchboard-rules chess pgn FILE",
    NULL,
    CLI_OPTIONS(cli_options),
    "perft  counts the positions DEPTH plies ahead (DEPTH 0..20).\n"
    "moves  lists the legal moves, UCI then SAN, one a line.\n"
    "play   replays MOVEs (SAN or UCI) and prints the FEN and the status, or\n"
    "       the first refused move as: move N. MOVE refused: REASON.\n"
    "pgn    replays each game of a PGN file: its result and status.\n"
    "\n"
    "Exit status: 0 with an answer, 2 on bad usage or unreadable input.\n",
    add_word};

const cli_program *rules_chess_cli(void)
{
    return &program;
}

/* One line on stderr, "matchboard-rules chess: ..." as every error of
 * this program; returns 2 (bad usage or unreadable input). */
static int fail(const char *fmt, ...)
{
    va_list ap;
    fputs("matchboard-rules chess: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

/* A command with the wrong words: what it takes, in one line. */
static int usage(const char *command, const char *takes)
{
    return fail("%s takes %s (see --help)", command, takes);
}

static int load_position(const char *arg, chess_position *pos)
{
    chess_fen_error e = chess_fen_parse(pos, strcmp(arg, "startpos") == 0 ? CHESS_FEN_START : arg);
    if (e != CHESS_FEN_OK) {
        fail("%s", chess_fen_strerror(e));
        return -1;
    }
    return 0;
}

static int cmd_perft(int argc, char **argv, int divide)
{
    chess_position pos;
    if (argc != 3)
        return usage("perft", "FEN|startpos DEPTH");
    if (load_position(argv[1], &pos) != 0)
        return 2;
    char *end;
    long depth = strtol(argv[2], &end, 10);
    if (*end || end == argv[2] || depth < 0 || depth > 20)
        return fail("perft: DEPTH '%s' is not a number from 0 to 20 (see --help)", argv[2]);
    uint64_t total = 0;
    if (divide && depth > 0) {
        chess_move moves[CHESS_MAX_MOVES];
        size_t n = chess_legal_moves(&pos, moves);
        for (size_t i = 0; i < n; i++) {
            char uci[CHESS_MOVE_TEXT_MAX];
            chess_undo u;
            chess_make(&pos, moves[i], &u);
            uint64_t nodes = chess_perft(&pos, (int)depth - 1);
            chess_unmake(&pos, moves[i], &u);
            chess_move_to_uci(moves[i], uci);
            printf("%s: %" PRIu64 "\n", uci, nodes);
            total += nodes;
        }
    } else {
        total = chess_perft(&pos, (int)depth);
    }
    printf("%" PRIu64 "\n", total);
    return 0;
}

typedef struct move_line {
    char uci[CHESS_MOVE_TEXT_MAX], san[CHESS_MOVE_TEXT_MAX];
} move_line;

static int by_uci(const void *a, const void *b)
{
    return strcmp(((const move_line *)a)->uci, ((const move_line *)b)->uci);
}

static int cmd_moves(int argc, char **argv)
{
    chess_position pos;
    chess_move moves[CHESS_MAX_MOVES];
    move_line lines[CHESS_MAX_MOVES];
    if (argc != 2)
        return usage("moves", "FEN|startpos");
    if (load_position(argv[1], &pos) != 0)
        return 2;
    size_t n = chess_legal_moves(&pos, moves);
    for (size_t i = 0; i < n; i++) {
        chess_move_to_uci(moves[i], lines[i].uci);
        chess_move_to_san(&pos, moves[i], lines[i].san);
    }
    qsort(lines, n, sizeof lines[0], by_uci);
    for (size_t i = 0; i < n; i++)
        printf("%s %s\n", lines[i].uci, lines[i].san);
    return 0;
}

static int cmd_play(int argc, char **argv)
{
    chess_fen_error fe;
    if (argc < 2)
        return usage("play", "FEN|startpos MOVES...");
    game *g =
        game_chess_create_fen(strcmp(argv[1], "startpos") == 0 ? CHESS_FEN_START : argv[1], &fe);
    if (!g) {
        return fail("play: %s", fe ? chess_fen_strerror(fe) : "out of memory");
    }
    int rc = 0;
    int refused = 0;
    for (int i = 2; i < argc && rc == 0 && !refused; i++) {
        const chess_position *pos = game_chess_position(g);
        unsigned long number = (unsigned long)pos->fullmove;
        const char *dots = pos->side == CHESS_WHITE ? "." : "...";
        chess_move m;
        game_move gm;
        chess_notation_error e = chess_move_from_text(pos, argv[i], &m);
        game_move_error ge = GAME_MOVE_OK;
        if (e == CHESS_NOTATION_OK) {
            game_chess_move_to_game(m, &gm);
            ge = game_chess_ops.apply(g, &gm);
        }
        if (e == CHESS_NOTATION_SYNTAX) {
            rc = fail("play: move %lu%s %s: %s", number, dots, argv[i], chess_notation_strerror(e));
        } else if (e != CHESS_NOTATION_OK || ge != GAME_MOVE_OK) {
            /* A well-formed move the rules refuse is an answer, like
             * Gomoku's: printed on stdout, exit 0. */
            printf("move %lu%s %s refused: %s\n", number, dots, argv[i],
                   e != CHESS_NOTATION_OK ? chess_notation_strerror(e) : game_move_strerror(ge));
            refused = 1;
        }
    }
    if (rc == 0 && !refused) {
        char fen[CHESS_FEN_MAX];
        game_chess_fen(g, fen, sizeof fen);
        chess_status st = game_chess_status(g);
        /* fivefold and 75 moves are also threefold and fifty: the server
         * ends the game at the first of those */
        if (st == CHESS_STATUS_FIVEFOLD)
            st = CHESS_STATUS_THREEFOLD;
        else if (st == CHESS_STATUS_SEVENTYFIVE)
            st = CHESS_STATUS_FIFTY;
        printf("%s\n%s\n", fen, chess_status_str(st));
    }
    game_chess_ops.destroy(g);
    return rc;
}

/* Reads a whole file; NULL with a message on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    if (!f) {
        fail("pgn: cannot open %s", path);
        return NULL;
    }
    for (;;) {
        if (mb_grow(&buf, &cap, *len + 1, 1, 65536) != 0) {
            fail("pgn: out of memory");
            free(buf);
            fclose(f);
            return NULL;
        }
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fail("pgn: cannot read %s", path);
        free(buf);
        return NULL;
    }
    return buf;
}

static int cmd_pgn(int argc, char **argv)
{
    size_t len;
    if (argc != 2)
        return usage("pgn", "one FILE");
    char *text = read_file(argv[1], &len);
    if (!text)
        return 2;
    pgn_reader r;
    pgn_game pg;
    pgn_error err;
    int rc = 0, got;
    pgn_reader_init(&r, text, len);
    while ((got = pgn_read_game(&r, &pg, &err)) != 0) {
        if (got < 0) {
            rc = fail("pgn: %s", err.message);
            continue;
        }
        chess_status st = game_chess_status(pg.game);
        printf("game %u: %s (%s after %" PRIu32 " plies)\n", r.game_number,
               pg.result[0] ? pg.result : "*", chess_status_str(st), game_chess_ops.ply(pg.game));
        pgn_game_free(&pg);
    }
    free(text);
    return rc;
}

/* Runs the command in a->words. */
static int run(const chess_args *a)
{
    const char *command = a->words[0];
    if (a->divide && strcmp(command, "perft") != 0)
        return fail("--divide goes with perft (see --help)");
    if (strcmp(command, "perft") == 0)
        return cmd_perft(a->nwords, a->words, a->divide);
    if (strcmp(command, "moves") == 0)
        return cmd_moves(a->nwords, a->words);
    if (strcmp(command, "play") == 0)
        return cmd_play(a->nwords, a->words);
    if (strcmp(command, "pgn") == 0)
        return cmd_pgn(a->nwords, a->words);
    return fail("unknown command '%s': perft, moves, play or pgn (see --help)", command);
}

int rules_chess_main(int argc, char **argv)
{
    chess_args a = {0, NULL, 0};
    char err[256];
    int rc = 2;
    a.words = malloc((size_t)argc * sizeof *a.words);
    if (!a.words) {
        return fail("out of memory");
    }
    switch (cli_parse(&program, argc, argv, 1, &a, err, sizeof err)) {
    case CLI_OK:
        rc = a.nwords == 0 ? fail("missing command: perft, moves, play or pgn (see --help)")
                           : run(&a);
        break;
    case CLI_HELP_ASKED:
        rc = cli_print_help(&program, stdout) == 0 ? 0 : 1;
        break;
    default:
        rc = cli_usage_error(&program, stderr, err);
        break;
    }
    free(a.words);
    return rc;
}
