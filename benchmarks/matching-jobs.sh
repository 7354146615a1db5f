#!/usr/bin/env bash
# Matching jobs against the exact core (issue 21): on the generated `city` data, exports what a community job
# and a street job would plan (`solve export`) and solves each file with `solve bench` — which prints the exact
# core's bound and the gap — then starts the service and runs the same community and street as matching jobs
# over GraphQL with the same time limit, printing each job's time, seats filled and score. Member seats are the
# same problem in both; team tasks (emergencies for functional branches) are planned by jobs only, so where the
# scope has open team tasks the job's seats and score include them and the figures differ by exactly those.
# Usage: benchmarks/matching-jobs.sh [street=320613009] [seconds=2] [community=the street's with most open tasks]
#        (ports 18081, 17688)
set -euo pipefail
cd "$(dirname "$0")/.."
street=${1:-320613009}
seconds=${2:-2}
community=${3:-}

source benchmarks/java.sh

mvn -q -B -ntp package -DskipTests
jar=$(ls target/tongtongzai-*.jar | grep -v original | head -1)
store=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true; }; rm -rf "$store"' EXIT
db=(--tongtong.neo4j.embedded.directory="$store/neo4j" --tongtong.neo4j.embedded.bolt-port=17688)
"$java_bin" -jar "$jar" dataset generate --scale=city "${db[@]}" > "$store/generate.log" 2>&1 \
  || { cat "$store/generate.log" >&2; exit 1; }
echo "JDK: $("$java_bin" -version 2>&1 | head -1); cores: $(nproc); data: city; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
export_scope() {
  "$java_bin" -jar "$jar" solve export --$1="$2" --out="$store/$1.json" "${db[@]}" 2>&1 | grep -E "^Wrote|Exception" \
    | sed "s|$store/||"
}
export_scope street "$street"
if [ -z "$community" ]; then # the community of the street with the most open tasks (the file's tasks come last)
  community=$(sed -n '/"tasks"/,$p' "$store/street.json" | grep -oE '"communityId" : "[0-9]+"' | sort | uniq -c | sort -rn \
    | head -1 | grep -oE '[0-9]{6,}')
fi
export_scope community "$community"
echo; echo "solve bench on the exported files, time limit $seconds s (one run each, warm process):"
"$java_bin" -jar "$jar" solve bench --runs=1 --seconds="$seconds" --in="$store/community.json,$store/street.json" 2>&1 \
  | grep -E "^\||Exception|Error"

TONGTONG_TOKEN=$("$java_bin" -jar "$jar" token --role=CITY_ADMIN --sub=benchmark --hours=2)
"$java_bin" -jar "$jar" --server.port=18081 "${db[@]}" --tongtong.knowledge.backfill-on-start=false \
  --logging.level.org.optaplanner=WARN > "$store/service.log" 2>&1 &
pid=$!
graphql() {
  curl -sf -XPOST localhost:18081/graphql -H 'content-type: application/json' -H "Authorization: Bearer $TONGTONG_TOKEN" \
    -d "{\"query\":\"$1\"}"
}
until graphql '{ about { schemaVersion } }' 2>/dev/null | grep -q schemaVersion; do
  kill -0 $pid 2>/dev/null || { cat "$store/service.log"; exit 1; }
  sleep 0.5
done
echo; echo "matching jobs on the running service, time limit $seconds s (first job of the process, then the second):"
for scope in community street; do
  id=$([ $scope = community ] && echo "$community" || echo "$street")
  started=$(graphql "mutation { startMatching(input: {${scope}Id: \\\"$id\\\", seconds: $seconds}) { job { id } } }" || true)
  job=$(echo "$started" | grep -oE 'MJ-[0-9a-f-]+' || true)
  [ -n "$job" ] || { echo "$scope $id: not started: $started"; continue; }
  state=
  until echo "$state" | grep -qE '"status":"(COMPLETED|STOPPED|FAILED)"'; do
    sleep 0.2
    state=$(graphql "{ matchingJob(id: \\\"$job\\\") { status timeSpent seats seatsFilled feasible bestScore { hard medium soft } teamProposals { seatId } } }")
  done
  teams=$(echo "$state" | { grep -o '"seatId"' || true; } | wc -l)
  echo "$scope $id: $(echo "$state" | grep -oE '"(status|timeSpent|seats|seatsFilled|feasible)":[^,}]*|"bestScore":\{[^}]*\}' | paste -sd' ') (team seats proposed: $teams)"
done
