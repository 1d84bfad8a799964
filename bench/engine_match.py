#!/usr/bin/env python3
"""engine_match.py: plays N games between two players, each a
matchboard-bot (with an engine, --engine, or random moves), through a real
matchboard-server on 127.0.0.1, and prints A's wins, draws and losses with
a 95% error bar, and A's answer times (median and worst: from its bot's
line for the opponent's move to its line for its own, relay included).
The colours alternate: the bots play their games through rematches and
the server swaps the seats at each one.

  bench/engine_match.py --build build --game chess --clock 1+1 --games 20 \\
      --a "--engine /usr/games/stockfish --engine-option 'Skill Level=1'" \\
      --b "--random 1"

--a / --b are the bots' flags (shell words) after --connect. Prints one line
per game and the summary; exit 0 when all N games were played. With an
engine that reports its think time (matchboard-engine --messages), A's
answer times are split into the engine's thinking and the rest.
"""
import argparse
import math
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

GAME_OVER = re.compile(r"^game over: .*?(?:\((you win|you lose)\))?$")
RESULT = re.compile(r"^result: (\S+) (\S+)$")
SEAT = re.compile(r"you are (\w+)$")
THINK = re.compile(r"engine: .* time (\d+) ms$")


def start_server(server, args, tmp):
    log = open(os.path.join(tmp, "server.log"), "w")
    p = subprocess.Popen([server, "--port", "0", "--bind", "127.0.0.1", "--no-discovery",
                          "--records", os.path.join(tmp, "records")] + args,
                         stdout=subprocess.PIPE, stderr=log, text=True)
    ready, _, _ = select.select([p.stdout], [], [], 30)
    line = p.stdout.readline() if ready else ""
    m = re.match(r"^listening on (\S+):(\d+)", line)
    if not m:
        p.kill()
        sys.exit("engine_match: the server did not start: %r" % line)
    return p, int(m.group(2))


def wait_seated(p, timeout=30):
    seen = ""
    deadline = time.time() + timeout
    while "seated as" not in seen and time.time() < deadline:
        line = p.stdout.readline()
        if not line:
            break
        seen += line
    return seen


class TimedReader:
    """Reads a bot's output as it comes, each line with its arrival time, so
    that its engine's answer times can be measured from the outside."""

    def __init__(self, stream):
        self.lines = []
        self.thread = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self.thread.start()

    def _run(self, stream):
        for line in stream:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def text(self):
        self.thread.join(60)
        return "\n".join(line for _, line in self.lines) + "\n"

    def answer_times(self):
        """Seconds from the opponent's move (or the game's start) to this
        bot's move, each; relay and bot overhead included."""
        return [t for t, _ in self.answers()]

    def answers(self):
        """(seconds as answer_times, the engine's own think time in seconds
        or None) for each answer: the think time is the one its engine's
        last MESSAGE before the move reported (matchboard-engine --messages
        ends it with "time N ms")."""
        times, asked, think = [], None, None
        for t, line in self.lines:
            m = THINK.search(line)
            if m:
                think = int(m.group(1)) / 1000.0
            if line.startswith("game starts:") or line.startswith("opponent moved"):
                asked, think = t, None
            elif line.startswith("you moved") and asked is not None:
                times.append((t - asked, think))
                asked = None
        return times


