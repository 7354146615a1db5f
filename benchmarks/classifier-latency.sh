#!/usr/bin/env bash
# The classifier's costs (issue 23): the sentence model alone (load time, memory, time per text:
# benchmarks/SentenceModelCost.java), then classifyText over GraphQL on a running service with the demo data
# (java -jar on a fresh store; benchmarks/ClassifierLoad.java), with the start-up log line that says how long the
# examples took to embed, and the service's resident memory.
# Usage: benchmarks/classifier-latency.sh [requests=2000] [http-port=18091] [bolt-port=17691]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-2000}
port=${2:-18091}
bolt=${3:-17691}
if curl -s -o /dev/null "localhost:$port"; then echo "port $port is taken: pass another" >&2; exit 1; fi

source benchmarks/java.sh

mvn -q -B -ntp package -DskipTests
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat target/classpath.txt)" benchmarks/SentenceModelCost.java 2>/dev/null \
  | grep -vE "WARN|INFO"

jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
TONGTONG_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=12)
export TONGTONG_TOKEN
store=$(mktemp -d)
start=$(date +%s%N)
"$java_bin" -jar "$jar" --server.port=$port --tongtong.neo4j.embedded.bolt-port=$bolt \
  --tongtong.neo4j.embedded.directory="$store/neo4j" --logging.level.org.optaplanner=WARN > "$store/service.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$store"' EXIT
until curl -sf -XPOST localhost:$port/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TONGTONG_TOKEN" \
    -d '{"query":"{ classifyText(text: \"楼道灯坏了\") { confidence } }"}' | grep -q confidence; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.2
done
echo "service: first classifyText answered $(( ($(date +%s%N) - start) / 1000000 )) ms after launch (fresh store, demo data)"
grep -oE "Knowledge: [0-9]+ example requests.*" "$store/service.log" | head -1 || true
grep -E "native access|restricted method" "$store/service.log" | head -2 || true
kill -0 $pid
"$java_bin" benchmarks/ClassifierLoad.java "http://localhost:$port/graphql" "$requests"
echo "service resident memory after the run: $(( $(grep VmRSS /proc/$pid/status | tr -dc 0-9) / 1024 )) MB"
