#!/usr/bin/env bash
# Starts ssescope-demo-server and, in front of it, Debian's nginx with the five
# routes of packaging/nginx/compare-routes.conf.template (/unbuffered/,
# /buffered/, /accel/, /gzip/, /chunked/), both on 127.0.0.1 and free ports, as
# the current user, everything under one temporary directory. Once both answer
# it prints one line on stdout, for programs and tests to wait for:
#   compare-proxy: ready http://127.0.0.1:PROXY_PORT demo=http://127.0.0.1:DEMO_PORT
# and runs until SIGTERM or SIGINT (Ctrl+C), then stops both and removes the
# directory.
#   compare-proxy.sh [--demo-server PATH] [--port N] [--print-urls] [--tls]
#     --demo-server PATH  the ssescope-demo-server binary (default: build/dev/app/)
#     --port N            nginx on this port instead of a free one
#     --print-urls        also list the five routes' URLs for /ticker?rate=20
#     --tls               also an https listener with http2 on the next port
#                         (packaging/nginx/http2-tls.conf.template), unbuffered,
#                         with a CA and a certificate for 127.0.0.1 and localhost
#                         made by openssl now; the ready line then ends with
#                         " tls=https://127.0.0.1:TLS_PORT ca=PREFIX/tls/ca.pem"
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
nginx=${NGINX:-/usr/sbin/nginx}
demo_server=$root/build/dev/app/ssescope-demo-server
port=
print_urls=0
tls=0
routes=(unbuffered buffered accel gzip chunked)

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --demo-server) demo_server=${2:?--demo-server needs a path}; shift 2 ;;
        --demo-server=*) demo_server=${1#*=}; shift ;;
        --port) port=${2:?--port needs a number}; shift 2 ;;
        --port=*) port=${1#*=}; shift ;;
        --print-urls) print_urls=1; shift ;;
        --tls) tls=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "compare-proxy: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

if [ ! -x "$nginx" ]; then
    echo "compare-proxy: nginx is not installed ($nginx); packaging/install-deps.sh installs nginx-light" >&2
    exit 3
fi
if [ ! -x "$demo_server" ]; then
    echo "compare-proxy: no demo server at $demo_server; build it (packaging/dev.sh build) or pass --demo-server" >&2
    exit 3
fi

# nginx and the demo server die with this script even when it cannot stop
# them itself (SIGKILL, or a signal before its traps are set): util-linux's
# setpriv, in every Debian, sets their parent-death signal.
orphan_guard=()
if command -v setpriv >/dev/null; then orphan_guard=(setpriv --pdeathsig TERM --); fi

prefix=$(mktemp -d "${TMPDIR:-/tmp}/ssescope-compare.XXXXXX")
demo_pid=
nginx_pid=
cleanup() {
    # Once only, and to the end: a second SIGTERM (a test that dies sends one
    # per thread through PR_SET_PDEATHSIG) or SIGPIPE (whoever read our output
    # is gone) must not stop us before the directory is removed.
    trap - EXIT
    trap '' TERM INT PIPE
    exec >/dev/null 2>&1
    # Both are our children; nginx runs in the foreground (daemon off), so its
    # pid is the one we started and SIGTERM is its fast shutdown.
    for pid in $nginx_pid $demo_pid; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in $nginx_pid $demo_pid; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$prefix"
}
trap cleanup EXIT
# A signal ends the script through the EXIT trap (exit status 128+signal).
trap 'exit 143' TERM
trap 'exit 130' INT

fail() {
    echo "compare-proxy: $*" >&2
    [ -s "$prefix/error.log" ] && sed 's/^/compare-proxy: nginx: /' "$prefix/error.log" >&2
    exit 1
}

# 1. The demo server picks its own free port and prints it on its first line.
"${orphan_guard[@]}" "$demo_server" --port 0 >"$prefix/demo.port" 2>"$prefix/demo.err" &
demo_pid=$!
demo_port=
for _ in $(seq 100); do # at most 10 s
    demo_port=$(head -n1 "$prefix/demo.port" 2>/dev/null || true)
    [ -n "$demo_port" ] && break
    kill -0 "$demo_pid" 2>/dev/null || fail "the demo server exited: $(cat "$prefix/demo.err")"
    sleep 0.1
