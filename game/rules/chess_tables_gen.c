/* chess_tables_gen.c: build-time generator of the chess rules' constant tables.
 *
 * Run by Meson on the build machine (native: true); writes one C file of
 * `const` tables: leaper attacks, magic bitboards for the sliders (the magic
 * multipliers are found here with a fixed-seed generator, so every build
 * produces the same file), between/line masks, castling-right masks and the
 * Zobrist keys. The rules library then has no run-time initialisation and no
 * mutable global state.
 *
 * Usage: chess_tables_gen OUTPUT.c
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

/* xorshift64*: deterministic, good enough for magics and Zobrist keys. */
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static uint64_t bit(int f, int r)
{
    return (f >= 0 && f < 8 && r >= 0 && r < 8) ? 1ull << (r * 8 + f) : 0;
}

static uint64_t leaper(int sq, const int (*d)[2], int n)
{
    uint64_t b = 0;
    for (int i = 0; i < n; i++)
        b |= bit(sq % 8 + d[i][0], sq / 8 + d[i][1]);
    return b;
}

static const int rook_dirs[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
static const int bishop_dirs[4][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};

/* Sliding attacks from sq with blockers occ, the slow reference way. */
static uint64_t slide(int sq, uint64_t occ, const int (*d)[2])
{
    uint64_t b = 0;
    for (int i = 0; i < 4; i++) {
        int f = sq % 8 + d[i][0], r = sq / 8 + d[i][1];
        while (f >= 0 && f < 8 && r >= 0 && r < 8) {
            b |= 1ull << (r * 8 + f);
            if (occ & (1ull << (r * 8 + f)))
                break;
            f += d[i][0];
            r += d[i][1];
        }
    }
    return b;
}

/* Relevant occupancy: the rays without their last square. */
static uint64_t relevant(int sq, const int (*d)[2])
{
    uint64_t b = 0;
    for (int i = 0; i < 4; i++) {
        int f = sq % 8 + d[i][0], r = sq / 8 + d[i][1];
        while (f + d[i][0] >= 0 && f + d[i][0] < 8 && r + d[i][1] >= 0 && r + d[i][1] < 8) {
            b |= 1ull << (r * 8 + f);
            f += d[i][0];
            r += d[i][1];
        }
    }
    return b;
}

static int popcount(uint64_t b)
{
    int n = 0;
    for (; b; b &= b - 1)
        n++;
    return n;
}

typedef struct magic {
    uint64_t mask, magic;
    unsigned offset, shift;
} magic;

static uint64_t *table;
static unsigned table_len;

/* Finds a magic for sq and appends its attack table. */
static int find_magic(int sq, const int (*d)[2], magic *out)
{
    static uint64_t occs[4096], atts[4096], used[4096];
    uint64_t mask = relevant(sq, d);
    int bits = popcount(mask);
    unsigned n = 0;
    uint64_t sub = 0;
    do {
        occs[n] = sub;
        atts[n] = slide(sq, sub, d);
        n++;
        sub = (sub - mask) & mask;
    } while (sub);

    for (long tries = 0; tries < 100000000L; tries++) {
        uint64_t m = rng() & rng() & rng(); /* NOLINT(misc-redundant-expression): 3 draws */
        if (popcount((mask * m) & 0xFF00000000000000ull) < 6)
            continue;
        memset(used, 0, sizeof(uint64_t) * (1u << bits));
        unsigned i;
        for (i = 0; i < n; i++) {
            /* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult): bits is 5..12 */
            unsigned idx = (unsigned)((occs[i] * m) >> (64 - bits));
            if (used[idx] == 0)
                used[idx] = atts[i];
            else if (used[idx] != atts[i])
                break;
        }
        if (i == n) {
            out->mask = mask;
            out->magic = m;
            out->shift = (unsigned)(64 - bits);
            out->offset = table_len;
            uint64_t *grown = realloc(table, sizeof(uint64_t) * (table_len + (1u << bits)));
            if (!grown)
                return -1; /* table keeps its old block */
            table = grown;
            memcpy(table + table_len, used, sizeof(uint64_t) * (1u << bits));
            table_len += 1u << bits;
            return 0;
        }
    }
    return -1;
}

/* Writes `decl = {...};` with n values in rows of `row` (row == n: flat). */
static void print_array(FILE *o, const char *decl, const uint64_t *v, size_t n, size_t row)
{
    fprintf(o, "%s = {\n", decl);
    for (size_t i = 0; i < n; i++) {
        if (row != n && i % row == 0)
            fprintf(o, "{");
        fprintf(o, "0x%016" PRIx64 "u,", v[i]);
        if (row != n && i % row == row - 1)
            fprintf(o, "},");
        if (i % 4 == 3)
            fprintf(o, "\n");
    }
    fprintf(o, "};\n\n");
}

static void print_magics(FILE *o, const char *name, const magic *m)
{
    fprintf(o, "const chess_magic %s[64] = {\n", name);
    for (int sq = 0; sq < 64; sq++)
        fprintf(o, "{0x%016" PRIx64 "u, 0x%016" PRIx64 "u, chess_slider_attacks + %u, %u},\n",
                m[sq].mask, m[sq].magic, m[sq].offset, m[sq].shift);
    fprintf(o, "};\n\n");
}

int main(int argc, char **argv)
{
    static const int knight_d[8][2] = {{1, 2},   {2, 1},   {2, -1}, {1, -2},
                                       {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}};
    static const int king_d[8][2] = {{1, 0},  {1, 1},   {0, 1},  {-1, 1},
                                     {-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
    static const int wpawn_d[2][2] = {{-1, 1}, {1, 1}};
    static const int bpawn_d[2][2] = {{-1, -1}, {1, -1}};
    static uint64_t knight[64], king[64], pawn[128], between[4096], line[4096],
        zob[16 * 64 + 16 + 8 + 1];
    static magic rook_m[64], bishop_m[64];

    if (argc != 2) {
        fprintf(stderr, "usage: chess_tables_gen OUTPUT.c\n");
        return 2;
    }
    for (int sq = 0; sq < 64; sq++) {
        knight[sq] = leaper(sq, knight_d, 8);
        king[sq] = leaper(sq, king_d, 8);
        pawn[sq] = leaper(sq, wpawn_d, 2);
        pawn[64 + sq] = leaper(sq, bpawn_d, 2);
    }
    for (int a = 0; a < 64; a++)
        for (int b = 0; b < 64; b++) {
            uint64_t ab = (1ull << a) | (1ull << b);
            if (a == b)
                continue;
            if (slide(a, 0, rook_dirs) & (1ull << b)) {
                between[a * 64 + b] =
                    slide(a, 1ull << b, rook_dirs) & slide(b, 1ull << a, rook_dirs);
                line[a * 64 + b] = (slide(a, 0, rook_dirs) & slide(b, 0, rook_dirs)) | ab;
            } else if (slide(a, 0, bishop_dirs) & (1ull << b)) {
                between[a * 64 + b] =
                    slide(a, 1ull << b, bishop_dirs) & slide(b, 1ull << a, bishop_dirs);
                line[a * 64 + b] = (slide(a, 0, bishop_dirs) & slide(b, 0, bishop_dirs)) | ab;
            }
        }
    for (int sq = 0; sq < 64; sq++)
        if (find_magic(sq, rook_dirs, &rook_m[sq]) || find_magic(sq, bishop_dirs, &bishop_m[sq])) {
            fprintf(stderr, "chess_tables_gen: no magic found for square %d\n", sq);
            return 1;
        }
    for (size_t i = 0; i < sizeof zob / sizeof zob[0]; i++)
        zob[i] = rng();
    zob[16 * 64] = 0; /* no castling rights adds nothing to the key */
    for (int c = 1; c < 16; c++) {
        /* one key per right, combined by xor so updates are per right */
        uint64_t k = 0;
        for (int r = 0; r < 4; r++)
            if (c & (1 << r))
                k ^= zob[16 * 64 + (1 << r)];
        zob[16 * 64 + c] = k;
    }

    FILE *o = fopen(argv[1], "w");
    if (!o) {
        perror(argv[1]);
        return 1;
    }
    fprintf(o,
            "/* Generated by chess_tables_gen.c: do not edit. */\n#include \"chess_tables.h\"\n\n");
    print_array(o, "const uint64_t chess_slider_attacks[]", table, table_len, table_len);
    print_magics(o, "chess_rook_magics", rook_m);
    print_magics(o, "chess_bishop_magics", bishop_m);
    print_array(o, "const uint64_t chess_knight_attacks[64]", knight, 64, 64);
    print_array(o, "const uint64_t chess_king_attacks[64]", king, 64, 64);
    print_array(o, "const uint64_t chess_pawn_attacks[2][64]", pawn, 128, 64);
    print_array(o, "const uint64_t chess_between[64][64]", between, 4096, 64);
    print_array(o, "const uint64_t chess_line[64][64]", line, 4096, 64);
    print_array(o, "const uint64_t chess_zobrist_pieces[16][64]", zob, 16 * 64, 64);
    print_array(o, "const uint64_t chess_zobrist_castling[16]", zob + 16 * 64, 16, 16);
    print_array(o, "const uint64_t chess_zobrist_ep_file[8]", zob + 16 * 64 + 16, 8, 8);
    fprintf(o, "const uint64_t chess_zobrist_side = 0x%016" PRIx64 "u;\n", zob[16 * 64 + 24]);
    free(table);
    if (fclose(o) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
