#!/bin/bash
# usage: bench/hostile.sh [ATTACK...]     (default: none, the baseline, then all nine, in the order of the table)
# The hostile-client figures of docs/explanation/hostile-clients.md: for each attack a fresh
# wsecho (bench/run-wsecho.sh, pinned to CPU 0) with the settings that attack assumes, then
# dev.wsecho.bench.HostileClients (pinned to CPU 1): the attack at full scale from 127.0.0.2,
# a well-behaved echo client from 127.0.0.1 alongside, server RSS sampled from /proc.
# Prints each attack's summary and its row of the table; exits non-zero if any attack did not
# get the documented answer, the server went down, or a well-behaved echo was wrong or lost.
# Needs target/wsecho.jar (./mvnw -q -B package -DskipTests) and bench/target/wsecho-bench.jar
# (./mvnw -q -B -f bench/pom.xml package -DskipTests). env: PORT (default 18900).
set -u
cd "$(dirname "$0")/.." || exit 1
[ -f bench/target/wsecho-bench.jar ] || { echo "bench/target/wsecho-bench.jar missing: run ./mvnw -q -B -f bench/pom.xml package -DskipTests" >&2; exit 1; }
PORT=${PORT:-18900}
ATTACKS=${*:-none bomb fragments slowloris storm headers ping-flood bad-close half-open per-address}
LOG=$(mktemp -t wsecho-hostile-server.XXXXXX)
ulimit -n 200000 2>/dev/null || ulimit -n 20000 2>/dev/null || true
settings() {
  case "$1" in
    storm) echo "--wsecho.limits.max-connections=1000" ;;
    half-open) echo "--wsecho.limits.ping-interval=5s" ;;
    per-address) echo "--wsecho.limits.max-connections-per-address=100" ;;
    *) echo "" ;;
  esac
}
SPID=""
stop() { [ -n "$SPID" ] && kill -TERM "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null; SPID=""; }
trap 'stop' EXIT
status=0
echo "| attack | scale | what the server did | within | peak RSS growth | well-behaved p99 | echoes checked / wrong |"
echo "|---|---|---|---|---|---|---|"
for attack in $ATTACKS; do
  WSECHO_ARGS="$(settings "$attack")" taskset -c 0 bench/run-wsecho.sh "$PORT" > "$LOG" 2>&1 &
  SPID=$!
  ready=""
  for _ in $(seq 1 1800); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1 && { ready=1; break; }
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "wsecho did not start within 180 s (log: $LOG)" >&2; exit 1; }
  # A few seconds of echo traffic first, so that the JIT has compiled the echo's path.
  taskset -c 1 java -jar bench/target/wsecho-bench.jar --url "ws://127.0.0.1:$PORT/ws/echo" --conns 10 --inflight 4 --duration 3 --warmup 0 --quiet > /dev/null
  out=$(taskset -c 1 java -cp bench/target/wsecho-bench.jar dev.wsecho.bench.HostileClients \
    --url "ws://127.0.0.1:$PORT/ws/echo" --server-pid "$SPID" --attack "$attack") || status=1
  echo "$out" | grep -v '^|' >&2
  echo "$out" | grep '^|'
  stop
done
rm -f "$LOG"
exit $status
