#!/usr/bin/env bash
# Reliability under load: a day's mix of reads, writes and matching at a fixed arrival rate (open loop) on the
# `city` data set, with per-operation latency and errors, then checks that nothing was over-booked, doubled or lost.
# Builds the jar, generates the data set into a fresh embedded store, starts the service on it (java -jar, demo
# data off), waits until it answers and its start-up knowledge backfill is done, runs benchmarks/TrafficLoad.java
# (a warm-up rising to the rate, reported on its own, then the measured run and the verification), stops the
# service with SIGTERM and deletes the store.
# Usage: benchmarks/traffic.sh [rate=200] [seconds=60] [scale=city]
# Environment: PORT (18180), BOLT_PORT (17787), WARMUP seconds (180: a fresh JVM needs minutes of traffic to compile Neo4j's and Spring's hot paths), COMMUNITIES (40), SEED (1), ONLY (operations),
#   SERVICE_JAVA_OPTS (JVM options of the service, e.g. a flight recording),
#   KEEP_LOG (a file to copy the service's log to)   — loopback only
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-200}
seconds=${2:-60}
scale=${3:-city}
port=${PORT:-18180}
bolt=${BOLT_PORT:-17787}
warmup=${WARMUP:-180}

source benchmarks/java.sh

for p in "$port" "$bolt"; do
  if (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set PORT / BOLT_PORT" >&2; exit 1; fi
done

mvn -q -B -ntp package -DskipTests
jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
store=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "${KEEP_LOG:-}" ] && [ -f "$store/service.log" ]; then cp "$store/service.log" "$KEEP_LOG"; fi
  rm -rf "$store"
}
trap cleanup EXIT

"$java_bin" -jar "$jar" dataset generate --scale="$scale" --tongtong.neo4j.embedded.directory="$store/neo4j" \
  --tongtong.neo4j.embedded.bolt-port="$bolt" > "$store/dataset.log" 2>&1 \
  || { echo "dataset generate failed:" >&2; tail -30 "$store/dataset.log" >&2; exit 1; }
grep -E "Done in" "$store/dataset.log"

# SERVICE_JAVA_OPTS: e.g. a flight recording, -XX:StartFlightRecording=filename=/tmp/traffic.jfr,settings=profile
"$java_bin" ${SERVICE_JAVA_OPTS:-} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 --tongtong.neo4j.embedded.bolt-port="$bolt" \
  --tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.demo-data.enabled=false \
  --logging.level.org.optaplanner=WARN > "$store/service.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" | grep -q '"status":"UP"'; do
  kill -0 "$pid" 2>/dev/null || { tail -40 "$store/service.log"; exit 1; }
  sleep 1
done
# the start-up backfill classifies earlier requests and reads every member's profile: let it finish first
for _ in $(seq 1 600); do grep -q "Knowledge: classified" "$store/service.log" && break; sleep 1; done
grep -q "Knowledge: classified" "$store/service.log" || echo "(knowledge backfill still running)"
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg);" \
  "service and load driver on this machine; data: $scale"
status=0
SERVICE_PID=$pid "$java_bin" benchmarks/TrafficLoad.java "http://127.0.0.1:$port/graphql" "$rate" "$seconds" "$warmup" || status=$?
errors=$(grep -c " ERROR " "$store/service.log" || true)
echo "service log: $errors ERROR lines"
# what went wrong, most frequent first: the exceptions' messages (ids left out)
grep -E "^[a-zA-Z0-9_.$]+(Exception|Error): " "$store/service.log" | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g' | cut -c1-220 \
  | sort | uniq -c | sort -rn | head -8 || true
exit $status