def games_of(out):
    """A's games: (its colour, 'win'/'loss'/'draw', reason) each."""
    games, colour = [], "?"
    for line in out.splitlines():
        m = SEAT.search(line)
        if line.startswith("game starts:") and m:
            colour = m.group(1)
        m = GAME_OVER.match(line)
        if m:
            outcome = {"you win": "win", "you lose": "loss"}.get(m.group(1), "draw")
            games.append([colour, outcome, None])
        m = RESULT.match(line)
        if m and games and games[-1][2] is None:
            games[-1][2] = m.group(2)
    return games


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build", help="the build folder (default build)")
    ap.add_argument("--game", default="gomoku", choices=["gomoku", "chess"])
    ap.add_argument("--rule", help="Gomoku rule: freestyle, standard, renju")
    ap.add_argument("--size", help="Gomoku board size")
    ap.add_argument("--clock", help="M+S, as matchboard-server --clock")
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--a", required=True, help="player A's bot flags")
    ap.add_argument("--b", required=True, help="player B's bot flags")
    ap.add_argument("--keep", action="store_true",
                    help="keep the server's folder (records, log) and say where")
    ap.add_argument("--timeout", type=int, default=0,
                    help="seconds for the whole match (default: 10 minutes a game)")
    opt = ap.parse_args()
    server = os.path.join(opt.build, "net", "server", "matchboard-server")
    bot = os.path.join(opt.build, "net", "client", "matchboard-bot")
    sargs = ["--game", opt.game]
    for flag in ("rule", "size", "clock"):
        if getattr(opt, flag):
            sargs += ["--" + flag, getattr(opt, flag)]
    tmp = tempfile.mkdtemp(prefix="mb-engine-match-")
    srv, port = start_server(server, sargs, tmp)
    start = time.time()
    common = ["--connect", "127.0.0.1:%d" % port, "--games", str(opt.games)]
    a = subprocess.Popen([bot, "--name", "A"] + common + shlex.split(opt.a),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    early = wait_seated(a)
    b = subprocess.Popen([bot, "--name", "B"] + common + shlex.split(opt.b),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    timeout = opt.timeout or 600 * opt.games
    reader = TimedReader(a.stdout)
    timed_out = ""
    try:
        a.wait(timeout=timeout)
        out_b, _ = b.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        a.kill()
        b.kill()
        a.wait()
        out_b, _ = b.communicate()
        timed_out = "\n(timed out)"
    srv.terminate()
    srv.wait()
    out_a = early + reader.text() + timed_out
    games = games_of(out_a)
    for i, (colour, outcome, reason) in enumerate(games, 1):
        print("game %d: A %s %s by %s" % (i, colour, outcome, reason))
    n = len(games)
    w = sum(1 for g in games if g[1] == "win")
    d = sum(1 for g in games if g[1] == "draw")
    lo = n - w - d
    print("A: %s\nB: %s" % (opt.a, opt.b))
    print("server: %s; %d of %d games in %.0f s" % (" ".join(sargs), n, opt.games,
                                                    time.time() - start))
    if n:
        s = (w + 0.5 * d) / n
        var = (w * (1 - s) ** 2 + d * (0.5 - s) ** 2 + lo * s ** 2) / n
        err = 1.96 * math.sqrt(var / n)
        print("A: %d wins, %d draws, %d losses; score %.1f%% +- %.1f%% (95%%)"
              % (w, d, lo, 100 * s, 100 * err))
        for colour in sorted(set(g[0] for g in games)):
            mine = [g for g in games if g[0] == colour]
            print("  as %s: %d wins, %d draws, %d losses" % (
                colour, sum(g[1] == "win" for g in mine), sum(g[1] == "draw" for g in mine),
                sum(g[1] == "loss" for g in mine)))
        reasons = {}
        for g in games:
            reasons[g[2]] = reasons.get(g[2], 0) + 1
        print("  endings: " + ", ".join("%s %d" % kv for kv in sorted(reasons.items())))
        answers = sorted(reader.answer_times())
        if answers:
            print("  A's answers: %d moves, median %.0f ms, worst %.0f ms" % (
                len(answers), 1000 * answers[len(answers) // 2], 1000 * answers[-1]))
        timed = [(t, th) for t, th in reader.answers() if th is not None]
        if timed:
            thinks = sorted(th for _, th in timed)
            rest = sorted(t - th for t, th in timed)
            slow = max(timed)
            print("  A's engine's own think time (its MESSAGE lines): median %.0f ms, worst %.0f ms;"
                  " the rest (relay, bot, pipes, scheduler): median %.0f ms, worst %.0f ms;"
                  " slowest answer %.0f ms = %.0f thinking + %.0f the rest" % (
                      1000 * thinks[len(thinks) // 2], 1000 * thinks[-1],
                      1000 * rest[len(rest) // 2], 1000 * rest[-1],
                      1000 * slow[0], 1000 * slow[1], 1000 * max(0.0, slow[0] - slow[1])))
        print("  lost on time: A %d, B %d" % (
            sum(1 for g in games if g[2] == "time" and g[1] == "loss"),
            sum(1 for g in games if g[2] == "time" and g[1] == "win")))
    if a.returncode != 0 or b.returncode != 0:
        print("the bots ended with status %s and %s; their last lines:" % (a.returncode,
                                                                          b.returncode))
        print("\n".join(out_a.splitlines()[-5:] + out_b.splitlines()[-5:]))
    if opt.keep:
        print("records and server log kept in %s" % tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if n == opt.games else 1


if __name__ == "__main__":
    sys.exit(main())
