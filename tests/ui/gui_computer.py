#!/usr/bin/env python3
"""gui_computer.py: "Play the computer" in the real matchboard GUI,
headless (SDL's dummy driver), printing TAP. The GUI is started with no
server: its script clicks the connect screen's Level and Gomoku buttons;
the GUI starts a local matchboard-server and, once seated, a matchboard-bot
with --engine (here the tests' fake Gomocup engine, through the GUI's
--engine); the scripted player wins a whole game against it. When the
window closes, the server, the bot and the engine are gone.

  gui_computer.py --gui GUI --fake-engine FAKE
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from itest import Tap, temp_dir  # noqa: E402
from gui_integration import GUI_ENV, Lines, finish, spawn  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok


def processes_mentioning(text):
    """The command lines (Linux /proc) of the processes that contain text or
    run in the folder text (the GUI's children inherit its folder)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink("/proc/%s/cwd" % pid)
        except OSError:
            continue
        if text in cmd or cwd == text:
            found.append(pid + ": " + cmd)
    return found


def wait_gone(text, tries=50):
    """Waits (tries times 0.1 s) until no process mentions text; returns
    those still there."""
    left = []
    for _ in range(tries):
        left = processes_mentioning(text)
        if not left:
            break
        time.sleep(0.1)
    return left


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gui", required=True)
    ap.add_argument("--fake-engine", required=True)
    opt = ap.parse_args()
    tmp = temp_dir("mb-gui-computer-")
    # A copy of the engine under a name of this run: the processes left
    # behind (none, we hope) are found by it.
    engine = os.path.join(tmp, "engine-of-this-test")
    shutil.copy(opt.fake_engine, engine)
    script = os.path.join(tmp, "script.txt")
    with open(script, "w") as f:
        # Casual -> Strong; then Gomoku. The fake engine answers above the
        # last stone, so a row of five wins.
        f.write("computer level\ncomputer gomoku\nsleep 1500\n"
                "move h8\nmove i8\nmove j8\nmove k8\nmove l8\nsleep 300\nquit\n")
    gui = spawn([os.path.abspath(opt.gui), "--name", "me", "--no-config", "--no-discovery", "--size", "900x640",
                 "--trace", "--engine", engine, "--script", script],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=GUI_ENV,
                cwd=tmp)
    gui.out = Lines(gui.stdout)
    seat = gui.out.wait_for(r"^seat: Black \(Player1\), opponent Computer \(Strong\)$", 30)
    ok(seat >= 0, "the GUI started a server and the computer took the other seat at Strong",
       gui.out.text())
    during = []
    for _ in range(50):  # the bot starts once the GUI is seated
        during = processes_mentioning(tmp)
        if len(during) >= 4:
            break
        time.sleep(0.02)
    ok(len(during) == 4 and any("matchboard-server" in c for c in during) and
       any("matchboard-bot" in c for c in during),
       "the GUI, its server, its bot and the engine run while the game is on",
       "\n".join(during))
    over = gui.out.wait_for(r"^game over: You win", 60)
    ok(over >= 0, "a whole game against the computer, won by five", gui.out.text())
    code = finish(gui, 30)
    ok(code == 0, "the GUI exits 0", gui.out.text())
    left = wait_gone(tmp)
    ok(not left, "no server, bot or engine is left once the window closed", "\n".join(left))
    records = [f for f in os.listdir(os.path.join(tmp, "records"))
               if f.endswith(".sgf")] if os.path.isdir(os.path.join(tmp, "records")) else []
    ok(len(records) == 1, "the local server wrote the game's record", str(records))
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
