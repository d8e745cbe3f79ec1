#!/usr/bin/env bash
# Runs every benchmark executable in a Release build tree; each prints
# "BENCH <name> <value> <unit>" lines.
set -euo pipefail
build=${1:?usage: run-benchmarks.sh BUILD_DIR}
for bench in "$build"/tests/bench/bench_*; do
    [ -f "$bench" ] && [ -x "$bench" ] || continue
    echo "# $(basename "$bench")" >&2
    "$bench"
done
