#!/usr/bin/env bash
# Load figures for Latchkey's hot paths, measured against the same service in one run, reported as ratios.
#
# Starts the packaged service on a fresh H2 store (or on PostgreSQL if DATASOURCES_DEFAULT_URL is set), creates what
# each scenario needs through the public API, then drives each endpoint with wrk on loopback for a bounded time.
# The baseline is an endpoint that does no token work at all (RFC 8414 metadata), so each ratio says what a
# scenario costs relative to the bare framework on this machine.
#
# Usage: bench/run-wrk.sh [seconds-per-scenario]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_SCENARIO=${1:-10}
PORT=${PORT:-18080}
BASE="http://localhost:$PORT"
WORK=$(mktemp -d)
trap 'kill "$SERVICE" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f token-bootstrap/target/latchkey.jar ] || mvn -B -q package -DskipTests
(cd "$WORK" && MICRONAUT_SERVER_PORT=$PORT LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin \
  LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
  exec java -Xmx512m -jar "$OLDPWD/token-bootstrap/target/latchkey.jar" > service.log 2>&1) &
SERVICE=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "$BASE/.well-known/oauth-authorization-server" && break; sleep 1; done

ADMIN="admin:bench-admin-password"
TOKEN=$(curl -s -u "$ADMIN" -X POST "$BASE/api/v1/tokens" -H 'Content-Type: application/json' -d '{"description":"bench"}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')
CLIENT=$(curl -s -u "$ADMIN" -X POST "$BASE/api/v1/clients" -H 'Content-Type: application/json' -d '{"name":"bench"}')
CLIENT_ID=$(echo "$CLIENT" | sed -E 's/.*"clientId":"([^"]+)".*/\1/')
CLIENT_SECRET=$(echo "$CLIENT" | sed -E 's/.*"clientSecret":"([^"]+)".*/\1/')
CLIENT_BASIC=$(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)
ADMIN_BASIC=$(printf '%s' "$ADMIN" | base64 -w0)

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE")
LUA

run() { # name, then wrk arguments after the URL
  local name=$1 url=$2; shift 2
  local rps
  rps=$(wrk -t2 -c32 -d"${SECONDS_PER_SCENARIO}s" --latency "$@" "$url" | awk '/Requests\/sec/ {print $2}')
  printf '%-48s %10s req/s\n' "$name" "$rps"
  eval "RPS_$(echo "$name" | tr -c 'A-Za-z0-9' '_')=$rps"
  RESULTS+=("$name:$rps")
}

RESULTS=()
echo "warming up"; wrk -t2 -c32 -d5s "$BASE/.well-known/oauth-authorization-server" > /dev/null
run "baseline: metadata, no token work" "$BASE/.well-known/oauth-authorization-server"
run "bearer token: GET /api/v1/tokens/self" "$BASE/api/v1/tokens/self" -H "Authorization: Bearer $TOKEN"
WRK_BODY="token=$TOKEN" WRK_CONTENT_TYPE="application/x-www-form-urlencoded" \
  run "introspection by a client: /oauth2/introspect" "$BASE/oauth2/introspect" -s "$WORK/post.lua" \
  -H "Authorization: Basic $CLIENT_BASIC"
WRK_BODY="token=$TOKEN&peek=true" WRK_CONTENT_TYPE="application/x-www-form-urlencoded" \
  run "introspection, peek (no use recorded)" "$BASE/oauth2/introspect" -s "$WORK/post.lua" \
  -H "Authorization: Basic $CLIENT_BASIC"
WRK_BODY='{}' WRK_CONTENT_TYPE="application/json" \
  run "issue with a password (Argon2id): POST /api/v1/tokens" "$BASE/api/v1/tokens" -s "$WORK/post.lua" \
  -H "Authorization: Basic $ADMIN_BASIC"

echo
BASELINE=${RESULTS[0]##*:}
echo "ratios to the baseline (same run, same machine):"
for result in "${RESULTS[@]}"; do
  awk -v name="${result%:*}" -v rps="${result##*:}" -v base="$BASELINE" \
    'BEGIN { printf "  %-48s %6.3f\n", name, rps / base }'
done
echo "resident memory of the service after the run: $(ps -o rss= -p "$SERVICE" | awk '{printf "%.0f MB", $1/1024}')"
