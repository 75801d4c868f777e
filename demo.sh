#!/bin/sh
# The demo command: two Payara Micro nodes (ports 8080 and 8081) sharing one limit through one Redis.
#   ./demo.sh          build, start, print curl lines; Ctrl-C stops the nodes and Redis
#   ./demo.sh --batch  build, start, fire bursts at both nodes, print the tables, stop;
#                      exit status 0 only when the bursts show one shared limit
# Further arguments go to Maven, e.g. ./demo.sh -Ddemo.ports=9080,9081 when 8080 is taken.
# Needs a JDK 17+ and redis-server 7.0+ (REDIS_SERVER or the PATH): the Maven wrapper fetches
# Maven, Maven fetches Payara Micro.
set -eu

batch=false
if [ "${1:-}" = "--batch" ]; then
    batch=true
    shift
fi
case "${1:-}" in
    -h|--help) sed -n '2,8p' "$0" | cut -c3-; exit 0 ;;
    ""|-D*) ;;
    *) echo "usage: $0 [--batch] [-Dproperty=value ...]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")"
echo "Building the demo (the first run downloads Maven, the dependencies and Payara Micro: allow a few minutes)..."
# exec: the Maven JVM takes this process's place, so Ctrl-C (or a SIGINT to this PID) reaches it
# and its shutdown hooks stop the nodes and Redis.
exec ./mvnw -q -Pdemo -pl demo-war -am package -DskipTests -Ddemo.batch="$batch" "$@"
