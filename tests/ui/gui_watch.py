#!/usr/bin/env python3
"""gui_watch.py: watching a bot-v-bot game in the real matchboard GUI,
headless (SDL's dummy driver), printing TAP (docs/gui.md, "Watching a
game").

Two bots play a Gomoku game on a test server; the first one (black) is
held (SIGSTOP) before the second joins, so it cannot end before the GUI
watches: nothing here depends on timing. The GUI opens on its connect
screen (the server remembered in a gui.conf of the test's own) and clicks
Watch: the status line says "Watching ann – ben" and whose move it is; a
click on the board is refused; the first bot goes on and the game is
watched to its end: every move in the server's record order, the result.
Both bots leave: the match is over, the final position stays, and Leave
goes back to the connect screen.

  gui_watch.py --server SERVER --gui GUI --bot BOT
"""
import argparse
import os
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from itest import Tap, stop, temp_dir  # noqa: E402
from gui_integration import (GUI_ENV, GameServer, Lines, finish, sgf_moves,  # noqa: E402
                             trace_lines)

tap = Tap(detail_lines=40)
ok = tap.ok
children = []

# the game's moves, each bot playing those of its plies: black (ann) wins
# with five on row 8
MOVES = "h8 h9 i8 i9 j8 j9 k8 k9 l8".split()

SCRIPT = """watch
click a1
wait-file {over}
leave
wait-file {closer}
quit
"""


def spawn(cmd, **kw):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    p.out = Lines(p.stdout)
    children.append(p)
    return p


def bot(opt, port, tmp, name):
    path = os.path.join(tmp, name + "-moves.txt")
    with open(path, "w") as f:
        f.write(" ".join(MOVES) + "\n")
    return spawn([opt.bot, "--connect", "127.0.0.1:%d" % port, "--name", name, "--moves", path])


def watcher(opt, port, tmp):
    """The GUI on its connect screen, the test server remembered, its
    script clicking Watch."""
    conf = os.path.join(tmp, "config", "matchboard")
    os.makedirs(conf)
    with open(os.path.join(conf, "gui.conf"), "w") as f:
        f.write("name=eve\nhost=127.0.0.1:%d\n" % port)
    over, closer = os.path.join(tmp, "over"), os.path.join(tmp, "close-gui")
    script = os.path.join(tmp, "script.txt")
    with open(script, "w") as f:
        f.write(SCRIPT.format(over=over, closer=closer))
    # --no-discovery: the connect screen must not broadcast probes onto the LAN.
    p = spawn([opt.gui, "--no-discovery", "--size", "900x640", "--trace", "--script", script],
              env=dict(GUI_ENV, XDG_CONFIG_HOME=os.path.join(tmp, "config")))
    p.over, p.closer = over, closer
    return p


def test_watch(opt, tmp):
    srv = GameServer([opt.server], ["--game", "gomoku", "--clock", "5+3"], tmp)
    try:
        ann = bot(opt, srv.port, tmp, "ann")
        ok(ann.out.wait_for(r"^seated as", 20) >= 0, "ann is seated first", ann.out.text())
        ann.send_signal(signal.SIGSTOP)  # black moves first: the game waits for the GUI
        ben = bot(opt, srv.port, tmp, "ben")
        ok(ben.out.wait_for(r"game starts", 20) >= 0, "the game starts", ben.out.text())
        gui = watcher(opt, srv.port, tmp)
        at = gui.out.wait_for(r"^watching: Watching ann – ben: Black to move \(ann\)$", 30)
        ok(at >= 0, "Watch: the status line names the players and whose move", gui.out.text())
        refused = gui.out.wait_for(r"^notice: You are watching: only the players play$", 30)
        ok(refused >= 0, "a click on the board is refused", gui.out.text())
        ann.send_signal(signal.SIGCONT)
        over = gui.out.wait_for(r"^game over: ", 30)
        ok(over >= 0 and
           gui.out.lines[over] == "game over: Black wins; ann (Black) by five in a row",
           "the game is watched to its end: the result", gui.out.text())
        ok(finish(ann, 20) == 0 and finish(ben, 20) == 0, "both bots play to the end and leave",
           ann.out.text() + "\n" + ben.out.text())
        rec = srv.record(".sgf")
        ok([m for _, m in sgf_moves(rec)] == MOVES and "PB[ann]" in rec and "PW[ben]" in rec,
           "the server's record is the game the bots played", rec)
        ok(trace_lines(gui, "move ") == ["%d: %s" % (i + 1, m) for i, m in enumerate(MOVES)],
           "the GUI's move list has every move in order", gui.out.text())
        gone = gui.out.wait_for(
            r"^watching: Watching ann – ben: The match is over: its players left$", 30)
        ok(gone >= 0, "the players left: the match is over, the final position stays",
           gui.out.text())
        ok(not trace_lines(gui, "seat: "), "the GUI never had a seat", gui.out.text())
        open(gui.over, "w").close()
        back = gui.out.wait_for(r"^connect screen: ready$", 30, max(gone, 0))
        ok(back > gone >= 0, "Leave goes back to the connect screen", gui.out.text())
        with open(srv.log) as f:
            log = f.read()
        ok("spectators cannot play" not in log, "the GUI sent no move", log[-2000:])
        open(gui.closer, "w").close()
        ok(finish(gui, 30) == 0, "the GUI exits 0", gui.out.text())
    finally:
        srv.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--gui", required=True)
    opt = ap.parse_args()
    # meson's timeout sends SIGTERM: unwind, so the finally blocks kill the
    # children.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        test_watch(opt, temp_dir("mb-gui-watch-"))
    except Exception as e:  # a broken test is a failure, not a crash
        ok(False, "watch: ran to its end", repr(e))
    finally:
        for p in children:
            if p.poll() is None:
                p.send_signal(signal.SIGCONT)
            stop(p, signal.SIGKILL)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
