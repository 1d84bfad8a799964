#!/usr/bin/env python3
"""opening_integration.py: Gomoku opening rules through the real
matchboard-server on 127.0.0.1, printing TAP.

  opening_integration.py --server SERVER --bot BOT --rules MATCHBOARD_RULES

Each opening rule is played by two matchboard-bots to finished games (a
rematch included); the records the server writes replay in
`matchboard-rules gomoku sgf` with their opening. A raw protocol-2 client
then takes a RIF opening step by step and checks every refusal's REJECT
reason, and a protocol-1 HELLO is refused with its reason.
"""
import argparse
import os
import re
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, temp_dir  # noqa: E402
from bot_integration import finish, start_bot, wait_seated  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok

RULES = [("swap", "freestyle"), ("swap2", "standard"), ("rif", "renju"),
         ("yamaguchi", "renju"), ("soosorv8", "renju"), ("taraguchi10", "renju")]

# packet types and REJECT reasons (docs/protocol.md)
WELCOME, START, MOVE, REJECT, CLOCK, ERROR = 0x02, 0x03, 0x10, 0x11, 0x21, 0x40
OPENING_STATE, OPENING_ACTION = 0x50, 0x51
SIZES = {0x02: 32, 0x03: 56, 0x10: 16, 0x11: 12, 0x20: 12, 0x21: 20, 0x24: 12, 0x40: 72,
         0x50: 40}


def start_server(cmd, tmp, name, args):
    # --no-discovery: a test server must not join multicast groups on the LAN.
    return Server(cmd, ["--port", "0", "--bind", "127.0.0.1", "--records",
                        os.path.join(tmp, name), "--no-discovery"] + args,
                  log=os.path.join(tmp, name + ".log"))


def run_pair(bot, port, seed, timeout):
    """Two bots, the first seated first; returns [(status, output)] * 2."""
    a = start_bot(bot, port, "--name", "ann", "--random", str(seed), "--games", "2")
    wait_seated(a, timeout)
    b = start_bot(bot, port, "--name", "ben", "--random", str(seed + 1), "--games", "2")
    return finish([a, b], timeout)


def records(folder):
    """The .sgf files the server wrote, waiting up to 10 s for two."""
    deadline = time.time() + 10
    while True:
        files = sorted(f for f in os.listdir(folder) if f.endswith(".sgf")) \
            if os.path.isdir(folder) else []
        if len(files) >= 2 or time.time() > deadline:
            return [os.path.join(folder, f) for f in files]
        time.sleep(0.1)


class Raw:
    """A protocol client over a plain socket: packets as (type, body)."""

    def __init__(self, port, name, version=2):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""
        self.backlog = []  # packets read while looking for other types
        body = b"MBRD" + struct.pack(">HBB", version, 0, 0) + name.encode().ljust(24, b"\0") + \
            b"\0" * 16
        self.send(0x01, body)

    def send(self, ptype, body):
        self.s.sendall(struct.pack(">HBB", 4 + len(body), ptype, 0) + body)

    def recv(self, timeout=10):
        deadline = time.time() + timeout
        while True:
            if len(self.buf) >= 4:
                size = struct.unpack(">H", self.buf[:2])[0]
                if len(self.buf) >= size:
                    p, self.buf = self.buf[:size], self.buf[size:]
                    return p[2], p[4:]
            self.s.settimeout(max(0.01, deadline - time.time()))
            try:
                chunk = self.s.recv(4096)
            except socket.timeout:
                return None, b""
            if not chunk:
                return None, b""
            self.buf += chunk

    def expect(self, ptypes, timeout=10):
        """The next packet of a type in ptypes (one type or a tuple) as
        (type, body), or (None, b""); others are kept for later calls."""
        if not isinstance(ptypes, tuple):
            ptypes = (ptypes,)
        for i, (t, body) in enumerate(self.backlog):
            if t in ptypes:
                del self.backlog[i]
                return t, body
        deadline = time.time() + timeout
        while time.time() < deadline:
            t, body = self.recv(max(0.01, deadline - time.time()))
            if t is None:
                break
            if t in ptypes:
                return t, body
            self.backlog.append((t, body))
        return None, b""


    def action(self, ply, step, choice=0, count=0, points=()):
        pts = b"".join(struct.pack("BB", x, y) for x, y in points)
        self.send(OPENING_ACTION, struct.pack(">BBBBI", step, choice, count, 0, ply) +
                  pts.ljust(20, b"\xff"))

    def stone(self, ply, x, y):
        self.send(MOVE, struct.pack(">IBBBBB3x", ply, 0xFF, 0xFF, x, y, 0))

    def close(self):
        self.s.close()


def pt(text):
    return ord(text[0]) - ord("a"), int(text[1:]) - 1


PLAYERS = []  # the two raw players of refusals()


def reason_after(c, send, confirm=OPENING_STATE):
    """Sends, then returns the REJECT reason that follows, or 0 when the
    step was taken (the confirm packet came first: OPENING_STATE after an
    opening step, MOVE after a move), -1 when nothing came. A taken step's
    confirm is also read by the other player, so that neither has an older
    one left to mistake for the next; what came before is dropped."""
    for p in PLAYERS:
        p.backlog = []
    send()
    t, body = c.expect((REJECT, confirm))
    if t == confirm:
        for other in PLAYERS:
            if other is not c:
                other.expect(confirm)
    return body[4] if t == REJECT else 0 if t == confirm else -1


