#!/usr/bin/env python3
"""gui_discovery.py: the GUI's connect screen lists a server heard on
127.0.0.1 and one click on it joins, printing TAP.

  gui_discovery.py --server SERVER --bot BOT --gui MATCHBOARD
                   [--wine tools/wine-run] [--video DRIVER]

A bot takes Player1's seat; the GUI (SDL offscreen driver) probes
127.0.0.1 only (--discover-to) and its script clicks the first LAN row
("lan 0"): the server must seat the GUI as Player2. Nothing leaves loopback.
With --wine, MATCHBOARD is the Win32 matchboard.exe under Wine (SDL's
windows video driver unless --video says otherwise: run it inside Xvfb),
closed by its script's `quit`, never by a signal.
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, stop, temp_dir  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--gui", required=True)
    ap.add_argument("--wine", help="run the GUI (a Win32 .exe) through this wrapper")
    ap.add_argument("--video", help="SDL's video driver for the GUI (default: offscreen, "
                    "under Wine: windows)")
    opt = ap.parse_args()
    tap = Tap(detail_lines=15)
    tmp = temp_dir("mb-gui-discovery-")
    srv = Server([opt.server], ["--port", "0", "--bind", "127.0.0.1", "--records", tmp, "--name",
                                "gui hall"], log=os.path.join(tmp, "server.log"))
    procs = []
    gui = None
    closer = os.path.join(tmp, "close-gui")
    gui_log = os.path.join(tmp, "gui.log")
    try:
        to = "127.0.0.1:%d" % srv.port
        procs.append(subprocess.Popen([opt.bot, "--connect", to, "--quiet"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        script = os.path.join(tmp, "script.txt")
        with open(script, "w") as f:
            f.write("# wait for the server in the LAN list, click it\nlan 0\n"
                    "wait-file %s\nquit\n" % closer)
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                   SDL_AUDIODRIVER="dummy")
        if opt.wine:
            env.pop("SDL_VIDEODRIVER")  # SDL's windows driver, inside Xvfb
        if opt.video:
            env["SDL_VIDEODRIVER"] = opt.video
        with open(gui_log, "w") as out:
            gui = subprocess.Popen(([opt.wine] if opt.wine else []) +
                                   [opt.gui, "--no-config", "--name", "gui", "--trace",
                                    "--discover-to", to, "--script", script], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
        procs.append(gui)
        seated = False
        end = time.time() + (60 if opt.wine else 20)
        while time.time() < end and not seated:
            time.sleep(0.2)
            seated = '"gui" seated as Player2' in srv.log_text()
    finally:
        # The GUI closes through its script (a signal would kill a Wine
        # process outright); stop() kills it only if it does not.
        open(closer, "w").close()
        try:
            if gui:
                gui.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        for p in procs:
            stop(p)
        log = srv.stop()
    with open(gui_log, errors="replace") as f:
        log += "--- the GUI's trace:\n" + f.read()
    tap.ok(seated, "one click on the LAN row joins: the GUI is seated as Player2", log)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
