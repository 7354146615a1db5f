#!/usr/bin/env bash
# What the access rules cost per request: starts the service (java -jar) on a fresh embedded store with the
# demo data, runs benchmarks/AccessLoad.java with the city administrator's token and with 德民社区's secretary's,
# and stops the service.
# Usage: benchmarks/access-overhead.sh [requests]     (ports 18080 and 17687 on loopback)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100}

source benchmarks/java.sh

mvn -q -B -ntp package -DskipTests
jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
ADMIN_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=12)
SECRETARY_TOKEN=$("$java_bin" -jar "$jar" token --role=COMMUNITY_SECRETARY --community=320613001001 --sub=benchmark-secretary --hours=12)
export ADMIN_TOKEN SECRETARY_TOKEN
store=$(mktemp -d)
"$java_bin" -jar "$jar" --server.port=18080 --tongtong.neo4j.embedded.bolt-port=17687 \
  --tongtong.neo4j.embedded.directory="$store/neo4j" > "$store/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$store"' EXIT
until curl -sf -XPOST localhost:18080/graphql -H 'content-type: application/json' -H "Authorization: Bearer $ADMIN_TOKEN" \
    -d '{"query":"{ street(id: \"320613001\") { communities(first: 1) { edges { node { id } } } } }"}' | grep -q '"id"'; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); service and load driver on this machine"
"$java_bin" benchmarks/AccessLoad.java http://localhost:18080/graphql "$requests"
