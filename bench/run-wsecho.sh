#!/bin/sh
# usage: bench/run-wsecho.sh PORT     (serves ws://127.0.0.1:PORT/ws/echo)
# The wsbench harness's server contract: `exec`s the server so this script's PID is the JVM's.
# env: WSECHO_JAR (default target/wsecho.jar), JAVA (java binary; default: Temurin 25 if installed, else `java`, as for the harness's JVM
#      peers), JAVA_OPTS (extra JVM flags, default none), WSECHO_ARGS (extra --key=value args),
#      WSECHO_LINE=production: the production line of docs/how-to/fast-start.md (the build's AOT cache, Spring AOT,
#      the serial collector with a 32 MB young generation) instead of plain `java -jar`.
# Runs target/wsecho.jar with its shipped defaults; build it first: ./mvnw -q -B package -DskipTests
cd "$(dirname "$0")/.." || exit 1
JAR=${WSECHO_JAR:-target/wsecho.jar}
[ -f "$JAR" ] || { echo "$JAR missing: run ./mvnw -q -B package -DskipTests" >&2; exit 1; }
if [ -z "$JAVA" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; else JAVA=java; fi
fi
LINE=
if [ "$WSECHO_LINE" = production ]; then
  CACHE=${JAR%.jar}.aot
  [ -f "$CACHE" ] || { echo "$CACHE missing: build with a JDK 25 (docs/how-to/fast-start.md)" >&2; exit 1; }
  # The cache holds the jar's absolute path.
  JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
  LINE="-XX:AOTCache=$CACHE -XX:+UseSerialGC -Xmn32m -Dspring.aot.enabled=true"
fi
ulimit -n 200000 2>/dev/null || true
# shellcheck disable=SC2086
exec "$JAVA" $LINE $JAVA_OPTS -jar "$JAR" --server.port="${1:?port}" --server.address=127.0.0.1 $WSECHO_ARGS
