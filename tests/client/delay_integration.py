#!/usr/bin/env python3
"""delay_integration.py: clients are told a delay clock's delay (protocol 3,
CLOCK_DELAY), through the real matchboard-server on 127.0.0.1, printing TAP.

  delay_integration.py --server SERVER --bot BOT

A raw protocol-3 client gets CLOCK_DELAY just before each CLOCK (simple
delay in Gomoku, Bronstein in chess), with the whole delay at the start of
a turn; a raw protocol-2 client on the same server gets the CLOCKs alone
and plays on. After a clean restart both resume: the delay is told again,
stopped and when the clocks start. A CLOCK_DELAY sent by a client is
refused (well-formed: ERROR 8, the connection stays; a bad kind: ERROR 1
and a close, the game held for its return, which goes on). Two
matchboard-bots (one dropping and resuming) print the delay they were told.
Nothing here depends on timing: only what the server told, at instants it
chose itself (the start of a turn, a stop), is compared exactly.
"""
import os
import re
import signal
import socket
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, program_args  # noqa: E402
from opening_integration import Raw, start_server  # noqa: E402
from bot_integration import finish, start_bot, wait_seated  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok

WELCOME, MOVE, GAME_OVER, CLOCK, SYNC_END = 0x02, 0x10, 0x20, 0x21, 0x23
PEER_STATUS, RESTARTING, CLOCK_DELAY, PING, PONG, ERROR = 0x24, 0x25, 0x26, 0x31, 0x32, 0x40


class Player(Raw):
    """A raw client of a protocol version, with a resume token (none: all
    zero); waits for its WELCOME and keeps its seat and token."""

    def __init__(self, port, name, version, token=b"\0" * 16):  # pylint: disable=super-init-not-called
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""
        self.backlog = []
        self.types = []  # every packet type received, in order
        self.passed = []  # the types the last clock() read past
        self.send(0x01, b"MBRD" + struct.pack(">HBB", version, 0, 0) +
                  name.encode().ljust(24, b"\0") + token)
        t, body = self.expect(WELCOME)
        if t is None:
            raise RuntimeError("%s: no WELCOME" % name)
        self.version, self.seat, self.token = struct.unpack(">H", body[:2])[0], body[6], body[12:28]

    def recv(self, timeout=10):
        t, body = Raw.recv(self, timeout)
        if t is not None:
            self.types.append(t)
        return t, body

    def clock(self, timeout=10):
        """The next CLOCK (waiting for it) and what came just before it:
        (delay, clock) with delay = (kind, delay ms, left ms) when that was a
        CLOCK_DELAY, else None; clock = (p1 ms, p2 ms, running). The types
        read past are in self.passed."""
        prev = None
        self.passed = []
        while True:
            if self.backlog:
                t, body = self.backlog.pop(0)
            else:
                t, body = self.recv(timeout)
            if t is None:
                return None, None
            if t == CLOCK:
                delay = None
                if prev and prev[0] == CLOCK_DELAY:
                    kind, _, _, _, ms, left = struct.unpack(">BBBBII", prev[1])
                    delay = (kind, ms, left)
                return delay, struct.unpack(">IIB", body[:9])
            prev = (t, body)
            self.passed.append(t)


def stone(p, ply, x, y):
    p.send(MOVE, struct.pack(">IBBBBB3x", ply, 0xFF, 0xFF, x, y, 0))


