#!/usr/bin/env bash
# Installs the Debian 12 packages SSE Scope needs. Idempotent and quiet when
# everything is already there; sudo only when not root.
#   install-deps.sh           to build, run and test (nginx-light: the compare proxy
#                             of packaging/compare-proxy.sh and tst_nginxroutes;
#                             tinyproxy: tst_proxy)
#   install-deps.sh --bench   also curl for the benchmarks (and Node where missing)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev libgl-dev qt6-qpa-plugins
    fonts-dejavu-core
    qt6-tools-dev qt6-l10n-tools # lupdate, for the update_translations target only
    clang-format # CTest's format_check keeps the tree in .clang-format's style
    nginx-light # Debian starts its own nginx service on port 80 too; ours never uses it
    tinyproxy # tst_proxy's forward proxy; Debian starts its own service on 8888, ours never uses it
    openssl # test certificates (tst_tls, tst_http2nginx, compare-proxy.sh --tls)
    dpkg-dev appstream desktop-file-utils # the .deb: dpkg-shlibdeps, and tst_package's validators
    clang libclang-rt-14-dev # packaging/dev.sh fuzz: clang++ -fsanitize=fuzzer and its runtime
)
if [ "${1:-}" = --bench ]; then
    packages+=(curl)
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
