#!/usr/bin/env python3
"""gui_integration.py: the real matchboard GUI, headless (SDL's dummy
video driver, software renderer), against a real matchboard-server and a
real matchboard-bot on 127.0.0.1, printing TAP.

  gui_integration.py --server SERVER --bot BOT --gui MATCHBOARD
                     [--wine tools/wine-run] [--video DRIVER]

With --wine, MATCHBOARD is the Win32 matchboard.exe run under Wine against
the native server and bot: its socket notifications are WSAAsyncSelect
window messages. Its video driver is then SDL's real "windows" driver
(run the script inside Xvfb) unless --video names another (dummy: the
GUI's own message pump, headless). Wine processes are never sent a signal:
the GUI is closed by its script's `quit`, after `wait-file`.

The GUI is driven by its --script hook (scripted mouse and key events
pushed into SDL's event queue, the same path as a player's input) and
watched through --trace (a line per change of what the window shows).
The bot plays its side from a --moves file, so every game is known in
advance. The server's record of each game is the ground truth.
"""
import argparse
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, stop, temp_dir  # noqa: E402

tap = Tap()
ok = tap.ok
children = []


def spawn(cmd, **kw):
    p = subprocess.Popen(cmd, **kw)
    children.append(p)
    return p


class Lines:
    """Collects a child's output lines on a thread; wait_for() blocks until
    a line matches."""

    def __init__(self, stream):
        self.lines = []
        self.cond = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for line in stream:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def wait_for(self, pattern, timeout, start=0):
        """The index of the first line from `start` matching pattern, or -1."""
        rx = re.compile(pattern)
        deadline = time.time() + timeout
        with self.cond:
            while True:
                for i in range(start, len(self.lines)):
                    if rx.search(self.lines[i]):
                        return i
                left = deadline - time.time()
                if left <= 0 or self.closed:
                    return -1
                self.cond.wait(left)

    def text(self):
        with self.cond:
            return "\n".join(self.lines)


class GameServer(Server):
    """The server of one test, its records and log in tmp."""

    def __init__(self, cmd, args, tmp):
        self.records = os.path.join(tmp, "records")
        # --no-discovery: a test server answers no probe from the LAN.
        super().__init__(cmd, ["--port", "0", "--bind", "127.0.0.1", "--no-discovery",
                               "--records", self.records] + args,
                         log=os.path.join(tmp, "server.log"))

    def record(self, ext, wait=10):
        """The text of the one record written, or "" when there is none
        within wait seconds (the server's records writer writes it shortly
        after the game's end)."""
        deadline = time.time() + wait
        while True:
            files = []
            if os.path.isdir(self.records):
                files = [f for f in os.listdir(self.records) if f.endswith(ext)]
            if len(files) == 1:
                with open(os.path.join(self.records, files[0])) as f:
                    return f.read()
            if time.time() >= deadline:
                return ""
            time.sleep(0.05)


# SDL's dummy video driver: no display, no GL, the software renderer
# (set_platform: under Wine, the driver --video names).
GUI_ENV = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software",
               SDL_AUDIODRIVER="dummy")
GUI_CMD = []  # what runs the GUI: [] natively, [tools/wine-run] under Wine
SLOW = 1      # timeouts' factor: starting a Wine process takes seconds


def set_platform(opt):
    """Natively: the dummy driver. Under Wine: the wrapper, slower
    timeouts, and SDL's real windows driver unless --video says otherwise."""
    global SLOW
    if opt.wine:
        GUI_CMD[:] = [opt.wine]
        SLOW = 3
        GUI_ENV.pop("SDL_VIDEODRIVER", None)
    if opt.video:
        GUI_ENV["SDL_VIDEODRIVER"] = opt.video


