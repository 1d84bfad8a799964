/* test_engine_args.c: matchboard-bot's engine flags: --engine,
 * --engine-option, --movetime, and what they exclude. */
#include <string.h>

#include "bot.h"
#include "bot_engine.h"
#include "child_proc.h"
#include "tap.h"

static bot_args_result parse(int argc, char **argv, bot_args *a, char *err)
{
    return bot_parse_args(argc, argv, a, err, 200);
}

int main(void)
{
    bot_args a;
    char err[200];
    char *ok_argv[] = {"matchboard-bot",
                       "--connect",
                       "h",
                       "--engine",
                       "stockfish -x",
                       "--engine-option",
                       "Skill Level=5",
                       "--engine-option",
                       "UCI_Elo=1500",
                       "--movetime",
                       "250",
                       NULL};
    char *bad_opt[] = {"matchboard-bot",  "--connect", "h", "--engine", "e",
                       "--engine-option", "Skill",     NULL};
    char *no_engine[] = {"matchboard-bot", "--connect", "h", "--movetime", "100", NULL};
    char *with_random[] = {"matchboard-bot", "--connect", "h", "--engine", "e",
                           "--random",       "3",         NULL};
    char *zero_time[] = {"matchboard-bot", "--connect", "h", "--engine", "e",
                         "--movetime",     "0",         NULL};
    char *empty[] = {"matchboard-bot", "--connect", "h", "--engine", "", NULL};
    char **cmd;
    TAP_INT_EQ(parse(11, ok_argv, &a, err), BOT_ARGS_RUN, "--engine with options parses");
    TAP_STR_EQ(a.engine, "stockfish -x", "the command");
    TAP_INT_EQ(a.engine_option_count, 2, "two options");
    TAP_STR_EQ(a.engine_options[0], "Skill Level=5", "in order");
    TAP_STR_EQ(a.engine_options[1], "UCI_Elo=1500", "both");
    TAP_INT_EQ(a.engine_movetime_ms, 250, "--movetime");
    TAP_INT_EQ(parse(7, bad_opt, &a, err), BOT_ARGS_BAD, "an option without '='");
    TAP_STR_EQ(err, "--engine-option: 'Skill' is not NAME=VALUE", "says so");
    TAP_INT_EQ(parse(5, no_engine, &a, err), BOT_ARGS_BAD, "--movetime without --engine");
    TAP_STR_EQ(err, "--engine-option and --movetime go with --engine", "says so");
    TAP_INT_EQ(parse(7, with_random, &a, err), BOT_ARGS_BAD, "--engine with --random");
    TAP_STR_EQ(err, "--engine chooses the moves: drop --random, --moves, --watch", "says so");
    TAP_INT_EQ(parse(7, zero_time, &a, err), BOT_ARGS_BAD, "--movetime 0");
    TAP_INT_EQ(parse(5, empty, &a, err), BOT_ARGS_BAD, "an empty --engine");
    cmd = bot_engine_command("my-engine --level 3", err, sizeof err);
    TAP_OK(cmd && strcmp(cmd[0], "my-engine") == 0 && strcmp(cmd[2], "3") == 0 && !cmd[3],
           "a command is split into words");
    child_proc_free_argv(cmd);
    cmd = bot_engine_command("'unclosed", err, sizeof err);
    TAP_OK(!cmd && strstr(err, "unclosed ' quote") != NULL, "a bad command is refused");
    return tap_done();
}
