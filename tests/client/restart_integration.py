#!/usr/bin/env python3
"""restart_integration.py: a server restarted in the middle of 20 running
games with clocks costs the players nothing, in Gomoku and in chess,
printing TAP.

  restart_integration.py --server SERVER --bot BOT

For each game, 20 pairs of matchboard-bot play random games with a clock
through one server. Once every game has a few moves, the server is stopped
and started again on the same port and journal. The stop comes while every
game is in progress whatever the machine's speed: each bot is held (SIGSTOP)
once seated, the games are driven to their first moves one ply at a time
(only the side to move runs, so it makes exactly that move), and the bots go
on (SIGCONT) only once the server is down:

- clean: SIGTERM. The server sends RESTARTING, journals each game's
  stopped clocks (S lines) and exits 0 within a bounded time; the bots
  reconnect by themselves (with backoff) once it is back.
- kill: SIGKILL (kill -9). The bots resume by themselves, as after any
  dropped connection; the clocks are those of each game's last move.

Then every game must resume and be played to its end by the same bots,
with every move (the moves before the stop come back in the resume's
SYNC, and the final count is the server's), and each player's clock when
the game goes on must be the time at the stop plus --restart-bonus,
within 50 ms: in the server's log and in what each bot was told.
"""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, program_args  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bot_integration import finish, start_bot, wait_seated  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok

PAIRS = 20
BONUS_MS = 10000
TOLERANCE_MS = 50
MIN_PLIES = 4  # every game has at least this many moves before the stop


def clock_ms(text):
    """"4:59.812" -> 299812."""
    m = re.match(r"(\d+):(\d+)\.(\d+)$", text)
    return (int(m.group(1)) * 60 + int(m.group(2))) * 1000 + int(m.group(3))


def plies_by_match(log):
    """The highest ply logged for each match so far."""
    seen = {}
    for m in re.finditer(r"match (\d+): ply (\d+) ", log):
        seen[int(m.group(1))] = max(seen.get(int(m.group(1)), -1), int(m.group(2)))
    return seen


def journal_clocks(path, stop_lines):
    """Each match's clocks at the stop from the journal: its S line (clean
    stop) or its last M line (kill). {match: (left1, left2)}. The journal
    ends at its first NUL byte (a killed server leaves preallocated ones)."""
    clocks = {}
    with open(path) as f:
        for line in f.read().split("\0", 1)[0].splitlines():
            fields = line.split()
            if stop_lines and fields[0] == "S":
                clocks[int(fields[1])] = (int(fields[3]), int(fields[4]))
            elif not stop_lines and fields[0] == "M":
                clocks[int(fields[1])] = (int(fields[8]), int(fields[9]))
    return clocks


def wait_for(cond, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.2)
    return cond()


def signal_all(procs, sig):
    for p in procs:
        if p.poll() is None:
            os.kill(p.pid, sig)


def hold(procs):
    """Holds bots (SIGSTOP): a held bot makes no move."""
    signal_all(procs, signal.SIGSTOP)


def release(procs):
    """Lets held bots go on (SIGCONT)."""
    signal_all(procs, signal.SIGCONT)


def drive(srv, bots, matches, plies):
    """Plays the first plies of every game, one ply at a time, with every
    bot held before and after: for ply n only each game's side to move runs
    (Player1, a, on even plies), and as its opponent is held it makes that
    one move and no other. Returns whether every game reached each ply."""
    for n in range(plies):
        movers = [pair[n % 2] for pair in bots]
        release(movers)
        done = wait_for(lambda: all(plies_by_match(srv.log_text()).get(k, -1) >= n
                                    for k in matches), 120)
        hold(movers)
        if not done:
            return False
    return True


