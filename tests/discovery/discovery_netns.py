#!/usr/bin/env python3
"""discovery_netns.py: LAN discovery across a real link, printing TAP.

  discovery_netns.py --server SERVER --bot BOT

Makes two network namespaces joined by a veth pair (10.213.N.1/24 and
10.213.N.2/24, IPv6 link-local on both), runs matchboard-server in one and
matchboard-bot in the other: the bot finds the server by broadcast (IPv4)
and link-local multicast (IPv6) without being told an address, then two bots
join it at the addresses they heard and play a game to its end.

Needs Linux, root and iproute2 (`ip netns`); without them the whole test is
skipped with the reason. The probes never leave the test's namespaces: both
programs run inside them, and the namespaces hold only their loopback and
the veth pair. Everything is removed at the end.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from itest import Server, Tap, temp_dir  # noqa: E402

tap = Tap(detail_lines=20)
ok = tap.ok
skip_all = tap.skip_all


def ip(*args, check=True):
    r = subprocess.run(["ip"] + list(args), capture_output=True, text=True, timeout=20)
    if check and r.returncode != 0:
        raise RuntimeError("ip %s: %s" % (" ".join(args), r.stderr.strip()))
    return r


def in_ns(ns, cmd):
    return ["ip", "netns", "exec", ns] + cmd


class Namespaces:
    """Two namespaces and a veth pair between them, removed by close()."""

    def __init__(self):
        tag = "%d" % (os.getpid() % 1000000)
        self.ns = ["mbdisc-%s-srv" % tag, "mbdisc-%s-cli" % tag]
        self.dev = ["mbd%ss" % tag, "mbd%sc" % tag]
        self.net = "10.213.%d" % (os.getpid() % 250 + 1)
        self.made = []

    def open(self):
        for ns in self.ns:
            ip("netns", "add", ns)
            self.made.append(ns)
            # No duplicate address detection: link-local addresses at once.
            for conf in ("default", "all"):
                subprocess.run(in_ns(ns, ["sysctl", "-qw",
                                          "net.ipv6.conf.%s.accept_dad=0" % conf,
                                          "net.ipv6.conf.%s.disable_ipv6=0" % conf]),
                               capture_output=True, timeout=20)
            ip("-n", ns, "link", "set", "lo", "up")
        ip("link", "add", self.dev[0], "netns", self.ns[0], "type", "veth", "peer", "name",
           self.dev[1], "netns", self.ns[1])
        for i in (0, 1):
            ip("-n", self.ns[i], "addr", "add", "%s.%d/24" % (self.net, i + 1), "broadcast", "+",
               "dev", self.dev[i])
            ip("-n", self.ns[i], "link", "set", self.dev[i], "up")

    def wait_link_local(self, timeout=10):
        """Waits until both ends have a usable IPv6 link-local address."""
        end = time.time() + timeout
        while time.time() < end:
            ready = 0
            for i in (0, 1):
                out = ip("-n", self.ns[i], "-6", "addr", "show", "dev", self.dev[i], "scope",
                         "link", check=False).stdout
                if "inet6 fe80" in out and "tentative" not in out:
                    ready += 1
            if ready == 2:
                return True
            time.sleep(0.1)
        return False

    def close(self):
        for ns in reversed(self.made):
            ip("netns", "del", ns, check=False)
        self.made = []


LINE = re.compile(r"^(.*) at (\S+): (.+), (\d+) waiting, (\d+) match(?:es)?, "
                  r"(\d+) spectators?$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bot", required=True)
    ap.add_argument("--wine")
    opt = ap.parse_args()
    if opt.wine:
        skip_all("network namespaces are a Linux test; not run under Wine")
    if not sys.platform.startswith("linux"):
        skip_all("network namespaces need Linux")
    if os.geteuid() != 0:
        skip_all("not root: cannot create network namespaces (run as root to test discovery "
                 "across a veth pair)")
    if not shutil.which("ip"):
        skip_all("iproute2 (ip) not installed")
    nets = Namespaces()
    try:
        nets.open()
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        nets.close()
        skip_all("cannot create network namespaces here: %s" % e)

    server = None
    records = temp_dir("mb-netns-")
    srv_ns, cli_ns = nets.ns
    try:
        have6 = nets.wait_link_local()
        ok(True, "two namespaces joined by a veth pair (%s.1 and %s.2)" % (nets.net, nets.net))
        said = ""
        try:
            server = Server(in_ns(srv_ns, [opt.server]),
                            ["--port", "7777", "--records", records, "--name", "netns hall",
                             "--game", "chess"], log=os.path.join(records, "server.log"))
        except RuntimeError as e:
            said = str(e)
        ok(server is not None, "the server starts in its namespace", said)

        r = subprocess.run(in_ns(cli_ns, [opt.bot, "--discover", "--timeout", "3"]),
                           capture_output=True, text=True, timeout=60)
        heard = [LINE.match(l).groups() for l in r.stdout.splitlines() if LINE.match(l)]
        ok(r.returncode == 0 and heard, "bot --discover in the other namespace hears the server",
           r.stdout + r.stderr)
        v4 = [h for h in heard if h[1] == "%s.1:7777" % nets.net]
        ok(len(v4) == 1, "by IPv4 broadcast, at %s.1:7777, told no address" % nets.net,
           r.stdout)
        v6 = [h for h in heard if h[1].startswith("[fe80:")]
        if have6:
            ok(len(v6) == 1, "by IPv6 link-local multicast, at a scoped fe80:: address",
               r.stdout)
        else:
            tap.diag("IPv6 link-local addresses did not come up: multicast not tested")
        ok(all(h[0] == "netns hall" and h[2] == "chess" for h in heard),
           "each line names the server and its game")
        ok(len(heard) == len(v4) + len(v6), "nothing else answered", r.stdout)

        # Join: two bots at the addresses heard (IPv4 and, if heard, IPv6).
        if v4:
            addrs = [v4[0][1], (v6 or v4)[0][1]]
            bots = [subprocess.Popen(in_ns(cli_ns, [opt.bot, "--connect", a, "--name",
                                                    "p%d" % i, "--quiet", "--random",
                                                    str(i + 1)]),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                    for i, a in enumerate(addrs)]
            outs = []
            for b in bots:
                try:
                    outs.append(b.communicate(timeout=60)[0])
                except subprocess.TimeoutExpired:
                    b.kill()
                    outs.append(b.communicate()[0] + "(timed out)")
            results = [re.search(r"result: (\S+)", o) for o in outs]
            ok(all(b.returncode == 0 for b in bots) and all(results),
               "two bots join at %s and %s and play the game to its end" % tuple(addrs),
               "\n".join(outs))
            if all(results):
                ok(results[0].group(1) == results[1].group(1),
                   "both saw the same result: %s" % results[0].group(1))
    finally:
        if server:
            server.stop()
        nets.close()
    left = ip("netns", "list", check=False).stdout
    ok(not any(ns in left for ns in nets.ns), "the namespaces are gone")
    return tap.done()


if __name__ == "__main__":
    sys.exit(tap.run(main))
