# Helpers shared by bench/run.sh and bench/soak.sh (sourced, not run).

now_ms() { date +%s%3N; }

wait_for() { # started-ms url [seconds, default 12]; prints milliseconds waited
  local started=$1 url=$2 tries=$(( ${3:-12} * 50 ))
  for _ in $(seq 1 "$tries"); do
    if curl -s -o /dev/null -f "$url"; then echo $(( $(now_ms) - started )); return 0; fi
    sleep 0.02
  done
  echo "no answer from $url" >&2; return 1
}

rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\\1/"; }

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
PG_DIR=""

as_postgres() { # Debian's initdb and server refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() { # port; a new local server as shipped (fsync and synchronous_commit on), in a new PG_DIR
  PG_DIR=$(mktemp -d)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres > "$PG_DIR/initdb.log" 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $1 -k $PG_DIR -c listen_addresses=127.0.0.1" start > /dev/null
}

stop_postgres() {
  if [ -n "$PG_DIR" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
