#!/usr/bin/env bash
# Runs every benchmark executable in a Release build tree; each prints
# "BENCH <name> <value> <unit>" lines.
set -euo pipefail
build=${1:?usage: run-benchmarks.sh BUILD_DIR}
# bench_dashboard opens the main window: offscreen unless told otherwise.
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
for bench in "$build"/tests/bench/bench_*; do
    case "$(basename "$bench")" in bench_corpus | bench_exec) continue ;; esac
    [ -f "$bench" ] && [ -x "$bench" ] || continue
    echo "# $(basename "$bench")" >&2
    "$bench"
done
echo "# cli-comparison (nginx, curl, eventsource-parser)" >&2
"$(dirname "${BASH_SOURCE[0]}")/bench/cli-comparison.sh" "$build"