def refusals(server):
    """A RIF opening through the server, every refusal on the way."""
    a = Raw(server.port, "ann")
    ok(a.expect(WELCOME)[0] == WELCOME, "raw: ann seated")
    b = Raw(server.port, "ben")
    ok(b.expect(WELCOME)[0] == WELCOME, "raw: ben seated")
    PLAYERS[:] = [a, b]
    st = a.expect(OPENING_STATE)[1]
    b.expect(OPENING_STATE)
    ok(st[0:3] == bytes([3, 1, 1]) and st[4] == 0,
       "raw: OPENING_STATE: rif, a stone on the centre, Player1 (ann) acts")
    ok(reason_after(b, lambda: b.stone(0, *pt("h8"))) == 1,
       "refused: the wrong player (REJECT 1)")
    ok(reason_after(a, lambda: a.stone(0, *pt("h9"))) == 8,
       "refused: stone 1 off the centre (REJECT 8)")
    ok(reason_after(a, lambda: a.action(0, 2, 1)) == 7, "refused: a choice when a stone is due (7)")
    ok(reason_after(a, lambda: a.stone(1, *pt("h8"))) == 3, "refused: a stale ply (REJECT 3)")
    ok(reason_after(a, lambda: a.stone(0, *pt("h8"))) == 0, "stone 1 taken")
    ok(reason_after(a, lambda: a.stone(1, *pt("h8"))) == 2, "refused: an occupied point (2)")
    ok(reason_after(a, lambda: a.action(1, 1, points=[pt("h10")])) == 8,
       "refused: stone 2 outside the 3x3 square (8)")
    ok(reason_after(a, lambda: a.action(1, 1, points=[pt("h9")])) == 0, "stone 2 taken")
    ok(reason_after(a, lambda: a.stone(2, *pt("h10"))) == 0, "stone 3 taken")
    ok(reason_after(b, lambda: b.action(3, 2, 4)) == 9, "refused: place-two under rif (9)")
    ok(reason_after(a, lambda: a.action(3, 2, 1)) == 1, "refused: a choice out of turn (1)")
    ok(reason_after(b, lambda: b.action(3, 2, 1)) == 0, "ben swaps: he is black")
    wb, wa = b.expect(WELCOME)[1], a.expect(WELCOME)[1]
    ok(wb[6:7] == b"\x01" and wa[6:7] == b"\x02", "both are told their new seats")
    ok(reason_after(a, lambda: a.stone(3, *pt("h6"))) == 0, "white (ann) puts the 4th")
    ok(reason_after(b, lambda: b.action(4, 4, count=3,
                                        points=[pt("g8"), pt("g7"), pt("g6")])) == 10,
       "refused: three proposals under rif (10)")
    ok(reason_after(b, lambda: b.action(4, 4, count=2, points=[pt("g8"), pt("g8")])) == 11,
       "refused: the same fifth move twice (11)")
    ok(reason_after(b, lambda: b.action(4, 4, count=2, points=[pt("g8"), pt("i8")])) == 12,
       "refused: mirror-image fifth moves (12)")
    ok(reason_after(b, lambda: b.action(4, 4, count=2, points=[pt("g8"), pt("g7")])) == 0,
       "two fifth moves proposed")
    ok(reason_after(a, lambda: a.action(4, 5, points=[pt("i8")])) == 13,
       "refused: selecting a point not proposed (13)")
    ok(reason_after(a, lambda: a.action(4, 5, points=[pt("g7")])) == 0, "white selects g7")
    ok(reason_after(a, lambda: a.action(5, 2, 0)) == 7, "refused: any step after the opening (7)")
    ok(reason_after(a, lambda: a.stone(5, *pt("a1")), confirm=MOVE) == 0,
       "ordinary play: white's 6th")
    a.close()
    b.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--rules", required=True)
    opt = ap.parse_args()
    tmp = temp_dir("mb-open-")

    for i, (rule, game_rule) in enumerate(RULES):
        srv = start_server([opt.server], tmp, rule, ["--opening", rule, "--rule", game_rule,
                                                     "--journal", "none"])
        try:
            (ca, oa), (cb, ob) = run_pair([opt.bot], srv.port, 10 * i + 1, 60)
        finally:
            srv.stop()
        res_a = re.findall(r"^result: (\S+) (\S+)$", oa, re.M)
        res_b = re.findall(r"^result: (\S+) (\S+)$", ob, re.M)
        ok(ca == 0 and cb == 0 and len(res_a) == 2 and res_a == res_b,
           "%s: two games played to their end by two bots" % rule, oa + ob)
        ok(("opening %s over" % rule) in oa and "rejected" not in oa + ob,
           "%s: every opening step was taken without a refusal" % rule, oa + ob)
        files = records(os.path.join(tmp, rule))
        replays = [subprocess.run([opt.rules, "gomoku", "sgf", f], capture_output=True,
                                  text=True) for f in files]
        ok(len(files) == 2 and all(r.returncode == 0 and r.stdout.startswith("opening: " + rule)
                                   and re.search(r"wins five|draw", r.stdout) for r in replays),
           "%s: both records replay in matchboard-rules with their opening" % rule,
           "\n".join(r.stdout + r.stderr for r in replays))

    srv = start_server([opt.server], tmp, "raw", ["--opening", "rif", "--rule", "renju",
                                                  "--journal", "none"])
    try:
        refusals(srv)
        old = Raw(srv.port, "old", version=1)
        err = old.expect(ERROR)[1]
        ok(err[0:2] == b"\x00\x04" and b"version 2" in err[4:],
           "a protocol-1 client is refused with the reason", repr(err))
        old.close()
    finally:
        srv.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
