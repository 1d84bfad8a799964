"""itest: the shared pieces of the Python integration tests.

- Tap: TAP output (a line a check, diagnostics, the plan at the end).
- Server: matchboard-server started with the test's flags; the port from its
  "listening on HOST:PORT" line; wait_log() for a line in its log; stopped
  cleanly (SIGTERM), or killed.
- stop(): the same clean stop for any other child process.
- temp_dir(): a folder of the test's own in the temporary folder, removed
  when the script ends, pass or fail (after every Server still running is
  stopped), unless the environment has MB_KEEP_TEST_FILES=1.

A script finds this module beside run_program.py:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "support"))
"""
import argparse
import atexit
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

KEEP_FILES = os.environ.get("MB_KEEP_TEST_FILES") == "1"

_temp_dirs = []
_servers = []


class Tap:
    """A TAP writer: ok() a check, diag() a comment, done() the plan."""

    def __init__(self, detail_lines=None):
        """detail_lines: how many last lines of a failed check's detail to
        show (None: all)."""
        self.n = 0
        self.failed = 0
        self.detail_lines = detail_lines

    def ok(self, cond, what, detail=""):
        """Prints "ok N - what" or "not ok N - what"; on failure, the last
        lines of detail as diagnostics. Returns cond."""
        self.n += 1
        if not cond:
            self.failed += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, what))
        if not cond and detail:
            lines = str(detail).splitlines()
            for line in lines[-self.detail_lines:] if self.detail_lines else lines:
                print("#   " + line)
        sys.stdout.flush()
        return cond

    def diag(self, text):
        """Prints text as TAP comments."""
        for line in str(text).splitlines():
            print("# " + line)
        sys.stdout.flush()

    def skip_all(self, reason):
        """Ends the script: the whole test skipped, with the reason."""
        print("1..0 # SKIP %s" % reason, flush=True)
        sys.exit(0)

    def done(self):
        """Prints the plan; the script's exit status (1 if a check failed)."""
        print("1..%d" % self.n, flush=True)
        return 1 if self.failed else 0

    def run(self, main, *args):
        """Calls main(*args) and returns its exit status. An exception that
        escapes it (a timeout, a server that did not start) becomes one more
        failed check with its traceback, then the plan, so the log says
        what went wrong instead of ending in a bare exit status."""
        try:
            return main(*args)
        except Exception:  # noqa: BLE001 - any escape is a failed test
            self.ok(False, "the script ended early on an error", traceback.format_exc())
            return self.done()


def stop(p, sig=signal.SIGTERM, timeout=10):
    """Asks p to stop (SIGTERM, as Ctrl-C would), waits up to timeout
    seconds, then kills it. Returns its exit status."""
    if p.poll() is None:
        p.send_signal(sig)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    return p.returncode


LISTENING = re.compile(r"^listening on (\S+):(\d+)\s*$")


class Server:
    """matchboard-server: cmd (the program, after a wrapper such as
    tools/wine-run or `ip netns exec`) with args. Its stderr goes to the
    file log (or nowhere). Waits up to timeout seconds for its line
    "listening on HOST:PORT" (then host and port are set) or raises
    RuntimeError with what it said. Usable as a context manager."""

    def __init__(self, cmd, args, log=None, timeout=60):
        self.log = log
        err = open(log, "w") if log else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(list(cmd) + list(args), stdout=subprocess.PIPE,
                                         stderr=err, text=True)
        finally:
            if log:
                err.close()
        _servers.append(self)
        line = self._first_line(timeout)
        m = LISTENING.match(line)
        if not m:
            self.stop()
            raise RuntimeError("server did not start: %r\n%s" % (line, self.log_text()))
        self.host, self.port = m.group(1), int(m.group(2))

    def _first_line(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        return self.proc.stdout.readline() if ready else ""

    def log_text(self):
        """What the server wrote to its log so far ("" without one)."""
        if not self.log or not os.path.exists(self.log):
            return ""
        with open(self.log, errors="replace") as f:
            return f.read()

    def wait_log(self, pattern, timeout=60):
        """Waits until the log has a line matching the regular expression
        pattern (another process's event reaches the log when it does, not
        when the test gets there) or timeout seconds pass, which only
        bounds a hang. Returns the match, or None."""
        deadline = time.time() + timeout
        while True:
            m = re.search(pattern, self.log_text(), re.M)
            if m or time.time() >= deadline or self.proc.poll() is not None:
                return m or re.search(pattern, self.log_text(), re.M)
            time.sleep(0.05)

    def stop(self, timeout=10):
        """Stops it cleanly (SIGTERM), or kills it after timeout seconds;
        returns its log. Stopping a stopped server does nothing more. A
        stop that takes over a second is noted as a TAP comment."""
        start = time.time()
        stop(self.proc, timeout=timeout)
        if time.time() - start > 1:
            print("# the server took %.1f s to stop" % (time.time() - start), flush=True)
        self.proc.stdout.close()
        if self in _servers:
            _servers.remove(self)
        return self.log_text()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def temp_dir(prefix):
    """A new folder in the temporary folder, removed with all it holds when
    the script ends (MB_KEEP_TEST_FILES=1 keeps it and says where). From the
    first call, SIGTERM (meson's timeout) ends the script through SystemExit,
    so its finally blocks and this clean-up still run."""
    if not _temp_dirs and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    path = tempfile.mkdtemp(prefix=prefix)
    _temp_dirs.append(path)
    return path


def program_args(tmp_prefix, *programs):
    """The start of a test's main: parses its command line, a required
    --NAME path for each of programs ("server", "bot", ...), and makes its
    temp_dir(tmp_prefix). Returns (the parsed options, the folder)."""
    ap = argparse.ArgumentParser()
    for name in programs:
        ap.add_argument("--" + name, required=True)
    return ap.parse_args(), temp_dir(tmp_prefix)


@atexit.register
def _clean_up():
    for s in list(_servers):
        s.stop()
    for path in _temp_dirs:
        if KEEP_FILES:
            print("# MB_KEEP_TEST_FILES=1: kept %s" % path, flush=True)
            continue
        # A program killed a moment ago may still be closing its files.
        for _ in range(10):
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.exists(path):
                break
            time.sleep(0.2)
        if os.path.exists(path):
            print("# could not remove %s" % path, file=sys.stderr, flush=True)
    _temp_dirs.clear()
