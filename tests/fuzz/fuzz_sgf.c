/* fuzz_sgf.c: libFuzzer target for the SGF reader and writer.
 *
 * For any input it checks that:
 *  - sgf_read returns a known error or SGF_OK, stops within the input and,
 *    on a refused move, says why;
 *  - a record read is written back (with its players and result), and
 *    reading that text gives the same board, setup, moves, side to move,
 *    status, players and result; writing it again gives the same bytes;
 *  - the writer is snprintf-like with a short buffer.
 */
#include <string.h>

#include "fuzz_check.h"
#include "game.h"
#include "gomoku.h"
#include "sgf.h"

#define MAX_INPUT 16384

static void check_same(const sgf_record *a, const sgf_record *b)
{
    const gomoku *ga = &a->game, *gb = &b->game;
    int size = gomoku_size(ga);
    CHECK(gomoku_size(gb) == size);
    CHECK(gomoku_get_rule(ga) == gomoku_get_rule(gb));
    CHECK(gomoku_to_move(ga) == gomoku_to_move(gb));
    CHECK(gomoku_get_status(ga) == gomoku_get_status(gb));
    CHECK(gomoku_move_count(ga) == gomoku_move_count(gb));
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
            CHECK(gomoku_at(ga, x, y) == gomoku_at(gb, x, y));
    for (int i = 0; i < gomoku_move_count(ga); i++) {
        gomoku_point pa, pb;
        CHECK(gomoku_move_at(ga, i, &pa) == 0 && gomoku_move_at(gb, i, &pb) == 0);
        CHECK(pa.x == pb.x && pa.y == pb.y);
    }
    CHECK(strcmp(a->black, b->black) == 0 && strcmp(a->white, b->white) == 0);
}

static char *write_sgf(const sgf_record *rec, game_result r, int *len)
{
    game_record_info info;
    int n;
    char *buf;
    memset(&info, 0, sizeof info);
    info.player1 = rec->black;
    info.player2 = rec->white;
    n = sgf_write(&rec->game, &info, r, NULL, 0);
    CHECK(n > 0);
    buf = malloc((size_t)n + 1);
    CHECK(buf != NULL);
    CHECK(sgf_write(&rec->game, &info, r, buf, (size_t)n + 1) == n && strlen(buf) == (size_t)n);
    {
        size_t cap = (size_t)n / 2;
        char *small = malloc(cap);
        CHECK(small != NULL);
        CHECK(sgf_write(&rec->game, &info, r, small, cap) == n);
        CHECK(strlen(small) == cap - 1 && memcmp(small, buf, cap - 1) == 0);
        free(small);
    }
    *len = n;
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sgf_record rec, back;
    char *text, *again;
    int n, n2;
    sgf_error e;

    if (size > MAX_INPUT)
        return 0;
    e = sgf_read((const char *)data, size, &rec);
    CHECK(e <= SGF_OK && e >= SGF_ERR_BUFFER);
    CHECK(rec.offset <= size);
    if (e == SGF_ERR_ILLEGAL && rec.bad_move >= 1)
        CHECK(rec.verdict != GOMOKU_OK); /* a refused move says why */
    if (e != SGF_OK)
        return 0;

    text = write_sgf(&rec, rec.result, &n);
    e = sgf_read(text, (size_t)n, &back);
    CHECK(e == SGF_OK);
    check_same(&rec, &back);
    /* A recorded result survives (its text is compared below). */
    if (rec.result.reason != GAME_END_NONE)
        CHECK(back.result.reason != GAME_END_NONE);
    again = write_sgf(&back, back.result, &n2);
    CHECK(n2 == n && memcmp(text, again, (size_t)n) == 0);
    free(again);
    free(text);
    return 0;
}
