/* test_bot.c: matchboard-bot's command line, its scripts, and its moves:
 * seeded random games are reproducible and legal, scripts are followed. */
#include <string.h>

#include "bot.h"
#include "game_gomoku.h"
#include "gomoku_opening.h"
#include "tap.h"

static bot_args_result parse(const char *line, bot_args *a, char *err)
{
    static char buf[512];
    char *argv[32];
    int argc = 0;
    strcpy(buf, line);
    argv[argc++] = "matchboard-bot";
    for (char *t = strtok(buf, " "); t && argc < 31; t = strtok(NULL, " "))
        argv[argc++] = t;
    argv[argc] = NULL;
    return bot_parse_args(argc, argv, a, err, 200);
}

static void test_args(void)
{
    bot_args a;
    char err[200];
    TAP_INT_EQ(parse("--connect 10.0.0.5:8000 --name ann --random 42 --games 3 --quiet", &a, err),
               BOT_ARGS_RUN, "a full command line parses");
    TAP_STR_EQ(a.host, "10.0.0.5", "host");
    TAP_INT_EQ(a.port, 8000, "port");
    TAP_STR_EQ(a.name, "ann", "name");
    TAP_OK(a.seed == 42 && a.games == 3 && a.quiet && !a.watch, "seed, games, quiet");
    TAP_INT_EQ(parse("--connect localhost", &a, err), BOT_ARGS_RUN, "host without port");
    TAP_INT_EQ(a.port, BOT_DEFAULT_PORT, "default port 7777");
    TAP_OK(a.games == 1 && a.seed == 1 && a.drop_after == -1 && !a.moves_file, "defaults");
    TAP_INT_EQ(parse("--connect [::1]:9000 --watch", &a, err), BOT_ARGS_RUN, "[v6]:port, watch");
    TAP_OK(strcmp(a.host, "::1") == 0 && a.port == 9000 && a.watch, "IPv6 host and port");
    TAP_INT_EQ(parse("--connect h --delay 50 --drop-after 6 --timeout 3", &a, err), BOT_ARGS_RUN,
               "--delay, --drop-after, --timeout");
    TAP_OK(a.delay_ms == 50 && a.drop_after == 6 && a.timeout_ms == 3000, "their values");
    TAP_INT_EQ(parse("--help", &a, err), BOT_ARGS_HELP, "--help");
    TAP_INT_EQ(parse("--connect x --version", &a, err), BOT_ARGS_VERSION, "--version");

    TAP_INT_EQ(parse("", &a, err), BOT_ARGS_BAD, "--connect is required");
    TAP_STR_EQ(err, "--connect HOST[:PORT] is required", "and says so");
    TAP_INT_EQ(parse("--connect h --frobnicate", &a, err), BOT_ARGS_BAD, "unknown flag");
    TAP_STR_EQ(err, "unknown option '--frobnicate'", "names it");
    TAP_INT_EQ(parse("--connect h:99999", &a, err), BOT_ARGS_BAD, "port out of range");
    TAP_INT_EQ(parse("--connect h:0", &a, err), BOT_ARGS_BAD, "port 0");
    TAP_INT_EQ(parse("--connect h --games 0", &a, err), BOT_ARGS_BAD, "--games 0");
    TAP_INT_EQ(parse("--connect h --games x", &a, err), BOT_ARGS_BAD, "--games x");
    TAP_INT_EQ(parse("--connect h --random -3", &a, err), BOT_ARGS_BAD, "negative seed");
    TAP_INT_EQ(parse("--connect h --random", &a, err), BOT_ARGS_BAD, "--random without value");
    TAP_STR_EQ(err, "--random needs a value", "says it needs a value");
    TAP_INT_EQ(parse("--connect h --random 1 --moves f", &a, err), BOT_ARGS_BAD,
               "--random and --moves together");
    TAP_INT_EQ(parse("--connect h --watch --random 3", &a, err), BOT_ARGS_BAD,
               "--watch with --random");
    TAP_INT_EQ(parse("--connect h --name abcdefghijklmnopqrstuvwxyz", &a, err), BOT_ARGS_BAD,
               "a name too long for the protocol");
}

static void test_script(void)
{
    bot_script s;
    TAP_INT_EQ(bot_script_parse("# fool's mate\n1. f2f3 e7e5\n2. g2g4, d8h4 # mate\n", &s), 0,
               "a script parses");
    TAP_INT_EQ(s.count, 4, "four moves, numbers and comments skipped");
    TAP_OK(s.count == 4 && strcmp(s.moves[0], "f2f3") == 0 && strcmp(s.moves[3], "d8h4") == 0,
           "in order");
    bot_script_free(&s);
}

