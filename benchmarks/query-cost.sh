#!/usr/bin/env bash
# What the query cost check (security probe, finding 1) costs per request: compiles the service, then runs
# benchmarks/QueryCostCheck.java against graphql/*.graphqls with every journey document and the probe's documents.
# Usage: benchmarks/query-cost.sh [checks-per-document=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/java.sh

mvn -q -B -ntp compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
"$java_bin" -cp "target/classes:$(cat target/classpath.txt)" benchmarks/QueryCostCheck.java "${1:-20000}"
