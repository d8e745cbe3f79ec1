#!/usr/bin/env bash
# The developer entry point. See README.md.
#   packaging/dev.sh run     install what is missing, build, start SSE Scope on its demo streams
#   packaging/dev.sh run --compare-proxy [ssescope args]   the same build, then SSE Scope
#                            comparing the five nginx routes of packaging/compare-proxy.sh
#   packaging/dev.sh test    install what is missing, build, run the whole CTest suite
#   packaging/dev.sh test-asan   the same suite under AddressSanitizer + UBSan (what CI adds)
#   packaging/dev.sh test-tsan   the threaded tests (CTest label "threads") under ThreadSanitizer (CI too)
#   packaging/dev.sh bench   build in Release and print BENCH lines
#   packaging/dev.sh build   install what is missing and build only
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
        echo "usage: packaging/dev.sh run [--compare-proxy]|test|test-asan|test-tsan|bench|build|format|tidy" >&2
        exit 2
        ;;
esac
