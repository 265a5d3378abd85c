#!/usr/bin/env bash
# Start-up and warm-up, for each JVM given, in one run (issue 27, items 4 and 6): Latchkey and the bare Micronaut app,
# both started through bin/latchkey (so both get its JVM settings and its class-data archive), each restarted STARTS
# times; the median time to the first answered request and the resident memory then. Then, for Latchkey after a
# restart: bearer /self load from the first moment (32 connections), in rounds of ROUND seconds until the rate stops
# rising; the first round's rate as a fraction of the plateau says how long a restarted node serves below its rate.
#
# Usage: bench/startup.sh [java ...]      (default: the java on the PATH, and Temurin 25 where it is installed)
#   STARTS=5 ROUND=10 DRIVE_LIMIT=120 BUSY_OK=1 as in bench/run.sh; SKIP_BUILD=1 uses the jars already built.
# Needs wrk and curl; stops only the processes it started, by their PID; writes nothing outside a temporary directory
# and target/ (where the launcher keeps its archives).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

STARTS=${STARTS:-5}
ROUND=${ROUND:-10}
DRIVE_LIMIT=${DRIVE_LIMIT:-120}
PORT=18083
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVICE=""
cleanup() {
  [ -n "$SERVICE" ] && kill "$SERVICE" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "bench/startup.sh needs wrk: apt-get install wrk" >&2; exit 2; }
LOAD_AT_START=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD_AT_START" 'BEGIN { exit !(l > 1.5) }'; then
  [ "${BUSY_OK:-}" = 1 ] || { echo "the load average is $LOAD_AT_START: wait, or set BUSY_OK=1" >&2; exit 3; }
  echo "warning: load average $LOAD_AT_START at the start: these figures are not from a quiet machine" >&2
fi
JAVAS=("$@")
if [ ${#JAVAS[@]} -eq 0 ]; then
  JAVAS=("$(command -v java)")
  for newer in /usr/lib/jvm/temurin-2[5-9]*/bin/java; do [ -x "$newer" ] && JAVAS+=("$newer"); done
fi
[ "${SKIP_BUILD:-}" = 1 ] || { echo "building the service and the bare app"; mvn -B -q -Pbench package -DskipTests; }

start() { # app(latchkey|bare) java; starts it on the store in WORK/data, sets SERVICE and STARTED_MS
  local app=$1 java=$2 jar=token-bootstrap/target/latchkey.jar
  [ "$app" = bare ] && jar=bench/bare/target/bare-micronaut.jar
  mkdir -p "$WORK/data"
  local started
  started=$(now_ms)
  (cd "$WORK/data" && exec env LATCHKEY_JAVA="$java" LATCHKEY_JAR="$OLDPWD/$jar" MICRONAUT_SERVER_PORT=$PORT \
    LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
    "$OLDPWD/bin/latchkey" > "$WORK/$app.log" 2>&1) &
  SERVICE=$!
  local url="$BASE/.well-known/oauth-authorization-server"
  [ "$app" = bare ] && url="$BASE/constant"
  STARTED_MS=$(wait_for "$started" "$url" 120)
}
stop() { kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; SERVICE=""; }

rounds_rps() { # url [wrk args]; one round of ROUND seconds; prints 2xx answers per second
  local url=$1; shift
  wrk -t2 -c32 -d"${ROUND}s" --timeout 10s "$@" "$url" | awk '
    / requests in / {requests=$1; duration=$4; sub(/s,?$/, "", duration)}
    /Non-2xx/ {bad=$5}
    END {printf "%.0f\n", (requests - bad) / duration}'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

ROWS=()
for java in "${JAVAS[@]}"; do
  version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
  echo "JVM $java ($version)"
  for app in bare latchkey; do
    # The first start makes the store, and on a new jar or JVM the launcher's archive (a training run): it is not
    # counted, so that the figures are a restart's, as in a rolling deploy.
    rm -rf "$WORK/data"
    start "$app" "$java"; stop
    : > "$WORK/starts"; : > "$WORK/rss"
    for _ in $(seq 1 "$STARTS"); do
      start "$app" "$java"
      echo "$STARTED_MS" >> "$WORK/starts"
      echo "$(rss_mb "$SERVICE")" >> "$WORK/rss"
      stop
    done
    first=$(median < "$WORK/starts"); spread=$(sort -n "$WORK/starts" | sed -n '1p;$p' | paste -sd-)
    rss=$(median < "$WORK/rss")
    echo "  $app: first response ${first} ms (median of $STARTS; $spread), RSS then ${rss} MB"
    ROWS+=("$version|$app|$first ($spread)|$rss")
    [ "$app" = bare ] && BARE_FIRST=$first
  done
  ROWS+=("$version|Latchkey ÷ bare|$(awk -v a="$first" -v b="$BARE_FIRST" 'BEGIN {printf "%.2f", a / b}')|")

  start latchkey "$java"
  token=$(curl -s -u admin:bench-admin-password -X POST "$BASE/api/v1/tokens" -H 'Content-Type: application/json' \
    -d '{"description":"warm-up"}' | field token)
  first_round=$(rounds_rps "$BASE/api/v1/tokens/self" -H "Authorization: Bearer $token")
  best=$first_round flat=0 driven=$ROUND trail=$first_round
  while [ "$flat" -lt 2 ] && [ "$driven" -lt "$DRIVE_LIMIT" ]; do
    rps=$(rounds_rps "$BASE/api/v1/tokens/self" -H "Authorization: Bearer $token")
    driven=$((driven + ROUND)); trail="$trail $rps"
    if [ "$rps" -gt $(( best * 103 / 100 )) ]; then best=$rps; flat=0; else flat=$((flat + 1)); fi
  done
  stop
  fraction=$(awk -v a="$first_round" -v b="$best" 'BEGIN {printf "%.2f", a / b}')
  echo "  /self from a restart, req/s per ${ROUND} s round: $trail (first round $fraction of the plateau)"
  ROWS+=("$version|/self: first ${ROUND} s ÷ plateau|$fraction ($first_round of $best; rounds: $trail)|")
done

echo
echo "load average at the start: $LOAD_AT_START; $(nproc) cores"
echo "| JVM | what | figure | RSS MB |"
echo "|---|---|---|---|"
for row in "${ROWS[@]}"; do echo "| ${row//|/ | } |"; done
