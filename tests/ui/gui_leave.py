#!/usr/bin/env python3
"""gui_leave.py: leaving a game on purpose in the real matchboard GUI,
headless (SDL's dummy driver), printing TAP (docs/gui.md, "Leaving a
game").

1. Hosting: the GUI hosts a game (its own server, bound to 127.0.0.1 by
   MATCHBOARD_HOST_BIND), a bot joins; Leave asks "Resign and leave? You
   host this game: it stops, and bot is disconnected."; Stay keeps the
   game; Leave again and yes: the bot sees the resignation, the hosted
   server is stopped, the window is back on the connect screen and stays
   open.
2. Two GUIs on a server: B resigns, A offers a rematch and leaves (no
   question after the game): the server hears the offer withdrawn and does
   not hold A's seat; B shows "Your opponent left" at once, not "lost the
   connection"; A is back on the connect screen.
3. Two GUIs: C closes its window during the game: asked, yes resigns and
   the window closes (exit 0); D wins by resignation and shows "Your
   opponent left".
4. Hosting with another GUI as the opponent: the host leaves during the
   game (yes): the opponent's GUI wins by resignation and shows that its
   opponent left (its hosted server stopping after that is said with it,
   not as a red server error), and stays on the final position without
   dialling the stopped server.
5. The same when the hosted server has not read the host's end, so has
   not closed its link, by the time the host stops it (after its 2 s): a
   test knob, MATCHBOARD_TEST_DEAF_AFTER_GAME=1, inherited by the hosted
   server, makes its match thread read nothing after the game, as a thread
   too busy to get to it would; the server reads what has arrived before
   its goodbye, so the opponent reads the same.

  gui_leave.py --server SERVER --gui GUI --bot BOT [--wine tools/wine-run] [--video DRIVER]

With --wine, GUI is the Win32 matchboard.exe run under Wine (as in
gui_integration.py) and only cases 4 and 5 run: the host's GUI stops the
Win32 server it hosts by closing its input (--stop-on-stdin-eof), and the
opponent (a second Win32 GUI) must read the same as on Linux.
"""
import argparse
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from itest import Tap, temp_dir  # noqa: E402
from gui_computer import processes_mentioning, wait_gone  # noqa: E402
import gui_integration  # noqa: E402
from gui_integration import (GUI_CMD, GUI_ENV, GameServer, Lines, finish, seated,  # noqa: E402
                             set_platform, spawn, start_gui)

tap = Tap(detail_lines=40)
ok = tap.ok

HOST_SCRIPT = """host open
host start
move h8
leave
confirm no
leave
confirm yes
wait-file {closer}
quit
"""


def run_host(opt, tmp, script=HOST_SCRIPT, env=None):
    """The GUI running script (its {closer} filled in), hosting a game;
    env: more environment variables."""
    path = os.path.join(tmp, "script.txt")
    closer = os.path.join(tmp, "close-gui")
    with open(path, "w") as f:
        f.write(script.format(closer=closer))
    p = spawn(GUI_CMD + [os.path.abspath(opt.gui), "--name", "ana", "--no-config",
                         "--no-discovery", "--size", "900x640", "--trace", "--script", path],
              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
              env=dict(GUI_ENV, MATCHBOARD_HOST_BIND="127.0.0.1", **(env or {})), cwd=tmp)
    p.out = Lines(p.stdout)
    p.closer = closer
    return p


def slow(seconds):
    """A timeout, longer under Wine (starting a Wine process takes seconds)."""
    return seconds * gui_integration.SLOW


def server_gone(tmp):
    """Waits up to 10 s (longer under Wine) for the server a GUI hosts from
    tmp to end; the command lines of those still there."""
    deadline = time.time() + slow(10)
    servers = ["x"]
    while servers and time.time() < deadline:
        servers = [c for c in processes_mentioning(tmp) if "matchboard-server" in c]
        time.sleep(0.1)
    return servers


