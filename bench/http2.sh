#!/bin/sh
# usage: bench/http2.sh [PORT]          (default 18080; WSBENCH=path/to/wsbench adds its C client's rows)
# WebSockets over HTTP/2 (h2c, RFC 8441) against HTTP/1.1, with the same client (Jetty's) on both:
#  - memory: IDLE (default 5000) idle WebSockets on a fresh server each, over HTTP/1.1 (a TCP
#    connection each) and over HTTP/2 (100 streams on each of IDLE/100 TCP connections);
#    (server RSS with them - RSS before) / IDLE;
#  - rate: 100 sockets x 10 in flight x 32 B text, over 100 HTTP/1.1 connections and over
#    10 HTTP/2 connections, 10 s each after 5 s of warm-up each, every echo checked.
# Server on CPU 0 with server.http2.enabled=true (h2c and HTTP/1.1 on one port), client on CPU 1.
# Build first: ./mvnw -q -B package -DskipTests && ./mvnw -q -B -f bench/pom.xml package -DskipTests
set -eu
cd "$(dirname "$0")/.." || exit 1
PORT=${1:-18080}
IDLE=${IDLE:-5000}
URL=ws://127.0.0.1:$PORT/ws/echo
LOG=
SERVER=
STATUS=0
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -f "$LOG"' EXIT

start() { # a fresh server, with a log of its own so that no line of the last one counts
  if [ -n "$SERVER" ]; then kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; rm -f "$LOG"; fi
  LOG=$(mktemp)
  taskset -c 0 java -jar target/wsecho.jar --server.http2.enabled=true --server.port="$PORT" \
    --server.address=127.0.0.1 >"$LOG" 2>&1 &
  SERVER=$!
  i=0
  until grep -q 'started on port' "$LOG"; do
    i=$((i + 1)); [ "$i" -le 120 ] || { echo "the server did not start in 60 s" >&2; cat "$LOG" >&2; exit 1; }
    sleep 0.5
  done
}

bench() { # LABEL ARGS...
  label=$1; shift
  printf '%-14s ' "$label"
  taskset -c 1 java -jar bench/target/wsecho-bench.jar --url "$URL" --quiet "$@" || STATUS=1
}

echo "load before: $(uptime)"
start; bench idle-h1 --jetty --idle-conns "$IDLE" --duration 3 --connect-timeout 120 --server-pid "$SERVER"
start; bench idle-h2 --http2 --h2-connections $((IDLE / 100)) --idle-conns "$IDLE" --duration 3 --connect-timeout 120 --server-pid "$SERVER"
start; bench idle-h1-nio --idle-conns "$IDLE" --duration 3 --server-pid "$SERVER"
start
bench warm-h1 --jetty --conns 100 --inflight 10 --warmup 0 --duration 5 >/dev/null
bench warm-h2 --http2 --h2-connections 10 --conns 100 --inflight 10 --warmup 0 --duration 5 >/dev/null
bench echo-h1 --jetty --conns 100 --inflight 10 --size 32 --duration 10 --server-pid "$SERVER"
bench echo-h2 --http2 --h2-connections 10 --conns 100 --inflight 10 --size 32 --duration 10 --server-pid "$SERVER"
bench echo-h1-nio --conns 100 --inflight 10 --size 32 --duration 10 --server-pid "$SERVER"
if [ -n "${WSBENCH:-}" ]; then
  printf '%-14s ' echo-h1-wsbench
  taskset -c 1 "$WSBENCH" --url "$URL" --conns 100 --inflight 10 --size 32 --duration 10 --warmup 1 --quiet --server-pid "$SERVER"
  start
  printf '%-14s ' idle-h1-wsbench
  taskset -c 1 "$WSBENCH" --url "$URL" --idle-conns "$IDLE" --duration 3 --quiet --server-pid "$SERVER"
fi
echo "load after: $(uptime)"
exit $STATUS
