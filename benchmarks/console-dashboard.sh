#!/usr/bin/env bash
# The console's dashboard, cold load → data drawn (issue 22): starts the service (java -jar) on a fresh embedded
# store with the demo data, then benchmarks/ConsoleLoad.java opens /console/ in Debian's headless Chromium, `runs`
# times per user in a fresh profile each, and prints p50/p95/max until `.dashboard[data-ready=true]`.
# Usage: [JAR=path] [SCALE=demo|city] [PORT=18081] [BOLT_PORT=17688] benchmarks/console-dashboard.sh [runs] [users…]
# (loopback). SCALE=city generates the `city` data set (dataset generate) into the store first: the demo users'
# community and street are there too, with the city's numbers of members and tasks around them.
# Users are demo users: community-secretary (德民社区), street-admin (城东街道), city-admin.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
shift || true
users=("$@")
[ ${#users[@]} -gt 0 ] || users=(community-secretary street-admin)
port=${PORT:-18081}
bolt=${BOLT_PORT:-17688}

source benchmarks/java.sh

if [ -n "${JAR:-}" ]; then
  jar=$JAR
else
  mvn -q -B -ntp package -DskipTests
  jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
fi
# Playwright (a test dependency) for the browser side
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark-classpath.txt
store=$(mktemp -d)
if [ "${SCALE:-demo}" != demo ]; then
  "$java_bin" -jar "$jar" dataset generate --scale="$SCALE" --tongtong.neo4j.embedded.directory="$store/neo4j" \
    --tongtong.neo4j.embedded.bolt-port=$bolt > "$store/generate.log" 2>&1 \
    || { echo "dataset generate failed:" >&2; cat "$store/generate.log" >&2; exit 1; }
  grep -E "Done in" "$store/generate.log" || true
fi
"$java_bin" -jar "$jar" --server.port=$port --tongtong.neo4j.embedded.bolt-port=$bolt \
  --tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.knowledge.backfill-on-start=false \
  > "$store/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$store"' EXIT
until curl -sf localhost:$port/console/demo-tokens | grep -q community-secretary; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
echo "data: ${SCALE:-demo}; JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(/usr/bin/chromium --version 2>/dev/null); service and browser on this machine"
"$java_bin" -cp "$(cat target/benchmark-classpath.txt)" benchmarks/ConsoleLoad.java "http://localhost:$port" "$runs" "${users[@]}"
