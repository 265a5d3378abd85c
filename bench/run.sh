#!/usr/bin/env bash
# Latchkey's benchmarks in one run, as ratios to a bare Micronaut app of the same version measured in the same run.
#
# Builds everything (the service, and the bare app under bench/bare), then for the bare app and for Latchkey:
# startup to first response, a JIT warm-up of each path, and a measured wrk run of it (req/s, p50, p99). Latchkey's
# paths: the no-token-work endpoint, introspection of an opaque token and of a JWT (caller by bearer token), /self,
# issuance by token and by password, bearer traffic during a login flood, revocation latency (lease included),
# inspection with 10 k and with 1 M stored tokens, and resident memory after the mixed load; then, on a PostgreSQL
# server started here from Debian's packages (apt-get install postgresql), introspection, /self and issuance; last, each
# store's own ceiling for issuance (token rows inserted one per durable transaction), which issuance is set against.
#
# Usage: bench/run.sh [seconds-per-measured-round]
#   ROUND=10       seconds of each round that drives a path until its rate stops rising (at most DRIVE_LIMIT=120)
#   PATH_WARMUP=10 seconds of the login flood before bearer traffic is measured beside it
#   BUSY_OK=1      run even though the load average is above 1.5 (the table then says so)
#   JAVA=java      the JVM that runs both servers
# Needs wrk (apt-get install wrk), curl and Maven; writes nothing outside a temporary directory and target/.
set -euo pipefail
cd "$(dirname "$0")/.."

MEASURE=${1:-10}
ROUND=${ROUND:-10}
DRIVE_LIMIT=${DRIVE_LIMIT:-120}
PATH_WARMUP=${PATH_WARMUP:-10}
LOAD_AT_START=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD_AT_START" 'BEGIN { exit !(l > 1.5) }'; then
  if [ "${BUSY_OK:-}" != 1 ]; then
    echo "the load average is $LOAD_AT_START: figures taken on a busy machine mislead. Wait, or set BUSY_OK=1" >&2
    exit 3
  fi
  echo "warning: load average $LOAD_AT_START at the start; the figures of this run are not from a quiet machine" >&2
fi
JAVA=${JAVA:-java}
BARE_PORT=18090
PORT=18080
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVICE=""
BARE=""
PG_PORT=15432
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  for pid in $SERVICE $BARE; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench/run.sh needs wrk: apt-get install wrk" >&2; exit 2; }
echo "building the service and the bare app"
mvn -B -q -Pbench package -DskipTests
H2_JAR=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort | tail -1)
# Both servers run through the launcher, so both get its JVM settings; only Latchkey gets a class-data archive, made
# here beforehand so that startup is measured as every start after the first one is.
export LATCHKEY_JAVA="$JAVA"
# The password paths measure the hashing bound, as issue 8 asks. The shipped login limits (5 failures a minute per
# username, 30 per address) would answer most of this one-account, one-address load with 429 before any hashing,
# which LoginLimitTest covers; for the first start they are raised out of the way. The login flood is measured after
# a restart, with the limits as shipped.
# The issuance paths drive one account far past the shipped allowance of new tokens (300 a minute) and the ceiling on
# its active tokens (1,000), so both are raised wherever issuance is measured (H2's first start, PostgreSQL's).
RAISED_ISSUANCE=(LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_MINUTE=100000000
  LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_HOUR=200000000 LATCHKEY_ISSUANCE_MAXIMUM_ACTIVE_TOKENS_PER_ACCOUNT=100000000)
RAISED_LIMITS=(LATCHKEY_LOGIN_USERNAME_FAILURES_PER_MINUTE=1000000 LATCHKEY_LOGIN_USERNAME_FAILURES_PER_HOUR=1000000
  LATCHKEY_LOGIN_ADDRESS_FAILURES_PER_MINUTE=1000000 LATCHKEY_LOGIN_ADDRESS_FAILURES_PER_HOUR=1000000
  "${RAISED_ISSUANCE[@]}")
