#!/usr/bin/env python3
"""gui_computer.py: "Play the computer" in the real matchboard GUI,
headless (SDL's dummy driver), printing TAP. The GUI is started with no
server: its script clicks the connect screen's Level and Gomoku buttons;
the GUI starts a local matchboard-server and, once seated, a matchboard-bot
with --engine (here the tests' fake Gomocup engine, through the GUI's
--engine); the scripted player wins a whole game against it. When the
window closes, the server, the bot and the engine are gone. Then a swap2
game against it: the connect screen's Gomoku opening button picks swap2,
the GUI opens with three stones, the engine decides through SWAP2BOARD
(the fake engine places two more), the GUI takes white and wins.

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
from gui_integration import GUI_ENV, Lines, finish, sgf_moves, spawn  # noqa: E402

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


def start_gui(opt, prefix, script):
    """The GUI in a new folder (its children's too) running script, with a
    copy of the fake engine under a name of this run: the processes left
    behind (none, we hope) are found by it. Returns it and the folder."""
    tmp = temp_dir(prefix)
    engine = os.path.join(tmp, "engine-of-this-test")
    shutil.copy(opt.fake_engine, engine)
    path = os.path.join(tmp, "script.txt")
    with open(path, "w") as f:
        f.write(script)
    gui = spawn([os.path.abspath(opt.gui), "--name", "me", "--no-config", "--no-discovery",
                 "--size", "900x640", "--trace", "--engine", engine, "--script", path],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=GUI_ENV,
                cwd=tmp)
    gui.out = Lines(gui.stdout)
    return gui, tmp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gui", required=True)
    ap.add_argument("--fake-engine", required=True)
    opt = ap.parse_args()
    # Casual -> Strong; then Gomoku. The fake engine answers above the last
    # stone, so a row of five wins.
    gui, tmp = start_gui(opt, "mb-gui-computer-",
                         "computer level\ncomputer gomoku\nsleep 1500\n"
                         "move h8\nmove i8\nmove j8\nmove k8\nmove l8\nsleep 300\nquit\n")
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
    test_swap2(opt)
    return tap.done()


def test_swap2(opt):
    # none -> swap -> swap2. The fake engine answers three stones with two
    # more at the top left (a15 white, b15 black); then above the last
    # stone, so a row of five on row 1 wins.
    gui, tmp = start_gui(opt, "mb-gui-computer-swap2-",
                         "computer opening\ncomputer opening\ncomputer gomoku\n"
                         "move h8\nmove i9\nmove j8\nbutton Take_white\n"
                         "move a1\nmove b1\nmove c1\nmove d1\nmove e1\nsleep 300\nquit\n")
    over = gui.out.wait_for(r"^game over: ", 60)
    ok(over >= 0 and gui.out.lines[over].startswith("game over: You win"),
       "swap2: a whole game against the computer, won by five", gui.out.text())
    lines = gui.out.lines
    ok("opening: Your stone (swap2)" in lines and "opening: Your choice (swap2)" in lines and
       "buttons: Take black, Take white, Resign" in lines,
       "swap2: the GUI opens; after the computer's two stones it chooses", gui.out.text())
    ok(finish(gui, 30) == 0, "swap2: the GUI exits 0", gui.out.text())
    ok(not wait_gone(tmp), "swap2: no server, bot or engine left", "")
    records = os.path.join(tmp, "records")
    sgf = [f for f in os.listdir(records) if f.endswith(".sgf")] if os.path.isdir(records) else []
    rec = open(os.path.join(records, sgf[0])).read() if len(sgf) == 1 else ""
    ok("ON[swap2" in rec and sgf_moves(rec)[:5] == [("B", "h8"), ("W", "i9"), ("B", "j8"),
                                                     ("W", "a15"), ("B", "b15")],
       "swap2: the record has the rule and the computer's two stones from SWAP2BOARD", rec)


if __name__ == "__main__":
    sys.exit(tap.run(main))
