#!/usr/bin/env python3
"""gui_cli_run.py: the real matchboard started the ways a user starts it
from a shell, where the answer is the program's exit and its message, not
a window, printing TAP:

- with no display (no DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER) it says
  so and exits 1, instead of running on SDL's windowless fallback driver
  with no window for ever;
- `--frames N` without `--screenshot` runs N frames and quits (status 0),
  as its help says;
- a bad `--connect` address says what an address is (status 2);
- playing the computer with an engine that cannot run says so in the panel.

  gui_cli_run.py --gui GUI
"""
import argparse
import os
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from itest import Tap, temp_dir  # noqa: E402

tap = Tap(detail_lines=20)
ok = tap.ok


def run(gui, args, env, timeout=60):
    """The GUI's exit status and its standard error; None on a timeout."""
    try:
        p = subprocess.run([gui] + args, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return None, (e.stderr or b"").decode(errors="replace")
    return p.returncode, p.stderr.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gui", required=True)
    opt = ap.parse_args()
    home = temp_dir("mb-gui-cli-")
    base = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        base.pop(var, None)

    rc, err = run(opt.gui, ["--no-config", "--no-discovery"], base)
    ok(rc == 1, "no display: exits 1 (not a windowless GUI for ever)", "status %s\n%s" % (rc, err))
    ok("no display to open a window on" in err and "xvfb-run" in err,
       "no display: says so, and what to do", err)

    dummy = dict(base, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software")
    rc, err = run(opt.gui, ["--no-config", "--view", "chess", "--moves", "e4 e5", "--frames",
                            "3"], dummy)
    ok(rc == 0, "--frames 3 without --screenshot: three frames, then quits", "status %s\n%s"
       % (rc, err))

    rc, err = run(opt.gui, ["--no-config", "--no-discovery", "--connect", "localhost:99999"],
                  dummy)
    ok(rc == 2 and '"localhost:99999" is not host or host:port (port 1 to 65535)' in err,
       "--connect with a port past 65535: status 2 and what an address is",
       "status %s\n%s" % (rc, err))

    # Play the computer with an engine that cannot run: the bot exits at
    # once, and the window says so instead of waiting for ever.
    gui = subprocess.Popen([os.path.abspath(opt.gui), "--no-config", "--no-discovery", "--computer", "--engine",
                            os.path.join(home, "no-such-engine"), "--trace"], env=dummy,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=home)
    seen = []
    watchdog = threading.Timer(60, gui.terminate)  # no notice: the loop ends all the same
    watchdog.start()
    try:
        for line in gui.stdout:
            seen.append(line.decode(errors="replace").rstrip("\n"))
            if seen[-1].startswith("notice: The computer stopped"):
                break
    finally:
        watchdog.cancel()
        gui.terminate()
        _, err = gui.communicate(timeout=30)
    ok(seen and seen[-1] == "notice: The computer stopped: its engine failed or is missing",
       "play the computer, its engine missing: the panel says the computer stopped",
       "\n".join(seen) + "\n" + err.decode(errors="replace"))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
