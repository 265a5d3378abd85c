#!/usr/bin/env bash
# What a DPoP-bound token costs on the hottest path (issue 26): GET /api/v1/tokens/self with a bound token and a fresh
# proof on every request, against the same path with a bearer token, both driven by the same wrk script in the same
# run, for ES256 and EdDSA proofs; the bare Micronaut app's constant endpoint in the same run is the reference. The
# proofs are signed ahead (bench/dpop/DpopProofMaker.java), so the load generator does no signing during the
# measurement and the server's rate is what is measured: the proof check (a signature verification), the token check, and the proof's
# single use (a share of a batched insert into the replay table).
#
# Usage: bench/dpop.sh [measure-seconds]
#   WARMUP=45      seconds of load before each measurement (the JIT needs 40-60 s per path here)
#   PROOFS=        proofs signed for each warm-up (default: 2,000 a second); a warm-up that runs out sends them again
#                  and is refused (its non-2xx are printed), which only shortens its warming. The measurement gets
#                  proofs for 4,000 req/s, signed while the warm-up runs; if it ran out, its non-2xx would say so
#   JAVA=java      the JVM that runs both servers
#   MAKER_JAVA     the JVM that signs the proofs (default: Temurin 25 where installed, whose ECDSA is faster)
# Needs wrk and curl; stops only the processes it started, by their PID; writes nothing outside a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

MEASURE=${1:-15}
WARMUP=${WARMUP:-45}
JAVA=${JAVA:-java}
MAKER_JAVA=${MAKER_JAVA:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n 1 || true)}
MAKER_JAVA=${MAKER_JAVA:-$JAVA}
WARM_PROOFS=${PROOFS:-$((WARMUP * 2000))}
MEASURE_PROOFS=$((MEASURE * 4000))
PORT=18080
BARE_PORT=18090
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVICE=""
BARE=""
MAKER=""
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  for pid in $SERVICE $BARE $MAKER; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench/dpop.sh needs wrk: apt-get install wrk" >&2; exit 2; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "building the service and the bare app"
  mvn -B -q -Pbench package -DskipTests
fi
export LATCHKEY_JAVA="$JAVA"

# wrk for a while; prints "successful-req/s p50 p99 non-2xx": only 2xx answers count as served.
load() {
  local seconds=$1; shift
  wrk -t2 -c32 -d"${seconds}s" --timeout 10s --latency "$@" | awk '
    / requests in / {requests=$1; duration=$4; sub(/s,?$/, "", duration)}
    /^ +50%/ {p50=$2}
    /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$5}
    END {bad = (bad == "" ? 0 : bad); printf "%.1f %s %s %s\n", (requests - bad) / duration, p50, p99, bad}'
}

report() { # name rps p50 p99 non-2xx
  printf '  %-44s %10s req/s  p50 %-8s p99 %-8s non-2xx %s\n' "$1" "$2" "$3" "$4" "$5"
}

LATCHKEY_JAR=bench/bare/target/bare-micronaut.jar LATCHKEY_CDS=off bin/latchkey -micronaut.server.port=$BARE_PORT \
  > "$WORK/bare.log" 2>&1 &
BARE=$!
wait_for "$(now_ms)" "http://127.0.0.1:$BARE_PORT/constant" 60 > /dev/null
load "$WARMUP" "http://127.0.0.1:$BARE_PORT/constant" > /dev/null
read -r BARE_RPS p50 p99 bad < <(load "$MEASURE" "http://127.0.0.1:$BARE_PORT/constant")
report "bare: GET /constant" "$BARE_RPS" "$p50" "$p99" "$bad"
kill "$BARE"; wait "$BARE" 2>/dev/null || true; BARE=""

(cd "$WORK" && exec env MICRONAUT_SERVER_PORT=$PORT LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin \
  LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password LATCHKEY_OAUTH_ISSUER="$BASE" \
  LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_MINUTE=100000000 "$OLDPWD/bin/latchkey" > service.log 2>&1) &
SERVICE=$!
wait_for "$(now_ms)" "$BASE/.well-known/oauth-authorization-server" 120 > /dev/null
echo "Latchkey on H2"

mkdir -p "$WORK/bearer"
curl -s "$BASE/oauth2/token" -d grant_type=password -d username=admin -d password=bench-admin-password \
  -d scope=reports:read | field access_token > "$WORK/bearer/token"
load "$WARMUP" -s bench/dpop/self.lua "$BASE/api/v1/tokens/self" -- "$WORK/bearer/token" > /dev/null
read -r BEARER_RPS p50 p99 bad < <(load "$MEASURE" -s bench/dpop/self.lua "$BASE/api/v1/tokens/self" -- \
  "$WORK/bearer/token")
report "GET /self, bearer" "$BEARER_RPS" "$p50" "$p99" "$bad"

for algorithm in ES256 EdDSA; do
  mkdir -p "$WORK/$algorithm"
  "$MAKER_JAVA" bench/dpop/DpopProofMaker.java "$BASE" bench-admin-password "$algorithm" "$WARM_PROOFS" \
    "$MEASURE_PROOFS" "$WARMUP" "$MEASURE" "$WORK/$algorithm" &
  MAKER=$!
  until [ -f "$WORK/$algorithm/warm" ]; do
    kill -0 "$MAKER" 2>/dev/null || { wait "$MAKER"; exit 1; }
    sleep 0.2
  done
  load "$WARMUP" -s bench/dpop/self.lua "$BASE/api/v1/tokens/self" -- "$WORK/$algorithm/token" \
    "$WORK/$algorithm/warm" > "$WORK/$algorithm/warm-result"
  wait "$MAKER"
  MAKER=""
  read -r _ _ _ warm_bad < "$WORK/$algorithm/warm-result"
  read -r rps p50 p99 bad < <(load "$MEASURE" -s bench/dpop/self.lua "$BASE/api/v1/tokens/self" -- \
    "$WORK/$algorithm/token" "$WORK/$algorithm/measure")
  report "GET /self, DPoP $algorithm (warm-up non-2xx $warm_bad)" "$rps" "$p50" "$p99" "$bad"
  printf '    ratio to bearer %.3f, to bare %.3f\n' "$(echo "$rps / $BEARER_RPS" | bc -l)" \
    "$(echo "$rps / $BARE_RPS" | bc -l)"
done
printf '  bearer to bare %.3f\n' "$(echo "$BEARER_RPS / $BARE_RPS" | bc -l)"
