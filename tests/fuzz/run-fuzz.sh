#!/bin/sh
# run-fuzz.sh BUILD_DIR SECONDS
#
# Runs every libFuzzer target of BUILD_DIR/tests/fuzz (the executables named
# fuzz_NAME, built with CC=clang and -Dfuzz=enabled) for SECONDS seconds
# each, starting from the seed corpus tests/fuzz/corpus/NAME/. New inputs go
# to BUILD_DIR/fuzz-corpus/NAME/ (the seeds in the repository are not
# touched); a crash, leak or timeout input goes to
# BUILD_DIR/fuzz-artifacts/NAME/. Prints one line per target with its
# executions count. Exits 0 when every target ran clean, 1 when one failed,
# 2 on bad usage or when there is no target to run. Files a target writes
# (fuzz_journal's journal) go to a folder of its own in /dev/shm where there
# is one (no disk sync per input), else BUILD_DIR/fuzz-tmp/NAME.
set -u

usage() {
    echo "usage: $0 BUILD_DIR SECONDS" >&2
    exit 2
}

[ $# -eq 2 ] || usage
build=$1
secs=$2
case $secs in
'' | *[!0-9]*) usage ;;
esac
[ "$secs" -gt 0 ] || usage
[ -d "$build/tests/fuzz" ] || {
    echo "$0: no $build/tests/fuzz: not a build directory" >&2
    exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
found=0
failed=0

for exe in "$build"/tests/fuzz/fuzz_*; do
    [ -f "$exe" ] && [ -x "$exe" ] || continue
    name=${exe##*/fuzz_}
    found=$((found + 1))
    seeds=$here/corpus/$name
    corpus=$build/fuzz-corpus/$name
    artifacts=$build/fuzz-artifacts/$name
    log=$build/fuzz-artifacts/$name.log
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then
        tmp=$(mktemp -d /dev/shm/run-fuzz.XXXXXX) || exit 2
    else
        tmp=$build/fuzz-tmp/$name
        mkdir -p "$tmp" || exit 2
    fi
    mkdir -p "$corpus" "$artifacts" || exit 2
    [ -d "$seeds" ] || echo "$0: warning: no seed corpus $seeds" >&2

    TMPDIR=$tmp "$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" ${seeds:+"$seeds"} >"$log" 2>&1
    rc=$?
    rm -rf "$tmp"

    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        echo "fuzz_$name: clean, ${execs:-?} executions in ${secs}s"
    else
        failed=$((failed + 1))
        echo "fuzz_$name: FAILED (exit $rc) after ${execs:-?} executions; log $log, input in $artifacts/"
        tail -n 40 "$log"
    fi
done

if [ $found -eq 0 ]; then
    echo "$0: no fuzz target in $build/tests/fuzz (configure with CC=clang -Dfuzz=enabled)" >&2
    exit 2
fi
[ $failed -eq 0 ]
