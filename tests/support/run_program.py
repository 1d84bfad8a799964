"""run_program: runs a built program for a Python test script, natively or,
for a Windows .exe of the cross build, under Wine (tools/wine-run)."""
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WINE_RUN = os.path.join(HERE, "..", "..", "tools", "wine-run")


def command(program, *args):
    """The argv that runs program with args on this machine."""
    if program.lower().endswith(".exe") and os.name != "nt":
        return [WINE_RUN, program, *args]
    return [program, *args]


def run(program, *args, timeout=60, stdin=None):
    """Runs program; returns (exit status, stdout, stderr) as text. Wine
    prints lines with CR LF; they are normalised to LF."""
    p = subprocess.run(command(program, *args), input=stdin, capture_output=True,
                       text=True, timeout=timeout)
    return (p.returncode, p.stdout.replace("\r\n", "\n"), p.stderr.replace("\r\n", "\n"))


class Tap:
    """A tiny TAP writer."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, detail=""):
        self.n += 1
        if not cond:
            self.failed += 1
        print(("ok" if cond else "not ok"), self.n, "-", what, flush=True)
        if not cond and detail:
            for line in str(detail).splitlines():
                print("#  ", line)
        return cond

    def done(self):
        print("1..%d" % self.n, flush=True)
        return 1 if self.failed else 0