done
[ -n "$demo_port" ] || fail "the demo server printed no port within 10 s"

# 1b. With --tls: a CA, and a server certificate it signed for 127.0.0.1 and
# localhost, both valid for two days (ECDSA P-256: fast to make).
if [ "$tls" = 1 ]; then
    command -v openssl >/dev/null || fail "--tls needs openssl; packaging/install-deps.sh installs it"
    mkdir -p "$prefix/tls"
    (
        cd "$prefix/tls"
        curve=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
        openssl req -x509 "${curve[@]}" -keyout ca.key -out ca.pem -days 2 \
            -subj "/CN=SSE Scope compare-proxy test CA" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
        openssl req "${curve[@]}" -keyout server.key -out server.csr -subj /CN=localhost
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 2 -days 2 \
            -extfile server.ext -out server.pem
    ) >"$prefix/openssl.log" 2>&1 || fail "openssl could not make the test certificates: $(cat "$prefix/openssl.log")"
fi

# 2. nginx on a free port: nginx cannot pick one itself, so take one nobody
# listens on now and try again should another program take it first.
port_in_use() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start_nginx() {
    local p=$1
    local tls_include=
    if [ "$tls" = 1 ]; then
        port_in_use $((p + 1)) && return 1
        sed -e "s|@PREFIX@|$prefix|g" -e "s|@TLS_PORT@|$((p + 1))|g" \
            "$here/nginx/http2-tls.conf.template" >"$prefix/http2-tls.conf"
        tls_include="include $prefix/http2-tls.conf;"
    fi
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$p|g" -e "s|@UPSTREAM@|127.0.0.1:$demo_port|g" \
        -e "s|@TLS_INCLUDE@|$tls_include|g" \
        "$here/nginx/compare-routes.conf.template" >"$prefix/nginx.conf"
    : >"$prefix/error.log"
    # -e: the error log before the configuration is read, which would otherwise
    # be /var/log/nginx/error.log (not writable by a normal user).
    "${orphan_guard[@]}" "$nginx" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" 2>>"$prefix/error.log" &
    nginx_pid=$!
    for _ in $(seq 100); do # at most 10 s
        listening "$p" && { [ "$tls" = 0 ] || listening $((p + 1)); } \
            && kill -0 "$nginx_pid" 2>/dev/null && return 0
        kill -0 "$nginx_pid" 2>/dev/null || { wait "$nginx_pid" 2>/dev/null || true; nginx_pid=; return 1; }
        sleep 0.1
    done
    return 1
}
if [ -n "$port" ]; then
    start_nginx "$port" || fail "nginx did not start on 127.0.0.1:$port"
else
    for _ in $(seq 10); do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        start_nginx "$port" && break
        port=
    done
    [ -n "$port" ] || fail "nginx did not start on any of 10 free ports"
fi

proxy=http://127.0.0.1:$port
tls_fields=
[ "$tls" = 1 ] && tls_fields=" tls=https://127.0.0.1:$((port + 1)) ca=$prefix/tls/ca.pem"
echo "compare-proxy: ready $proxy demo=http://127.0.0.1:$demo_port$tls_fields"
if [ "$print_urls" = 1 ]; then
    for route in "${routes[@]}"; do
        printf '  %-11s %s/%s/ticker?rate=20\n' "$route" "$proxy" "$route"
    done
    printf '  %-11s %s/ticker?rate=20\n' direct "http://127.0.0.1:$demo_port"
    echo "compare-proxy: Ctrl+C stops nginx and the demo server" >&2
fi

# Until a signal, or until either child ends on its own (then the other goes too).
wait -n "$demo_pid" "$nginx_pid" || true
fail "$(kill -0 "$nginx_pid" 2>/dev/null && echo "the demo server" || echo nginx) exited"
