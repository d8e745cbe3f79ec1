#!/usr/bin/env bash
# The developer entry point. See README.md.
#   packaging/dev.sh run     install what is missing, build, start SSE Scope on its demo streams
#   packaging/dev.sh test    install what is missing, build, run the whole CTest suite
#   packaging/dev.sh test-asan   the same suite under AddressSanitizer + UBSan (what CI adds)
#   packaging/dev.sh bench   build in Release and print BENCH lines
#   packaging/dev.sh build   install what is missing and build only
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

cmd=${1:-run}
shift || true
case "$cmd" in
    build)
        configure_and_build dev
        ;;
    run)
        configure_and_build dev
        exec "$root/build/dev/app/ssescope" "$@"
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
    bench)
        configure_and_build release --bench
        "$here/run-benchmarks.sh" "$root/build/release" "$@"
        ;;
    *)
        echo "usage: packaging/dev.sh run|test|test-asan|bench|build" >&2
        exit 2
        ;;
esac
