#!/usr/bin/env bash
# Webhook delivery as a receiver sees it (issue 25), in one run: the latency from each event's timestamp (taken just
# before its transaction commits) to its receipt, p50 and p99, at a steady rate of token issuance; then the throughput
# of deliveries to one receiver after a burst. Latchkey runs on the embedded H2 store with the shipped webhook settings
# (a poll every second) unless POLL is set; the bare Micronaut app's round trip, measured by the same client in the
# same run, is the reference.
#
# Usage: bench/webhooks.sh [measure-seconds]
#   WARMUP=45   seconds of steady issuance before the measurement (JIT)
#   RATE=20     events per second during warm-up and measurement
#   BURST=2000  events issued at once for the throughput
#   POLL=1s     latchkey.webhooks.poll-interval
#   JAVA=java   the JVM that runs both servers
# Writes nothing outside a temporary directory and target/; stops only the processes it started, by their PID.
set -euo pipefail
cd "$(dirname "$0")/.."

MEASURE=${1:-60}
WARMUP=${WARMUP:-45}
RATE=${RATE:-20}
BURST=${BURST:-2000}
POLL=${POLL:-1s}
JAVA=${JAVA:-java}
PORT=18080
BARE_PORT=18090
WORK=$(mktemp -d)
SERVICE=""
BARE=""
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  for pid in $SERVICE $BARE; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "building the service and the bare app"
  mvn -B -q -Pbench package -DskipTests
fi
export LATCHKEY_JAVA="$JAVA"

LATCHKEY_JAR=bench/bare/target/bare-micronaut.jar LATCHKEY_CDS=off bin/latchkey -micronaut.server.port=$BARE_PORT \
  > "$WORK/bare.log" 2>&1 &
BARE=$!
wait_for "$(now_ms)" "http://127.0.0.1:$BARE_PORT/constant" 60 > /dev/null

(cd "$WORK" && exec env MICRONAUT_SERVER_PORT=$PORT LATCHKEY_BOOTSTRAP_ADMIN_USERNAME=admin \
  LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password LATCHKEY_WEBHOOKS_ALLOW_INSECURE_DESTINATIONS=true \
  LATCHKEY_WEBHOOKS_POLL_INTERVAL="$POLL" LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_MINUTE=100000000 \
  LATCHKEY_ISSUANCE_PER_ACCOUNT_TOKENS_PER_HOUR=200000000 LATCHKEY_ISSUANCE_MAXIMUM_ACTIVE_TOKENS_PER_ACCOUNT=100000000 \
  "$OLDPWD/bin/latchkey" > service.log 2>&1) &
SERVICE=$!
wait_for "$(now_ms)" "http://127.0.0.1:$PORT/.well-known/oauth-authorization-server" 120 > /dev/null

echo "Latchkey on H2, poll interval $POLL"
"$JAVA" bench/webhooks/WebhookLatency.java "http://127.0.0.1:$PORT" bench-admin-password \
  "http://127.0.0.1:$BARE_PORT" "$WARMUP" "$MEASURE" "$RATE" "$BURST"