def hosted_port(gui, what):
    """The port the GUI hosts its game on, once it says so; None (and the
    GUI ended) when it does not."""
    at = gui.out.wait_for(r"^news: Hosting on port (\d+) — waiting for an opponent", slow(30))
    ok(at >= 0, "%s: the GUI hosts and waits" % what, gui.out.text())
    if at < 0:
        finish(gui, 1)
        return None
    return int(re.search(r"port (\d+)", gui.out.lines[at]).group(1))


def test_host(opt, tmp):
    """Leave while hosting, with the bot playing: asked (naming the bot),
    Stay, then yes: resigned, server stopped, back on the connect screen."""
    gui = run_host(opt, tmp)
    port = hosted_port(gui, "host")
    if port is None:
        return
    bot = spawn([opt.bot, "--connect", "127.0.0.1:%d" % port, "--name", "bot", "--random", "1"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    bot.out = Lines(bot.stdout)
    q = "leave: Resign and leave? You host this game: it stops, and bot is disconnected."
    asked = gui.out.wait_for("^" + re.escape(q) + "$", 30)
    ok(asked >= 0, "host: Leave during the game asks, saying the bot is disconnected",
       gui.out.text())
    stay = gui.out.wait_for(r"^leave: none$", 10, max(asked, 0))
    asked2 = gui.out.wait_for("^" + re.escape(q) + "$", 10, max(stay, 0) + 1)
    ok(stay > asked >= 0 and asked2 > stay, "host: Stay closes the question; asked again",
       gui.out.text())
    back = gui.out.wait_for(r"^connect screen: ready$", 20, max(asked2, 0))
    ok(back > asked2 >= 0, "host: yes: back on the connect screen", gui.out.text())
    ok(bot.out.wait_for(r"resign", 10) >= 0, "host: the bot sees the resignation",
       bot.out.text())
    servers = server_gone(tmp)
    ok(not servers and gui.poll() is None,
       "host: the hosted server is stopped, the window stays open", "\n".join(servers))
    open(gui.closer, "w").close()
    ok(finish(gui, 30) == 0, "host: the GUI exits 0 at the end", gui.out.text())
    finish(bot, 10)
    left = wait_gone(tmp)
    ok(not left, "host: nothing of the GUI's is left", "\n".join(left))


def two_guis(opt, srv, tmp, first, second, what):
    """The GUI running script first, seated as Player1 (black), then the
    one running second (in a folder of its own)."""
    a = start_gui(opt.gui, srv.port, tmp, first)
    ok(seated(a), "%s: the first GUI is seated first" % what, a.out.text())
    other = os.path.join(tmp, "second")
    os.mkdir(other)
    return a, start_gui(opt.gui, srv.port, other, second)


def test_rematch_withdrawn(opt, tmp):
    """After the game, A's rematch offer stands and A leaves: withdrawn,
    its seat not held; B is told at once that A left."""
    srv = GameServer([opt.server], ["--game", "gomoku", "--grace", "60"], tmp)
    try:
        a, b = two_guis(opt, srv, tmp, "move h8\nbutton Rematch\nleave\n",
                        "plies 1\nbutton Resign\nconfirm yes\n", "rematch")
        ok(a.out.wait_for(r"^connect screen: ready$", 30) >= 0,
           "rematch: A offers, leaves after the game without a question, connect screen",
           a.out.text())
        ok(not any(l.startswith("leave: ") for l in a.out.lines),
           "rematch: no question after the game", a.out.text())
        left = b.out.wait_for(r"^news: Your opponent left$", 20)
        ok(left >= 0 and not any("lost the connection" in l for l in b.out.lines),
           "rematch: B is told at once that A left, not that it lost the connection",
           b.out.text())
        log = srv.wait_log(r"Player\d+ withdraws its rematch offer", 10)
        ok(log is not None and not re.search(r"rematch offer waits for the grace period",
                                             srv.log_text()),
           "rematch: the server hears the offer withdrawn and holds no seat", srv.log_text())
        for p in (a, b):
            open(p.closer, "w").close()
        ok(finish(a, 30) == 0 and finish(b, 30) == 0, "rematch: both GUIs exit 0",
           a.out.text() + "\n" + b.out.text())
    finally:
        srv.stop()


def test_close_window(opt, tmp):
    """C closes its window during the game: asked; yes resigns and the
    window closes. D wins by resignation and is told C left."""
    srv = GameServer([opt.server], ["--game", "gomoku", "--grace", "60"], tmp)
    try:
        c, d = two_guis(opt, srv, tmp, "move h8\nplies 2\nclose\nconfirm yes\n", "move a1\n",
                        "close")
        ok(c.out.wait_for(r"^leave: Resign and leave\?$", 30) >= 0,
           "close: closing the window during the game asks", c.out.text())
        ok(finish(c, 30) == 0, "close: yes resigns and the window closes, exit 0", c.out.text())
        over = d.out.wait_for(r"^game over: You win; .* by resignation$", 20)
        left = d.out.wait_for(r"^news: Your opponent left$", 20)
        ok(over >= 0 and left > over, "close: D wins by resignation, then is told C left",
           d.out.text())
        rec = srv.record(".sgf")
        ok("RE[W+R]" in rec or "RE[W+Resign]" in rec, "close: the record says white won by "
           "resignation", rec)
        open(d.closer, "w").close()
        ok(finish(d, 30) == 0, "close: D exits 0", d.out.text())
    finally:
        srv.stop()


HOST_LEAVES_SCRIPT = """host open
host start
move h8
plies 2
leave
confirm yes
wait-file {closer}
quit
"""


def test_host_leaves(opt, tmp, how="host leaves", env=None):
    """The host (A) leaves its hosted game during it; the opponent's GUI
    (B) reads that A left, with the right result."""
    a = run_host(opt, tmp, HOST_LEAVES_SCRIPT, env)
    port = hosted_port(a, how)
    if port is None:
        return
    other = os.path.join(tmp, "second")
    os.mkdir(other)
    b = start_gui(opt.gui, port, other, "plies 1\nmove a1\n")
    try:
        back = a.out.wait_for(r"^connect screen: ready$", slow(30))
        ok(back >= 0, "%s: A resigns and leaves, back on the connect screen" % how,
           a.out.text())
        over = b.out.wait_for(r"^game over: You win; .* by resignation$", slow(20))
        left = b.out.wait_for(r"^news: Your opponent left", slow(20), max(over, 0))
        ok(over >= 0 and left > over, "%s: B wins by resignation, then reads that "
           "its opponent left" % how, b.out.text())
        gone = server_gone(tmp)
        ok(not gone, "%s: A's server is stopped" % how, "\n".join(gone))
        stopped = b.out.wait_for(r"^connection: the server at 127\.0\.0\.1:%d has stopped$" % port,
                                 slow(20), max(over, 0))
        after = b.out.lines[max(over, 0) + 1:]
        ok(stopped > over >= 0 and not any(l.startswith("notice: ") for l in after),
           "%s: its server's stop is said with it, no red server error" % how, b.out.text())
        ok(not any("reconnecting" in l for l in b.out.lines[max(over, 0):]),
           "%s: B stays on the final position, not dialling the stopped server" % how,
           b.out.text())
    finally:
        for p in (a, b):
            open(p.closer, "w").close()
        ok(finish(a, 30) == 0 and finish(b, 30) == 0, "%s: both GUIs exit 0" % how,
           a.out.text() + "\n" + b.out.text())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--gui", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--wine", help="run the GUI (a Win32 .exe) through this wrapper")
    ap.add_argument("--video", help="SDL's video driver for the GUI")
    opt = ap.parse_args()
    set_platform(opt)
    if not opt.wine:
        test_host(opt, temp_dir("mb-gui-leave-host-"))
        test_rematch_withdrawn(opt, temp_dir("mb-gui-leave-rematch-"))
        test_close_window(opt, temp_dir("mb-gui-leave-close-"))
    test_host_leaves(opt, temp_dir("mb-gui-leave-host-gui-"))
    test_host_leaves(opt, temp_dir("mb-gui-leave-host-deaf-"), "host's end unread",
                     {"MATCHBOARD_TEST_DEAF_AFTER_GAME": "1"})
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
