#!/usr/bin/env python3
"""make_match_corpus.py DIR: writes the seed corpus of fuzz_match.

The input format is fuzz_match.c's: a configuration byte, an opening rule
byte, then events, each an op byte (action << 3 | client slot) and its
argument bytes. The seeds play whole games to their ends (five, mate,
resignation, draw, time, a player who does not come back), rematches,
resumes, spectators and refused intents, and each Gomoku opening rule
through its steps, so the fuzzer starts deep inside the state machine.
Commit the files under tests/fuzz/corpus/match/.
"""
import os
import sys

OPEN, CLOSE, HELLO, RESUME, WATCH, MOVE, SIMPLE, TICK = range(8)
RESIGN, DRAW_OFFER, DRAW_YES, DRAW_NO, REMATCH_OFFER, REMATCH_YES, REMATCH_NO = range(7)
CHAT, PING, PONG, SERVER_ONLY, HELLO_AGAIN = 7, 8, 9, 10, 11
TAKEBACK_1, TAKEBACK_2, TAKEBACK_YES, TAKEBACK_NO = 12 | 1 << 4, 12 | 2 << 4, 13, 14
GIVE_3S, GIVE_TOO_MUCH = 15 | 0x80 | 3 << 4, 15

GOMOKU_15, STANDARD_15, RENJU_15, CHESS = 0, 1, 2, 3
CLOCK, SIZE_5, SIZE_7, INCREMENT, NO_GRACE, NO_TAKEBACK = 4, 8, 16, 32, 64, 128

# The opening rule byte (gomoku_opening_rule); steps and choices of the
# opening (gomoku_opening_step, gomoku_opening_choice).
NONE, SWAP, SWAP2, RIF, YAMAGUCHI, SOOSORV8, TARAGUCHI10 = range(7)
PLACE, CHOOSE, DECLARE, PROPOSE, SELECT = range(1, 6)
STAY, SWAP_COLOURS, BLACK, WHITE, PLACE_TWO, PROPOSE_TEN = range(6)


def cfg(config, opening=NONE):
    return bytes([config, opening])


def ev(action, slot, *args):
    return bytes([action << 3 | slot, *args])


def stone(slot, x, y, ply_delta=0):
    """A raw Gomoku move at the sender's ply + ply_delta."""
    return ev(MOVE, slot, 1 + ply_delta, 25, 25, x, y, 0)


def chess(slot, fx, fy, tx, ty, promo=0):
    return ev(MOVE, slot, 1, fx, fy, tx, ty, promo)


def legal(slot, pick):
    """The pick-th legal move of the sender's own view."""
    return ev(MOVE, slot, 0x80, pick)


def step(slot, pick=0, as_move=False):
    """The opening step the sender's view says is due, filled from it."""
    return ev(MOVE, slot, 0x40 | (0x10 if as_move else 0), pick)


def raw_step(slot, kind, choice=0, count=0, pts=(), ply_delta=0):
    """An opening step as given, at the sender's ply + ply_delta."""
    flat = [c for pt in pts for c in pt]
    return ev(MOVE, slot, 0x60 | (1 + ply_delta), kind, choice, count, len(pts), *flat)


def pair(a=0, b=1, na=1, nb=2):
    return ev(OPEN, a) + ev(OPEN, b) + ev(HELLO, a, na) + ev(HELLO, b, nb)