def run_round(server_cmd, bot, tmp, game, how):
    name = "%s-%s" % (game, how)
    records = os.path.join(tmp, name)
    log1, log2 = os.path.join(tmp, name + "-1.log"), os.path.join(tmp, name + "-2.log")
    # Gomoku on 19x19: random games long enough (well over a hundred
    # moves) to hold a restart. The held bots are silent: --idle-timeout
    # keeps them connected however long seating the others takes.
    args = ["--bind", "127.0.0.1", "--records", records, "--no-discovery", "--game", game,
            "--clock", "10+1", "--restart-bonus", str(BONUS_MS // 1000), "--grace", "120",
            "--idle-timeout", "3600"] + (["--size", "19"] if game == "gomoku" else [])
    srv = Server(server_cmd, ["--port", "0"] + args, log=log1)
    port = srv.port
    bots = []
    watcher = None
    t_seat = time.time()
    try:
        for i in range(PAIRS):
            a = start_bot(bot, port, "--name", "a%d" % i, "--random", str(100 + 2 * i),
                          "--delay", "60")
            wait_seated(a, 30)
            hold([a])
            b = start_bot(bot, port, "--name", "b%d" % i, "--random", str(101 + 2 * i),
                          "--delay", "60")
            bots.append((a, b))
            wait_seated(b, 30)
            hold([b])
        tap.diag("%s: %d bots seated in %.1f s" % (name, 2 * PAIRS, time.time() - t_seat))
        # A spectator of the last game, told of the restart too.
        watcher = start_bot(bot, port, "--watch", "--name", "fan") if how == "clean" else None
        if watcher:
            wait_seated(watcher, 30)
        matches = [int(k) for k in re.findall(r'"a\d+" seated as Player1 of match (\d+)',
                                               srv.log_text())]
        started = len(set(matches)) == PAIRS and drive(srv, bots, matches, MIN_PLIES)
        ok(started, "%s: %d games with clocks each have %d moves" % (name, PAIRS, MIN_PLIES),
           srv.log_text())
        t0 = time.time()
        if how == "clean":
            srv.proc.send_signal(signal.SIGTERM)
        else:
            srv.proc.kill()
        try:
            code = srv.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            code = None
        took = time.time() - t0
        release([p for pair in bots for p in pair])
        before = srv.stop()
        ok(" over after " not in before, "%s: no game had ended at the stop" % name,
           before[-3000:])
        if how == "clean":
            ok(code == 0 and took < 10,
               "%s: the server exits 0 within 10 s of SIGTERM (%.1f s)" % (name, took),
               before[-3000:])
        clocks = journal_clocks(os.path.join(records, "journal"), how == "clean")
        ok(len(clocks) == PAIRS, "%s: the journal holds every game's clocks at the stop (%d)"
           % (name, len(clocks)))
        srv = Server(server_cmd, ["--port", str(port)] + args, log=log2)
        outs = finish([p for pair in bots for p in pair] + ([watcher] if watcher else []), 240)
        watched = outs.pop() if watcher else None
        after = srv.stop()
    finally:
        for p in [p for pair in bots for p in pair] + ([watcher] if watcher else []):
            if p and p.poll() is None:
                release([p])
                p.kill()
        srv.stop()

    ok(all(code == 0 for code, _ in outs), "%s: all %d bots finish with status 0"
       % (name, 2 * PAIRS),
       "\n".join(out for code, out in outs if code != 0)[-4000:])
    if how == "clean":
        ok(all("server restarting" in out for _, out in outs),
           "%s: every bot was told the server restarts (RESTARTING)" % name)
    ok(all("resumed as Player" in out for _, out in outs),
       "%s: every bot resumed its seat by itself" % name,
       "\n".join(out for _, out in outs if "resumed as Player" not in out)[-3000:])

    if watched:
        code, out = watched
        last = re.findall(r"^result: (\S+) (\S+)$", outs[-1][1], re.M)
        ok(code == 0 and out.count("watching match") == 2 and "server restarting" in out and
           re.findall(r"^result: (\S+) (\S+)$", out, re.M) == last,
           "%s: a spectator watches the same game again after the restart, to its result" % name,
           out[-3000:])

    # Results and moves, pair by pair.
    same_result = every_move = True
    detail = []
    finals = {int(m.group(1)): int(m.group(2))
              for m in re.finditer(r"match (\d+): game 1 over after (\d+) plies", after)}
    for i in range(PAIRS):
        (_, oa), (_, ob) = outs[2 * i], outs[2 * i + 1]
        ra = re.findall(r"^result: (\S+) (\S+)$", oa, re.M)
        rb = re.findall(r"^result: (\S+) (\S+)$", ob, re.M)
        if len(ra) != 1 or ra != rb:
            same_result = False
            detail.append("pair %d: %r %r" % (i, ra, rb))
        for out in (oa, ob):
            head, _, tail = out.partition("game restored: ")
            before_moves = len(re.findall(r"^(?:you|opponent) moved ", head, re.M))
            m = re.match(r"(\d+) moves", tail)
            after_moves = len(re.findall(r"^(?:you|opponent) moved ", tail, re.M))
            match_id = re.search(r"match (\d+)", out)
            total = finals.get(int(match_id.group(1))) if match_id else None
            if not m or int(m.group(1)) < before_moves or total is None or \
                    int(m.group(1)) + after_moves != total:
                every_move = False
                detail.append("pair %d: %d moves seen before, restored %s, %d after, final %s"
                              % (i, before_moves, m.group(1) if m else None, after_moves, total))
    ok(same_result, "%s: both bots of each game print the same result" % name,
       "\n".join(detail))
    ok(every_move and len(finals) == PAIRS,
       "%s: every game resumed with every move and was played to its end (%d ended)"
       % (name, len(finals)), "\n".join(detail))

    # The clocks: the time at the stop plus the bonus, in the server's log...
    resumed = {int(m.group(1)): (int(m.group(2)), int(m.group(3))) for m in re.finditer(
        r"match (\d+): both players are back, clocks resume at (-?\d+) and (-?\d+) ms", after)}
    bad = ["match %d: stopped at %r, resumed at %r" % (k, clocks.get(k), v)
           for k, v in resumed.items()
           if k not in clocks or any(abs(v[s] - clocks[k][s] - BONUS_MS) > TOLERANCE_MS
                                     for s in range(2))]
    ok(len(resumed) == PAIRS and not bad,
       "%s: every game's clocks resume at the time at the stop plus %d s (%d games)"
       % (name, BONUS_MS // 1000, len(resumed)), "\n".join(bad))
    # ...and as each bot heard it: its first clock after the restart.
    bad = []
    for i in range(2 * PAIRS):
        out = outs[i][1]
        match_id = re.search(r"match (\d+)", out)
        _, _, tail = out.partition("game restored: ")
        c = re.search(r"^clock: \S+ (\d+:\d+\.\d+), \S+ (\d+:\d+\.\d+)$", tail, re.M)
        k = int(match_id.group(1)) if match_id else None
        if not c or k not in clocks or \
                abs(clock_ms(c.group(1)) - clocks[k][0] - BONUS_MS) > TOLERANCE_MS or \
                abs(clock_ms(c.group(2)) - clocks[k][1] - BONUS_MS) > TOLERANCE_MS:
            bad.append("bot %d (match %s): %s, stopped at %r" % (i, k, c.group(0) if c else None,
                                                                clocks.get(k)))
    ok(not bad, "%s: each bot is told its time at the stop plus %d s, within %d ms"
       % (name, BONUS_MS // 1000, TOLERANCE_MS), "\n".join(bad))


def main():
    opt, tmp = program_args("mb-restart-", "server", "bot")
    for how in ("clean", "kill"):
        for game in ("gomoku", "chess"):
            run_round([opt.server], [opt.bot], tmp, game, how)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
