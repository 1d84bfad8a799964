#!/usr/bin/env python3
"""matchboard-rules chess: the words and exit statuses a user sees."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Tap, temp_dir  # noqa: E402
from run_program import run  # noqa: E402

KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1"


def main(prog):
    t = Tap()

    rc, out, err = run(prog, "chess", "perft", "startpos", "3")
    t.ok(rc == 0 and out.strip().splitlines()[-1] == "8902", "perft startpos 3 is 8902", out + err)

    rc, out, err = run(prog, "chess", "perft", KIWIPETE, "2")
    t.ok(rc == 0 and out.strip().splitlines()[-1] == "2039", "perft Kiwipete 2 is 2039", out + err)

    rc, out, err = run(prog, "chess", "perft", "--divide", "startpos", "2")
    lines = out.strip().splitlines()
    t.ok(rc == 0 and len(lines) == 21 and "e2e4: 20" in lines and lines[-1] == "400",
         "perft --divide lists 20 root moves, then the total", out + err)

    rc, out, err = run(prog, "chess", "moves", "startpos")
    lines = out.strip().splitlines()
    t.ok(rc == 0 and len(lines) == 20 and "g1f3 Nf3" in lines and "e2e4 e4" in lines,
         "moves startpos: 20 lines of UCI SAN", out + err)

    rc, out, err = run(prog, "chess", "moves", "8/8/8/8/8/8/6k1/4K2R w K - 0 1")
    t.ok(rc == 0 and "e1g1 O-O" not in out and "h1g1 Rg1+" in out,
         "no castling through an attacked square; checks marked", out)

    rc, out, err = run(prog, "chess", "play", "startpos", "f3", "e5", "g4", "Qh4")
    t.ok(rc == 0 and out.strip().splitlines()[-1] == "checkmate", "fool's mate is checkmate", out + err)

    rc, out, err = run(prog, "chess", "play", "startpos", "e2e4", "e7e5", "g1f3")
    t.ok(rc == 0 and out.startswith("rnbqkbnr/pppp1ppp/8/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R b KQkq - 1 2"),
         "UCI moves give the right FEN", out + err)

    rc, out, err = run(prog, "chess", "play", "startpos", "Nf3", "Nf6", "Ng1", "Ng8", "Nf3", "Nf6",
                       "Ng1", "Ng8")
    t.ok(rc == 0 and out.strip().splitlines()[-1] == "draw by threefold repetition",
         "knights back and forth: threefold repetition", out + err)

    rc, out, err = run(prog, "chess", "play", "8/8/8/8/8/8/k2n4/2K4N w - - 0 1", "Kxd2")
    t.ok(rc == 0 and "insufficient material" in out, "taking the last black piece leaves K+N v K: insufficient material", out + err)

    rc, out, err = run(prog, "chess", "play", "startpos", "e4", "e5", "Ke3")
    t.ok(rc == 0 and out.strip() == "move 2. Ke3 refused: illegal move",
         "an illegal move is named with its number", out + err)

    rc, out, err = run(prog, "chess", "play", "startpos", "e4", "zz9")
    t.ok(rc == 2 and "zz9" in err, "a move that is no SAN or UCI: exit 2, named on stderr", err)

    rc, out, err = run(prog, "chess", "perft", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0", "1")
    t.ok(rc == 2 and "FEN" in err, "a bad FEN: exit 2 and a FEN message", err)

    rc, out, err = run(prog, "chess", "frobnicate")
    t.ok(rc == 2 and err.strip() != "", "an unknown subcommand: exit 2 with usage", err)

    path = os.path.join(temp_dir("mb-rules-cli-"), "games.pgn")
    with open(path, "w") as f:
        f.write('[Event "a"]\n[Result "0-1"]\n\n1. f3 {weak} e5 2. g4 $4 (2. e4) Qh4# 0-1\n\n'
                '[Event "b"]\n[Result "*"]\n\n1. e4 e5 2. Ke3 *\n')
    rc, out, err = run(prog, "chess", "pgn", path)
    t.ok("game 1: 0-1 (checkmate" in out, "pgn: the first game's result", out + err)
    t.ok(rc == 2 and "game 2" in err and "Ke3" in err,
         "pgn: the second game's illegal move with game and move", out + err)
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
