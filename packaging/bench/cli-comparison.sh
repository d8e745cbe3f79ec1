#!/usr/bin/env bash
# ssescope-cli against curl and Node's eventsource-parser, all reading the same
# corpora from a Debian nginx on loopback. Prints BENCH lines (medians of RUNS).
#   cli-comparison.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: cli-comparison.sh BUILD_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-5}
work=$(mktemp -d /tmp/ssescope-bench.XXXXXX)
port=${BENCH_PORT:-$((20000 + RANDOM % 20000))}
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/www" "$work/tmp"
"$build/tests/bench/bench_corpus" "$work/www"
chmod -R a+rX "$work" # nginx workers run as an unprivileged user
# A random port may be taken (the ephemeral range overlaps it, and a test run
# beside the benchmarks holds many): another is tried, a few times.
for attempt in 1 2 3 4 5; do
    sed -e "s|@DIR@|$work|g" -e "s|@PORT@|$port|g" "$here/nginx-sse.conf.in" > "$work/nginx.conf"
    /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -e "$work/error.log" 2>"$work/nginx.err" && break
    if [ "$attempt" = 5 ] || [ -n "${BENCH_PORT:-}" ]; then
        cat "$work/nginx.err" >&2
        exit 1
    fi
    port=$((20000 + RANDOM % 20000))
done
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/tokens.sse" && break; sleep 0.1; done

node_ok=0
if command -v node >/dev/null && command -v npm >/dev/null; then
    nodedir="$build/bench-node"
    if [ ! -d "$nodedir/node_modules/eventsource-parser" ]; then
        mkdir -p "$nodedir"
        (cd "$nodedir" && npm init -y >/dev/null 2>&1 && npm install --silent eventsource-parser@3 >/dev/null 2>&1) || true
    fi
    if [ -d "$nodedir/node_modules/eventsource-parser" ]; then
        cp "$here/eventsource-parser-bench.mjs" "$nodedir/"
        node_ok=1
    fi
fi

cli="$build/app/ssescope-cli"
exec_tool="$build/tests/bench/bench_exec"

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure NAME -- CMD...: runs it RUNS times, sets WALL and RSS (medians)
measure() {
    local walls="" rsss="" line
    for _ in $(seq "$runs"); do
        line=$("$exec_tool" "$@" 2>&1 >/dev/null | grep '^EXEC' | tail -1)
        set -- "$@"
        walls+="$(echo "$line" | awk '{ print $2 }')"$'\n'
        rsss+="$(echo "$line" | awk '{ print $3 }')"$'\n'
        if [ "$(echo "$line" | awk '{ print $4 }')" != 0 ]; then
            echo "cli-comparison: '$*' failed: $line" >&2
        fi
    done
    WALL=$(printf '%s' "$walls" | median)
    RSS=$(printf '%s' "$rsss" | median)
}

for corpus in small large tokens; do
    url="http://127.0.0.1:$port/$corpus.sse"
    bytes=$(stat -c %s "$work/www/$corpus.sse")
    events=$("$cli" --no-reconnect --format jsonl "$url" 2>"$work/cli.err" </dev/null | wc -l) || { cat "$work/cli.err" >&2; exit 1; }

    declare -A wall rss
    measure "$cli" --no-reconnect --format jsonl -o /dev/null "$url"
    wall[cli]=$WALL; rss[cli]=$RSS
    measure "$cli" --no-reconnect --format jsonl -o /dev/null --stats=3600 --latency json:/ts "$url"
    wall[cli_stats]=$WALL; rss[cli_stats]=$RSS
    measure curl -sN -o /dev/null "$url"
    wall[curl]=$WALL; rss[curl]=$RSS
    variants="cli cli_stats curl"
    if [ "$node_ok" = 1 ]; then
        measure node "$nodedir/eventsource-parser-bench.mjs" "$url"
        wall[esparser]=$WALL; rss[esparser]=$RSS
        variants+=" esparser"
    fi
    for v in $variants; do
        awk -v c="$corpus" -v v="$v" -v e="$events" -v b="$bytes" -v w="${wall[$v]}" -v r="${rss[$v]}" 'BEGIN {
            printf "BENCH cli_%s_%s_events %.0f events/s\n", c, v, e / w
            printf "BENCH cli_%s_%s_bytes %.1f MB/s\n", c, v, b / w / 1e6
            printf "BENCH cli_%s_%s_peak_rss %.1f MB\n", c, v, r / 1024
        }'
    done
    for v in cli cli_stats; do
        awk -v c="$corpus" -v v="$v" -v w="${wall[$v]}" -v cw="${wall[curl]}" 'BEGIN {
            printf "BENCH cli_%s_%s_vs_curl %.2f ratio\n", c, v, cw / w }'
        if [ "$node_ok" = 1 ]; then
            awk -v c="$corpus" -v v="$v" -v w="${wall[$v]}" -v nw="${wall[esparser]}" 'BEGIN {
                printf "BENCH cli_%s_%s_vs_eventsource_parser %.2f ratio\n", c, v, nw / w }'
        fi
    done
    unset wall rss
done
