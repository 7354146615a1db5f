#!/usr/bin/env bash
# Check-in latency with the verification-code limiter (issue 19, finding 3): starts the service (java -jar) on a
# fresh embedded store with the demo data, runs benchmarks/CheckInLoad.java against it over GraphQL (checkIn and
# checkOut with the right code, and a wrong code first on the first claims), prints p50/p95/p99, stops the service.
# Usage: [JAR=path] [PORT=18080] [BOLT_PORT=17687] benchmarks/check-in-latency.sh [claims]     (ports on loopback)
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-200}
port=${PORT:-18080}
bolt=${BOLT_PORT:-17687}

source benchmarks/java.sh

# JAR=path runs that build instead of packaging this tree (e.g. the commit before the limiter, for a comparison)
if [ -n "${JAR:-}" ]; then
  jar=$JAR
else
  mvn -q -B -ntp package -DskipTests
  jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
fi
TONGTONG_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=12)
# wrong codes come from other subjects, each under the per-subject limit (15 each: 120 wrong codes)
GUESS_TOKENS=$(for i in 1 2 3 4 5 6 7 8; do "$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark-guess-$i --hours=12; done | paste -sd,)
export TONGTONG_TOKEN GUESS_TOKENS
store=$(mktemp -d)
"$java_bin" -jar "$jar" --server.port=$port --tongtong.neo4j.embedded.bolt-port=$bolt \
  --tongtong.neo4j.embedded.directory="$store/neo4j" > "$store/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$store"' EXIT
until curl -sf -XPOST localhost:$port/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TONGTONG_TOKEN" \
    -d '{"query":"{ street(id: \"320613001\") { communities(first: 1) { edges { node { id } } } } }"}' | grep -q '"id"'; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); service and load driver on this machine; jar $jar"
"$java_bin" benchmarks/CheckInLoad.java http://localhost:$port/graphql "$claims"
