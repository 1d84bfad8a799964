#!/usr/bin/env python3
"""A bad flag, said the same way by every program: each command line given
(split at ';') gets exit status 2, nothing on stdout and one
line on stderr, "NAME: what is wrong (see --help)", holding the words the
case names after '=>' (the value and what is allowed).

  bad_flags.py NAME PROGRAM "WORDS... => EXPECTED; WORDS... => EXPECTED"
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from itest import Tap  # noqa: E402
from run_program import run  # noqa: E402


def main(argv):
    name, program, cases = argv[1], argv[2], argv[3]
    t = Tap()
    for case in cases.split(";"):
        words, _, expected = case.partition("=>")
        words, expected = words.split(), expected.strip()
        rc, out, err = run(program, *words)
        lines = err.splitlines()
        t.ok(rc == 2 and out == "" and len(lines) == 1 and lines[0].startswith(name + ": ") and
             lines[0].endswith(" (see --help)") and expected in lines[0],
             "%s %s: exit 2 with one line naming %r" % (name, " ".join(words), expected),
             "exit %d, stdout %r, stderr %r" % (rc, out, err))
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