def told(server, tmp):
    """Simple delay in Gomoku: told at the start and after a move to a
    version-3 client, not to a version-2 one; again after a restart."""
    name = "delay-told"
    args = ["--game", "gomoku", "--clock", "0.5+0d1.5", "--grace", "120"]
    srv = start_server([server], tmp, name, args)
    port = srv.port
    try:
        ann = Player(port, "ann", 3)
        ben = Player(port, "ben", 2)
        ok(ann.version == 3 and ben.version == 2, "ann speaks protocol 3, ben protocol 2")
        delay, clk = ann.clock()
        ok(delay == (1, 1500, 1500) and clk and clk[2] == 1,
           "ann (3): CLOCK_DELAY before the first CLOCK, simple, 1.5 s, all of it left",
           repr((delay, clk)))
        delay, clk = ben.clock()
        ok(delay is None and clk and clk[2] == 1, "ben (2): the CLOCK alone", repr((delay, clk)))
        stone(ann, 0, 7, 7)
        delay, clk = ann.clock()
        ok(delay == (1, 1500, 1500) and clk and clk[2] == 2,
           "after ann's move: ben's turn, with the whole delay", repr((delay, clk)))
        delay, clk = ben.clock()
        ok(delay is None and clk and clk[2] == 2, "ben gets his turn's CLOCK alone")
        stone(ben, 1, 8, 8)
        delay, clk = ann.clock()
        ok(MOVE in ann.passed and delay == (1, 1500, 1500) and clk and clk[2] == 1,
           "ben plays on; ann's turn, the whole delay", repr((delay, clk)))

        srv.proc.send_signal(signal.SIGTERM)
        try:
            srv.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        log = srv.stop()
        delay, clk = ann.clock()
        ok(delay == (1, 1500, 1500) and clk and clk[2] == 0 and
           ann.expect(RESTARTING)[0] == RESTARTING,
           "a clean stop: the stopped clocks' CLOCK tells the delay, then RESTARTING",
           repr((delay, clk)) + log[-1500:])
        ann.close()
        ben.close()

        srv = Server([server], ["--port", str(port), "--bind", "127.0.0.1", "--records",
                                os.path.join(tmp, name), "--no-discovery"] + args,
                     log=os.path.join(tmp, name + "-after.log"))
        ann = Player(port, "ann", 3, ann.token)
        delay, clk = ann.clock()
        ok(ann.seat == 1 and SYNC_END in ann.passed and delay == (1, 1500, 1500) and clk and
           clk[2] == 0, "ann resumes after the restart: told the delay again, clocks stopped",
           repr((delay, clk)) + srv.log_text()[-1500:])
        ben = Player(port, "ben", 2, ben.token)
        delay, clk = ben.clock()
        ok(ben.seat == 2 and delay is None and clk, "ben resumes: his CLOCK alone",
           repr((delay, clk)))
        delay, clk = ann.clock()
        ok(delay == (1, 1500, 1500) and clk and clk[2] == 1,
           "both back: the clocks start, ann's turn with the whole delay", repr((delay, clk)))
        stone(ann, 2, 6, 6)
        t, _ = ben.expect(MOVE)
        delay, clk = ann.clock()
        ok(t == MOVE and delay == (1, 1500, 1500) and clk and clk[2] == 2,
           "and the game goes on, ben's turn with the whole delay", repr((delay, clk)))
        ok(CLOCK_DELAY not in ben.types, "ben (2) never got a CLOCK_DELAY")

        # a client sends CLOCK_DELAY: well-formed, refused; a bad kind, malformed
        ben.send(CLOCK_DELAY, struct.pack(">B3xII", 1, 1000, 1000))
        t, body = ben.expect(ERROR)
        ben.send(PING, struct.pack(">Q", 7))
        t2, _ = ben.expect(PONG)
        ok(t == ERROR and struct.unpack(">H", body[:2])[0] == 8 and t2 == PONG,
           "a client's CLOCK_DELAY: ERROR 8 (not allowed), the connection stays", repr(body))
        ben.send(CLOCK_DELAY, struct.pack(">B3xII", 3, 1000, 1000))
        t, body = ben.expect(ERROR)
        ok(t == ERROR and struct.unpack(">H", body[:2])[0] == 1 and b"out of range" in body,
           "a CLOCK_DELAY of kind 3: ERROR 1 (malformed) naming the fault",
           repr(body.rstrip(b"\0")))
        ok(ben.recv(5)[0] is None, "and the connection is closed")
        t, body = ann.expect(PEER_STATUS)
        ok(t == PEER_STATUS and body[0] == 2 and body[1] == 0 and
           struct.unpack(">I", body[4:8])[0] > 0, "ann hears ben dropped, his seat held")
        ben.close()
        ben = Player(port, "ben", 2, ben.token)
        delay, clk = ben.clock()
        ok(ben.seat == 2 and clk and clk[2] == 2, "ben resumes, his turn")
        stone(ben, 3, 9, 9)
        delay, clk = ann.clock()
        ok(MOVE in ann.passed and delay == (1, 1500, 1500) and clk and clk[2] == 1,
           "nothing lost: ben's move counts and ann's turn has its whole delay",
           repr((delay, clk)))
        ann.close()
        ben.close()
    finally:
        srv.stop()


def bronstein(server, tmp):
    """A Bronstein delay in chess: kind 2."""
    name = "delay-bronstein"
    srv = start_server([server], tmp, name, ["--game", "chess", "--clock", "1+0b2"])
    try:
        ann = Player(srv.port, "ann", 3)
        Player(srv.port, "ben", 3).close()
        delay, clk = ann.clock()
        ok(delay == (2, 2000, 2000) and clk and clk[2] == 1,
           "chess, Bronstein 2 s: kind 2, all of it left at the start", repr((delay, clk)))
        ann.close()
    finally:
        srv.stop()


def bots(server, bot, tmp):
    """Two matchboard-bots: each CLOCK line names the delay; the one that
    drops and resumes is told it again."""
    name = "delay-bots"
    srv = start_server([server], tmp, name, ["--game", "gomoku", "--size", "9", "--clock",
                                             "0.5+1d1.5"])
    try:
        a = start_bot([bot], srv.port, "--name", "ann", "--random", "3", "--drop-after", "4")
        wait_seated(a, 30)
        b = start_bot([bot], srv.port, "--name", "ben", "--random", "4")
        (sa, oa), (sb, ob) = finish([a, b], 120)
        ok(sa == 0 and sb == 0, "both bots finish their game", oa[-1500:] + ob[-1500:])
        line = re.compile(r"^clock: .*; \+1 s, delay 1\.5 s, [0-9.]+ s left$", re.M)
        ok(len(line.findall(ob)) >= 3 and "1.5 s left" in ob,
           "ben's clock lines name the delay (the whole of it after a move)", ob[-1500:])
        resumed = oa.split("resumed as", 1)
        ok(len(resumed) == 2 and line.search(resumed[1]),
           "ann drops, resumes and is told the delay again", oa[-1500:])
    finally:
        srv.stop()


def main():
    opt, tmp = program_args("mb-delay-", "server", "bot")
    told(opt.server, tmp)
    bronstein(opt.server, tmp)
    bots(opt.server, opt.bot, tmp)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
