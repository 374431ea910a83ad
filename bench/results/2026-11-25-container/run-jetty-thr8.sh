#!/bin/sh
WSECHO_JAR=${WSECHO_JAR:-/tmp/wsecho-jetty.jar} WSECHO_ARGS="--server.jetty.threads.max=8 --server.jetty.threads.min=8" exec "$(dirname "$0")/../../run-wsecho.sh" "$@"