static void test_rng(void)
{
    bot_rng a, b;
    int same = 1, below = 1;
    bot_rng_seed(&a, 7);
    bot_rng_seed(&b, 7);
    for (int i = 0; i < 1000; i++) {
        uint64_t x = bot_rng_next(&a);
        if (x != bot_rng_next(&b))
            same = 0;
        if (bot_rng_below(&a, 13) >= 13)
            below = 0;
        bot_rng_next(&b);
    }
    TAP_OK(same, "the same seed gives the same numbers");
    TAP_OK(below, "bot_rng_below stays below its bound");
    bot_rng_seed(&a, 0);
    TAP_OK(bot_rng_next(&a) == UINT64_C(0xE220A8397B1DCDAF), "splitmix64's known first value");
}

/* Plays a whole game of random moves from a seed; returns the plies and
 * the move list's text. */
static uint32_t random_game(const game_ops *ops, uint64_t seed, char *record, size_t cap,
                            int *all_legal)
{
    game_options o = {ops->kind, 0, 0, 0};
    game *g;
    bot_rng r;
    size_t len = 0;
    uint32_t plies;
    ops->normalize_options(&o);
    g = ops->create(&o);
    bot_rng_seed(&r, seed);
    *all_legal = 1;
    record[0] = 0;
    while (ops->result(g).reason == GAME_END_NONE && ops->ply(g) < 300) {
        game_move m;
        char err[100], text[16];
        if (bot_choose_move(ops, g, NULL, &r, &m, err, sizeof err) != 0)
            break;
        if (ops->check_move(g, ops->to_move(g), &m) != GAME_MOVE_OK)
            *all_legal = 0;
        if (ops->move_to_text(g, &m, text, sizeof text) > 0 && len + 20 < cap)
            len += (size_t)snprintf(record + len, cap - len, "%s ", text);
        if (ops->apply(g, &m) != GAME_MOVE_OK)
            break;
    }
    plies = ops->ply(g);
    ops->destroy(g);
    return plies;
}

static void test_moves(const game_ops *ops, const char *script_text, const char *bad_script)
{
    static char r1[8192], r2[8192], r3[8192];
    int legal1, legal2, legal3;
    uint32_t p1 = random_game(ops, 99, r1, sizeof r1, &legal1);
    uint32_t p2 = random_game(ops, 99, r2, sizeof r2, &legal2);
    random_game(ops, 100, r3, sizeof r3, &legal3);
    game_options o = {ops->kind, 0, 0, 0};
    bot_script s;
    bot_rng r;
    game *g;
    game_move m;
    char err[160];
    TAP_OK(p1 > 0 && legal1 && legal2 && legal3, "%s: random games of legal moves (%lu plies)",
           ops->name, (unsigned long)p1);
    TAP_OK(p1 == p2 && strcmp(r1, r2) == 0, "%s: the same seed replays the same game", ops->name);
    TAP_OK(strcmp(r1, r3) != 0, "%s: another seed plays another game", ops->name);

    ops->normalize_options(&o);
    g = ops->create(&o);
    bot_rng_seed(&r, 1);
    bot_script_parse(script_text, &s);
    for (size_t i = 0; i < s.count; i++) {
        game_move want;
        ops->move_from_text(g, s.moves[i], &want);
        if (bot_choose_move(ops, g, &s, &r, &m, err, sizeof err) != 0 ||
            memcmp(&m, &want, sizeof m) != 0)
            break;
        ops->apply(g, &m);
    }
    TAP_INT_EQ(ops->ply(g), s.count, "%s: the script is followed move by move", ops->name);
    TAP_INT_EQ(bot_choose_move(ops, g, &s, &r, &m, err, sizeof err), 0,
               "%s: past the script, a random move", ops->name);
    TAP_INT_EQ(ops->check_move(g, ops->to_move(g), &m), GAME_MOVE_OK, "%s: and a legal one",
               ops->name);
    bot_script_free(&s);
    ops->reset(g);
    bot_script_parse(bad_script, &s);
    TAP_INT_EQ(bot_choose_move(ops, g, &s, &r, &m, err, sizeof err), -1,
               "%s: an illegal scripted move is an error", ops->name);
    TAP_OK(strstr(err, "scripted move 1") != NULL, "%s: naming the move: %s", ops->name, err);
    bot_script_free(&s);
    ops->destroy(g);
}

