#!/usr/bin/env python3
"""zip_game.py: the Windows download works on a machine with nothing else
installed: matchboard-VERSION-win64.zip unpacked into a fresh Wine prefix
(no font in its Windows font folder, no DLL beside the programs) plays one
Gomoku game with its own programs, printing TAP.

  zip_game.py --zip ZIP --wine tools/wine-run

The zip's matchboard-server.exe listens on 127.0.0.1 (port 0); the zip's
matchboard.exe (SDL's windows video driver: run this inside Xvfb) plays
black by its --script and the zip's matchboard-bot.exe plays white from a
--moves file. The GUI quits at the end (--exit-at-end) after writing its
screenshot; the server's record is the ground truth.
"""
import argparse
import os
import subprocess
import sys
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "support"))
sys.path.insert(0, here)
from itest import Tap, temp_dir  # noqa: E402
import gui_integration as gi  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zip", required=True)
    ap.add_argument("--wine", required=True, help="the Wine wrapper (tools/wine-run)")
    opt = ap.parse_args()
    tmp = temp_dir("mb-zip-game-")
    prefix = os.path.join(tmp, "wine")
    os.environ["WINEPREFIX"] = prefix  # a fresh prefix, booted by its first program
    subprocess.run([opt.wine, "cmd", "/c", "exit"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300)
    fonts = os.path.join(prefix, "drive_c", "windows", "Fonts")
    ok(not any(os.path.exists(os.path.join(fonts, f)) for f in ("seguisym.ttf",
                                                                 "DejaVuSans.ttf")),
       "the fresh Wine prefix has no font the GUI looks for in the Windows font folder")
    dest = os.path.join(prefix, "drive_c", "matchboard")
    with zipfile.ZipFile(opt.zip) as z:
        z.extractall(dest)
    top = [d for d in os.listdir(dest) if os.path.isdir(os.path.join(dest, d))]
    ok(len(top) == 1, "the zip holds one folder", repr(top))
    folder = os.path.join(dest, top[0])
    names = sorted(os.listdir(folder))
    ok(not [n for n in names if n.lower().endswith(".dll")] and
       {"matchboard.exe", "matchboard-server.exe", "matchboard-bot.exe", "matchboard-rules.exe",
        "DejaVuSans.ttf", "README.txt"} <= set(names),
       "it holds the four programs, the font and README.txt, and no DLL", repr(names))

    gi.set_platform(argparse.Namespace(wine=opt.wine, video=None))
    exe = lambda n: os.path.join(folder, n)  # noqa: E731
    srv = gi.GameServer([opt.wine, exe("matchboard-server.exe")], ["--game", "gomoku"], tmp)
    try:
        shot = os.path.join(tmp, "zip-gomoku.png")
        gui = gi.start_gui(exe("matchboard.exe"), srv.port, tmp,
                           "move h8\nmove i8\nmove j8\nmove k8\nmove l8\n",
                           ["--exit-at-end", "--screenshot", shot])
        ok(gi.seated(gui), "the zip's GUI connects to the zip's server and is seated first",
           gui.out.text())
        moves = os.path.join(tmp, "bot-moves.txt")
        with open(moves, "w") as f:
            f.write("h8 h9 i8 i9 j8 j9 k8 k9 l8\n")
        bot = gi.spawn([opt.wine, exe("matchboard-bot.exe"), "--connect",
                        "127.0.0.1:%d" % srv.port, "--name", "bot", "--moves", moves],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        bot.out = gi.Lines(bot.stdout)
        ok(gi.finish(gui, 30) == 0, "the zip's GUI plays the game and exits 0", gui.out.text())
        out = gui.out.text()
        ok("game over: You win; gui (Black) by five in a row" in out,
           "the GUI's banner says it won by five in a row", out)
        ok(gi.finish(bot, 20) == 0 and "result: 1-0 five" in bot.out.text(),
           "the zip's bot saw the same end", bot.out.text())
        rec = srv.record(".sgf", wait=20)
        ok([m for c, m in gi.sgf_moves(rec) if c == "B"] == "h8 i8 j8 k8 l8".split() and
           "RE[B+]" in rec, "the zip's server recorded the GUI's moves and black's win", rec)
        size = gi.png_size(shot) if os.path.exists(shot) else None
        ok(size == (900, 640), "the GUI drew with the font beside it: a 900x640 screenshot",
           "size %r" % (size,))
    finally:
        for p in gi.children:
            gi.stop(p)
        srv.stop()
        subprocess.run(["wineserver", "-k"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
