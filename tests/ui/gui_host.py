#!/usr/bin/env python3
"""gui_host.py: "Host a game" in the real matchboard GUI, headless (SDL's
dummy driver), printing TAP. The GUI's script opens the connect screen's
dialog, picks standard Gomoku with the swap2 opening, a 10+5 clock and no
takebacks (a screenshot of the dialog is taken), and hosts: the GUI starts
a local matchboard-server (bound to 127.0.0.1 by MATCHBOARD_HOST_BIND, as
tests must) and waits as Player1 with a notice. A random bot (seed 1: it
places two more stones) joins; the GUI takes white and wins by five. The
dialog's choices reach the server (its command line, the bot's clock, the
record's RU and ON, a refused takeback); once the window closes the server
is gone. Before that, the dialog alone: its screenshot (--shot copies it,
docs/screenshots/host-game.png), and Cancel starts nothing.

  gui_host.py --gui GUI --bot BOT
"""
import argparse
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from itest import Tap, temp_dir  # noqa: E402
from gui_computer import processes_mentioning, wait_gone  # noqa: E402
from gui_integration import GUI_ENV, Lines, finish, sgf_moves, spawn  # noqa: E402

tap = Tap(detail_lines=40)
ok = tap.ok

CHOICES = """host open
host rule=standard
host opening=swap2
host clock=10+5
host takebacks=refused
"""
SHOT = CHOICES + """sleep 200
shot
sleep 200
host cancel
sleep 200
quit
"""
SCRIPT = CHOICES + """host start
move h8
move i9
move j8
button Take_white
move a1
key Backspace
move b1
move c1
move d1
move e1
sleep 300
quit
"""


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24]) if head[:8] == b"\x89PNG\r\n\x1a\n" else None


def run_gui(opt, tmp, script, extra=()):
    path = os.path.join(tmp, "script.txt")
    with open(path, "w") as f:
        f.write(script)
    p = spawn([os.path.abspath(opt.gui), "--name", "ana", "--no-config", "--no-discovery",
               "--size", "900x640", "--trace", "--script", path] + list(extra),
              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
              env=dict(GUI_ENV, MATCHBOARD_HOST_BIND="127.0.0.1"), cwd=tmp)
    p.out = Lines(p.stdout)
    return p


def test_dialog(opt, tmp):
    """The dialog, its screenshot, and Cancel: no server is started."""
    shot = os.path.join(tmp, "host-game.png")
    p = run_gui(opt, tmp, SHOT, ["--screenshot", shot])
    ok(finish(p, 30) == 0, "dialog: the GUI exits 0", p.out.text())
    size = png_size(shot) if os.path.exists(shot) else None
    ok(size == (900, 640), "dialog: a screenshot of it", repr(size))
    lines = p.out.lines
    ok("host dialog: Gomoku, freestyle, none, clock none, takebacks allowed" in lines and
       "host dialog: Gomoku, standard, swap2, clock 10+5, takebacks refused" in lines,
       "dialog: opens with the defaults, clicks step the fields", p.out.text())
    dialog = [l for l in lines if l.startswith("host dialog: ")]
    ok(dialog[-1:] == ["host dialog: closed"] and not processes_mentioning(tmp) and
       not os.path.isdir(os.path.join(tmp, "records")),
       "dialog: Cancel closes it and starts no server", p.out.text())
    if opt.shot and size:
        with open(shot, "rb") as src, open(opt.shot, "wb") as dst:
            dst.write(src.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gui", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--shot", help="also copy the dialog's screenshot here")
    opt = ap.parse_args()
    test_dialog(opt, temp_dir("mb-gui-host-dialog-"))
    tmp = temp_dir("mb-gui-host-")
    gui = run_gui(opt, tmp, SCRIPT)
    at = gui.out.wait_for(r"^news: Hosting on port (\d+) — waiting for an opponent", 30)
    ok(at >= 0, "the GUI hosts and waits for an opponent with a notice", gui.out.text())
    if at < 0:
        finish(gui, 1)
        return tap.done()
    port = int(re.search(r"port (\d+)", gui.out.lines[at]).group(1))
    servers = [c for c in processes_mentioning(tmp) if "matchboard-server" in c]
    cmd = servers[0] if len(servers) == 1 else ""
    ok(all(a in cmd for a in ("--bind 127.0.0.1", "--no-discovery", "--game gomoku",
                              "--rule standard", "--opening swap2", "--clock 10+5",
                              "--no-takeback")),
       "the dialog's choices are the server's arguments, bound to 127.0.0.1",
       "\n".join(servers))
    bot = spawn([opt.bot, "--connect", "127.0.0.1:%d" % port, "--name", "bot", "--random", "1"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    bot.out = Lines(bot.stdout)
    over = gui.out.wait_for(r"^game over: ", 60)
    ok(over >= 0 and gui.out.lines[over].startswith("game over: You win"),
       "the bot joins, the swap2 opening runs, the GUI wins as white", gui.out.text())
    lines = gui.out.lines
    ok("seat: Black (Player1), opponent bot" in lines and "opening: Your choice (swap2)" in lines
       and "buttons: Take black, Take white, Resign" in lines,
       "the host opens as Player1; after the bot's two stones it is offered black or white",
       gui.out.text())
    ok(any(re.match(r"^notice: .*takebacks are off in this game", l) for l in lines),
       "a takeback request is refused (takebacks off)", gui.out.text())
    ok(bot.out.wait_for(r"^clock: black 10:00\.000, white 10:00\.000", 5) >= 0,
       "the server runs the 10+5 clock", bot.out.text())
    ok(finish(gui, 30) == 0, "the GUI exits 0", gui.out.text())
    finish(bot, 10)
    left = wait_gone(tmp)
    ok(not left, "the hosted server is gone once the window closed", "\n".join(left))
    records = os.path.join(tmp, "records")
    sgf = [f for f in os.listdir(records) if f.endswith(".sgf")] if os.path.isdir(records) else []
    rec = open(os.path.join(records, sgf[0])).read() if len(sgf) == 1 else ""
    moves = sgf_moves(rec)
    ok("RU[standard]" in rec and "ON[swap2" in rec and "PW[ana]" in rec and "PB[bot]" in rec
       and moves[:3] == [("B", "h8"), ("W", "i9"), ("B", "j8")] and moves[-1] == ("W", "e1"),
       "the record: standard, swap2, the opening's stones in order, ana white, won at e1", rec)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
