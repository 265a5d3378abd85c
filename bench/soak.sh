#!/usr/bin/env bash
# A soak: two Latchkey nodes on one PostgreSQL, mixed traffic at about half of the peak measured here first, for
# ten minutes (issue 10). Prints, minute by minute, what each node served, its p99, every answer that was not 2xx,
# and each node's resident memory; then the slope of the memory and of the p99 over the run.
#
# Usage: bench/soak.sh [minutes]        needs wrk, curl, Maven and Debian's postgresql; about minutes + 3 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

MINUTES=${1:-10}
PG_PORT=15433
PORTS=(18081 18082)
WORK=$(mktemp -d)
NODES=()
cleanup() {
  for pid in "${NODES[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "bench/soak.sh needs wrk: apt-get install wrk" >&2; exit 2; }
[ -n "$PG_BIN" ] || { echo "bench/soak.sh needs PostgreSQL: apt-get install postgresql" >&2; exit 2; }

echo "building"
mvn -B -q -Pbench package -DskipTests
start_postgres "$PG_PORT"
MASTER_KEY=$(head -c 32 /dev/urandom | base64 -w0)
for port in "${PORTS[@]}"; do
  mkdir -p "$WORK/node-$port"
  (cd "$WORK/node-$port" && exec env MICRONAUT_SERVER_PORT="$port" \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" DATASOURCES_DEFAULT_USERNAME=postgres \
    DATASOURCES_DEFAULT_PASSWORD=unused LATCHKEY_MASTER_KEY="$MASTER_KEY" \
    LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=soak-admin-password \
    "$OLDPWD/bin/latchkey" > service.log 2>&1) &
  NODES+=($!)
  # The first start of a new jar makes its class-data archive first (about 20 s).
  wait_for "$(now_ms)" "http://127.0.0.1:$port/.well-known/oauth-authorization-server" 120 > /dev/null
done

BASE="http://127.0.0.1:${PORTS[0]}"
issue() { curl -s -u admin:soak-admin-password -X POST "$BASE/api/v1/tokens" -H 'Content-Type: application/json' -d "$1"; }
export SOAK_TOKEN SOAK_INTROSPECTOR SOAK_DELAY_MS=0
SOAK_TOKEN=$(issue '{"description":"soak"}' | field token)
SOAK_INTROSPECTOR=$(issue '{"description":"soak introspector","scopes":["introspect"]}' | field token)

# The mix: 12 of 20 requests a /self, 4 an introspection, 4 an issuance (each issued token lives 10 minutes).
cat > "$WORK/mix.lua" <<'LUA'
local token = os.getenv("SOAK_TOKEN")
local introspector = os.getenv("SOAK_INTROSPECTOR")
local pause = tonumber(os.getenv("SOAK_DELAY_MS"))
local counter = 0
request = function()
  counter = counter + 1
  local which = counter % 20
  if which < 12 then
    return wrk.format("GET", "/api/v1/tokens/self", {["Authorization"] = "Bearer " .. token})
  elseif which < 16 then
    return wrk.format("POST", "/oauth2/introspect", {["Authorization"] = "Bearer " .. introspector,
      ["Content-Type"] = "application/x-www-form-urlencoded"}, "token=" .. token)
  end
  return wrk.format("POST", "/api/v1/tokens", {["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json"}, '{"description":"soak","lifetimeSeconds":600}')
end
delay = function() return pause end
LUA

# one wrk per node, 16 connections each; prints "req/s p99-ms non-2xx" per node, one line each
both() {
  local seconds=$1 loads=()
  for port in "${PORTS[@]}"; do
    wrk -t1 -c16 -d"${seconds}s" --timeout 10s --latency -s "$WORK/mix.lua" "http://127.0.0.1:$port" \
      > "$WORK/wrk-$port" 2>&1 &
    loads+=($!)
  done
  wait "${loads[@]}" || true
  for port in "${PORTS[@]}"; do
    awk '
      / requests in / {requests=$1; duration=$4; sub(/,$/, "", duration)
        if (duration ~ /m$/) {sub(/m$/, "", duration); duration *= 60} else {sub(/s$/, "", duration)}}
      /^ +99%/ {p99=$2; if (p99 ~ /us$/) {sub(/us$/, "", p99); p99/=1000} else if (p99 ~ /ms$/) {sub(/ms$/, "", p99)} else if (p99 ~ /s$/) {sub(/s$/, "", p99); p99*=1000}}
      /Non-2xx/ {bad=$5}
      / Socket errors/ {errors=$0}
      END {bad = (bad == "" ? 0 : bad); printf "%.0f %.2f %d %s\n", requests / duration, p99, bad, (errors == "" ? "" : "socket-errors")}' \
      "$WORK/wrk-$port"
  done
}

echo "warming both nodes and finding the peak (60 s, no pause)"
both 30 > /dev/null
read -r peak _ < <(both 30 | head -n 1)
# Each connection waits, between requests, the interval that half the peak leaves each of a node's 16 connections;
# with the requests' own time on top, the nodes serve a little under half their peak.
SOAK_DELAY_MS=$(awk -v peak="$peak" 'BEGIN {d = 1000 * 16 * 2 / peak; if (d < 1) d = 1; printf "%d", d}')
echo "peak per node ${peak} req/s; pausing ${SOAK_DELAY_MS} ms between a connection's requests"

echo "| minute | node | req/s | p99 ms | non-2xx | RSS MB |"
echo "|---|---|---|---|---|---|"
: > "$WORK/series"
for minute in $(seq 1 "$MINUTES"); do
  mapfile -t results < <(both 60)
  for i in 0 1; do
    read -r rps p99 bad socket <<< "${results[$i]}"
    rss=$(rss_mb "${NODES[$i]}")
    echo "| $minute | ${PORTS[$i]} | $rps | $p99 | $bad ${socket:-} | $rss |"
    echo "$minute $i $rss $p99 $bad" >> "$WORK/series"
  done
done

echo
awk '
  {n[$2]++; x=$1; sx[$2]+=x; sxx[$2]+=x*x; sr[$2]+=$3; sxr[$2]+=x*$3; sp[$2]+=$4; sxp[$2]+=x*$4; bad+=$5}
  END {
    for (i in n) {
      d = n[i]*sxx[i] - sx[i]*sx[i]
      printf "node %d: RSS slope %.2f MB/minute, p99 slope %.3f ms/minute\n", i,
        (n[i]*sxr[i] - sx[i]*sr[i]) / d, (n[i]*sxp[i] - sx[i]*sp[i]) / d
    }
    printf "answers other than 2xx over the soak: %d\n", bad
  }' "$WORK/series"
for port in "${PORTS[@]}"; do
  errors=$(grep -c -E ' ERROR ' "$WORK/node-$port/service.log" || true)
  echo "node $port: ERROR lines in its log: $errors"
done
