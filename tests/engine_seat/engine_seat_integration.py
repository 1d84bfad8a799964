#!/usr/bin/env python3
"""engine_seat_integration.py: matchboard-bot with an engine (--engine)
against a random bot through the real matchboard-server on 127.0.0.1,
printing TAP: Stockfish over UCI in chess (with and without a clock), a
small Gomocup engine (fake_engine) in Gomoku on both colours, and engines
that crash, exit, hang, answer garbage or an illegal move: each is reported
in one line and its bot resigns, so the opponent's game ends.

  engine_seat_integration.py --server SERVER --bot BOT --fake-engine FAKE
                             [--stockfish PATH]
"""
import argparse
import os
import re
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "client"))
from itest import Tap, temp_dir  # noqa: E402
from bot_integration import finish, play_pair, results, run_bot, start_bot, start_server, wait_seated  # noqa: E402

tap = Tap(detail_lines=25)
ok = tap.ok


def cmdline_has(pid, text):
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            return text in f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False


def wait_until(cond, timeout):
    """Whether cond() comes true within timeout seconds (a bound on a hang,
    not a measure)."""
    deadline = time.time() + timeout
    while not cond():
        if time.time() >= deadline:
            return cond()
        time.sleep(0.05)
    return True


def sgf_records(folder, n, wait=10):
    """The texts of the SGF records in folder, in name order, once there
    are n (the server writes each shortly after its game), or what there is
    after wait seconds."""
    deadline = time.time() + wait
    while True:
        names = sorted(f for f in os.listdir(folder) if f.endswith(".sgf")) \
            if os.path.isdir(folder) else []
        if len(names) >= n or time.time() >= deadline:
            texts = []
            for name in names:
                with open(os.path.join(folder, name)) as f:
                    texts.append(f.read())
            return texts
        time.sleep(0.05)