def tick(ms):
    return ev(TICK, 0, ms // 10 if ms < 1280 else 128 + ms // 500)


def five_game():
    out = b""
    for i in range(4):
        out += stone(0, 7, 7 + i) + stone(1, 8, 7 + i)
    return out + stone(0, 7, 11)


def seeds():
    s = {}
    s["gomoku-five-rematch"] = (
        cfg(GOMOKU_15) + pair() + five_game()
        + ev(SIMPLE, 1, REMATCH_OFFER) + ev(SIMPLE, 0, REMATCH_YES)
        + stone(1, 3, 3) + stone(0, 4, 4) + ev(SIMPLE, 0, CHAT)
        + ev(SIMPLE, 1, DRAW_OFFER) + ev(SIMPLE, 0, DRAW_YES))
    s["chess-fools-mate"] = (
        cfg(CHESS) + pair()
        + chess(0, 5, 1, 5, 2) + chess(1, 4, 6, 4, 4)
        + chess(0, 6, 1, 6, 3) + chess(1, 3, 7, 7, 3))
    s["chess-spectator-promotion"] = (
        cfg(CHESS | CLOCK | INCREMENT) + pair()
        + ev(OPEN, 2) + ev(WATCH, 2, 0)
        + chess(0, 4, 1, 4, 3) + chess(1, 3, 6, 3, 4) + chess(0, 4, 3, 3, 4)
        + chess(1, 2, 6, 2, 5) + chess(0, 3, 4, 2, 5) + chess(1, 1, 7, 0, 5)
        + chess(0, 2, 5, 1, 6) + chess(1, 0, 5, 1, 7) + chess(0, 1, 6, 0, 7, 4)
        + ev(SIMPLE, 2, CHAT) + chess(2, 0, 6, 0, 5) + tick(900)
        + ev(SIMPLE, 1, RESIGN) + ev(SIMPLE, 2, REMATCH_OFFER))
    s["gomoku-5x5-clock-full-board"] = (
        cfg(GOMOKU_15 | SIZE_5 | CLOCK) + pair()
        + b"".join(legal(i % 2, 7 * i) + tick(100) for i in range(25))
        + ev(SIMPLE, 0, REMATCH_OFFER) + ev(SIMPLE, 1, REMATCH_OFFER) + tick(4000))
    s["resume-and-stale-token"] = (
        cfg(STANDARD_15) + pair() + stone(0, 7, 7) + stone(1, 8, 8)
        + ev(CLOSE, 0) + tick(1000) + ev(OPEN, 2) + ev(RESUME, 2, 0)
        + stone(2, 6, 6) + ev(OPEN, 3) + ev(RESUME, 3, 0xF7)
        + ev(OPEN, 4) + ev(RESUME, 4, 1) + stone(4, 9, 9)
        + stone(1, 9, 9) + ev(SIMPLE, 2, DRAW_OFFER) + ev(SIMPLE, 4, DRAW_NO))
    s["grace-runs-out"] = (
        cfg(RENJU_15) + pair() + legal(0, 3) + ev(CLOSE, 1) + tick(2000)
        + tick(4000) + ev(OPEN, 2) + ev(RESUME, 2, 1) + ev(OPEN, 3) + ev(WATCH, 3, 1))
    s["refusals"] = (
        cfg(GOMOKU_15 | SIZE_7 | NO_GRACE)
        + ev(OPEN, 0) + ev(SIMPLE, 0, PING) + ev(OPEN, 1) + ev(HELLO, 1, 3)
        + stone(1, 1, 1) + ev(SIMPLE, 1, CHAT) + ev(SIMPLE, 1, RESIGN)
        + ev(OPEN, 2) + ev(WATCH, 2, 0) + ev(OPEN, 3) + tick(2500)
        + ev(OPEN, 4) + ev(HELLO, 4, 5) + stone(4, 3, 3) + stone(4, 3, 3)
        + stone(1, 3, 3, 1) + stone(1, 3, 3) + ev(SIMPLE, 1, SERVER_ONLY)
        + ev(SIMPLE, 4, HELLO_AGAIN) + ev(SIMPLE, 1, DRAW_YES)
        + ev(SIMPLE, 1, REMATCH_YES) + ev(OPEN, 5) + ev(RESUME, 5, 0xFF)
        + ev(CLOSE, 1) + tick(10))
    s["two-matches-time"] = (
        cfg(CHESS | CLOCK) + pair(0, 1) + pair(2, 3, 6, 7)
        + ev(OPEN, 4) + ev(WATCH, 4, 2) + ev(OPEN, 5) + ev(WATCH, 5, 1)
        + legal(0, 0) + legal(2, 5) + legal(1, 2) + legal(3, 1)
        + tick(2000) + tick(2000) + ev(SIMPLE, 0, REMATCH_OFFER)
        + ev(SIMPLE, 1, REMATCH_YES) + legal(1, 9) + ev(SIMPLE, 6, CHAT))
    # A player resumes over its half-open connection while a rematch offer
    # waits for it: GAME_OVER must come before the offer.
    s["rematch-offer-on-resume"] = (
        cfg(GOMOKU_15) + pair() + five_game() + ev(SIMPLE, 0, REMATCH_OFFER)
        + ev(OPEN, 2) + ev(RESUME, 2, 1))
    # Takebacks: one move, then two (the asker's turn again), a refusal,
    # a third request refused, a request while one is pending, then a gift
    # of time and one too large; with a clock, so CLOCK follows TAKEBACK.
    s["takebacks-and-time"] = (
        cfg(GOMOKU_15 | CLOCK) + pair() + ev(OPEN, 2) + ev(WATCH, 2, 0)
        + stone(0, 7, 7) + stone(1, 8, 8) + ev(SIMPLE, 1, TAKEBACK_1)
        + ev(SIMPLE, 0, TAKEBACK_YES) + stone(1, 6, 6) + stone(0, 9, 9) + stone(1, 5, 5)
        + ev(SIMPLE, 0, TAKEBACK_2) + ev(SIMPLE, 0, TAKEBACK_2)
        + ev(SIMPLE, 1, TAKEBACK_YES) + stone(0, 4, 4)
        + ev(SIMPLE, 0, TAKEBACK_1) + ev(SIMPLE, 1, TAKEBACK_NO)
        + ev(SIMPLE, 0, GIVE_3S) + ev(SIMPLE, 1, GIVE_TOO_MUCH) + tick(500)
        + ev(CLOSE, 1) + ev(OPEN, 3) + ev(RESUME, 3, 1) + stone(3, 3, 3)
        + ev(SIMPLE, 3, TAKEBACK_1) + ev(SIMPLE, 0, TAKEBACK_YES))
    s["takeback-refused-by-server"] = (
        cfg(CHESS | NO_TAKEBACK) + pair() + chess(0, 4, 1, 4, 3)
        + ev(SIMPLE, 0, TAKEBACK_1) + ev(SIMPLE, 1, TAKEBACK_YES) + chess(1, 4, 6, 4, 4))
    s.update(opening_seeds())
    return s


def three(slot, c=7):
    """Three stones anywhere (swap, swap2): black, white, black."""
    return stone(slot, c, c) + stone(slot, c + 1, c + 1) + step(slot, 40)


def renju_three(slot):
    """The three stones of a Renju opening: centre, 3x3, 5x5 (h8 h9 h10)."""
    return stone(slot, 7, 7) + step(slot, 1) + raw_step(slot, PLACE, pts=[(7, 9)])


def opening_seeds():
    """Each opening rule through its steps to ordinary play; the game ends
    by resignation, so its record (with the opening) is written. Slot 0
    opens (Player1, tentative black); an exchange of colours makes slot 1
    Player1."""
    s = {}
    # swap: the second player takes white (no exchange) and plays move 4.
    s["opening-swap-take-white"] = (
        cfg(GOMOKU_15 | CLOCK, SWAP) + pair() + three(0)
        + raw_step(1, CHOOSE, WHITE) + legal(1, 5) + legal(0, 9) + tick(300)
        + ev(SIMPLE, 0, RESIGN))
    # swap: the second takes black (an exchange: WELCOME, START); the
    # opener, now white, plays move 4; a spectator sees it all.
    s["opening-swap-take-black"] = (
        cfg(STANDARD_15 | CLOCK | INCREMENT, SWAP) + pair() + ev(OPEN, 2) + ev(WATCH, 2, 0)
        + three(0) + step(1, 0) + step(1, 1) + stone(0, 6, 6) + legal(1, 3)
        + ev(SIMPLE, 1, DRAW_OFFER) + ev(SIMPLE, 0, DRAW_YES)
        + ev(SIMPLE, 0, REMATCH_OFFER) + ev(SIMPLE, 1, REMATCH_YES) + step(1, 2) + step(0, 2))
    # swap2's three choices.
    s["opening-swap2-black"] = (
        cfg(GOMOKU_15, SWAP2) + pair() + three(0) + raw_step(1, CHOOSE, BLACK)
        + stone(0, 9, 9) + legal(1, 7) + ev(SIMPLE, 0, RESIGN))
    s["opening-swap2-white"] = (
        cfg(STANDARD_15, SWAP2) + pair() + three(0) + raw_step(1, CHOOSE, WHITE)
        + stone(1, 9, 9) + legal(0, 7) + ev(SIMPLE, 1, RESIGN))
    s["opening-swap2-place-two"] = (
        cfg(GOMOKU_15 | CLOCK, SWAP2) + pair() + three(0) + raw_step(1, CHOOSE, PLACE_TWO)
        + step(1, 9, as_move=True) + raw_step(1, PLACE, pts=[(3, 3)])
        + raw_step(0, CHOOSE, WHITE) + legal(0, 11) + legal(1, 2) + ev(SIMPLE, 1, RESIGN))
    # RIF: no swap; white puts move 4, black proposes two, white selects.
    s["opening-rif"] = (
        cfg(RENJU_15 | CLOCK, RIF) + pair() + renju_three(0) + raw_step(1, CHOOSE, STAY)
        + step(1, 17) + step(0, 3) + step(1, 1) + legal(1, 4) + ev(SIMPLE, 0, RESIGN))
    # Yamaguchi: three fifth moves declared, the colours exchanged; a
    # player drops and resumes in the middle of the opening.
    s["opening-yamaguchi-swap"] = (
        cfg(RENJU_15, YAMAGUCHI) + pair() + renju_three(0)
        + raw_step(0, DECLARE, count=3) + raw_step(1, CHOOSE, SWAP_COLOURS)
        + ev(CLOSE, 0) + ev(OPEN, 2) + ev(RESUME, 2, 0) + step(2, 60)
        + step(1, 100) + step(2, 2) + legal(2, 8) + ev(SIMPLE, 1, RESIGN))
    # Soosorv-8: one fifth move declared (played at once), black swaps.
    s["opening-soosorv8"] = (
        cfg(RENJU_15 | CLOCK, SOOSORV8) + pair() + renju_three(0)
        + raw_step(1, CHOOSE, STAY) + step(1, 30) + raw_step(1, DECLARE, count=1)
        + raw_step(0, CHOOSE, SWAP_COLOURS) + step(1, 77) + legal(0, 1) + tick(500)
        + ev(SIMPLE, 0, RESIGN))
    # Taraguchi-10: a swap decision after each of the first four stones,
    # then ten proposals and a selection.
    s["opening-taraguchi10"] = (
        cfg(RENJU_15, TARAGUCHI10) + pair() + stone(0, 7, 7) + raw_step(1, CHOOSE, STAY)
        + step(1, 5) + raw_step(0, CHOOSE, STAY) + step(0, 11) + raw_step(1, CHOOSE, STAY)
        + step(1, 30) + raw_step(0, CHOOSE, PROPOSE_TEN) + step(0, 200) + step(1, 7)
        + legal(1, 3) + ev(SIMPLE, 1, RESIGN))
    # Refused steps, each answered by its REJECT: the wrong seat, a stone
    # outside the area, a step of the wrong kind, a stale ply, a count out
    # of range, a duplicate and a symmetric proposal, a selection that was
    # not proposed, a MOVE while a choice is due, a step after the opening.
    s["opening-refusals"] = (
        cfg(RENJU_15, YAMAGUCHI) + pair()
        + step(1, 0) + stone(0, 3, 3) + raw_step(0, CHOOSE, STAY)
        + raw_step(0, PLACE, pts=[(7, 7)], ply_delta=1) + stone(0, 7, 7)
        + stone(0, 7, 8) + stone(0, 7, 9) + raw_step(0, DECLARE, count=0)
        + raw_step(0, DECLARE, count=2) + stone(1, 1, 1)
        + raw_step(1, CHOOSE, WHITE) + raw_step(1, CHOOSE, STAY) + stone(1, 7, 5)
        + raw_step(0, PROPOSE, count=1, pts=[(5, 7)])
        + raw_step(0, PROPOSE, count=2, pts=[(5, 7), (5, 7)])
        + raw_step(0, PROPOSE, count=2, pts=[(5, 7), (9, 7)])
        + raw_step(0, PROPOSE, count=2, pts=[(5, 7), (7, 7)])
        + raw_step(0, PROPOSE, count=2, pts=[(5, 7), (10, 10)])
        + raw_step(1, SELECT, pts=[(9, 7)]) + raw_step(1, SELECT, pts=[(10, 10)])
        + raw_step(1, SELECT, pts=[(5, 7)]) + raw_step(1, CHOOSE, STAY)
        + legal(1, 0) + ev(SIMPLE, 0, RESIGN))
    # A draw offer made during the opening, then the colours are
    # exchanged: the server drops the offer (answers to it are ignored).
    s["opening-draw-offer-exchange"] = (
        cfg(GOMOKU_15 | CLOCK, SWAP) + pair() + three(0) + ev(SIMPLE, 1, DRAW_OFFER)
        + raw_step(1, CHOOSE, BLACK) + ev(SIMPLE, 0, DRAW_YES) + ev(SIMPLE, 1, DRAW_YES)
        + legal(0, 4) + ev(SIMPLE, 1, DRAW_OFFER) + ev(SIMPLE, 0, DRAW_YES))
    # swap: a choice not offered, out of turn, a stone while a choice is
    # due; then takebacks: one move, and two that would reach into the
    # opening (refused: its stones are never taken back).
    s["opening-swap-refusals"] = (
        cfg(GOMOKU_15 | SIZE_7, SWAP) + pair() + three(0, 3) + raw_step(1, CHOOSE, STAY)
        + raw_step(0, CHOOSE, BLACK) + stone(1, 0, 0) + raw_step(1, CHOOSE, 6)
        + step(1, 1) + legal(1, 0) + legal(0, 0) + ev(SIMPLE, 0, TAKEBACK_1)
        + ev(SIMPLE, 1, TAKEBACK_YES) + ev(SIMPLE, 0, TAKEBACK_2) + ev(SIMPLE, 1, TAKEBACK_YES)
        + ev(SIMPLE, 1, RESIGN))
    return s


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_match_corpus.py DIR")
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, data in seeds().items():
        with open(os.path.join(sys.argv[1], name + ".bin"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
