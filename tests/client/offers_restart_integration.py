#!/usr/bin/env python3
"""offers_restart_integration.py: pending offers and a gift of time survive
a restart of the real matchboard-server, printing TAP.

  offers_restart_integration.py --server SERVER --bot BOT

Gomoku matches of raw protocol-2 clients and bots on one server with a clock:

- rematch: ann resigns, ben offers a rematch (ann sees it);
- takeback: cid asks to take back two moves (dot sees the request);
- gift: fay gives eve 60 s (fay sees the new clock);
- bot: matchboard-bot gil (--games 2) wins as hal resigns and offers the
  rematch; hal does not answer yet.
- both away: ivy resigns to matchboard-bot jon (--games 2) and offers a
  rematch while jon is stopped (SIGSTOP), so that the offer is pending and
  both players are away after the restart.

Then the server is stopped, cleanly (SIGTERM: the players of all three
hear RESTARTING) or with kill -9, and started again on the same port and
journal. Every player resumes with its token: ann sees ben's rematch offer
again, accepts it once ben is back, and the rematch starts with the colours
swapped; dot sees cid's request again and accepts it (both moves go); eve's
clock still has the 60 s (without them it could hold at most its time plus
the restart bonus); gil reconnects by itself (the client resumes a
finished game whose rematch offer is pending), hal accepts gil's offer
again, resigns the rematch too, and gil ends with its two results, the
first not counted twice; jon reconnects by itself before ivy, is asked
ivy's offer again and accepts it, which starts the rematch with ivy away
(the server no longer refuses the answer, which left the two waiting on
each other); ivy resumes into it as Player2 and resigns, and jon ends with
its two results.
"""
import os
import re
import signal
import socket
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Tap, program_args  # noqa: E402
from bot_integration import finish, start_bot, wait_seated  # noqa: E402
from opening_integration import Raw, start_server  # noqa: E402
from restart_integration import wait_for  # noqa: E402
from takeback_integration import confirmed, stone  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok

WELCOME, START, MOVE, RESIGN = 0x02, 0x03, 0x10, 0x12
REMATCH_OFFER, REMATCH_ANSWER = 0x15, 0x16
TAKEBACK_OFFER, TAKEBACK_ANSWER, TAKEBACK, GIVE_TIME = 0x17, 0x18, 0x19, 0x1A
GAME_OVER, CLOCK, PEER_STATUS, RESTARTING, ERROR = 0x20, 0x21, 0x24, 0x25, 0x40

CLOCK_MS = 600000  # --clock 10
BONUS_MS = 10000  # --restart-bonus 10
GIFT_MS = 60000


class Player(Raw):
    """A raw client whose HELLO carries a resume token (none: all zero);
    waits for its WELCOME and keeps its seat and token."""

    def __init__(self, port, name, token=b"\0" * 16):  # pylint: disable=super-init-not-called
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""
        self.backlog = []
        self.name = name
        self.send(0x01, b"MBRD" + struct.pack(">HBB", 2, 0, 0) + name.encode().ljust(24, b"\0") +
                  token)
        t, body = self.expect(WELCOME)
        if t is None:
            raise RuntimeError("%s: no WELCOME" % name)
        self.seat, self.token = body[6], body[12:28]
        self.match_id = struct.unpack(">I", body[8:12])[0]


def connect(port, name, token=b"\0" * 16):
    return Player(port, name, token)


def peer_back(c):
    """Waits for PEER_STATUS "back" about the opponent."""
    while True:
        t, body = c.expect(PEER_STATUS)
        if t is None:
            return False
        if body[1] == 1:
            return True


def last_clock(c):
    """The last CLOCK received so far (reading what has come): (p1, p2)."""
    clk = None
    while True:
        t, body = c.expect(CLOCK, timeout=0.5)
        if t is None:
            break
        clk = struct.unpack(">II", body[:8])
    return clk


def journal_lines(path, kind):
    """The journal's lines of a kind, split; it ends at its first NUL byte
    (a running or killed server has preallocated space there)."""
    with open(path) as f:
        text = f.read().split("\0", 1)[0]
    return [line.split() for line in text.splitlines() if line.startswith(kind + " ")]


