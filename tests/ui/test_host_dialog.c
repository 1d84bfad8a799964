/* test_host_dialog.c: the "Host a game" dialog's model: which opening
 * rules each Gomoku rule offers, how the fields step, and the
 * matchboard-server arguments the choices become. */
#include <stdio.h>
#include <string.h>

#include "host_dialog.h"
#include "tap.h"

/* 1 when a and b follow each other in args. */
static int has(const char *const *args, size_t n, const char *a, const char *b)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (strcmp(args[i], a) == 0 && strcmp(args[i + 1], b) == 0)
            return 1;
    return 0;
}

static int has_flag(const char *const *args, size_t n, const char *a)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(args[i], a) == 0)
            return 1;
    return 0;
}

/* The values a field shows when stepped from d until it comes back,
 * joined by spaces. */
static void cycle(host_dialog d, host_field f, char *buf, size_t cap)
{
    char first[64], v[64];
    host_dialog_value(&d, f, first, sizeof first);
    snprintf(buf, cap, "%s", first);
    for (int i = 0; i < 20; i++) {
        host_dialog_step(&d, f);
        host_dialog_value(&d, f, v, sizeof v);
        if (strcmp(v, first) == 0)
            return;
        strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, v, cap - strlen(buf) - 1);
    }
}

static void test_openings(void)
{
    gomoku_opening_rule o[8];
    int n = host_dialog_openings(GOMOKU_FREESTYLE, o, 8);
    TAP_INT_EQ(n, 3, "freestyle: three openings");
    TAP_OK(n == 3 && o[0] == GOMOKU_OPENING_NONE && o[1] == GOMOKU_OPENING_SWAP &&
               o[2] == GOMOKU_OPENING_SWAP2,
           "freestyle: none, swap, swap2");
    n = host_dialog_openings(GOMOKU_STANDARD, o, 8);
    TAP_OK(n == 3 && o[2] == GOMOKU_OPENING_SWAP2, "standard: none, swap, swap2");
    n = host_dialog_openings(GOMOKU_RENJU, o, 8);
    TAP_OK(n == 5 && o[0] == GOMOKU_OPENING_NONE && o[1] == GOMOKU_OPENING_RIF &&
               o[4] == GOMOKU_OPENING_TARAGUCHI10,
           "renju: none and the four RIF rules");
    for (int i = 1; i < n; i++)
        TAP_OK(gomoku_opening_unfit(o[i], GOMOKU_RENJU, HOST_DIALOG_BOARD) == NULL,
               "each offered renju opening is fit");
    TAP_INT_EQ(host_dialog_openings(GOMOKU_RENJU, o, 2), 2, "at most cap openings");
}

static void test_steps(void)
{
    host_dialog d;
    char line[256];
    host_dialog_init(&d);
    TAP_OK(d.game == GAME_KIND_GOMOKU && d.opening == GOMOKU_OPENING_NONE && d.clock == 0 &&
               d.takebacks,
           "defaults: Gomoku, no opening, no clock, takebacks");
    cycle(d, HOST_FIELD_OPENING, line, sizeof line);
    TAP_STR_EQ(line, "none swap swap2", "freestyle's openings in turn");
    cycle(d, HOST_FIELD_RULE, line, sizeof line);
    TAP_STR_EQ(line, "freestyle standard renju", "the rules in turn");
    cycle(d, HOST_FIELD_CLOCK, line, sizeof line);
    TAP_STR_EQ(line, "none 5+3 10+5 15+10 5+0d3", "the clock presets");
    cycle(d, HOST_FIELD_TAKEBACKS, line, sizeof line);
    TAP_STR_EQ(line, "allowed refused", "takebacks on and off");
    cycle(d, HOST_FIELD_GAME, line, sizeof line);
    TAP_STR_EQ(line, "Gomoku Chess", "the games");

    host_dialog_step(&d, HOST_FIELD_OPENING);
    host_dialog_step(&d, HOST_FIELD_OPENING);
    TAP_INT_EQ(d.opening, GOMOKU_OPENING_SWAP2, "swap2 chosen");
    host_dialog_step(&d, HOST_FIELD_RULE);
    TAP_INT_EQ(d.opening, GOMOKU_OPENING_SWAP2, "standard keeps swap2");
    host_dialog_step(&d, HOST_FIELD_RULE);
    TAP_INT_EQ(d.opening, GOMOKU_OPENING_NONE, "renju drops swap2 for none");
    cycle(d, HOST_FIELD_OPENING, line, sizeof line);
    TAP_STR_EQ(line, "none rif yamaguchi soosorv8 taraguchi10", "renju's openings in turn");
    host_dialog_step(&d, HOST_FIELD_OPENING);
    host_dialog_step(&d, HOST_FIELD_RULE);
    TAP_OK(d.rule == GOMOKU_FREESTYLE && d.opening == GOMOKU_OPENING_NONE,
           "back to freestyle: rif dropped");

    TAP_OK(host_dialog_shown(&d, HOST_FIELD_OPENING) && host_dialog_shown(&d, HOST_FIELD_RULE),
           "Gomoku shows rule and opening");
    host_dialog_step(&d, HOST_FIELD_GAME);
    TAP_OK(!host_dialog_shown(&d, HOST_FIELD_OPENING) && !host_dialog_shown(&d, HOST_FIELD_RULE) &&
               host_dialog_shown(&d, HOST_FIELD_CLOCK),
           "chess hides rule and opening, shows the clock");
    TAP_STR_EQ(host_dialog_label(HOST_FIELD_OPENING), "Opening", "a label");
    host_dialog_describe(&d, line, sizeof line);
    TAP_STR_EQ(line, "Chess, clock none, takebacks allowed", "chess described");
    host_dialog_step(&d, HOST_FIELD_GAME);
    host_dialog_step(&d, HOST_FIELD_TAKEBACKS);
    host_dialog_describe(&d, line, sizeof line);
    TAP_STR_EQ(line, "Gomoku, freestyle, none, clock none, takebacks refused", "Gomoku described");
    host_dialog_describe(&d, line, 8);
    TAP_STR_EQ(line, "Gomoku,", "described in a short buffer: cut");
    TAP_OK(host_dialog_clock_name(host_dialog_clocks()) == NULL, "no clock past the last");
}

