#!/usr/bin/env bash
# Time to generate and load the `city` scale into a fresh embedded store, and the store's size.
# Usage: benchmarks/city-load.sh [scale]     (default city; uses Bolt port 17687 on loopback)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-city}
store=$(mktemp -d)
start=$(date +%s%N)
mvn -q -B -ntp spring-boot:run -Dspring-boot.run.arguments="dataset generate --scale=$scale --tongtong.neo4j.embedded.directory=$store/neo4j --tongtong.neo4j.embedded.bolt-port=17687" \
  2>&1 | grep -E "rows in|Done in|Generating"
end=$(date +%s%N)
echo "whole command (Maven, JVM and database start included): $(( (end - start) / 1000000 )) ms"
echo "store size: $(du -sh "$store/neo4j" | cut -f1)"
rm -rf "$store"
