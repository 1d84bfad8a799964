#!/usr/bin/env python3
"""listen_retry.py: a server started on a port that is still taken waits a
moment for it, printing TAP.

  listen_retry.py --server SERVER

A restarted server must come up on its port even while the one before it
is still letting go of it (an io_uring server killed with -9 holds its
sockets for about 0.2 s after its process is gone). A stand-in holds the
port until the server's log says it waits for it, then lets it go: the
server listens.
A port that stays taken is still refused, with the usual message, once the
few seconds of waiting are over.
"""
import argparse
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, temp_dir  # noqa: E402

tap = Tap(detail_lines=20)
ok = tap.ok


def hold_port():
    """A listening socket on a free loopback port (as the old server's)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    return s, s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    opt = ap.parse_args()
    tmp = temp_dir("listen-retry")
    base = ["--bind", "127.0.0.1", "--no-discovery", "--journal", "none",
            "--records", os.path.join(tmp, "records")]

    holder, port = hold_port()
    log = os.path.join(tmp, "wait.log")
    released = threading.Event()

    def release_when_waiting():
        """Lets the port go once the server says it waits for it (not after
        a fixed time, which a slow start on a busy machine could outlast)."""
        deadline = time.time() + 20  # bounds a hang only
        while time.time() < deadline:
            if os.path.exists(log):
                with open(log, errors="replace") as f:
                    if "address in use: waiting" in f.read():
                        break
            time.sleep(0.02)
        released.set()
        holder.close()

    threading.Thread(target=release_when_waiting, daemon=True).start()
    srv = Server([opt.server], ["--port", str(port)] + base, log=log, timeout=30)
    ok(srv.port == port, "the server listens on its port once the old holder let it go",
       srv.log_text())
    ok("address in use: waiting" in srv.log_text(), "and its log says it waited",
       srv.log_text())
    ok(released.is_set(), "it did not listen while the port was taken")
    srv.stop()

    holder, port = hold_port()
    log = os.path.join(tmp, "taken.log")
    try:
        Server([opt.server], ["--port", str(port)] + base, log=log, timeout=30)
        ok(False, "a port that stays taken is refused")
    except RuntimeError as e:
        ok("address already in use" in str(e), "a port that stays taken is refused, and says why",
           str(e))
    holder.close()
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
