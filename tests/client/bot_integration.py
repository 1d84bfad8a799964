#!/usr/bin/env python3
"""bot_integration.py: matchboard-bot against matchboard-bot through the
real matchboard-server on 127.0.0.1, printing TAP.

  bot_integration.py --server SERVER --bot BOT [--wine WINE_RUN]
                     [--wine-server] [--wine-bot]

--wine-server / --wine-bot run that program under Wine through WINE_RUN
(tools/wine-run), so one script covers the native pair, the Win32 pair and
the Win32 bot against the native server.
"""
import argparse
import os
import re
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, temp_dir  # noqa: E402

tap = Tap(detail_lines=25)
ok = tap.ok


def start_server(cmd, tmp, name, args):
    # --no-discovery: a test server must not join multicast groups on the LAN.
    with Phase("starting server %s" % name):
        return Server(cmd, ["--port", "0", "--records", os.path.join(tmp, name), "--no-discovery"] +
                      args, log=os.path.join(tmp, name + ".log"))


def start_bot(cmd, port, *args):
    return subprocess.Popen(cmd + ["--connect", "127.0.0.1:%d" % port] + list(args),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_seated(p, timeout):
    """Reads p's output until it is seated (so the next bot comes second,
    however slowly each starts, e.g. under Wine) or timeout seconds pass;
    keeps what it read for finish(). Reads the pipe itself, unbuffered, so
    a bot that hangs without a word cannot hang the script."""
    seen = b""
    fd = p.stdout.fileno()
    deadline = time.time() + timeout
    while not re.search(rb"^(seated as|watching)", seen, re.M):
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
        if not ready:
            seen += b"(no 'seated as' line within %d s)\n" % timeout
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        seen += chunk
    p.early = seen.decode(errors="replace").replace("\r\n", "\n")
    return p.early


def finish(procs, timeout):
    outs = []
    deadline = time.time() + timeout
    for p in procs:
        try:
            out, _ = p.communicate(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
            out, _ = p.communicate()
            out += "\n(timed out)"
        outs.append((p.returncode, getattr(p, "early", "") + out))
    return outs


def run_bot(bot, args, timeout, env=None):
    """Runs the bot to its end; returns (exit status, stdout, stderr), the
    status None and a note in stderr if it ran past timeout seconds."""
    try:
        p = subprocess.run(bot + args, capture_output=True, text=True, timeout=timeout, env=env)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or "", (e.stderr or "") + "\n(timed out after %d s)" % timeout


class Phase:
    """Says, as a TAP comment, how long a part of the script took: under
    Wine a slow part is the first clue when a check times out."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.time()
        return self

    def __exit__(self, *exc):
        tap.diag("%s took %.1f s" % (self.name, time.time() - self.start))
        return False


def results(out):
    return re.findall(r"^result: (\S+) (\S+)$", out, re.M)


def play_pair(server, bot, label, args_a, args_b, timeout):
    with Phase(label):
        a = start_bot(bot, server.port, "--name", "ann", *args_a)
        wait_seated(a, timeout)  # ann is seated first: Player1
        b = start_bot(bot, server.port, "--name", "ben", *args_b)
        (ca, oa), (cb, ob) = finish([a, b], timeout)
    return ca, oa, cb, ob


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--wine")
    ap.add_argument("--wine-server", action="store_true")
    ap.add_argument("--wine-bot", action="store_true")
    opt = ap.parse_args()
    server_cmd = ([opt.wine] if opt.wine_server else []) + [opt.server]
    bot = ([opt.wine] if opt.wine_bot else []) + [opt.bot]
    slow = 4 if (opt.wine_server or opt.wine_bot) else 1
    tmp = temp_dir("mb-bot-")

    # Gomoku: random games, played to their end, the same result for both.
    srv = start_server(server_cmd, tmp, "g", ["--game", "gomoku", "--size", "9"])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "gomoku", ["--random", "3"], ["--random", "4"],
                                   30 * slow)
        ok(ca == 0 and cb == 0, "gomoku: both bots finish with status 0", oa + ob)
        ok(len(results(oa)) == 1 and results(oa) == results(ob),
           "gomoku: both print the same result line %s" % results(oa), oa + ob)
        ok("seated as Player1" in oa and "seated as Player2" in ob, "gomoku: seats in arrival order",
           oa + ob)
        ok(re.search(r"^seated as Player1 \(black\) in match \d+: gomoku 9x9 freestyle$", oa, re.M),
           "gomoku: the seat line names the rule, not its number", oa)
        moves_a = re.findall(r"^(?:you|opponent) moved (\S+)", oa, re.M)
        moves_b = re.findall(r"^(?:you|opponent) moved (\S+)", ob, re.M)
        ok(moves_a and moves_a == moves_b, "gomoku: both saw the same %d moves" % len(moves_a))
    finally:
        srv.stop()

    # Chess: a scripted fool's mate, then two more random games by rematch.
    script = os.path.join(tmp, "fool.txt")
    with open(script, "w") as f:
        f.write("# fool's mate\n1. f2f3 e7e5 2. g2g4 d8h4\n")
    srv = start_server(server_cmd, tmp, "c", ["--game", "chess"])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "chess", ["--moves", script],
                                   ["--moves", script], 30 * slow)
        ok(ca == 0 and cb == 0, "chess: scripted game, both exit 0", oa + ob)
        ok(results(oa) == [("0-1", "checkmate")] and results(ob) == results(oa),
           "chess: fool's mate prints 'result: 0-1 checkmate'", oa + ob)
        ok("opponent moved d8h4 (Qh4#)" in oa, "chess: the mate is shown in UCI and SAN", oa)

        ca, oa, cb, ob = play_pair(srv, bot, "chess", ["--random", "5", "--games", "3"],
                                   ["--random", "6", "--games", "3"], 60 * slow)
        ok(ca == 0 and cb == 0, "chess: three games through rematches, both exit 0", oa + ob)
        ok(len(results(oa)) == 3 and results(oa) == results(ob),
           "chess: three result lines, the same for both", oa + ob)
        ok(oa.count("seated as Player2") >= 1 and ob.count("seated as Player1") >= 1,
           "chess: the rematch swapped the colours", oa + ob)
    finally:
        srv.stop()

    # A dropped connection in mid-game, resumed with the token.
    srv = start_server(server_cmd, tmp, "r", ["--game", "gomoku", "--size", "9", "--grace", "20"])
    try:
        ca, oa, cb, ob = play_pair(srv, bot, "resume", ["--random", "7", "--drop-after", "6"],
                                   ["--random", "8"], 40 * slow)
        ok(ca == 0 and cb == 0, "resume: both bots finish the game", oa + ob)
        ok("connection lost (dropped on purpose" in oa and "resumed as Player1" in oa,
           "resume: the bot came back to its seat", oa)
        ok(re.search(r"^game restored: \d+ moves", oa, re.M) is not None,
           "resume: the game was rebuilt from the server's SYNC", oa)
        ok("dropped" in ob and " is back" in ob, "resume: the opponent was told", ob)
        ok(len(results(oa)) == 1 and results(oa) == results(ob), "resume: the same result",
           oa + ob)
    finally:
        srv.stop()

    # A watcher sees the game to its end.
    srv = start_server(server_cmd, tmp, "w", ["--game", "chess"])
    try:
        with Phase("watch"):
            a = start_bot(bot, srv.port, "--name", "ann", "--random", "9", "--delay", "30")
            wait_seated(a, 30 * slow)
            b = start_bot(bot, srv.port, "--name", "ben", "--random", "10", "--delay", "30")
            wait_seated(b, 30 * slow)
            w = start_bot(bot, srv.port, "--watch")
            (ca, oa), (cb, ob), (cw, ow) = finish([a, b, w], 40 * slow)
        ok(cw == 0 and results(ow) == results(oa) and len(results(ow)) == 1,
           "watch: the spectator prints the players' result", ow + oa)
    finally:
        srv.stop()

    # Connection errors: a clear message and a non-zero exit.
    with Phase("no server"):
        p = start_bot(bot, srv.port)  # that server is gone now
        (code, out), = finish([p], 20 * slow)
    ok(code == 1 and "connection refused" in out, "no server: 'connection refused', exit 1", out)
    with Phase("unknown host"):
        # The check is the message, not the speed of this machine's DNS:
        # one try of a second for each query (glibc's resolver, which Wine
        # uses too), so a resolver that does not answer cannot stall it.
        quick_dns = dict(os.environ, RES_OPTIONS="timeout:1 attempts:1")
        code, out, err = run_bot(bot, ["--connect", "no-such-host.invalid"], 30 * slow, quick_dns)
    ok(code == 1 and "host name not found" in err, "unknown host: exit 1, clear text", out + err)
    code, out, err = run_bot(bot, ["--connect"], 30 * slow)
    ok(code == 2 and "needs a value" in err, "bad flags: exit 2", err)

    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
