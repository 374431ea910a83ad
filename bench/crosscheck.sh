#!/bin/bash
# usage: bench/crosscheck.sh /path/to/wsbench/loadgen/wsbench
# Runs the same workloads with the wsbench harness's C load generator and with this project's
# (bench/target/wsecho-bench.jar) one, back to back, against one wsecho (bench/run-wsecho.sh)
# pinned to CPU 0, each tool pinned to CPU 1; idle memory on a fresh server per tool. Prints one
# line per workload and tool.
# Needs target/wsecho.jar (./mvnw -q -B package -DskipTests) and bench/target/wsecho-bench.jar
# (./mvnw -q -B -f bench/pom.xml package -DskipTests). env: PORT, DUR.
set -u
WSB=${1:?path to the wsbench binary}
cd "$(dirname "$0")/.." || exit 1
J="java -jar bench/target/wsecho-bench.jar"
[ -f bench/target/wsecho-bench.jar ] || { echo "bench/target/wsecho-bench.jar missing: run ./mvnw -q -B -f bench/pom.xml package -DskipTests" >&2; exit 1; }
PORT=${PORT:-18800}
DUR=${DUR:-5}
URL=ws://127.0.0.1:$PORT/ws/echo
SPID=""
start() {
  taskset -c 0 bench/run-wsecho.sh "$PORT" > /tmp/wsecho-crosscheck-server.log 2>&1 &
  SPID=$!
  taskset -c 1 "$WSB" --url "$URL" --wait-ready 90 --quiet > /dev/null || { echo "wsecho did not start" >&2; exit 1; }
}
stop() { kill -TERM "$SPID"; wait "$SPID" 2>/dev/null; }
trap 'stop' EXIT
res() { grep '^RESULT' | grep -oE '(msgs_per_s|mb_per_s|p50_us|p99_us|p999_us|mismatches|errors|client_cpu_pct|server_cpu_pct|rss_per_conn_b)=[^ ]+' | tr '\n' ' '; echo; }
tool() { if [ "$1" = C ]; then echo "$WSB"; else echo "$J"; fi; }
for t in C java; do
  start
  echo "idle_10000 $t: $(taskset -c 1 $(tool $t) --url "$URL" --idle-conns 10000 --duration 3 --connect-concurrency 64 --server-pid "$SPID" | res)"
  stop; sleep 1
done
start
# warm the server's JIT first, as the harness does
taskset -c 1 "$WSB" --quiet --url "$URL" --conns 100 --inflight 10 --size 32 --duration 4 --drain 1 > /dev/null
taskset -c 1 "$WSB" --quiet --url "$URL" --conns 10 --inflight 4 --size 65536 --binary --duration 2 --drain 1 > /dev/null
run() {
  local name=$1; shift
  for t in C java; do
    echo "$name $t: $(taskset -c 1 $(tool $t) --url "$URL" --server-pid "$SPID" --warmup 1 --duration "$DUR" "$@" | res)"
  done
}
run lat_1x1_32B --conns 1 --inflight 1 --size 32 --text
run rate_100x10_32B --conns 100 --inflight 10 --size 32 --text
run bw_10x4_64KiB --conns 10 --inflight 4 --size 65536 --binary
run open_20000ps_10c_32B --conns 10 --rate 20000 --size 32 --text
