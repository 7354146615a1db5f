#!/usr/bin/env bash
# How long from launch until GraphQL answers: `java -jar` on a fresh store, then on a restart of the
# same store, then `mvn spring-boot:run` (which adds Maven's own start and the build check).
# Usage: benchmarks/startup-time.sh        (uses ports 18080 and 17687 on loopback)
set -euo pipefail
cd "$(dirname "$0")/.."

source benchmarks/java.sh

mvn -q -B -ntp package -DskipTests
jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
# the service wants a bearer token: the city administrator's, signed with the demo secret it accepts by default
TONGTONG_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=12)
export TONGTONG_TOKEN
store=$(mktemp -d)
args="--server.port=18080 --tongtong.neo4j.embedded.bolt-port=17687 --tongtong.neo4j.embedded.directory=$store/neo4j"

wait_for_graphql() {
  until curl -sf -XPOST localhost:18080/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TONGTONG_TOKEN" \
      -d '{"query":"{ about { schemaVersion } streets(first: 1) { edges { node { id } } } }"}' >/dev/null; do
    sleep 0.1
  done
}

measure() {
  local label=$1; shift
  local start end pid
  start=$(date +%s%N)
  "$@" > "$store/$label.log" 2>&1 &
  pid=$!
  wait_for_graphql
  end=$(date +%s%N)
  echo "$label: $(( (end - start) / 1000000 )) ms until GraphQL answered"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  pkill -TERM -f "tongtongzai.*18080" 2>/dev/null || true
  sleep 1
}

echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc)"
# shellcheck disable=SC2086
measure "java -jar, fresh store" "$java_bin" -jar "$jar" $args
# shellcheck disable=SC2086
measure "java -jar, restart" "$java_bin" -jar "$jar" $args
measure "mvn spring-boot:run, restart" mvn -q -B -ntp spring-boot:run -Dspring-boot.run.arguments="$args"
rm -rf "$store"