echo "making Latchkey's class-data archive for this JVM (once per jar)"
# Stopped by the PID it was started with (the launcher execs the JVM), never by a pattern that could match a service
# someone else runs on this machine.
(cd "$WORK" || exit
  MICRONAUT_SERVER_PORT=$PORT timeout 120 "$OLDPWD/bin/latchkey" > archive.log 2>&1 &
  archiving=$!
  for _ in $(seq 1 1200); do curl -s -o /dev/null -f "$BASE/.well-known/oauth-authorization-server" && break; sleep 0.1; done
  kill "$archiving" 2>/dev/null || true; wait) || true
rm -rf "$WORK/data"

ROWS=()
row() { ROWS+=("$(printf '%s|%s|%s|%s|%s' "$1" "$2" "$3" "$4" "$5")"); }

# wrk for a while; prints "successful-req/s p50 p99 non2xx": only 2xx answers count as served
load() {
  local seconds=$1 connections=$2; shift 2
  wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --timeout 10s --latency "$@" | awk '
    / requests in / {requests=$1; duration=$4; sub(/s,?$/, "", duration)}
    /^ +50%/ {p50=$2}
    /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$5}
    END {bad = (bad == "" ? 0 : bad); printf "%.1f %s %s %s\n", (requests - bad) / duration, p50, p99, bad}'
}

# A path is driven in rounds of ROUND seconds until its rate stops rising (two rounds in a row no more than 3 % above
# the best so far, or DRIVE_LIMIT seconds), because a short fixed warm-up understates a path by as much as 3 times
# here; then it is measured in 3 rounds of MEASURE seconds, and the median round is recorded, its spread beside it.
measure() { # name drive(1)-or-not(0) url [wrk args]; records a row and sets LAST_RPS
  local name=$1 drive=$2 url=$3; shift 3
  local best=0 flat=0 driven=0 rps p50 p99 bad
  if [ "$drive" -gt 0 ]; then
    while [ "$flat" -lt 2 ] && [ "$driven" -lt "$DRIVE_LIMIT" ]; do
      read -r rps _ < <(load "$ROUND" 32 "$@" "$url")
      driven=$((driven + ROUND))
      if awk -v r="$rps" -v b="$best" 'BEGIN { exit !(r > b * 1.03) }'; then best=$rps; flat=0; else flat=$((flat + 1)); fi
    done
  fi
  : > "$WORK/rounds"
  for _ in 1 2 3; do load "$MEASURE" 32 "$@" "$url" >> "$WORK/rounds"; done
  read -r rps p50 p99 bad < <(sort -n -k1,1 "$WORK/rounds" | sed -n 2p)
  local spread
  spread=$(sort -n -k1,1 "$WORK/rounds" | awk 'NR == 1 {low = $1} {high = $1} END {printf "%.0f-%.0f", low, high}')
  LAST_RPS=$rps
  row "$name (driven ${driven} s; rounds $spread)" "$rps" "$p50" "$p99" "$bad"
  printf '  %-58s %10s req/s  p50 %-8s p99 %-8s non-2xx %s  (driven %s s, rounds %s)\n' "$name" "$rps" "$p50" "$p99" \
    "$bad" "$driven" "$spread"
}

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE")
LUA

echo "bare Micronaut (the ceiling)"
started=$(now_ms)
LATCHKEY_JAR=bench/bare/target/bare-micronaut.jar LATCHKEY_CDS=off bin/latchkey -micronaut.server.port=$BARE_PORT \
  > "$WORK/bare.log" 2>&1 &
BARE=$!
BARE_STARTUP=$(wait_for "$started" "http://127.0.0.1:$BARE_PORT/constant")
measure "bare: GET /constant" 1 "http://127.0.0.1:$BARE_PORT/constant"
BARE_RPS=$LAST_RPS
BARE_RSS=$(rss_mb "$BARE")
kill "$BARE"; wait "$BARE" 2>/dev/null || true; BARE=""

