#!/usr/bin/env python3
"""discovery_integration.py: the real matchboard-server answers the real
matchboard-bot's --discover on 127.0.0.1, printing TAP.

  discovery_integration.py --server SERVER --bot BOT [--wine WINE_RUN]

Every probe goes to 127.0.0.1 only (--to): nothing leaves the machine. With
--wine both programs run under Wine.
"""
import argparse
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, stop, temp_dir  # noqa: E402

tap = Tap(detail_lines=20)
ok = tap.ok


def start_server(cmd, tmp, *args):
    # A folder of its own: a server's journal lock is held until its
    # process is gone, which under Wine can outlast terminate().
    records = tempfile.mkdtemp(dir=tmp)
    return Server(cmd, ["--port", "0", "--bind", "127.0.0.1", "--records", records] + list(args),
                  log=records + ".log")


def discover(bot, to, timeout=2, *extra):
    r = subprocess.run(bot + ["--discover", "--to", to, "--timeout", str(timeout)] + list(extra),
                       capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


LINE = re.compile(r"^(.*) at (\S+): (.+), (\d+) waiting, (\d+) match(?:es)?, "
                  r"(\d+) spectators?$")


def parse(out):
    return [LINE.match(l).groups() for l in out.splitlines() if LINE.match(l)]


def wait_for(bot, to, pred, tries=20):
    """Discovers until pred(servers) holds (counts change as bots connect)."""
    servers = []
    for _ in range(tries):
        _, out, _ = discover(bot, to, 1)
        servers = parse(out)
        if servers and pred(servers[0]):
            return servers
        time.sleep(0.2)
    return servers


def probe_bytes(nonce, pad=84, magic=b"MBDQ", version=1):
    return magic + struct.pack(">HHI", version, 0, nonce) + bytes(pad)


def raw_answers(port, datagrams, wait=0.6):
    """Sends datagrams to 127.0.0.1:port from one socket; returns replies."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    for d in datagrams:
        s.sendto(d, ("127.0.0.1", port))
    s.settimeout(wait)
    got = []
    try:
        while True:
            got.append(s.recvfrom(512)[0])
    except socket.timeout:
        pass
    s.close()
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--wine")
    opt = ap.parse_args()
    wine = [opt.wine] if opt.wine else []
    server_cmd, bot = wine + [opt.server], wine + [opt.bot]
    tmp = temp_dir("mb-discovery-")
    procs = []

    srv = start_server(server_cmd, tmp, "--name", "Hall 9", "--game", "gomoku", "--rule", "renju")
    try:
        to = "127.0.0.1:%d" % srv.port
        rc, out, err = discover(bot, to)
        servers = parse(out)
        ok(rc == 0 and len(servers) == 1, "bot --discover hears the server once", out + err)
        if servers:
            name, addr, game, waiting, matches, spect = servers[0]
            ok(name == "Hall 9", "its name is --name")
            ok(addr == to, "its address is where to connect: %s" % addr)
            ok(game == "gomoku renju 15x15", "game, rule and board: %s" % game)
            ok((waiting, matches, spect) == ("0", "0", "0"), "an idle server: nobody waiting")

        # One player waiting, then a game with a spectator.
        procs.append(subprocess.Popen(bot + ["--connect", to, "--name", "ann", "--quiet",
                                             "--delay", "400"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        s = wait_for(bot, to, lambda v: v[3] == "1")
        ok(s and s[0][3] == "1", "a seated player shows as 1 waiting", s)
        procs.append(subprocess.Popen(bot + ["--connect", to, "--name", "ben", "--quiet",
                                             "--delay", "400"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        s = wait_for(bot, to, lambda v: v[3] == "0" and v[4] == "1")
        ok(s and s[0][3:5] == ("0", "1"), "two players: 0 waiting, 1 match running", s)
        procs.append(subprocess.Popen(bot + ["--connect", to, "--watch", "--quiet"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        s = wait_for(bot, to, lambda v: v[5] == "1")
        ok(s and s[0][5] == "1", "a spectator is counted", s)

        # Raw datagrams: the well-formed probe alone is answered.
        bad = [b"", probe_bytes(1, pad=0), probe_bytes(2, pad=83), probe_bytes(3, pad=85),
               probe_bytes(4, version=2), probe_bytes(5, magic=b"MBDA"),
               probe_bytes(6)[:50] + b"\x01" + probe_bytes(6)[51:], b"\xff" * 96,
               b"GET / HTTP/1.0\r\n\r\n"]
        got = raw_answers(srv.port, bad)
        ok(got == [], "nine malformed probes get no answer", got)
        good = probe_bytes(0xCAFE)
        got = raw_answers(srv.port, [good])
        ok(len(got) == 1, "a well-formed probe gets exactly one answer", got)
        if got:
            ok(len(got[0]) <= len(good), "the answer (%d bytes) is no larger than the probe "
               "(%d bytes)" % (len(got[0]), len(good)))
            ok(got[0][:4] == b"MBDA" and struct.unpack(">I", got[0][8:12])[0] == 0xCAFE,
               "it is a reply carrying the probe's nonce")
    finally:
        for p in procs:
            stop(p)
        srv.stop()

    # --no-discovery: silence.
    srv = start_server(server_cmd, tmp, "--no-discovery")
    try:
        rc, out, err = discover(bot, "127.0.0.1:%d" % srv.port, 1)
        ok(rc == 1 and out == "" and "no matchboard server answered" in err,
           "--no-discovery: nothing answers, the bot says so and exits 1", out + err)
    finally:
        srv.stop()

    # --discovery-port: answers there, not on the TCP port's number.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    free = s.getsockname()[1]
    s.close()
    srv = start_server(server_cmd, tmp, "--discovery-port", str(free))
    try:
        rc, out, _ = discover(bot, "127.0.0.1:%d" % free, 1)
        servers = parse(out)
        ok(rc == 0 and servers and servers[0][1] == "127.0.0.1:%d" % srv.port,
           "--discovery-port N: answers on N, with the TCP port in the reply", out)
        rc, out, _ = discover(bot, "127.0.0.1:%d" % srv.port, 1)
        ok(rc == 1, "and not on the TCP port's number", out)
    finally:
        srv.stop()

    rc, out, err = discover(bot, "127.0.0.1:%d" % free, 1, "--connect", "x")
    ok(rc == 2, "--discover with --connect is a usage error", err)

    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
