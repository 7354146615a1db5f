#!/usr/bin/env bash
# recommendMembers latency and emergency proposal time on a running service with the `city` data set:
# generates `city` into a fresh embedded store, starts the service on it (java -jar), runs
# benchmarks/MatchingLoad.java over GraphQL, and stops the service. The service reaches its embedded database
# in-process (the default) or, with driver=bolt, through the ordinary driver over loopback Bolt.
# Usage: benchmarks/matching-latency.sh [requests=500] [emergencies=10] [scale=city] [driver=in-process|bolt] [warmUp=3000]
#        (ports 18080, 17687)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-500}
emergencies=${2:-10}
scale=${3:-city}
driver=${4:-in-process}
warm_up=${5:-3000}

source benchmarks/java.sh

mvn -q -B -ntp package -DskipTests
jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
# the service wants a bearer token: the city administrator's, signed with the demo secret it accepts by default
TONGTONG_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=12)
export TONGTONG_TOKEN
store=$(mktemp -d)
"$java_bin" -jar "$jar" dataset generate --scale="$scale" --tongtong.neo4j.embedded.directory="$store/neo4j" \
  --tongtong.neo4j.embedded.bolt-port=17687 > "$store/generate.log" 2>&1 \
  || { echo "dataset generate failed:" >&2; cat "$store/generate.log" >&2; exit 1; }
grep -E "Done in" "$store/generate.log"
"$java_bin" -jar "$jar" --server.port=18080 --tongtong.neo4j.embedded.bolt-port=17687 \
  --tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.neo4j.embedded.driver="$driver" \
  --logging.level.org.optaplanner=WARN > "$store/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$store"' EXIT
until curl -sf -XPOST localhost:18080/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TONGTONG_TOKEN" \
    -d '{"query":"{ streets(first: 1) { edges { node { id } } } }"}' | grep -q '"id"'; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
# the service's start-up work (the knowledge backfill reads every member's profile and classifies earlier requests,
# ~30 s of both cores on the city data) is not what is measured: wait until it is done
waited=0
until grep -qE "Knowledge: classified|Knowledge backfill stopped" "$store/service.log" || [ $waited -ge 180 ]; do
  sleep 1; waited=$((waited + 1))
done
echo "start-up backfill: $(grep -oE "Knowledge: classified.*|Knowledge backfill stopped" "$store/service.log" | head -1 || echo "none logged") (waited ${waited} s)"
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); service and load driver on this machine; data: $scale; database driver: $driver; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" benchmarks/MatchingLoad.java http://localhost:18080/graphql "$requests" "$emergencies" "$warm_up"