echo "Latchkey on H2 (embedded default)"
mkdir -p "$WORK/latchkey"
started=$(now_ms)
(cd "$WORK/latchkey" && exec env "${RAISED_LIMITS[@]}" MICRONAUT_SERVER_PORT=$PORT \
  LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
  LATCHKEY_OAUTH_ISSUER="$BASE" LATCHKEY_OAUTH_ACCESS_TOKEN_FORMAT=jwt "$OLDPWD/bin/latchkey" > service.log 2>&1) &
SERVICE=$!
LATCHKEY_STARTUP=$(wait_for "$started" "$BASE/.well-known/oauth-authorization-server")

ADMIN="admin:bench-admin-password"
issue_with() { curl -s -X POST "$BASE/api/v1/tokens" -H 'Content-Type: application/json' "$@"; }
seed_tokens() { # sets TOKEN, and INTROSPECTOR (which may introspect), issued with the administrator's password
  TOKEN=$(issue_with -u "$ADMIN" -d '{"description":"bench"}' | field token)
  INTROSPECTOR=$(issue_with -u "$ADMIN" -d '{"description":"introspector","scopes":["introspect"]}' | field token)
}
token_paths() { # label-prefix; the token check's paths on the running store; sets OPAQUE_RPS, SELF_RPS, ISSUE_RPS
  WRK_BODY="token=$TOKEN" WRK_CONTENT_TYPE="application/x-www-form-urlencoded" \
    measure "${1}introspection of an opaque token, caller by token" 1 "$BASE/oauth2/introspect" \
    -s "$WORK/post.lua" -H "Authorization: Bearer $INTROSPECTOR"
  OPAQUE_RPS=$LAST_RPS
  measure "${1}GET /api/v1/tokens/self with a bearer token" 1 "$BASE/api/v1/tokens/self" \
    -H "Authorization: Bearer $TOKEN"
  SELF_RPS=$LAST_RPS
  WRK_BODY='{"description":"by token","lifetimeSeconds":3600}' WRK_CONTENT_TYPE="application/json" \
    measure "${1}issuance with a token as credential" 1 "$BASE/api/v1/tokens" \
    -s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN"
  ISSUE_RPS=$LAST_RPS
}
seed_tokens
CLIENT=$(curl -s -u "$ADMIN" -X POST "$BASE/api/v1/clients" -H 'Content-Type: application/json' -d '{"name":"bench","grantTypes":["password"]}')
CLIENT_ID=$(echo "$CLIENT" | field clientId)
CLIENT_SECRET=$(echo "$CLIENT" | field clientSecret)
ACCESS_TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -X POST "$BASE/oauth2/token" \
  -d 'grant_type=password&username=admin&password=bench-admin-password' | field access_token)
case "$ACCESS_TOKEN" in eyJ*) ;; *) echo "expected a JWT access token, got: ${ACCESS_TOKEN:0:20} (client: ${CLIENT:0:60})" >&2; tail -20 "$WORK/latchkey/service.log" >&2; exit 1 ;; esac
ADMIN_BASIC=$(printf '%s' "$ADMIN" | base64 -w0)
WRONG_BASIC=$(printf '%s' "admin:not-the-password" | base64 -w0)

measure "no token work: RFC 8414 metadata" 1 "$BASE/.well-known/oauth-authorization-server"
NO_TOKEN_RPS=$LAST_RPS
token_paths ""
INTROSPECT_RPS=$OPAQUE_RPS H2_SELF_RPS=$SELF_RPS ISSUE_TOKEN_RPS=$ISSUE_RPS
WRK_BODY="token=$ACCESS_TOKEN" WRK_CONTENT_TYPE="application/x-www-form-urlencoded" \
  measure "introspection of a JWT, caller by token" 1 "$BASE/oauth2/introspect" \
  -s "$WORK/post.lua" -H "Authorization: Bearer $INTROSPECTOR"
INTROSPECT_JWT_RPS=$LAST_RPS

