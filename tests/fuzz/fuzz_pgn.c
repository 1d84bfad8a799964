/* fuzz_pgn.c: libFuzzer target for the PGN reader and writer.
 *
 * The input is read as a PGN file, game after game. It checks that:
 *  - every call makes progress (no endless loop) and an error says what
 *    and where (a known code, a message);
 *  - a game read is written back (with its own Event, Site, Date, White
 *    and Black), and reading that text gives one game with the same start
 *    position, the same moves, the same tags (as the writer escapes them)
 *    and a Result tag equal to the movetext's result; writing it again
 *    gives the same text byte for byte;
 *  - the writer is snprintf-like: a short buffer gets the same length back
 *    and a NUL-terminated prefix.
 */
#include <string.h>

#include "fuzz_check.h"
#include "game.h"
#include "game_chess.h"
#include "pgn.h"

#define MAX_INPUT 16384
#define MAX_GAMES 16

/* A tag value as pgn_write writes it: control characters become spaces,
 * an empty or missing value becomes the writer's default. */
static void as_written(const char *v, const char *dflt, char *out, size_t cap)
{
    size_t n = 0;
    if (!v || !*v)
        v = dflt;
    for (; *v && n + 1 < cap; v++)
        out[n++] = (unsigned char)*v < ' ' ? ' ' : *v;
    out[n] = '\0';
}

static void check_tag(const pgn_game *back, const pgn_game *pg, const char *name, const char *dflt)
{
    char want[1100];
    const char *got = pgn_tag_value(back, name);
    as_written(pgn_tag_value(pg, name), dflt, want, sizeof want);
    CHECK(got && strcmp(got, want) == 0);
}

static void check_same_game(const game *a, const game *b)
{
    const game_ops *ops = &game_chess_ops;
    char fa[CHESS_FEN_MAX], fb[CHESS_FEN_MAX];
    CHECK(ops->ply(a) == ops->ply(b));
    for (uint32_t i = 0; i < ops->ply(a); i++)
        CHECK(game_chess_history_move(a, i) == game_chess_history_move(b, i));
    CHECK(game_chess_start_fen(a, fa, sizeof fa) > 0 && game_chess_start_fen(b, fb, sizeof fb) > 0);
    CHECK(strcmp(fa, fb) == 0);
    CHECK(game_chess_fen(a, fa, sizeof fa) > 0 && game_chess_fen(b, fb, sizeof fb) > 0);
    CHECK(strcmp(fa, fb) == 0);
}

/* Writes g; the text is malloc'd, *len its length. */
static char *write_pgn(const game *g, const game_record_info *info, game_result r, int *len)
{
    int n = pgn_write(g, info, r, NULL, 0);
    char *buf;
    CHECK(n > 0);
    buf = malloc((size_t)n + 1);
    CHECK(buf != NULL);
    CHECK(pgn_write(g, info, r, buf, (size_t)n + 1) == n && strlen(buf) == (size_t)n);
    if (n > 2) {
        /* Truncated: same length needed, a NUL-terminated prefix. */
        size_t cap = (size_t)n / 2;
        char *small = malloc(cap);
        CHECK(small != NULL);
        CHECK(pgn_write(g, info, r, small, cap) == n);
        CHECK(strlen(small) == cap - 1 && memcmp(small, buf, cap - 1) == 0);
        free(small);
    }
    *len = n;
    return buf;
}

static void check_round_trip(const pgn_game *pg)
{
    game_record_info info;
    game_result r = game_chess_ops.result(pg->game);
    pgn_reader rd;
    pgn_game back, none;
    pgn_error err;
    char *text, *again;
    int n, n2;

    memset(&info, 0, sizeof info);
    info.event = pgn_tag_value(pg, "Event");
    info.site = pgn_tag_value(pg, "Site");
    info.date = pgn_tag_value(pg, "Date");
    info.player1 = pgn_tag_value(pg, "White");
    info.player2 = pgn_tag_value(pg, "Black");
    text = write_pgn(pg->game, &info, r, &n);

    pgn_reader_init(&rd, text, (size_t)n);
    CHECK(pgn_read_game(&rd, &back, &err) == 1);
    CHECK(pgn_read_game(&rd, &none, &err) == 0);
    check_same_game(pg->game, back.game);
    check_tag(&back, pg, "Event", "?");
    check_tag(&back, pg, "Site", "?");
    check_tag(&back, pg, "Date", "????.??.??");
    check_tag(&back, pg, "White", "?");
    check_tag(&back, pg, "Black", "?");
    CHECK(back.result[0] != '\0');
    CHECK(pgn_tag_value(&back, "Result") &&
          strcmp(pgn_tag_value(&back, "Result"), back.result) == 0);

    info.event = pgn_tag_value(&back, "Event");
    info.site = pgn_tag_value(&back, "Site");
    info.date = pgn_tag_value(&back, "Date");
    info.player1 = pgn_tag_value(&back, "White");
    info.player2 = pgn_tag_value(&back, "Black");
    again = write_pgn(back.game, &info, game_chess_ops.result(back.game), &n2);
    CHECK(n2 == n && memcmp(text, again, (size_t)n) == 0);
    free(again);
    free(text);
    pgn_game_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pgn_reader rd;
    if (size > MAX_INPUT)
        return 0;
    pgn_reader_init(&rd, (const char *)data, size);
    for (int i = 0; i < MAX_GAMES; i++) {
        pgn_game pg;
        pgn_error err;
        size_t before = rd.pos;
        int rc = pgn_read_game(&rd, &pg, &err);
        CHECK(rd.pos <= size);
        if (rc == 0)
            break;
        CHECK(rd.pos > before); /* progress: no endless loop on any input */
        if (rc < 0) {
            CHECK(rc == err.code);
            CHECK(rc == GAME_ERR_PARSE || rc == GAME_ERR_ILLEGAL || rc == GAME_ERR_NOMEM);
            CHECK(err.message[0] != '\0' && memchr(err.message, '\0', sizeof err.message));
            continue;
        }
        CHECK(rc == 1 && pg.game != NULL);
        check_round_trip(&pg);
        pgn_game_free(&pg);
    }
    return 0;
}
