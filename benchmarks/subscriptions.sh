#!/usr/bin/env bash
# Publish → event latency of GraphQL subscriptions (issue 20, part 4): starts the service (java -jar) on a fresh
# embedded store with the demo data, runs benchmarks/SubscriptionLoad.java against it — 1,000 WebSocket
# subscriptions to tasksPublished, half in scope (德民社区's secretary), half not (another community's) — publishes
# tasks of 德民社区 one at a time and prints p50/p95/max from publishTask sent to the event at each subscriber.
# Usage: [JAR=path] [PORT=18080] [BOLT_PORT=17687] benchmarks/subscriptions.sh [subscriptions] [tasks]   (loopback)
set -euo pipefail
cd "$(dirname "$0")/.."
subscriptions=${1:-1000}
tasks=${2:-30}
port=${PORT:-18080}
bolt=${BOLT_PORT:-17687}

source benchmarks/java.sh

if [ -n "${JAR:-}" ]; then
  jar=$JAR
else
  mvn -q -B -ntp package -DskipTests
  jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
fi
TONGTONG_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=12)
DEMIN_TOKEN=$("$java_bin" -jar "$jar" token --role=COMMUNITY_SECRETARY --community=320613001001 --sub=benchmark-demin --hours=12)
OTHER_TOKEN=$("$java_bin" -jar "$jar" token --role=COMMUNITY_SECRETARY --community=320613001002 --sub=benchmark-other --hours=12)
export TONGTONG_TOKEN DEMIN_TOKEN OTHER_TOKEN
store=$(mktemp -d)
# two subjects hold all the subscriptions: allow each as many as the run opens (the default is 20 per subject)
"$java_bin" -jar "$jar" --server.port=$port --tongtong.neo4j.embedded.bolt-port=$bolt \
  --tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.graphql.max-subscriptions-per-subject=$subscriptions \
  > "$store/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; [ -n "${VERBOSE:-}" ] && grep -E "WARN|ERROR|Exception" "$store/service.log" | tail -20; rm -rf "$store"' EXIT
until curl -sf -XPOST localhost:$port/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TONGTONG_TOKEN" \
    -d '{"query":"{ street(id: \"320613001\") { communities(first: 1) { edges { node { id } } } } }"}' | grep -q '"id"'; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); service and clients on this machine; jar $jar"
"$java_bin" benchmarks/SubscriptionLoad.java http://localhost:$port/graphql "$subscriptions" "$tasks"
