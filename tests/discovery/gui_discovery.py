#!/usr/bin/env python3
"""gui_discovery.py: the GUI's connect screen lists a server heard on
127.0.0.1 and one click on it joins, printing TAP.

  gui_discovery.py --server SERVER --bot BOT --gui MATCHBOARD

A bot takes Player1's seat; the GUI (SDL offscreen driver) probes
127.0.0.1 only (--discover-to) and its script clicks the first LAN row
("lan 0"): the server must seat the GUI as Player2. Nothing leaves loopback.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--gui", required=True)
    opt = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="mb-gui-discovery-")
    log_path = os.path.join(tmp, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen([opt.server, "--port", "0", "--bind", "127.0.0.1", "--records",
                               tmp, "--name", "gui hall"], stdout=subprocess.PIPE, stderr=log,
                              text=True)
    procs = []
    results = []
    try:
        port = int(re.search(r":(\d+)\s*$", server.stdout.readline()).group(1))
        to = "127.0.0.1:%d" % port
        procs.append(subprocess.Popen([opt.bot, "--connect", to, "--quiet"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        script = os.path.join(tmp, "script.txt")
        with open(script, "w") as f:
            f.write("# wait for the server in the LAN list, click it\nlan 0\n")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                   SDL_AUDIODRIVER="dummy")
        procs.append(subprocess.Popen([opt.gui, "--no-config", "--name", "gui", "--discover-to",
                                       to, "--script", script], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        seated = False
        end = time.time() + 20
        while time.time() < end and not seated:
            time.sleep(0.2)
            with open(log_path) as f:
                seated = '"gui" seated as Player2' in f.read()
        results.append((seated, "one click on the LAN row joins: the GUI is seated as Player2"))
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        server.terminate()
        server.wait(timeout=10)
        log.close()
    for i, (cond, what) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if cond else "not ok", i, what))
        if not cond:
            with open(log_path) as f:
                for line in f.read().splitlines()[-15:]:
                    print("#   " + line)
    print("1..%d" % len(results))
    return 0 if all(c for c, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