def run(server, bot, tmp, how):
    name = "offers-" + how
    args = ["--game", "gomoku", "--clock", "10+0", "--restart-bonus", str(BONUS_MS // 1000),
            "--grace", "120"]
    srv = start_server([server], tmp, name, args)
    port = srv.port
    journal = os.path.join(tmp, name, "journal")
    try:
        # rematch: ann resigns, ben offers a rematch
        ann = connect(port, "ann")
        ben = connect(port, "ben")
        stone(ann, 0, 7, 7)
        confirmed(ben, 0)
        ann.send(RESIGN, struct.pack(">I", 1))
        ben.expect(GAME_OVER)
        ann.expect(GAME_OVER)
        ben.send(REMATCH_OFFER, struct.pack(">I", 1))
        t, _ = ann.expect(REMATCH_OFFER)
        ok(t == REMATCH_OFFER, "%s: ben's rematch offer reaches ann" % name)
        # takeback: cid asks for his move and dot's reply back
        cid = connect(port, "cid")
        dot = connect(port, "dot")
        stone(cid, 0, 7, 7)
        confirmed(dot, 0)
        stone(dot, 1, 8, 8)
        confirmed(cid, 1)
        cid.send(TAKEBACK_OFFER, struct.pack("B3x", 2))
        t, body = dot.expect(TAKEBACK_OFFER)
        ok(t == TAKEBACK_OFFER and body[0] == 2, "%s: cid's takeback request reaches dot" % name)
        # gift: fay gives eve 60 s
        eve = connect(port, "eve")
        fay = connect(port, "fay")
        stone(eve, 0, 7, 7)
        confirmed(fay, 0)
        last_clock(fay)
        fay.send(GIVE_TIME, struct.pack(">I", GIFT_MS))
        t, body = fay.expect(CLOCK)
        ok(t == CLOCK and struct.unpack(">I", body[:4])[0] > CLOCK_MS,
           "%s: fay's gift is on eve's clock" % name, repr(body))
        gifts = journal_lines(journal, "T")
        ok(len(gifts) == 1 and int(gifts[0][3]) > CLOCK_MS,
           "%s: the gift is in the journal at once (T line)" % name, repr(gifts))
        # bot: gil (Player1) wins, offers the rematch; hal waits
        gil = start_bot([bot], port, "--name", "gil", "--games", "2", "--random", "7")
        wait_seated(gil, 30)
        hal = connect(port, "hal")
        hal.send(RESIGN, struct.pack(">I", 0))
        t, _ = hal.expect(REMATCH_OFFER)
        ok(t == REMATCH_OFFER, "%s: gil's rematch offer reaches hal" % name)
        # both away: ivy (Player1) resigns to the bot jon and offers a
        # rematch while jon is stopped, so that it has not answered yet
        ivy = connect(port, "ivy")
        jon = start_bot([bot], port, "--name", "jon", "--games", "2", "--random", "8")
        wait_seated(jon, 30)
        ivy.expect(START)
        ivy.send(RESIGN, struct.pack(">I", 0))
        ivy.expect(GAME_OVER)
        os.kill(jon.pid, signal.SIGSTOP)
        ivy.send(REMATCH_OFFER, struct.pack(">I", 0))
        ok(wait_for(lambda: [int(o[1]) for o in journal_lines(journal, "O")
                             if o[3:5] == ["2", "1"]].count(ivy.match_id) == 1, 10),
           "%s: ivy's rematch offer to jon is journaled" % name, srv.log_text()[-2000:])

        if how == "clean":
            srv.proc.send_signal(signal.SIGTERM)
        else:
            srv.proc.kill()
        try:
            srv.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        before = srv.stop()
        if how == "clean":
            told = [p.name for p in (ann, ben, cid, dot, eve, fay, hal)
                    if p.expect(RESTARTING, timeout=5)[0] == RESTARTING]
            ok(len(told) == 7, "%s: all seven raw players hear RESTARTING (%s)" % (name, told),
               before[-2000:])
        for p in (ann, ben, cid, dot, eve, fay, hal, ivy):
            p.close()

        srv = start_server_on(server, tmp, name, args, port)
        os.kill(jon.pid, signal.SIGCONT)
        # rematch: ann back first sees the offer again, accepts once ben is back
        ann2 = connect(port, "ann", ann.token)
        t, body = ann2.expect(GAME_OVER)
        t2, _ = ann2.expect(REMATCH_OFFER)
        ok(ann2.seat == 1 and t == GAME_OVER and t2 == REMATCH_OFFER,
           "%s: ann resumes the finished game and sees ben's offer again" % name,
           srv.log_text()[-2000:])
        ben2 = connect(port, "ben", ben.token)
        ok(ben2.seat == 2 and peer_back(ann2), "%s: ben resumes too" % name)
        ann2.send(REMATCH_ANSWER, struct.pack("B3x", 1))
        ta, wa = ann2.expect(WELCOME)
        tb, wb = ben2.expect(WELCOME)
        ok(ta == WELCOME and tb == WELCOME and wa[6] == 2 and wb[6] == 1 and
           ann2.expect(START)[0] == START and ben2.expect(START)[0] == START,
           "%s: ann accepts: the rematch starts, colours swapped" % name)
        stone(ben2, 0, 7, 7)
        ok(confirmed(ann2, 0), "%s: and is played" % name)
        # takeback: dot back sees the request again and accepts it
        dot2 = connect(port, "dot", dot.token)
        t, body = dot2.expect(TAKEBACK_OFFER)
        ok(t == TAKEBACK_OFFER and body[0] == 2,
           "%s: dot resumes and sees cid's takeback request again" % name,
           srv.log_text()[-2000:])
        cid2 = connect(port, "cid", cid.token)
        peer_back(dot2)
        dot2.send(TAKEBACK_ANSWER, struct.pack("B3x", 1))
        tc, bc = cid2.expect(TAKEBACK)
        td, bd = dot2.expect(TAKEBACK)
        ok(tc == TAKEBACK and td == TAKEBACK and bc[0] == 2 and
           struct.unpack(">I", bc[4:8])[0] == 0,
           "%s: dot accepts: both moves are taken back" % name, repr((bc, bd)))
        # gift: eve's clock still has the 60 s once both are back
        eve2 = connect(port, "eve", eve.token)
        fay2 = connect(port, "fay", fay.token)
        peer_back(eve2)
        clk = last_clock(eve2)
        ok(clk is not None and clk[0] > CLOCK_MS + BONUS_MS + GIFT_MS // 2,
           "%s: eve's clock kept the gift (%s ms, at most %d without it)"
           % (name, clk[0] if clk else None, CLOCK_MS + BONUS_MS), srv.log_text()[-2000:])
        # bot: hal back, gil back by itself: hal accepts, then resigns again
        hal2 = connect(port, "hal", hal.token)
        t, _ = hal2.expect(REMATCH_OFFER)
        ok(t == REMATCH_OFFER and wait_for(lambda: '"gil" is back' in srv.log_text(), 30),
           "%s: hal resumes, sees gil's offer again, and gil comes back by itself" % name,
           srv.log_text()[-2000:])
        hal2.send(REMATCH_ANSWER, struct.pack("B3x", 1))
        t, body = hal2.expect(WELCOME)
        ok(t == WELCOME and body[6] == 1 and hal2.expect(START)[0] == START,
           "%s: the rematch starts, hal is Player1" % name)
        hal2.send(RESIGN, struct.pack(">I", 0))
        (code, out), = finish([gil], 60)
        results = re.findall(r"^result: (\S+) (\S+)$", out, re.M)
        ok(code == 0 and results == [("1-0", "resignation"), ("0-1", "resignation")] and
           "resumed as Player1" in out,
           "%s: gil resumed and finished its two games, each counted once" % name, out[-3000:])
        # both away: jon comes back by itself first, is asked ivy's offer
        # again and accepts it: the rematch starts with ivy away (no stall)
        ok(wait_for(lambda: "the clocks wait for them" in srv.log_text(), 30),
           "%s: jon back first accepts ivy's offer: the rematch starts, ivy away" % name,
           srv.log_text()[-2000:])
        ivy2 = connect(port, "ivy", ivy.token)
        t, body = ivy2.expect(MOVE)
        ok(ivy2.seat == 2 and t == MOVE and struct.unpack(">I", body[:4])[0] == 0,
           "%s: ivy resumes into the rematch as Player2; jon moves first" % name,
           srv.log_text()[-2000:])
        ivy2.send(RESIGN, struct.pack(">I", 1))
        (code, out), = finish([jon], 60)
        results = re.findall(r"^result: (\S+) (\S+)$", out, re.M)
        ok(code == 0 and results == [("0-1", "resignation"), ("1-0", "resignation")],
           "%s: jon finished its two games, each counted once" % name, out[-3000:])
        for p in (ann2, ben2, cid2, dot2, eve2, fay2, hal2, ivy2):
            p.close()
    finally:
        srv.stop()


def start_server_on(server, tmp, name, args, port):
    """start_server's server again on port, same records and journal."""
    from itest import Server
    return Server([server], ["--port", str(port), "--bind", "127.0.0.1", "--records",
                             os.path.join(tmp, name), "--no-discovery"] + args,
                  log=os.path.join(tmp, name + "-after.log"))


def main():
    opt, tmp = program_args("mb-offers-", "server", "bot")
    for how in ("kill", "clean"):
        run(opt.server, opt.bot, tmp, how)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
