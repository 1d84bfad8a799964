#!/usr/bin/env python3
"""takeback_integration.py: takebacks through the real matchboard-server on
127.0.0.1 in both games, printing TAP.

  takeback_integration.py --server SERVER

Two raw protocol-2 clients: a request relayed, accepted (TAKEBACK to both,
the game goes on from there, the record keeps the final line), declined,
refused (not your move, one at a time); a server started with
--no-takeback refuses every request.
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

WELCOME, MOVE, RESIGN, ERROR = 0x02, 0x10, 0x12, 0x40
TAKEBACK_OFFER, TAKEBACK_ANSWER, TAKEBACK = 0x17, 0x18, 0x19


def move(c, ply, fx, fy, tx, ty):
    c.send(MOVE, struct.pack(">IBBBBB3x", ply, fx, fy, tx, ty, 0))


def stone(c, ply, x, y):
    move(c, ply, 0xFF, 0xFF, x, y)


def pair(port):
    a = Raw(port, "ann")
    a.expect(WELCOME)
    b = Raw(port, "ben")
    b.expect(WELCOME)
    return a, b


def record(folder, ext):
    deadline = time.time() + 10
    while time.time() < deadline:
        files = [f for f in os.listdir(folder) if f.endswith(ext)] if os.path.isdir(folder) else []
        if files:
            with open(os.path.join(folder, files[0])) as f:
                return f.read()
        time.sleep(0.05)
    return ""


def confirmed(c, ply):
    """Waits for the MOVE of ply (ours or theirs); True when it came."""
    while True:
        t, body = c.expect(MOVE)
        if t is None:
            return False
        if struct.unpack(">I", body[:4])[0] == ply:
            return True


def game(server_cmd, tmp, name, args, moves, redo, ext, want, unwanted):
    """Plays moves [(mover, ply, packet maker)]; ann's refused and declined
    requests; redo[0] (ann) and redo[1] (ben) taken back at ann's request,
    redo[2] (ann) played instead; the record must hold want, not unwanted."""
    srv = start_server(server_cmd, tmp, name, args + ["--journal", "none"])
    try:
        a, b = pair(srv.port)
        for who, ply, mv in moves:
            (a if who == "a" else b).send(MOVE, mv(ply))
            confirmed(a, ply)
            confirmed(b, ply)
        a.send(TAKEBACK_OFFER, struct.pack("B3x", 1))
        t, body = a.expect(ERROR, timeout=5)
        ok(t == ERROR and b"not yours" in body, "%s: 1 move on our turn is refused" % name, body)
        a.send(TAKEBACK_OFFER, struct.pack("B3x", 2))
        t, body = b.expect(TAKEBACK_OFFER)
        ok(t == TAKEBACK_OFFER and body[0] == 2, "%s: the request is relayed" % name, repr(body))
        b.send(TAKEBACK_ANSWER, struct.pack("B3x", 0))
        t, body = a.expect(TAKEBACK_ANSWER)
        ok(t == TAKEBACK_ANSWER and body[0] == 0, "%s: a refusal is told" % name)
        b.send(TAKEBACK_OFFER, struct.pack("B3x", 2))
        t, body = b.expect(ERROR, timeout=5)
        ok(t == ERROR and b"not your turn" in body,
           "%s: two moves only on one's own turn" % name, repr(body))
        n = len(moves)
        # one more pair of moves, then ann asks for both back
        a.send(MOVE, redo[0](n))
        confirmed(a, n)
        b.send(MOVE, redo[1](n + 1))
        confirmed(b, n + 1)
        confirmed(a, n + 1)
        a.send(TAKEBACK_OFFER, struct.pack("B3x", 2))
        b.expect(TAKEBACK_OFFER)
        b.send(TAKEBACK_ANSWER, struct.pack("B3x", 1))
        ta, body_a = a.expect(TAKEBACK)
        tb, body_b = b.expect(TAKEBACK)
        ok(ta == TAKEBACK and tb == TAKEBACK and body_a == body_b and body_a[0] == 2 and
           struct.unpack(">I", body_a[4:8])[0] == n,
           "%s: accepted: both are told 2 moves went, %d stand" % (name, n), repr(body_a))
        a.send(MOVE, redo[2](n))
        ok(confirmed(b, n), "%s: ann plays another move instead" % name)
        b.send(RESIGN, struct.pack(">I", n + 1))
        rec = record(os.path.join(tmp, name), ext)
        ok(want in rec and unwanted not in rec, "%s: the record keeps the final line" % name, rec)
        a.close()
        b.close()
    finally:
        srv.stop()


def main():
    opt, tmp = program_args("mb-takeback-", "server")

    def st(x, y):
        return lambda ply: struct.pack(">IBBBBB3x", ply, 0xFF, 0xFF, x, y, 0)

    def mv(fx, fy, tx, ty):
        return lambda ply: struct.pack(">IBBBBB3x", ply, fx, fy, tx, ty, 0)

    # Gomoku: h8 h9, then ann a1, ben b1 taken back, ann plays c1 instead.
    game([opt.server], tmp, "gomoku", ["--game", "gomoku"],
         [("a", 0, st(7, 7)), ("b", 1, st(7, 8))], [st(0, 0), st(1, 0), st(2, 0)], ".sgf",
         ";B[co]", ";W[bo]")
    # Chess: 1.e4 e5, then 2.Nf3 Nc6 taken back, 2.Bc4 instead.
    game([opt.server], tmp, "chess", ["--game", "chess"],
         [("a", 0, mv(4, 1, 4, 3)), ("b", 1, mv(4, 6, 4, 4))],
         [mv(6, 0, 5, 2), mv(1, 7, 2, 5), mv(5, 0, 2, 3)], ".pgn", "2. Bc4", "Nc6")

    srv = start_server([opt.server], tmp, "off", ["--game", "gomoku", "--no-takeback",
                                                  "--journal", "none"])
    try:
        a, b = pair(srv.port)
        stone(a, 0, 7, 7)
        confirmed(a, 0)
        a.send(TAKEBACK_OFFER, struct.pack("B3x", 1))
        t, body = a.expect(ERROR, timeout=5)
        ok(t == ERROR and b"takebacks are off" in body, "--no-takeback: a request is refused",
           repr(body))
        a.close()
        b.close()
    finally:
        srv.stop()
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
