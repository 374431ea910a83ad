#!/bin/sh
# usage: bench/run-wsecho.sh PORT     (serves ws://127.0.0.1:PORT/ws/echo)
# The wsbench harness's server contract: `exec`s the server so this script's PID is the JVM's.
# env: WSECHO_JAR (default target/wsecho.jar), JAVA (java binary; default: Temurin 25 if installed, else `java`, as for the harness's JVM
#      peers), JAVA_OPTS (extra JVM flags, default none), WSECHO_ARGS (extra --key=value args).
# Runs target/wsecho.jar with its shipped defaults; build it first: ./mvnw -q -B package -DskipTests
cd "$(dirname "$0")/.." || exit 1
JAR=${WSECHO_JAR:-target/wsecho.jar}
[ -f "$JAR" ] || { echo "$JAR missing: run ./mvnw -q -B package -DskipTests" >&2; exit 1; }
if [ -z "$JAVA" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; else JAVA=java; fi
fi
ulimit -n 200000 2>/dev/null || true
# shellcheck disable=SC2086
exec "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="${1:?port}" --server.address=127.0.0.1 $WSECHO_ARGS
