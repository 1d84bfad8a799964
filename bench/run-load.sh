#!/usr/bin/env bash
# run-load.sh: the server's load benchmarks (docs/benchmarks.md, "Server").
#
#   bench/run-load.sh [-b BUILD_DIR] [-w WIN32_BUILD_DIR] [SCENARIO...]
#
# For each scenario it starts a fresh bare relay and a fresh
# matchboard-server on 127.0.0.1, runs matchboard-loadgen against both (the
# ping-pong floor first), stops them, and prints the generator's table.
# Scenarios (default: light flat steady scale):
#   light   100 matches paced at one move per second each, 20 s measured
#   flat    1,000 matches flat out, 10 s measured: once against the bare
#           relay, once against the relay with --echo (each packet also back
#           to its sender, as the server sends each move to both players)
#   steady  5,000 matches (10,000 connections) paced at one move per second,
#           30 s measured in mid-game (15x15: no game ends in the window)
#   scale   5,000 matches (10,000 connections) paced at one move per second,
#           every match plays one whole game on a 9x9 board (81 plies)
#   wine    500 matches (1,000 connections) flat out, then paced, against the
#           Win32 build run under Wine (-w); the generator runs natively
# Every native table is taken once per event-loop backend of the server
# (--io; MB_BENCH_IO="uring epoll poll" by default, those built), each
# against the bare relay on the same kernel interface (bench/bare_relay_uring.c
# for uring, bench/bare_relay_posix.c's epoll for the others), and then
# printed again side by side: one column per relay and per backend.
# MB_BENCH_SERVER_ARGS="..." adds flags to every server started, e.g.
# "--journal none" to measure without the journal of unfinished games (on
# by default: each move written before it is relayed, synced once a second),
# or "--journal-sync move" for one sync before each batch of moves is relayed.
# MB_BENCH_NICE=N runs the relay, the server and the generator at nice N
# (negative needs root; it keeps other jobs of the machine out of the way).
# Where the kernel groups processes by session for scheduling (autogroup,
# /proc/self/autogroup), nice only orders the processes of one session, so
# the script then runs in a session of its own and gives the session's
# group the same nice: otherwise every other session would still get an
# equal share of the cores, however nice the benchmark.
# MB_BENCH_RT=N runs the relay, the server and the generator alike under the
# real-time policy SCHED_FIFO at priority N (chrt -f N; needs root), so
# other jobs cannot preempt them (a task of another policy never does);
# nice then changes nothing. On a 2-core machine two real-time tasks that
# wake each other land on different cores more often than under the
# ordinary policy, which costs a cross-core wake-up per hop: latencies at
# light load are then higher but steadier (docs/benchmarks.md, issue 20).
# MB_URING_SETUP, MB_URING_IOWAIT and MB_URING_REGRING (the io_uring
# ring's variants, net/server/evloop_uring_setup.h) reach the io_uring
# relay and the server alike through the environment.
# The records folders are made under $TMPDIR (default /tmp), one per table,
# and deleted at the end: TMPDIR=/dev/shm puts them on tmpfs, where the fsync
# of each record costs nothing. On ext4 a file made within a few minutes of
# thousands of deletions costs far more CPU (the allocator skips each
# recently freed inode), so leave five minutes between two runs that finish
# games (flat, scale), or the second run's server pays for the first's.
set -u
if [ -n "${MB_BENCH_NICE:-}" ] && [ -w /proc/self/autogroup ] && [ -z "${MB_BENCH_SESSION:-}" ]; then
    MB_BENCH_SESSION=1 exec setsid -w "$0" "$@"
fi
[ -n "${MB_BENCH_SESSION:-}" ] && echo "$MB_BENCH_NICE" 2>/dev/null >/proc/self/autogroup
cd "$(dirname "$0")/.."
build=build
wbuild=build-win
while getopts "b:w:" opt; do
    case $opt in
    b) build=$OPTARG ;;
    w) wbuild=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
scenarios=${*:-light flat steady scale}
gen=$build/bench/matchboard-loadgen
relay=$build/bench/bare-relay
relay_uring=$build/bench/bare-relay-uring
server=$build/net/server/matchboard-server
if [ -z "${MB_BENCH_IO:-}" ]; then
    MB_BENCH_IO="epoll poll"
    [ -x "$relay_uring" ] && MB_BENCH_IO="uring epoll poll"
