#!/usr/bin/env bash
# The developer entry point. See README.md.
#   packaging/dev.sh run     install what is missing, build, start SSE Scope on its demo streams
#   packaging/dev.sh run --compare-proxy [ssescope args]   the same build, then SSE Scope
#                            comparing the five nginx routes of packaging/compare-proxy.sh
#   packaging/dev.sh test    install what is missing, build, run the whole CTest suite
#   packaging/dev.sh test-asan   the same suite under AddressSanitizer + UBSan (what CI adds)
#   packaging/dev.sh test-tsan   the threaded tests (CTest label "threads") under ThreadSanitizer (CI too)
#   packaging/dev.sh bench   build in Release and print BENCH lines
#   packaging/dev.sh fuzz [SECONDS]   build the libFuzzer targets (clang) and run each
#                            SECONDS (60) from tests/fuzz/corpus; fails if one crashed
#   packaging/dev.sh build   install what is missing and build only
#   packaging/dev.sh package build the Debian package (Release) and print its path and size
#   packaging/dev.sh format  apply .clang-format to every C++ file (CTest's format_check checks it)
#   packaging/dev.sh tidy    clang-tidy (.clang-tidy) over every C++ source of the dev build
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

configure_and_build() {
    local preset=$1
    "$here/install-deps.sh" ${2:-}
    cmake --preset "$preset" -S "$root" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
}

# packaging/compare-proxy.sh in the background; once it is ready, SSE Scope on
# /ticker?rate=20 through each of its routes. The proxy stops when the window
# closes (or on Ctrl+C).
run_compare_proxy() {
    local dir proxy_pid line proxy=
    dir=$(mktemp -d "${TMPDIR:-/tmp}/ssescope-dev.XXXXXX")
    "$here/compare-proxy.sh" --demo-server "$root/build/dev/app/ssescope-demo-server" >"$dir/out" &
    proxy_pid=$!
    # shellcheck disable=SC2064 # the values now, not when the trap runs
    trap "kill -TERM $proxy_pid 2>/dev/null || true; wait $proxy_pid 2>/dev/null || true; rm -rf '$dir'" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    for _ in $(seq 200); do # at most 20 s
        line=$(grep -m1 '^compare-proxy: ready ' "$dir/out" || true)
        if [ -n "$line" ]; then
            proxy=$(echo "$line" | awk '{ print $3 }')
            break
        fi
        kill -0 "$proxy_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$proxy" ]; then
        echo "dev.sh: the compare proxy did not start (see above)" >&2
        exit 1
    fi
    local compare=() route
    for route in unbuffered buffered accel gzip chunked; do
        compare+=("$route=$proxy/$route/ticker?rate=20")
    done
    echo "dev.sh: comparing the routes of $proxy (nginx) in SSE Scope" >&2
    # Not exec: the proxy is stopped by the EXIT trap once SSE Scope returns.
    # --compressed: the gzip route then shows what nginx does to a client that
    # accepts gzip (nothing for about 100 s); the others do not compress.
    "$root/build/dev/app/ssescope" "$@" --latency json:/ts --compressed --compare "${compare[@]}"
}

# Each fuzz target for a bounded time from a copy of its seed corpus (what it
# finds stays out of the tree); a crash leaves its input in build/fuzz/artifacts.
run_fuzzers() {
    local seconds=$1 dir=$root/build/fuzz target status=0 log execs
    mkdir -p "$dir/artifacts"
    for target in fuzz_sseparser fuzz_latency fuzz_capture fuzz_workspace; do
        rm -rf "$dir/corpus/$target"
        mkdir -p "$dir/corpus/$target"
        log=$dir/$target.log
        echo "dev.sh: $target for ${seconds} s" >&2
        # timeout: libFuzzer's own limit, plus a margin for a slow last input.
        if ! timeout $((seconds + 60)) "$dir/tests/fuzz/$target" -max_total_time="$seconds" \
            -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
            -artifact_prefix="$dir/artifacts/$target-" \
            "$dir/corpus/$target" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1; then
            echo "dev.sh: $target crashed; see $log and $dir/artifacts" >&2
            tail -n 40 "$log" >&2
            status=1
        fi
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        echo "BENCH ${target}_execs ${execs:-0} execs"
    done
    return "$status"
}

cmd=${1:-run}
shift || true
case "$cmd" in
    build)
        configure_and_build dev
        ;;
    run)
        compare_proxy=0
        if [ "${1:-}" = --compare-proxy ]; then
            compare_proxy=1
            shift
        fi
        configure_and_build dev
        if [ "$compare_proxy" = 1 ]; then
            run_compare_proxy "$@"
        else
            exec "$root/build/dev/app/ssescope" "$@"
        fi
        ;;
    test)
        configure_and_build dev
        cd "$root/build/dev"
        export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
        ctest --output-on-failure -j "$jobs" "$@"
        ;;
    test-asan)
        configure_and_build asan
        cd "$root/build/asan"
        export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
        ctest --output-on-failure -j "$jobs" "$@"
        ;;
    test-tsan)
        # Only the tests labelled "threads" (and what they depend on) are built:
        # a TSan build of the whole tree would double the run's time.
        "$here/install-deps.sh"
        cmake --preset tsan -S "$root" >/dev/null
        cd "$root/build/tsan"
        mapfile -t targets < <(ctest -N -L threads | sed -n 's/^ *Test *#[0-9]*: *//p')
        cmake --build . -j "$jobs" --target "${targets[@]}"
        export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
        ctest --output-on-failure -j "$jobs" -L threads "$@"
        ;;
    bench)
        configure_and_build release --bench
        "$here/run-benchmarks.sh" "$root/build/release" "$@"
        ;;
    package)
        # The release preset, only the programs and their man pages (no
        # benchmarks), then CPack into build/package.
        "$here/install-deps.sh"
        cmake --preset release -S "$root" >/dev/null
        cmake --build --preset release -j "$jobs" \
            --target ssescope ssescope-cli ssescope-demo-server ssescope_man_pages
        rm -rf "$root/build/package"
        cpack -G DEB --config "$root/build/release/CPackConfig.cmake" -B "$root/build/package" >/dev/null
        deb=$(ls "$root"/build/package/*.deb)
        echo "$deb"
        echo "size: $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1)); installed: $(dpkg-deb -f "$deb" Installed-Size) KiB"
        echo "Depends: $(dpkg-deb -f "$deb" Depends)"
        ;;
    fuzz)
        fuzz_seconds=${1:-60}
        configure_and_build fuzz
        run_fuzzers "$fuzz_seconds"
        ;;
    format)
        cd "$root"
        git ls-files -z -- 'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' 'app/*.cpp' 'app/*.h' \
            'tests/*.cpp' 'tests/*.h' | xargs -0 clang-format -i
        ;;
    tidy)
        configure_and_build dev
        cd "$root"
        # compile_commands.json lists every translation unit of every folder.
        git ls-files -- 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp' 'tests/*.cpp' \
            | xargs -P "$jobs" -n 8 clang-tidy -p build/dev --quiet "$@"
        ;;
    *)
        echo "usage: packaging/dev.sh run [--compare-proxy]|test|test-asan|test-tsan|bench|fuzz [SECONDS]|build|package|format|tidy" >&2
        exit 2
        ;;
esac
