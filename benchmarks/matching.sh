#!/usr/bin/env bash
# The matching benchmark (issue 5): generates the `city` data set into a fresh embedded store, then runs
# `solve benchmark` on its members: community, street, whole city and city partitioned by community,
# each planned by the solver and by the greedy baseline (first come, first fit by skill and proximity).
# Usage: benchmarks/matching.sh [scale=city] [seconds=30] [city-seconds=60] [scales=community,street,city,partitioned]
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-city}
seconds=${2:-30}
city_seconds=${3:-60}
scales=${4:-community,street,city,partitioned}

source benchmarks/java.sh

mvn -q -B -ntp package -DskipTests
jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
common=(--tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.neo4j.embedded.bolt-port=17688
        --logging.level.org.optaplanner=WARN)
"$java_bin" -jar "$jar" dataset generate --scale="$scale" "${common[@]}" > "$store/generate.log" 2>&1 \
  || { echo "dataset generate failed:" >&2; cat "$store/generate.log" >&2; exit 1; }
grep -E "Done in|Generating" "$store/generate.log"
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc)"
"$java_bin" -Xmx12g -jar "$jar" solve benchmark --seconds="$seconds" --city-seconds="$city_seconds" --scales="$scales" \
  "${common[@]}" 2>&1 | grep -E "^\||^Read|Exception|Error" 