# The hash bound: one client at a time shows what one hash costs; N run at once.
WRK_BODY='{"description":"by password","lifetimeSeconds":3600}' WRK_CONTENT_TYPE="application/json" \
  load "$MEASURE" 1 -s "$WORK/post.lua" -H "Authorization: Basic $ADMIN_BASIC" "$BASE/api/v1/tokens" > "$WORK/one"
read -r ONE_CLIENT_RPS _ < "$WORK/one"
HASHES=$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))
WRK_BODY='{"description":"by password","lifetimeSeconds":3600}' WRK_CONTENT_TYPE="application/json" \
  measure "issuance with a password (Argon2id)" 0 "$BASE/api/v1/tokens" \
  -s "$WORK/post.lua" -H "Authorization: Basic $ADMIN_BASIC"
ISSUE_PASSWORD_RPS=$LAST_RPS

echo "  revocation latency (200 revocations, each answered after the lease)"
# The password load leaves hashes queued when wrk stops, each waiting at most the shipped 5 s: the revocations are
# measured after them, not beside them.
sleep 6
for _ in $(seq 1 200); do
  id=$(issue_with -H "Authorization: Bearer $TOKEN" -d '{"description":"to revoke"}' | field tokenId)
  curl -s -o /dev/null -w '%{time_total}\n' -X DELETE -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tokens/$id"
done | sort -n > "$WORK/revocations"
REVOKE_P50=$(awk '{a[NR]=$1} END {printf "%.0fms", a[int(NR*0.5)]*1000}' "$WORK/revocations")
REVOKE_P99=$(awk '{a[NR]=$1} END {printf "%.0fms", a[int(NR*0.99)]*1000}' "$WORK/revocations")
row "revocation answer (lease included)" "-" "$REVOKE_P50" "$REVOKE_P99" "0"
echo "  revocation: p50 $REVOKE_P50 p99 $REVOKE_P99"
LATCHKEY_RSS=$(rss_mb "$SERVICE")

stored_tokens() { # count: adds tokens straight into the stopped service's H2 file, 50 k per transaction
  local count=$1 sql="" chunk
  for ((added = 0; added < count; added += 50000)); do
    chunk=$(( count - added < 50000 ? count - added : 50000 ))
    sql+="INSERT INTO token (id, owner_id, kind, description, scopes, secret_hash, created_at) \
          SELECT RANDOM_UUID(), (SELECT id FROM account WHERE username = 'admin'), 'PERSONAL', 'bulk', '', \
          LOWER(RAWTOHEX(HASH('SHA-256', CAST(RANDOM_UUID() AS VARCHAR)))), CURRENT_TIMESTAMP \
          FROM SYSTEM_RANGE(1, $chunk);"
  done
  "$JAVA" -cp "$H2_JAR" org.h2.tools.Shell \
    -url "jdbc:h2:file:$WORK/latchkey/data/latchkey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" -user sa -password '' \
    -sql "$sql" > /dev/null
}
restart() {
  kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true
  # The store as issuance left it, for its own ceiling to be measured on (H2 serves one process at a time).
  [ -d "$WORK/ceiling" ] || cp -r "$WORK/latchkey/data" "$WORK/ceiling"
  stored_tokens "$1"
  (cd "$WORK/latchkey" && MICRONAUT_SERVER_PORT=$PORT LATCHKEY_OAUTH_ISSUER="$BASE" LATCHKEY_OAUTH_ACCESS_TOKEN_FORMAT=jwt \
    exec "$OLDPWD/bin/latchkey" >> service.log 2>&1) &
  SERVICE=$!
  RESTART_STARTUP=$(wait_for "$(now_ms)" "$BASE/.well-known/oauth-authorization-server")
}
echo "  stored tokens: 10 k, then 1 M"
restart 10000
RESTART_STARTUP_10K=$RESTART_STARTUP
measure "GET /self with 10 k stored tokens" 1 "$BASE/api/v1/tokens/self" -H "Authorization: Bearer $TOKEN"
TEN_K_RPS=$LAST_RPS
echo "  login flood, limits as shipped: 64 wrong-password clients while 32 bearer clients call /self"
# The flood runs for a path warm-up before bearer traffic is measured, as every path is warmed: its first seconds
# run the refusal path's code cold (and hash the few attempts the allowances admit).
wrk -t1 -c64 -d"$((PATH_WARMUP + MEASURE + 2))s" -H "Authorization: Basic $WRONG_BASIC" "$BASE/api/v1/tokens/self" \
  > "$WORK/flood" 2>&1 &
