#!/usr/bin/env bash
# Where one path's time goes, before anyone changes it (issue 27): starts Latchkey on a new H2 store, drives the path
# with wrk until its rate stops rising, then records 20 s of it with JFR (the profile settings) and prints the
# methods that burn the most CPU (bench/jfr-top.py). The bare Micronaut app can be profiled the same way.
#
# Usage: bench/profile.sh self|introspect|metadata|issue|bare [how-many-methods]
#   ROUND=10 DRIVE_LIMIT=120  as bench/run.sh;  JAVA=java  the JVM;  KEEP=file.jfr  keep the recording there
#   STORE=postgresql          on a PostgreSQL server started here (Debian's packages), as bench/run.sh's second half
# Stops only the process it started, by its PID; writes nothing outside a temporary directory (and KEEP).
set -euo pipefail
cd "$(dirname "$0")/.."
PATH_NAME=${1:?self, introspect, metadata, issue or bare}
TOP=${2:-30}
ROUND=${ROUND:-10}
DRIVE_LIMIT=${DRIVE_LIMIT:-120}
JAVA=${JAVA:-java}
PORT=18080
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVICE=""
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  [ -n "$SERVICE" ] && kill "$SERVICE" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
export LATCHKEY_JAVA="$JAVA"
JCMD="$(dirname "$(command -v "$JAVA")")/jcmd"
[ -x "$JCMD" ] || JCMD=jcmd

if [ "$PATH_NAME" = bare ]; then
  LATCHKEY_JAR=bench/bare/target/bare-micronaut.jar LATCHKEY_CDS=off bin/latchkey -micronaut.server.port=$PORT \
    > "$WORK/service.log" 2>&1 &
  SERVICE=$!
  wait_for "$(now_ms)" "$BASE/constant" 60 > /dev/null
  ARGS=("$BASE/constant")
else
  STORE_SETTINGS=()
  if [ "${STORE:-h2}" = postgresql ]; then
    [ -n "$PG_BIN" ] || { echo "STORE=postgresql needs Debian's postgresql" >&2; exit 2; }
    start_postgres 15434
    STORE_SETTINGS=(DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:15434/postgres"
      DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD=unused
      LATCHKEY_MASTER_KEY="$(head -c 32 /dev/urandom | base64 -w0)")
  fi
  (cd "$WORK" && exec env "${STORE_SETTINGS[@]}" MICRONAUT_SERVER_PORT=$PORT LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin \
    LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password LATCHKEY_OAUTH_ISSUER="$BASE" \
    LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_MINUTE=100000000 LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_HOUR=200000000 \
    LATCHKEY_ISSUANCE_MAXIMUM_ACTIVE_TOKENS_PER_ACCOUNT=100000000 "$OLDPWD/bin/latchkey" > service.log 2>&1) &
  SERVICE=$!
  wait_for "$(now_ms)" "$BASE/.well-known/oauth-authorization-server" 120 > /dev/null
  # A personal token, as bench/run.sh uses: it may introspect, and it may issue tokens (an OAuth access token may not).
  TOKEN=$(curl -s -u admin:bench-admin-password -H 'Content-Type: application/json' "$BASE/api/v1/tokens" \
    -d '{"description":"profiled","scopes":["introspect"]}' | field token)
  cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE")
LUA
  case "$PATH_NAME" in
    self) ARGS=(-H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tokens/self") ;;
    introspect) export WRK_BODY="token=$TOKEN" WRK_CONTENT_TYPE=application/x-www-form-urlencoded
      ARGS=(-s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN" "$BASE/oauth2/introspect") ;;
    metadata) ARGS=("$BASE/.well-known/oauth-authorization-server") ;;
    issue) export WRK_BODY='{"description":"profiled","lifetimeSeconds":3600}' WRK_CONTENT_TYPE=application/json
      ARGS=(-s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/tokens") ;;
    *) echo "unknown path $PATH_NAME" >&2; exit 2 ;;
  esac
fi

# A round's rate; a round that had answers other than 2xx says so on stderr, since a fast refusal is no measurement.
rate() {
  wrk -t2 -c32 -d"$1s" "${ARGS[@]}" > "$WORK/round"
  awk '/Non-2xx/ {print "warning: " $5 " answers were not 2xx" > "/dev/stderr"}' "$WORK/round"
  awk '/Requests\/sec/ {print $2}' "$WORK/round"
}
best=0 flat=0 driven=0
while [ "$flat" -lt 2 ] && [ "$driven" -lt "$DRIVE_LIMIT" ]; do
  rps=$(rate "$ROUND"); driven=$((driven + ROUND))
  if awk -v r="$rps" -v b="$best" 'BEGIN { exit !(r > b * 1.03) }'; then best=$rps; flat=0; else flat=$((flat + 1)); fi
done
echo "$PATH_NAME: plateau about $best req/s after $driven s; recording 20 s"
"$JCMD" "$SERVICE" JFR.start name=profile settings=profile filename="$WORK/profile.jfr" > /dev/null
rate 20 > "$WORK/recorded-rate"
"$JCMD" "$SERVICE" JFR.stop name=profile > /dev/null
echo "while recorded: $(cat "$WORK/recorded-rate") req/s"
[ -n "${KEEP:-}" ] && cp "$WORK/profile.jfr" "$KEEP"
python3 bench/jfr-top.py "$WORK/profile.jfr" "$TOP"