fi
for f in "$gen" "$relay" "$server"; do
    [ -x "$f" ] || { echo "run-load.sh: $f is missing: build first (ninja -C $build)" >&2; exit 2; }
done
nice_cmd=()
[ -n "${MB_BENCH_NICE:-}" ] && nice_cmd=(nice -n "$MB_BENCH_NICE")
[ -n "${MB_BENCH_RT:-}" ] && nice_cmd=(chrt -f "$MB_BENCH_RT" "${nice_cmd[@]}")
work=$(mktemp -d "${TMPDIR:-/tmp}/run-load.XXXXXX")
pids=()
tables=0
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

# Starts a program that prints "listening on HOST:PORT"; sets $addr and $pid.
start() {
    local out=$work/$1.out
    shift
    : >"$out" # made before the loop below reads it, not by the child
    "${nice_cmd[@]}" "$@" >"$out" 2>>"$work/stderr.log" &
    pid=$!
    pids+=("$pid")
    addr=
    for _ in $(seq 1 1200); do
        addr=$(tr -d '\r' <"$out" | sed -n 's/^listening on //p' | head -n 1)
        [ -n "$addr" ] && return 0
        sleep 0.05
    done
    echo "run-load.sh: $1 did not start" >&2
    cat "$work/stderr.log" >&2
    exit 1
}

