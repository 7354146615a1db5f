#!/usr/bin/env bash
# Issue 26, side by side on the `city` data: the service (GraphQL over HTTP), hand-written Cypher over Bolt to the
# same embedded database, and @neo4j/graphql 7.6 (benchmarks/peer, Apollo Server on Node) over Bolt to it too.
# Generates `city` into a fresh store, starts the service with its embedded Bolt port open, starts the peer, runs
# benchmarks/SideBySide.java (checks the three answers are the same, then sequential p50/p95 and N clients' req/s per
# system and role; the statements the database ran per request, from its query collector) and stops everything.
# About 18 minutes with the defaults on 2 busy cores (seconds=30, as in issue 26: about 22); fewer queries, less time.
# Usage: [JAR=path] [PORT=18096] [BOLT_PORT=17696] [PEER_PORT=18097] \
#        benchmarks/side-by-side.sh [sequential=500] [clients=8] [seconds=20] [queries=streets,members,counts,claims,dashboard,recommend]
set -euo pipefail
cd "$(dirname "$0")/.."
sequential=${1:-500}
clients=${2:-8}
seconds=${3:-20}
queries=${4:-streets,members,counts,claims,dashboard,recommend}
port=${PORT:-18096}
bolt=${BOLT_PORT:-17696}
peer_port=${PEER_PORT:-18097}

source benchmarks/java.sh

if [ -n "${JAR:-}" ]; then
  jar=$JAR
else
  mvn -q -B -ntp package -DskipTests
  jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
fi
# the Bolt driver and Jackson for the load driver, from the test classpath
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark-classpath.txt
npm ci --prefix benchmarks/peer --no-audit --no-fund --loglevel=error

store=$(mktemp -d)
pids=()
stop() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$store"
}
trap stop EXIT
password=side-by-side-$RANDOM$RANDOM
"$java_bin" -jar "$jar" dataset generate --scale=city --tongtong.neo4j.embedded.directory="$store/neo4j" \
  --tongtong.neo4j.embedded.bolt-port="$bolt" > "$store/generate.log" 2>&1 \
  || { echo "dataset generate failed:" >&2; cat "$store/generate.log" >&2; exit 1; }
grep -E "Done in" "$store/generate.log"
"$java_bin" -jar "$jar" --server.port="$port" --tongtong.neo4j.embedded.bolt-port="$bolt" \
  --tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.neo4j.embedded.password="$password" \
  --logging.level.org.optaplanner=WARN > "$store/service.log" 2>&1 &
pids+=($!)
ADMIN_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=side-by-side --hours=12)
export ADMIN_TOKEN
until curl -sf -XPOST "localhost:$port/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $ADMIN_TOKEN" \
    -d '{"query":"{ streets(first: 1) { edges { node { id } } } }"}' | grep -q '"id"'; do
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
# the start-up backfill (reads every member's profile, ~30 s of both cores on the city data) is not what is measured
waited=0
until grep -qE "Knowledge: classified|Knowledge backfill stopped" "$store/service.log" || [ $waited -ge 180 ]; do
  sleep 1; waited=$((waited + 1))
done
BOLT_URI="bolt://127.0.0.1:$bolt" BOLT_PASSWORD="$password" PORT="$peer_port" node benchmarks/peer/server.js \
  > "$store/peer.log" 2>&1 &
pids+=($!)
until grep -q "peer ready" "$store/peer.log"; do
  kill -0 "${pids[1]}" 2>/dev/null || { cat "$store/peer.log"; exit 1; }
  sleep 0.5
done
echo "JDK: $("$java_bin" -version 2>&1 | head -1); Node $(node --version); cores: $(nproc); service, peer and load driver on this machine; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
BOLT_PASSWORD="$password" JAVA_BIN="$java_bin" JAR="$jar" "$java_bin" --enable-native-access=ALL-UNNAMED \
  -cp "$(cat target/benchmark-classpath.txt)" benchmarks/SideBySide.java "http://localhost:$port/graphql" "bolt://127.0.0.1:$bolt" "http://127.0.0.1:$peer_port/" \
  "$sequential" "$clients" "$seconds" "$queries"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
