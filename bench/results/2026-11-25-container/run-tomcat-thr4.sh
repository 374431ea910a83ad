#!/bin/sh
WSECHO_JAR=${WSECHO_JAR:-/tmp/wsecho-tomcat.jar} WSECHO_ARGS="--server.tomcat.threads.max=4 --server.tomcat.threads.min-spare=4" exec "$(dirname "$0")/../../run-wsecho.sh" "$@"