static void test_args(void)
{
    host_dialog d;
    const char *a[HOST_DIALOG_MAX_ARGS];
    host_listen lan = {NULL, 0, "ana's game", "recs"};
    host_listen test = {"127.0.0.1", 0, NULL, NULL};
    size_t n;
    host_dialog_init(&d);
    d.rule = GOMOKU_RENJU;
    d.opening = GOMOKU_OPENING_RIF;
    d.clock = 4;
    d.takebacks = 0;
    n = host_dialog_server_args(&d, &lan, a, HOST_DIALOG_MAX_ARGS);
    TAP_OK(has(a, n, "--port", "7777") && !has_flag(a, n, "--bind") &&
               !has_flag(a, n, "--no-discovery"),
           "on the LAN: port 7777, every interface, discovery on");
    TAP_OK(has(a, n, "--name", "ana's game") && has(a, n, "--records", "recs"),
           "the server's name and records");
    TAP_OK(has(a, n, "--game", "gomoku") && has(a, n, "--rule", "renju") &&
               has(a, n, "--opening", "rif") && has(a, n, "--size", "15"),
           "Gomoku's rule, opening and board");
    TAP_OK(has(a, n, "--clock", "5+0d3") && has_flag(a, n, "--no-takeback"),
           "the delay clock and no takebacks");
    TAP_OK(has(a, n, "--journal", "none"), "no journal");

    lan.any_port = 1;
    n = host_dialog_server_args(&d, &lan, a, HOST_DIALOG_MAX_ARGS);
    TAP_OK(has(a, n, "--port", "0"), "7777 taken: any free port");

    n = host_dialog_server_args(&d, &test, a, HOST_DIALOG_MAX_ARGS);
    TAP_OK(has(a, n, "--port", "0") && has(a, n, "--bind", "127.0.0.1") &&
               has_flag(a, n, "--no-discovery") && !has_flag(a, n, "--name"),
           "bound to one address: a free port, no discovery");

    host_dialog_init(&d);
    d.game = GAME_KIND_CHESS;
    n = host_dialog_server_args(&d, &test, a, HOST_DIALOG_MAX_ARGS);
    TAP_OK(has(a, n, "--game", "chess") && !has_flag(a, n, "--opening") &&
               !has_flag(a, n, "--rule") && !has_flag(a, n, "--clock") &&
               !has_flag(a, n, "--no-takeback"),
           "chess: no Gomoku flags, no clock, takebacks allowed");
    TAP_INT_EQ(host_dialog_server_args(&d, &test, a, 3), 0, "too small an array: nothing");

    /* The longest list fits the documented size. */
    d.game = GAME_KIND_GOMOKU;
    d.clock = 1;
    d.takebacks = 0;
    test.name = "n";
    test.records = "r";
    TAP_INT_EQ(host_dialog_server_args(&d, &test, a, HOST_DIALOG_MAX_ARGS), HOST_DIALOG_MAX_ARGS,
               "every flag at once fits HOST_DIALOG_MAX_ARGS");
}

int main(void)
{
    test_openings();
    test_steps();
    test_args();
    return tap_done();
}