def start_gui(gui, port, tmp, script, extra=(), env=None):
    """The GUI connected to port, running script; it ends with `wait-file`
    and `quit`, so close_gui() can close it as a player would. env: more
    environment variables."""
    path = os.path.join(tmp, "gui-script.txt")
    closer = os.path.join(tmp, "close-gui")
    with open(path, "w") as f:
        f.write(script + "wait-file %s\nquit\n" % closer)
    # --no-discovery: a connect screen shown after a failure must not
    # broadcast probes onto the machine's LAN.
    p = spawn(GUI_CMD + [gui, "--connect", "127.0.0.1:%d" % port, "--name", "gui",
                         "--no-config", "--no-discovery", "--size", "900x640", "--trace",
                         "--script", path] + list(extra),
              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
              env=dict(GUI_ENV, **(env or {})))
    p.out = Lines(p.stdout)
    p.closer = closer
    return p


def close_gui(p):
    """Closes a GUI left open: natively SIGTERM (as a desktop's logout
    would); under Wine, where a signal kills a process outright, its
    script's `quit`. Returns how it was closed."""
    if GUI_CMD:
        open(p.closer, "w").close()
        return "its script's quit"
    p.send_signal(signal.SIGTERM)
    return "SIGTERM"


def start_bot(bot, port, tmp, moves, extra=()):
    path = os.path.join(tmp, "bot-moves.txt")
    with open(path, "w") as f:
        f.write(moves)
    p = spawn([bot, "--connect", "127.0.0.1:%d" % port, "--name", "bot", "--moves", path] +
              list(extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    p.out = Lines(p.stdout)
    return p


def seated(p, timeout=10):
    """Waits until p (GUI or bot) has its seat, so the next player comes
    second."""
    return p.out.wait_for(r"^(seated as|connection: connected to \S+$)", timeout * SLOW) >= 0


def finish(p, timeout):
    try:
        p.wait(timeout=timeout * SLOW)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    p.out.thread.join(timeout=5)
    return p.returncode


def sgf_moves(record):
    """[(colour, point)] of an SGF record, points as the game writes them
    ("h8"), for a 15x15 board."""
    out = []
    for colour, xy in re.findall(r";([BW])\[([a-z]{2})\]", record):
        x = ord(xy[0]) - ord("a")
        y = 15 - (ord(xy[1]) - ord("a"))
        out.append((colour, "%c%d" % (ord("a") + x, y)))
    return out


def trace_lines(p, prefix):
    return [l[len(prefix):] for l in p.out.text().splitlines() if l.startswith(prefix)]


def bmp_size(path):
    with open(path, "rb") as f:
        head = f.read(26)
    if len(head) < 26 or head[:2] != b"BM":
        return None
    w, h = struct.unpack("<ii", head[18:26])
    return w, abs(h)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


# ---------------------------------------------------------------- tests

def test_gomoku(opt, tmp):
    """The GUI (black) wins a Gomoku game by clicks and types a chat line
    the bot receives; afterwards the bot leaves, which the GUI shows as
    news, not as trouble; SIGTERM (under Wine: its script's quit) closes
    it."""
    srv = GameServer([opt.server], ["--game", "gomoku"], tmp)
    try:
        shot = os.path.join(tmp, "gomoku.png")
        # Under Wine, its trace of WinSock shows which notification model
        # the Win32 GUI's socket is in.
        gui = start_gui(opt.gui, srv.port, tmp,
                        "# black: five in a row on row 8\n"
                        "move h8\nchat hello from the gui\nmove i8\nmove j8\nmove k8\n"
                        "move l8\n",
                        ["--screenshot", shot],
                        {"WINEDEBUG": "-all,trace+winsock"} if GUI_CMD else None)
        ok(seated(gui), "gomoku: the GUI is seated first", gui.out.text())
        bot = start_bot(opt.bot, srv.port, tmp, "h8 h9 i8 i9 j8 j9 k8 k9 l8\n")
        ok(finish(bot, 20) == 0, "gomoku: the bot plays the game to its end", bot.out.text())
        bo = bot.out.text()
        ok("result: 1-0 five" in bo, "gomoku: the bot saw the same end (1-0, five in a row)", bo)
        ok(re.search(r"^chat from \S+: hello from the gui$", bo, re.M),
           "gomoku: the chat line typed in the GUI reached the bot", bo)
        over = gui.out.wait_for(r"^game over: ", 10 * SLOW)
        ok(over >= 0 and gui.out.lines[over] ==
           "game over: You win; gui (Black) by five in a row",
           "gomoku: the GUI's banner says it won by five in a row", gui.out.text())
        ok(trace_lines(gui, "seat: ") == ["Black (Player1), opponent bot"],
           "gomoku: the panel shows the seat and the opponent", gui.out.text())
        moves = trace_lines(gui, "move ")
        ok(moves == ["%d: %s" % (i + 1, m) for i, m in
                     enumerate("h8 h9 i8 i9 j8 j9 k8 k9 l8".split())],
           "gomoku: the move list shows all 9 moves in order", gui.out.text())
        rec = srv.record(".sgf")
        ok(sgf_moves(rec) == [("B", "h8"), ("W", "h9"), ("B", "i8"), ("W", "i9"), ("B", "j8"),
                              ("W", "j9"), ("B", "k8"), ("W", "k9"), ("B", "l8")]
           and "PB[gui]" in rec and "RE[B+]" in rec,
           "gomoku: the server's record has the GUI's clicked moves and black's win", rec)
        left = gui.out.wait_for(r"^(news|notice): Your opponent", 10 * SLOW, over)
        ok(left >= 0 and gui.out.lines[left] == "news: Your opponent left",
           "gomoku: the bot leaving after the end shows as news: 'Your opponent left'",
           gui.out.text())
        if GUI_CMD:
            ok(re.search(r"trace:winsock:WSAAsyncSelect socket \S+, window \S+, "
                         r"message 0x8001, mask 0x33$", gui.out.text(), re.M),
               "gomoku: Wine's trace shows the GUI's socket in WSAAsyncSelect mode "
               "(WM_APP+1; FD_READ|FD_WRITE|FD_CONNECT|FD_CLOSE)", gui.out.text())
        ok(gui.poll() is None, "gomoku: without --exit-at-end the window stays open")
        how = close_gui(gui)
        ok(finish(gui, 10) == 0, "gomoku: %s closes the GUI cleanly (status 0)" % how,
           gui.out.text())
        size = png_size(shot) if os.path.exists(shot) else None
        ok(size == (900, 640), "gomoku: --screenshot wrote a 900x640 PNG at game over",
           "size %r" % (size,))
    finally:
        srv.stop()


def test_chess(opt, tmp):
    """The GUI plays black (its board turned round) against the bot: clicks,
    drag and drop, a refused drag that snaps back, an underpromotion through
    the chooser, and the mate."""
    srv = GameServer([opt.server], ["--game", "chess"], tmp)
    try:
        bot = start_bot(opt.bot, srv.port, tmp,
                        "a2a3 b7b5 a3a4 b5a4 b2b3 a4b3 f2f3 b3c2 h2h3 c2b1n g2g4 e7e5 a1b1 d8h4\n")
        ok(seated(bot), "chess: the bot is seated first (white)", bot.out.text())
        shot = os.path.join(tmp, "chess.bmp")
        gui = start_gui(opt.gui, srv.port, tmp,
                        "move b7b5\ndrag b5a4\nmove a4b3\nmove b3c2\n"
                        "# a knight, the chooser's last choice\nmove c2b1n\n"
                        "# the queen is blocked by the e7 pawn: refused, snaps back\n"
                        "drag d8h4\n"
                        "# select, then Esc cancels\nclick g8\nkey Escape\n"
                        "drag e7e5\nmove d8h4\n",
                        ["--exit-at-end", "--screenshot", shot])
        code = finish(gui, 20)
        out = gui.out.text()
        ok(code == 0, "chess: the GUI exits 0 at the end (--exit-at-end)", out)
        ok("game over: You win; gui (Black) by checkmate" in out,
           "chess: the GUI's banner says black won by checkmate", out)
        ok(trace_lines(gui, "seat: ") == ["Black (Player2), opponent bot"],
           "chess: the GUI plays black", out)
        i = gui.out.wait_for(r"^notice: That piece cannot go there$", 0)
        ok(i >= 0 and gui.out.wait_for(r"^selected: none$", 0, i - 1) >= 0,
           "chess: the illegal drag is refused with a reason and the piece snaps back", out)
        ok(gui.out.wait_for(r"^selected: g8$", 0) >= 0 and
           gui.out.wait_for(r"^selected: none$", 0, gui.out.wait_for(r"^selected: g8$", 0)) >= 0,
           "chess: a click selects a piece and Esc cancels the selection", out)
        rec = srv.record(".pgn")
        ok("1. a3 b5 2. a4 bxa4 3. b3 axb3 4. f3 bxc2 5. h3 cxb1=N 6. g4 e5 7. Rxb1 Qh4#" in rec
           and '[Result "0-1"]' in rec and '[Black "gui"]' in rec,
           "chess: the server's record has the GUI's moves, the knight promotion and the mate",
           rec)
        ok(finish(bot, 10) == 0 and "result: 0-1 checkmate" in bot.out.text(),
           "chess: the bot saw the same end", bot.out.text())
        size = bmp_size(shot) if os.path.exists(shot) else None
        ok(size == (900, 640), "chess: --screenshot FILE.bmp still writes a BMP",
           "size %r" % (size,))
    finally:
        srv.stop()


def test_rejected(opt, tmp):
    """Renju: clicks the rules forbid (a double-three, an occupied point, a
    click out of turn) are refused by the GUI itself with the reason shown;
    moves sent past its rules check are refused by the server and the reason
    shown; the game goes on to black's five."""
    srv = GameServer([opt.server], ["--game", "gomoku", "--rule", "renju"], tmp)
    try:
        gui = start_gui(opt.gui, srv.port, tmp,
                        "move f8\nmove g8\nmove h10\nmove h9\n"
                        "# h8 makes two open threes: forbidden to black\nmove h8\n"
                        "# a white stone is on a1\nmove a1\n"
                        "# the same, sent past the GUI's rules: the server refuses it\n"
                        "send a1\n"
                        "move h11\n"
                        "# while our move awaits the server: not our turn\nclick h14\n"
                        "# out of turn, past the GUI's rules: the server refuses it\n"
                        "send h14\n"
                        "move h12\nmove h13\n",
                        ["--exit-at-end"])
        ok(seated(gui), "rejected: the GUI is seated first (black)", gui.out.text())
        bot = start_bot(opt.bot, srv.port, tmp,
                        "f8 a1 g8 a3 h10 a5 h9 a7 h11 a9 h12 a11 h13\n", ["--delay", "300"])
        code = finish(gui, 25)
        out = gui.out.text()
        ok(code == 0, "rejected: the GUI exits 0 at the end", out)
        notices = [n for n in trace_lines(gui, "notice: ") if n != "none"]
        want = ["Not there: forbidden double-three", "Not there: occupied",
                "Move refused: occupied", "Not your turn", "Move refused: not your turn"]
        ok(notices == want, "rejected: each refusal's reason is shown: %s" % "; ".join(want),
           "got: %r\n%s" % (notices, out))
        ok("game over: You win; gui (Black) by five in a row" in out,
           "rejected: the game goes on to black's five", out)
        rec = srv.record(".sgf")
        got = sgf_moves(rec)
        ok([m for c, m in got if c == "B"] == "f8 g8 h10 h9 h11 h12 h13".split() and
           [m for c, m in got if c == "W"] == "a1 a3 a5 a7 a9 a11".split() and "RE[B+]" in rec,
           "rejected: the record holds only the accepted moves", rec)
        ok(len(trace_lines(gui, "move ")) == 13, "rejected: the board shows 13 stones, no more",
           out)
        ok(finish(bot, 10) == 0, "rejected: the bot finishes", bot.out.text())
        log = srv.stop()
        ok(re.search(r"Player1 move at ply \d+ rejected: occupied", log) and
           re.search(r"Player1 rejected: not your turn", log),
           "rejected: the server logged both refusals", log)
    finally:
        srv.stop()


class Proxy:
    """A TCP relay between the GUI and the server, so the test can cut the
    GUI's connection as a network would: cut() closes the live links;
    refuse(n) makes the next n connections close at once."""

    def __init__(self, port):
        self.target = port
        self.lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(8)
        self.port = self.lsock.getsockname()[1]
        self.lock = threading.Lock()
        self.links = []
        self.to_refuse = 0
        self.accepted = 0
        self.refused = 0
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                c, _ = self.lsock.accept()
            except OSError:
                return
            with self.lock:
                self.accepted += 1
                if self.to_refuse > 0:
                    self.to_refuse -= 1
                    self.refused += 1
                    c.close()
                    continue
            s = socket.create_connection(("127.0.0.1", self.target))
            with self.lock:
                self.links.append((c, s))
            threading.Thread(target=self._relay, args=(c, s), daemon=True).start()

    def _relay(self, a, b):
        socks = [a, b]
        try:
            while True:
                r, _, _ = select.select(socks, [], [], 0.5)
                for s in r:
                    data = s.recv(65536)
                    if not data:
                        raise OSError("closed")
                    (b if s is a else a).sendall(data)
        except (OSError, ValueError):
            pass
        for s in socks:
            try:
                s.close()
            except OSError:
                pass

    def cut(self, refuse_next=0):
        with self.lock:
            self.to_refuse = refuse_next
            links, self.links = self.links, []
        for c, s in links:
            for x in (c, s):
                try:
                    x.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.running = False
        self.lsock.close()
        self.cut()


def resumed_checks(label, gui, bot, srv, ext_moves):
    out = gui.out.text()
    i = gui.out.wait_for(r"^connection: reconnecting to 127\.0\.0\.1:\d+…$", 0)
    j = gui.out.wait_for(r"^connection: connected to 127\.0\.0\.1:\d+ \(resumed\)$", 0, max(i, 0))
    ok(i >= 0 and j > i, "%s: the panel shows 'reconnecting…', then 'connected (resumed)'" % label,
       out)
    ok("game over: You win; gui (Black) by five in a row" in out,
       "%s: the game then finishes, won by the GUI" % label, out)
    bo = bot.out.text()
    ok(finish(bot, 10) == 0 and "result: 1-0 five" in bo and "is back" in bo,
       "%s: the bot saw the GUI drop and come back, and the same end" % label, bo)
    rec = srv.record(".sgf")
    ok([m for c, m in sgf_moves(rec) if c == "B"] == ext_moves and "RE[B+]" in rec,
       "%s: the server's record has all the GUI's moves" % label, rec)


def test_drop_script(opt, tmp):
    """The script's `drop` cuts the GUI's link from inside; the GUI
    reconnects by itself and resumes its seat with the token."""
    srv = GameServer([opt.server], ["--game", "gomoku", "--grace", "20"], tmp)
    try:
        gui = start_gui(opt.gui, srv.port, tmp,
                        "move h8\nmove i8\ndrop\nmove j8\nmove k8\nmove l8\n", ["--exit-at-end"])
        ok(seated(gui), "drop: the GUI is seated first", gui.out.text())
        bot = start_bot(opt.bot, srv.port, tmp, "h8 h9 i8 i9 j8 j9 k8 k9 l8\n",
                        ["--delay", "150"])
        ok(finish(gui, 20) == 0, "drop: the GUI exits 0 at the end", gui.out.text())
        resumed_checks("drop", gui, bot, srv, "h8 i8 j8 k8 l8".split())
    finally:
        srv.stop()


def test_drop_network(opt, tmp):
    """The link is cut from outside (a relay closes both sockets) and the
    next two connections are refused: the GUI keeps retrying, resumes its
    seat and finishes the game."""
    srv = GameServer([opt.server], ["--game", "gomoku", "--grace", "20"], tmp)
    proxy = Proxy(srv.port)
    try:
        gui = start_gui(opt.gui, proxy.port, tmp,
                        "move h8\nmove i8\nmove j8\nmove k8\nmove l8\n", ["--exit-at-end"])
        ok(seated(gui), "cut: the GUI is seated first (through the relay)", gui.out.text())
        bot = start_bot(opt.bot, srv.port, tmp, "h8 h9 i8 i9 j8 j9 k8 k9 l8\n",
                        ["--delay", "400"])
        # Cut right after the GUI's second stone, while the bot thinks.
        cut_at = gui.out.wait_for(r"^move 3: i8$", 15 * SLOW)
        proxy.cut(refuse_next=2)
        ok(cut_at >= 0, "cut: the link is cut in mid-game", gui.out.text())
        ok(finish(gui, 25) == 0, "cut: the GUI exits 0 at the end", gui.out.text())
        ok(proxy.refused == 2 and proxy.accepted >= 4,
           "cut: it kept retrying through refused attempts (%d connections, %d refused)" %
           (proxy.accepted, proxy.refused))
        resumed_checks("cut", gui, bot, srv, "h8 i8 j8 k8 l8".split())
    finally:
        proxy.close()
        srv.stop()


def test_no_server(opt, tmp):
    """No server: the connect screen says so, the window stays usable."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    gui = start_gui(opt.gui, port, tmp, "# nothing\n")
    shown = gui.out.wait_for(r"^connect screen: cannot reach 127\.0\.0\.1:%d: "
                             r"connection refused$" % port, 30 * SLOW)
    ok(shown >= 0, "no server: the connect screen shows 'connection refused'", gui.out.text())
    how = close_gui(gui)
    ok(finish(gui, 30) == 0,
       "no server: %s then closes the window cleanly (status 0, no leak)" % how, gui.out.text())
    p = subprocess.run(GUI_CMD + [opt.gui, "--place", "up"], capture_output=True, text=True,
                       timeout=10 * SLOW, env=GUI_ENV)
    ok(p.returncode == 2 and "--place: 'up' is not left or right" in p.stderr,
       "bad flags: exit 2 with a clear message", p.stderr)


def test_opening(opt, tmp):
    """A RIF opening (docs/openings.md) against a bot that opens: the GUI's
    choice is a button (swap), its two fifth moves are marked by clicks and
    sent with a button (screenshot), white selects and plays, the GUI plays
    on (waiting for its move is what orders the steps), the record has the
    opening; then the
    GUI keeps its colours, puts the 4th stone and picks a marked proposal."""
    args = ["--game", "gomoku", "--rule", "renju", "--opening", "rif", "--journal", "none"]

    def random_bot(port):
        p = spawn([opt.bot, "--connect", "127.0.0.1:%d" % port, "--name", "bot", "--random", "1"],
                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        p.out = Lines(p.stdout)
        return p

    srv = GameServer([opt.server], args, tmp)
    try:
        shot = os.path.join(tmp, "opening.png")
        bot = random_bot(srv.port)
        ok(seated(bot), "opening: the bot opens (seated first)", bot.out.text())
        gui = start_gui(opt.gui, srv.port, tmp,
                        "button Swap_colours\nmove a1\nmove o1\nsleep 300\nshot\nsleep 300\n"
                        "button Propose_2/2\nmove h3\nbutton Resign\nconfirm yes\n"
                        "sleep 300\nquit\n",
                        ["--screenshot", shot])
        ok(finish(gui, 30) == 0 and finish(bot, 10) == 0, "opening: both finish the game",
           gui.out.text() + bot.out.text())
        ok("opening: Your choice (rif)" in trace_lines(gui, "")
           and "buttons: Keep colours, Swap colours, Resign" in trace_lines(gui, ""),
           "opening: the panel says it is our choice and offers it as buttons", gui.out.text())
        ok(trace_lines(gui, "seat: ") == ["White (Player2), opponent bot",
                                          "Black (Player1), opponent bot"],
           "opening: swapping made the GUI black", gui.out.text())
        ok("buttons: Propose 2/2, Clear, Resign" in trace_lines(gui, ""),
           "opening: two marked fifth moves enable the Propose button", gui.out.text())
        rec = srv.record(".sgf")
        fifth = re.search(r"ON\[rif; colours exchanged once; fifth move (\S+) chosen from a1 o1\]",
                          rec)
        ok(fifth and "PB[gui]" in rec and sgf_moves(rec)[4] == ("B", fifth.group(1)),
           "opening: the record has the opening, the proposals and the fifth move", rec)
        size = png_size(shot) if os.path.exists(shot) else None
        ok(size == (900, 640), "opening: a screenshot with the proposals marked", repr(size))
    finally:
        srv.stop()
    os.mkdir(os.path.join(tmp, "second"))
    srv = GameServer([opt.server], args, os.path.join(tmp, "second"))
    try:
        bot = random_bot(srv.port)
        ok(seated(bot), "opening: the bot opens again", bot.out.text())
        gui = start_gui(opt.gui, srv.port, tmp,
                        "button Keep_colours\nmove a1\nproposal 2\nbutton Resign\nconfirm yes\n",
                        ["--exit-at-end"])
        ok(finish(gui, 30) == 0 and finish(bot, 10) == 0, "opening: the second game ends",
           gui.out.text() + bot.out.text())
        ok("opening: Pick a fifth move (rif)" in trace_lines(gui, ""),
           "opening: white is asked to pick one of the marked proposals", gui.out.text())
        rec = srv.record(".sgf")
        m = re.search(r"fifth move ([a-o]\d+) chosen from ([a-o]\d+) ([a-o]\d+)\]", rec)
        ok(m and m.group(1) == m.group(3) and sgf_moves(rec)[3] == ("W", "a1"),
           "opening: the GUI's 4th stone and its pick (the second proposal) are in the record",
           rec)
    finally:
        srv.stop()


def test_premove(opt, tmp):
    """Chess premoves: the GUI (black) keeps a move while the bot (white,
    thinking 4 s a move) is to move; a right click drops one, the next is
    played the moment white has moved; one that is illegal by then is
    dropped with a notice."""
    srv = GameServer([opt.server], ["--game", "chess", "--journal", "none"], tmp)
    try:
        bot = start_bot(opt.bot, srv.port, tmp, "e2e4 e7e5 g1f3\n", ["--delay", "4000"])
        ok(seated(bot), "premove: the bot is white", bot.out.text())
        gui = start_gui(opt.gui, srv.port, tmp,
                        "premove d7d6\nrclick\npremove e7e5\nplies 2\npremove e5e4\n"
                        "plies 3\nbutton Resign\nconfirm yes\n", ["--exit-at-end"])
        ok(finish(gui, 40) == 0 and finish(bot, 10) == 0, "premove: the game ends",
           gui.out.text() + bot.out.text())
        lines = trace_lines(gui, "")
        ok("premove: d7d6" in lines and "premove: none" in lines and "premove: e7e5" in lines,
           "premove: shown, dropped by a right click, made again", gui.out.text())
        ok(trace_lines(gui, "move ")[:3] == ["1: e4", "2: e5", "3: Nf3"],
           "premove: e5 was played on white's e4", gui.out.text())
        ok("notice: Premove dropped: not legal now" in lines,
           "premove: e5e4, blocked by then, is dropped with a notice", gui.out.text())
        rec = srv.record(".pgn")
        ok("1. e4 e5 2. Nf3" in rec and "0-1" not in rec, "premove: the record has 1. e4 e5 2. Nf3",
           rec)
    finally:
        srv.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--gui", required=True)
    ap.add_argument("--wine", help="run the GUI (a Win32 .exe) through this wrapper")
    ap.add_argument("--video", help="SDL's video driver for the GUI")
    ap.add_argument("only", nargs="*", help="run only these tests")
    opt = ap.parse_args()
    set_platform(opt)
    # meson's timeout sends SIGTERM: unwind, so the finally blocks kill the
    # children.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    tests = [test_gomoku, test_chess, test_rejected, test_drop_script, test_drop_network,
             test_no_server, test_opening, test_premove]
    try:
        for t in tests:
            name = t.__name__[5:]
            if opt.only and name not in opt.only:
                continue
            try:
                t(opt, temp_dir("mb-gui-%s-" % name))
            except Exception as e:  # a broken test is a failure, not a crash
                ok(False, "%s: ran to its end" % name, repr(e))
            finally:
                for p in children:
                    stop(p, signal.SIGKILL)
                children.clear()
    finally:
        for p in children:
            stop(p, signal.SIGKILL)
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
