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