# User + system clock ticks a process has used.
cpu_ticks() {
    awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

stop() {
    kill "$@" 2>/dev/null
    wait "$@" 2>/dev/null
}

# run NAME SERVER-KIND GENERATOR-ARGS...: one scenario, one table.
run() {
    local name=$1 kind=$2
    shift 2
    local raddr rpid saddr spid
    start relay "${relay_bin:-$relay}" "${relay_args[@]}"
    raddr=$addr rpid=$pid
    # A folder of its own for each table, all deleted at the end: deleting
    # a table's thousands of records before the next table would have ext4
    # skip each recently freed inode again for every new record (issue 20).
    tables=$((tables + 1))
    local records=$work/records.$tables
    if [ "$kind" = wine ]; then
        local w=/usr/lib/wine/wine64
        [ -x "$w" ] || w=wine64
        # A prefix of its own: its wineserver serves this server alone.
        export WINEPREFIX=$work/wineprefix WINEDEBUG=-all
        start server "$w" "$wbuild/net/server/matchboard-server.exe" --port 0 \
            --bind 127.0.0.1 --records "$records" --log-level warn "${server_args[@]}"
        # The Linux process that runs the Windows program under Wine.
        sleep 0.5
        spid=$(pgrep -n -f -- "--records $records" || echo "$pid")
    else
        start server "$server" --port 0 --bind 127.0.0.1 --records "$records" \
            --log-level warn "${server_args[@]}"
        spid=$pid
    fi
    saddr=$addr
    local ws= ws0=0 rc
    [ "$kind" = wine ] && ws=$(pgrep -n -f "wineserver" -U "$(id -u)" | while read -r p; do
        tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX" && echo "$p"
    done | head -n 1)
    [ -n "$ws" ] && ws0=$(cpu_ticks "$ws")
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "${nice_cmd[@]}" "$gen" --relay "$raddr" --relay-pid "$rpid" --server "$saddr" \
        --server-pid "$spid" --title "$name" "$@" | tee "$work/table.txt"
    rc=${PIPESTATUS[0]}
    [ -n "$ws" ] && echo && echo "wineserver CPU seconds over the whole run (relay phase included): $(awk -v t="$(cpu_ticks "$ws")" -v t0="$ws0" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (t - t0) / hz }')"
    echo "exit status $rc; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    stop "$rpid" "$pid"
}

# each NAME KIND GENERATOR-ARGS...: run once per backend of MB_BENCH_IO, then
# the side-by-side table of the figures that differ between them.
each() {
    local name=$1 io labels=()
    shift
    rm -f "$work"/side-*.txt
    for io in $MB_BENCH_IO; do
        relay_bin=$relay
        local rname="bare relay (epoll)"
        if [ "$io" = uring ] && [ -x "$relay_uring" ]; then
            relay_bin=$relay_uring
            rname="bare relay (io_uring)"
        fi
        local saved=("${server_args[@]}")
        server_args+=(--io "$io")
        run "$name; server --io $io" "$@"
        server_args=("${saved[@]}")
        { echo "$rname"; echo "server --io $io"; cat "$work/table.txt"; } >"$work/side-$io.txt"
        labels+=("$io")
    done
    relay_bin=
    side_by_side "$name" "${labels[@]}"
}

# side_by_side TITLE IO...: one table from the generator's tables of each
# backend's run: the relays' columns (each kind once) and the servers'.
side_by_side() {
    local title=$1
    shift
    local files=()
    for io in "$@"; do files+=("$work/side-$io.txt"); done
    echo
    echo "### side by side: $title"
    echo
    awk -F' [|] ' '
        FNR == 1 { relay = $0; next }
        FNR == 2 { srv = $0; col[++ncol] = srv; if (!(relay in rseen)) { rseen[relay] = 1; rcol[++nr] = relay } next }
        /^\| / && !/^\| (figure|---)/ {
            name = substr($1, 3)
            if (!(name in seen)) { seen[name] = 1; row[++nrow] = name }
            if (!((relay, name) in r)) r[relay, name] = $3 # the first run of each relay
            s[srv, name] = $4
        }
        END {
            printf "| figure |"; for (i = 1; i <= nr; i++) printf " %s |", rcol[i]
            for (i = 1; i <= ncol; i++) printf " %s |", col[i]; printf "\n|---|"
            for (i = 1; i <= nr + ncol; i++) printf "---|"; printf "\n"
            for (k = 1; k <= nrow; k++) {
                n = row[k]; printf "| %s |", n
                for (i = 1; i <= nr; i++) printf " %s |", r[rcol[i], n]
                for (i = 1; i <= ncol; i++) printf " %s |", s[col[i], n]
                printf "\n"
            }
        }' "${files[@]}"
}

echo "## matchboard server load, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r); generator, relay and server share the cores"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${MB_BENCH_NICE:+; nice $MB_BENCH_NICE}${MB_BENCH_RT:+; SCHED_FIFO $MB_BENCH_RT}${MB_BENCH_SESSION:+; session group: $(cat /proc/self/autogroup)}"
env | grep '^MB_URING_' | sed 's/^/io_uring variant: /'
echo "server flags added: ${MB_BENCH_SERVER_ARGS:-(none: the journal is on, synced once a second)}"
for s in $scenarios; do
    # shellcheck disable=SC2206
    server_args=(${MB_BENCH_SERVER_ARGS:-})
    relay_args=()
    case $s in
    light) each "light load: 100 matches, one move per second each" native \
        --matches 100 --pace 1 --seconds 20 --warmup 2 ;;
    flat)
        each "throughput: 1,000 matches flat out" native \
            --matches 1000 --flat --seconds 10 --warmup 2 --pingpong 50000
        relay_args=(--echo)
        each "throughput: 1,000 matches flat out, the relay sending each move to both players (--echo)" \
            native --matches 1000 --flat --seconds 10 --warmup 2 --pingpong 50000 ;;
    steady) each "5,000 matches (10,000 connections), one move per second each, mid-game" \
        native --matches 5000 --pace 1 --seconds 30 --warmup 5 --window 256 --timeout 600 ;;
    scale)
        server_args+=(--size 9)
        each "scale: 5,000 matches (10,000 connections), one move per second each, one whole game" \
            native --matches 5000 --pace 1 --games 1 --board 9 --window 256 --timeout 600 ;;
    wine)
        [ -f "$wbuild/net/server/matchboard-server.exe" ] || {
            echo "run-load.sh: no $wbuild/net/server/matchboard-server.exe (-w DIR)" >&2
            exit 2
        }
        run "Wine: 500 matches (1,000 connections) flat out against the Win32 build" wine \
            --matches 500 --flat --seconds 10 --warmup 3 --window 32
        run "Wine: 500 matches (1,000 connections), one move per second each, Win32 build" wine \
            --matches 500 --pace 1 --seconds 20 --warmup 3 --window 32 ;;
    *)
        echo "run-load.sh: unknown scenario $s" >&2
        exit 2
        ;;
    esac
done