/* The bot's opening steps: always of the kind due and legal, over many
 * seeds. */
static void test_opening(void)
{
    static const uint8_t stones[][2] = {{7, 7}, {7, 8}, {7, 9}, {7, 5}}; /* h8 h9 h10 h6 */
    game_options opt = {GAME_KIND_GOMOKU, GAME_RULE_RENJU, 15, 15};
    game *g = game_gomoku_ops.create(&opt);
    packet_opening_state st;
    packet_opening_action a;
    bot_rng rng;
    char err[128];
    int place_ok = 1, choose_ok = 1, declare_ok = 1, propose_ok = 1, select_ok = 1;
    if (!g)
        return;
    bot_rng_seed(&rng, 5);
    for (int i = 0; i < 4; i++) {
        game_move m = {GAME_NO_SQUARE, GAME_NO_SQUARE, stones[i][0], stones[i][1], 0};
        game_gomoku_ops.apply(g, &m);
    }
    for (int round = 0; round < 200; round++) {
        const gomoku *eng = game_gomoku_engine(g);
        memset(&st, 0, sizeof st);
        memset(st.points, 0xFF, sizeof st.points);
        st.step = GOMOKU_STEP_PLACE;
        st.area = 1;
        place_ok &= bot_choose_opening(g, &st, &rng, &a, err, sizeof err) == 0 &&
                    a.step == GOMOKU_STEP_PLACE && a.points[0] >= 6 && a.points[0] <= 8 &&
                    a.points[1] >= 6 && a.points[1] <= 8 &&
                    gomoku_at(eng, a.points[0], a.points[1]) == GOMOKU_EMPTY;
        st.step = GOMOKU_STEP_CHOOSE;
        st.choices = (1u << GOMOKU_CHOICE_BLACK) | (1u << GOMOKU_CHOICE_PLACE_TWO);
        choose_ok &= bot_choose_opening(g, &st, &rng, &a, err, sizeof err) == 0 &&
                     (a.choice == GOMOKU_CHOICE_BLACK || a.choice == GOMOKU_CHOICE_PLACE_TWO);
        st.step = GOMOKU_STEP_DECLARE;
        st.declare_min = 1;
        st.declare_max = 8;
        declare_ok &= bot_choose_opening(g, &st, &rng, &a, err, sizeof err) == 0 && a.count >= 1 &&
                      a.count <= 8;
        st.step = GOMOKU_STEP_PROPOSE;
        st.count = 10;
        if (bot_choose_opening(g, &st, &rng, &a, err, sizeof err) != 0 || a.count != 10) {
            propose_ok = 0;
        } else {
            for (int i = 0; i < 10; i++) {
                gomoku_point p = {a.points[2 * i], a.points[2 * i + 1]};
                propose_ok &= gomoku_judge(eng, GOMOKU_BLACK, p.x, p.y) == GOMOKU_OK;
                for (int j = 0; j < i; j++) {
                    gomoku_point q = {a.points[2 * j], a.points[2 * j + 1]};
                    propose_ok &= !gomoku_equivalent_points(eng, GOMOKU_BLACK, p, q);
                }
            }
        }
        st.step = GOMOKU_STEP_SELECT;
        st.count = 3;
        st.points[0] = 1, st.points[1] = 2, st.points[2] = 3, st.points[3] = 4;
        st.points[4] = 5, st.points[5] = 6;
        select_ok &= bot_choose_opening(g, &st, &rng, &a, err, sizeof err) == 0 &&
                     a.points[0] % 2 == 1 && a.points[1] == a.points[0] + 1 && a.points[0] <= 5;
    }
    TAP_OK(place_ok, "opening: stones in the area, on empty points");
    TAP_OK(choose_ok, "opening: one of the offered choices");
    TAP_OK(declare_ok, "opening: a number in the range");
    TAP_OK(propose_ok, "opening: ten legal proposals, none equivalent to another");
    TAP_OK(select_ok, "opening: one of the proposals");
    memset(&st, 0, sizeof st);
    st.step = GOMOKU_STEP_CHOOSE;
    TAP_INT_EQ(bot_choose_opening(g, &st, &rng, &a, err, sizeof err), -1,
               "opening: no choice offered is an error");
    game_gomoku_ops.destroy(g);
}

int main(void)
{
    test_args();
    test_script();
    test_rng();
    test_moves(&game_chess_ops, "e2e4 e7e5 g1f3 b8c6 e1e2", "e2e5");
    test_moves(&game_gomoku_ops, "h8 h9 i9 j10", "z99");
    test_opening();
    return tap_done();
}