FLOOD=$!
sleep "$PATH_WARMUP"
read -r flood_rps flood_p50 flood_p99 flood_bad < <(load "$MEASURE" 32 -H "Authorization: Bearer $TOKEN" \
  "$BASE/api/v1/tokens/self")
wait "$FLOOD" || true
kill -0 "$SERVICE" || { echo "the service died during the login flood" >&2; exit 1; }
curl -s -f -o /dev/null "$BASE/.well-known/oauth-authorization-server" || { echo "port not answering" >&2; exit 1; }
row "bearer /self during a login flood" "$flood_rps" "$flood_p50" "$flood_p99" "$flood_bad"
printf '  %-58s %10s req/s  p50 %-8s p99 %-8s non-2xx %s\n' "bearer /self during a login flood" "$flood_rps" \
  "$flood_p50" "$flood_p99" "$flood_bad"
FLOOD_RPS=$flood_rps
QUIET_RPS=$TEN_K_RPS

restart 990000
measure "GET /self with 1 M stored tokens" 1 "$BASE/api/v1/tokens/self" -H "Authorization: Bearer $TOKEN"
ONE_M_RPS=$LAST_RPS

echo "Latchkey on PostgreSQL"
kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; SERVICE=""
if [ -n "$PG_BIN" ]; then
  # A local server as shipped (fsync and synchronous_commit on), so that a 201 is as durable as on H2.
  start_postgres "$PG_PORT"
  mkdir -p "$WORK/latchkey-pg"
  started=$(now_ms)
  (cd "$WORK/latchkey-pg" && exec env "${RAISED_ISSUANCE[@]}" MICRONAUT_SERVER_PORT=$PORT \
    DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" DATASOURCES_DEFAULT_USERNAME=postgres \
    DATASOURCES_DEFAULT_PASSWORD=unused LATCHKEY_MASTER_KEY="$(head -c 32 /dev/urandom | base64 -w0)" \
    LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
    LATCHKEY_OAUTH_ISSUER="$BASE" "$OLDPWD/bin/latchkey" > service.log 2>&1) &
  SERVICE=$!
  PG_STARTUP=$(wait_for "$started" "$BASE/.well-known/oauth-authorization-server")
  seed_tokens
  token_paths "PostgreSQL: "
  PG_INTROSPECT_RPS=$OPAQUE_RPS PG_SELF_RPS=$SELF_RPS PG_ISSUE_TOKEN_RPS=$ISSUE_RPS
  PG_RSS=$(rss_mb "$SERVICE")
  kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; SERVICE=""
else
  echo "  no PostgreSQL server binaries here (apt-get install postgresql): skipped" >&2
  PG_STARTUP="-" PG_INTROSPECT_RPS=0 PG_SELF_RPS=0 PG_ISSUE_TOKEN_RPS="-" PG_RSS="-"
fi