def find_stockfish(given):
    for p in [given, shutil.which("stockfish"), "/usr/games/stockfish"]:
        if p and os.access(p, os.X_OK):
            return p
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--fake-engine", required=True)
    ap.add_argument("--stockfish")
    opt = ap.parse_args()
    bot = [opt.bot]
    fake = opt.fake_engine
    tmp = temp_dir("mb-engine-")

    # Gomoku: the fake engine plays black, then white after the rematch.
    srv = start_server([opt.server], tmp, "g", ["--game", "gomoku"])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "gomoku",
                                   ["--engine", fake, "--movetime", "200", "--games", "2"],
                                   ["--random", "4", "--games", "2"], 60)
        ok(ca == 0 and cb == 0, "gomoku: the engine's bot and the random bot finish", oa + ob)
        ok(len(results(oa)) == 2 and results(oa) == results(ob),
           "gomoku: two games, the same results %s" % results(oa), oa + ob)
        ok("you are black" in oa and "you are white" in oa,
           "gomoku: the engine played both colours", oa)
        ok(len(re.findall(r"^you moved ", oa, re.M)) >= 6, "gomoku: the engine's moves were played",
           oa)
    finally:
        srv.stop()

    # swap2: the engine takes the opening's decisions (SWAP2BOARD): it opens
    # with the fake's three stones around the centre, and as the second
    # player (after the rematch) places two more at the top left.
    srv = start_server([opt.server], tmp, "s2", ["--game", "gomoku", "--opening", "swap2"])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "swap2",
                                   ["--engine", fake, "--movetime", "200", "--games", "2"],
                                   ["--random", "4", "--games", "2"], 60)
        ok(ca == 0 and cb == 0 and len(results(oa)) == 2 and results(oa) == results(ob),
           "swap2: two games between the engine's bot and the random bot end", oa + ob)
        texts = sgf_records(os.path.join(tmp, "s2"), 2)
        first = [re.findall(r";([BW])\[([a-z]{2})\]", t)[:5] for t in texts]
        ok(len(first) == 2 and first[0][:3] == [("B", "hh"), ("W", "ig"), ("B", "ii")],
           "swap2: the engine opened with its three SWAP2BOARD stones", "\n".join(texts))
        ok(len(first) == 2 and first[1][3:5] == [("W", "aa"), ("B", "ba")],
           "swap2: as second player it placed two more (SWAP2BOARD on three stones)",
           "\n".join(texts))
    finally:
        srv.stop()

    # Gomoku with a clock: the engine's time is relayed (no loss on time).
    srv = start_server([opt.server], tmp, "gc", ["--game", "gomoku", "--clock", "1+1"])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "gomoku clock", ["--random", "5"], ["--engine", fake],
                                   60)
        ok(ca == 0 and cb == 0 and len(results(ob)) == 1 and results(oa) == results(ob),
           "gomoku clock: the game ends", oa + ob)
        ok(not any(r[1] == "time" for r in results(ob)), "gomoku clock: not on time", ob)
    finally:
        srv.stop()

    # Chess: Stockfish at its lowest skill against random moves.
    sf = find_stockfish(opt.stockfish)
    ok(sf is not None, "stockfish is installed (tools/install-deps test installs it)")
    if sf:
        weak = ["--engine", sf, "--engine-option", "Skill Level=0"]
        srv = start_server([opt.server], tmp, "c", ["--game", "chess"])
        try:
            ca, oa, cb, ob = play_pair(srv, bot, "chess",
                                       ["--random", "6", "--games", "2"],
                                       weak + ["--movetime", "20", "--games", "2"], 90)
            ok(ca == 0 and cb == 0, "chess: Stockfish's bot and the random bot finish", oa + ob)
            ok(len(results(ob)) == 2 and results(oa) == results(ob),
               "chess: two games, the same results %s" % results(ob), oa + ob)
            ok("engine: Stockfish" in ob, "chess: the engine's name is shown", ob)
            ok("you are white" in ob and "you are black" in ob,
               "chess: Stockfish played both colours", ob)
        finally:
            srv.stop()
        # With a clock, Stockfish gets wtime/btime (Slow Mover keeps it quick).
        srv = start_server([opt.server], tmp, "cc", ["--game", "chess", "--clock", "1+0"])
        try:
            ca, oa, cb, ob = play_pair(srv, bot, "chess clock",
                                       weak + ["--engine-option", "Slow Mover=10"],
                                       ["--random", "7"], 90)
            ok(ca == 0 and cb == 0 and results(oa) == results(ob) and len(results(oa)) == 1,
               "chess clock: the game ends", oa + ob)
            ok(results(oa) and results(oa)[0][1] != "time", "chess clock: not lost on time", oa)
        finally:
            srv.stop()

    # The server's engine seat: a visitor who finds nobody waiting plays it,
    # game after game, and it stays connected; a broken engine costs nothing
    # but a log line. (Its hand-over: tests/server/test_server_engine_seat.c.)
    engine_copy = os.path.join(tmp, "seated-engine")
    shutil.copy(fake, engine_copy)
    srv = start_server([opt.server], tmp, "seat", ["--game", "gomoku", "--size", "9",
                                                   "--engine-seat", engine_copy])
    try:
        for n in (1, 2):
            code, out, err = run_bot(bot, ["--connect", "127.0.0.1:%d" % srv.port, "--name",
                                           "v%d" % n, "--random", str(n)], 60)
            ok(code == 0 and re.search(r"^game starts: .*\bComputer\b", out, re.M)
               and len(results(out)) == 1,
               "engine seat: visitor %d plays the seated engine" % n, out + err)
        # Two humans at once: the first plays the engine, the second waits for
        # the next free seat; both games end.
        a = start_bot(bot, srv.port, "--name", "h1", "--random", "3", "--delay", "20")
        wait_seated(a, 30)
        b = start_bot(bot, srv.port, "--name", "h2", "--random", "4")
        (ca, oa), (cb, ob) = finish([a, b], 60)
        ok(ca == 0 and cb == 0 and len(results(oa)) == 1 and len(results(ob)) == 1,
           "engine seat: two visitors one after the other each get a game", oa + ob)
    finally:
        log = srv.stop()
    ok(log.count("engine seat: a bot with") == 1,
       "engine seat: one bot for every game (it goes back to the lobby, not away)", log)
    # The server waits for its bot; the bot's engine ends when the bot does
    # (its parent-death signal), a moment later: waited for, within bounds.
    left = wait_until(lambda: not [p for p in os.listdir("/proc")
                                   if p.isdigit() and cmdline_has(p, engine_copy)], 10)
    ok(left, "engine seat: the stopped server left no bot or engine behind")
    srv = start_server([opt.server], tmp, "badseat", ["--game", "gomoku", "--size", "9",
                                                      "--engine-seat",
                                                      os.path.join(tmp, "no-such-engine")])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "broken engine seat", ["--random", "5"],
                                   ["--random", "6"], 60)
        ok(ca == 0 and cb == 0 and results(oa) == results(ob) and len(results(oa)) == 1,
           "broken engine seat: the visitors play each other", oa + ob)
        # The seated bot's exit and the visitors' game are two processes'
        # timings: the line is waited for, however the game went.
        seen = srv.wait_log(r"engine seat: the bot exited with status 1; back in 1000 ms", 60)
    finally:
        log = srv.stop()
    ok(seen, "broken engine seat: logged, and tried again later, not at once", log)

    # Engines that fail: reported in one line, the bot resigns, exit 1;
    # the opponent's game ends normally.
    failures = [
        ("crash", [fake, "--fail", "crash", "--after", "2"], "gomoku",
         r"the engine was killed by signal 6"),
        ("exit", [fake, "--fail", "exit", "--after", "1"], "gomoku",
         r"the engine exited with status 3"),
        ("hang", [fake, "--fail", "hang", "--after", "2"], "gomoku",
         r"the engine did not answer a move within \d+ ms"),
        ("garbage", [fake, "--fail", "garbage", "--after", "0"], "gomoku",
         r"the engine answered garbage: 'I resign, said nobody' is not a Gomocup answer"),
        ("illegal", [fake, "--fail", "illegal", "--after", "1"], "gomoku",
         r"the engine played an illegal move: \d+,\d+ \(occupied\)"),
        ("refuse", [fake, "--fail", "refuse"], "gomoku",
         r"the engine refused START: ERROR"),
        ("uci illegal", [fake, "--uci"], "chess",
         r"the engine played an illegal move: e2e5 \(illegal move\)"),
        ("uci hang", [fake, "--uci", "--fail", "hang"], "chess",
         r"the engine did not answer uci within \d+ ms"),
    ]
    servers = {}
    try:
        for game in ("gomoku", "chess"):
            servers[game] = start_server([opt.server], tmp, "f" + game, ["--game", game])
        for name, cmd, game, want in failures:
            engine = " ".join(cmd)
            ca, oa, cb, ob = play_pair(servers[game], bot, name,
                                       ["--engine", engine, "--movetime", "300"],
                                       ["--random", "8"], 60)
            ok(ca == 1 and re.search(want, oa), "%s: reported ('%s'), exit 1" % (name, want), oa)
            ok(cb == 0 and results(ob) == [("0-1", "resignation")],
               "%s: the bot resigned, the opponent's game ended" % name, oa + ob)
        # An engine that cannot start: said before the bot even connects.
        code, out, err = run_bot(bot, ["--connect", "127.0.0.1:%d" % servers["gomoku"].port,
                                       "--engine", os.path.join(tmp, "no-such-engine")], 30)
        ok(code == 1 and re.search(r"^matchboard-bot: cannot start the engine: cannot run "
                                   r".*no-such-engine: No such file", err, re.M)
           and "seated" not in out, "missing engine: said at once, exit 1", out + err)
    finally:
        for s in servers.values():
            s.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
