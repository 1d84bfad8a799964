#!/usr/bin/env python3
"""clock_integration.py: delay clocks and the move cap through the real
matchboard-server on 127.0.0.1, in both games, printing TAP.

  clock_integration.py --server SERVER

A quick move inside the delay costs nothing (the CLOCK after it shows the
whole bank); a player who does not move loses on time, never before the
delay plus the time left (simple delay, Gomoku), the time left (Bronstein,
chess) or the move cap (--move-time, chess). Only lower bounds of time are
checked: a busy machine can make the server late, never early. The exact
instants are checked on virtual time by tests/server/test_match_clocks.c.
"""
import os
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Tap, program_args  # noqa: E402
from opening_integration import Raw, start_server  # noqa: E402

tap = Tap(detail_lines=30)
ok = tap.ok

WELCOME, MOVE, GAME_OVER, CLOCK = 0x02, 0x10, 0x20, 0x21


def move(ply, fx, fy, tx, ty):
    return struct.pack(">IBBBBB3x", ply, fx, fy, tx, ty, 0)


def check(server, tmp, name, args, first, bank_ms, least_s):
    """ann plays `first` at once (None: nothing); ben never moves."""
    srv = start_server([server], tmp, name, args + ["--journal", "none"])
    try:
        a = Raw(srv.port, "ann")
        a.expect(WELCOME)
        b = Raw(srv.port, "ben")
        b.expect(WELCOME)
        loser, winner = (b, 1) if first else (a, 2)
        if first:
            b.expect(CLOCK)  # the one at START
            a.send(MOVE, first)
            t, body = b.expect(MOVE)
            _, clk = b.expect(CLOCK)
            ok(t == MOVE and clk and struct.unpack(">I", clk[:4])[0] == bank_ms,
               "%s: a quick move inside the delay costs nothing (%d ms left)" % (name, bank_ms),
               repr(clk))
        start = time.time()
        t, body = loser.expect(GAME_OVER, timeout=30)
        took = time.time() - start
        ok(t == GAME_OVER and body[0] == winner and body[1] == 5,
           "%s: the player who does not move loses on time" % name, repr(body))
        ok(took >= least_s, "%s: not before %.1f s (after %.1f s)" % (name, least_s, took))
        a.close()
        b.close()
    finally:
        srv.stop()


def main():
    opt, tmp = program_args("mb-clock-", "server")
    # 1.2 s each; a simple delay of 5 s: ben's flag falls 6.2 s into his turn
    check(opt.server, tmp, "gomoku simple delay", ["--game", "gomoku", "--clock", "0.02+0d5"],
          move(0, 0xFF, 0xFF, 7, 7), 1200, 6.0)
    # a Bronstein delay is no reserve: ben's flag falls at his 1.2 s
    check(opt.server, tmp, "chess Bronstein delay", ["--game", "chess", "--clock", "0.02+0b5"],
          move(0, 4, 1, 4, 3), 1200, 1.0)
    # --move-time without a clock: ann's first move may take 1 s
    check(opt.server, tmp, "chess move time", ["--game", "chess", "--move-time", "1"], None, 0,
          0.9)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