# The store's own limit for issuance: token rows inserted one per durable transaction over the service's URL, by one
# connection and by as many as the service's pool holds (bench/jmh's StoreCeiling); the better of the two is the
# ceiling issuance is set against.
ceiling() { # url user password; prints "best-rows/s (1: r1, 8: r8)"
  "$JAVA" -cp bench/jmh/target/benchmarks.jar dev.latchkey.bench.StoreCeiling "$1" "$2" "$3" admin "$ROUND" 1 8 \
    > "$WORK/ceiling.out"
  awk '{rate[$1] = $2; if ($2 > best) best = $2} END {printf "%d (1 connection: %d, 8: %d)", best, rate[1], rate[8]}' \
    "$WORK/ceiling.out"
}
echo "the stores' own ceilings for issuance: one token row per durable transaction"
H2_CEILING=$(ceiling "jdbc:h2:file:$WORK/ceiling/latchkey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0" sa '')
echo "  H2: $H2_CEILING rows/s"
PG_CEILING="-"
if [ -n "$PG_DIR" ]; then
  PG_CEILING=$(ceiling "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" postgres unused)
  echo "  PostgreSQL: $PG_CEILING rows/s"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }
echo
echo "| case | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for r in "${ROWS[@]}"; do IFS='|' read -r name rps p50 p99 bad <<< "$r"; echo "| $name | $rps | $p50 | $p99 | $bad |"; done
echo
echo "| target | measured |"
echo "|---|---|"
echo "| introspection of an opaque token ≥ 0.6 × bare | $(ratio "$INTROSPECT_RPS" "$BARE_RPS") |"
echo "| introspection of a JWT (no target) | $(ratio "$INTROSPECT_JWT_RPS" "$BARE_RPS") |"
echo "| /self with a bearer token ≥ 0.6 × bare | $(ratio "$H2_SELF_RPS" "$BARE_RPS") |"
echo "| no-token-work endpoint ≥ 0.85 × bare | $(ratio "$NO_TOKEN_RPS" "$BARE_RPS") |"
echo "| issuance with a token ≥ 8000 req/s on H2, or ≥ 0.8 × the store's ceiling | $ISSUE_TOKEN_RPS req/s; ceiling $H2_CEILING rows/s: $(ratio "$ISSUE_TOKEN_RPS" "${H2_CEILING%% *}") |"
echo "| issuance with a token ≥ 3000 req/s on PostgreSQL, or ≥ 0.8 × the store's ceiling | $PG_ISSUE_TOKEN_RPS req/s; ceiling $PG_CEILING rows/s: $(ratio "${PG_ISSUE_TOKEN_RPS/-/0}" "${PG_CEILING%% *}") |"
echo "| PostgreSQL: introspection of an opaque token (no target of its own) | $(ratio "$PG_INTROSPECT_RPS" "$BARE_RPS") |"
echo "| PostgreSQL: /self (no target of its own) | $(ratio "$PG_SELF_RPS" "$BARE_RPS") |"
echo "| issuance with a password ≥ 0.9 × hash bound ($HASHES × $ONE_CLIENT_RPS/s) | $(ratio "$ISSUE_PASSWORD_RPS" "$(awk -v n="$HASHES" -v r="$ONE_CLIENT_RPS" 'BEGIN {print n * r}')") |"
echo "| bearer during a login flood ≥ 0.5 × quiet (the 10 k run just before) | $(ratio "$FLOOD_RPS" "$QUIET_RPS") |"
echo "| inspection with 1 M stored tokens ≥ 0.9 × with 10 k | $(ratio "$ONE_M_RPS" "$TEN_K_RPS") |"
echo "| revocation answer p99 ≤ 250 ms | $REVOKE_P99 |"
echo "| startup to first response ≤ 1.5 s, or ≤ 1.0 × bare | Latchkey: restart ${RESTART_STARTUP_10K} ms, first start on a new store ${LATCHKEY_STARTUP} ms (on PostgreSQL ${PG_STARTUP} ms); bare ${BARE_STARTUP} ms |"
echo "| RSS after the mixed load ≤ 256 MB | Latchkey ${LATCHKEY_RSS} MB (on PostgreSQL ${PG_RSS} MB), bare ${BARE_RSS} MB |"
echo
echo "bare ceiling: $BARE_RPS req/s; JVM: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load average at the start: $LOAD_AT_START$(awk -v l="$LOAD_AT_START" 'BEGIN { if (l > 1.5) printf " (above 1.5: a busy machine)" }')"
