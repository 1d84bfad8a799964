#!/usr/bin/env python3
"""test_engine_protocol: the real matchboard-engine driven through a
Gomocup protocol session on its stdin/stdout, as Piskvork or matchboard-bot
would: START, INFO, BEGIN, TURN, TAKEBACK, BOARD, RESTART, PLAY,
SWAP2BOARD, ABOUT, bad lines (answered ERROR / UNKNOWN, the session goes
on), END (the program exits 0). No check depends on timing: every wait has a
generous limit only so that a hung engine fails the test instead of
hanging it. Usage: test_engine_protocol.py ENGINE"""
import os
import queue
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import itest  # noqa: E402
import run_program  # noqa: E402

WAIT = 60  # seconds: only a hung engine gets near it


class Brain:
    def __init__(self, program):
        self.p = subprocess.Popen(run_program.command(program), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.put(line.rstrip("\r\n"))
        self.lines.put(None)

    def send(self, *lines):
        for line in lines:
            self.p.stdin.write(line + "\r\n")  # managers end lines with CR LF
        self.p.stdin.flush()

    def answer(self):
        """The next line that is not a MESSAGE or DEBUG line."""
        while True:
            line = self.lines.get(timeout=WAIT)
            if line is None or not line.startswith(("MESSAGE", "DEBUG")):
                return line

    def ask(self, *lines):
        self.send(*lines)
        return self.answer()


def point(text, size=15):
    try:
        x, y = (int(v) for v in text.split(","))
    except (AttributeError, ValueError):
        return None
    return (x, y) if 0 <= x < size and 0 <= y < size else None


def main(program):
    tap = itest.Tap()
    b = Brain(program)
    try:
        tap.ok(b.ask("ABOUT").startswith('name="matchboard-engine"'), "ABOUT names the engine")
        tap.ok(b.ask("START 30") .startswith("ERROR"), "START 30: ERROR (sizes 5 to 25)")
        tap.ok(b.ask("START 15") == "OK", "START 15: OK")
        b.send("INFO timeout_turn 300", "INFO timeout_match 600000", "INFO time_left 600000",
               "INFO max_memory 83886080", "INFO game_type 1", "INFO rule 0",
               "INFO folder /nowhere")
        tap.ok(b.ask("BEGIN") == "7,7", "BEGIN: the centre")
        stones = {(7, 7)}
        r = b.ask("TURN 8,8")
        stones.add((8, 8))
        tap.ok(point(r) is not None and point(r) not in stones, "TURN: a free point (%s)" % r)
        mine = point(r)
        tap.ok(b.ask("TAKEBACK %d,%d" % mine) == "OK", "TAKEBACK of its own move")
        tap.ok(b.ask("TAKEBACK 8,8") == "OK", "TAKEBACK of the opponent's move")
        r = b.ask("TURN 8,8")
        tap.ok(point(r) is not None and point(r) not in stones, "TURN again: %s" % r)
        tap.ok(b.ask("FOO 1,2").startswith("UNKNOWN"), "an unknown command: UNKNOWN")
        tap.ok(b.ask("TURN 1") == "ERROR expected x,y", "a bad TURN: ERROR with the reason")
        tap.ok(b.ask("TURN 8,8").startswith("ERROR TURN: point already taken"),
               "TURN on a stone: ERROR")
        tap.ok(b.ask("TURN 99,99").startswith("ERROR"), "TURN off the board: ERROR")
        r = b.ask("TURN 9,9")
        tap.ok(point(r) is not None, "the game goes on after bad lines (%s)" % r)
        tap.ok(b.ask("RESTART") == "OK", "RESTART: OK")
        # An own four on row 3: the engine completes it.
        r = b.ask("BOARD", "2,3,1", "5,5,2", "3,3,1", "5,6,2", "4,3,1", "5,7,2", "5,3,1",
                  "12,12,2", "DONE")
        tap.ok(r in ("1,3", "6,3"), "BOARD: completes five (%s)" % r)
        # The opponent's four: the engine blocks it.
        b.ask("RESTART")
        r = b.ask("BOARD", "2,3,2", "5,5,1", "3,3,2", "5,6,1", "4,3,2", "12,1,1", "5,3,2",
                  "1,3,1", "DONE")
        tap.ok(r == "6,3", "BOARD: blocks a four (%s)" % r)
        # Renju: black (the engine, to move with as many stones as white)
        # must not take its double-three point 7,7.
        b.ask("RESTART")
        b.send("INFO rule 4")
        r = b.ask("BOARD", "5,7,1", "0,0,2", "6,7,1", "14,0,2", "7,5,1", "0,14,2", "7,6,1",
                  "14,14,2", "DONE")
        tap.ok(point(r) is not None and r != "7,7", "Renju: black avoids its forbidden point (%s)" % r)
        tap.ok(b.ask("PLAY 1,1") == "1,1", "PLAY: the same point back")
        b.ask("RESTART")
        tap.ok(b.ask("SWAP2BOARD", "DONE") == "7,7 8,6 8,8", "SWAP2BOARD, empty: three stones")
        r = b.ask("RECTSTART 20,20")
        tap.ok(r == "OK", "RECTSTART 20,20: OK")
        tap.ok(b.ask("RECTSTART 20,15").startswith("ERROR"), "RECTSTART 20,15: ERROR")
        r = b.ask("BEGIN")
        tap.ok(r == "10,10", "BEGIN on 20x20: the centre (%s)" % r)
        b.send("END")
        b.p.wait(timeout=WAIT)
        tap.ok(b.p.returncode == 0, "END: exits with status 0")
    finally:
        if b.p.poll() is None:
            b.p.kill()
            b.p.wait()
    return tap.done()


if __name__ == "__main__":
    t = itest.Tap()
    sys.exit(t.run(main, sys.argv[1]))
