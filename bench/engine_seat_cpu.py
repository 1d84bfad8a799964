#!/usr/bin/env python3
"""engine_seat_cpu.py: what matchboard-server --engine-seat costs in CPU
(Linux: /proc). Starts a server on 127.0.0.1 with an engine seat, measures
the CPU time of the server, its seat's bot and the bot's engine while the
engine waits in the lobby (--idle seconds), then while a random bot plays
--games games against it through rematches, and prints both with the
resident memory of each process.

  bench/engine_seat_cpu.py --build build --engine builtin --idle 30 --games 20
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    """(ppid, CPU seconds user+system, resident KiB) of a process."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    with open("/proc/%d/status" % pid) as f:
        rss = int(re.search(r"^VmRSS:\s+(\d+)", f.read(), re.M).group(1))
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, rss


def child_of(pid):
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                if stat(int(p))[0] == pid:
                    return int(p)
            except (OSError, AttributeError):
                pass
    return None


def sample(pids):
    return {name: stat(pid) for name, pid in pids.items()}


def report(title, before, after, seconds, per=None):
    print("%s, %.0f s:" % (title, seconds))
    total = 0.0
    for name in before:
        cpu = after[name][1] - before[name][1]
        total += cpu
        extra = "" if not per else ", %.1f ms per %s" % (1000 * cpu / per[1], per[0])
        print("  %-7s %7.2f s of CPU (%.1f%% of one core)%s; %d KiB resident" % (
            name, cpu, 100 * cpu / seconds, extra, after[name][2]))
    print("  all     %7.2f s of CPU (%.1f%% of one core)" % (total, 100 * total / seconds))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--engine", default="builtin", help="--engine-seat CMD (default builtin)")
    ap.add_argument("--game", default="gomoku")
    ap.add_argument("--idle", type=float, default=30)
    ap.add_argument("--games", type=int, default=20)
    opt = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="mb-seat-cpu-")
    srv = subprocess.Popen([os.path.join(opt.build, "net", "server", "matchboard-server"),
                            "--port", "0", "--bind", "127.0.0.1", "--no-discovery",
                            "--journal", "none", "--records", tmp, "--game", opt.game,
                            "--engine-seat", opt.engine],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(re.match(r"^listening on \S+:(\d+)", srv.stdout.readline()).group(1))
    bot = engine = None
    deadline = time.time() + 30
    while (bot is None or engine is None) and time.time() < deadline:
        time.sleep(0.2)
        bot = bot or child_of(srv.pid)
        engine = child_of(bot) if bot else None
    if not engine:
        srv.kill()
        sys.exit("engine_seat_cpu: the seat's bot or engine did not start")
    pids = {"server": srv.pid, "bot": bot, "engine": engine}
    time.sleep(2)  # the bot connected and waits
    before, t0 = sample(pids), time.time()
    time.sleep(opt.idle)
    report("waiting in the lobby", before, sample(pids), time.time() - t0)
    before, t0 = sample(pids), time.time()
    out = subprocess.run([os.path.join(opt.build, "net", "client", "matchboard-bot"),
                          "--connect", "127.0.0.1:%d" % port, "--name", "visitor",
                          "--random", "1", "--games", str(opt.games)],
                         capture_output=True, text=True, timeout=3600).stdout
    after, seconds = sample(pids), time.time() - t0
    moves = len(re.findall(r"^opponent moved", out, re.M))
    games = len(re.findall(r"^result:", out, re.M))
    report("playing %d games, %d engine moves" % (games, moves), before, after, seconds,
           ("engine move", max(moves, 1)))
    srv.terminate()
    srv.wait()
    return 0 if games == opt.games else 1


if __name__ == "__main__":
    sys.exit(main())
