#!/usr/bin/env python3
"""The packet seed corpus is what make_packet_corpus writes today: every file
it writes is in the corpus directory with the same bytes, so a protocol
change (a new version, a new type or value) that leaves the seeds behind
is seen (the HELLO of the newest version, a newer one, each version's
WELCOME).

  check_packet_corpus.py MAKE_PACKET_CORPUS CORPUS_DIR
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Tap  # noqa: E402


def main(argv):
    maker, corpus = argv[1], argv[2]
    t = Tap()
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([maker, out], capture_output=True, text=True)
        t.ok(r.returncode == 0, "make_packet_corpus writes the seeds", r.stderr)
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), "rb") as f:
                want = f.read()
            path = os.path.join(corpus, name)
            have = None
            if os.path.exists(path):
                with open(path, "rb") as f:
                    have = f.read()
            t.ok(have == want, "corpus/packet/%s is as make_packet_corpus writes it" % name,
                 "missing: regenerate (docs/security.md)" if have is None else
                 "differs: regenerate (docs/security.md)")
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
